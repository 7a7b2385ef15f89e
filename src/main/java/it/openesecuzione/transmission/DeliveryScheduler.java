package it.openesecuzione.transmission;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the delivery in the background on every node: rows are claimed as the workers free up
 * ({@link TransmissionDelivery#deliverAvailable()}); when nothing is due, again after the interval.
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
        delivery.deliverAvailable();
    }
}
