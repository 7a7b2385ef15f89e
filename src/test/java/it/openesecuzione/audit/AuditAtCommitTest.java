package it.openesecuzione.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An audited event is appended to its chain just before its transaction commits: the chain's head
 * is the last lock a transaction takes, so two transactions that lock the same row and append to
 * the same chain cannot deadlock whatever order they do it in.
 */
@IntegrationTest
class AuditAtCommitTest {

    record Changed(Long authorityId, Long contractId, String auditAction, Map<String, Object> auditSummary)
            implements AuditableEvent {
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDirectory directory;

    private long contract() {
        Map<String, Object> body = Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                "Verifica del registro " + System.nanoTime());
        return Http.json(Http.basic(port, "genova.rup").postJson("/api/v1/contracts", body)).get("id").asLong();
    }

    private long authorityOf(long contract) {
        return SystemScope.call(() -> transactions.execute(status -> jdbc.sql("select authority_id from contract where id = ?")
                .param(contract).query(Long.class).single()));
    }

    private List<String> actions(long contract, String prefix) {
        return SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action)
                .filter(action -> action.startsWith(prefix)).toList();
    }

    @Test
    void entriesAreWrittenAtCommitInTheirOrderAndNotAtAllOnRollback() {
        long contract = contract();
        long authority = authorityOf(contract);

        SystemScope.run(() -> transactions.executeWithoutResult(status -> {
            publisher.publishEvent(new Changed(authority, contract, "PROVA_UNO", Map.of("n", 1)));
            publisher.publishEvent(new Changed(authority, contract, "PROVA_DUE", Map.of("n", 2)));
            // Not yet: the entries wait for the commit.
            assertThat(jdbc.sql("select count(*) from audit_entry where contract_id = ? and action like 'PROVA_%'")
                    .param(contract).query(Long.class).single()).isZero();
        }));
        assertThat(actions(contract, "PROVA_")).containsExactly("PROVA_UNO", "PROVA_DUE");

        SystemScope.run(() -> transactions.executeWithoutResult(status -> {
            publisher.publishEvent(new Changed(authority, contract, "PROVA_ANNULLATA", Map.of()));
            status.setRollbackOnly();
        }));
        assertThat(actions(contract, "PROVA_")).containsExactly("PROVA_UNO", "PROVA_DUE");
    }

    /** The entry names who made the change, even if the login changes before the transaction commits (DemoExecution). */
    @Test
    void theEntryNamesWhoWasLoggedInWhenTheChangeWasMade() {
        long contract = contract();
        long authority = authorityOf(contract);
        it.openesecuzione.identity.PlatformUser rup = directory.findByUsername("genova.rup").orElseThrow();
        it.openesecuzione.identity.AuthenticatedUser principal = () -> rup;

        SystemScope.run(() -> transactions.executeWithoutResult(status -> {
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                    org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(principal, null,
                            List.of()));
            try {
                publisher.publishEvent(new Changed(authority, contract, "PROVA_AUTORE", Map.of()));
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.clearContext();
            }
        }));

        AuditEntry entry = SystemScope.call(() -> audit.forContract(contract)).stream()
                .filter(e -> e.action().equals("PROVA_AUTORE")).findFirst().orElseThrow();
        assertThat(entry.actorCodiceFiscale()).isEqualTo(rup.codiceFiscale());
    }

    /** Two transactions appending to the same two chains in opposite orders take the heads in one order: no deadlock. */
    @Test
    void entriesForSeveralChainsAreWrittenInChainOrder() throws Exception {
        long first = contract();
        long authority = authorityOf(first);
        CountDownLatch bothPublished = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> one = threads.submit(() -> SystemScope.run(() -> transactions.executeWithoutResult(status -> {
                publisher.publishEvent(new Changed(authority, first, "PROVA_ORDINE_1", Map.of()));
                publisher.publishEvent(new Changed(null, null, "PROVA_ORDINE_PIATTAFORMA_1", Map.of()));
                bothPublished.countDown();
                await(bothPublished);
            })));
            Future<?> two = threads.submit(() -> SystemScope.run(() -> transactions.executeWithoutResult(status -> {
                publisher.publishEvent(new Changed(null, null, "PROVA_ORDINE_PIATTAFORMA_2", Map.of()));
                publisher.publishEvent(new Changed(authority, first, "PROVA_ORDINE_2", Map.of()));
                bothPublished.countDown();
                await(bothPublished);
            })));
            one.get(30, TimeUnit.SECONDS);
            two.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(actions(first, "PROVA_ORDINE")).containsExactlyInAnyOrder("PROVA_ORDINE_1", "PROVA_ORDINE_2");
    }

    @Test
    void anEventOutsideATransactionIsRefusedRatherThanLost() {
        assertThatThrownBy(() -> publisher.publishEvent(new Changed(null, null, "PROVA_FUORI", Map.of())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    /**
     * The deadlock bench/transmission-faults.sh met: one transaction appends, then updates the contract
     * (recording an event); another has updated the contract and then appends (the delivery storing PCP's
     * idContratto). With the append at commit both end, one after the other.
     */
    @Test
    void appendingAndLockingTheSameRowInEitherOrderDoesNotDeadlock() throws Exception {
        long contract = contract();
        long authority = authorityOf(contract);
        CountDownLatch contractLocked = new CountDownLatch(1);
        CountDownLatch eventPublished = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> delivery = threads.submit(() -> SystemScope.run(() -> transactions.executeWithoutResult(status -> {
                jdbc.sql("update contract set updated_at = updated_at where id = ?").param(contract).update();
                contractLocked.countDown();
                await(eventPublished);
                publisher.publishEvent(new Changed(authority, contract, "PROVA_CONSEGNA", Map.of()));
            })));
            Future<?> recording = threads.submit(() -> SystemScope.run(() -> transactions.executeWithoutResult(status -> {
                publisher.publishEvent(new Changed(authority, contract, "PROVA_REGISTRAZIONE", Map.of()));
                await(contractLocked);
                eventPublished.countDown();
                jdbc.sql("update contract set updated_at = updated_at where id = ?").param(contract).update();
            })));

            delivery.get(30, TimeUnit.SECONDS);
            recording.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(actions(contract, "PROVA_")).containsExactly("PROVA_CONSEGNA", "PROVA_REGISTRAZIONE");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
