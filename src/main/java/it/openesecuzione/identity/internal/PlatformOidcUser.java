package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.AuthenticatedUser;
import it.openesecuzione.identity.IdentityAssurance;
import it.openesecuzione.identity.PlatformUser;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/** A user logged in through OpenID Connect (SPID/CIE gateway), matched by codice fiscale. */
final class PlatformOidcUser extends DefaultOidcUser implements AuthenticatedUser {

    /** Kept in the database with the session: a change of fields changes this too (SessionConfiguration). */
    private static final long serialVersionUID = 2L;

    private final PlatformUser user;
    private final IdentityAssurance assurance;

    PlatformOidcUser(PlatformUser user, OidcIdToken idToken, OidcUserInfo userInfo, IdentityAssurance assurance) {
        super(Authorities.of(user), idToken, userInfo, "sub");
        this.user = user;
        this.assurance = java.util.Objects.requireNonNull(assurance, "assurance");
    }

    @Override
    public IdentityAssurance assurance() {
        return assurance;
    }

    @Override
    public PlatformUser platformUser() {
        return user;
    }

    @Override
    public String getName() {
        return user.username();
    }
}
