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
@SuppressWarnings("unchecked")
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
            it.openesecuzione.contracts.Procedura.NEGOZIATA_SENZA_BANDO, false, false, new BigDecimal("449750.00"), null);

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

    /** What PCP assigns to RSU1 and ES1, and P4 puts into ES1, CS1 and a cascade RSU1. */
    private static final String ID_SCHEDA_RSU1 = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    private static final String ID_SCHEDA_ES1 = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60";

    /** The scheda as transmitted: the draft, plus the identifiers PCP assigns to earlier schede. */
    private static JsonNode transmitted(SchedaDraft draft) {
        Map<String, Object> anacForm = new LinkedHashMap<>(draft.anacForm());
        switch (draft.code()) {
            case RI1, SQ1 -> anacForm.put("idScheda", ID_SCHEDA_SO1);
            case ES1 -> anacForm.put("idScheda", ID_SCHEDA_RSU1);
            case CS1 -> anacForm.put("idScheda", ID_SCHEDA_ES1);
            case RSU1 -> {
                if (draft.relatedSeq() != null) {
                    anacForm.put("idSubappalto", ID_SCHEDA_RSU1);
                }
            }
            default -> { }
        }
        RecordedScheda scheda = new RecordedScheda(1, 1, 1, draft.code(), draft.versione(), draft.eventDate(), anacForm,
                "PRONTA", List.of(), Instant.EPOCH, null, draft.relatedSeq(), draft.bodyParts());
        return JSON.valueToTree(scheda.scheda());
    }

    /** A recorded event from a draft the platform built, as number {@code seq}. */
    private static RecordedScheda recorded(SchedaDraft draft, int seq) {
        assertThat(draft.errors()).as("platform errors of %s", draft.code()).isEmpty();
        return new RecordedScheda(seq, 1, seq, draft.code(), draft.versione(), draft.eventDate(), draft.anacForm(), "PRONTA",
                draft.warnings(), Instant.EPOCH, null, draft.relatedSeq(), draft.bodyParts());
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
        SchedaDraft valid = Sq1Scheda.build(FACTS, timeline(SIGNED, STARTED, SUSPENDED), Map.of());
        assertAcceptedByAnac(valid);
        // REG0 (no section): the platform derives the section from the suspension, so it never
        // sends one without it; before the limit is passed it refuses the event instead.
        assertThat(RULES.codes("SQ1", JSON.valueToTree(Map.of()))).contains("REG0");
        assertThat(valid.anacForm()).containsKey("sospensione");
        ContractFacts early = new ContractFacts(1, "0000243530", FACTS.cigs(), ID_CONTRATTO, 180, Tipologia.LAVORI,
                LocalDate.of(2026, 2, 10), LocalDate.of(2026, 4, 20), new BigDecimal("449750.00"),
                it.openesecuzione.contracts.Procedura.NEGOZIATA_SENZA_BANDO, false, false, new BigDecimal("449750.00"), null);
        assertThat(Sq1Scheda.build(early, timeline(SIGNED, STARTED, SUSPENDED), Map.of()).errors()).extracting(SchedaError::code)
                .containsExactly(SchedaError.STATE);
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
        Map<String, Object> negativePermanent = co1(Map.of("dataUltimazione", "2026-08-20T00:00:00Z", "diCuiPostumiPermanenti", -1));
        assertThat(Co1Scheda.build(FACTS, timeline(SIGNED, STARTED), negativePermanent).errors()).extracting(SchedaError::code)
                .contains("REG84");
        assertThat(RULES.codes("CO1", JSON.valueToTree(negativePermanent))).contains("REG84");
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

    private static Map<String, Object> sa1(Map<String, Object> extra) {
        Map<String, Object> avanzamento = new HashMap<>(Map.of("denominazioneAvanzamento", "SAL n. 1",
                "modalitaPagamento", code("modalitaPagamento", "1"), "dataAvanzamento", "2026-05-04T00:00:00Z",
                "impSal", 120000, "avanzamento", code("avanzamento", "9")));
        avanzamento.putAll(extra);
        return Map.of("avanzamento", avanzamento);
    }

    @Test
    void sa1() {
        ExecutionTimeline started = timeline(SIGNED, STARTED);
        // Advance payment (20% of 449,750.00), SAL on time, ahead, late with deviation, with a proroga.
        assertAcceptedByAnac(Sa1Scheda.build(FACTS, started, sa1(Map.of("impAnticipazione", 89950,
                "dataCertificatoAnticipazione", "2026-03-10", "impSal", 0))));
        assertAcceptedByAnac(Sa1Scheda.build(FACTS, started, sa1(Map.of("dataCertificatoMandatoPagamento", "2026-05-08",
                "impCertificatoMandatoPagamento", "95400.50"))));
        assertAcceptedByAnac(Sa1Scheda.build(FACTS, started, sa1(Map.of("avanzamento", code("avanzamento", "10"),
                "numGiorniScostamento", 5))));
        assertAcceptedByAnac(Sa1Scheda.build(FACTS, started, sa1(Map.of("avanzamento", code("avanzamento", "11"),
                "numGiorniScostamento", 12, "numGiorniProroga", 20, "modalitaPagamento", code("modalitaPagamento", "3")))));
        SchedaDraft built = Sa1Scheda.build(FACTS, started, sa1(Map.of("impSal", "1000.5")));
        assertThat(built.anacForm().get("idContratto")).isEqualTo(ID_CONTRATTO.toString());
        assertThat(((Map<?, ?>) built.anacForm().get("avanzamento")).get("impSal")).isEqualTo(new BigDecimal("1000.50"));

        // ANAC's engine raises these on the same data.
        Map<String, Object> noCertificateDate = sa1(Map.of("impAnticipazione", 89950));
        assertRefusedLikeAnac(Sa1Scheda.build(FACTS, started, noCertificateDate), noCertificateDate, "REG64");
        Map<String, Object> unexpectedDate = sa1(Map.of("dataCertificatoAnticipazione", "2026-03-10T00:00:00Z"));
        assertRefusedLikeAnac(Sa1Scheda.build(FACTS, started, unexpectedDate), unexpectedDate, "REG72");
        Map<String, Object> zeroAdvance = sa1(Map.of("impAnticipazione", 0, "dataCertificatoAnticipazione", "2026-03-10T00:00:00Z"));
        assertRefusedLikeAnac(Sa1Scheda.build(FACTS, started, zeroAdvance), zeroAdvance, "REG72");
        // Without the section ANAC's engine reports REG64/REG72 on unbound input; the platform says REG0.
        assertThat(Sa1Scheda.build(FACTS, started, Map.of()).errors()).extracting(SchedaError::code).containsExactly("REG0");
    }

    @Test
    void sa1RulesOfThePlatformBeyondAnacs() {
        ExecutionTimeline started = timeline(SIGNED, STARTED);
        // Above 30% of the contract value (134,925.00): refused; between 20% and 30%: a warning.
        assertThat(Sa1Scheda.build(FACTS, started, sa1(Map.of("impAnticipazione", "134925.01",
                "dataCertificatoAnticipazione", "2026-03-10"))).errors()).extracting(SchedaError::field)
                .containsExactly("avanzamento.impAnticipazione");
        SchedaDraft raised = Sa1Scheda.build(FACTS, started, sa1(Map.of("impAnticipazione", "134925.00",
                "dataCertificatoAnticipazione", "2026-03-10")));
        assertThat(raised.errors()).isEmpty();
        assertThat(raised.warnings()).anyMatch(w -> w.contains("20%"));
        // No SAL without the handover.
        assertThat(Sa1Scheda.build(FACTS, timeline(SIGNED, SUSPENDED), sa1(Map.of())).errors()).extracting(SchedaError::code)
                .containsExactly(SchedaError.STATE);
        // impSal is cumulative.
        RecordedScheda first = recorded(SchedaCode.SA1, LocalDate.of(2026, 5, 4),
                Map.of("avanzamento", Map.of("impSal", new BigDecimal("120000.00"), "numGiorniProroga", 10)), 3);
        ExecutionTimeline afterFirst = timeline(SIGNED, STARTED, first);
        assertThat(afterFirst.lastImpSal()).isEqualByComparingTo("120000");
        assertThat(afterFirst.term().orElseThrow().deadline(LocalDate.of(2026, 5, 4))).isEqualTo(LocalDate.of(2026, 9, 8));
        assertThat(Sa1Scheda.build(FACTS, afterFirst, sa1(Map.of("dataAvanzamento", "2026-06-04", "impSal", 119999.99)))
                .errors()).extracting(SchedaError::field).containsExactly("avanzamento.impSal");
        assertAcceptedByAnac(Sa1Scheda.build(FACTS, afterFirst, sa1(Map.of("dataAvanzamento", "2026-06-04", "impSal", 200000))));
        // A late SAL needs its deviation; an on-time one has none; amounts in cents.
        assertThat(Sa1Scheda.build(FACTS, started, sa1(Map.of("avanzamento", code("avanzamento", "11")))).errors())
                .extracting(SchedaError::field).containsExactly("avanzamento.numGiorniScostamento");
        assertThat(Sa1Scheda.build(FACTS, started, sa1(Map.of("numGiorniScostamento", 3))).errors())
                .extracting(SchedaError::field).containsExactly("avanzamento.numGiorniScostamento");
        assertThat(Sa1Scheda.build(FACTS, started, sa1(Map.of("impSal", "10.001"))).errors())
                .extracting(SchedaError::code).containsExactly(SchedaError.FORMAT);
    }

    // --- AC1, IR1, CL1, CO2 -------------------------------------------------------------------

    /** The same contract once its completion (CO1) was recorded on 20 August 2026. */
    private static final ContractFacts CONCLUDED = new ContractFacts(FACTS.contractId(), FACTS.codiceAusa(), FACTS.cigs(),
            FACTS.idContratto(), FACTS.durataGiorni(), FACTS.tipologia(), FACTS.signedOn(), FACTS.today(),
            FACTS.importoContrattuale(), FACTS.procedura(), FACTS.sopraSoglia(), FACTS.concessione(), FACTS.currentValue(),
            LocalDate.of(2026, 8, 20));

    /** A direct award of 4,200 euro: no SC1, hence no idContratto; CO2 is its only scheda. */
    private static final ContractFacts DIRECT_AWARD = new ContractFacts(2, "0000243530", FACTS.cigs(), null, 30,
            Tipologia.SERVIZI, null, LocalDate.of(2026, 11, 27), new BigDecimal("4200.00"),
            it.openesecuzione.contracts.Procedura.AFFIDAMENTO_DIRETTO, false, false, new BigDecimal("4200.00"), null);

    private static Map<String, Object> ac1(Map<String, Object> accordoBonario) {
        return Map.of("accordoBonario", accordoBonario);
    }

    @Test
    void ac1() {
        SchedaDraft valid = Ac1Scheda.build(FACTS, timeline(SIGNED, STARTED), ac1(Map.of("dataAccordo", "2026-06-15",
                "oneriDerivanti", 30000, "numeroRiserve", 3)));
        assertAcceptedByAnac(valid);
        assertThat(valid.warnings()).isEmpty();
        assertThat(valid.anacForm().get("idContratto")).isEqualTo(ID_CONTRATTO.toString());
        // No charges: ANAC wants 0, not an absent field.
        assertAcceptedByAnac(Ac1Scheda.build(FACTS, timeline(SIGNED, STARTED), ac1(Map.of("dataAccordo", "2026-06-15",
                "oneriDerivanti", 0))));
        Map<String, Object> noCharges = ac1(Map.of("dataAccordo", "2026-06-15", "numeroRiserve", 3));
        assertRefusedLikeAnac(Ac1Scheda.build(FACTS, timeline(SIGNED, STARTED), noCharges), noCharges, "REG74");
    }

    @Test
    void ac1WarnsWhenTheChargesAreOutsideTheFiveToFifteenPerCentOfArt210() {
        // 1,000 euro of 449,750 is 0.22%; 90,000 is 20.01%.
        assertThat(Ac1Scheda.build(FACTS, timeline(SIGNED, STARTED), ac1(Map.of("dataAccordo", "2026-06-15",
                "oneriDerivanti", 1000))).warnings()).singleElement().asString().contains("art. 210");
        assertThat(Ac1Scheda.build(FACTS, timeline(SIGNED, STARTED), ac1(Map.of("dataAccordo", "2026-06-15",
                "oneriDerivanti", 90000))).warnings()).hasSize(1);
        assertThat(Ac1Scheda.build(FACTS, timeline(SIGNED, STARTED), ac1(Map.of("dataAccordo", "2026-01-15",
                "oneriDerivanti", 30000))).errors()).extracting(SchedaError::code).containsExactly(SchedaError.DATES);
    }

    private static Map<String, Object> ir1(Map<String, Object> extra) {
        Map<String, Object> ritardo = new HashMap<>(Map.of("dataTermine", "2026-03-27",
                "tipoComunicazione", code("tipoComunicazione", "R"), "dataIstanzaRecesso", "2026-04-01",
                "istanzaAccolta", false, "istanzaTardiva", true, "istanzaRipresa", false, "istanzaRiserva", false,
                "impSpese", 0));
        ritardo.putAll(extra);
        return Map.of("ritardo", ritardo);
    }

    @Test
    void ir1() {
        assertAcceptedByAnac(Ir1Scheda.build(FACTS, timeline(SIGNED), ir1(Map.of())));
        assertAcceptedByAnac(Ir1Scheda.build(FACTS, timeline(SIGNED, STARTED, SUSPENDED), ir1(Map.of(
                "tipoComunicazione", code("tipoComunicazione", "S"), "durataSospensione", 200,
                "motivoSospensione", "Sospensione per interferenze con i sottoservizi", "istanzaTardiva", false,
                "istanzaRipresa", true, "istanzaRiserva", true, "impSpese", 2500.5, "impOneri", 1500))));
        assertRefusedLikeAnac(Ir1Scheda.build(FACTS, timeline(SIGNED), Map.of()), Map.of(), "REG0");
    }

    @Test
    void ir1TiesTheFieldsToTheKindOfRequest() {
        assertThat(Ir1Scheda.build(FACTS, timeline(SIGNED), ir1(Map.of("tipoComunicazione", code("tipoComunicazione", "S"),
                "istanzaTardiva", false))).errors()).extracting(SchedaError::field).containsExactly("ritardo.durataSospensione");
        assertThat(Ir1Scheda.build(FACTS, timeline(SIGNED), ir1(Map.of("istanzaRipresa", true))).errors())
                .extracting(SchedaError::code).containsExactly(SchedaError.STATE);
        assertThat(Ir1Scheda.build(FACTS, timeline(SIGNED), ir1(Map.of("tipoComunicazione", code("tipoComunicazione", "X"))))
                .errors()).extracting(SchedaError::code).containsExactly(SchedaError.FORMAT);
        assertThat(Ir1Scheda.build(FACTS, timeline(SIGNED), ir1(Map.of("impSpese", ""))).errors())
                .extracting(SchedaError::field).containsExactly("ritardo.impSpese");
    }

    private static Map<String, Object> cl1(Map<String, Object> collaudo) {
        return Map.of("collaudo", collaudo);
    }

    /** A final collaudo with all its dates, the reserves settled and the final economic framework. */
    private static Map<String, Object> finalCollaudo(Map<String, Object> changes) {
        Map<String, Object> collaudo = new HashMap<>();
        collaudo.put("modoCollaudo", code("modoCollaudo", "1"));
        collaudo.put("dataNomina", "2026-08-25");
        collaudo.put("dataInizio", "2026-09-01");
        collaudo.put("dataRedazioneCertificato", "2026-12-15");
        collaudo.put("dataDeliberaAmmissibilita", "2027-01-10");
        collaudo.put("esito", "POSITIVO");
        collaudo.put("numeroTotaleRiserve", 2);
        collaudo.put("oneri", 12000);
        collaudo.put("quadroEconomicoStandard", Map.of("impLavori", 434750, "impTotaleSicurezza", 15000,
                "sommeADisposizione", 98945));
        collaudo.put("modalitaDefinizione", List.of(Map.of("ulterioriRiserve", false, "numeroRiserveDefinite", 2,
                "numeroRiserveDaDefinire", 0, "impTotaleRichiesto", 40000, "impTotaleDefinizione", 12000)));
        collaudo.putAll(changes);
        collaudo.values().removeIf(java.util.Objects::isNull);
        return cl1(collaudo);
    }

    @Test
    void cl1() {
        ExecutionTimeline done = timeline(SIGNED, STARTED);
        SchedaDraft cre = Cl1Scheda.build(CONCLUDED, done, cl1(Map.of("dataCertificato", "2026-10-01", "esito", "POSITIVO",
                "quadroEconomicoStandard", Map.of("impLavori", 434750, "sommeADisposizione", 98945))));
        assertAcceptedByAnac(cre);
        assertThat(cre.eventDate()).isEqualTo(LocalDate.of(2026, 10, 1));
        SchedaDraft collaudo = Cl1Scheda.build(CONCLUDED, done, finalCollaudo(Map.of()));
        assertAcceptedByAnac(collaudo);
        assertThat(collaudo.warnings()).isEmpty();

        Map<String, Object> neither = cl1(Map.of("esito", "POSITIVO"));
        assertRefusedLikeAnac(Cl1Scheda.build(CONCLUDED, done, neither), neither, "REG87");
        Map<String, Object> startBeforeAppointment = finalCollaudo(Map.of("dataInizio", "2026-08-24"));
        assertRefusedLikeAnac(Cl1Scheda.build(CONCLUDED, done, startBeforeAppointment), startBeforeAppointment, "REG90");
        Map<String, Object> certificateBeforeStart = finalCollaudo(Map.of("dataRedazioneCertificato", "2026-08-31",
                "dataDeliberaAmmissibilita", "2026-09-10"));
        assertRefusedLikeAnac(Cl1Scheda.build(CONCLUDED, done, certificateBeforeStart), certificateBeforeStart, "REG92");
        Map<String, Object> approvalBeforeCertificate = finalCollaudo(Map.of("dataDeliberaAmmissibilita", "2026-12-14"));
        assertRefusedLikeAnac(Cl1Scheda.build(CONCLUDED, done, approvalBeforeCertificate), approvalBeforeCertificate, "REG93");
        Map<String, Object> noCharges = finalCollaudo(Map.of("oneri", 0));
        assertRefusedLikeAnac(Cl1Scheda.build(CONCLUDED, done, noCharges), noCharges, "REG94");
    }

    @Test
    void cl1RulesThatAnacsEngineCannotFireAreStillEnforcedAsTheirTextSays() {
        ExecutionTimeline done = timeline(SIGNED, STARTED);
        // REG86, REG88, REG89, REG91 compare the coded modoCollaudo with "" and never fire in FEEL.
        Map<String, Object> both = finalCollaudo(Map.of("dataCertificato", "2026-10-01"));
        assertThat(Cl1Scheda.build(CONCLUDED, done, both).errors()).extracting(SchedaError::code).containsExactly("REG86");
        assertThat(RULES.codes("CL1", JSON.valueToTree(both))).doesNotContain("REG86");
        Map<String, Object> modeOnly = cl1(Map.of("modoCollaudo", code("modoCollaudo", "1"), "esito", "POSITIVO"));
        assertThat(Cl1Scheda.build(CONCLUDED, done, modeOnly).errors()).extracting(SchedaError::code)
                .containsExactlyInAnyOrder("REG88", "REG89", "REG91");
        assertThat(RULES.codes("CL1", JSON.valueToTree(modeOnly))).isEmpty();
        // REG94 fires in ANAC's engine only for oneri = 0; its text makes oneri mandatory.
        Map<String, Object> chargesAbsent = finalCollaudo(java.util.Collections.singletonMap("oneri", null));
        assertThat(Cl1Scheda.build(CONCLUDED, done, chargesAbsent).errors()).extracting(SchedaError::code)
                .containsExactly("REG94");
    }

    @Test
    void cl1FollowsCompletionWithinSixMonths() {
        ExecutionTimeline done = timeline(SIGNED, STARTED);
        // ANAC admits CL1 right after I1; the law (art. 116) wants the completion first, but for a collaudo in corso d'opera.
        assertThat(Cl1Scheda.build(FACTS, done, finalCollaudo(Map.of())).errors()).extracting(SchedaError::code)
                .containsExactly(SchedaError.STATE);
        assertAcceptedByAnac(Cl1Scheda.build(FACTS, done, finalCollaudo(Map.of("modoCollaudo", code("modoCollaudo", "2"),
                "dataNomina", "2026-04-01", "dataInizio", "2026-04-15", "dataRedazioneCertificato", "2026-06-15",
                "dataDeliberaAmmissibilita", "2026-06-20"))));
        assertThat(Cl1Scheda.build(CONCLUDED, done, cl1(Map.of("dataCertificato", "2026-08-01", "esito", "POSITIVO")))
                .errors()).extracting(SchedaError::code).containsExactly(SchedaError.DATES);
        SchedaDraft late = Cl1Scheda.build(CONCLUDED, done, cl1(Map.of("dataCertificato", "2027-03-01", "esito", "POSITIVO")));
        assertAcceptedByAnac(late);
        assertThat(late.warnings()).singleElement().asString().contains("sei mesi").contains("2026-08-20");
        // A contract's framework is the standard one; the concessions' one is refused.
        assertThat(Cl1Scheda.build(CONCLUDED, done, cl1(Map.of("dataCertificato", "2026-10-01", "esito", "POSITIVO",
                "quadroEconomicoConcessioni", Map.of("entrateUtenza", 1000)))).errors()).extracting(SchedaError::code)
                .containsExactly(SchedaError.DERIVED);
        assertThat(Cl1Scheda.build(CONCLUDED, done, cl1(Map.of("dataCertificato", "2026-10-01", "esito", "POSITIVO",
                "quadroEconomicoStandard", Map.of("impLavori", 1000)))).errors()).extracting(SchedaError::field)
                .containsExactly("collaudo.quadroEconomicoStandard.sommeADisposizione");
    }

    private static Map<String, Object> co2(String start, String end, Object amount) {
        return Map.of("conclusione", Map.of("dataInizio", start, "dataUltimazione", end, "importo", amount));
    }

    @Test
    void co2() {
        SchedaDraft valid = Co2Scheda.build(DIRECT_AWARD, timeline(), co2("2026-05-04", "2026-05-20", 4200));
        assertAcceptedByAnac(valid);
        assertThat(valid.anacForm().get("cig")).isEqualTo(FACTS.cigs().get(0));
        assertThat(valid.waitsForAnacId()).isFalse();
        assertRefusedLikeAnac(Co2Scheda.build(DIRECT_AWARD, timeline(), Map.of()), Map.of(), "REG0");
    }

    @Test
    void co2OnlyForDirectAwardsUnderFiveThousandEuro() {
        assertThat(Co2Scheda.build(FACTS, timeline(), co2("2026-05-04", "2026-05-20", 4200)).errors())
                .extracting(SchedaError::code).containsExactly(SchedaError.STATE);
        assertThat(Co2Scheda.build(DIRECT_AWARD, timeline(), co2("2026-05-20", "2026-05-04", 4200)).errors())
                .extracting(SchedaError::code).containsExactly(SchedaError.DATES);
    }

    // ---- Subcontracts: RSU1 -> ES1 -> CS1 ----

    private static final String ID_PARTECIPANTE = "b62390a8-70f1-4740-adb3-6a416150b777";
    private static final String ID_OE = "7a9e5c1b-3d2f-4e6a-8b0c-1d2e3f4a5b6c";
    private static final String ID_OE_CASCADE = "8b0f6d2c-4e3a-4f7b-9c1d-2e3f4a5b6c7d";
    private static final String ESPD = java.util.Base64.getEncoder().encodeToString(
            "<QualificationApplicationRequest xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2\"/>"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final RecordedScheda SIGNED_WITH_AWARDEE = recorded(SchedaCode.SC1, LocalDate.of(2026, 2, 10),
            Map.of("datiContratto", Map.of("idPartecipante", ID_PARTECIPANTE)), 1);

    private static Map<String, Object> subject(String taxCode, String name) {
        Map<String, Object> subject = new HashMap<>();
        subject.put("codiceFiscale", taxCode);
        subject.put("denominazione", name);
        subject.put("ruoloOE", Map.of("idTipologica", "ruoloOE", "codice", "14"));
        subject.put("tipoOE", "1");
        subject.put("operatoreEstero", false);
        return subject;
    }

    private static Map<String, Object> rsu1(String idOE, List<Object> subjects, Map<String, Object> grantor, Object amount) {
        Map<String, Object> subappalto = new HashMap<>();
        subappalto.put("operatoreEconomicoSubappaltatore", new HashMap<>(Map.of("idOE", idOE, "elencoSoggetti", subjects)));
        if (grantor != null) {
            subappalto.put("conferenteSubappalto", grantor);
        }
        subappalto.put("oggetto", "Impermeabilizzazione delle coperture");
        subappalto.put("importoPresunto", amount);
        subappalto.put("categoria", "OS 8");
        subappalto.put("cpv", List.of("45261420"));
        return new HashMap<>(Map.of("subappalto", subappalto));
    }

    private static EventRequest request(String type, Map<String, Object> data, Integer reference, LocalDate day, String espd) {
        return new EventRequest(type, data, reference, day, espd);
    }

    private static SchedaDraft rsu1Draft(Map<String, Object> data, Integer reference, List<RecordedScheda> history) {
        return new Rsu1Scheda().build(FACTS, timeline(), history, request("RSU1", data, reference, LocalDate.of(2026, 5, 4), ESPD));
    }

    /**
     * ANAC's RSU1 model cannot be satisfied (docs/design, "Surprises"): a scheda as its rules want
     * it misses exactly the five undefined properties of ConferenteSubappaltoType, and nothing else.
     */
    private static void assertAcceptedByAnacButForTheUnsatisfiableGrantor(SchedaDraft draft) {
        assertThat(draft.errors()).as("platform errors").isEmpty();
        JsonNode scheda = transmitted(draft);
        assertThat(SCHEMAS.validate(scheda)).as("ANAC schema of RSU1").containsExactlyInAnyOrder(
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'codiceFiscale' not found",
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'denominazione' not found",
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'ruoloOE' not found",
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'tipoOE' not found",
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'idOE' not found");
        assertThat(SCHEMAS.codeListErrors(scheda, FACTS.today())).as("ANAC code lists of RSU1").isEmpty();
        assertThat(RULES.codes("RSU1", scheda.get("body").get("anacForm"))).as("ANAC rules of RSU1").isEmpty();
    }

    @Test
    void rsu1() {
        List<RecordedScheda> history = List.of(SIGNED_WITH_AWARDEE, STARTED);
        SchedaDraft valid = rsu1Draft(rsu1(ID_OE, List.of(subject("01234567897", "Coperture Liguri srl")), null, 85000), null, history);
        assertAcceptedByAnacButForTheUnsatisfiableGrantor(valid);
        // The grantor is derived: the awardee of the SC1. The ESPD travels in the body.
        assertThat(valid.anacForm()).extractingByKey("subappalto").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .extractingByKey("conferenteSubappalto").isEqualTo(Map.of("idAggiudicatario", ID_PARTECIPANTE));
        assertThat(valid.bodyParts()).containsEntry("espd", ESPD);
        assertThat(valid.relatedSeq()).isNull();
        // Under 100,000 euro: the authority decides within 15 days of the request (4 May).
        assertThat(valid.warnings()).anyMatch(w -> w.startsWith("Termine per l'autorizzazione: 2026-05-19 (15 giorni"));
        assertThat(rsu1Draft(rsu1(ID_OE, List.of(subject("01234567897", "Coperture Liguri srl")), null, 150000), null, history)
                .warnings()).anyMatch(w -> w.startsWith("Termine per l'autorizzazione: 2026-06-03 (30 giorni"));

        Map<String, Object> both = rsu1(ID_OE, List.of(subject("01234567897", "Coperture Liguri srl")),
                Map.of("idAggiudicatario", ID_PARTECIPANTE, "idSubappaltanteACascata", ID_OE_CASCADE), 85000);
        Map<String, Object> none = rsu1(ID_OE, List.of(subject("01234567897", "Coperture Liguri srl")), Map.of(), 85000);
        Map<String, Object> cascadeWithoutId = rsu1(ID_OE, List.of(subject("01234567897", "Coperture Liguri srl")),
                Map.of("idSubappaltanteACascata", ID_OE_CASCADE), 85000);
        Map<String, Object> emptyOE = rsu1("", List.of(subject("01234567897", "Coperture Liguri srl")),
                Map.of("idAggiudicatario", ID_PARTECIPANTE), 85000);
        Map<String, Object> noSubjects = rsu1(ID_OE, List.of(), Map.of("idAggiudicatario", ID_PARTECIPANTE), 85000);
        Map<String, Object> noTaxCode = rsu1(ID_OE, List.of(subject("", "Coperture Liguri srl")),
                Map.of("idAggiudicatario", ID_PARTECIPANTE), 85000);
        Map<String, Object> noName = rsu1(ID_OE, List.of(subject("01234567897", "")), Map.of("idAggiudicatario", ID_PARTECIPANTE), 85000);
        for (var invalid : List.of(Map.entry("REG140", both), Map.entry("REG141", cascadeWithoutId), Map.entry("REG138", emptyOE),
                Map.entry("REG142", noSubjects), Map.entry("REG2", noTaxCode), Map.entry("REG129", noName))) {
            assertRefusedLikeAnac(rsu1Draft(invalid.getValue(), null, history), invalid.getValue(), invalid.getKey());
        }
        // REG139: no grantor at all, when no SC1 tells the awardee.
        assertRefusedLikeAnac(rsu1Draft(none, null, List.of(STARTED)), none, "REG139");
        assertRefusedLikeAnac(new Rsu1Scheda().build(FACTS, timeline(), history, request("RSU1", Map.of(), null, null, ESPD)),
                Map.of(), "REG0");
    }

    @Test
    void rsu1PlatformChecks() {
        List<RecordedScheda> history = List.of(SIGNED_WITH_AWARDEE, STARTED);
        Map<String, Object> data = rsu1(ID_OE, List.of(subject("01234567897", "Coperture Liguri srl")), null, 85000);
        assertThat(new Rsu1Scheda().build(FACTS, timeline(), history, request("RSU1", data, null, null, null)).errors())
                .extracting(SchedaError::field).containsExactly("espd");
        assertThat(new Rsu1Scheda().build(FACTS, timeline(), history, request("RSU1", data, null, null, "bm90IHhtbA==")).errors())
                .extracting(SchedaError::message).containsExactly("Il DGUE non è un documento XML valido");
        assertThat(new Rsu1Scheda().build(FACTS, timeline(), history, request("RSU1", data, null, LocalDate.of(2026, 12, 1), ESPD))
                .errors()).extracting(SchedaError::field).containsExactly("dataEvento");

        Map<String, Object> closedRole = rsu1(ID_OE, List.of(subject("01234567897", "Coperture Liguri srl")), null, 85000);
        Map<String, Object> badSubject = subject("01234567890", "Coperture Liguri srl");
        badSubject.put("ruoloOE", "3");
        ((Map<String, Object>) ((Map<String, Object>) closedRole.get("subappalto")).get("operatoreEconomicoSubappaltatore"))
                .put("elencoSoggetti", List.of(badSubject));
        ((Map<String, Object>) closedRole.get("subappalto")).put("cpv", List.of("45261420-4", "4526"));
        assertThat(rsu1Draft(closedRole, null, history).errors()).extracting(SchedaError::field).containsExactly(
                "subappalto.operatoreEconomicoSubappaltatore.elencoSoggetti[0].codiceFiscale",
                "subappalto.operatoreEconomicoSubappaltatore.elencoSoggetti[0].ruoloOE",
                "subappalto.cpv[1]");
    }

    private static Map<String, Object> es1(Map<String, Object> subappalto) {
        return new HashMap<>(Map.of("subappalto", subappalto));
    }

    @Test
    void es1AndCs1() {
        RecordedScheda requested = recorded(rsu1Draft(rsu1(ID_OE, List.of(subject("01234567897", "Coperture Liguri srl")), null,
                85000), null, List.of(SIGNED_WITH_AWARDEE, STARTED)), 3);
        List<RecordedScheda> history = List.of(SIGNED_WITH_AWARDEE, STARTED, requested);

        SchedaDraft authorised = new Es1Scheda().build(FACTS, timeline(), history,
                request("ES1", es1(Map.of("dataAutorizzazione", "2026-05-12")), null, null, null));
        assertAcceptedByAnac(authorised);
        assertThat(authorised.relatedSeq()).isEqualTo(3);
        assertThat(authorised.waitsForAnacId()).isTrue();
        SchedaDraft refused = new Es1Scheda().build(FACTS, timeline(), history,
                request("ES1", es1(Map.of("motivoMancatoSubappalto", "1")), 3, LocalDate.of(2026, 5, 15), null));
        assertAcceptedByAnac(refused);
        assertThat(refused.eventDate()).isEqualTo(LocalDate.of(2026, 5, 15));
        assertThat(refused.warnings()).isEmpty();

        // No decision within the term (15 days from 4 May): silence is consent from 20 May.
        SchedaDraft tacit = new Es1Scheda().build(FACTS, timeline(), history, request("ES1", es1(Map.of()), null, null, null));
        assertAcceptedByAnac(tacit);
        assertThat(tacit.anacForm()).isEqualTo(Map.of("subappalto", Map.of("dataAutorizzazione", "2026-05-20T00:00:00Z")));
        ContractFacts inTime = new ContractFacts(1, "0000243530", FACTS.cigs(), ID_CONTRATTO, 180, Tipologia.LAVORI,
                LocalDate.of(2026, 2, 10), LocalDate.of(2026, 5, 10), new BigDecimal("449750.00"),
                it.openesecuzione.contracts.Procedura.NEGOZIATA_SENZA_BANDO, false, false, new BigDecimal("449750.00"), null);
        Map<String, Object> empty = es1(Map.of("dataAutorizzazione", ""));
        assertRefusedLikeAnac(new Es1Scheda().build(inTime, timeline(), history, request("ES1", empty, null, null, null)), empty, "REG73");
        assertRefusedLikeAnac(new Es1Scheda().build(inTime, timeline(), history, request("ES1", es1(Map.of()), null, null, null)),
                es1(Map.of()), "REG73");

        RecordedScheda decided = recorded(authorised, 4);
        List<RecordedScheda> authorisedHistory = List.of(SIGNED_WITH_AWARDEE, STARTED, requested, decided);
        SchedaDraft concluded = new Cs1Scheda().build(FACTS, timeline(), authorisedHistory, request("CS1", es1(Map.of(
                "importoEffettivo", 84250.50, "dataUltimazione", "2026-09-30")), null, null, null));
        assertAcceptedByAnac(concluded);
        assertThat(concluded.relatedSeq()).isEqualTo(4);
        assertRefusedLikeAnac(new Cs1Scheda().build(FACTS, timeline(), authorisedHistory, request("CS1", Map.of(), null, null, null)),
                Map.of(), "REG0");
    }

    @Test
    void subcontractsFollowEachOther() {
        RecordedScheda requested = recorded(rsu1Draft(rsu1(ID_OE, List.of(subject("01234567897", "Coperture Liguri srl")), null,
                85000), null, List.of(SIGNED_WITH_AWARDEE, STARTED)), 3);
        List<RecordedScheda> pending = List.of(SIGNED_WITH_AWARDEE, STARTED, requested);
        ContractFacts early = new ContractFacts(1, "0000243530", FACTS.cigs(), ID_CONTRATTO, 180, Tipologia.LAVORI,
                LocalDate.of(2026, 2, 10), LocalDate.of(2026, 5, 10), new BigDecimal("449750.00"),
                it.openesecuzione.contracts.Procedura.NEGOZIATA_SENZA_BANDO, false, false, new BigDecimal("449750.00"), null);
        Map<String, Object> cascade = rsu1(ID_OE_CASCADE, List.of(subject("01234567897", "Posa Guaine snc")), null, 20000);

        // A cascade needs an authorised subcontract: not yet on 10 May, within the term.
        assertThat(new Rsu1Scheda().build(early, timeline(), pending, request("RSU1", cascade, 3, LocalDate.of(2026, 5, 10), ESPD))
                .errors()).extracting(SchedaError::field).containsExactly("riferimento");
        // By silence it is, on 27 November: the cascade derives its grantor and waits for the parent's PCP id.
        SchedaDraft child = rsu1Draft(cascade, 3, pending);
        assertAcceptedByAnacButForTheUnsatisfiableGrantor(child);
        assertThat(child.relatedSeq()).isEqualTo(3);
        assertThat(child.waitsForAnacId()).isTrue();
        assertThat(((Map<?, ?>) child.anacForm().get("subappalto")).get("conferenteSubappalto"))
                .isEqualTo(Map.of("idSubappaltanteACascata", ID_OE));

        // CS1 needs the ES1; ES1 after ES1 on the same request is refused; an unknown reference too.
        assertThat(new Cs1Scheda().build(FACTS, timeline(), pending, request("CS1", es1(Map.of(
                "importoEffettivo", 1000, "dataUltimazione", "2026-09-30")), null, null, null)).errors())
                .extracting(SchedaError::field).containsExactly("riferimento");
        RecordedScheda refused = recorded(new Es1Scheda().build(FACTS, timeline(), pending,
                request("ES1", es1(Map.of("motivoMancatoSubappalto", "1")), 3, LocalDate.of(2026, 5, 15), null)), 4);
        List<RecordedScheda> decided = List.of(SIGNED_WITH_AWARDEE, STARTED, requested, refused);
        assertThat(new Es1Scheda().build(FACTS, timeline(), decided, request("ES1", es1(Map.of("dataAutorizzazione", "2026-05-16")),
                3, null, null)).errors()).extracting(SchedaError::field).containsExactly("riferimento");
        assertThat(new Es1Scheda().build(FACTS, timeline(), decided, request("ES1", es1(Map.of("dataAutorizzazione", "2026-05-16")),
                2, null, null)).errors()).extracting(SchedaError::message)
                .containsExactly("L'evento n. 2 non è una richiesta di subappalto (RSU1) di questo contratto");
        assertThat(new Cs1Scheda().build(FACTS, timeline(), decided, request("CS1", es1(Map.of(
                "importoEffettivo", 1000, "dataUltimazione", "2026-09-30")), 3, null, null)).errors())
                .extracting(SchedaError::message).containsExactly("Il subappalto dell'evento n. 3 non è stato autorizzato (evento n. 4)");
    }

    private static Map<String, Object> s4(Map<String, Object> changes) {
        Map<String, Object> participant = new HashMap<>(Map.of("codiceFiscale", "01234567897", "denominazione", "Edilnord Costruzioni spa",
                "ruoloOE", "14", "tipoOE", "1", "idPartecipante", "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
                "paeseOperatoreEconomico", "ITA", "avvalimento", false));
        participant.putAll(changes);
        return new HashMap<>(Map.of("partecipante", participant, "motivoVariazione", "2"));
    }

    @Test
    void s4() {
        SchedaDraft valid = new S4Scheda().build(FACTS, timeline(), List.of(), request("S4", s4(Map.of()), null, LocalDate.of(2026, 6, 1), null));
        assertAcceptedByAnac(valid);
        assertThat(valid.anacForm().get("cig")).isEqualTo(FACTS.cigs().get(0));
        assertThat(valid.waitsForAnacId()).isFalse();
        assertAcceptedByAnac(new S4Scheda().build(FACTS, timeline(), List.of(), request("S4",
                s4(Map.of("avvalimento", true, "tipologiaAvvalimento", "1", "codiceFiscale", "FR12345678901", "paeseOperatoreEconomico", "FRA")),
                null, null, null)));
        // No ANAC rule: the platform requires the participant and the reason, and checks what it can.
        assertThat(new S4Scheda().build(FACTS, timeline(), List.of(), request("S4", Map.of(), null, null, null)).errors())
                .extracting(SchedaError::field).containsExactly("partecipante", "motivoVariazione");
        assertThat(new S4Scheda().build(FACTS, timeline(), List.of(), request("S4", s4(Map.of("avvalimento", true, "ruoloOE", "3",
                "codiceFiscale", "01234567890")), null, null, null)).errors()).extracting(SchedaError::field).containsExactly(
                "partecipante.codiceFiscale", "partecipante.ruoloOE", "partecipante.tipologiaAvvalimento");
        Map<String, Object> otherLot = s4(Map.of());
        otherLot.put("cig", "Z1A2B3C4D5");
        assertThat(new S4Scheda().build(FACTS, timeline(), List.of(), request("S4", otherLot, null, null, null)).errors())
                .extracting(SchedaError::field).containsExactly("cig");
    }
}
