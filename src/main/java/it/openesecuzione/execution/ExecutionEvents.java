package it.openesecuzione.execution;

import java.time.Instant;
import java.util.List;

/** Persistence port of the execution events of a contract. */
public interface ExecutionEvents {

    /** Every recorded event of the contract, oldest first. */
    List<RecordedScheda> history(long contractId);

    /** Event number {@code seq} of the contract. */
    java.util.Optional<RecordedScheda> find(long contractId, int seq);

    /**
     * Records the event as number {@code seq}; a concurrent record of the same number fails.
     *
     * @param by   codice fiscale of the user who records it
     * @param with how that user logged in; null when the system records it
     */
    RecordedScheda insert(long contractId, long authorityId, int seq, SchedaDraft draft, Instant at, String by,
            it.openesecuzione.identity.IdentityAssurance with);

    /** Marks the event annulled (ANAC annulled its scheda). */
    void annul(long contractId, int seq, Instant at);

    /**
     * Replaces the scheda of a recorded event with a corrected one.
     *
     * @param by   codice fiscale of the user who corrects it
     * @param with how that user logged in
     */
    RecordedScheda replace(long contractId, int seq, SchedaDraft draft, String by, it.openesecuzione.identity.IdentityAssurance with);
}
