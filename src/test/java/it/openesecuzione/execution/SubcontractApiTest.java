package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Subcontracts through the API (art. 119): request (RSU1) with the ESPD, the 15- or 30-day term
 * and silence-as-consent, the outcome (ES1), a cascade subcontract, the end (CS1). Works contract
 * of 449,750.00 euro signed on 10 February 2026 and handed over on 2 March.
 */
@IntegrationTest
public class SubcontractApiTest {

    public static final String ID_OE = "7a9e5c1b-3d2f-4e6a-8b0c-1d2e3f4a5b6c";
    static final String ID_OE_CASCADE = "8b0f6d2c-4e3a-4f7b-9c1d-2e3f4a5b6c7d";
    static final String ESPD = Base64.getEncoder().encodeToString(
            "<QualificationApplicationRequest xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2\"/>"
                    .getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    TestClock clock;

    Http rup;
    long contract;

    @BeforeEach
    void aContractUnderWay() {
        rup = Http.basic(port, "genova.rup");
        Map<String, Object> body = Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                "Manutenzione straordinaria della scuola primaria");
        contract = Http.json(rup.postJson("/api/v1/contracts", body)).get("id").asLong();
        at("2026-03-02");
        assertThat(post(ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000)).statusCode()).isEqualTo(201);
        assertThat(post(ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02"))).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void at(String day) {
        clock.set(Instant.parse(day + "T09:00:00Z"));
    }

    private HttpResponse<String> post(Map<String, Object> event) {
        return rup.postJson("/api/v1/contracts/" + contract + "/events", event);
    }

    public static Map<String, Object> request(String idOE, String name, Object amount, String receivedOn, Integer reference) {
        Map<String, Object> subject = Map.of("codiceFiscale", "01234567897", "denominazione", name,
                "ruoloOE", Map.of("idTipologica", "ruoloOE", "codice", "14"), "tipoOE", "1", "operatoreEstero", false);
        Map<String, Object> subappalto = Map.of("operatoreEconomicoSubappaltatore", Map.of("idOE", idOE, "elencoSoggetti", List.of(subject)),
                "oggetto", "Impermeabilizzazione delle coperture", "importoPresunto", amount, "categoria", "OS 8",
                "cpv", List.of("45261420"));
        Map<String, Object> event = new HashMap<>(Map.of("type", "RSU1", "data", Map.of("subappalto", subappalto),
                "dataEvento", receivedOn, "espd", ESPD));
        if (reference != null) {
            event.put("riferimento", reference);
        }
        return event;
    }

    private JsonNode subcontracts() {
        return Http.json(rup.get("/api/v1/contracts/" + contract + "/execution")).get("subappalti");
    }

    @Test
    void requestSilenceAsConsentCascadeAndEnd() {
        at("2026-05-10");
        HttpResponse<String> requested = post(request(ID_OE, "Coperture Liguri srl", 85000, "2026-05-04", null));
        assertThat(requested.statusCode()).isEqualTo(201);
        int seq = Http.json(requested).get("seq").asInt();
        assertThat(Http.json(requested).get("warnings").get(0).asString()).contains("2026-05-19").contains("15 giorni");
        JsonNode pending = subcontracts().get(0);
        assertThat(pending.get("stato").asString()).isEqualTo("RICHIESTO");
        assertThat(pending.get("termineDecisione").asString()).isEqualTo("2026-05-19");
        assertThat(pending.get("subappaltatore").asString()).isEqualTo("Coperture Liguri srl");

        // The scheda carries the ESPD in its body and the awardee of the SC1 as grantor.
        JsonNode scheda = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede")).get(2);
        assertThat(scheda.get("codice").asString()).isEqualTo("RSU1");
        assertThat(scheda.get("payload").get("scheda").get("body").get("espd").asString()).isEqualTo(ESPD);
        assertThat(scheda.get("payload").get("scheda").get("body").get("anacForm").get("subappalto").get("conferenteSubappalto")
                .get("idAggiudicatario").asString()).isEqualTo(ExecutionApiTest.PARTICIPANT);

        // No decision by 19 May: on the 25th the subcontract is authorised by silence, from the 20th.
        at("2026-05-25");
        assertThat(subcontracts().get(0).get("stato").asString()).isEqualTo("AUTORIZZATO_SILENZIO_ASSENSO");
        assertThat(subcontracts().get(0).get("dataAutorizzazione").asString()).isEqualTo("2026-05-20");
        HttpResponse<String> outcome = post(Map.of("type", "ES1", "data", Map.of("subappalto", Map.of())));
        assertThat(outcome.statusCode()).isEqualTo(201);
        assertThat(Http.json(outcome).get("data").get("subappalto").get("dataAutorizzazione").asString()).isEqualTo("2026-05-20T00:00:00Z");
        assertThat(Http.json(outcome).get("riferimento").asInt()).isEqualTo(seq);
        assertThat(Http.json(outcome).get("warnings").get(0).asString()).contains("silenzio-assenso");

        // The subcontractor sub-subcontracts part of it: the cascade names the earlier request.
        at("2026-06-03");
        HttpResponse<String> cascade = post(request(ID_OE_CASCADE, "Posa Guaine snc", 20000, "2026-06-01", seq));
        assertThat(cascade.statusCode()).isEqualTo(201);
        assertThat(Http.json(cascade).get("riferimento").asInt()).isEqualTo(seq);
        assertThat(Http.json(cascade).get("data").get("subappalto").get("conferenteSubappalto").get("idSubappaltanteACascata")
                .asString()).isEqualTo(ID_OE);
        int cascadeSeq = Http.json(cascade).get("seq").asInt();
        // The only request waiting for an outcome is the cascade's: the refusal refers to it.
        HttpResponse<String> refused = post(Map.of("type", "ES1", "dataEvento", "2026-06-03", "data", Map.of("subappalto", Map.of(
                "motivoMancatoSubappalto", Map.of("idTipologica", "motivoMancatoSubappalto", "codice", "1")))));
        assertThat(refused.statusCode()).isEqualTo(201);
        assertThat(Http.json(refused).get("riferimento").asInt()).isEqualTo(cascadeSeq);

        at("2026-10-05");
        HttpResponse<String> ended = post(Map.of("type", "CS1", "riferimento", seq, "data", Map.of("subappalto", Map.of(
                "importoEffettivo", 86100.00, "dataUltimazione", "2026-09-30"))));
        assertThat(ended.statusCode()).isEqualTo(201);
        assertThat(Http.json(ended).get("riferimento").asInt()).isEqualTo(Http.json(outcome).get("seq").asInt());
        assertThat(Http.json(ended).get("warnings").get(0).asString()).contains("supera quello presunto");

        assertThat(subcontracts().findValuesAsString("stato")).containsExactly("CONCLUSO", "NON_AUTORIZZATO");
        // Only SC1 is ready: the others wait for the idContratto, ES1, CS1 and the cascade RSU1 also
        // for the PCP ids of the schede they refer to.
        JsonNode schede = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede"));
        assertThat(schede.valueStream().map(s -> s.get("stato").asString())).containsExactly("PRONTA", "IN_ATTESA", "IN_ATTESA", "IN_ATTESA",
                "IN_ATTESA", "IN_ATTESA", "IN_ATTESA");
    }

    @Test
    void refusesWhatItCannotUseAndKeepsNothing() {
        at("2026-05-10");
        Map<String, Object> withoutEspd = new HashMap<>(request(ID_OE, "Coperture Liguri srl", 85000, "2026-05-04", null));
        withoutEspd.remove("espd");
        HttpResponse<String> missing = post(withoutEspd);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Http.json(missing).get("errors").findValuesAsString("field")).containsExactly("espd");

        HttpResponse<String> onSuspension = post(Map.of("type", "SO1", "riferimento", 1, "espd", ESPD, "data", Map.of()));
        assertThat(onSuspension.statusCode()).isEqualTo(400);
        assertThat(Http.json(onSuspension).get("errors").findValuesAsString("field")).containsExactly("riferimento", "espd");

        HttpResponse<String> noRequest = post(Map.of("type", "ES1", "data", Map.of("subappalto", Map.of("dataAutorizzazione", "2026-05-08"))));
        assertThat(noRequest.statusCode()).isEqualTo(400);
        assertThat(Http.json(noRequest).get("errors").get(0).get("message").asString())
                .isEqualTo("Nessun subappalto in attesa di esito in questo contratto");

        assertThat(post(request(ID_OE, "Coperture Liguri srl", 85000, "2026-05-04", null)).statusCode()).isEqualTo(201);
        HttpResponse<String> withPcpId = post(Map.of("type", "ES1", "data", Map.of("idScheda", ID_OE,
                "subappalto", Map.of("dataAutorizzazione", "2026-05-08"))));
        assertThat(withPcpId.statusCode()).isEqualTo(400);
        assertThat(Http.json(withPcpId).get("errors").findValuesAsString("code")).containsExactly(SchedaError.DERIVED);

        // Two requests waiting: an outcome must say which one it decides.
        assertThat(post(request(ID_OE_CASCADE, "Posa Guaine snc", 20000, "2026-05-06", null)).statusCode()).isEqualTo(201);
        HttpResponse<String> ambiguous = post(Map.of("type", "ES1", "data", Map.of("subappalto", Map.of("dataAutorizzazione", "2026-05-08"))));
        assertThat(ambiguous.statusCode()).isEqualTo(400);
        assertThat(Http.json(ambiguous).get("errors").get(0).get("message").asString()).contains("richieste n. 3, 4");
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract + "/events")).size()).isEqualTo(4);
    }

    @Test
    void afterAChangeOfAwardeeTheNewAwardeeGrantsSubcontracts() {
        at("2026-05-10");
        String merged = "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f";
        HttpResponse<String> change = post(Map.of("type", "S4", "dataEvento", "2026-05-05", "data", Map.of(
                "partecipante", Map.of("codiceFiscale", "01234567897", "denominazione", "Edilnord Costruzioni spa", "ruoloOE", "14",
                        "tipoOE", "1", "idPartecipante", merged, "paeseOperatoreEconomico", "ITA", "avvalimento", false),
                "motivoVariazione", Map.of("idTipologica", "motivoVariazione", "codice", "2"))));
        assertThat(change.statusCode()).isEqualTo(201);
        assertThat(Http.json(change).get("eventDate").asString()).isEqualTo("2026-05-05");

        HttpResponse<String> requested = post(request(ID_OE, "Coperture Liguri srl", 85000, "2026-05-06", null));
        assertThat(Http.json(requested).get("data").get("subappalto").get("conferenteSubappalto").get("idAggiudicatario").asString())
                .isEqualTo(merged);
    }
}
