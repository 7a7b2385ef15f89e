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
 * @param rollbackReason ANAC's motivoAnnullamentoComunicazione of a requested annulment
 * @param rollbackSent   whether rollback-scheda reached PCP (then its outcome is polled)
 * @param modified       corrected after PCP created it: modifica-scheda replaces it before it is confirmed
 */
public record Transmission(long id, long contractId, long authorityId, int seq, String code, TransmissionState state,
        UUID idAppalto, UUID idScheda, UUID idContratto, int attempts, Instant nextAttemptAt, Instant createStartedAt,
        String lastError, List<PcpError> errori, Instant createdAt, Instant updatedAt, Instant confirmedAt, String rollbackReason,
        boolean rollbackSent, boolean modified) {

    public Transmission {
        errori = List.copyOf(errori);
    }

    /** A delivery that was never annulled. */
    public Transmission(long id, long contractId, long authorityId, int seq, String code, TransmissionState state, UUID idAppalto,
            UUID idScheda, UUID idContratto, int attempts, Instant nextAttemptAt, Instant createStartedAt, String lastError,
            List<PcpError> errori, Instant createdAt, Instant updatedAt, Instant confirmedAt) {
        this(id, contractId, authorityId, seq, code, state, idAppalto, idScheda, idContratto, attempts, nextAttemptAt, createStartedAt,
                lastError, errori, createdAt, updatedAt, confirmedAt, null, false, false);
    }
}
