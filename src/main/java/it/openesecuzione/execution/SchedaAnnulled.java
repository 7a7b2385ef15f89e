package it.openesecuzione.execution;

import it.openesecuzione.audit.AuditableEvent;
import it.openesecuzione.contracts.ContractStateChange;
import it.openesecuzione.contracts.StatoContratto;
import java.util.LinkedHashMap;
import java.util.Map;

/** ANAC annulled the scheda of an event; the contract returns to the state the other events give it. */
public record SchedaAnnulled(Long contractId, Long authorityId, SchedaCode code, int seq, StatoContratto newState,
        String motivazione) implements AuditableEvent, ContractStateChange {

    @Override
    public String auditAction() {
        return "EVENTO_ANNULLATO";
    }

    @Override
    public Map<String, Object> auditSummary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scheda", code.name());
        summary.put("evento", seq);
        summary.put("motivazione", motivazione);
        summary.put("statoContratto", newState.name());
        return summary;
    }
}
