package it.openesecuzione.transmission;

import it.openesecuzione.audit.AuditableEvent;
import java.util.Map;

/** A call to PCP and its answer, without secrets, for the audit trail. */
record TransmissionAudited(Long authorityId, Long contractId, String auditAction, Map<String, Object> auditSummary)
        implements AuditableEvent {
}
