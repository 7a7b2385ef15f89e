package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.AuthenticatedUser;
import it.openesecuzione.identity.IdentityAssurance;
import it.openesecuzione.identity.PlatformUser;
import java.io.Serializable;

/** The principal of an API call authenticated by a bearer token (personal token or OIDC access token). */
record TokenUser(PlatformUser platformUser, String via, IdentityAssurance assurance) implements AuthenticatedUser, Serializable {

    @Override
    public String toString() {
        return platformUser.username() + " (" + via + ")";
    }
}
