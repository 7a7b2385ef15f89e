package it.openesecuzione.transmission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistence port of the outbox. Every change of a claimed row names its lease owner: a node
 * whose lease expired (it stalled, or died and came back) changes nothing.
 */
public interface Transmissions {

    void enqueue(long contractId, long authorityId, int seq, String code, Instant now);

    /**
     * Leases up to {@code limit} due rows to {@code owner}: for each contract only the first scheda
     * not yet confirmed, so that a scheda never overtakes its predecessor.
     */
    List<Transmission> claim(String owner, int limit, Duration lease, Instant now);

    Optional<Transmission> find(long id);

    List<Transmission> forContract(long contractId);

    boolean createStarting(long id, String owner, UUID idAppalto, Instant now);

    /**
     * PCP refused crea-scheda (429, 400), so that call created nothing: the start goes back to
     * {@code previousStart}, an earlier call whose outcome is still unknown, or null when there is none
     * and the next attempt need not look for the scheda on PCP.
     */
    boolean createRefused(long id, String owner, Instant previousStart, Instant now);

    boolean created(long id, String owner, UUID idScheda, Map<String, Object> payload, Instant now);

    boolean confirmRequested(long id, String owner, Instant pollAt, Instant now);

    boolean confirmed(long id, String owner, UUID idContratto, Instant now);

    boolean rejected(long id, String owner, List<PcpError> errori, String message, Instant now);

    /** Extends this owner's lease of the row to {@code until}; false if the row is no longer the owner's. */
    boolean renewLease(long id, String owner, Instant until);

    /** Tries again at {@code at}; {@code failed} counts an attempt (not for a poll still waiting). */
    boolean reschedule(long id, String owner, Instant at, String lastError, boolean failed, Instant now);

    /** A rejected scheda goes back in the queue, where it was (created or not). */
    boolean resend(long id, Instant now);

    /** A confirmed scheda goes back to PCP to be annulled, with ANAC's reason code. */
    boolean rollbackRequested(long id, String reason, Instant now);

    boolean rollbackSent(long id, String owner, Instant pollAt, Instant now);

    /** The outcome of the annulment: ANNULLATA, or back to CONFERMATA with PCP's errors. */
    boolean rollbackDone(long id, String owner, boolean annulled, List<PcpError> errori, String message, Instant now);

    /**
     * The scheda was corrected: back in the queue if PCP does not hold it, to replace there
     * (modifica-scheda) if it does. False when PCP confirmed it or is confirming it.
     */
    boolean corrected(long contractId, int seq, Instant now);

    /** modifica-scheda replaced the scheda on PCP. */
    boolean modificationSent(long id, String owner, Map<String, Object> payload, Instant now);

    /** PCP ids of schede other rows already hold: a scheda found on PCP that none holds is an orphan. */
    boolean isKnown(UUID idScheda);

    /** Rows per authority and state, for the status page. */
    List<QueueCount> counts();

    /** Rejected rows (they need the RUP) first, then rows retrying after an error; newest first within each. */
    List<Transmission> latestProblems(int limit);

    /** How many rows of one authority and state. */
    record QueueCount(long authorityId, TransmissionState state, long count, Instant oldest) {
    }
}
