package it.openesecuzione.transmission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox is delivered ({@code openesecuzione.pcp.delivery.*}).
 *
 * @param enabled      whether this node delivers in the background (tests drive it by hand)
 * @param interval     pause between two rounds of a node
 * @param batchSize    rows a node leases per round (one per contract at most)
 * @param threads      contracts a node serves in parallel
 * @param lease        how long a leased row stays with its node: longer than one round's calls
 * @param pollDelay    wait before asking PCP for a confirmation's outcome, and between polls
 * @param backoffBase  first wait after a failure, doubled at each further one (with jitter)
 * @param backoffMax   longest wait after failures
 * @param waitForData  wait before trying again a scheda that lacks data the RUP must complete (idAppalto)
 */
@ConfigurationProperties("openesecuzione.pcp.delivery")
public record DeliveryProperties(Boolean enabled, Duration interval, Integer batchSize, Integer threads, Duration lease,
        Duration pollDelay, Duration backoffBase, Duration backoffMax, Duration waitForData) {

    public DeliveryProperties {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofMillis(250) : interval;
        batchSize = batchSize == null ? 50 : batchSize;
        threads = threads == null ? 8 : threads;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        pollDelay = pollDelay == null ? Duration.ofMillis(500) : pollDelay;
        backoffBase = backoffBase == null ? Duration.ofSeconds(1) : backoffBase;
        backoffMax = backoffMax == null ? Duration.ofMinutes(5) : backoffMax;
        waitForData = waitForData == null ? Duration.ofMinutes(5) : waitForData;
    }

    /** The wait after {@code failures} failures: base × 2^(failures-1), capped, times a jitter in [0.5, 1.5). */
    public Duration backoff(int failures, double jitter) {
        long base = backoffBase.toMillis();
        long exponential = failures <= 1 ? base : base << Math.min(failures - 1, 20);
        long capped = Math.min(exponential, backoffMax.toMillis());
        return Duration.ofMillis(Math.max(1, (long) (capped * (0.5 + jitter))));
    }
}
