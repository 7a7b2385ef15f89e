package it.openesecuzione.identity;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The platform user of the current request, if authenticated. */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<PlatformUser> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            return Optional.of(user.platformUser());
        }
        return Optional.empty();
    }

    /** How the current user logged in, if authenticated. */
    public static Optional<IdentityAssurance> assurance() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser user) {
            return Optional.of(user.assurance());
        }
        return Optional.empty();
    }

    public static PlatformUser get() {
        return find().orElseThrow(() -> new IllegalStateException("Nessun utente autenticato"));
    }
}
