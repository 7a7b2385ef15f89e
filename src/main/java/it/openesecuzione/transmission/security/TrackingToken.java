package it.openesecuzione.transmission.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * One {@code Agid-JWT-TrackingEvidence}: a compact JWS for exactly one HTTP request (its
 * {@code jti} is single-use and it lives at most 10 s), sent as is, not base64-encoded again.
 *
 * @param compact   the header value
 * @param claims    its payload, for the audit trail
 */
public record TrackingToken(String compact, String jti, Instant issuedAt, Instant expiresAt,
        Map<String, Object> claims) {

    public static final String HEADER = "Agid-JWT-TrackingEvidence";

    public TrackingToken {
        claims = Map.copyOf(claims);
    }

    /**
     * The lower-case hex SHA-256 of the compact token as sent (64 characters): the
     * {@code digest.value} of a client assertion bound to this token. PDND rejects base64.
     */
    public String sha256Hex() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(compact.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 non disponibile", e);
        }
    }

    /** Header and payload without the signature ({@code header.payload.}), for the audit trail. */
    public String withoutSignature() {
        return compact.substring(0, compact.lastIndexOf('.') + 1);
    }

    public boolean isValidAt(Instant instant) {
        return instant.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "TrackingToken[jti=" + jti + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
