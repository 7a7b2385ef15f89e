package it.openesecuzione.execution;

import it.openesecuzione.audit.AuditableEvent;
import java.util.Map;

/**
 * The RUP corrected the scheda of a recorded event (after PCP rejected it, or before PCP
 * confirmed it). The transmission replaces it on PCP; once PCP confirmed a scheda it is not
 * corrected any more, and whoever delivers it refuses the correction by throwing, which undoes it.
 */
public record SchedaCorrected(Long contractId, Long authorityId, SchedaCode code, int seq, Map<String, Object> auditSummary)
        implements AuditableEvent {

    @Override
    public String auditAction() {
        return "EVENTO_CORRETTO";
    }
}
