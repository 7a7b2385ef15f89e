package it.openesecuzione.transmission.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security headers of one PCP call: {@code Authorization: Bearer <voucher>} and
 * {@code Agid-JWT-TrackingEvidence}. Use them for one HTTP request only; {@link #forAudit()} is
 * what may be kept.
 */
public record SecurityHeaders(TrackingToken trackingToken, Voucher voucher) {

    public static final String AUTHORIZATION = "Authorization";
    static final String MASKED_VOUCHER = "Bearer ******";

    /** The headers to add to the request, with their secrets. */
    public Map<String, String> httpHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(AUTHORIZATION, voucher.authorization());
        headers.put(TrackingToken.HEADER, trackingToken.compact());
        return headers;
    }

    /**
     * A copy for the audit trail without secrets: the headers with the voucher masked and the
     * tracking token without its signature, the tracking token's claims, and what identifies the
     * voucher (client, purpose, expiry, bound digest) but not the voucher itself.
     */
    public Map<String, Object> forAudit() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(AUTHORIZATION, MASKED_VOUCHER);
        headers.put(TrackingToken.HEADER, trackingToken.withoutSignature());
        Map<String, Object> voucherFacts = new LinkedHashMap<>();
        voucherFacts.put("clientId", voucher.clientId());
        voucherFacts.put("purposeId", voucher.purposeId());
        voucherFacts.put("expiresAt", voucher.expiresAt().toString());
        if (voucher.digest() != null) {
            voucherFacts.put("digest", voucher.digest());
        }
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("headers", headers);
        audit.put("trackingClaims", new LinkedHashMap<>(trackingToken.claims()));
        audit.put("voucher", voucherFacts);
        return audit;
    }

    /**
     * Any header map (as sent or received) made fit for the audit trail: {@code Authorization}
     * masked, the tracking token without its signature, the rest as is. Header names are matched
     * without regard to case.
     */
    public static Map<String, List<String>> redact(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (AUTHORIZATION.equalsIgnoreCase(name) || "Proxy-Authorization".equalsIgnoreCase(name)) {
                copy.put(name, values.stream().map(SecurityHeaders::maskAuthorization).toList());
            } else if (TrackingToken.HEADER.equalsIgnoreCase(name)) {
                copy.put(name, values.stream().map(SecurityHeaders::stripSignature).toList());
            } else {
                copy.put(name, List.copyOf(values));
            }
        });
        return copy;
    }

    @Override
    public String toString() {
        return "SecurityHeaders[trackingToken=" + trackingToken + ", voucher=" + voucher + "]";
    }

    private static String maskAuthorization(String value) {
        int space = value.indexOf(' ');
        return (space > 0 ? value.substring(0, space) : "") + " ******";
    }

    private static String stripSignature(String compact) {
        int last = compact.lastIndexOf('.');
        return last < 0 ? "******" : compact.substring(0, last + 1);
    }
}
