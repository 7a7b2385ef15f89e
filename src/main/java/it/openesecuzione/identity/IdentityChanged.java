package it.openesecuzione.identity;

import it.openesecuzione.audit.AuditableEvent;
import java.util.Map;

/**
 * Something changed in who may do what — an authority or user registered, an authority's seat
 * recorded or corrected, a role granted, an API token created or revoked — or somebody logged in
 * or failed to. Recorded in the audit trail:
 * in the authority's chain when there is one, otherwise in the platform's.
 */
public record IdentityChanged(Long authorityId, String auditAction, Map<String, Object> auditSummary)
        implements AuditableEvent {

    public static final String AUTHORITY_REGISTERED = "STAZIONE_APPALTANTE_REGISTRATA";
    /** The seat of an authority recorded or corrected; the summary holds the new and previous values. */
    public static final String AUTHORITY_UPDATED = "STAZIONE_APPALTANTE_MODIFICATA";
    public static final String USER_REGISTERED = "UTENTE_REGISTRATO";
    public static final String ROLE_GRANTED = "RUOLO_ASSEGNATO";
    public static final String ROLE_REVOKED = "RUOLO_REVOCATO";
    public static final String TOKEN_CREATED = "TOKEN_API_CREATO";
    public static final String TOKEN_REVOKED = "TOKEN_API_REVOCATO";
    public static final String LOGIN = "ACCESSO";
    public static final String LOGIN_FAILED = "ACCESSO_FALLITO";
    public static final String ACCOUNT_LOCKED = "ACCOUNT_BLOCCATO";

    @Override
    public Long contractId() {
        return null;
    }
}
