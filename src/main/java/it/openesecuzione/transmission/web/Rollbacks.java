package it.openesecuzione.transmission.web;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import it.openesecuzione.transmission.Transmission;
import it.openesecuzione.transmission.TransmissionDelivery;
import it.openesecuzione.transmission.TransmissionStatus;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Asks ANAC to annul a confirmed CO1 or CO2 from the execution page, with the checks of
 * RollbackApi: the user must be one who may record the contract's events, and the scheda the last
 * event still counting.
 */
@Component
class Rollbacks {

    private final TransmissionStatus status;
    private final TransmissionDelivery delivery;
    private final ContractRegistry contracts;
    private final ExecutionLog executions;

    Rollbacks(TransmissionStatus status, TransmissionDelivery delivery, ContractRegistry contracts, ExecutionLog executions) {
        this.status = status;
        this.delivery = delivery;
        this.contracts = contracts;
        this.executions = executions;
    }

    /**
     * The delivery of contract {@code contractId}, once the user is known to be allowed to annul it.
     *
     * @throws NotFoundException     no such delivery for the contract, or the contract is outside the user's scope
     * @throws NotPermittedException the user's role does not allow recording the contract's events
     */
    Transmission permitted(long contractId, long transmissionId) {
        Transmission transmission = status.find(transmissionId).orElseThrow(() -> new NotFoundException("Invio non trovato"));
        Contract contract = contracts.find(transmission.contractId());
        if (!executions.canRecord(contract)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di annullare le schede di questo contratto");
        }
        if (transmission.contractId() != contractId) {
            throw new NotFoundException("Invio non trovato per questo contratto");
        }
        return transmission;
    }

    /**
     * rollback-scheda requested: PCP is asked on the next delivery round.
     *
     * @throws InvalidInputException not a CO1 or CO2, or not one of ANAC's reasons
     * @throws ConflictException     not confirmed, or not the last event still counting
     */
    void request(Transmission transmission, String reason) {
        List<Integer> later = executions.history(transmission.contractId()).stream()
                .filter(event -> !event.annulled() && event.seq() > transmission.seq()).map(RecordedScheda::seq).toList();
        delivery.requestRollback(transmission.id(), reason, later);
    }
}
