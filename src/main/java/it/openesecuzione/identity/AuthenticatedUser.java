package it.openesecuzione.identity;

/** Implemented by every principal the platform authenticates (form, Basic, API token, OIDC). */
public interface AuthenticatedUser {

    PlatformUser platformUser();

    /** How this login proved the user's identity: a platform credential unless an identity provider vouched for it. */
    default IdentityAssurance assurance() {
        return IdentityAssurance.PLATFORM_ACCOUNT;
    }
}
