package it.openesecuzione.audit;

import java.time.Instant;
import java.util.Map;

/** One recorded change, as stored. */
public record AuditEntry(long id, long chainId, long chainSeq, Instant occurredAt, String actorCodiceFiscale,
        String actorName, String actorRole, Long authorityId, String region, Long contractId, String action,
        Map<String, Object> summary, String prevHash, String hash) {
}
