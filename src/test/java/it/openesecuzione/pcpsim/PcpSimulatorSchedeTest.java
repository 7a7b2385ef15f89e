package it.openesecuzione.pcpsim;

import static it.openesecuzione.anac.reference.ExecutionSchede.valid;
import static it.openesecuzione.anac.reference.ExecutionSchede.with;
import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheda life cycle of the simulated PCP, through its HTTP contract: synchronous creation,
 * asynchronous confirmation read with esito-operazione, ANAC's order, schema and DMN rules,
 * rollback, search and reading. Time moves with the test clock, never by sleeping.
 */
@IntegrationTest
class PcpSimulatorSchedeTest {

    private static final String SCHEDE = "ComunicaPostPubblicazione";
    private static final String COMUNI = "ServiziComuni";

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    PcpSimClient pcp;
    String idAppalto;

    @BeforeEach
    void anAppalto() {
        pcp = new PcpSimClient(port, clock);
        idAppalto = UUID.randomUUID().toString();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void confirmsTheSignatureAsynchronouslyAndGivesTheContractItsId() {
        HttpResponse<String> created = pcp.post(SCHEDE, "crea-scheda", Map.of("idAppalto", idAppalto, "scheda", valid("SC1")));
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode creation = PcpSimClient.json(created);
        assertThat(creation.get("title").asString()).isEqualTo("Operazione Effettuata");
        assertThat(creation.get("detail").asString()).isEqualTo("Creazione eseguita con successo");
        assertThat(creation.get("type").asString()).isEqualTo("about:blank");
        String idScheda = creation.get("idScheda").asString();
        assertThat(UUID.fromString(idScheda)).isNotNull();

        HttpResponse<String> acknowledged = pcp.post(SCHEDE, "conferma-scheda", Map.of("idScheda", idScheda, "idAppalto", idAppalto));
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(PcpSimClient.json(acknowledged).get("detail").asString()).isEqualTo("Richiesta acquisita");

        JsonNode waiting = lastOutcome("SC_CONF");
        assertThat(waiting.at("/esito/codice").asString()).isEqualTo("WT");
        assertThat(waiting.at("/dettaglio/codice").asString()).isEqualTo("SC_IN_CONF");
        assertThat(waiting.has("idContratto")).isFalse();
        HttpResponse<String> again = pcp.post(SCHEDE, "conferma-scheda", Map.of("idScheda", idScheda, "idAppalto", idAppalto));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(PcpSimClient.json(again).at("/errori/0/codice").asString()).isEqualTo("ERR60");

        later();
        JsonNode confirmed = lastOutcome("SC_CONF");
        assertThat(confirmed.at("/esito").toString()).isEqualTo("{\"idTipologica\":\"esito\",\"codice\":\"OK\"}");
        assertThat(confirmed.at("/dettaglio/codice").asString()).isEqualTo("SC_CONF");
        assertThat(confirmed.get("idScheda").asString()).isEqualTo(idScheda);
        assertThat(confirmed.get("codiceScheda").asString()).isEqualTo("SC1");
        assertThat(confirmed.get("dataControllo").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+00:00");
        String idContratto = confirmed.get("idContratto").asString();
        assertThat(contractState(idContratto)).isEqualTo("SOTT");
        assertThat(consulta(idScheda).at("/scheda/_stato/codice").asString()).isEqualTo("CONF");

        confirm(scheda("I1", idContratto));
        assertThat(contractState(idContratto)).isEqualTo("IN_ESEC");
        JsonNode lot = PcpSimClient.json(pcp.get(COMUNI, "stato-appalto", Map.of("cig", "B00012EADB")));
        assertThat(lot.at("/esitoStato/stato/codice").asString()).isEqualTo("SOTT_CONTR");
    }

    @Test
    void refusesASchedaOutOfAnacsOrderWithErr2() {
        String idContratto = confirm(valid("SC1")).get("idContratto").asString();
        String sal = create(scheda("SA1", idContratto));

        JsonNode refused = confirmOutcome(sal);

        assertThat(refused.at("/esito/codice").asString()).isEqualTo("KO");
        assertThat(refused.at("/dettaglio/codice").asString()).isEqualTo("SC_N_CONF");
        assertThat(refused.at("/errori/0/idTipologica").asString()).isEqualTo("errori");
        assertThat(refused.at("/errori/0/codice").asString()).isEqualTo("ERR2");
        assertThat(refused.at("/errori/0/dettaglio").asString()).startsWith("scheda non ammessa in questa fase dell'appalto")
                .contains("SA1 dopo SC1");
        assertThat(consulta(sal).at("/scheda/_stato/codice").asString()).isEqualTo("IN_LAV");
    }

    @Test
    void reportsAnacsDmnRulesAsTheKoOfTheConfirmation() {
        String idScheda = create(with(valid("SC1"), "/body/anacForm/datiContratto/dataScadenza", "\"2025-03-01T00:00:00Z\""));

        assertThat(pcp.post(SCHEDE, "verifica-scheda", Map.of("idScheda", idScheda, "idAppalto", idAppalto)).statusCode())
                .isEqualTo(200);
        later();
        JsonNode verified = lastOutcome("SC_VERIF");
        assertThat(verified.at("/dettaglio/codice").asString()).isEqualTo("SC_N_VERIF");
        JsonNode refused = confirmOutcome(idScheda);

        assertThat(refused.at("/esito/codice").asString()).isEqualTo("KO");
        assertThat(refused.get("errori").valueStream().map(error -> error.get("codice").asString())).containsExactly("REG77");
        assertThat(refused.at("/errori/0/dettaglio").asString()).startsWith("La data di scadenza").doesNotContain("REG77:");
        assertThat(refused.has("idContratto")).isFalse();
    }

    @Test
    void refusesASchedaThatDoesNotMatchAnacsSchemaWhenItIsCreated() {
        ObjectNode scheda = with(valid("SC1"), "/body/anacForm/datiContratto/campoInventato", "true");

        HttpResponse<String> refused = pcp.post(SCHEDE, "crea-scheda", Map.of("idAppalto", idAppalto, "scheda", scheda));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = PcpSimClient.json(refused);
        assertThat(body.get("title").asString()).isEqualTo("KO");
        assertThat(body.at("/errori/0/codice").asString()).isEqualTo("ERR4");
        assertThat(body.at("/errori/0/dettaglio").asString())
                .startsWith("errore nella conversione della scheda secondo il json schema definito")
                .contains("/body/anacForm/datiContratto").contains("campoInventato");
        HttpResponse<String> unknownCode = pcp.post(SCHEDE, "crea-scheda", Map.of("idAppalto", idAppalto,
                "scheda", with(valid("SC1"), "/codice/codice", "\"XX9\"")));
        assertThat(PcpSimClient.json(unknownCode).at("/errori/0/codice").asString()).isEqualTo("ERR3");
    }

    @Test
    void rollsBackAConfirmedConclusionWhichIsTheLastSchedaOfTheContract() {
        JsonNode signature = confirm(valid("SC1"));
        String idContratto = signature.get("idContratto").asString();
        String conclusion = confirm(scheda("CO1", idContratto)).get("idScheda").asString();
        assertThat(contractState(idContratto)).isEqualTo("CONCL");

        HttpResponse<String> notAnnullable = rollback(signature.get("idScheda").asString(), "1");
        assertThat(PcpSimClient.json(notAnnullable).at("/errori/0/codice").asString()).isEqualTo("ERR143");
        HttpResponse<String> acknowledged = rollback(conclusion, "2");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(lastOutcome("SC_ROLLBACK").at("/dettaglio/codice").asString()).isEqualTo("SC_IN_ROLLBACK");
        later();
        JsonNode rolledBack = lastOutcome("SC_ROLLBACK");

        assertThat(rolledBack.at("/esito/codice").asString()).isEqualTo("OK");
        assertThat(rolledBack.at("/dettaglio/codice").asString()).isEqualTo("SC_ROLLBACK");
        assertThat(consulta(conclusion).at("/scheda/_stato/codice").asString()).isEqualTo("ANN");
        assertThat(contractState(idContratto)).isEqualTo("SOTT");
        assertThat(PcpSimClient.json(rollback(conclusion, "2")).at("/errori/0/codice").asString()).isEqualTo("ERR148");
        assertThat(PcpSimClient.json(rollback(conclusion, "7")).at("/errori/0/codice").asString()).isEqualTo("AUT14");
    }

    @Test
    void searchesReadsModifiesAndDeletesSchede() {
        String signature = create(valid("SC1"));
        String other = create(valid("CO2"));

        JsonNode all = PcpSimClient.json(pcp.get(SCHEDE, "ricerca-scheda", Map.of("idAppalto", idAppalto)));
        assertThat(all.get("totRows").asInt()).isEqualTo(2);
        assertThat(all.get("result").valueStream().map(scheda -> scheda.get("_idScheda").asString()))
                .containsExactlyInAnyOrder(signature, other);
        assertThat(all.at("/result/0/_stato/codice").asString()).isEqualTo("IN_LAV");
        JsonNode onlySc1 = PcpSimClient.json(pcp.get(SCHEDE, "ricerca-scheda", Map.of("idAppalto", idAppalto,
                "codiceScheda", "SC1", "statoScheda", "IN_LAV")));
        assertThat(onlySc1.get("result").valueStream().map(scheda -> scheda.get("_idScheda").asString()))
                .containsExactly(signature);

        ObjectNode changed = with(valid("SC1"), "/body/anacForm/datiContratto/importoCauzione", "13000.0");
        HttpResponse<String> modified = pcp.post(SCHEDE, "modifica-scheda", Map.of("idScheda", signature,
                "idAppalto", idAppalto, "scheda", changed));
        assertThat(modified.statusCode()).isEqualTo(200);
        JsonNode read = consulta(signature);
        assertThat(read.at("/scheda/body/anacForm/datiContratto/importoCauzione").asDouble()).isEqualTo(13000.0);
        assertThat(read.at("/scheda/codice/codice").asString()).isEqualTo("SC1");
        assertThat(read.at("/scheda/versione").asString()).isEqualTo("1.0");

        assertThat(pcp.post(SCHEDE, "cancella-scheda", Map.of("idScheda", other, "idAppalto", idAppalto,
                "motivo", "Errore inserimento dati")).statusCode()).isEqualTo(200);
        assertThat(consulta(other).at("/scheda/_stato/codice").asString()).isEqualTo("CANC");
        HttpResponse<String> afterDeletion = pcp.post(SCHEDE, "conferma-scheda", Map.of("idScheda", other, "idAppalto", idAppalto));
        assertThat(PcpSimClient.json(afterDeletion).at("/errori/0/codice").asString()).isEqualTo("ERR58");
        HttpResponse<String> wrongAppalto = pcp.post(SCHEDE, "conferma-scheda", Map.of("idScheda", signature,
                "idAppalto", UUID.randomUUID().toString()));
        assertThat(PcpSimClient.json(wrongAppalto).at("/errori/0/codice").asString()).isEqualTo("ERR57");
        HttpResponse<String> unknown = pcp.get(SCHEDE, "consulta-scheda", Map.of("idScheda", UUID.randomUUID().toString()));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(PcpSimClient.json(unknown).at("/errori/0/codice").asString()).isEqualTo("ERR20");

        JsonNode creations = PcpSimClient.json(pcp.get(COMUNI, "esito-operazione", Map.of("idAppalto", idAppalto,
                "tipoOperazione", "SC_CREA", "tipoRicerca", "TUTTI_ESITI")));
        assertThat(creations.get("listaEsiti").valueStream().map(entry -> entry.at("/dettaglio/codice").asString()))
                .containsExactly("SC_CRE", "SC_CRE");
        assertThat(pcp.get(COMUNI, "esito-operazione", Map.of("idAppalto", UUID.randomUUID().toString(),
                "tipoOperazione", "SC_CONF", "tipoRicerca", "ULTIMO_ESITO")).statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- steps

    private ObjectNode scheda(String code, String idContratto) {
        return with(valid(code), "/body/anacForm/idContratto", "\"" + idContratto + "\"");
    }

    private String create(ObjectNode scheda) {
        HttpResponse<String> created = pcp.post(SCHEDE, "crea-scheda", Map.of("idAppalto", idAppalto, "scheda", scheda));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return PcpSimClient.json(created).get("idScheda").asString();
    }

    /** Asks for the confirmation, lets the simulator's delay pass, and returns the outcome. */
    private JsonNode confirmOutcome(String idScheda) {
        HttpResponse<String> acknowledged = pcp.post(SCHEDE, "conferma-scheda", Map.of("idScheda", idScheda, "idAppalto", idAppalto));
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        later();
        JsonNode outcome = lastOutcome("SC_CONF");
        assertThat(outcome.get("idScheda").asString()).isEqualTo(idScheda);
        return outcome;
    }

    private JsonNode confirm(ObjectNode scheda) {
        JsonNode outcome = confirmOutcome(create(scheda));
        assertThat(outcome.at("/esito/codice").asString()).as(outcome.toString()).isEqualTo("OK");
        return outcome;
    }

    private JsonNode lastOutcome(String type) {
        HttpResponse<String> response = pcp.get(COMUNI, "esito-operazione", Map.of("idAppalto", idAppalto,
                "tipoOperazione", type, "tipoRicerca", "ULTIMO_ESITO"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> entries = PcpSimClient.json(response).get("listaEsiti").valueStream().toList();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private String contractState(String idContratto) {
        JsonNode state = PcpSimClient.json(pcp.get(COMUNI, "stato-appalto", Map.of("idContratto", idContratto)));
        assertThat(state.at("/esitoStato/idContratto").asString()).isEqualTo(idContratto);
        assertThat(state.at("/esitoStato/stato/idTipologica").asString()).isEqualTo("statoContratto");
        return state.at("/esitoStato/stato/codice").asString();
    }

    private JsonNode consulta(String idScheda) {
        HttpResponse<String> response = pcp.get(SCHEDE, "consulta-scheda", Map.of("idScheda", idScheda));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PcpSimClient.json(response);
    }

    private HttpResponse<String> rollback(String idScheda, String reason) {
        return pcp.post(COMUNI, "rollback-scheda", Map.of("idScheda", idScheda,
                "motivazione", Map.of("idTipologica", "motivoAnnullamentoComunicazione", "codice", reason)));
    }

    /** Lets the simulator's confirmation delay (200 ms) pass. */
    private void later() {
        clock.set(clock.instant().plusSeconds(1));
    }
}
