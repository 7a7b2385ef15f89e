package it.openesecuzione.pcpsim;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A PCP client for the simulator's tests, written from pcp-interfaces.md with a plain
 * {@link HttpClient}: a tracking token per call, a voucher bound to it by {@code digest}, then the
 * call. Signs with the test key {@code pcpsim-test} that application-test.yml makes the simulator
 * trust.
 */
final class PcpSimClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String KID = "pcpsim-test";
    static final String CLIENT_ID = "pcpsim-test-client";
    static final String PURPOSE = "pcpsim-test-purpose";
    static final PrivateKey KEY = privateKey("pcpsim/client-key.pem");

    final String base;
    final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock;
    private PrivateKey signingKey = KEY;

    PcpSimClient(int port, Clock clock) {
        this.base = "http://localhost:" + port + "/pcp-sim";
        this.clock = clock;
    }

    /** Signs from now on with another key (under the same kid): a forged token. */
    PcpSimClient signingWith(PrivateKey key) {
        this.signingKey = key;
        return this;
    }

    HttpResponse<String> post(String context, String operation, Object body) {
        String tracking = tracking(context, claims -> { });
        return send(HttpRequest.newBuilder(URI.create(serviceUrl(context) + "/" + operation))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + voucher(tracking))
                .header("Agid-JWT-TrackingEvidence", tracking)
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body))));
    }

    HttpResponse<String> get(String context, String operation, Map<String, String> query) {
        String tracking = tracking(context, claims -> { });
        return send(HttpRequest.newBuilder(URI.create(serviceUrl(context) + "/" + operation + query(query)))
                .header("Authorization", "Bearer " + voucher(tracking))
                .header("Agid-JWT-TrackingEvidence", tracking)
                .GET());
    }

    String serviceUrl(String context) {
        return base + "/modi/rest/" + context + "/v2";
    }

    /** A tracking token for the e-service, with ANAC's claims; {@code changes} alters them. */
    String tracking(String context, Consumer<JWTClaimsSet.Builder> changes) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(10)))
                .jwtID(UUID.randomUUID().toString())
                .audience(serviceUrl(context))
                .claim("userCodiceFiscale", "RSSMRA80A01D969X")
                .claim("userRole", "RP")
                .claim("userLoa", "3")
                .claim("userIdpType", "SPID")
                .claim("SACodiceFiscale", "00856930102")
                .claim("SAcodiceAUSA", "0000204751")
                .claim("regCodicePiattaforma", "0000001")
                .claim("regCodiceComponente", "0000001")
                .claim("businessFlowID", "00000000-0000-0000-0000-000000000000")
                .claim("traceID", UUID.randomUUID().toString())
                .claim("spanID", UUID.randomUUID().toString());
        changes.accept(claims);
        return sign(claims.build());
    }

    /** A voucher from the simulator's token endpoint, bound to the tracking token when one is given. */
    String voucher(String tracking) {
        HttpResponse<String> response = token(assertion(tracking == null ? null : sha256Hex(tracking), claims -> { }));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Token endpoint: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asString();
    }

    String assertion(String digest, Consumer<JWTClaimsSet.Builder> changes) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(CLIENT_ID).subject(CLIENT_ID)
                .audience(base + "/token")
                .claim("purposeId", PURPOSE)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60)));
        if (digest != null) {
            claims.claim("digest", Map.of("alg", "SHA256", "value", digest));
        }
        changes.accept(claims);
        return sign(claims.build());
    }

    HttpResponse<String> token(String assertion) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        form.put("client_assertion", assertion);
        form.put("client_id", CLIENT_ID);
        return send(HttpRequest.newBuilder(URI.create(base + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KID).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String query(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static PrivateKey privateKey(String resource) {
        try (InputStream in = PcpSimClient.class.getClassLoader().getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("Chiave di test non leggibile: " + resource, e);
        }
    }
}
