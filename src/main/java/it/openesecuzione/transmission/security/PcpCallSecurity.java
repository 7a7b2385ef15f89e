package it.openesecuzione.transmission.security;

/**
 * What the PCP client calls before each HTTP request: a fresh tracking token and the voucher to go
 * with it. With the digest binding the token comes first (the voucher carries its hash); without
 * it the (possibly cached) voucher comes first, so that a slow token endpoint does not eat into the
 * tracking token's 10 seconds.
 */
public final class PcpCallSecurity {

    private final TrackingEvidence trackingEvidence;
    private final PdndVoucherProvider vouchers;

    public PcpCallSecurity(TrackingEvidence trackingEvidence, PdndVoucherProvider vouchers) {
        this.trackingEvidence = trackingEvidence;
        this.vouchers = vouchers;
    }

    /**
     * The headers for one request to an operation of {@code context}; call again for a retry.
     *
     * @throws PdndVoucherException      PDND did not issue a voucher
     * @throws PcpConfigurationException a purpose is missing for the context
     */
    public SecurityHeaders secure(PcpContext context, TrackingRequest request) {
        if (vouchers.bindsTrackingDigest()) {
            TrackingToken token = trackingEvidence.issue(context, request);
            return new SecurityHeaders(token, vouchers.voucher(context, request.codiceAusa(), token));
        }
        Voucher voucher = vouchers.voucher(context, request.codiceAusa(), null);
        return new SecurityHeaders(trackingEvidence.issue(context, request), voucher);
    }

    /** See {@link PdndVoucherProvider#discard}. */
    public void discard(Voucher voucher) {
        vouchers.discard(voucher);
    }
}
