package it.openesecuzione.identity;

/** Implemented by every principal the platform authenticates (form, Basic, API token, OIDC). */
public interface AuthenticatedUser {

    PlatformUser platformUser();
}
