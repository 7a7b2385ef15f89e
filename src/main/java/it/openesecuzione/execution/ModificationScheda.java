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
 * A contract modification (art. 120; art. 189 for concessions): M2 below the EU threshold, M1
 * above it (also published on TED with an eForm), M2_40 and M1_40 for concessions (models
 * modello-dati-schede-M2, M1, M2.40, M1.40; rules M2.dmn and the others). The reason (ANAC's
 * motiviModifica), the new economic framework (the standard one for contracts, the concessions'
 * one), extra days. The platform checks ANAC's rules and the limits of art. 120 against the
 * original value and the modifications before this one; extra days move the contract term.
 *
 * <p>M1 and M1_40 carry reason and cause only in the eForm: the request still gives them in
 * {@code datiBaseModificaContrattuale}, as for M2, and the platform moves them there.
 */
final class ModificationScheda {

    static final String VERSION = "1.0";
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final String SECTION = "modificaContrattuale";
    static final String STANDARD = "quadroEconomicoStandardRideterminato";
    static final String CONCESSIONS = "quadroEconomicoConcessioniRideterminato";
    /** The parts of the value of a contract or concession: components and safety costs. */
    private static final List<String> VALUE_PARTS = List.of("impLavori", "impServizi", "impForniture", "impTotaleSicurezza");

    /** The four modification schede: which framework, whether the anacForm has the reason. */
    enum Variant {
        M1(SchedaCode.M1, STANDARD, false),
        M2(SchedaCode.M2, STANDARD, true),
        M1_40(SchedaCode.M1_40, CONCESSIONS, false),
        M2_40(SchedaCode.M2_40, CONCESSIONS, true);

        final SchedaCode code;
        final String framework;
        final boolean basisInAnacForm;

        Variant(SchedaCode code, String framework, boolean basisInAnacForm) {
            this.code = code;
            this.framework = framework;
            this.basisInAnacForm = basisInAnacForm;
        }

        boolean concession() {
            return framework.equals(CONCESSIONS);
        }

        /** The framework's amounts ANAC requires (the standard framework's three components). */
        List<String> requiredAmounts() {
            return concession() ? List.of() : List.of("impLavori", "impServizi", "impForniture");
        }

        List<String> optionalAmounts() {
            return concession()
                    ? List.of("impLavori", "impServizi", "impForniture", "finanziamentiCanoniPA", "entrateUtenza", "introitoAttivo",
                            "impTotaleSicurezza", "ulterioriSommeNoRibasso", "sommeOpzioniRinnovi", "sommeADisposizione")
                    : List.of("impTotaleSicurezza", "impProgettazione", "ulterioriSommeNoRibasso", "sommeADisposizione");
        }
    }

    private final Variant variant;
    private final ModificationLimits limits;
    /** For M1 and M1_40: writes the eForm, from what the platform knows of the contract. */
    private final ModificationNoticeWriter writer;
    private final java.util.function.LongFunction<NoticeContext> contexts;

    /** M2 and M2_40, which have no eForm. */
    ModificationScheda(Variant variant, ModificationLimits limits) {
        this(variant, limits, null, null);
    }

    ModificationScheda(Variant variant, ModificationLimits limits, ModificationNoticeWriter writer,
            java.util.function.LongFunction<NoticeContext> contexts) {
        if (!variant.basisInAnacForm && (writer == null || contexts == null)) {
            throw new IllegalArgumentException(variant + " needs the eForm writer");
        }
        this.variant = variant;
        this.limits = limits;
        this.writer = writer;
        this.contexts = contexts;
    }

    /**
     * The new value a modification states: the components plus the safety costs of its framework;
     * null when it states no framework (a concession's is optional).
     */
    @SuppressWarnings("unchecked")
    static BigDecimal newValue(Map<String, Object> anacForm) {
        Map<String, Object> section = (Map<String, Object>) anacForm.get(SECTION);
        Object framework = section == null ? null : section.get(STANDARD) != null ? section.get(STANDARD) : section.get(CONCESSIONS);
        if (!(framework instanceof Map<?, ?> amounts) || VALUE_PARTS.stream().noneMatch(amounts::containsKey)) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (String name : VALUE_PARTS) {
            Object value = amounts.get(name);
            total = value == null ? total : total.add(new BigDecimal(value.toString()));
        }
        return total;
    }

    /** The value after the last recorded modification that stated one, or the original one. */
    static BigDecimal currentValue(BigDecimal original, List<RecordedScheda> history) {
        BigDecimal value = original;
        for (RecordedScheda event : history) {
            if (ExecutionLog.MODIFICATIONS.contains(event.code())) {
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

        String frameworkName = variant.framework;
        String other = variant.concession() ? STANDARD : CONCESSIONS;
        if (section != null && section.get(other) != null) {
            errors.add(new SchedaError(SchedaError.DERIVED, SECTION + "." + other, "Per " + (variant.concession()
                    ? "una concessione si indica il quadro economico delle concessioni (" + CONCESSIONS + ")"
                    : "un appalto si indica il quadro economico standard (" + STANDARD + ")")));
        }
        Map<String, Object> frameworkIn = section != null && section.get(frameworkName) instanceof Map<?, ?> map
                ? castMap(map) : null;
        if (section != null && frameworkIn == null && !variant.concession()) {
            errors.add(new SchedaError(SchedaError.REQUIRED, SECTION + "." + frameworkName, "Indicare il quadro economico rideterminato"));
        }
        FormReader money = new FormReader(frameworkIn, SECTION + "." + frameworkName, errors);
        Map<String, Object> framework = new LinkedHashMap<>();
        for (String name : variant.requiredAmounts()) {
            framework.put(name, nonNegative(money, name, true, errors));
        }
        for (String name : variant.optionalAmounts()) {
            framework.put(name, nonNegative(money, name, false, errors));
        }
        // The concessions' framework has no extra days (ANAC's model): the term is the concession's.
        Integer extraDays = variant.concession() ? null : money.count("numGiorniProroga", false);
        if (extraDays != null && extraDays < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, SECTION + "." + frameworkName + ".numGiorniProroga", "I giorni non possono essere negativi"));
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

        // ANAC's rules (M2.dmn, the same in the others), with ANAC's codes.
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
        BigDecimal newValue = errors.isEmpty() ? newValue(Map.of(SECTION, Map.of(frameworkName, framework))) : null;
        if (newValue != null) {
            checkLimits(facts, reason, newValue, errors, warnings);
        } else if (errors.isEmpty()) {
            warnings.add("Senza il quadro economico rideterminato la piattaforma non può verificare i limiti delle modifiche "
                    + "(art. 189): il valore della concessione resta " + facts.currentValue().setScale(2, RoundingMode.HALF_UP) + " euro.");
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
        modifica.put(frameworkName, framework.isEmpty() && variant.concession() ? null : framework);
        if (variant.basisInAnacForm) {
            modifica.put("datiBaseModificaContrattuale", datiBase);
        }
        modifica.values().removeIf(Objects::isNull);
        LocalDate eventDate = approved != null ? approved : signed != null ? signed : facts.today();
        Map<String, String> bodyParts = Map.of();
        if (!variant.basisInAnacForm && errors.isEmpty()) {
            String eform = eform(facts, reason, cause, newValue != null ? newValue : facts.currentValue(),
                    extraDays == null ? 0 : extraDays, errors);
            bodyParts = eform == null ? Map.of() : Map.of("eform", eform);
        }
        return new SchedaDraft(variant.code, VERSION, eventDate, Schede.withIdContratto(facts, SECTION, modifica), errors,
                warnings, facts.idContratto() == null, null, bodyParts);
    }

    /**
     * The contract modification notice (eForms subtype 38, 39 or 40), Base64, or null with the
     * reason among the errors. It names the contract by ANAC's idContratto, so it can be written
     * only once PCP confirmed the SC1.
     */
    private String eform(ContractFacts facts, String reason, String cause, BigDecimal newValue, int extraDays,
            List<SchedaError> errors) {
        NoticeContext context = contexts.apply(facts.contractId());
        List<String> missing = new ArrayList<>();
        if (facts.idContratto() == null) {
            missing.add("l'idContratto che ANAC assegna confermando la stipula (SC1)");
        }
        if (context.idAppalto() == null) {
            missing.add("l'idAppalto del contratto (anagrafica del contratto)");
        }
        if (facts.signedOn() == null) {
            missing.add("la data di stipula (scheda SC1)");
        }
        if (context.awardee() == null) {
            missing.add("l'aggiudicatario (anagrafica del contratto)");
        }
        if (context.citta() == null || context.codiceNuts() == null) {
            missing.add("città e codice NUTS della sede dell'ente (Amministrazione › Enti)");
        }
        if (!missing.isEmpty()) {
            errors.add(new SchedaError(SchedaError.STATE, "eform", "Per l'avviso di modifica da pubblicare sulla GUUE (eForms) "
                    + "servono " + String.join(", ", missing)));
            return null;
        }
        try {
            var authority = new ModificationNotice.ContractingAuthority(context.authorityName(), context.authorityCodiceFiscale(),
                    context.citta(), context.codiceNuts(), ModificationNotice.ITALY, context.email());
            var awardee = new ModificationNotice.Awardee(context.awardee().denominazione(), context.awardee().codiceFiscale(), null,
                    ModificationNotice.ITALY);
            var contract = new ModificationNotice.Contract(context.oggetto(), facts.tipologia(),
                    context.lots().stream().map(lot -> new ModificationNotice.Lot(lot.cig(), lot.descrizione(), null)).toList(),
                    context.cup(), null, context.idAppalto(), facts.idContratto(), awardee, facts.signedOn(), null,
                    facts.durataGiorni());
            String description = "Valore del contratto rideterminato da " + facts.currentValue().setScale(2, RoundingMode.HALF_UP)
                    + " a " + newValue.setScale(2, RoundingMode.HALF_UP) + " euro"
                    + (extraDays > 0 ? "; " + extraDays + " giorni aggiuntivi al termine contrattuale" : "") + ".";
            var modification = new ModificationNotice.Modification(reason, cause, description,
                    it.openesecuzione.shared.Money.of(newValue.setScale(2, RoundingMode.HALF_UP)), extraDays);
            int subtype = variant.concession() ? 40 : context.specialSector() ? 39 : 38;
            // The notice's own id (BT-701) is drawn once and kept in the stored eForm.
            var notice = new ModificationNotice(subtype, java.util.UUID.randomUUID(), authority, contract, modification, null, null, null);
            return writer.base64(notice);
        } catch (it.openesecuzione.shared.InvalidValueException e) {
            errors.add(new SchedaError(SchedaError.FORMAT, "eform", "Avviso eForms non generabile: " + e.getMessage()));
            return null;
        }
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
            errors.add(new SchedaError("LIMITE", SECTION + "." + variant.framework, "L'aumento di questa modifica (" + change
                    + "%) supera il " + limits.perChange() + "% del valore iniziale consentito dall'art. "
                + (variant.concession() ? "189 c. 1" : "120 c. 2")));
        }
        // Concessions: 10% whatever their object (directive 2014/23/EU art. 43 c. 2).
        BigDecimal deMinimis = facts.tipologia() == it.openesecuzione.contracts.Tipologia.LAVORI && !variant.concession()
                ? limits.deMinimisWorks() : limits.deMinimisOthers();
        if ("mod-minv".equals(reason) && cumulative.abs().compareTo(deMinimis) >= 0) {
            errors.add(new SchedaError("LIMITE", SECTION + "." + variant.framework, "Le modifiche 'de minimis' devono restare sotto il "
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
