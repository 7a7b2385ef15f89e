package it.openesecuzione.pcpsim;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.support.TestClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The simulated PDND token endpoint and ANAC's gateway checks: vouchers, tracking tokens, both
 * error shapes, and the simulator's own chain that bypasses the platform's login.
 */
@IntegrationTest
class PcpSimulatorSecurityTest {

    private static final String ESITO_QUERY = "?idAppalto=" + UUID.randomUUID() + "&tipoOperazione=SC_CONF&tipoRicerca=ULTIMO_ESITO";

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
    void resetClock() {
        clock.reset();
    }

    @Test
    void issuesABearerVoucherForAValidClientAssertion() {
        HttpResponse<String> response = pcp.token(pcp.assertion(null, claims -> { }));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode voucher = PcpSimClient.json(response);
        assertThat(voucher.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(voucher.get("expires_in").asInt()).isEqualTo(600);
        assertThat(voucher.get("access_token").asString().split("\\.")).hasSize(3);
    }

    @Test
    void refusesClientAssertionsThatPdndWouldRefuse() {
        assertThat(invalidClient(pcp.assertion(null, claims -> claims.issuer("someone-else")))).contains("iss");
        assertThat(invalidClient(pcp.assertion(null, claims -> claims.notBeforeTime(Date.from(clock.instant())))))
                .contains("nbf");
        assertThat(invalidClient(pcp.assertion(null, claims -> claims.claim("purposeId", null)))).contains("purposeId");
        assertThat(invalidClient(pcp.assertion(null, claims -> claims.expirationTime(Date.from(clock.instant()
                .minusSeconds(60)))))).contains("scaduta");
        String once = pcp.assertion(null, claims -> { });
        assertThat(pcp.token(once).statusCode()).isEqualTo(200);
        assertThat(invalidClient(once)).contains("jti");
    }

    @Test
    void refusesAnAssertionSignedWithAnotherKeyUnderAKnownKid() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pcp.signingWith(generator.generateKeyPair().getPrivate());

        assertThat(invalidClient(pcp.assertion(null, claims -> { }))).contains("firma");
    }

    @Test
    void answers401InGovWaysShapeWithoutAVoucher() {
        HttpResponse<String> response = pcp.send(HttpRequest.newBuilder(URI.create(pcp.serviceUrl("ServiziComuni")
                + "/esito-operazione" + ESITO_QUERY)).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("GovWay-Transaction-ID")).isPresent();
        JsonNode problem = PcpSimClient.json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://govway.org/handling-errors/401/AuthenticationRequired.html");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("govway_id").asString()).isEqualTo(response.headers().firstValue("GovWay-Transaction-ID").get());

        HttpResponse<String> forged = pcp.send(HttpRequest.newBuilder(URI.create(pcp.serviceUrl("ServiziComuni")
                + "/esito-operazione" + ESITO_QUERY)).header("Authorization", "Bearer not-a-voucher")
                .header("Agid-JWT-TrackingEvidence", pcp.tracking("ServiziComuni", claims -> { })).GET());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(PcpSimClient.json(forged).get("title").asString()).isEqualTo("TokenAuthenticationFailed");
    }

    @Test
    void answers400InteroperabilityInvalidRequestWithoutAValidTrackingToken() {
        assertThat(interoperabilityProblem(null, pcp.voucher(null))).contains("non presente");

        Instant issued = clock.instant().minusSeconds(30);
        String stale = pcp.tracking("ServiziComuni", claims -> claims.issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued)).expirationTime(Date.from(issued.plusSeconds(10))));
        assertThat(interoperabilityProblem(stale, pcp.voucher(stale))).contains("scaduto");

        String otherService = pcp.tracking("ComunicaPostPubblicazione", claims -> { });
        assertThat(interoperabilityProblem(otherService, pcp.voucher(otherService))).contains("aud");

        String withoutAusa = pcp.tracking("ServiziComuni", claims -> claims.claim("SAcodiceAUSA", null));
        assertThat(interoperabilityProblem(withoutAusa, pcp.voucher(withoutAusa))).contains("SAcodiceAUSA");

        String numericLoa = pcp.tracking("ServiziComuni", claims -> claims.claim("userLoa", 3));
        assertThat(interoperabilityProblem(numericLoa, pcp.voucher(numericLoa))).contains("userLoa");

        String tracking = pcp.tracking("ServiziComuni", claims -> { });
        String unbound = pcp.voucher(null);
        HttpResponse<String> passed = esito(tracking, unbound);
        assertThat(passed.statusCode()).isEqualTo(404); // past the gateway: PCP does not know the appalto
        assertThat(PcpSimClient.json(passed).at("/errori/0/codice").asString()).isEqualTo("ERR19");
        assertThat(interoperabilityProblem(tracking, unbound)).contains("jti");

        String another = pcp.tracking("ServiziComuni", claims -> { });
        assertThat(interoperabilityProblem(another, pcp.voucher(tracking))).contains("digest");
    }

    @Test
    void refusesAnOperationUnderTheWrongContext() {
        HttpResponse<String> response = pcp.post("ServiziComuni", "crea-scheda", Map.of());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(PcpSimClient.json(response).get("title").asString()).isEqualTo("OperationUndefined");
    }

    @Test
    void servesItsStatusOutsideThePlatformsLogin() {
        HttpResponse<String> response = pcp.send(HttpRequest.newBuilder(URI.create(pcp.base + "/_status")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = PcpSimClient.json(response);
        assertThat(status.get("enabled").asBoolean()).isTrue();
        assertThat(status.get("basePath").asString()).isEqualTo("/pcp-sim");
        assertThat(status.get("anacDirConfigured").asBoolean()).isTrue();
        assertThat(status.get("description").asString()).contains("schema-cronologia-schede.txt");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    private String invalidClient(String assertion) {
        HttpResponse<String> response = pcp.token(assertion);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode error = PcpSimClient.json(response);
        assertThat(error.get("error").asString()).isEqualTo("invalid_client");
        return error.get("error_description").asString();
    }

    private HttpResponse<String> esito(String tracking, String voucher) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pcp.serviceUrl("ServiziComuni")
                + "/esito-operazione" + ESITO_QUERY)).header("Authorization", "Bearer " + voucher).GET();
        if (tracking != null) {
            request.header("Agid-JWT-TrackingEvidence", tracking);
        }
        return pcp.send(request);
    }

    private String interoperabilityProblem(String tracking, String voucher) {
        HttpResponse<String> response = esito(tracking, voucher);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = PcpSimClient.json(response);
        assertThat(problem.get("type").asString())
                .isEqualTo("https://govway.org/handling-errors/400/InteroperabilityInvalidRequest.html");
        assertThat(problem.get("title").asString()).isEqualTo("InteroperabilityInvalidRequest");
        return problem.get("detail").asString();
    }
}
