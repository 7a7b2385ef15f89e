package it.openesecuzione.identity.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the codice fiscale from OIDC claims. SPID and CIE gateways publish it as
 * {@code fiscalNumber} with the ETSI prefix {@code TINIT-}; the claim name is configurable.
 */
record FiscalCodeClaim(String name) {

    Optional<String> read(Map<String, Object> claims) {
        Object value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        String code = value.toString().trim().toUpperCase(Locale.ROOT);
        if (code.startsWith("TINIT-")) {
            code = code.substring("TINIT-".length());
        }
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }
}
