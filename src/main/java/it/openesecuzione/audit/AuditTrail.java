package it.openesecuzione.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends audit entries and verifies the chains. Each stazione appaltante has its own chain
 * (chain 0 holds platform-wide changes); entry n's hash is SHA-256 over entry n-1's hash and the
 * canonical form of entry n, so altering, removing or reordering any entry breaks the chain.
 */
@Service
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditContext context;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, AuditContext context, Clock clock) {
        this.jdbc = jdbc;
        this.json = JsonMapper.builder().build();
        this.context = context;
        this.clock = clock;
    }

    /**
     * Records a change, in the transaction that made it, just before it commits. The chain's head is
     * then the last lock the transaction takes, held only while it commits: taken earlier, it was held
     * while the transaction went on to lock other rows, and a transaction that had locked one of
     * those rows first and appended next deadlocked with it (recording an event, which updates the
     * contract's state, against the delivery storing the contract's idContratto; seen in
     * bench/transmission-faults.sh). The actor, region and summary are taken now, as the change is
     * made. A transaction's entries go chain by chain in chain order (so that two transactions
     * appending to the same chains take their heads in the same order), each chain's in the order
     * of the events; an event published while they are being written is written at once.
     */
    @EventListener
    public void on(AuditableEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("Un evento da registrare nel registro delle operazioni ("
                    + event.auditAction() + ") fuori da una transazione");
        }
        Long authorityId = event.authorityId();
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) CanonicalForm.textual(
                event.auditSummary() == null ? Map.of() : event.auditSummary());
        Pending entry = new Pending(authorityId, event.contractId(), event.auditAction(), summary,
                context.currentActor(authorityId), authorityId == null ? null : context.regionOf(authorityId));
        PendingEntries pending = (PendingEntries) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new PendingEntries();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.add(entry);
    }

    /** An entry waiting for its transaction's commit, with who made the change and where. */
    private record Pending(Long authorityId, Long contractId, String action, Map<String, Object> summary, AuditActor actor,
            String region) {

        long chainId() {
            return authorityId == null ? 0L : authorityId;
        }
    }

    /** The entries of one transaction, written just before it commits. */
    private final class PendingEntries implements TransactionSynchronization {

        private final List<Pending> entries = new java.util.ArrayList<>();
        private boolean writing;
        private boolean completed;

        void add(Pending entry) {
            if (completed) {
                throw new IllegalTransactionStateException("Evento da registrare (" + entry.action()
                        + ") pubblicato dopo la conclusione della transazione");
            }
            if (writing) {
                write(entry.authorityId(), entry.contractId(), entry.action(), entry.summary(), entry.actor(), entry.region());
            } else {
                entries.add(entry);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            writing = true;
            List<Pending> ordered = new java.util.ArrayList<>(entries);
            ordered.sort(java.util.Comparator.comparingLong(Pending::chainId));
            for (Pending entry : ordered) {
                write(entry.authorityId(), entry.contractId(), entry.action(), entry.summary(), entry.actor(), entry.region());
            }
        }

        @Override
        public void afterCommit() {
            completed = true;
        }

        @Override
        public void afterCompletion(int status) {
            completed = true;
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry append(Long authorityId, Long contractId, String action, Map<String, Object> summary) {
        @SuppressWarnings("unchecked")
        Map<String, Object> textSummary = (Map<String, Object>) CanonicalForm.textual(summary == null ? Map.of() : summary);
        return write(authorityId, contractId, action, textSummary, context.currentActor(authorityId),
                authorityId == null ? null : context.regionOf(authorityId));
    }

    private AuditEntry write(Long authorityId, Long contractId, String action, Map<String, Object> textSummary, AuditActor actor,
            String region) {
        long chainId = authorityId == null ? 0L : authorityId;
        String actorRole = actor.role();

        // The row lock on the chain head serialises appends to one chain across all nodes. The head is
        // created by the chain's first append only: an insert at every append cost a statement and waited
        // for the transaction holding the head (bench/transmission-outbox.sh).
        // The head is held from here to the commit: two statements only, the lock with the entry's id and
        // the entry with the new head, so that other appends to the chain wait as little as possible.
        Optional<Head> locked = lockHead(chainId);
        if (locked.isEmpty()) {
            jdbc.sql("insert into audit_chain (chain_id, last_seq, last_hash) values (?, 0, ?) on conflict do nothing")
                    .params(chainId, GENESIS).update();
            locked = lockHead(chainId);
        }
        Head head = locked.orElseThrow();

        AuditEntry unsigned = new AuditEntry(0, chainId, head.lastSeq() + 1,
                clock.instant().truncatedTo(ChronoUnit.MICROS), actor.codiceFiscale(), actor.name(), actorRole, authorityId, region, contractId,
                action, textSummary, head.lastHash(), null);
        String hash = hash(unsigned);
        // No RETURNING: it would have to pass the read policy too, and the platform chain is
        // appended to from scopes that may not read it; the id comes with the lock.
        long id = head.nextId();
        jdbc.sql("""
                with entry as (
                    insert into audit_entry (id, chain_id, chain_seq, occurred_at, actor_cf, actor_name, actor_role, authority_id,
                                             region, contract_id, action, summary, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?))
                update audit_chain set last_seq = ?, last_hash = ? where chain_id = ?""")
                .params(id, chainId, unsigned.chainSeq(), Timestamp.from(unsigned.occurredAt()), unsigned.actorCodiceFiscale(),
                        unsigned.actorName(), actorRole, authorityId, region, contractId, action,
                        json.writeValueAsString(textSummary), unsigned.prevHash(), hash, unsigned.chainSeq(), hash, chainId)
                .update();
        return new AuditEntry(id, chainId, unsigned.chainSeq(), unsigned.occurredAt(), unsigned.actorCodiceFiscale(),
                unsigned.actorName(), actorRole, authorityId, region, contractId, action, textSummary, unsigned.prevHash(), hash);
    }

    /** A chain's head, locked, with the id of the entry about to be appended. */
    private record Head(long lastSeq, String lastHash, long nextId) {
    }

    private Optional<Head> lockHead(long chainId) {
        return jdbc.sql("select last_seq, last_hash, nextval('oe_seq') from audit_chain where chain_id = ? for update")
                .param(chainId).query((row, n) -> new Head(row.getLong(1), row.getString(2), row.getLong(3))).optional();
    }

    /** The history of a contract, oldest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> forContract(long contractId) {
        return jdbc.sql("select * from audit_entry where contract_id = ? order by chain_seq").param(contractId)
                .query(this::entry).list();
    }

    /** The most recent entries of a chain, newest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> latest(long chainId, int limit) {
        return jdbc.sql("select * from audit_entry where chain_id = ? order by chain_seq desc limit ?")
                .params(chainId, limit).query(this::entry).list();
    }

    /** Verifies every chain visible to the current user. */
    @Transactional(readOnly = true)
    public List<ChainVerification> verifyAll() {
        return jdbc.sql("select distinct chain_id from audit_entry order by chain_id").query(Long.class).list().stream()
                .map(this::verify).toList();
    }

    @Transactional(readOnly = true)
    public ChainVerification verify(long chainId) {
        String previous = GENESIS;
        long expectedSeq = 1;
        List<AuditEntry> entries = jdbc.sql("select * from audit_entry where chain_id = ? order by chain_seq")
                .param(chainId).query(this::entry).list();
        for (AuditEntry entry : entries) {
            if (entry.chainSeq() != expectedSeq) {
                return new ChainVerification(chainId, entries.size(), false, expectedSeq,
                        "manca la voce n. " + expectedSeq + " (trovata la n. " + entry.chainSeq() + ")");
            }
            if (!entry.prevHash().equals(previous)) {
                return new ChainVerification(chainId, entries.size(), false, entry.chainSeq(),
                        "la voce n. " + entry.chainSeq() + " non segue la precedente (hash precedente diverso)");
            }
            if (!hash(entry).equals(entry.hash())) {
                return new ChainVerification(chainId, entries.size(), false, entry.chainSeq(),
                        "la voce n. " + entry.chainSeq() + " è stata alterata (hash non corrispondente)");
            }
            previous = entry.hash();
            expectedSeq++;
        }
        Optional<Map.Entry<Long, String>> head = jdbc.sql("select last_seq, last_hash from audit_chain where chain_id = ?")
                .param(chainId).query((row, n) -> Map.entry(row.getLong(1), row.getString(2))).optional();
        if (head.isPresent() && (head.get().getKey() != expectedSeq - 1 || !head.get().getValue().equals(previous))) {
            return new ChainVerification(chainId, entries.size(), false, expectedSeq,
                    "mancano voci in coda: il registro ne dichiara " + head.get().getKey() + ", ne risultano " + (expectedSeq - 1));
        }
        return new ChainVerification(chainId, entries.size(), true, null, null);
    }

    static String hash(AuditEntry entry) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("chainId", String.valueOf(entry.chainId()));
        canonical.put("chainSeq", String.valueOf(entry.chainSeq()));
        canonical.put("occurredAt", entry.occurredAt().toString());
        canonical.put("actorCf", entry.actorCodiceFiscale());
        canonical.put("actorName", entry.actorName());
        canonical.put("actorRole", entry.actorRole());
        canonical.put("authorityId", entry.authorityId() == null ? null : entry.authorityId().toString());
        canonical.put("region", entry.region());
        canonical.put("contractId", entry.contractId() == null ? null : entry.contractId().toString());
        canonical.put("action", entry.action());
        canonical.put("summary", entry.summary());
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(entry.prevHash().getBytes(StandardCharsets.US_ASCII));
            digest.update(CanonicalForm.of(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private AuditEntry entry(ResultSet row, int rowNum) throws SQLException {
        Long authorityId = row.getObject("authority_id") == null ? null : row.getLong("authority_id");
        Long contractId = row.getObject("contract_id") == null ? null : row.getLong("contract_id");
        Instant occurredAt = row.getTimestamp("occurred_at").toInstant();
        return new AuditEntry(row.getLong("id"), row.getLong("chain_id"), row.getLong("chain_seq"), occurredAt,
                row.getString("actor_cf"), row.getString("actor_name"), row.getString("actor_role"), authorityId,
                row.getString("region"), contractId, row.getString("action"),
                json.readValue(row.getString("summary"), Map.class), row.getString("prev_hash"), row.getString("hash"));
    }
}
