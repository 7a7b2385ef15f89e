package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.anac.reference.AnacRules;
import it.openesecuzione.anac.reference.AnacSchemas;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.shared.Cig;
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

/**
 * Every scheda the platform builds is checked with ANAC's own artefacts: the JSON schema of its
 * model and the DMN decision table, evaluated by a real DMN/FEEL engine. A valid event must pass
 * both; for each ANAC rule, an invalid event must be refused by the platform with the same code
 * ANAC's engine gives (where ANAC's rule can fire at all — see docs/design).
 */
class SchedaConformanceTest {

    private static final AnacSchemas SCHEMAS = AnacSchemas.fromSharedFolder();
    private static final AnacRules RULES = AnacRules.fromSharedFolder();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID ID_CONTRATTO = UUID.fromString("3f2c1a9e-5b7d-4c8e-9a1f-2d3e4f5a6b7c");
    /** What PCP assigns to SO1 on confirmation and P4 puts into RI1 and SQ1 when sending them. */
    private static final String ID_SCHEDA_SO1 = "9d7b0c3e-1f2a-4b5c-8d6e-7f8091a2b3c4";

    private static final ContractFacts FACTS = new ContractFacts(1, "0000243530",
            List.of(Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', 0x1A2B00).value()), ID_CONTRATTO, 180, Tipologia.LAVORI,
            LocalDate.of(2026, 2, 10), LocalDate.of(2026, 11, 27), new BigDecimal("449750.00"),
            it.openesecuzione.contracts.Procedura.NEGOZIATA_SENZA_BANDO, false, false, new BigDecimal("449750.00"));

    private static RecordedScheda recorded(SchedaCode code, LocalDate date, Map<String, Object> anacForm, int seq) {
        return new RecordedScheda(seq, 1, seq, code, "1.0", date, anacForm, "PRONTA", List.of(), Instant.EPOCH, null);
    }

    private static final RecordedScheda SIGNED = recorded(SchedaCode.SC1, LocalDate.of(2026, 2, 10), Map.of(), 1);
    private static final RecordedScheda STARTED = recorded(SchedaCode.I1, LocalDate.of(2026, 3, 2), Map.of(), 2);
    private static final RecordedScheda SUSPENDED = recorded(SchedaCode.SO1, LocalDate.of(2026, 4, 10),
            Map.of("sospensione", Map.of("sospensioneParziale", false)), 3);

    private static ExecutionTimeline timeline(RecordedScheda... history) {
        return ExecutionTimeline.of(List.of(history), 180);
    }

    /** The scheda as transmitted: the draft, plus the identifiers PCP assigns to earlier schede. */
    private static JsonNode transmitted(SchedaDraft draft) {
        Map<String, Object> anacForm = new LinkedHashMap<>(draft.anacForm());
        if (draft.code() == SchedaCode.RI1 || draft.code() == SchedaCode.SQ1) {
            anacForm.put("idScheda", ID_SCHEDA_SO1);
        }
        RecordedScheda scheda = new RecordedScheda(1, 1, 1, draft.code(), draft.versione(), draft.eventDate(), anacForm,
                "PRONTA", List.of(), Instant.EPOCH, null);
        return JSON.valueToTree(scheda.scheda());
    }

    private static void assertAcceptedByAnac(SchedaDraft draft) {
        assertThat(draft.errors()).as("platform errors").isEmpty();
        JsonNode scheda = transmitted(draft);
        assertThat(SCHEMAS.validate(scheda)).as("ANAC schema of %s", draft.code()).isEmpty();
        assertThat(SCHEMAS.codeListErrors(scheda)).as("ANAC code lists of %s", draft.code()).isEmpty();
        assertThat(RULES.codes(draft.code().name(), scheda.get("body").get("anacForm"))).as("ANAC rules of %s", draft.code()).isEmpty();
    }

    /** The platform refuses with {@code code}, and ANAC's engine gives the same code on the same data. */
    private static void assertRefusedLikeAnac(SchedaDraft draft, Map<String, Object> anacFormAsSubmitted, String code) {
        assertThat(draft.errors()).extracting(SchedaError::code).containsExactly(code);
        assertThat(RULES.codes(draft.code().name(), JSON.valueToTree(anacFormAsSubmitted))).contains(code);
    }

    private static Map<String, Object> sc1(String stipula, String scadenza, Object cauzione) {
        Map<String, Object> dati = new HashMap<>();
        dati.put("idPartecipante", "b62390a8-70f1-4740-adb3-6a416150b777");
        dati.put("dataStipula", stipula);
        dati.put("dataDecorrenza", stipula);
        dati.put("dataScadenza", scadenza);
        dati.put("importoCauzione", cauzione);
        return Map.of("datiContratto", dati);
    }

    @Test
    void sc1() {
        assertAcceptedByAnac(Sc1Scheda.build(FACTS, sc1("2026-02-10", "2026-08-31", 44975)));
        Map<String, Object> late = sc1("2026-02-10T00:00:00Z", "2026-01-31T00:00:00Z", 10);
        assertRefusedLikeAnac(Sc1Scheda.build(FACTS, late), late, "REG77");
        Map<String, Object> negative = sc1("2026-02-10T00:00:00Z", "2026-08-31T00:00:00Z", -1);
        assertRefusedLikeAnac(Sc1Scheda.build(FACTS, negative), negative, "REG117");
    }

    private static Map<String, Object> i1(Map<String, Object> datiInizio) {
        Map<String, Object> dati = new HashMap<>(Map.of("consegnaSottoRiserva", false, "dataEffettivoInizio", "2026-03-02T00:00:00Z"));
        dati.putAll(datiInizio);
        return Map.of("datiInizio", dati);
    }

    @Test
    void i1() {
        assertAcceptedByAnac(I1Scheda.build(FACTS, i1(Map.of("consegnaFrazionata", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02"))));
        assertAcceptedByAnac(I1Scheda.build(FACTS, i1(Map.of("consegnaFrazionata", true, "dataVerbalePrimaConsegna", "2026-03-02",
                "avvioPerFasi", true, "dataAvvioPrimaFase", "2026-03-05"))));
        for (var invalid : List.of(
                Map.entry("REG57", i1(Map.of("dataDisposizioneInizio", "2026-02-20T00:00:00Z", "dataApprovazione", "2026-02-15T00:00:00Z"))),
                Map.entry("REG58", i1(Map.of("consegnaFrazionata", true))),
                Map.entry("REG59", i1(Map.of("avvioPerFasi", true))),
                Map.entry("REG60", i1(Map.of("consegnaFrazionata", false))))) {
            assertRefusedLikeAnac(I1Scheda.build(FACTS, invalid.getValue()), invalid.getValue(), invalid.getKey());
        }
    }

    private static Map<String, Object> so1(boolean partial, String reason) {
        return Map.of("sospensione", Map.of("sospensioneParziale", partial, "dataVerbaleSospensione", "2026-04-10",
                "motivoSospensione", Map.of("idTipologica", "motivoSospensione", "codice", reason)));
    }

    @Test
    void so1() {
        for (String reason : CodeLists.MOTIVO_SOSPENSIONE.keySet()) {
            assertAcceptedByAnac(So1Scheda.build(FACTS, timeline(SIGNED, STARTED), so1(reason.equals("3"), reason)));
        }
        assertRefusedLikeAnac(So1Scheda.build(FACTS, timeline(SIGNED, STARTED), Map.of()), Map.of(), "REG0");
    }

    @Test
    void ri1() {
        assertAcceptedByAnac(Ri1Scheda.build(FACTS, timeline(SIGNED, STARTED, SUSPENDED), Map.of("sospensione", Map.of(
                "dataVerbaleRipresa", "2026-04-25", "riserve", true, "verbaleNonSottoscritto", false))));
        assertRefusedLikeAnac(Ri1Scheda.build(FACTS, timeline(SIGNED, STARTED, SUSPENDED), Map.of()), Map.of(), "REG0");
    }

    @Test
    void sq1() {
        assertAcceptedByAnac(Sq1Scheda.build(FACTS, timeline(SIGNED, STARTED, SUSPENDED), Map.of()));
    }

    private static Map<String, Object> co1(Map<String, Object> conclusione) {
        return Map.of("conclusione", conclusione);
    }

    private static Map<String, Object> code(String list, String code) {
        return Map.of("idTipologica", list, "codice", code);
    }

    @Test
    void co1() {
        assertAcceptedByAnac(Co1Scheda.build(FACTS, timeline(SIGNED, STARTED), co1(Map.of("dataUltimazione", "2026-08-20",
                "numeroInfortuni", 2, "diCuiPostumiPermanenti", 1, "diCuiMortali", 0))));
        assertAcceptedByAnac(Co1Scheda.build(FACTS, timeline(SIGNED, STARTED), co1(Map.of(
                "causaInterruzioneAnticipata", code("causaInterruzioneAnticipata", "2"),
                "motiviRisoluzione", code("motiviRisoluzione", "5"),
                "oneriEconomiciRisoluzioneRecesso", code("oneriEconomiciRisoluzioneRecesso", "2"),
                "importo", new BigDecimal("15000.00"), "incamerataPolizza", true, "dataInterruzioneAnticipata", "2026-06-30"))));
        // ANAC's engine raises these on the same data.
        Map<String, Object> noDate = co1(Map.of("numeroInfortuni", 0));
        assertRefusedLikeAnac(Co1Scheda.build(FACTS, timeline(SIGNED, STARTED), noDate), noDate, "REG81");
        Map<String, Object> accidents = co1(Map.of("dataUltimazione", "2026-08-20T00:00:00Z", "numeroInfortuni", 1,
                "diCuiPostumiPermanenti", 1, "diCuiMortali", 1));
        assertRefusedLikeAnac(Co1Scheda.build(FACTS, timeline(SIGNED, STARTED), accidents), accidents, "REG82");
        Map<String, Object> negative = co1(Map.of("dataUltimazione", "2026-08-20T00:00:00Z", "diCuiMortali", -1));
        assertThat(Co1Scheda.build(FACTS, timeline(SIGNED, STARTED), negative).errors()).extracting(SchedaError::code).contains("REG85");
        assertThat(RULES.codes("CO1", JSON.valueToTree(negative))).contains("REG85");
    }

    @Test
    void co1RulesThatAnacsEngineCannotFireAreStillEnforcedAsTheirTextSays() {
        // REG75, REG76, REG79, REG80, REG83 compare a coded object with "" and never fire in FEEL;
        // the platform applies what their texts require.
        assertThat(Co1Scheda.build(FACTS, timeline(SIGNED, STARTED), co1(Map.of("dataInterruzioneAnticipata", "2026-06-30",
                "causaInterruzioneAnticipata", code("causaInterruzioneAnticipata", "2")))).errors())
                .extracting(SchedaError::code).containsExactlyInAnyOrder("REG75", "REG76", "REG83");
        assertThat(Co1Scheda.build(FACTS, timeline(SIGNED, STARTED), co1(Map.of("dataUltimazione", "2026-06-30",
                "oneriEconomiciRisoluzioneRecesso", code("oneriEconomiciRisoluzioneRecesso", "1")))).errors())
                .extracting(SchedaError::code).containsExactly("REG79");
        assertThat(Co1Scheda.build(FACTS, timeline(SIGNED, STARTED), co1(Map.of("dataUltimazione", "2026-06-30",
                "oneriEconomiciRisoluzioneRecesso", code("oneriEconomiciRisoluzioneRecesso", "0"), "importo", 100))).errors())
                .extracting(SchedaError::code).containsExactly("REG80");
    }
}
