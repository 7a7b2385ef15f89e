package it.openesecuzione.contracts;

import java.time.Instant;
import java.util.Optional;

/** Persistence port of the contract aggregate. */
public interface Contracts {

    long insert(long authorityId, String region, ContractTerms terms, Instant now);

    /** Saves new terms if the stored version is still {@code expectedVersion}; false if it moved on. */
    boolean update(long id, int expectedVersion, ContractTerms terms, Instant now);

    Optional<Contract> find(long id);

    /** Stores ANAC's idContratto; the version moves on, as for a state change. */
    void assignIdContratto(long id, java.util.UUID idContratto, Instant now);

    /** Sets the state; the version moves on, so a form opened before the change must be reloaded. */
    void changeState(long id, StatoContratto state, Instant now);

    /**
     * Searches the contracts of one authority, or (authorityId null) of one region, or (both
     * null) all those visible in the transaction's scope.
     */
    ContractPage search(ContractQuery query, Long authorityId, String region);

    /** The contract of an authority that already holds the CIG, if any. */
    Optional<Long> findByCig(long authorityId, String cig);
}
