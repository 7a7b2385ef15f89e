package it.openesecuzione.accounting;

import it.openesecuzione.audit.AuditableEvent;
import java.util.Map;

/**
 * Something changed in a contract's accounting: an item, an entry of the book, a SAL, a
 * certificate. Published for the audit trail, in the transaction that made the change.
 *
 * @param auditAction e.g. CONTABILITA_SAL_REGISTRATO
 */
public record AccountingRecorded(Long authorityId, Long contractId, String auditAction, Map<String, Object> auditSummary)
        implements AuditableEvent {
}
