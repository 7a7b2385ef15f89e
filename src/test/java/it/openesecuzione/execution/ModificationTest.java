package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.anac.reference.AnacRules;
import it.openesecuzione.anac.reference.AnacSchemas;
import it.openesecuzione.contracts.Procedura;
import it.openesecuzione.contracts.Tipologia;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** M2, the modification of a below-threshold contract: ANAC's schema and rules, and art. 120's limits. */
@SuppressWarnings("unchecked")
class ModificationTest {

    private static final AnacSchemas SCHEMAS = AnacSchemas.fromSharedFolder();
    private static final AnacRules RULES = AnacRules.fromSharedFolder();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ModificationScheda M2 = new ModificationScheda(ModificationScheda.Variant.M2, ModificationLimits.DEFAULT);

    /** A works contract of 400,000 euro (safety costs included), handed over on 2 March 2026. */
    private static ContractFacts facts(String currentValue) {
        return new ContractFacts(1, "0000243530", List.of("B1A2B00235"), UUID.fromString("3f2c1a9e-5b7d-4c8e-9a1f-2d3e4f5a6b7c"),
                180, Tipologia.LAVORI, LocalDate.of(2026, 2, 10), LocalDate.of(2026, 6, 1), new BigDecimal("400000.00"),
                Procedura.APERTA, false, false, new BigDecimal(currentValue));
    }

    private static final ExecutionTimeline STARTED = ExecutionTimeline.of(List.of(
            new RecordedScheda(1, 1, 1, SchedaCode.SC1, "1.0", LocalDate.of(2026, 2, 10), Map.of(), "PRONTA", List.of(), Instant.EPOCH, null),
            new RecordedScheda(2, 1, 2, SchedaCode.I1, "1.0", LocalDate.of(2026, 3, 2), Map.of(), "PRONTA", List.of(), Instant.EPOCH, null)), 180);

    static Map<String, Object> modification(String reason, String works, String safety, Map<String, Object> extra) {
        Map<String, Object> framework = new LinkedHashMap<>(Map.of("impLavori", new BigDecimal(works), "impServizi", 0,
                "impForniture", 0, "impTotaleSicurezza", new BigDecimal(safety)));
        Map<String, Object> section = new HashMap<>();
        section.put("quadroEconomicoStandardRideterminato", framework);
        section.put("dataApprovazione", "2026-05-20");
        section.put("datiBaseModificaContrattuale", Map.of("motiviModifica", Map.of("idTipologica", "motiviModifica", "codice", reason),
                "causaModifica", "Rinvenimento di sottoservizi non censiti"));
        extra.forEach((key, value) -> {
            if (key.equals("numGiorniProroga")) {
                framework.put(key, value);
            } else {
                section.put(key, value);
            }
        });
        return Map.of("modificaContrattuale", section);
    }

    private static JsonNode scheda(SchedaDraft draft) {
        return JSON.valueToTree(new RecordedScheda(1, 1, 1, draft.code(), draft.versione(), draft.eventDate(), draft.anacForm(),
                "PRONTA", List.of(), Instant.EPOCH, null).scheda());
    }

    @Test
    void aValidModificationPassesAnacsSchemaAndRulesAndMovesTheTerm() {
        SchedaDraft draft = M2.build(facts("400000.00"), STARTED, modification("mod-cir", "420000", "15000",
                Map.of("urlDocumentazione", "https://trasparenza.comune.genova.it/varianti/123", "numGiorniProroga", 30)));

        assertThat(draft.errors()).isEmpty();
        assertThat(SCHEMAS.validate(scheda(draft))).isEmpty();
        assertThat(SCHEMAS.codeListErrors(scheda(draft))).isEmpty();
        assertThat(RULES.codes("M2", scheda(draft).get("body").get("anacForm"))).isEmpty();
        assertThat(draft.warnings()).anySatisfy(w -> assertThat(w).contains("da 400000.00 a 435000.00").contains("+8.75%"));
        // 29 August plus 30 days.
        assertThat(draft.warnings()).anySatisfy(w -> assertThat(w).contains("2026-09-28"));
    }

    @Test
    void appliesAnacsRulesWithAnacsCodes() {
        Map<String, Object> withoutUrl = modification("mod-cir", "420000", "15000", Map.of());
        assertThat(M2.build(facts("400000.00"), STARTED, withoutUrl).errors()).extracting(SchedaError::code).containsExactly("REG61");
        assertThat(RULES.codes("M2", JSON.valueToTree(withoutUrl))).contains("REG61");

        Map<String, Object> revisionWithoutReason = modification("mod-rev", "410000", "15000", Map.of());
        assertThat(M2.build(facts("400000.00"), STARTED, revisionWithoutReason).errors()).extracting(SchedaError::code)
                .containsExactly("REG54");
        assertThat(RULES.codes("M2", JSON.valueToTree(revisionWithoutReason))).contains("REG54");

        Map<String, Object> noCause = modification("mod-cir", "420000", "15000", Map.of("urlDocumentazione", "https://x.it/v"));
        ((Map<String, Object>) noCause.get("modificaContrattuale")).put("datiBaseModificaContrattuale",
                Map.of("motiviModifica", Map.of("idTipologica", "motiviModifica", "codice", "mod-cir"), "causaModifica", ""));
        assertThat(M2.build(facts("400000.00"), STARTED, noCause).errors()).extracting(SchedaError::code).containsExactly("REG62");
        assertThat(RULES.codes("M2", JSON.valueToTree(noCause))).contains("REG62");
    }

    @Test
    void refusesAnUnforeseeableCircumstancesIncreaseAbove50PercentOfTheOriginalValue() {
        SchedaDraft draft = M2.build(facts("400000.00"), STARTED, modification("mod-cir", "600000", "15000",
                Map.of("urlDocumentazione", "https://x.it/v")));

        assertThat(draft.errors()).extracting(SchedaError::code).containsExactly("LIMITE");
        assertThat(draft.errors().get(0).message()).contains("53.75%").contains("50%");
    }

    @Test
    void deMinimisModificationsStayUnder15PercentForWorksCountingEarlierOnes() {
        // Already at 440,000 (+10%): another 30,000 makes +17.5% in all.
        SchedaDraft draft = M2.build(facts("440000.00"), STARTED, modification("mod-minv", "455000", "15000", Map.of()));

        assertThat(draft.errors()).extracting(SchedaError::code).containsExactly("LIMITE");
        assertThat(draft.errors().get(0).message()).contains("15%").contains("17.50%");
    }

    @Test
    void warnsBeyondTheQuintoDObbligo() {
        SchedaDraft draft = M2.build(facts("400000.00"), STARTED, modification("add-wss", "470000", "15000", Map.of()));

        assertThat(draft.errors()).isEmpty();
        assertThat(draft.warnings()).anySatisfy(w -> assertThat(w).contains("quinto d'obbligo"));
    }

    private static final ModificationScheda M2_40 = new ModificationScheda(ModificationScheda.Variant.M2_40, ModificationLimits.DEFAULT);

    /** A below-threshold services concession of 400,000 euro. */
    private static ContractFacts concession(String currentValue) {
        return new ContractFacts(1, "0000243530", List.of("B1A2B00235"), UUID.fromString("3f2c1a9e-5b7d-4c8e-9a1f-2d3e4f5a6b7c"),
                1095, Tipologia.SERVIZI, LocalDate.of(2026, 2, 10), LocalDate.of(2026, 6, 1), new BigDecimal("400000.00"),
                Procedura.NEGOZIATA_SENZA_BANDO, false, true, new BigDecimal(currentValue));
    }

    private static Map<String, Object> concessionModification(String reason, Map<String, Object> framework, Map<String, Object> extra) {
        Map<String, Object> section = new HashMap<>(extra);
        if (framework != null) {
            section.put("quadroEconomicoConcessioniRideterminato", framework);
        }
        section.put("datiBaseModificaContrattuale", Map.of("motiviModifica", Map.of("idTipologica", "motiviModifica", "codice", reason),
                "causaModifica", "Estensione del servizio a un nuovo plesso"));
        return Map.of("modificaContrattuale", section);
    }

    @Test
    void concessionsUseTheirOwnFrameworkAndTheSameRules() {
        SchedaDraft draft = M2_40.build(concession("400000.00"), STARTED, concessionModification("mod-nons",
                Map.of("impServizi", 410000, "entrateUtenza", 950000, "impTotaleSicurezza", 6000), Map.of("dataApprovazione", "2026-05-20")));
        assertThat(draft.code()).isEqualTo(SchedaCode.M2_40);
        assertThat(draft.errors()).isEmpty();
        assertThat(SCHEMAS.validate(scheda(draft))).isEmpty();
        assertThat(SCHEMAS.codeListErrors(scheda(draft))).isEmpty();
        assertThat(RULES.codes("M2_40", scheda(draft).get("body").get("anacForm"))).isEmpty();
        assertThat(draft.warnings()).anySatisfy(w -> assertThat(w).contains("da 400000.00 a 416000.00"));

        // The framework is optional for concessions: without it the limits cannot be checked.
        SchedaDraft withoutFramework = M2_40.build(concession("400000.00"), STARTED, concessionModification("mod-nons", null, Map.of()));
        assertThat(withoutFramework.errors()).isEmpty();
        assertThat(SCHEMAS.validate(scheda(withoutFramework))).isEmpty();
        assertThat(withoutFramework.warnings()).anySatisfy(w -> assertThat(w).contains("non può verificare i limiti"));

        // ANAC's rules, the same as M2's, with ANAC's engine agreeing.
        for (var invalid : List.of(
                Map.entry("REG54", concessionModification("mod-rev", null, Map.of())),
                Map.entry("REG61", concessionModification("mod-cir", null, Map.of())))) {
            SchedaDraft refused = M2_40.build(concession("400000.00"), STARTED, invalid.getValue());
            assertThat(refused.errors()).extracting(SchedaError::code).containsExactly(invalid.getKey());
            assertThat(RULES.codes("M2_40", JSON.valueToTree(invalid.getValue()))).contains(invalid.getKey());
        }
        // The standard framework is a contract's: refused for a concession.
        Map<String, Object> wrong = concessionModification("mod-nons", null, Map.of("quadroEconomicoStandardRideterminato",
                Map.of("impLavori", 1, "impServizi", 1, "impForniture", 1)));
        assertThat(M2_40.build(concession("400000.00"), STARTED, wrong).errors()).extracting(SchedaError::code)
                .containsExactly(SchedaError.DERIVED);
        // De minimis for a concession: under 10% of the initial value, whatever its object.
        SchedaDraft tooMuch = M2_40.build(concession("400000.00"), STARTED, concessionModification("mod-minv",
                Map.of("impServizi", 445000), Map.of()));
        assertThat(tooMuch.errors()).extracting(SchedaError::code).containsExactly("LIMITE");
    }

    private static final java.time.Clock CLOCK = java.time.Clock.fixed(Instant.parse("2026-06-01T08:00:00Z"), java.time.ZoneOffset.UTC);
    private static final UUID ID_APPALTO = UUID.fromString("0e8f7d6c-5b4a-4392-8170-6f5e4d3c2b1a");

    private static NoticeContext noticeContext(String city, String nuts, boolean special) {
        return new NoticeContext("Comune di Genova", new it.openesecuzione.shared.CodiceFiscale("00856930102"), city, nuts,
                "appalti@comune.genova.it", "Nuova scuola primaria di Sampierdarena", special, null, ID_APPALTO,
                new it.openesecuzione.contracts.OperatoreEconomico("Costruzioni Liguri srl",
                        new it.openesecuzione.shared.CodiceFiscale("01234567897"), null),
                List.of(new it.openesecuzione.contracts.Lot(new it.openesecuzione.shared.Cig("B1A2B00235"), null)));
    }

    private static ModificationScheda aboveThreshold(ModificationScheda.Variant variant, NoticeContext context) {
        return new ModificationScheda(variant, ModificationLimits.DEFAULT, new ModificationNoticeWriter(CLOCK), id -> context);
    }

    /** An above-threshold works contract of 6,000,000 euro. */
    private static ContractFacts above(UUID idContratto, boolean concession) {
        return new ContractFacts(1, "0000243530", List.of("B1A2B00235"), idContratto, 540, Tipologia.LAVORI, LocalDate.of(2026, 2, 10),
                LocalDate.of(2026, 6, 1), new BigDecimal("6000000.00"), Procedura.APERTA, true, concession, new BigDecimal("6000000.00"));
    }

    private static JsonNode fullScheda(SchedaDraft draft) {
        return JSON.valueToTree(new RecordedScheda(1, 1, 1, draft.code(), draft.versione(), draft.eventDate(), draft.anacForm(),
                "PRONTA", List.of(), Instant.EPOCH, null, null, draft.bodyParts()).scheda());
    }

    @Test
    void aboveTheThresholdTheReasonTravelsInTheEformThePlatformWrites() throws Exception {
        UUID idContratto = UUID.fromString("3f2c1a9e-5b7d-4c8e-9a1f-2d3e4f5a6b7c");
        SchedaDraft m1 = aboveThreshold(ModificationScheda.Variant.M1, noticeContext("Genova", "ITC33", false)).build(
                above(idContratto, false), STARTED, modification("mod-cir", "6200000", "150000",
                        Map.of("urlDocumentazione", "https://trasparenza.comune.genova.it/varianti/9", "numGiorniProroga", 30)));
        assertThat(m1.errors()).isEmpty();
        assertThat(m1.code()).isEqualTo(SchedaCode.M1);
        // ANAC's M1 model has no datiBaseModificaContrattuale: reason and cause are in the eForm.
        assertThat((Map<String, Object>) m1.anacForm().get("modificaContrattuale")).doesNotContainKey("datiBaseModificaContrattuale");
        JsonNode scheda = fullScheda(m1);
        assertThat(SCHEMAS.validate(scheda)).isEmpty();
        assertThat(SCHEMAS.codeListErrors(scheda)).isEmpty();
        assertThat(RULES.codes("M1", scheda.get("body").get("anacForm"))).isEmpty();

        byte[] xml = java.util.Base64.getDecoder().decode(m1.bodyParts().get("eform"));
        ModificationNoticeTest.validate(xml);
        String text = new String(xml, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains(">38<").contains(">mod-cir<").contains("Rinvenimento di sottoservizi non censiti")
                .contains(idContratto.toString()).contains("6350000.00");

        // Special sectors: subtype 39; concessions (M1_40): subtype 40, the concessions' framework.
        SchedaDraft special = aboveThreshold(ModificationScheda.Variant.M1, noticeContext("Genova", "ITC33", true)).build(
                above(idContratto, false), STARTED, modification("mod-nons", "6100000", "150000", Map.of()));
        assertThat(new String(java.util.Base64.getDecoder().decode(special.bodyParts().get("eform")),
                java.nio.charset.StandardCharsets.UTF_8)).contains(">39<");
        SchedaDraft concession = aboveThreshold(ModificationScheda.Variant.M1_40, noticeContext("Genova", "ITC33", false)).build(
                above(idContratto, true), STARTED, concessionModification("mod-nons", Map.of("impLavori", 6100000), Map.of()));
        assertThat(concession.errors()).isEmpty();
        assertThat(SCHEMAS.validate(fullScheda(concession))).isEmpty();
        byte[] concessionXml = java.util.Base64.getDecoder().decode(concession.bodyParts().get("eform"));
        ModificationNoticeTest.validate(concessionXml);
        assertThat(new String(concessionXml, java.nio.charset.StandardCharsets.UTF_8)).contains(">40<");

        // ANAC's M1 rules read fields its model lacks and never fire: the platform applies them to the eForm's reason.
        Map<String, Object> withoutUrl = modification("mod-cir", "6200000", "150000", Map.of());
        assertThat(aboveThreshold(ModificationScheda.Variant.M1, noticeContext("Genova", "ITC33", false))
                .build(above(idContratto, false), STARTED, withoutUrl).errors()).extracting(SchedaError::code).containsExactly("REG61");
    }

    @Test
    void theEformNeedsTheIdContrattoAndTheAuthoritySeat() {
        SchedaDraft beforeSc1 = aboveThreshold(ModificationScheda.Variant.M1, noticeContext(null, null, false)).build(
                above(null, false), STARTED, modification("mod-nons", "6100000", "150000", Map.of()));
        assertThat(beforeSc1.errors()).extracting(SchedaError::field).containsExactly("eform");
        assertThat(beforeSc1.errors().get(0).message()).contains("idContratto").contains("codice NUTS");
        assertThat(beforeSc1.bodyParts()).isEmpty();
    }
}
