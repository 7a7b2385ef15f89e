package it.openesecuzione.transmission.security;

import java.time.Instant;

/**
 * A PDND voucher: the bearer token of {@code Authorization} for the calls to one e-service
 * (purpose). A secret while it lives: {@link #toString()} masks it and the audit copy never holds it.
 *
 * @param accessToken the voucher itself
 * @param obtainedAt  when it was asked for (its validity is counted from then, conservatively)
 * @param expiresAt   {@code obtainedAt} + PDND's {@code expires_in}
 * @param digest      the tracking token's SHA-256 bound into it; null when not bound
 */
public record Voucher(String accessToken, Instant obtainedAt, Instant expiresAt, String clientId, String purposeId,
        String digest) {

    /** The {@code Authorization} header value. */
    public String authorization() {
        return "Bearer " + accessToken;
    }

    public boolean isBound() {
        return digest != null;
    }

    @Override
    public String toString() {
        return "Voucher[accessToken=******, obtainedAt=" + obtainedAt + ", expiresAt=" + expiresAt + ", clientId="
                + clientId + ", purposeId=" + purposeId + ", digest=" + digest + "]";
    }
}
