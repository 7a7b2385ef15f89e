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

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(SchedaRecorded recorded) {
        transmissions.enqueue(recorded.contractId(), recorded.authorityId(), recorded.seq(), recorded.code().name(), clock.instant());
    }
}
