package it.openesecuzione.transmission.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdndVoucherProviderTest {

    @TempDir
    static Path directory;
    static TestKeys keys;
    static Path pem;

    final TestClock clock = new TestClock(ZoneId.of("Europe/Rome"));
    TokenEndpointStub pdnd;

    @BeforeAll
    static void keys() throws Exception {
        keys = TestKeys.generate();
        pem = keys.writePem(directory);
    }

    @BeforeEach
    void start() throws Exception {
        pdnd = new TokenEndpointStub();
    }

    @AfterEach
    void stop() {
        pdnd.close();
    }

    PcpProperties properties(boolean bindDigest, Map<String, PcpProperties.AuthorityClient> authorities) {
        return TestKeys.properties(PcpEnvironment.ATTESTAZIONE, pem, bindDigest,
                pdnd.endpointsFor(PcpEnvironment.ATTESTAZIONE), authorities);
    }

    record Wiring(PdndVoucherProvider vouchers, PcpCallSecurity security) {
    }

    Wiring wire(PcpProperties properties) {
        PcpEndpoints endpoints = new PcpEndpoints(properties, UnaryOperator.identity());
        PcpCredentials credentials = PcpCredentials.from(properties);
        PdndVoucherProvider vouchers = new PdndVoucherProvider(properties, endpoints, credentials,
                HttpClient.newHttpClient(), clock);
        return new Wiring(vouchers, new PcpCallSecurity(new TrackingEvidence(properties, endpoints, credentials, clock),
                vouchers));
    }

    @Test
    void postsTheClientCredentialsFormAndReadsTheVoucher() {
        Voucher voucher = wire(properties(false, null)).vouchers()
                .voucher(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "0000012345", null);

        assertThat(pdnd.received()).hasSize(1);
        TokenEndpointStub.Received request = pdnd.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.form()).containsOnlyKeys("client_id", "client_assertion", "client_assertion_type",
                "grant_type");
        assertThat(request.form()).containsEntry("client_id", "client-installazione")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .containsEntry("grant_type", "client_credentials");
        assertThat(voucher.accessToken()).isEqualTo("voucher-1");
        assertThat(voucher.authorization()).isEqualTo("Bearer voucher-1");
        assertThat(voucher.expiresAt()).isEqualTo(TestClock.START.plusSeconds(600));
        assertThat(voucher.purposeId()).isEqualTo("purpose-cpp");
        assertThat(voucher.isBound()).isFalse();
    }

    @Test
    void signsAClientAssertionWithOnlyThePdndClaims() throws Exception {
        wire(properties(false, null)).vouchers().voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null);

        SignedJWT assertion = SignedJWT.parse(pdnd.last().form().get("client_assertion"));
        assertThat(assertion.verify(new RSASSAVerifier(keys.publicKey()))).isTrue();
        assertThat(assertion.getHeader().toJSONObject()).containsOnlyKeys("kid", "alg", "typ");
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("kid-installazione");
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(assertion.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        Map<String, Object> payload = assertion.getPayload().toJSONObject();
        assertThat(payload).containsOnlyKeys("iss", "sub", "aud", "purposeId", "jti", "iat", "exp");
        assertThat(payload).containsEntry("iss", "client-installazione")
                .containsEntry("sub", "client-installazione")
                .containsEntry("aud", "auth.att.interop.pagopa.it/client-assertion")
                .containsEntry("purposeId", "purpose-sc")
                .containsEntry("iat", TestClock.START.getEpochSecond())
                .containsEntry("exp", TestClock.START.getEpochSecond() + 120);
        assertThat((String) payload.get("jti")).isNotBlank();
    }

    @Test
    void bindsTheVoucherToTheHexSha256OfTheExactTrackingToken() throws Exception {
        Wiring wiring = wire(properties(true, null));

        SecurityHeaders headers = wiring.security().secure(PcpContext.COMUNICA_POST_PUBBLICAZIONE,
                TrackingEvidenceTest.request());

        String tracking = headers.httpHeaders().get("Agid-JWT-TrackingEvidence");
        String expected = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(tracking.getBytes(StandardCharsets.US_ASCII)));
        Map<String, Object> payload = SignedJWT.parse(pdnd.last().form().get("client_assertion")).getPayload()
                .toJSONObject();
        assertThat(payload).containsOnlyKeys("iss", "sub", "aud", "purposeId", "jti", "iat", "exp", "digest");
        assertThat(payload.get("digest")).isEqualTo(Map.of("alg", "SHA256", "value", expected));
        assertThat(expected).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(headers.voucher().digest()).isEqualTo(expected);
        assertThat(headers.trackingToken().sha256Hex()).isEqualTo(expected);
    }

    @Test
    void asksOnceForManyCallsWhenTheVoucherIsNotBound() {
        Wiring wiring = wire(properties(false, null));

        List<String> vouchers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            vouchers.add(wiring.security().secure(PcpContext.COMUNICA_POST_PUBBLICAZIONE,
                    TrackingEvidenceTest.request()).voucher().accessToken());
        }

        assertThat(pdnd.received()).hasSize(1);
        assertThat(Set.copyOf(vouchers)).containsExactly("voucher-1");
    }

    @Test
    void keepsOneVoucherPerPurpose() {
        PdndVoucherProvider vouchers = wire(properties(false, null)).vouchers();

        Voucher first = vouchers.voucher(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "0000012345", null);
        Voucher second = vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null);

        assertThat(first.accessToken()).isNotEqualTo(second.accessToken());
        assertThat(vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null)).isEqualTo(second);
        assertThat(pdnd.received()).hasSize(2);
    }

    @Test
    void asksForEveryCallWhenTheVoucherIsBound() {
        Wiring wiring = wire(properties(true, null));

        for (int i = 0; i < 5; i++) {
            wiring.security().secure(PcpContext.COMUNICA_POST_PUBBLICAZIONE, TrackingEvidenceTest.request());
        }

        assertThat(pdnd.received()).hasSize(5);
        assertThat(pdnd.received()).extracting(r -> r.form().get("client_assertion")).doesNotHaveDuplicates();
    }

    @Test
    void refreshesTheCachedVoucherShortlyBeforeItExpires() {
        PdndVoucherProvider vouchers = wire(properties(false, null)).vouchers();
        Voucher first = vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null);

        clock.set(TestClock.START.plusSeconds(600 - 61));
        assertThat(vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null)).isEqualTo(first);
        clock.set(TestClock.START.plusSeconds(600 - 60));
        Voucher second = vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null);

        assertThat(second.accessToken()).isEqualTo("voucher-2");
        assertThat(second.expiresAt()).isEqualTo(TestClock.START.plusSeconds(540 + 600));
        assertThat(pdnd.received()).hasSize(2);
    }

    @Test
    void refreshesAShortLivedVoucherAtHalfItsLife() {
        pdnd.expiresIn(60);
        PdndVoucherProvider vouchers = wire(properties(false, null)).vouchers();
        vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null);

        clock.set(TestClock.START.plusSeconds(29));
        vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null);
        assertThat(pdnd.received()).hasSize(1);
        clock.set(TestClock.START.plusSeconds(30));
        vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null);
        assertThat(pdnd.received()).hasSize(2);
    }

    @Test
    void sendsOneRequestWhenManyThreadsNeedTheSameVoucher() throws Exception {
        PdndVoucherProvider vouchers = wire(properties(false, null)).vouchers();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Voucher>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> vouchers.voucher(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "0000012345", null));
            }
            List<String> tokens = new ArrayList<>();
            for (Future<Voucher> result : pool.invokeAll(calls)) {
                tokens.add(result.get().accessToken());
            }
            assertThat(Set.copyOf(tokens)).containsExactly("voucher-1");
        } finally {
            pool.shutdownNow();
        }
        assertThat(pdnd.received()).hasSize(1);
    }

    @Test
    void asksAgainAfterACachedVoucherIsDiscarded() {
        PdndVoucherProvider vouchers = wire(properties(false, null)).vouchers();
        Voucher refused = vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null);

        vouchers.discard(refused);

        assertThat(vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null).accessToken())
                .isEqualTo("voucher-2");
    }

    @Test
    void usesTheAuthoritysOwnClientAndPurpose() throws Exception {
        TestKeys own = TestKeys.generate();
        Path ownPem = java.nio.file.Files.writeString(directory.resolve("own.pem"), own.pem);
        var authority = new PcpProperties.AuthorityClient("client-comune", "kid-comune",
                new PcpProperties.KeyLocation(ownPem.toString(), null, null, null, null),
                Map.of(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "purpose-comune"));
        PdndVoucherProvider vouchers = wire(properties(false, Map.of("0000012345", authority))).vouchers();

        Voucher ownVoucher = vouchers.voucher(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "0000012345", null);
        SignedJWT assertion = SignedJWT.parse(pdnd.last().form().get("client_assertion"));
        Voucher installationVoucher = vouchers.voucher(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "0000099999", null);

        assertThat(pdnd.received().get(0).form()).containsEntry("client_id", "client-comune");
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("kid-comune");
        assertThat(assertion.verify(new RSASSAVerifier(own.publicKey()))).isTrue();
        assertThat(assertion.getJWTClaimsSet().getClaim("purposeId")).isEqualTo("purpose-comune");
        assertThat(ownVoucher.clientId()).isEqualTo("client-comune");
        assertThat(installationVoucher.clientId()).isEqualTo("client-installazione");
        assertThat(pdnd.received()).hasSize(2);
        assertThatThrownBy(() -> vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null))
                .isInstanceOf(PcpConfigurationException.class)
                .hasMessageContaining("openesecuzione.pcp.authorities.0000012345.purpose-ids.ServiziComuni");
    }

    @Test
    void reportsARefusalWithItsStatusAndPdndsWordsButNoSecret() {
        pdnd.answer(401, "{\"type\":\"about:blank\",\"status\":401,\"title\":\"Unauthorized\","
                + "\"detail\":\"Client assertion validation failed\"}");
        PdndVoucherProvider vouchers = wire(properties(true, null)).vouchers();
        TrackingToken token = trackingToken();

        assertThatThrownBy(() -> vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", token))
                .isInstanceOfSatisfying(PdndVoucherException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("HTTP 401", "Client assertion validation failed",
                            "client-installazione", "purpose-sc");
                    assertThat(e.getMessage()).doesNotContain(pdnd.last().form().get("client_assertion"));
                    keys.material().forEach(secret -> assertThat(e.getMessage()).doesNotContain(secret));
                });
    }

    @Test
    void reportsAnOverloadedEndpointAsRetryable() {
        pdnd.answer(503, "");
        PdndVoucherProvider vouchers = wire(properties(false, null)).vouchers();

        assertThatThrownBy(() -> vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null))
                .isInstanceOfSatisfying(PdndVoucherException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void cutsAnEchoedAssertionOutOfTheMessage() {
        pdnd.answer(400, "{\"error\":\"invalid_client\",\"assertion\":\"{assertion}\"}");
        PdndVoucherProvider vouchers = wire(properties(false, null)).vouchers();

        assertThatThrownBy(() -> vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null))
                .isInstanceOfSatisfying(PdndVoucherException.class, e -> {
                    assertThat(e.getMessage()).contains("invalid_client", "[client_assertion]");
                    assertThat(e.getMessage()).doesNotContain(pdnd.last().form().get("client_assertion"));
                });
    }

    @Test
    void reportsAnUnreachableEndpointAsRetryable() {
        PcpProperties properties = TestKeys.properties(PcpEnvironment.ATTESTAZIONE, pem, false,
                Map.of(PcpEnvironment.ATTESTAZIONE, new PcpProperties.Endpoints(null, "http://localhost:1/token", null)),
                null);
        PdndVoucherProvider vouchers = wire(properties).vouchers();

        assertThatThrownBy(() -> vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null))
                .isInstanceOfSatisfying(PdndVoucherException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("PDND non raggiungibile");
                });
    }

    @Test
    void neverPutsTheBodyOfASuccessfulAnswerIntoTheMessage() {
        pdnd.answer(200, "{\"access_token\":\"leaked-voucher\"}");
        PdndVoucherProvider vouchers = wire(properties(false, null)).vouchers();

        assertThatThrownBy(() -> vouchers.voucher(PcpContext.SERVIZI_COMUNI, "0000012345", null))
                .isInstanceOf(PdndVoucherException.class)
                .hasMessageContaining("expires_in")
                .hasMessageNotContaining("leaked-voucher");
    }

    @Test
    void masksTheVoucherAndStripsTheSignatureForTheAuditTrail() {
        SecurityHeaders headers = wire(properties(true, null)).security()
                .secure(PcpContext.COMUNICA_POST_PUBBLICAZIONE, TrackingEvidenceTest.request());
        String compact = headers.trackingToken().compact();
        String signature = compact.substring(compact.lastIndexOf('.') + 1);

        Map<String, Object> audit = headers.forAudit();

        assertThat(audit.toString()).doesNotContain("voucher-1").doesNotContain(signature);
        assertThat(audit.get("headers")).isEqualTo(Map.of("Authorization", "Bearer ******",
                "Agid-JWT-TrackingEvidence", compact.substring(0, compact.lastIndexOf('.') + 1)));
        assertThat(audit.get("trackingClaims")).isEqualTo(headers.trackingToken().claims());
        assertThat(audit.get("voucher")).isEqualTo(Map.of("clientId", "client-installazione",
                "purposeId", "purpose-cpp", "expiresAt", TestClock.START.plusSeconds(600).toString(),
                "digest", headers.trackingToken().sha256Hex()));
        assertThat(headers.toString()).doesNotContain("voucher-1").doesNotContain(signature);

        Map<String, List<String>> sent = Map.of("authorization", List.of("Bearer voucher-1"),
                "agid-jwt-trackingevidence", List.of(compact), "Content-Type", List.of("application/json"));
        assertThat(SecurityHeaders.redact(sent)).isEqualTo(Map.of("authorization", List.of("Bearer ******"),
                "agid-jwt-trackingevidence", List.of(headers.trackingToken().withoutSignature()),
                "Content-Type", List.of("application/json")));
    }

    TrackingToken trackingToken() {
        PcpProperties properties = properties(true, null);
        return new TrackingEvidence(properties, new PcpEndpoints(properties, UnaryOperator.identity()),
                PcpCredentials.from(properties), clock).issue(PcpContext.SERVIZI_COMUNI, TrackingEvidenceTest.request());
    }
}
