package it.openesecuzione.execution;

import it.openesecuzione.audit.AuditableEvent;
import it.openesecuzione.contracts.ContractStateChange;
import it.openesecuzione.contracts.StatoContratto;
import java.util.Map;

/** An execution event was recorded and its scheda built; it may move the contract to a new state. */
public record SchedaRecorded(Long contractId, Long authorityId, SchedaCode code, int seq, StatoContratto newState,
        Map<String, Object> auditSummary) implements AuditableEvent, ContractStateChange {

    @Override
    public String auditAction() {
        return "EVENTO_" + code.name();
    }
}
