package it.openesecuzione.pcpsim.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The simulator's PDND-like token endpoint: checks a client assertion as PDND describes it and
 * issues a voucher ({@code access_token}, {@code Bearer}, {@code expires_in}). A voucher is a JWT
 * signed with a key of this node, but what makes it valid is its row in {@code pcpsim_voucher}
 * (looked up by hash), so every node accepts the vouchers of every other.
 */
public final class Vouchers {

    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** PDND's FAQ: exactly these claims (digest optional); {@code nbf} must not be there. */
    private static final Set<String> ALLOWED_CLAIMS = Set.of("iss", "sub", "aud", "jti", "iat", "exp", "purposeId", "digest");

    /** A refusal of the token endpoint, as OAuth 2 errors: {@code {"error", "error_description"}}. */
    public static final class TokenRefused extends RuntimeException {

        private final int status;
        private final String error;

        TokenRefused(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    /** A voucher issued. */
    public record Issued(String accessToken, long expiresIn) {
    }

    /** What a voucher stands for. */
    public record Voucher(String clientId, String purposeId, String digest, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final ClientKeys keys;
    private final Jtis jtis;
    private final Clock clock;
    private final PcpSimProperties properties;
    private final RSAKey signingKey;

    public Vouchers(JdbcClient jdbc, ClientKeys keys, Jtis jtis, Clock clock, PcpSimProperties properties) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.jtis = jtis;
        this.clock = clock;
        this.properties = properties;
        try {
            this.signingKey = new RSAKeyGenerator(2048).keyID("pcp-sim-" + UUID.randomUUID()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POST {@code <base>/token} with the form fields of PDND. */
    public Issued issue(Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw new TokenRefused(400, "unsupported_grant_type", "grant_type deve essere client_credentials");
        }
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
            throw new TokenRefused(400, "invalid_request", "client_assertion_type deve essere " + ASSERTION_TYPE);
        }
        String clientId = form.get("client_id");
        String assertion = form.get("client_assertion");
        if (clientId == null || clientId.isBlank() || assertion == null || assertion.isBlank()) {
            throw new TokenRefused(400, "invalid_request", "client_id e client_assertion sono obbligatori");
        }
        Instant now = clock.instant();
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion.trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("client_assertion non è un JWS compatto valido: " + e.getMessage());
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw invalid("alg dell'asserzione deve essere RS256");
        }
        if (jwt.getHeader().getKeyID() == null) {
            throw invalid("kid assente nell'intestazione dell'asserzione");
        }
        JOSEObjectType type = jwt.getHeader().getType();
        if (type != null && !JOSEObjectType.JWT.equals(type)) {
            throw invalid("typ dell'asserzione deve essere JWT");
        }
        for (String claim : claims.getClaims().keySet()) {
            if (!ALLOWED_CLAIMS.contains(claim)) {
                throw invalid("claim non ammesso nell'asserzione: " + claim);
            }
        }
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            throw invalid("iss e sub dell'asserzione devono essere il client_id");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.isEmpty() || audience.stream().allMatch(String::isBlank)) {
            throw invalid("aud assente nell'asserzione");
        }
        if (!properties.assertionAudiences().isEmpty()
                && audience.stream().noneMatch(properties.assertionAudiences()::contains)) {
            throw invalid("aud dell'asserzione non accettato: " + audience + " (atteso " + properties.assertionAudiences() + ")");
        }
        String purposeId = stringClaim(claims, "purposeId");
        if (purposeId == null || purposeId.isBlank()) {
            throw invalid("purposeId assente nell'asserzione");
        }
        if (!properties.purposes().isEmpty() && !properties.purposes().containsKey(purposeId)) {
            throw invalid("purposeId sconosciuto: " + purposeId);
        }
        Date issued = claims.getIssueTime();
        Date expires = claims.getExpirationTime();
        if (issued == null || expires == null) {
            throw invalid("iat ed exp sono obbligatori nell'asserzione");
        }
        if (issued.toInstant().isAfter(now.plus(properties.clockSkew()))) {
            throw invalid("iat dell'asserzione nel futuro");
        }
        if (!expires.toInstant().isAfter(now.minus(properties.clockSkew()))) {
            throw invalid("asserzione scaduta");
        }
        String digest = digest(claims.getClaim("digest"));
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw invalid("jti assente nell'asserzione");
        }
        if (keys.check(jwt) == ClientKeys.Outcome.INVALID) {
            throw invalid("firma dell'asserzione non valida per il kid " + jwt.getHeader().getKeyID());
        }
        if (!jtis.firstUse("assertion", jti, expires.toInstant().plus(properties.clockSkew()), now)) {
            throw invalid("jti dell'asserzione già usato: " + jti);
        }
        return store(clientId, purposeId, digest, now);
    }

    private Issued store(String clientId, String purposeId, String digest, Instant now) {
        Instant expiresAt = now.plus(properties.voucherLifetime());
        JWTClaimsSet.Builder voucher = new JWTClaimsSet.Builder()
                .issuer("pcp-sim")
                .audience(properties.purposes().getOrDefault(purposeId, "pcp-sim"))
                .subject(clientId)
                .claim("client_id", clientId)
                .claim("purposeId", purposeId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt));
        if (digest != null) {
            voucher.claim("digest", Map.of("alg", "SHA256", "value", digest));
        }
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), voucher.build());
        try {
            token.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        String accessToken = token.serialize();
        if (ThreadLocalRandom.current().nextInt(100) == 0) {
            jdbc.sql("delete from pcpsim_voucher where expires_at < :now").param("now", Timestamp.from(now)).update();
        }
        jdbc.sql("""
                insert into pcpsim_voucher (token_hash, client_id, purpose_id, digest, issued_at, expires_at)
                values (:hash, :client, :purpose, :digest, :now, :expires)""")
                .param("hash", sha256Hex(accessToken)).param("client", clientId).param("purpose", purposeId)
                .param("digest", digest).param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt))
                .update();
        return new Issued(accessToken, properties.voucherLifetime().toSeconds());
    }

    /** The voucher behind a bearer token, if the simulator issued it and it has not expired. */
    public Optional<Voucher> find(String accessToken, Instant now) {
        return jdbc.sql("select client_id, purpose_id, digest, expires_at from pcpsim_voucher where token_hash = :hash")
                .param("hash", sha256Hex(accessToken))
                .query((rs, row) -> new Voucher(rs.getString("client_id"), rs.getString("purpose_id"),
                        rs.getString("digest"), rs.getTimestamp("expires_at").toInstant()))
                .optional().filter(voucher -> voucher.expiresAt().isAfter(now));
    }

    /** The context a purpose is valid for, when purposes are configured. */
    public Optional<String> contextOf(String purposeId) {
        return Optional.ofNullable(properties.purposes().get(purposeId));
    }

    private static String digest(Object claim) {
        if (claim == null) {
            return null;
        }
        if (!(claim instanceof Map<?, ?> digest) || !"SHA256".equals(digest.get("alg"))
                || !(digest.get("value") instanceof String value) || !value.matches("[0-9a-f]{64}")) {
            throw invalid("digest deve essere {\"alg\": \"SHA256\", \"value\": <64 cifre esadecimali minuscole>}");
        }
        return value;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String text ? text : null;
    }

    private static TokenRefused invalid(String description) {
        return new TokenRefused(401, "invalid_client", description);
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
