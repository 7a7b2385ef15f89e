package it.openesecuzione.audit;

import java.util.Map;

/**
 * Implemented by every domain event that changes data. The audit module appends one entry per
 * such event, synchronously, in the transaction that published it: owning this interface lets
 * audit stay upstream of the modules it records.
 */
public interface AuditableEvent {

    /** The stazione appaltante whose data changed; null for platform-wide changes. */
    Long authorityId();

    /** The contract concerned, if any. */
    Long contractId();

    /** A stable action code, e.g. {@code CONTRATTO_REGISTRATO}. */
    String auditAction();

    /** What changed: field → value, or field → {prima, dopo}. Values are rendered as text. */
    Map<String, Object> auditSummary();
}
