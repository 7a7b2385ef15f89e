package it.openesecuzione.transmission;

import it.openesecuzione.identity.IdentityAssurance;
import java.util.UUID;

/**
 * Who calls PCP, for what: the appalto, the authority and the acting user, as the tracking token
 * (Agid-JWT-TrackingEvidence) states them.
 *
 * @param userRole      ANAC's role of the acting user: RP (the RUP) or DRP (a delegate)
 * @param userAssurance how the acting user logged in (level of assurance, identity provider)
 * @param traceId       the same for every call about one scheda, so that ANAC can follow it
 */
public record PcpCall(UUID idAppalto, String codiceAusa, String authorityCodiceFiscale, String userCodiceFiscale,
        String userRole, IdentityAssurance userAssurance, String traceId) {

    public PcpCall {
        java.util.Objects.requireNonNull(userAssurance, "userAssurance");
    }
}
