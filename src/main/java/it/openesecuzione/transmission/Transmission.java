package it.openesecuzione.transmission;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The delivery of one scheda to PCP.
 *
 * @param errori ANAC's codes and texts of the last rejection (empty otherwise)
 * @param lastError the last problem met on the way (network, throttling, a missing idAppalto), for
 *                  the queue's status page; not a rejection
 */
public record Transmission(long id, long contractId, long authorityId, int seq, String code, TransmissionState state,
        UUID idAppalto, UUID idScheda, UUID idContratto, int attempts, Instant nextAttemptAt, Instant createStartedAt,
        String lastError, List<PcpError> errori, Instant createdAt, Instant updatedAt, Instant confirmedAt) {

    public Transmission {
        errori = List.copyOf(errori);
    }
}
