package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.AuthenticatedUser;
import it.openesecuzione.identity.PlatformUser;
import java.time.Instant;
import java.util.Collection;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A local account as Spring Security sees it during form and Basic login. */
final class LocalAccount implements UserDetails, CredentialsContainer, AuthenticatedUser {

    private final PlatformUser user;
    private String passwordHash;
    private final boolean enabled;
    private final Instant lockedUntil;
    private final Instant now;

    LocalAccount(PlatformUser user, String passwordHash, boolean enabled, Instant lockedUntil, Instant now) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
        this.lockedUntil = lockedUntil;
        this.now = now;
    }

    @Override
    public PlatformUser platformUser() {
        return user;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return Authorities.of(user);
    }

    @Override
    public String getPassword() {
        // An account without a local password (OIDC only) can never match a submitted password.
        return passwordHash == null ? "{noop}" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID() : passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || !lockedUntil.isAfter(now);
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "LocalAccount[" + user.username() + "]";
    }
}
