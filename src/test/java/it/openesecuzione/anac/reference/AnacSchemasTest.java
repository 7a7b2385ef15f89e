package it.openesecuzione.anac.reference;

import static it.openesecuzione.anac.reference.ExecutionSchede.valid;
import static it.openesecuzione.anac.reference.ExecutionSchede.with;
import static it.openesecuzione.anac.reference.ExecutionSchede.without;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AnacSchemasTest {

    private static final AnacSchemas SCHEMAS = AnacSchemas.fromSharedFolder();
    private static final List<String> CODES = ExecutionSchede.CODES;
    /** RSU1's model cannot be satisfied: see {@link #rsu1ModelRejectsEveryConferenteSubappalto()}. */
    private static final List<String> SATISFIABLE = CODES.stream().filter(code -> !code.equals("RSU1")).toList();

    @ParameterizedTest
    @FieldSource("CODES")
    void rootOfEveryExecutionModelIsSchedaCodeType(String code) {
        assertThat(SCHEMAS.rootSchemaName(code)).isEqualTo("Scheda" + code + "Type");
        JsonNode oneOf = AnacNpaFiles.readYaml(AnacNpaFiles.fromSharedFolder().root().resolve("modello-dati/modello-dati-npa.yaml"))
                .at("/components/schemas/SchedaPostPubblicazioneType/properties/body/oneOf");
        List<String> bodies = new ArrayList<>();
        oneOf.forEach(alternative -> bodies.add(alternative.path("$ref").asString()));
        assertThat(bodies).as("the envelope's body lists the scheda")
                .contains(AnacNpaFiles.REMOTE_PREFIX + "modello-dati/schede/" + SCHEMAS.modelFile(code).getFileName()
                        + "#/components/schemas/Scheda" + code + "Type");
    }

    @Test
    void concessionModificationModelsUseDotsInTheirFileNames() {
        assertThat(SCHEMAS.modelFile("M1_40").getFileName()).hasToString("modello-dati-schede-M1.40.yaml");
        assertThat(SCHEMAS.modelFile("M2_40").getFileName()).hasToString("modello-dati-schede-M2.40.yaml");
    }

    @ParameterizedTest
    @FieldSource("SATISFIABLE")
    void acceptsAValidSchedaOfEveryExecutionEvent(String code) {
        ObjectNode scheda = valid(code);
        assertThat(SCHEMAS.validate(scheda)).as(code).isEmpty();
        assertThat(SCHEMAS.codeListErrors(scheda, LocalDate.of(2026, 1, 15))).as(code).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("SATISFIABLE")
    void acceptsTheSameSchedaGivenAsText(String code) {
        assertThat(SCHEMAS.validate(valid(code).toString())).isEmpty();
        assertThat(SCHEMAS.validateBody(code, valid(code).get("body"))).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("CODES")
    void rejectsAnEmptyAnacForm(String code) {
        ObjectNode scheda = with(valid(code), "/body/anacForm", "{}");
        assertThat(SCHEMAS.validate(scheda)).isNotEmpty()
                .allMatch(error -> error.contains("required property"));
    }

    @Test
    void rejectsAContractWithoutExpiryDate() {
        ObjectNode scheda = without(valid("SC1"), "/body/anacForm/datiContratto/dataScadenza");
        assertThat(SCHEMAS.validate(scheda))
                .containsExactly("/body/anacForm/datiContratto: required property 'dataScadenza' not found");
    }

    @Test
    void rejectsADateWithoutTime() {
        ObjectNode scheda = with(valid("SC1"), "/body/anacForm/datiContratto/dataStipula", "\"2025-03-10\"");
        assertThat(SCHEMAS.validate(scheda)).singleElement().asString()
                .startsWith("/body/anacForm/datiContratto/dataStipula: ")
                .contains("RFC 3339 date-time");
    }

    @Test
    void rejectsAContractIdThatIsNotAUuid() {
        ObjectNode scheda = with(valid("I1"), "/body/anacForm/idContratto", "\"contratto-42\"");
        assertThat(SCHEMAS.validate(scheda)).singleElement().asString()
                .startsWith("/body/anacForm/idContratto: ").contains("uuid");
    }

    @Test
    void rejectsStartWithoutReserveFlag() {
        ObjectNode scheda = without(valid("I1"), "/body/anacForm/datiInizio/consegnaSottoRiserva");
        assertThat(SCHEMAS.validate(scheda))
                .containsExactly("/body/anacForm/datiInizio: required property 'consegnaSottoRiserva' not found");
    }

    @Test
    void rejectsAProgressWhoseCodedValueIsPlainText() {
        ObjectNode scheda = with(valid("SA1"), "/body/anacForm/avanzamento/avanzamento", "\"11\"");
        assertThat(SCHEMAS.validate(scheda)).singleElement().asString()
                .startsWith("/body/anacForm/avanzamento/avanzamento: ").contains("object");
    }

    @Test
    void rejectsASuspensionWithoutReason() {
        ObjectNode scheda = without(valid("SO1"), "/body/anacForm/sospensione/motivoSospensione");
        assertThat(SCHEMAS.validate(scheda))
                .containsExactly("/body/anacForm/sospensione: required property 'motivoSospensione' not found");
    }

    @Test
    void rejectsAResumptionWithScheduleImpactOverHundredPercent() {
        ObjectNode scheda = with(valid("RI1"), "/body/anacForm/sospensione/incidenzaCronoprogramma", "120");
        assertThat(SCHEMAS.validate(scheda)).singleElement().asString()
                .startsWith("/body/anacForm/sospensione/incidenzaCronoprogramma: ").contains("100");
    }

    @Test
    void rejectsAResumptionWithoutTheSuspensionIdScheda() {
        ObjectNode scheda = without(valid("RI1"), "/body/anacForm/idScheda");
        assertThat(SCHEMAS.validate(scheda)).containsExactly("/body/anacForm: required property 'idScheda' not found");
    }

    @Test
    void rejectsAFieldThatTheModelDoesNotKnow() {
        ObjectNode scheda = with(valid("CO1"), "/body/anacForm/conclusione/dataCollaudo", "\"2026-03-20T00:00:00Z\"");
        assertThat(SCHEMAS.validate(scheda)).containsExactly("/body/anacForm/conclusione: property 'dataCollaudo'"
                + " is not defined in the schema and the schema does not allow additional properties");
    }

    @Test
    void rejectsAnAcceptanceTestWithAnUnknownOutcome() {
        ObjectNode scheda = with(valid("CL1"), "/body/anacForm/collaudo/esito", "\"OK\"");
        assertThat(SCHEMAS.validate(scheda)).singleElement().asString()
                .startsWith("/body/anacForm/collaudo/esito: ").contains("POSITIVO", "NEGATIVO");
    }

    @Test
    void rejectsAnAcceptanceTestWithoutOutcome() {
        ObjectNode scheda = without(valid("CL1"), "/body/anacForm/collaudo/esito");
        assertThat(SCHEMAS.validate(scheda)).containsExactly("/body/anacForm/collaudo: required property 'esito' not found");
    }

    @Test
    void requiresTheEformForModificationsPublishedOnTed() {
        assertThat(SCHEMAS.validate(without(valid("M1"), "/body/eform")))
                .containsExactly("/body: required property 'eform' not found");
        assertThat(SCHEMAS.validate(with(valid("M2"), "/body/eform", "\"" + ExecutionSchede.BASE64_XML + "\"")))
                .containsExactly("/body: property 'eform' is not defined in the schema and the schema does not allow additional properties");
    }

    @Test
    void mergesAllOfSoThatBelowThresholdModificationsTakeBothParts() {
        // M2's ModificaContrattualeType is allOf(common ModificaContrattualeType) + datiBaseModificaContrattuale,
        // both parts with additionalProperties: false. Merged, each part's properties are allowed and required.
        assertThat(SCHEMAS.validate(valid("M2"))).isEmpty();
        assertThat(SCHEMAS.validate(without(valid("M2"), "/body/anacForm/modificaContrattuale/quadroEconomicoStandardRideterminato")))
                .containsExactly("/body/anacForm/modificaContrattuale: required property 'quadroEconomicoStandardRideterminato' not found");
        assertThat(SCHEMAS.validate(without(valid("M2"), "/body/anacForm/modificaContrattuale/datiBaseModificaContrattuale")))
                .containsExactly("/body/anacForm/modificaContrattuale: required property 'datiBaseModificaContrattuale' not found");
        assertThat(SCHEMAS.validate(with(valid("M2"), "/body/anacForm/modificaContrattuale/altro", "1"))).hasSize(1);
    }

    @Test
    void aboveThresholdModificationsCarryNoModificationReasonInTheAnacForm() {
        // In M1 and M1_40 the reason and cause of the modification travel in the eForm only.
        ObjectNode scheda = with(valid("M1"), "/body/anacForm/modificaContrattuale/datiBaseModificaContrattuale",
                "{\"motiviModifica\": {\"idTipologica\": \"motiviModifica\", \"codice\": \"mod-cir\"}, \"causaModifica\": \"x\"}");
        assertThat(SCHEMAS.validate(scheda)).singleElement().asString().contains("'datiBaseModificaContrattuale' is not defined");
    }

    @Test
    void rsu1ModelRejectsEveryConferenteSubappalto() {
        // ANAC's ConferenteSubappaltoType requires codiceFiscale, denominazione, ruoloOE, tipoOE and idOE
        // but defines only idAggiudicatario and idSubappaltanteACascata, with additionalProperties: false.
        ObjectNode scheda = valid("RSU1");
        assertThat(SCHEMAS.validate(scheda)).containsExactlyInAnyOrder(
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'codiceFiscale' not found",
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'denominazione' not found",
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'ruoloOE' not found",
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'tipoOE' not found",
                "/body/anacForm/subappalto/conferenteSubappalto: required property 'idOE' not found");
        with(scheda, "/body/anacForm/subappalto/conferenteSubappalto", """
                {"idAggiudicatario": "%s", "codiceFiscale": "01234567897", "denominazione": "Costruzioni Riunite spa",
                 "ruoloOE": {"idTipologica": "ruoloOE", "codice": "14"}, "tipoOE": {"idTipologica": "tipoOE", "codice": "1"},
                 "idOE": "%s"}""".formatted(ExecutionSchede.ID_PARTECIPANTE, ExecutionSchede.ID_PARTECIPANTE));
        assertThat(SCHEMAS.validate(scheda)).hasSize(5).allMatch(error -> error.contains("is not defined in the schema"));
        assertThat(SCHEMAS.codeListErrors(valid("RSU1"), LocalDate.of(2026, 1, 15))).isEmpty();
    }

    @Test
    void rejectsAnEnvelopeWithoutVersion() {
        assertThat(SCHEMAS.validate(without(valid("SA1"), "/versione")))
                .containsExactly("/: required property 'versione' not found");
    }

    @Test
    void rejectsAnEnvelopePropertyOutsideTheModel() {
        assertThat(SCHEMAS.validate(with(valid("SA1"), "/idAppalto", "\"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"")))
                .singleElement().asString().contains("'idAppalto' is not defined");
    }

    @Test
    void acceptsTheFieldsThatPcpSetsOnTheEnvelope() {
        ObjectNode scheda = valid("SA1");
        with(scheda, "/_idScheda", "\"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"");
        with(scheda, "/_stato", "{\"idTipologica\": \"statoScheda\", \"codice\": \"CONF\"}");
        with(scheda, "/_dataCreazione", "\"2025-07-05T10:00:00Z\"");
        with(scheda, "/_dataModifica", "\"2025-07-05T10:05:00+02:00\"");
        assertThat(SCHEMAS.validate(scheda)).isEmpty();
    }

    @Test
    void refusesASchedaCodeWithoutModel() {
        assertThat(SCHEMAS.validate(without(valid("SA1"), "/codice"))).singleElement().asString().startsWith("/codice/codice");
        assertThatThrownBy(() -> SCHEMAS.validate(with(valid("SA1"), "/codice/codice", "\"XX9\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XX9");
    }

    @Test
    void mapsRemoteReferencesOntoTheLocalCopy() {
        JsonNode schema = SCHEMAS.compiledSchema("SA1");
        assertThat(schema.path("$defs").propertyNames())
                .contains("dati-comuni:ModalitaPagamentoEnum", "dati-comuni:AvanzamentoEnum", "SA1:AvanzamentoType");
        assertThat(schema.findValues("$ref")).isNotEmpty()
                .allSatisfy(reference -> assertThat(reference.asString()).startsWith("#/$defs/"));
        assertThat(schema.path("$defs").path("dati-comuni:AvanzamentoEnum").path("properties").propertyNames())
                .containsExactly("idTipologica", "codice");
    }

    @Test
    void knowsTheCodeListOfEveryCodedField() {
        assertThat(SCHEMAS.codeListFields("CO1"))
                .containsEntry("/codice", "codiceScheda")
                .containsEntry("/body/anacForm/conclusione/causaInterruzioneAnticipata", "causaInterruzioneAnticipata")
                .containsEntry("/body/anacForm/conclusione/motiviRisoluzione", "motiviRisoluzione")
                .containsEntry("/body/anacForm/conclusione/oneriEconomiciRisoluzioneRecesso", "oneriEconomiciRisoluzioneRecesso");
        assertThat(SCHEMAS.codeListFields("RSU1"))
                .containsEntry("/body/anacForm/subappalto/cpv/*", "CPV")
                .containsEntry("/body/anacForm/subappalto/operatoreEconomicoSubappaltatore/elencoSoggetti/*/ruoloOE", "ruoloOE");
        AnacCodeLists lists = AnacCodeLists.fromSharedFolder();
        for (String code : CODES) {
            assertThat(SCHEMAS.codeListFields(code).values()).as(code).allMatch(lists::exists);
        }
    }

    @Test
    void reportsCodesOutsideTheirCodeList() {
        ObjectNode scheda = with(valid("SO1"), "/body/anacForm/sospensione/motivoSospensione",
                "{\"idTipologica\": \"motivoSospensione\", \"codice\": \"8\"}");
        assertThat(SCHEMAS.validate(scheda)).isEmpty();
        assertThat(SCHEMAS.codeListErrors(scheda))
                .containsExactly("/body/anacForm/sospensione/motivoSospensione/codice: '8' is not a code of motivoSospensione.json");
    }

    @Test
    void reportsACodedValueNamingTheWrongList() {
        ObjectNode scheda = with(valid("SA1"), "/body/anacForm/avanzamento/avanzamento",
                "{\"idTipologica\": \"avanzamenti\", \"codice\": \"9\"}");
        assertThat(SCHEMAS.codeListErrors(scheda))
                .containsExactly("/body/anacForm/avanzamento/avanzamento/idTipologica: expected 'avanzamento' but found 'avanzamenti'");
    }

    @Test
    void reportsCodesOutsideTheirValidityWindow() {
        // ruoloOE 3 "Operatore Economico monosoggettivo" ended on 2025-07-31; 14 replaced it.
        ObjectNode scheda = with(valid("S4"), "/body/anacForm/partecipante/ruoloOE", "{\"idTipologica\": \"ruoloOE\", \"codice\": \"3\"}");
        assertThat(SCHEMAS.codeListErrors(scheda, LocalDate.of(2025, 7, 30))).isEmpty();
        assertThat(SCHEMAS.codeListErrors(scheda, LocalDate.of(2025, 8, 1)))
                .containsExactly("/body/anacForm/partecipante/ruoloOE/codice: '3' of ruoloOE.json is not valid on 2025-08-01");
    }
}
