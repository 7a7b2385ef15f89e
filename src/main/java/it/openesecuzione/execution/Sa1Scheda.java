package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * SA1, the stato di avanzamento (model modello-dati-schede-SA1, rules SA1.dmn): a progress
 * statement (SAL) with its payment certificate or mandate, the advance payment (anticipazione,
 * art. 125) if any, the schedule status and the extensions (proroghe) not due to modifications.
 * The platform derives idContratto, checks that the cumulative impSal does not go down from the
 * previous SA1, bounds the advance by the contract value, and counts the proroghe in the term.
 */
final class Sa1Scheda {

    static final String VERSION = "1.0";
    /** Art. 125 c. 1: the advance is 20% of the contract value... */
    static final BigDecimal ADVANCE_RATE = new BigDecimal("0.20");
    /** ...and up to 30% only if the tender documents allowed it: the platform does not know, so it warns. */
    static final BigDecimal MAX_ADVANCE_RATE = new BigDecimal("0.30");
    /** Art. 125 c. 1: the advance is paid within 15 days of the actual start. */
    static final int ADVANCE_DAYS = 15;
    /** Payment certificate within 7 days of the SAL (domain.md: *verify*), so only a warning. */
    static final int CERTIFICATE_DAYS = 7;

    /** ANAC's tipologica modalitaPagamento: money, transfer of real estate, both. */
    static final Set<String> MODALITA_PAGAMENTO = Set.of("1", "2", "3");
    /** ANAC's tipologica avanzamento. */
    static final String ON_TIME = "9";
    static final String AHEAD = "10";
    static final String LATE = "11";
    static final Set<String> AVANZAMENTO = Set.of(ON_TIME, AHEAD, LATE);

    private Sa1Scheda() {
    }

    static SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        Map<String, Object> section = Schede.section(data, "avanzamento", errors);
        Schede.checkIdContratto(facts, data, errors);
        FormReader form = new FormReader(section, "avanzamento", errors);
        String name = section == null || !form.has("denominazioneAvanzamento") ? null
                : section.get("denominazioneAvanzamento").toString().trim();
        form.missing("denominazioneAvanzamento", name == null);
        String payment = section == null ? null
                : Schede.coded(section, "modalitaPagamento", "avanzamento.modalitaPagamento", MODALITA_PAGAMENTO, errors);
        String progress = section == null ? null
                : Schede.coded(section, "avanzamento", "avanzamento.avanzamento", AVANZAMENTO, errors);
        BigDecimal advance = euro(form, "impAnticipazione", false, errors);
        LocalDate advanceCertificate = form.date("dataCertificatoAnticipazione", false);
        LocalDate salDate = form.date("dataAvanzamento", true);
        BigDecimal sal = euro(form, "impSal", true, errors);
        LocalDate certificateDate = form.date("dataCertificatoMandatoPagamento", false);
        BigDecimal certificate = euro(form, "impCertificatoMandatoPagamento", false, errors);
        Integer deviation = nonNegative(form, "numGiorniScostamento", errors);
        Integer extension = nonNegative(form, "numGiorniProroga", errors);

        // ANAC's rules (SA1.dmn), with ANAC's codes.
        if (advance != null && advance.signum() > 0 && advanceCertificate == null) {
            errors.add(AnacErrors.error("REG64", "avanzamento.dataCertificatoAnticipazione"));
        }
        // An unreadable advance is already reported as such: REG72 is for an advance absent or zero.
        if ((advance == null ? !form.has("impAnticipazione") : advance.signum() == 0) && advanceCertificate != null) {
            errors.add(AnacErrors.error("REG72", "avanzamento.dataCertificatoAnticipazione"));
        }

        List<String> warnings = new ArrayList<>();
        // A SAL measures work done since the handover: without I1 there is none (SA1 may follow SO1 in ANAC's table).
        if (timeline.handedOverOn() == null) {
            errors.add(new SchedaError(SchedaError.STATE, "avanzamento", advance != null && advance.signum() > 0
                    ? "L'anticipazione si corrisponde dopo l'effettivo inizio della prestazione: registrare prima l'avvio (scheda I1)"
                    : "Lo stato di avanzamento richiede l'avvio dell'esecuzione: registrare prima la scheda I1"));
        } else if (salDate != null && salDate.isBefore(timeline.handedOverOn())) {
            errors.add(new SchedaError(SchedaError.DATES, "avanzamento.dataAvanzamento",
                    "Lo stato di avanzamento non può precedere la consegna (" + timeline.handedOverOn() + ")"));
        }
        checkAdvance(facts, timeline, advance, advanceCertificate, errors, warnings);

        // impSal is cumulative ("progressivo"): it never goes down, and SAL follow one another in time.
        RecordedScheda previous = timeline.progressStatements().isEmpty() ? null
                : timeline.progressStatements().get(timeline.progressStatements().size() - 1);
        BigDecimal previousSal = previous == null ? BigDecimal.ZERO : ExecutionTimeline.impSal(previous);
        if (sal != null && sal.signum() < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, "avanzamento.impSal", "L'importo del SAL non può essere negativo"));
        } else if (sal != null && sal.compareTo(previousSal) < 0) {
            errors.add(new SchedaError(SchedaError.STATE, "avanzamento.impSal", "L'importo del SAL è progressivo (cumulato): "
                    + "non può essere inferiore a quello del SAL precedente del " + previous.eventDate() + " (" + previousSal + " euro)"));
        }
        if (previous != null && salDate != null && salDate.isBefore(previous.eventDate())) {
            errors.add(new SchedaError(SchedaError.DATES, "avanzamento.dataAvanzamento",
                    "Lo stato di avanzamento non può precedere quello già registrato del " + previous.eventDate()));
        }
        if (sal != null && facts.currentValue() != null && sal.compareTo(facts.currentValue()) > 0) {
            warnings.add("L'importo progressivo del SAL (" + sal + " euro) supera il valore del contratto (" + facts.currentValue()
                    + " euro): verificare se serve una modifica contrattuale.");
        }
        if (certificate != null && certificate.signum() < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, "avanzamento.impCertificatoMandatoPagamento",
                    "L'importo del certificato/mandato non può essere negativo"));
        } else if (certificate != null && sal != null && certificate.compareTo(sal.subtract(previousSal)) > 0) {
            warnings.add("L'importo del certificato/mandato (" + certificate + " euro) supera l'incremento del SAL rispetto al "
                    + "precedente (" + sal.subtract(previousSal) + " euro): verificare.");
        }
        if (certificateDate != null && salDate != null) {
            if (certificateDate.isBefore(salDate)) {
                errors.add(new SchedaError(SchedaError.DATES, "avanzamento.dataCertificatoMandatoPagamento",
                        "Il certificato/mandato di pagamento non può precedere lo stato di avanzamento (" + salDate + ")"));
            } else if (ChronoUnit.DAYS.between(salDate, certificateDate) > CERTIFICATE_DAYS) {
                warnings.add("Il certificato di pagamento è emesso oltre " + CERTIFICATE_DAYS + " giorni dallo stato di avanzamento.");
            }
        }
        if (certificate != null && certificateDate == null) {
            errors.add(new SchedaError(SchedaError.REQUIRED, "avanzamento.dataCertificatoMandatoPagamento",
                    "Indicare la data del certificato/mandato di pagamento di cui si indica l'importo"));
        }

        // The schedule status: ANAC checks nothing, the platform wants the deviation when there is one.
        if (LATE.equals(progress) && (deviation == null || deviation == 0)) {
            errors.add(new SchedaError(SchedaError.REQUIRED, "avanzamento.numGiorniScostamento",
                    "In caso di ritardo indicare lo scostamento in giorni"));
        }
        if (ON_TIME.equals(progress) && deviation != null && deviation > 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, "avanzamento.numGiorniScostamento",
                    "Un avanzamento puntuale non ha scostamento: indicare anticipo (10) o ritardo (11)"));
        }
        if (extension != null && extension > 0 && timeline.term().isPresent() && salDate != null) {
            ContractTerm term = timeline.term().get();
            ContractTerm extended = new ContractTerm(term.durationDays(), term.start(), term.suspensions(),
                    term.extensionDays() + extension, term.modificationDays());
            warnings.add("Nuovo termine contrattuale con la proroga di " + extension + " giorni: " + extended.deadline(salDate));
        }

        Map<String, Object> avanzamento = new LinkedHashMap<>();
        avanzamento.put("denominazioneAvanzamento", name);
        if (section != null && section.get("denominazioneAvanzamentoMl") instanceof Map<?, ?> ml) {
            avanzamento.put("denominazioneAvanzamentoMl", ml);
        }
        avanzamento.put("modalitaPagamento", coded("modalitaPagamento", payment));
        avanzamento.put("impAnticipazione", advance);
        avanzamento.put("dataCertificatoAnticipazione", FormReader.anacDateTime(advanceCertificate));
        avanzamento.put("dataAvanzamento", FormReader.anacDateTime(salDate));
        avanzamento.put("impSal", sal);
        avanzamento.put("dataCertificatoMandatoPagamento", FormReader.anacDateTime(certificateDate));
        avanzamento.put("impCertificatoMandatoPagamento", certificate);
        avanzamento.put("avanzamento", coded("avanzamento", progress));
        avanzamento.put("numGiorniScostamento", deviation);
        avanzamento.put("numGiorniProroga", extension);
        avanzamento.values().removeIf(Objects::isNull);
        return new SchedaDraft(SchedaCode.SA1, VERSION, salDate, Schede.withIdContratto(facts, "avanzamento", avanzamento),
                errors, warnings, facts.idContratto() == null);
    }

    /** Art. 125: 20% of the contract value, up to 30% if the tender allowed it; paid after the actual start. */
    private static void checkAdvance(ContractFacts facts, ExecutionTimeline timeline, BigDecimal advance, LocalDate certified,
            List<SchedaError> errors, List<String> warnings) {
        if (advance == null || advance.signum() == 0) {
            return;
        }
        if (advance.signum() < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, "avanzamento.impAnticipazione", "L'anticipazione non può essere negativa"));
            return;
        }
        BigDecimal value = facts.importoContrattuale();
        BigDecimal standard = value.multiply(ADVANCE_RATE).setScale(2, RoundingMode.HALF_UP);
        BigDecimal maximum = value.multiply(MAX_ADVANCE_RATE).setScale(2, RoundingMode.HALF_UP);
        if (advance.compareTo(maximum) > 0) {
            errors.add(new SchedaError(SchedaError.STATE, "avanzamento.impAnticipazione", "L'anticipazione (" + advance
                    + " euro) supera il 30% del valore del contratto (" + maximum + " euro; art. 125)"));
        } else if (advance.compareTo(standard) > 0) {
            warnings.add("L'anticipazione supera il 20% del valore del contratto (" + standard
                    + " euro): è ammessa fino al 30% solo se prevista dai documenti di gara.");
        }
        boolean alreadyPaid = timeline.progressStatements().stream().map(ExecutionTimeline::impAnticipazione)
                .anyMatch(earlier -> earlier.signum() > 0);
        if (alreadyPaid) {
            warnings.add("Un'anticipazione risulta già comunicata con un SA1 precedente: verificare che non sia duplicata.");
        }
        if (certified != null && timeline.handedOverOn() != null) {
            if (certified.isBefore(timeline.handedOverOn())) {
                errors.add(new SchedaError(SchedaError.DATES, "avanzamento.dataCertificatoAnticipazione",
                        "L'anticipazione si corrisponde dopo l'effettivo inizio della prestazione (" + timeline.handedOverOn() + ")"));
            } else if (ChronoUnit.DAYS.between(timeline.handedOverOn(), certified) > ADVANCE_DAYS) {
                warnings.add("L'anticipazione va corrisposta entro " + ADVANCE_DAYS + " giorni dall'effettivo inizio della prestazione ("
                        + timeline.handedOverOn() + ").");
            }
        }
    }

    /** An amount in euro: at most two decimals, sent with exactly two. */
    private static BigDecimal euro(FormReader form, String name, boolean required, List<SchedaError> errors) {
        BigDecimal amount = form.amount(name, required);
        if (amount == null) {
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            errors.add(new SchedaError(SchedaError.FORMAT, form.path(name), "Importo in euro con al più due decimali: " + amount));
            return null;
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static Integer nonNegative(FormReader form, String name, List<SchedaError> errors) {
        Integer days = form.count(name, false);
        if (days != null && days < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, form.path(name), "Il numero di giorni non può essere negativo"));
            return null;
        }
        return days;
    }

    private static Map<String, Object> coded(String list, String code) {
        return code == null ? null : Map.of("idTipologica", list, "codice", code);
    }
}
