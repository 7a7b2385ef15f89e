package it.openesecuzione.platform;

/**
 * Supplies the scope of the current transaction. Implemented by the identity module from the
 * authenticated user; the platform owns the interface so that it never depends on identity.
 */
public interface DatabaseScopeProvider {

    DatabaseScope currentScope();
}
