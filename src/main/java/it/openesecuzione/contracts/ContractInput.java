package it.openesecuzione.contracts;

import it.openesecuzione.shared.Cig;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.Cup;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.InvalidValueException;
import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.PartitaIva;
import it.openesecuzione.shared.Percentage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A contract as submitted by the API or a form, not yet trusted. Field names are those of the
 * API; {@link #validate()} reports every wrong field under that name.
 */
public record ContractInput(
        String oggetto,
        Tipologia tipologia,
        Settore settore,
        Boolean sopraSoglia,
        Boolean concessione,
        Procedura procedura,
        BigDecimal importoBaseGara,
        BigDecimal ribasso,
        BigDecimal importoContrattuale,
        BigDecimal oneriSicurezza,
        Integer durataGiorni,
        String cup,
        List<LotInput> lotti,
        AwardeeInput aggiudicatario,
        List<RtiMemberInput> rti,
        Long rupId,
        Long direttoreId,
        Long collaudatoreId,
        Long delegatoId,
        UUID idAppalto,
        UUID idContratto) {

    public record LotInput(String cig, String descrizione) {
    }

    public record AwardeeInput(String denominazione, String codiceFiscale, String partitaIva) {
    }

    public record RtiMemberInput(String denominazione, String codiceFiscale, RtiMember.Ruolo ruolo, BigDecimal quota) {
    }

    static final int MAX_OGGETTO = 2000;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /** Checks every field and the rules between them; throws with all violations at once. */
    public ContractTerms validate() {
        List<FieldViolation> violations = new ArrayList<>();
        Checker check = new Checker(violations);

        String subject = oggetto == null ? "" : oggetto.strip();
        if (subject.isEmpty()) {
            violations.add(new FieldViolation("oggetto", oggetto, "L'oggetto del contratto è obbligatorio"));
        } else if (subject.length() > MAX_OGGETTO) {
            violations.add(new FieldViolation("oggetto", null, "L'oggetto supera " + MAX_OGGETTO + " caratteri"));
        }
        check.required("tipologia", tipologia, "Indicare la tipologia (lavori, servizi o forniture)");
        check.required("settore", settore, "Indicare il settore (ordinario o speciale)");
        check.required("sopraSoglia", sopraSoglia, "Indicare se il contratto è sopra o sotto la soglia europea");
        check.required("concessione", concessione, "Indicare se si tratta di una concessione");
        check.required("procedura", procedura, "Indicare la procedura di scelta del contraente");

        Money base = check.money("importoBaseGara", importoBaseGara, true);
        Money contractual = check.money("importoContrattuale", importoContrattuale, true);
        Money safety = check.money("oneriSicurezza", oneriSicurezza, false);
        Percentage discount = check.value("ribasso", ribasso == null ? null : ribasso.toPlainString(),
                () -> Percentage.of(ribasso), "Indicare il ribasso percentuale offerto (0 se nessuno)");
        if (base != null && contractual != null && contractual.compareTo(base) > 0) {
            violations.add(new FieldViolation("importoContrattuale", contractual.toString(),
                    "L'importo contrattuale non può superare l'importo a base di gara (" + base.formatIt() + ")"));
        }
        if (safety != null && contractual != null && safety.compareTo(contractual) > 0) {
            violations.add(new FieldViolation("oneriSicurezza", safety.toString(),
                    "Gli oneri per la sicurezza non possono superare l'importo contrattuale"));
        }
        if (durataGiorni == null || durataGiorni <= 0) {
            violations.add(new FieldViolation("durataGiorni", String.valueOf(durataGiorni),
                    "Indicare la durata del contratto in giorni (numero intero positivo)"));
        }
        Cup parsedCup = cup == null || cup.isBlank() ? null
                : check.value("cup", cup, () -> new Cup(cup), null);

        List<Lot> lots = lots(check, violations);
        OperatoreEconomico awardee = awardee(check, violations);
        List<RtiMember> members = rtiMembers(check, violations);
        if (rupId == null) {
            violations.add(new FieldViolation("rupId", null, "Indicare il RUP del contratto"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new ContractTerms(subject, tipologia, settore, sopraSoglia, concessione, procedura, base, discount,
                contractual, safety == null ? Money.ZERO : safety, durataGiorni, parsedCup, lots, awardee, members,
                rupId, direttoreId, collaudatoreId, delegatoId, idAppalto, idContratto);
    }

    private List<Lot> lots(Checker check, List<FieldViolation> violations) {
        List<Lot> lots = new ArrayList<>();
        if (lotti == null || lotti.isEmpty()) {
            violations.add(new FieldViolation("lotti", null, "Indicare almeno un lotto con il suo CIG"));
            return lots;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lotti.size(); i++) {
            LotInput lot = lotti.get(i);
            String field = "lotti[" + i + "].cig";
            String raw = lot == null ? null : lot.cig();
            Cig cig = check.value(field, raw, () -> new Cig(raw), "Il CIG è obbligatorio");
            if (cig != null && !seen.add(cig.value())) {
                violations.add(new FieldViolation(field, cig.value(), "CIG " + cig.value() + " ripetuto in più lotti"));
            } else if (cig != null) {
                String description = lot.descrizione() == null || lot.descrizione().isBlank() ? null : lot.descrizione().strip();
                lots.add(new Lot(cig, description));
            }
        }
        return lots;
    }

    private OperatoreEconomico awardee(Checker check, List<FieldViolation> violations) {
        if (aggiudicatario == null) {
            violations.add(new FieldViolation("aggiudicatario", null, "Indicare l'operatore economico aggiudicatario"));
            return null;
        }
        String name = aggiudicatario.denominazione() == null ? "" : aggiudicatario.denominazione().strip();
        if (name.isEmpty()) {
            violations.add(new FieldViolation("aggiudicatario.denominazione", null,
                    "Indicare la denominazione dell'aggiudicatario"));
        }
        String cf = aggiudicatario.codiceFiscale();
        CodiceFiscale codiceFiscale = check.value("aggiudicatario.codiceFiscale", cf, () -> new CodiceFiscale(cf),
                "Il codice fiscale dell'aggiudicatario è obbligatorio");
        String vat = aggiudicatario.partitaIva();
        PartitaIva partitaIva = vat == null || vat.isBlank() ? null
                : check.value("aggiudicatario.partitaIva", vat, () -> new PartitaIva(vat), null);
        return name.isEmpty() || codiceFiscale == null ? null : new OperatoreEconomico(name, codiceFiscale, partitaIva);
    }

    private List<RtiMember> rtiMembers(Checker check, List<FieldViolation> violations) {
        List<RtiMember> members = new ArrayList<>();
        if (rti == null || rti.isEmpty()) {
            return members;
        }
        if (rti.size() < 2) {
            violations.add(new FieldViolation("rti", null, "Un raggruppamento (RTI) ha almeno due componenti"));
        }
        BigDecimal total = BigDecimal.ZERO;
        int leaders = 0;
        for (int i = 0; i < rti.size(); i++) {
            RtiMemberInput member = rti.get(i);
            String prefix = "rti[" + i + "].";
            String name = member.denominazione() == null ? "" : member.denominazione().strip();
            if (name.isEmpty()) {
                violations.add(new FieldViolation(prefix + "denominazione", null, "Indicare la denominazione del componente"));
            }
            CodiceFiscale cf = check.value(prefix + "codiceFiscale", member.codiceFiscale(),
                    () -> new CodiceFiscale(member.codiceFiscale()), "Il codice fiscale del componente è obbligatorio");
            check.required(prefix + "ruolo", member.ruolo(), "Indicare se il componente è mandataria o mandante");
            BigDecimal quota = member.quota();
            if (quota == null || quota.signum() <= 0 || quota.compareTo(HUNDRED) > 0) {
                violations.add(new FieldViolation(prefix + "quota", String.valueOf(quota),
                        "La quota deve essere una percentuale maggiore di 0 e non superiore a 100"));
            } else {
                total = total.add(quota);
            }
            if (member.ruolo() == RtiMember.Ruolo.MANDATARIA) {
                leaders++;
            }
            if (!name.isEmpty() && cf != null && member.ruolo() != null && quota != null) {
                members.add(new RtiMember(name, cf, member.ruolo(), quota));
            }
        }
        if (leaders != 1) {
            violations.add(new FieldViolation("rti", null, "Il raggruppamento deve avere una e una sola mandataria"));
        }
        if (total.compareTo(HUNDRED) != 0 && members.size() == rti.size()) {
            violations.add(new FieldViolation("rti", total.toPlainString(),
                    "Le quote dei componenti devono sommare a 100% (ora " + total.stripTrailingZeros().toPlainString() + "%)"));
        }
        return members;
    }

    /** Collects violations instead of throwing at the first one. */
    private record Checker(List<FieldViolation> violations) {

        void required(String field, Object value, String message) {
            if (value == null) {
                violations.add(new FieldViolation(field, null, message));
            }
        }

        Money money(String field, BigDecimal value, boolean required) {
            if (value == null) {
                if (required) {
                    violations.add(new FieldViolation(field, null, "L'importo è obbligatorio"));
                }
                return null;
            }
            if (value.signum() < 0) {
                violations.add(new FieldViolation(field, value.toPlainString(), "L'importo non può essere negativo"));
                return null;
            }
            if (value.stripTrailingZeros().scale() > 2) {
                violations.add(new FieldViolation(field, value.toPlainString(), "L'importo ha più di due decimali"));
                return null;
            }
            if (value.compareTo(new BigDecimal("9999999999999.99")) > 0) {
                violations.add(new FieldViolation(field, value.toPlainString(), "L'importo è fuori scala"));
                return null;
            }
            return Money.of(value);
        }

        <T> T value(String field, String raw, Supplier<T> parse, String messageIfMissing) {
            if (raw == null || raw.isBlank()) {
                if (messageIfMissing != null) {
                    violations.add(new FieldViolation(field, raw, messageIfMissing));
                }
                return null;
            }
            try {
                return parse.get();
            } catch (InvalidValueException e) {
                violations.add(new FieldViolation(field, raw, e.getMessage()));
                return null;
            }
        }
    }
}
