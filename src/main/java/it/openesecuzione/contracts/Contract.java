package it.openesecuzione.contracts;

import java.time.Instant;

/** A registered contract: its terms, the authority it belongs to, its state and version. */
public record Contract(long id, long authorityId, String region, ContractTerms terms, StatoContratto stato,
        int version, Instant createdAt, Instant updatedAt) {
}
