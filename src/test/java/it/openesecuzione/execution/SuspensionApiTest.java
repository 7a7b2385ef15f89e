package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Suspensions and resumptions of a 180-day works contract handed over on 2 March 2026. */
@IntegrationTest
class SuspensionApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    TestClock clock;

    Http rup;
    long contract;

    @BeforeEach
    void aContractInExecution() {
        rup = Http.basic(port, "genova.rup");
        Map<String, Object> body = Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                "Ristrutturazione della palestra comunale");
        contract = Http.json(rup.postJson("/api/v1/contracts", body)).get("id").asLong();
        assertThat(post(ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000)).statusCode()).isEqualTo(201);
        assertThat(post(ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02"))).statusCode()).isEqualTo(201);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private HttpResponse<String> post(Map<String, Object> event) {
        return rup.postJson("/api/v1/contracts/" + contract + "/events", event);
    }

    private static Map<String, Object> suspension(String date, boolean partial, String reason) {
        return Map.of("type", "SO1", "data", Map.of("sospensione", Map.of("sospensioneParziale", partial,
                "dataVerbaleSospensione", date, "motivoSospensione", Map.of("idTipologica", "motivoSospensione", "codice", reason))));
    }

    private static Map<String, Object> resumption(Map<String, Object> sospensione) {
        return Map.of("type", "RI1", "data", Map.of("sospensione", sospensione));
    }

    private JsonNode status() {
        return Http.json(rup.get("/api/v1/contracts/" + contract + "/execution"));
    }

    @Test
    void aSuspensionAndItsResumptionMoveTheTerm() {
        clock.set(Instant.parse("2026-04-30T10:00:00Z"));
        assertThat(post(suspension("2026-04-10", false, "6")).statusCode()).isEqualTo(201);
        JsonNode during = status();
        assertThat(during.get("sospeso").asBoolean()).isTrue();
        assertThat(during.get("giorniSospesi").asLong()).isEqualTo(20);
        assertThat(during.get("schedeAmmesse").valueStream().map(JsonNode::asString)).contains("RI1", "SQ1").doesNotContain("I1");

        HttpResponse<String> resumed = post(resumption(Map.of("dataVerbaleRipresa", "2026-04-25", "riserve", false,
                "verbaleNonSottoscritto", false)));

        assertThat(resumed.statusCode()).isEqualTo(201);
        // 180 days from 2 March end on 29 August; 15 suspended days move it to 13 September.
        assertThat(Http.json(resumed).get("warnings").get(0).asString()).contains("2026-09-13").contains("15 giorni");
        JsonNode after = status();
        assertThat(after.get("sospeso").asBoolean()).isFalse();
        assertThat(after.get("terminoOriginale").asString()).isEqualTo("2026-08-29");
        assertThat(after.get("terminoAttuale").asString()).isEqualTo("2026-09-13");
        String page = Http.browser(port, "genova.rup").get("/contratti/" + contract + "/esecuzione").body();
        assertThat(page).contains("13/09/2026").contains("Ripresa dell&#39;esecuzione").contains("In attesa dell&#39;identificativo ANAC");
        JsonNode ri1 = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede")).get(3);
        assertThat(ri1.get("payload").get("scheda").get("body").get("anacForm").get("sospensione").get("superatoTempo").asBoolean())
                .isFalse();
        assertThat(ri1.get("stato").asString()).isEqualTo("IN_ATTESA");
    }

    @Test
    void refusesASecondSuspensionWhileOneLastsAndAResumptionWithoutOne() {
        assertThat(post(suspension("2026-04-10", false, "1")).statusCode()).isEqualTo(201);

        HttpResponse<String> second = post(suspension("2026-04-12", false, "1"));
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(Http.json(second).get("errors").findValuesAsString("code")).contains("STATO");

        post(resumption(Map.of("dataVerbaleRipresa", "2026-04-20", "riserve", false, "verbaleNonSottoscritto", false)));
        HttpResponse<String> again = post(resumption(Map.of("dataVerbaleRipresa", "2026-04-21", "riserve", false,
                "verbaleNonSottoscritto", false)));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Http.json(again).get("detail").asString()).contains("Nessuna sospensione in corso");
    }

    @Test
    void checksTheReasonAgainstAnacsListAndTheDates() {
        HttpResponse<String> badReason = post(suspension("2026-04-10", false, "9"));
        HttpResponse<String> beforeHandover = post(suspension("2026-02-20", false, "1"));

        assertThat(Http.json(badReason).get("detail").asString()).contains("motivoSospensione");
        assertThat(Http.json(beforeHandover).get("errors").findValuesAsString("code")).contains("DATE");
    }

    @Test
    void aPartialSuspensionNeedsItsIncidenceAndCountsInProportion() {
        post(suspension("2026-05-01", true, "2"));

        HttpResponse<String> withoutIncidence = post(resumption(Map.of("dataVerbaleRipresa", "2026-05-21", "riserve", false,
                "verbaleNonSottoscritto", false)));
        assertThat(Http.json(withoutIncidence).get("errors").findValuesAsString("field")).contains("sospensione.incidenzaCronoprogramma");

        HttpResponse<String> resumed = post(resumption(Map.of("dataVerbaleRipresa", "2026-05-21", "incidenzaCronoprogramma", 25,
                "riserve", true, "verbaleNonSottoscritto", false)));
        assertThat(resumed.statusCode()).isEqualTo(201);
        // 20 days at 25% = 5 days.
        clock.set(Instant.parse("2026-06-01T10:00:00Z"));
        assertThat(status().get("giorniSospesi").asLong()).isEqualTo(5);
        assertThat(status().get("terminoAttuale").asString()).isEqualTo("2026-09-03");
    }

    @Test
    void promptsForSq1WhenSuspensionsPassAQuarterOfTheTimeAndRefusesItBefore() {
        post(suspension("2026-04-10", false, "5"));
        clock.set(Instant.parse("2026-05-20T10:00:00Z"));
        // 40 days suspended: a quarter of 180 is 45.
        assertThat(status().get("sq1Dovuta").asBoolean()).isFalse();
        HttpResponse<String> early = post(Map.of("type", "SQ1", "data", Map.of()));
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(Http.json(early).get("detail").asString()).contains("non hanno ancora superato");

        clock.set(Instant.parse("2026-06-10T10:00:00Z"));
        assertThat(Http.browser(port, "genova.rup").get("/contratti/" + contract + "/esecuzione").body()).contains("sq1-dovuta");
        JsonNode due = status();
        assertThat(due.get("sq1Dovuta").asBoolean()).isTrue();
        // The 46th suspended day is 26 May.
        assertThat(due.get("limiteSospensioniSuperato").asString()).isEqualTo("2026-05-26");
        HttpResponse<String> sq1 = post(Map.of("type", "SQ1", "data", Map.of()));
        assertThat(sq1.statusCode()).isEqualTo(201);
        assertThat(Http.json(sq1).get("data").get("sospensione").get("dataSuperamento").asString()).startsWith("2026-05-26");
        assertThat(status().get("sq1Dovuta").asBoolean()).isFalse();

        HttpResponse<String> resumed = post(resumption(Map.of("dataVerbaleRipresa", "2026-06-10", "riserve", false,
                "verbaleNonSottoscritto", false)));
        assertThat(Http.json(resumed).get("data").get("sospensione").get("superatoTempo").asBoolean()).isTrue();
    }
}
