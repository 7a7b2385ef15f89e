package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * M2, the modification of a below-threshold contract (art. 120; model modello-dati-schede-M2,
 * rules M2.dmn): the reason (ANAC's motiviModifica), the new economic framework, extra days. The
 * platform checks ANAC's rules and the limits of art. 120 against the original contract value and
 * the modifications before this one; extra days move the contract term.
 */
final class M2Scheda {

    static final String VERSION = "1.0";
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final String SECTION = "modificaContrattuale";
    private static final String FRAMEWORK = "quadroEconomicoStandardRideterminato";

    private final ModificationLimits limits;

    M2Scheda(ModificationLimits limits) {
        this.limits = limits;
    }

    /** The new contract value a modification states: its components plus the safety costs. */
    @SuppressWarnings("unchecked")
    static BigDecimal newValue(Map<String, Object> anacForm) {
        Map<String, Object> section = (Map<String, Object>) anacForm.get(SECTION);
        Map<String, Object> framework = section == null ? null : (Map<String, Object>) section.get(FRAMEWORK);
        if (framework == null) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (String name : List.of("impLavori", "impServizi", "impForniture", "impTotaleSicurezza")) {
            Object value = framework.get(name);
            total = value == null ? total : total.add(new BigDecimal(value.toString()));
        }
        return total;
    }

    /** The value after the last recorded modification, or the original one. */
    static BigDecimal currentValue(BigDecimal original, List<RecordedScheda> history) {
        BigDecimal value = original;
        for (RecordedScheda event : history) {
            if (event.code() == SchedaCode.M2 || event.code() == SchedaCode.M1) {
                BigDecimal stated = newValue(event.anacForm());
                value = stated == null ? value : stated;
            }
        }
        return value;
    }

    SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        Map<String, Object> section = data.get(SECTION) instanceof Map<?, ?> ? Schede.section(data, SECTION, errors) : null;
        if (section == null) {
            errors.add(new SchedaError(SchedaError.REQUIRED, SECTION, "Campo obbligatorio"));
        }
        Schede.checkIdContratto(facts, data, errors);
        FormReader form = new FormReader(section, SECTION, errors);
        LocalDate approved = form.date("dataApprovazione", false);
        String url = section != null && form.has("urlDocumentazione") ? section.get("urlDocumentazione").toString().trim() : null;
        String priceReason = section != null && section.get("motivoRevisionePrezzi") != null
                ? Schede.coded(section, "motivoRevisionePrezzi", SECTION + ".motivoRevisionePrezzi",
                        CodeLists.MOTIVO_REVISIONE_PREZZI.keySet(), errors) : null;
        String newProcedureCig = section != null && form.has("cigNuovaProcedura") ? section.get("cigNuovaProcedura").toString().trim() : null;
        if (newProcedureCig != null && !it.openesecuzione.shared.Cig.isValid(newProcedureCig)) {
            errors.add(new SchedaError(SchedaError.FORMAT, SECTION + ".cigNuovaProcedura", "CIG non valido: " + newProcedureCig));
        }
        if (url != null && !url.matches("https?://\\S+")) {
            errors.add(new SchedaError(SchedaError.FORMAT, SECTION + ".urlDocumentazione", "Indirizzo non valido: atteso http(s)://…"));
        }

        Map<String, Object> frameworkIn = section != null && section.get(FRAMEWORK) instanceof Map<?, ?> map
                ? castMap(map) : null;
        if (section != null && frameworkIn == null) {
            errors.add(new SchedaError(SchedaError.REQUIRED, SECTION + "." + FRAMEWORK, "Indicare il quadro economico rideterminato"));
        }
        FormReader money = new FormReader(frameworkIn, SECTION + "." + FRAMEWORK, errors);
        Map<String, Object> framework = new LinkedHashMap<>();
        for (String name : List.of("impLavori", "impServizi", "impForniture")) {
            framework.put(name, nonNegative(money, name, true, errors));
        }
        for (String name : List.of("impTotaleSicurezza", "impProgettazione", "ulterioriSommeNoRibasso", "sommeADisposizione")) {
            framework.put(name, nonNegative(money, name, false, errors));
        }
        Integer extraDays = money.count("numGiorniProroga", false);
        if (extraDays != null && extraDays < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, SECTION + "." + FRAMEWORK + ".numGiorniProroga", "I giorni non possono essere negativi"));
        }
        framework.put("numGiorniProroga", extraDays);
        framework.values().removeIf(Objects::isNull);

        Map<String, Object> basisIn = section != null && section.get("datiBaseModificaContrattuale") instanceof Map<?, ?> map
                ? castMap(map) : null;
        if (section != null && basisIn == null) {
            errors.add(new SchedaError(SchedaError.REQUIRED, SECTION + ".datiBaseModificaContrattuale", "Indicare motivo e causa della modifica"));
        }
        String basisPath = SECTION + ".datiBaseModificaContrattuale";
        FormReader basis = new FormReader(basisIn, basisPath, errors);
        LocalDate signed = basis.date("dataSottoscrizione", false);
        String reason = basisIn == null ? null
                : Schede.coded(basisIn, "motiviModifica", basisPath + ".motiviModifica", CodeLists.MOTIVI_MODIFICA.keySet(), errors);
        String cause = basisIn != null && basis.has("causaModifica") ? basisIn.get("causaModifica").toString().trim() : null;
        if (basisIn != null && cause == null && !"mod-cir".equals(reason)) {
            errors.add(new SchedaError(SchedaError.REQUIRED, basisPath + ".causaModifica", "Campo obbligatorio"));
        }

        // ANAC's rules (M2.dmn), with ANAC's codes.
        if ("mod-cir".equals(reason) && url == null) {
            errors.add(AnacErrors.error("REG61", SECTION + ".urlDocumentazione"));
        }
        if ("mod-rev".equals(reason) && priceReason == null) {
            errors.add(AnacErrors.error("REG54", SECTION + ".motivoRevisionePrezzi"));
        }
        if ("mod-cir".equals(reason) && cause == null) {
            errors.add(AnacErrors.error("REG62", basisPath + ".causaModifica"));
        }

        List<String> warnings = new ArrayList<>();
        BigDecimal newValue = errors.isEmpty() ? newValue(Map.of(SECTION, Map.of(FRAMEWORK, framework))) : null;
        if (newValue != null) {
            checkLimits(facts, reason, newValue, errors, warnings);
        }
        if (extraDays != null && extraDays > 0 && timeline.term().isPresent()) {
            ContractTerm term = timeline.term().get();
            ContractTerm extended = new ContractTerm(term.durationDays(), term.start(), term.suspensions(), term.extensionDays(),
                    term.modificationDays() + extraDays);
            warnings.add("Nuovo termine contrattuale con i " + extraDays + " giorni aggiuntivi: " + extended.deadline(facts.today()));
        }

        Map<String, Object> datiBase = new LinkedHashMap<>();
        datiBase.put("dataSottoscrizione", FormReader.anacDateTime(signed));
        datiBase.put("motiviModifica", reason == null ? null : Map.of("idTipologica", "motiviModifica", "codice", reason));
        datiBase.put("causaModifica", cause == null ? "" : cause);
        datiBase.values().removeIf(Objects::isNull);
        Map<String, Object> modifica = new LinkedHashMap<>();
        modifica.put("dataApprovazione", FormReader.anacDateTime(approved));
        modifica.put("urlDocumentazione", url);
        modifica.put("motivoRevisionePrezzi", priceReason == null ? null
                : Map.of("idTipologica", "motivoRevisionePrezzi", "codice", priceReason));
        modifica.put("cigNuovaProcedura", newProcedureCig);
        modifica.put(FRAMEWORK, framework);
        modifica.put("datiBaseModificaContrattuale", datiBase);
        modifica.values().removeIf(Objects::isNull);
        LocalDate eventDate = approved != null ? approved : signed != null ? signed : facts.today();
        return new SchedaDraft(SchedaCode.M2, VERSION, eventDate, Schede.withIdContratto(facts, SECTION, modifica), errors,
                warnings, facts.idContratto() == null);
    }

    /** Art. 120's limits against the original value and the value before this modification. */
    private void checkLimits(ContractFacts facts, String reason, BigDecimal newValue, List<SchedaError> errors,
            List<String> warnings) {
        BigDecimal original = facts.importoContrattuale();
        BigDecimal change = percent(newValue.subtract(facts.currentValue()), original);
        BigDecimal cumulative = percent(newValue.subtract(original), original);
        warnings.add("Valore del contratto: da " + facts.currentValue().setScale(2, RoundingMode.HALF_UP) + " a "
                + newValue.setScale(2, RoundingMode.HALF_UP) + " euro (" + signed(change) + "% questa modifica, "
                + signed(cumulative) + "% rispetto al valore iniziale).");
        if (("mod-cir".equals(reason) || "add-wss".equals(reason)) && change.compareTo(limits.perChange()) > 0) {
            errors.add(new SchedaError("LIMITE", SECTION + "." + FRAMEWORK, "L'aumento di questa modifica (" + change
                    + "%) supera il " + limits.perChange() + "% del valore iniziale consentito dall'art. 120 c. 2"));
        }
        BigDecimal deMinimis = facts.tipologia() == it.openesecuzione.contracts.Tipologia.LAVORI
                ? limits.deMinimisWorks() : limits.deMinimisOthers();
        if ("mod-minv".equals(reason) && cumulative.abs().compareTo(deMinimis) >= 0) {
            errors.add(new SchedaError("LIMITE", SECTION + "." + FRAMEWORK, "Le modifiche 'de minimis' devono restare sotto il "
                    + deMinimis + "% del valore iniziale: la variazione complessiva è del " + cumulative + "%"));
        }
        if (cumulative.abs().compareTo(limits.quintoDObbligo()) > 0) {
            warnings.add("La variazione complessiva supera il quinto d'obbligo (" + limits.quintoDObbligo()
                    + "%): l'appaltatore non è tenuto a eseguirla alle stesse condizioni (da verificare, art. 120 c. 9).");
        }
    }

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? BigDecimal.ZERO : part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
    }

    private static String signed(BigDecimal value) {
        return (value.signum() > 0 ? "+" : "") + value.toPlainString();
    }

    private static BigDecimal nonNegative(FormReader reader, String name, boolean required, List<SchedaError> errors) {
        BigDecimal value = reader.amount(name, required);
        if (value != null && value.signum() < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, reader.path(name), "L'importo non può essere negativo"));
            return null;
        }
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
