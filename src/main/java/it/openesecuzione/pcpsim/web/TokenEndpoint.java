package it.openesecuzione.pcpsim.web;

import it.openesecuzione.pcpsim.internal.Vouchers;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulator's PDND-like token endpoint, {@code POST <base>/token} (form
 * {@code grant_type=client_credentials}, {@code client_assertion_type}, {@code client_assertion},
 * {@code client_id}), answering {@code {"access_token", "token_type": "Bearer", "expires_in"}} or an
 * OAuth 2 error.
 */
@RestController
@ConditionalOnBooleanProperty(name = "openesecuzione.pcp-sim.enabled", matchIfMissing = true)
class TokenEndpoint {

    private final Vouchers vouchers;

    TokenEndpoint(Vouchers vouchers) {
        this.vouchers = vouchers;
    }

    @PostMapping(path = "${openesecuzione.pcp-sim.base-path:/pcp-sim}/token",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam MultiValueMap<String, String> form) {
        try {
            Vouchers.Issued issued = vouchers.issue(form.toSingleValueMap());
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(Map.of("access_token", issued.accessToken(), "token_type", "Bearer",
                            "expires_in", issued.expiresIn()));
        } catch (Vouchers.TokenRefused refused) {
            return ResponseEntity.status(refused.status()).cacheControl(CacheControl.noStore())
                    .body(Map.of("error", refused.error(), "error_description", refused.getMessage()));
        }
    }
}
