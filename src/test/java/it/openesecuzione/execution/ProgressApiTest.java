package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Advance payment and progress statements (SA1) of a 180-day works contract of 449,750.00 euro handed over on 2 March 2026. */
@IntegrationTest
class ProgressApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    Http rup;
    long contract;

    @BeforeEach
    void aSignedContract() {
        rup = Http.basic(port, "genova.rup");
        Map<String, Object> body = Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                "Rifacimento della copertura della scuola media");
        contract = Http.json(rup.postJson("/api/v1/contracts", body)).get("id").asLong();
        assertThat(post(ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000)).statusCode()).isEqualTo(201);
    }

    private void handOver() {
        assertThat(post(ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02"))).statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> post(Map<String, Object> event) {
        return rup.postJson("/api/v1/contracts/" + contract + "/events", event);
    }

    private static Map<String, Object> progress(String date, Object impSal, String avanzamento, Map<String, Object> extra) {
        Map<String, Object> dati = new HashMap<>(Map.of("denominazioneAvanzamento", "SAL al " + date,
                "modalitaPagamento", Map.of("idTipologica", "modalitaPagamento", "codice", "1"), "dataAvanzamento", date,
                "impSal", impSal, "avanzamento", Map.of("idTipologica", "avanzamento", "codice", avanzamento)));
        dati.putAll(extra);
        return Map.of("type", "SA1", "data", Map.of("avanzamento", dati));
    }

    private JsonNode status() {
        return Http.json(rup.get("/api/v1/contracts/" + contract + "/execution"));
    }

    @Test
    void advanceThenProgressStatementsOnTimeAndLateWithAProrogaThatMovesTheTerm() {
        handOver();
        // 20% of 449,750.00.
        HttpResponse<String> advance = post(progress("2026-03-10", 0, "9", Map.of("impAnticipazione", 89950,
                "dataCertificatoAnticipazione", "2026-03-10")));
        assertThat(advance.statusCode()).isEqualTo(201);
        assertThat(Http.json(advance).get("data").get("avanzamento").get("impAnticipazione").decimalValue())
                .isEqualByComparingTo("89950.00");

        HttpResponse<String> onTime = post(progress("2026-05-04", "120000.00", "9", Map.of(
                "dataCertificatoMandatoPagamento", "2026-05-08", "impCertificatoMandatoPagamento", 95400)));
        assertThat(onTime.statusCode()).isEqualTo(201);
        assertThat(status().get("terminoAttuale").asString()).isEqualTo("2026-08-29");

        HttpResponse<String> late = post(progress("2026-06-30", 210000, "11", Map.of("numGiorniScostamento", 12,
                "numGiorniProroga", 20)));
        assertThat(late.statusCode()).isEqualTo(201);
        // 180 days from 2 March end on 29 August; a proroga of 20 days moves it to 18 September.
        assertThat(Http.json(late).get("warnings").get(0).asString()).contains("2026-09-18");
        JsonNode after = status();
        assertThat(after.get("terminoOriginale").asString()).isEqualTo("2026-08-29");
        assertThat(after.get("terminoAttuale").asString()).isEqualTo("2026-09-18");
        JsonNode sa1 = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede")).get(4);
        assertThat(sa1.get("payload").get("scheda").get("codice").get("codice").asString()).isEqualTo("SA1");
        assertThat(sa1.get("payload").get("scheda").get("body").get("anacForm").get("avanzamento").get("numGiorniScostamento")
                .asInt()).isEqualTo(12);
        assertThat(Http.browser(port, "genova.rup").get("/contratti/" + contract + "/esecuzione").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnAdvanceAboveThirtyPercentAndWarnsAboveTwenty() {
        handOver();
        HttpResponse<String> tooMuch = post(progress("2026-03-10", 0, "9", Map.of("impAnticipazione", "134925.01",
                "dataCertificatoAnticipazione", "2026-03-10")));
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(Http.json(tooMuch).get("errors").findValuesAsString("field")).contains("avanzamento.impAnticipazione");

        HttpResponse<String> raised = post(progress("2026-03-10", 0, "9", Map.of("impAnticipazione", "134925.00",
                "dataCertificatoAnticipazione", "2026-03-10")));
        assertThat(raised.statusCode()).isEqualTo(201);
        assertThat(Http.json(raised).get("warnings").get(0).asString()).contains("30%");
    }

    @Test
    void refusesADecreasingImpSalAndAnAdvanceWithoutItsCertificateDate() {
        handOver();
        assertThat(post(progress("2026-05-04", 120000, "9", Map.of())).statusCode()).isEqualTo(201);

        HttpResponse<String> lower = post(progress("2026-06-04", 100000, "9", Map.of()));
        assertThat(lower.statusCode()).isEqualTo(400);
        assertThat(Http.json(lower).get("errors").findValuesAsString("field")).contains("avanzamento.impSal");

        HttpResponse<String> noDate = post(progress("2026-06-04", 150000, "9", Map.of("impAnticipazione", 50000)));
        assertThat(noDate.statusCode()).isEqualTo(400);
        assertThat(Http.json(noDate).get("errors").findValuesAsString("code")).contains("REG64");
    }

    @Test
    void refusesAProgressStatementBeforeTheHandover() {
        HttpResponse<String> early = post(progress("2026-03-10", 0, "9", Map.of("impAnticipazione", 89950,
                "dataCertificatoAnticipazione", "2026-03-10")));

        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(Http.json(early).get("codice").asString()).isEqualTo("ERR2");
    }
}
