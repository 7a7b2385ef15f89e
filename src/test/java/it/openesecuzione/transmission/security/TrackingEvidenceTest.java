package it.openesecuzione.transmission.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import it.openesecuzione.support.TestClock;
import it.openesecuzione.transmission.security.TrackingRequest.IdpType;
import it.openesecuzione.transmission.security.TrackingRequest.LevelOfAssurance;
import it.openesecuzione.transmission.security.TrackingRequest.UserRole;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackingEvidenceTest {

    static final UUID ID_APPALTO = UUID.fromString("8cc2d6ca-690d-4031-b75d-b0139b7ace39");
    static final Set<String> ANAC_CLAIMS = Set.of("iat", "nbf", "exp", "jti", "aud", "userCodiceFiscale", "userRole",
            "userLoa", "userIdpType", "SACodiceFiscale", "SAcodiceAUSA", "regCodicePiattaforma",
            "regCodiceComponente", "businessFlowID", "traceID", "spanID");

    @TempDir
    static Path directory;
    static TestKeys keys;

    final TestClock clock = new TestClock(ZoneId.of("Europe/Rome"));

    @BeforeAll
    static void keys() {
        keys = TestKeys.generate();
    }

    static TrackingRequest request() {
        return new TrackingRequest("rssmra80a01h501u", UserRole.RP, LevelOfAssurance.LOA3, IdpType.SPID,
                "0000012345", "80012345678", ID_APPALTO, "trace-1", "span-1");
    }

    TrackingEvidence evidence(PcpProperties properties) {
        PcpEndpoints endpoints = new PcpEndpoints(properties, UnaryOperator.identity());
        return new TrackingEvidence(properties, endpoints, PcpCredentials.from(properties), clock);
    }

    TrackingEvidence evidence() throws Exception {
        return evidence(TestKeys.properties(PcpEnvironment.QUALIFICAZIONE, keys.writePem(directory), true, null, null));
    }

    @Test
    void signsRs256WithTheKidOfThePdndKey() throws Exception {
        TrackingToken token = evidence().issue(PcpContext.COMUNICA_POST_PUBBLICAZIONE, request());

        SignedJWT jwt = SignedJWT.parse(token.compact());
        assertThat(jwt.verify(new RSASSAVerifier(keys.publicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("kid-installazione");
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(jwt.getHeader().toJSONObject()).containsOnlyKeys("alg", "kid", "typ");
    }

    @Test
    void carriesExactlyAnacClaimsWithTheirTypesAndValues() throws Exception {
        TrackingToken token = evidence().issue(PcpContext.COMUNICA_POST_PUBBLICAZIONE, request());

        Map<String, Object> payload = SignedJWT.parse(token.compact()).getPayload().toJSONObject();
        assertThat(payload.keySet()).isEqualTo(ANAC_CLAIMS);
        long iat = TestClock.START.getEpochSecond();
        assertThat(payload.get("iat")).isInstanceOf(Number.class).isEqualTo(iat);
        assertThat(payload.get("nbf")).isInstanceOf(Number.class).isEqualTo(iat);
        assertThat(payload.get("exp")).isInstanceOf(Number.class).isEqualTo(iat + 10);
        assertThat(UUID.fromString((String) payload.get("jti")).toString()).isEqualTo(token.jti());
        assertThat(payload.get("aud"))
                .isEqualTo("https://apigw-test.anticorruzione.it/modi/rest/ComunicaPostPubblicazione/v2");
        assertThat(payload).containsEntry("userCodiceFiscale", "RSSMRA80A01H501U")
                .containsEntry("userRole", "RP")
                .containsEntry("userLoa", "3")
                .containsEntry("userIdpType", "SPID")
                .containsEntry("SACodiceFiscale", "80012345678")
                .containsEntry("SAcodiceAUSA", "0000012345")
                .containsEntry("regCodicePiattaforma", "0000123")
                .containsEntry("regCodiceComponente", "0000456")
                .containsEntry("businessFlowID", ID_APPALTO.toString())
                .containsEntry("traceID", "trace-1")
                .containsEntry("spanID", "span-1");
        assertThat(payload.values()).allMatch(v -> v instanceof String || v instanceof Number);
        assertThat(token.claims()).isEqualTo(payload);
    }

    @Test
    void livesAtMostTenSeconds() throws Exception {
        TrackingToken token = evidence().issue(PcpContext.SERVIZI_COMUNI, request());

        var claims = SignedJWT.parse(token.compact()).getJWTClaimsSet();
        long life = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertThat(life).isPositive().isLessThanOrEqualTo(10_000);
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
        assertThat(token.expiresAt()).isEqualTo(TestClock.START.plusSeconds(10));
    }

    @Test
    void givesEveryCallItsOwnJti() throws Exception {
        TrackingEvidence evidence = evidence();
        Set<String> jtis = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            jtis.add((String) SignedJWT.parse(evidence.issue(PcpContext.CODE_LIST, request()).compact())
                    .getJWTClaimsSet().getJWTID());
        }
        assertThat(jtis).hasSize(50);
    }

    @Test
    void addressesTheCalledContextAndItsVersion() throws Exception {
        TrackingEvidence evidence = evidence();

        assertThat(evidence.issue(PcpContext.GESTIONE_UTENTI, request()).claims().get("aud"))
                .isEqualTo("https://apigw-test.anticorruzione.it/modi/rest/GestioneUtenti/v1");
        assertThat(evidence.issue(PcpContext.SERVIZI_COMUNI, request()).claims().get("aud"))
                .isEqualTo("https://apigw-test.anticorruzione.it/modi/rest/ServiziComuni/v2");
    }

    @Test
    void omitsTheAuthorityCodiceFiscaleWhenItHasNone() throws Exception {
        TrackingRequest withoutCf = new TrackingRequest("RSSMRA80A01H501U", UserRole.DRP, LevelOfAssurance.LOA4,
                IdpType.CIE, "0000012345", null, TrackingRequest.NO_APPALTO, "t", "s");

        Map<String, Object> claims = evidence().issue(PcpContext.CODE_LIST, withoutCf).claims();

        assertThat(claims).doesNotContainKey("SACodiceFiscale")
                .containsEntry("userRole", "DRP")
                .containsEntry("userLoa", "4")
                .containsEntry("userIdpType", "CIE")
                .containsEntry("businessFlowID", "00000000-0000-0000-0000-000000000000");
    }

    @Test
    void signsWithTheKeyOfTheAuthoritysOwnPdndClient() throws Exception {
        TestKeys own = TestKeys.generate();
        Path ownPem = java.nio.file.Files.writeString(directory.resolve("own.pem"), own.pem);
        var authority = new PcpProperties.AuthorityClient("client-comune", "kid-comune",
                new PcpProperties.KeyLocation(ownPem.toString(), null, null, null, null),
                Map.of(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "purpose-comune"));
        PcpProperties properties = TestKeys.properties(PcpEnvironment.QUALIFICAZIONE, keys.writePem(directory), true,
                null, Map.of("0000012345", authority));

        SignedJWT jwt = SignedJWT.parse(evidence(properties).issue(PcpContext.COMUNICA_POST_PUBBLICAZIONE, request())
                .compact());

        assertThat(jwt.getHeader().getKeyID()).isEqualTo("kid-comune");
        assertThat(jwt.verify(new RSASSAVerifier(own.publicKey()))).isTrue();
    }

    @Test
    void stripsTheSignatureForTheAuditTrail() throws Exception {
        TrackingToken token = evidence().issue(PcpContext.CODE_LIST, request());
        String[] parts = token.compact().split("\\.");

        assertThat(token.withoutSignature()).isEqualTo(parts[0] + "." + parts[1] + ".");
        assertThat(token.toString()).doesNotContain(parts[2]).contains(token.jti());
    }

    @Test
    void refusesAValidityAboveTenSeconds() {
        assertThatThrownBy(() -> new PcpProperties(null, null, null, null, null, null, null, null, null, null,
                java.time.Duration.ofSeconds(11), null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tracking-token-validity");
    }

    @Test
    void rejectsAnIncompleteRequest() {
        assertThatThrownBy(() -> new TrackingRequest("RSSMRA80A01H501U", UserRole.RP, LevelOfAssurance.LOA3,
                IdpType.SPID, "12345", null, ID_APPALTO, "t", "s"))
                .hasMessageContaining("AUSA");
        assertThatThrownBy(() -> new TrackingRequest("RSSMRA80A01H501U", UserRole.RP, LevelOfAssurance.LOA3,
                IdpType.SPID, "0000012345", null, ID_APPALTO, " ", "s"))
                .hasMessageContaining("traceId");
        assertThatThrownBy(() -> new TrackingRequest("RSSMRA80A01H501U", UserRole.RP, LevelOfAssurance.LOA3,
                IdpType.SPID, "0000012345", null, null, "t", "s"))
                .hasMessageContaining("idAppalto");
    }
}
