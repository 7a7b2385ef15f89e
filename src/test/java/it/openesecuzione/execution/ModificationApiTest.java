package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ModificationApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Test
    void thePlatformChoosesTheModificationSchedaAndTheExtraDaysMoveTheTerm() {
        Http rup = Http.basic(port, "genova.rup");
        // 449,750 euro below the EU threshold: M2.
        long contract = Http.json(rup.postJson("/api/v1/contracts", Fixtures.worksContract(
                directory.findByUsername("genova.rup").orElseThrow().id(), "Lavori alla biblioteca Berio"))).get("id").asLong();
        String events = "/api/v1/contracts/" + contract + "/events";
        rup.postJson(events, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        rup.postJson(events, ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));
        Map<String, Object> data = ModificationTest.modification("add-wss", "470000", "15000", Map.of("numGiorniProroga", 20));

        HttpResponse<String> wrong = rup.postJson(events, Map.of("type", "M1", "data", data));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Http.json(wrong).get("detail").asString()).contains("scheda M2");

        HttpResponse<String> modified = rup.postJson(events, Map.of("type", "M2", "data", data));
        assertThat(modified.statusCode()).isEqualTo(201);
        assertThat(Http.json(modified).get("warnings").get(0).asString()).contains("Valore del contratto").contains("+7.84%");
        // 29 August plus 20 days.
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract + "/execution")).get("terminoAttuale").asString())
                .isEqualTo("2026-09-18");
    }

    @Test
    void aBelowThresholdConcessionIsModifiedWithM2_40() {
        Http rup = Http.basic(port, "genova.rup");
        Map<String, Object> body = new java.util.HashMap<>(Fixtures.worksContract(
                directory.findByUsername("genova.rup").orElseThrow().id(), "Concessione del parcheggio di piazza della Vittoria"));
        body.put("concessione", true);
        long contract = Http.json(rup.postJson("/api/v1/contracts", body)).get("id").asLong();
        String events = "/api/v1/contracts/" + contract + "/events";
        rup.postJson(events, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        Map<String, Object> data = Map.of("modificaContrattuale", Map.of(
                "quadroEconomicoConcessioniRideterminato", Map.of("impLavori", 460000, "entrateUtenza", 1200000),
                "datiBaseModificaContrattuale", Map.of("motiviModifica", "mod-nons", "causaModifica", "Ampliamento di dieci posti auto")));

        HttpResponse<String> wrong = rup.postJson(events, Map.of("type", "M2", "data", data));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Http.json(wrong).get("detail").asString()).contains("scheda M2_40");

        HttpResponse<String> modified = rup.postJson(events, Map.of("type", "M2_40", "data", data));
        assertThat(modified.statusCode()).isEqualTo(201);
        assertThat(Http.json(modified).get("data").get("modificaContrattuale").get("quadroEconomicoConcessioniRideterminato")
                .get("entrateUtenza").decimalValue()).isEqualByComparingTo("1200000.00");
    }

    @Test
    void anAboveThresholdContractIsModifiedWithM1AndItsEform() throws Exception {
        Http rup = Http.basic(port, "genova.rup");
        Map<String, Object> body = new java.util.HashMap<>(Fixtures.worksContract(
                directory.findByUsername("genova.rup").orElseThrow().id(), "Nuovo polo scolastico di Sampierdarena"));
        body.put("sopraSoglia", true);
        body.put("procedura", "APERTA");
        body.put("importoBaseGara", 6500000.00);
        body.put("importoContrattuale", 6000000.00);
        // A contract taken over from the award platform, whose SC1 ANAC already confirmed.
        String idContratto = java.util.UUID.randomUUID().toString();
        body.put("idAppalto", java.util.UUID.randomUUID().toString());
        body.put("idContratto", idContratto);
        long contract = Http.json(rup.postJson("/api/v1/contracts", body)).get("id").asLong();
        String events = "/api/v1/contracts/" + contract + "/events";
        assertThat(rup.postJson(events, ExecutionApiTest.signing("2026-02-10", "2027-08-31", 1000)).statusCode()).isEqualTo(201);
        Map<String, Object> data = ModificationTest.modification("mod-nons", "6100000", "150000", Map.of());

        HttpResponse<String> wrong = rup.postJson(events, Map.of("type", "M2", "data", data));
        assertThat(Http.json(wrong).get("detail").asString()).contains("scheda M1");
        HttpResponse<String> modified = rup.postJson(events, Map.of("type", "M1", "data", data));
        assertThat(modified.statusCode()).isEqualTo(201);
        assertThat(Http.json(modified).get("data").get("modificaContrattuale").has("datiBaseModificaContrattuale")).isFalse();

        tools.jackson.databind.JsonNode scheda = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede")).get(1)
                .get("payload").get("scheda");
        byte[] eform = java.util.Base64.getDecoder().decode(scheda.get("body").get("eform").asString());
        ModificationNoticeTest.validate(eform);
        assertThat(new String(eform, java.nio.charset.StandardCharsets.UTF_8)).contains(idContratto).contains("Comune di Genova")
                .contains("ITC33").contains(">38<");
    }
}
