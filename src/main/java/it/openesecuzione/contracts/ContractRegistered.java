package it.openesecuzione.contracts;

import it.openesecuzione.audit.AuditableEvent;
import java.util.Map;

/** A contract entered the registry. */
public record ContractRegistered(Long contractId, Long authorityId, Map<String, Object> auditSummary)
        implements AuditableEvent {

    @Override
    public String auditAction() {
        return "CONTRATTO_REGISTRATO";
    }
}
