package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
public class ExecutionApiTest {

    static final String PARTICIPANT = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6";

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    Http rup;
    long contract;
    String cig;

    @BeforeEach
    void aRegisteredWorksContract() {
        rup = Http.basic(port, "genova.rup");
        Map<String, Object> body = Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                "Lavori di consolidamento del muraglione di via Aurelia");
        JsonNode created = Http.json(rup.postJson("/api/v1/contracts", body));
        contract = created.get("id").asLong();
        cig = created.get("lotti").get(0).get("cig").asString();
    }

    public static Map<String, Object> signing(String stipula, String scadenza, double cauzione) {
        Map<String, Object> dati = new HashMap<>();
        dati.put("idPartecipante", PARTICIPANT);
        dati.put("dataStipula", stipula);
        dati.put("dataDecorrenza", stipula);
        dati.put("dataScadenza", scadenza);
        dati.put("importoCauzione", cauzione);
        return Map.of("type", "SC1", "data", Map.of("datiContratto", dati));
    }

    public static Map<String, Object> handover(Map<String, Object> datiInizio) {
        return Map.of("type", "I1", "data", Map.of("datiInizio", datiInizio));
    }

    private HttpResponse<String> post(Map<String, Object> event) {
        return rup.postJson("/api/v1/contracts/" + contract + "/events", event);
    }

    @Test
    void signingThenHandoverProduceTheSchedeAndMoveTheContract() {
        HttpResponse<String> signed = post(signing("2026-02-10", "2026-08-31", 44975.00));
        assertThat(signed.statusCode()).isEqualTo(201);
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract)).get("stato").asString()).isEqualTo("SOTT");

        HttpResponse<String> started = post(handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));
        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract)).get("stato").asString()).isEqualTo("IN_ESEC");

        JsonNode schede = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede"));
        assertThat(schede).hasSize(2);
        JsonNode sc1 = schede.get(0).get("payload").get("scheda");
        assertThat(sc1.get("codice").get("codice").asString()).isEqualTo("SC1");
        assertThat(sc1.get("codice").get("idTipologica").asString()).isEqualTo("codiceScheda");
        assertThat(sc1.get("versione").asString()).isEqualTo("1.0");
        JsonNode dati = sc1.get("body").get("anacForm").get("datiContratto");
        assertThat(dati.get("cig").get(0).asString()).isEqualTo(cig);
        assertThat(dati.get("codiceAusa").get(0).asString()).isEqualTo("0000243530");
        assertThat(dati.get("dataStipula").asString()).isEqualTo("2026-02-10T00:00:00Z");
        assertThat(schede.get(0).get("stato").asString()).isEqualTo("PRONTA");
        // I1 needs the idContratto ANAC assigns when it confirms SC1: it waits for it.
        assertThat(schede.get(1).get("stato").asString()).isEqualTo("IN_ATTESA");
        JsonNode inizio = schede.get(1).get("payload").get("scheda").get("body").get("anacForm").get("datiInizio");
        // 180 days from 2 March 2026.
        assertThat(inizio.get("dataFinePrevista").asString()).isEqualTo("2026-08-29T00:00:00Z");
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract + "/events")).findValuesAsString("type"))
                .containsExactly("SC1", "I1");
    }

    @Test
    void refusesAHandoverBeforeTheSigningWithAnacsErr2() {
        HttpResponse<String> response = post(handover(Map.of("consegnaSottoRiserva", false, "dataEffettivoInizio", "2026-03-02")));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Http.json(response).get("codice").asString()).isEqualTo("ERR2");
        assertThat(Http.json(response).get("detail").asString()).contains("SC1");
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract + "/events"))).isEmpty();
    }

    @Test
    void rejectsADeadlineBeforeTheSigningWithReg77AndStoresNothing() {
        HttpResponse<String> response = post(signing("2026-02-10", "2026-01-31", 1000));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Http.json(response).get("errors").get(0);
        assertThat(error.get("code").asString()).isEqualTo("REG77");
        assertThat(error.get("field").asString()).isEqualTo("datiContratto.dataScadenza");
        assertThat(error.get("message").asString()).isEqualTo("La data di scadenza del contratto deve essere superiore alla data di stipula.");
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract + "/events"))).isEmpty();
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract)).get("stato").asString()).isEqualTo("AGGIUDICATO");
    }

    @Test
    void rejectsANegativeGuaranteeWithReg117() {
        assertThat(codes(post(signing("2026-02-10", "2026-08-31", -1)))).containsExactly("REG117");
    }

    @Test
    void aDerivedFieldGivenDifferentlyIsRejected() {
        Map<String, Object> dati = new HashMap<>(Map.of("idPartecipante", PARTICIPANT, "dataStipula", "2026-02-10",
                "dataDecorrenza", "2026-02-10", "dataScadenza", "2026-08-31", "importoCauzione", 10, "cig", List.of("B1A2B00235")));

        assertThat(codes(post(Map.of("type", "SC1", "data", Map.of("datiContratto", dati))))).containsExactly("DERIVATO");
    }

    @Test
    void reportsRequiredFieldsAndFormats() {
        Map<String, Object> dati = Map.of("dataStipula", "10/02/2026", "dataScadenza", "2026-08-31");

        HttpResponse<String> response = post(Map.of("type", "SC1", "data", Map.of("datiContratto", dati)));

        assertThat(Http.json(response).get("errors").findValuesAsString("field")).contains("datiContratto.idPartecipante",
                "datiContratto.dataStipula", "datiContratto.dataDecorrenza", "datiContratto.importoCauzione");
    }

    @Test
    void appliesAnacsHandoverRules() {
        post(signing("2026-02-10", "2026-08-31", 1000));

        assertThat(codes(post(handover(Map.of("consegnaFrazionata", true, "consegnaSottoRiserva", false,
                "dataEffettivoInizio", "2026-03-02"))))).containsExactly("REG58");
        assertThat(codes(post(handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataEffettivoInizio", "2026-03-02"))))).containsExactly("REG60");
        assertThat(codes(post(handover(Map.of("avvioPerFasi", true, "consegnaSottoRiserva", false,
                "dataEffettivoInizio", "2026-03-02"))))).containsExactly("REG59");
        assertThat(codes(post(handover(Map.of("dataDisposizioneInizio", "2026-02-20", "dataApprovazione", "2026-02-15",
                "consegnaSottoRiserva", false, "dataEffettivoInizio", "2026-03-02"))))).containsExactly("REG57");
    }

    @Test
    void warnsWhenTheHandoverComesMoreThan45DaysAfterTheSigning() {
        post(signing("2026-01-05", "2026-12-31", 1000));

        HttpResponse<String> started = post(handover(Map.of("consegnaSottoRiserva", false, "dataEffettivoInizio", "2026-03-02")));

        assertThat(started.statusCode()).isEqualTo(201);
        assertThat(Http.json(started).get("warnings").get(0).asString()).contains("oltre 45 giorni").contains("IR1");
    }

    @Test
    void completionConcludesTheContractAndWarnsOfADelay() {
        post(signing("2026-02-10", "2026-08-31", 1000));
        post(handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));

        HttpResponse<String> completed = post(Map.of("type", "CO1", "data", Map.of("conclusione",
                Map.of("dataUltimazione", "2026-09-08", "numeroInfortuni", 0))));

        assertThat(completed.statusCode()).isEqualTo(201);
        // Term: 29 August; completed 8 September, ten days late.
        assertThat(Http.json(completed).get("warnings").get(0).asString()).contains("10 giorni").contains("penali");
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract)).get("stato").asString()).isEqualTo("CONCL");
        HttpResponse<String> afterConclusion = post(handover(Map.of("consegnaSottoRiserva", false, "dataEffettivoInizio", "2026-09-10")));
        assertThat(afterConclusion.statusCode()).isEqualTo(409);
    }

    @Test
    void otherAuthoritiesAndObserversCannotRecordEvents() {
        assertThat(Http.basic(port, "savona.rup").postJson("/api/v1/contracts/" + contract + "/events",
                signing("2026-02-10", "2026-08-31", 1)).statusCode()).isEqualTo(404);
        assertThat(Http.basic(port, "osservatorio.liguria").postJson("/api/v1/contracts/" + contract + "/events",
                signing("2026-02-10", "2026-08-31", 1)).statusCode()).isEqualTo(403);
        assertThat(Http.basic(port, "osservatorio.liguria").get("/api/v1/contracts/" + contract + "/schede").statusCode())
                .isEqualTo(200);
    }

    @Test
    void namesUnknownEventTypes() {
        HttpResponse<String> unknown = post(Map.of("type", "XYZ", "data", Map.of()));

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Http.json(unknown).get("field").asString()).isEqualTo("type");
    }

    private static List<String> codes(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        return Http.json(response).get("errors").findValuesAsString("code");
    }
}
