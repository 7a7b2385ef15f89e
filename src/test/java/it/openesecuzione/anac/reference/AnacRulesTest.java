package it.openesecuzione.anac.reference;

import static it.openesecuzione.anac.reference.ExecutionSchede.anacForm;
import static it.openesecuzione.anac.reference.ExecutionSchede.valid;
import static it.openesecuzione.anac.reference.ExecutionSchede.with;
import static it.openesecuzione.anac.reference.ExecutionSchede.without;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.node.ObjectNode;

class AnacRulesTest {

    private static final AnacRules RULES = AnacRules.fromSharedFolder();
    private static final List<String> CODES = ExecutionSchede.CODES;

    private static List<String> codes(ObjectNode scheda) {
        return RULES.codes(scheda.path("codice").path("codice").asString(), anacForm(scheda));
    }

    @ParameterizedTest
    @FieldSource("CODES")
    void everyExecutionSchedaHasRulesThatTheEngineRuns(String code) {
        assertThat(RULES.exist(code)).isTrue();
        assertThat(RULES.decisions(code)).singleElement()
                .satisfies(decision -> assertThat(decision.id()).isEqualTo(code));
        assertThat(RULES.rules(code)).allSatisfy(rule -> {
            assertThat(rule.code()).matches("REG[0-9]+");
            assertThat(rule.description()).startsWith(rule.code() + ":");
            assertThat(RULES.errorText(rule.code())).as(rule.code() + " in errori.json").isPresent();
        });
    }

    @ParameterizedTest
    @FieldSource("CODES")
    void aValidSchedaBreaksNoRule(String code) {
        assertThat(codes(valid(code))).as(code).isEmpty();
    }

    @Test
    void s4HasNoRuleAtAll() {
        assertThat(RULES.rules("S4")).isEmpty();
        assertThat(RULES.decisions("S4").get(0).inputExpressions()).isEmpty();
    }

    @Test
    void reportsTheRuleWithItsErrorText() {
        ObjectNode scheda = with(valid("SC1"), "/body/anacForm/datiContratto/dataScadenza", "\"2025-03-01T00:00:00Z\"");
        assertThat(RULES.evaluate("SC1", anacForm(scheda))).singleElement().satisfies(violation -> {
            assertThat(violation.code()).isEqualTo("REG77");
            assertThat(violation.message()).isEqualTo("La data di scadenza del contratto deve essere superiore alla data di stipula.");
            assertThat(violation.ruleDescription()).startsWith("REG77: la data di scadenza deve essere superiore");
            assertThat(violation.decisionId()).isEqualTo("SC1");
        });
    }

    @ParameterizedTest(name = "{0} {1} = {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            SC1 | /body/anacForm/datiContratto/dataScadenza           | "2025-03-01T00:00:00Z" | REG77
            SC1 | /body/anacForm/datiContratto/importoCauzione        | -1                     | REG117
            I1  | /body/anacForm/datiInizio/dataApprovazione          | "2025-03-01T00:00:00Z" | REG57
            I1  | /body/anacForm/datiInizio/consegnaFrazionata        | true                   | REG58
            I1  | /body/anacForm/datiInizio/avvioPerFasi              | true                   | REG59
            SA1 | /body/anacForm/avanzamento/impAnticipazione         | 0                      | REG72
            M2  | /body/anacForm/modificaContrattuale/urlDocumentazione | ""                   | REG61
            M2  | /body/anacForm/modificaContrattuale/datiBaseModificaContrattuale/causaModifica | "" | REG62
            M2_40 | /body/anacForm/modificaContrattuale/motivoRevisionePrezzi | {}             | REG54
            RSU1 | /body/anacForm/subappalto/conferenteSubappalto     | {}                     | REG139
            RSU1 | /body/anacForm/subappalto/operatoreEconomicoSubappaltatore/idOE | ""        | REG138
            RSU1 | /body/anacForm/subappalto/operatoreEconomicoSubappaltatore/elencoSoggetti | [] | REG142
            ES1 | /body/anacForm/subappalto                           | {}                     | REG73
            CO1 | /body/anacForm/conclusione/diCuiPostumiPermanenti   | -1                     | REG84
            CO1 | /body/anacForm/conclusione/diCuiMortali             | -1                     | REG85
            CO1 | /body/anacForm/conclusione/diCuiMortali             | 2                      | REG82
            CL1 | /body/anacForm/collaudo/dataInizio                  | "2026-03-01T00:00:00Z" | REG90
            CL1 | /body/anacForm/collaudo/dataRedazioneCertificato    | "2026-04-10T00:00:00Z" | REG92
            CL1 | /body/anacForm/collaudo/dataDeliberaAmmissibilita   | "2026-06-01T00:00:00Z" | REG93
            CL1 | /body/anacForm/collaudo/oneri                       | 0                      | REG94
            """)
    void breaksTheRuleThatTheChangeViolates(String code, String pointer, String value, String rule) {
        ObjectNode scheda = with(valid(code), pointer.strip(), value.strip());
        assertThat(codes(scheda)).containsExactly(rule.strip());
    }

    @ParameterizedTest(name = "{0} without {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            I1  | /body/anacForm/datiInizio/dataVerbaleConsegnaDefinitiva | REG60
            SA1 | /body/anacForm/avanzamento/dataCertificatoAnticipazione | REG64
            SO1 | /body/anacForm/sospensione                              | REG0
            SQ1 | /body/anacForm/sospensione                              | REG0
            RI1 | /body/anacForm/sospensione                              | REG0
            CS1 | /body/anacForm/subappalto                               | REG0
            AC1 | /body/anacForm/accordoBonario/oneriDerivanti            | REG74
            IR1 | /body/anacForm/ritardo                                  | REG0
            CO1 | /body/anacForm/conclusione/dataUltimazione              | REG81
            CO2 | /body/anacForm/conclusione                              | REG0
            """)
    void breaksTheRuleThatAMissingFieldViolates(String code, String pointer, String rule) {
        assertThat(codes(without(valid(code), pointer.strip()))).containsExactly(rule.strip());
    }

    @Test
    void partialHandoverNeedsTheFirstHandoverDateNotTheFinalOne() {
        ObjectNode scheda = valid("I1");
        with(scheda, "/body/anacForm/datiInizio/consegnaFrazionata", "true");
        with(scheda, "/body/anacForm/datiInizio/dataVerbalePrimaConsegna", "\"2025-04-01T00:00:00Z\"");
        without(scheda, "/body/anacForm/datiInizio/dataVerbaleConsegnaDefinitiva");
        assertThat(codes(scheda)).isEmpty();
    }

    @Test
    void acceptanceNeedsACertificateDateOrATestingMode() {
        assertThat(codes(without(valid("CL1"), "/body/anacForm/collaudo/modoCollaudo"))).containsExactly("REG87");
        ObjectNode cre = valid("CL1");
        with(cre, "/body/anacForm/collaudo", "{\"dataCertificato\": \"2026-05-10T00:00:00Z\", \"esito\": \"POSITIVO\"}");
        assertThat(codes(cre)).isEmpty();
        assertThat(codes(with(cre, "/body/anacForm/collaudo", "{\"esito\": \"POSITIVO\"}"))).containsExactly("REG87");
    }

    @Test
    void cascadeSubcontractNeedsTheParentSubcontractId() {
        ObjectNode scheda = with(valid("RSU1"), "/body/anacForm/subappalto/conferenteSubappalto",
                "{\"idSubappaltanteACascata\": \"" + ExecutionSchede.ID_OE_SUBAPPALTATORE + "\"}");
        assertThat(codes(scheda)).containsExactly("REG141");
        with(scheda, "/body/anacForm/idSubappalto", "\"" + ExecutionSchede.ID_SCHEDA_RSU1 + "\"");
        assertThat(codes(scheda)).isEmpty();
        with(scheda, "/body/anacForm/subappalto/conferenteSubappalto/idAggiudicatario", "\"" + ExecutionSchede.ID_PARTECIPANTE + "\"");
        assertThat(codes(scheda)).containsExactly("REG140");
    }

    @Test
    void subcontractorPeopleNeedFiscalCodeAndName() {
        ObjectNode scheda = valid("RSU1");
        with(scheda, "/body/anacForm/subappalto/operatoreEconomicoSubappaltatore/elencoSoggetti/0/codiceFiscale", "\"\"");
        with(scheda, "/body/anacForm/subappalto/operatoreEconomicoSubappaltatore/elencoSoggetti/0/denominazione", "\"\"");
        assertThat(codes(scheda)).containsExactly("REG2", "REG129");
    }

    @Test
    void anEarlyTerminationWithAllItsDataBreaksNoRule() {
        ObjectNode scheda = valid("CO1");
        without(scheda, "/body/anacForm/conclusione/dataUltimazione");
        with(scheda, "/body/anacForm/conclusione/dataInterruzioneAnticipata", "\"2025-11-15T00:00:00Z\"");
        with(scheda, "/body/anacForm/conclusione/causaInterruzioneAnticipata", "{\"idTipologica\": \"causaInterruzioneAnticipata\", \"codice\": \"2\"}");
        with(scheda, "/body/anacForm/conclusione/motiviRisoluzione", "{\"idTipologica\": \"motiviRisoluzione\", \"codice\": \"5\"}");
        with(scheda, "/body/anacForm/conclusione/oneriEconomiciRisoluzioneRecesso", "{\"idTipologica\": \"oneriEconomiciRisoluzioneRecesso\", \"codice\": \"2\"}");
        with(scheda, "/body/anacForm/conclusione/importo", "30000");
        with(scheda, "/body/anacForm/conclusione/incamerataPolizza", "true");
        assertThat(codes(scheda)).isEmpty();
    }

    /**
     * ANAC's guards {@code x != ""} on a coded value compare a FEEL context with a string: FEEL says
     * "not comparable" (null), the whole {@code and} is null, and the rule never fires while the coded
     * value is present. These tests pin that behaviour of the official rules: the platform's own
     * checks must enforce what the rule texts say.
     */
    @Test
    void earlyTerminationRulesOnCodedValuesCannotFire() {
        ObjectNode scheda = valid("CO1");
        without(scheda, "/body/anacForm/conclusione/dataUltimazione");
        with(scheda, "/body/anacForm/conclusione/dataInterruzioneAnticipata", "\"2025-11-15T00:00:00Z\"");
        with(scheda, "/body/anacForm/conclusione/causaInterruzioneAnticipata", "{\"idTipologica\": \"causaInterruzioneAnticipata\", \"codice\": \"2\"}");
        // REG75 (motiviRisoluzione), REG76 (oneri) and REG83 (incamerataPolizza) would apply:
        assertThat(codes(scheda)).isEmpty();
        with(scheda, "/body/anacForm/conclusione/oneriEconomiciRisoluzioneRecesso", "{\"idTipologica\": \"oneriEconomiciRisoluzioneRecesso\", \"codice\": \"0\"}");
        with(scheda, "/body/anacForm/conclusione/importo", "500");
        // REG80 (no charges but an amount) would apply:
        assertThat(codes(scheda)).isEmpty();
        with(scheda, "/body/anacForm/conclusione/oneriEconomiciRisoluzioneRecesso", "{\"idTipologica\": \"oneriEconomiciRisoluzioneRecesso\", \"codice\": \"1\"}");
        without(scheda, "/body/anacForm/conclusione/importo");
        // REG79 (charges without amount) would apply:
        assertThat(codes(scheda)).isEmpty();
    }

    @Test
    void collaudoRulesOnTheTestingModeCannotFire() {
        ObjectNode scheda = valid("CL1");
        with(scheda, "/body/anacForm/collaudo/dataCertificato", "\"2026-05-10T00:00:00Z\"");   // REG86
        without(scheda, "/body/anacForm/collaudo/dataNomina");                                   // REG88
        without(scheda, "/body/anacForm/collaudo/dataInizio");                                   // REG89
        without(scheda, "/body/anacForm/collaudo/dataRedazioneCertificato");                     // REG91
        assertThat(codes(scheda)).isEmpty();
    }

    @Test
    void aboveThresholdModificationRulesCannotFireOnAValidAnacForm() {
        // M1 and M1_40 rules read modificaContrattuale.datiBaseModificaContrattuale, which their models do not have.
        assertThat(RULES.rules("M1")).extracting(AnacRules.Rule::code).containsExactly("REG61", "REG54", "REG62");
        ObjectNode scheda = without(valid("M1"), "/body/anacForm/modificaContrattuale/urlDocumentazione");
        assertThat(codes(scheda)).isEmpty();
    }

    @Test
    void datesAreComparedAsText() {
        // 2025-03-09T23:30:00-01:00 is after 2025-03-10T00:00:00Z, but FEEL compares the strings.
        ObjectNode scheda = with(valid("SC1"), "/body/anacForm/datiContratto/dataScadenza", "\"2025-03-09T23:30:00-01:00\"");
        assertThat(codes(scheda)).containsExactly("REG77");
    }

    @Test
    void aMissingTopLevelInputMakesComparisonRulesMatch() {
        // FEEL unary tests: an entry that yields null matches a null input. Schema-invalid, but worth knowing.
        ObjectNode scheda = without(valid("SC1"), "/body/anacForm/datiContratto");
        assertThat(codes(scheda)).containsExactly("REG117");
    }
}
