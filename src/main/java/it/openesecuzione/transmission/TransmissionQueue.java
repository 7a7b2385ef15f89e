package it.openesecuzione.transmission;

import it.openesecuzione.execution.SchedaRecorded;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts every recorded scheda in the outbox, in the transaction that records its event: an event
 * is never recorded without its delivery, nor delivered without being recorded.
 */
@Component
class TransmissionQueue {

    private final Transmissions transmissions;
    private final Clock clock;

    TransmissionQueue(Transmissions transmissions, Clock clock) {
        this.transmissions = transmissions;
        this.clock = clock;
    }

    /** A corrected scheda goes (back) to PCP; once PCP confirmed it, the correction is refused. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(it.openesecuzione.execution.SchedaCorrected corrected) {
        if (!transmissions.corrected(corrected.contractId(), corrected.seq(), clock.instant())) {
            throw new it.openesecuzione.shared.ConflictException("La scheda dell'evento n. " + corrected.seq()
                    + " è già confermata da PCP o in conferma: non si corregge (per CO1 e CO2 si può chiederne l'annullamento)");
        }
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(SchedaRecorded recorded) {
        transmissions.enqueue(recorded.contractId(), recorded.authorityId(), recorded.seq(), recorded.code().name(), clock.instant());
    }
}
