package it.openesecuzione.transmission.web;

import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import it.openesecuzione.transmission.Transmission;
import it.openesecuzione.transmission.TransmissionDelivery;
import it.openesecuzione.transmission.TransmissionStatus;
import org.springframework.stereotype.Component;

/**
 * Puts a scheda PCP rejected back in the queue, for the API and the execution page alike: the
 * user must be one who may record the contract's events.
 */
@Component
class Resends {

    private final TransmissionStatus status;
    private final TransmissionDelivery delivery;
    private final ContractRegistry contracts;
    private final ExecutionLog executions;

    Resends(TransmissionStatus status, TransmissionDelivery delivery, ContractRegistry contracts, ExecutionLog executions) {
        this.status = status;
        this.delivery = delivery;
        this.contracts = contracts;
        this.executions = executions;
    }

    /**
     * The delivery, once the user is known to be allowed to resend it.
     *
     * @throws NotFoundException     no such delivery, or the contract is outside the user's scope
     * @throws NotPermittedException the user's role does not allow recording the contract's events
     */
    Transmission permitted(long transmissionId) {
        Transmission transmission = status.find(transmissionId).orElseThrow(() -> new NotFoundException("Invio non trovato"));
        if (!executions.canRecord(contracts.find(transmission.contractId()))) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di inviare le schede di questo contratto");
        }
        return transmission;
    }

    /**
     * Back in the queue: from crea-scheda, or from the confirmation if PCP had created it.
     *
     * @return the delivery as it is now
     * @throws ConflictException the scheda is not (or no longer) rejected
     */
    Transmission resend(Transmission transmission) {
        if (!delivery.resend(transmission.id())) {
            throw new ConflictException("Si può rinviare solo una scheda rifiutata da PCP");
        }
        return status.find(transmission.id()).orElseThrow();
    }
}
