package it.openesecuzione.transmission;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the delivery in the background on every node, round after round; a round that found work
 * is followed at once by the next.
 */
@Component
@ConditionalOnProperty(name = "openesecuzione.pcp.delivery.enabled", havingValue = "true", matchIfMissing = true)
class DeliveryScheduler {

    private final TransmissionDelivery delivery;

    DeliveryScheduler(TransmissionDelivery delivery) {
        this.delivery = delivery;
    }

    @Scheduled(fixedDelayString = "${openesecuzione.pcp.delivery.interval:250ms}", initialDelayString = "5s")
    void deliver() {
        int served;
        do {
            served = delivery.deliverDue();
        } while (served > 0 && !Thread.currentThread().isInterrupted());
    }
}
