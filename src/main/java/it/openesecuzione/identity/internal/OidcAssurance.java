package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.IdentityAssurance;
import it.openesecuzione.identity.IdentityAssurance.IdentityProvider;
import java.util.Locale;
import java.util.Map;

/**
 * Reads from an OIDC token (ID token or access token) how the identity provider authenticated the
 * person, for ANAC's tracking token.
 *
 * <p>Level: from {@code acr}, as SPID and CIE state it ({@code https://www.spid.gov.it/SpidL2},
 * level 2 = LoA 3, level 3 = LoA 4) or eIDAS ({@code http://eidas.europa.eu/LoA/substantial} = 3,
 * {@code high} = 4). Level 1 (password alone) is refused: PCP accepts no schede from such a login.
 * Without {@code acr} the login is refused unless the installation states the level its gateway
 * enforces ({@code default-level-of-assurance}).
 *
 * <p>Provider: from the claim {@code idpTypeClaim} when the gateway sends it (SPID, CIE, CNS, EIDAS
 * in any case, also within a longer value such as {@code spid-idp}; any other value is refused);
 * otherwise an eIDAS {@code acr} means EIDAS, and anything else the installation's {@code defaultProvider}.
 */
record OidcAssurance(String idpTypeClaim, IdentityProvider defaultProvider, String defaultLevelOfAssurance) {

    /** A level stated by the installation is checked at start-up, not at the first login. */
    OidcAssurance {
        if (defaultLevelOfAssurance != null && !defaultLevelOfAssurance.isBlank()) {
            defaultLevelOfAssurance = new IdentityAssurance(defaultLevelOfAssurance.trim(), defaultProvider).levelOfAssurance();
        }
    }

    /** The token does not vouch for a level PCP accepts. */
    static final class Insufficient extends RuntimeException {

        private final String code;

        Insufficient(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    IdentityAssurance read(Map<String, Object> claims) {
        return new IdentityAssurance(level(claims.get("acr")), provider(claims));
    }

    private String level(Object acr) {
        if (acr == null || acr.toString().isBlank()) {
            if (defaultLevelOfAssurance == null || defaultLevelOfAssurance.isBlank()) {
                throw new Insufficient("acr_assente",
                        "Il gestore dell'identità non ha indicato il livello di autenticazione (acr)");
            }
            return defaultLevelOfAssurance.trim();
        }
        String value = acr.toString().trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("l3") || value.endsWith("/high")) {
            return "4";
        }
        if (value.endsWith("l2") || value.endsWith("/substantial")) {
            return "3";
        }
        if (value.endsWith("l1") || value.endsWith("/low")) {
            throw new Insufficient("livello_insufficiente",
                    "Accesso di livello 1: per operare sulla piattaforma serve SPID o CIE di livello 2 o 3");
        }
        throw new Insufficient("acr_sconosciuto", "Livello di autenticazione non riconosciuto: " + acr);
    }

    private IdentityProvider provider(Map<String, Object> claims) {
        Object stated = idpTypeClaim == null ? null : claims.get(idpTypeClaim);
        if (stated != null && !stated.toString().isBlank()) {
            String value = stated.toString().toUpperCase(Locale.ROOT);
            for (IdentityProvider provider : new IdentityProvider[] {IdentityProvider.EIDAS, IdentityProvider.SPID,
                    IdentityProvider.CIE, IdentityProvider.CNS}) {
                if (value.contains(provider.name())) {
                    return provider;
                }
            }
            // Reported to ANAC with every scheda: a provider the platform cannot name is not guessed.
            throw new Insufficient("idp_sconosciuto", "Tipo di identity provider non riconosciuto: " + stated);
        }
        Object acr = claims.get("acr");
        if (acr != null && acr.toString().toLowerCase(Locale.ROOT).contains("eidas.europa.eu")) {
            return IdentityProvider.EIDAS;
        }
        return defaultProvider;
    }
}
