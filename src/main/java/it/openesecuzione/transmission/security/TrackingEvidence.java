package it.openesecuzione.transmission.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/**
 * Builds the {@code Agid-JWT-TrackingEvidence} of one PCP call (pcp-interfaces.md §5.2): RS256
 * with the kid of the PDND client's key, and exactly the claims of ANAC's {@code jws.yaml}, spelt
 * as there ({@code SACodiceFiscale} but {@code SAcodiceAUSA}). {@code nbf} = {@code iat},
 * {@code exp} = {@code iat} + at most 10 s, a random {@code jti}: build one right before each
 * request, a retry included.
 */
public final class TrackingEvidence {

    private final PcpProperties properties;
    private final PcpEndpoints endpoints;
    private final PcpCredentials credentials;
    private final Clock clock;

    public TrackingEvidence(PcpProperties properties, PcpEndpoints endpoints, PcpCredentials credentials,
            Clock clock) {
        this.properties = properties;
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * The token for a call to an operation of {@code context}: its {@code aud} is the context's
     * e-service URL ({@link PcpEndpoints#serviceUrl}), and it is signed with the key of the PDND
     * client that will ask for the voucher (the authority's own, if it has one).
     */
    public TrackingToken issue(PcpContext context, TrackingRequest request) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(properties.trackingTokenValidity());
        String jti = UUID.randomUUID().toString();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti)
                .audience(endpoints.serviceUrl(context))
                .claim("userCodiceFiscale", request.userCodiceFiscale())
                .claim("userRole", request.userRole().name())
                .claim("userLoa", request.userLoa().claim())
                .claim("userIdpType", request.userIdpType().name());
        if (request.codiceFiscaleSa() != null) {
            claims.claim("SACodiceFiscale", request.codiceFiscaleSa());
        }
        JWTClaimsSet payload = claims
                .claim("SAcodiceAUSA", request.codiceAusa())
                .claim("regCodicePiattaforma", credentials.codicePiattaforma())
                .claim("regCodiceComponente", credentials.codiceComponente())
                .claim("businessFlowID", request.idAppalto().toString())
                .claim("traceID", request.traceId())
                .claim("spanID", request.spanId())
                .build();
        String compact = credentials.forAuthority(request.codiceAusa()).key().sign(payload);
        return new TrackingToken(compact, jti, issuedAt, expiresAt, payload.toJSONObject());
    }
}
