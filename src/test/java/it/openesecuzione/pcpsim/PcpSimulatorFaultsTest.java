package it.openesecuzione.pcpsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.support.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Each injected fault as a plain {@link HttpClient} sees it: 429, 500, a slow answer, a dropped connection. */
@IntegrationTest
class PcpSimulatorFaultsTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    PcpSimClient pcp;

    @BeforeEach
    void client() {
        pcp = new PcpSimClient(port, clock);
    }

    @AfterEach
    void noMoreFaults() {
        HttpResponse<String> reset = pcp.send(HttpRequest.newBuilder(URI.create(pcp.base + "/_control/faults")).DELETE());
        assertThat(reset.statusCode()).isEqualTo(200);
        clock.reset();
    }

    @Test
    void answers429WithRetryAfterAndRateLimitHeaders() {
        faults(Map.of("rate429", 1.0, "retryAfterSeconds", 7));

        HttpResponse<String> response = esito();

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isPresent();
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).isPresent();
        JsonNode problem = PcpSimClient.json(response);
        assertThat(problem.get("title").asString()).isEqualTo("TooManyRequests");
        assertThat(problem.get("type").asString()).isEqualTo("https://govway.org/handling-errors/429/TooManyRequests.html");
    }

    @Test
    void answers500WithPcpsErrorResponse() {
        faults(Map.of("rate500", 1.0));

        HttpResponse<String> response = esito();

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode error = PcpSimClient.json(response);
        assertThat(error.get("status").asInt()).isEqualTo(500);
        assertThat(error.at("/errori/0/codice").asString()).isEqualTo("ERR9999");
    }

    @Test
    void answersSlowly() {
        faults(Map.of("delayMs", 1500));
        HttpRequest request = HttpRequest.newBuilder(URI.create(pcp.serviceUrl("ServiziComuni") + "/status"))
                .timeout(Duration.ofMillis(200)).GET().build();

        assertThatThrownBy(() -> pcp.http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void dropsTheConnectionWithoutAnAnswer() {
        faults(Map.of("dropRate", 1.0));
        HttpClient fresh = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(pcp.serviceUrl("ServiziComuni") + "/status")).GET().build();

        assertThatThrownBy(() -> fresh.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void returnsToNormalAfterAResetAndRefusesNonsense() {
        faults(Map.of("rate500", 1.0));
        assertThat(pcp.send(HttpRequest.newBuilder(URI.create(pcp.base + "/_control/faults")).DELETE()).statusCode())
                .isEqualTo(200);
        assertThat(esito().statusCode()).isEqualTo(404); // no fault: PCP's own answer for an unknown appalto

        HttpResponse<String> nonsense = pcp.send(HttpRequest.newBuilder(URI.create(pcp.base + "/_control/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"rate429\": 2}")));
        assertThat(nonsense.statusCode()).isEqualTo(400);
    }

    private void faults(Map<String, Object> faults) {
        HttpResponse<String> response = pcp.send(HttpRequest.newBuilder(URI.create(pcp.base + "/_control/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(PcpSimClient.JSON.writeValueAsString(faults))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpResponse<String> esito() {
        try {
            return pcp.get("ServiziComuni", "esito-operazione", Map.of("idAppalto", UUID.randomUUID().toString(),
                    "tipoOperazione", "SC_CONF", "tipoRicerca", "ULTIMO_ESITO"));
        } catch (UncheckedIOException e) {
            throw new AssertionError(e);
        }
    }
}
