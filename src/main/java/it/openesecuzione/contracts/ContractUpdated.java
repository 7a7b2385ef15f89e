package it.openesecuzione.contracts;

import it.openesecuzione.audit.AuditableEvent;
import java.util.Map;

/** A contract's data changed; the summary holds each changed field as {prima, dopo}. */
public record ContractUpdated(Long contractId, Long authorityId, int version, Map<String, Object> auditSummary)
        implements AuditableEvent {

    @Override
    public String auditAction() {
        return "CONTRATTO_MODIFICATO";
    }
}
