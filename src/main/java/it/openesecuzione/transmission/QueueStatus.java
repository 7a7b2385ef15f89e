package it.openesecuzione.transmission;

import java.time.Instant;
import java.util.List;

/**
 * The outbox at a glance, per authority: waiting, in flight (created or being confirmed on PCP),
 * confirmed, rejected; and the latest problems. What the user may see only.
 */
public record QueueStatus(List<AuthorityQueue> authorities, List<Problem> problems) {

    public QueueStatus {
        authorities = List.copyOf(authorities);
        problems = List.copyOf(problems);
    }

    public record AuthorityQueue(long authorityId, String authority, long inCoda, long inCorso, long confermate, long rifiutate,
            Instant oldestPending) {
    }

    /** A rejected scheda, or one that met a problem on its way (retried). */
    public record Problem(long transmissionId, long contractId, int seq, String code, String state, String lastError,
            List<PcpError> errori, int attempts, Instant updatedAt) {
    }
}
