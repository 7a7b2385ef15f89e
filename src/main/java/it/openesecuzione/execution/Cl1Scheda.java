package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CL1, the acceptance (art. 116; model modello-dati-schede-CL1, rules CL1.dmn): either a
 * certificato di regolare esecuzione (dataCertificato) or a collaudo / verifica di conformità
 * (modoCollaudo with its appointment, start, certificate dates), never both; the outcome, the
 * final economic framework (standard, or for concessions) and the reserves settled.
 */
final class Cl1Scheda {

    static final String VERSION = "1.0";
    /** ANAC's list modoCollaudo: 1 collaudo finale, 2 collaudo in corso d'opera. */
    static final Set<String> MODO_COLLAUDO = Set.of("1", "2");
    private static final String IN_PROGRESS = "2";
    private static final Set<String> ESITO = Set.of("POSITIVO", "NEGATIVO");
    private static final List<String> STANDARD = List.of("impLavori", "impServizi", "impForniture", "impTotaleSicurezza",
            "ulterioriSommeNoRibasso", "impProgettazione", "sommeOpzioniRinnovi", "sommeRipetizioni", "sommeADisposizione");
    private static final List<String> CONCESSIONS = List.of("impLavori", "impServizi", "impForniture", "finanziamentiCanoniPA",
            "entrateUtenza", "introitoAttivo", "impTotaleSicurezza", "ulterioriSommeNoRibasso", "sommeOpzioniRinnovi",
            "sommeADisposizione");

    private Cl1Scheda() {
    }

    static SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        // CL1.dmn has no REG0: a missing section is refused by ANAC's schema (required).
        Map<String, Object> section = Schede.requiredSection(data, "collaudo", errors);
        Schede.checkIdContratto(facts, data, errors);
        FormReader form = new FormReader(section, "collaudo", errors);
        LocalDate staticTest = form.date("dataCollaudo", false);
        LocalDate certificate = form.date("dataCertificato", false);
        String mode = section == null || !form.has("modoCollaudo") ? null
                : Schede.coded(section, "modoCollaudo", "collaudo.modoCollaudo", MODO_COLLAUDO, errors);
        LocalDate appointed = form.date("dataNomina", false);
        LocalDate started = form.date("dataInizio", false);
        LocalDate drawnUp = form.date("dataRedazioneCertificato", false);
        LocalDate admitted = form.date("dataDeliberaAmmissibilita", false);
        String esito = esito(section, form, errors);
        Integer reserves = form.count("numeroTotaleRiserve", false);
        BigDecimal charges = form.amount("oneri", false);

        // ANAC's rules (CL1.dmn). REG86, REG88, REG89, REG91 never fire in ANAC's FEEL engine (they
        // compare the coded modoCollaudo with ""): the platform applies what their texts say.
        if (mode != null && certificate != null) {
            errors.add(AnacErrors.error("REG86", "collaudo.dataCertificato"));
        }
        if (section != null && !form.has("modoCollaudo") && certificate == null && !form.has("dataCertificato")) {
            errors.add(AnacErrors.error("REG87", "collaudo.dataCertificato"));
        }
        if (mode != null && appointed == null) {
            errors.add(AnacErrors.error("REG88", "collaudo.dataNomina"));
        }
        if (mode != null && started == null) {
            errors.add(AnacErrors.error("REG89", "collaudo.dataInizio"));
        }
        if (started != null && appointed != null && started.isBefore(appointed)) {
            errors.add(AnacErrors.error("REG90", "collaudo.dataInizio"));
        }
        if (mode != null && drawnUp == null) {
            errors.add(AnacErrors.error("REG91", "collaudo.dataRedazioneCertificato"));
        }
        if (drawnUp != null && started != null && drawnUp.isBefore(started)) {
            errors.add(AnacErrors.error("REG92", "collaudo.dataRedazioneCertificato"));
        }
        if (admitted != null && drawnUp != null && admitted.isBefore(drawnUp)) {
            errors.add(AnacErrors.error("REG93", "collaudo.dataDeliberaAmmissibilita"));
        }
        // ANAC fires REG94 only for oneri = 0; its text makes oneri mandatory, so absent is refused too.
        if (reserves != null && reserves > 0 && (charges == null ? !form.has("oneri") : charges.signum() == 0)) {
            errors.add(AnacErrors.error("REG94", "collaudo.oneri"));
        }
        if (reserves != null && reserves < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, "collaudo.numeroTotaleRiserve", "Il numero non può essere negativo"));
        }

        // The law (art. 116): acceptance follows completion. ANAC's order admits CL1 right after
        // I1, SA1, SO1…, without a CO1: only a collaudo in corso d'opera may precede completion.
        LocalDate completed = facts.completedOn();
        if (section != null && completed == null && !IN_PROGRESS.equals(mode)) {
            errors.add(new SchedaError(SchedaError.STATE, "collaudo", "Il collaudo o il certificato di regolare esecuzione"
                    + " segue l'ultimazione: registrare prima la conclusione (CO1); prima di essa è ammesso solo il collaudo"
                    + " in corso d'opera"));
        }
        LocalDate issued = drawnUp != null ? drawnUp : certificate;
        if (issued != null && completed != null && issued.isBefore(completed) && !IN_PROGRESS.equals(mode)) {
            errors.add(new SchedaError(SchedaError.DATES, drawnUp != null ? "collaudo.dataRedazioneCertificato"
                    : "collaudo.dataCertificato", "Il certificato non può precedere l'ultimazione (" + completed + ")"));
        }

        Map<String, Object> collaudo = new LinkedHashMap<>();
        collaudo.put("dataCollaudo", FormReader.anacDateTime(staticTest));
        collaudo.put("dataCertificato", FormReader.anacDateTime(certificate));
        collaudo.put("modoCollaudo", mode == null ? null : Map.of("idTipologica", "modoCollaudo", "codice", mode));
        collaudo.put("dataNomina", FormReader.anacDateTime(appointed));
        collaudo.put("dataInizio", FormReader.anacDateTime(started));
        collaudo.put("dataRedazioneCertificato", FormReader.anacDateTime(drawnUp));
        collaudo.put("dataDeliberaAmmissibilita", FormReader.anacDateTime(admitted));
        collaudo.put("esito", esito);
        framework(facts, section, errors, collaudo);
        collaudo.put("numeroTotaleRiserve", reserves);
        collaudo.put("oneri", charges);
        collaudo.put("modalitaDefinizione", settlements(section, errors));
        collaudo.values().removeIf(Objects::isNull);

        List<String> warnings = new ArrayList<>();
        if (issued != null && completed != null && issued.isAfter(completed.plus(ExecutionTimeline.SIX_MONTHS))) {
            warnings.add("Il certificato (" + issued + ") è emesso oltre sei mesi dall'ultimazione (" + completed
                    + "): il termine dell'art. 116 è di sei mesi, un anno per le opere particolarmente complesse. Verificare.");
        }
        if ("NEGATIVO".equals(esito)) {
            warnings.add("Esito negativo: il contratto risulterà comunque collaudato per ANAC (stato COLL). Verificare.");
        }
        LocalDate eventDate = issued != null ? issued : facts.today();
        return new SchedaDraft(SchedaCode.CL1, VERSION, eventDate, Schede.withIdContratto(facts, "collaudo", collaudo), errors,
                warnings, facts.idContratto() == null);
    }

    private static String esito(Map<String, Object> section, FormReader form, List<SchedaError> errors) {
        if (!form.has("esito")) {
            form.missing("esito", true);
            return null;
        }
        String esito = section.get("esito").toString().trim().toUpperCase(java.util.Locale.ROOT);
        if (!ESITO.contains(esito)) {
            errors.add(new SchedaError(SchedaError.FORMAT, "collaudo.esito", "Esito non valido: POSITIVO o NEGATIVO"));
            return null;
        }
        return esito;
    }

    /**
     * The final economic framework: the standard one for contracts (sommeADisposizione required
     * by ANAC's model), the one for concessions for concessions; the other is refused.
     */
    @SuppressWarnings("unchecked")
    private static void framework(ContractFacts facts, Map<String, Object> section, List<SchedaError> errors,
            Map<String, Object> collaudo) {
        if (section == null) {
            return;
        }
        String expected = facts.concessione() ? "quadroEconomicoConcessioni" : "quadroEconomicoStandard";
        String other = facts.concessione() ? "quadroEconomicoStandard" : "quadroEconomicoConcessioni";
        if (section.get(other) != null) {
            errors.add(new SchedaError(SchedaError.DERIVED, "collaudo." + other, "Per questo contratto il quadro economico è "
                    + expected + (facts.concessione() ? " (concessione)" : " (appalto)")));
        }
        if (!(section.get(expected) instanceof Map<?, ?> given)) {
            if (section.get(expected) != null) {
                errors.add(new SchedaError(SchedaError.FORMAT, "collaudo." + expected, "Atteso un oggetto"));
            }
            return;
        }
        List<String> names = facts.concessione() ? CONCESSIONS : STANDARD;
        FormReader form = new FormReader((Map<String, Object>) given, "collaudo." + expected, errors);
        Map<String, Object> quadro = new LinkedHashMap<>();
        for (String name : names) {
            BigDecimal amount = form.amount(name, !facts.concessione() && name.equals("sommeADisposizione"));
            if (amount != null && amount.signum() < 0) {
                errors.add(new SchedaError(SchedaError.FORMAT, form.path(name), "L'importo non può essere negativo"));
            }
            quadro.put(name, amount);
        }
        for (Object key : given.keySet()) {
            if (!names.contains(key.toString())) {
                errors.add(new SchedaError(SchedaError.FORMAT, form.path(key.toString()), "Campo non previsto dal modello ANAC"));
            }
        }
        quadro.values().removeIf(Objects::isNull);
        collaudo.put(expected, quadro);
    }

    /** The ways the reserves were settled (modalitaDefinizione[]). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> settlements(Map<String, Object> section, List<SchedaError> errors) {
        if (section == null || section.get("modalitaDefinizione") == null) {
            return null;
        }
        if (!(section.get("modalitaDefinizione") instanceof List<?> list)) {
            errors.add(new SchedaError(SchedaError.FORMAT, "collaudo.modalitaDefinizione", "Attesa una lista"));
            return null;
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String prefix = "collaudo.modalitaDefinizione[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                errors.add(new SchedaError(SchedaError.FORMAT, prefix, "Atteso un oggetto"));
                continue;
            }
            FormReader form = new FormReader((Map<String, Object>) item, prefix, errors);
            Map<String, Object> settlement = new LinkedHashMap<>();
            settlement.put("ulterioriRiserve", form.bool("ulterioriRiserve", false));
            settlement.put("numeroRiserveDefinite", form.count("numeroRiserveDefinite", false));
            settlement.put("numeroRiserveDaDefinire", form.count("numeroRiserveDaDefinire", false));
            settlement.put("impTotaleRichiesto", form.amount("impTotaleRichiesto", false));
            settlement.put("impTotaleDefinizione", form.amount("impTotaleDefinizione", false));
            settlement.values().removeIf(Objects::isNull);
            result.add(settlement);
        }
        return result;
    }
}
