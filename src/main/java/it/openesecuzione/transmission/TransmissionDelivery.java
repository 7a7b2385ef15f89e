package it.openesecuzione.transmission;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.identity.IdentityAssurance;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.SystemScope;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox to PCP: each round leases the due rows (the first pending scheda of each
 * contract) and takes each one step further — crea-scheda, conferma-scheda, then the outcome —
 * storing every answer at once, outside any long transaction. Nothing a round needs is kept in
 * memory between rounds (the one thing kept only spares a poll some reading), so any number of
 * nodes can deliver, and a node that dies mid-call leaves a row that another picks up when the
 * lease expires: a lost crea-scheda answer is found again with ricerca-scheda instead of creating
 * the scheda twice.
 */
@Service
@EnableConfigurationProperties(DeliveryProperties.class)
public class TransmissionDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TransmissionDelivery.class);

    private final Transmissions transmissions;
    private final PcpClient pcp;
    private final ExecutionLog executions;
    private final ContractRegistry contracts;
    private final UserDirectory directory;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final ExecutorService workers;
    /**
     * Places for rows handed to the workers by {@link #deliverAvailable()}: the threads and a batch, so
     * that a claimed batch waits ready while the workers finish the previous one.
     */
    private final java.util.concurrent.Semaphore places;
    /** Rows this node's workers hold or have queued: none is served twice at once. */
    private final java.util.Set<Long> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Set when the application context closes. */
    private volatile boolean stopping;
    /**
     * Who called PCP about a scheda now awaiting its outcome (the PcpCall of its conferma-scheda), by row:
     * its polls use it instead of preparing the row again, which reads the contract, the event, the
     * authority and the RUP (a fifth of the outbox's queries per scheda, bench/transmission-outbox.sh).
     * Only a shortcut: a row this node did not confirm (another node's, or from before a restart) is
     * prepared as before. The oldest entries go beyond {@link #AWAITING_OUTCOME_MAX}.
     */
    private final Map<Long, PcpCall> awaitingOutcome = java.util.Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PcpCall> eldest) {
            return size() > AWAITING_OUTCOME_MAX;
        }
    });
    static final int AWAITING_OUTCOME_MAX = 10_000;
    /** This node in the leases: host and process, unique while it runs. */
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);

    TransmissionDelivery(Transmissions transmissions, PcpClient pcp, ExecutionLog executions, ContractRegistry contracts,
            UserDirectory directory, ApplicationEventPublisher publisher, PlatformTransactionManager transactionManager,
            DeliveryProperties properties, Clock clock) {
        this.transmissions = transmissions;
        this.pcp = pcp;
        this.executions = executions;
        this.contracts = contracts;
        this.directory = directory;
        this.publisher = publisher;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
        this.places = new java.util.concurrent.Semaphore(properties.threads() + properties.batchSize());
        this.workers = Executors.newFixedThreadPool(properties.threads(), runnable -> {
            Thread thread = new Thread(runnable, "pcp-delivery");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One round: leases the due rows and moves each one step (or more) on. Returns how many it served. */
    public int deliverDue() {
        // PCP asked this node to wait: claiming rows now would only have each call refused before
        // it leaves the node, then rescheduled and audited (84,622 such refusals in 9 minutes of
        // bench/transmission-faults.sh before this check).
        if (!pcp.pause().isZero() || stopping) {
            return 0;
        }
        Instant claimedAt = clock.instant();
        List<Transmission> due = system(() -> transmissions.claim(node, properties.batchSize(), properties.lease(), claimedAt));
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(due.size());
        for (Transmission transmission : due) {
            dispatch(transmission, claimedAt, done::countDown);
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return due.size();
    }

    /**
     * Keeps this node's workers busy, as the background delivery does: claims due rows as places free
     * up and hands them to the workers without waiting for them, so that a slow call holds up only its
     * own contract (a round of {@link #deliverDue()} waits for its slowest row). A claim waits, for one
     * interval at most, until half the places are free: a claim costs about the same for one row as for
     * fifty. Returns when a claim finds fewer rows due than places free, PCP asked to wait or the node
     * is stopping; returns the rows dispatched, some perhaps still running.
     */
    public int deliverAvailable() {
        int dispatched = 0;
        int worthwhile = Math.max(1, (properties.threads() + properties.batchSize()) / 2);
        while (!stopping) {
            int free;
            try {
                if (places.tryAcquire(worthwhile, properties.interval().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    free = worthwhile + places.drainPermits();
                } else {
                    places.acquire();
                    free = 1 + places.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return dispatched;
            }
            // Every place taken here goes back below, whatever happens: to a row's worker when it ends,
            // or at once for the places no row took.
            int unused = free;
            try {
                // Checked again after the wait: a 429 may have come meanwhile.
                if (!pcp.pause().isZero() || stopping) {
                    return dispatched;
                }
                int wanted = Math.min(free, properties.batchSize());
                Instant claimedAt = clock.instant();
                List<Transmission> due = system(() -> transmissions.claim(node, wanted, properties.lease(), claimedAt));
                for (Transmission transmission : due) {
                    unused--;
                    dispatch(transmission, claimedAt, places::release);
                }
                dispatched += due.size();
                if (due.size() < wanted) {
                    return dispatched;
                }
            } finally {
                places.release(unused);
            }
        }
        return dispatched;
    }

    /**
     * Hands a claimed row to a worker; {@code done} runs once when the row is finished with (or not taken).
     * A row this node already serves is not served twice: its lease may have run out while it waited for a
     * worker, and this node claimed it again. A row that waited for longer than half its lease is first
     * renewed, and left alone if it is no longer this node's (another node took it when the lease ran out).
     */
    private void dispatch(Transmission row, Instant claimedAt, Runnable done) {
        if (!inFlight.add(row.id())) {
            done.run();
            return;
        }
        Runnable finish = () -> {
            inFlight.remove(row.id());
            done.run();
        };
        try {
            workers.execute(() -> {
                try {
                    if (stopping) {
                        giveBack(row);
                        return;
                    }
                    Instant now = clock.instant();
                    if (now.isAfter(claimedAt.plus(properties.lease().dividedBy(2)))
                            && !system(() -> transmissions.renewLease(row.id(), node, now.plus(properties.lease())))) {
                        return;
                    }
                    SystemScope.run(() -> process(row));
                } catch (RuntimeException e) {
                    log.error("Errore imprevisto nell'invio di una scheda a PCP", e);
                } finally {
                    finish.run();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The node is shutting down: the row goes back to the queue for whichever node goes on.
            try {
                giveBack(row);
            } finally {
                finish.run();
            }
        }
    }

    /** Releases a claimed row that will not be served here, without an attempt: any node may take it at once. */
    private void giveBack(Transmission row) {
        try {
            system(() -> transmissions.reschedule(row.id(), node, clock.instant(), row.lastError(), false, clock.instant()));
        } catch (RuntimeException e) {
            log.warn("Scheda {} del contratto {} non rilasciata ({}): un altro nodo la prenderà alla scadenza del lease",
                    row.seq(), row.contractId(), e.getMessage());
        }
    }

    /** The node is closing: no more claims, and rows not yet started go back to the queue. */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void stopping() {
        stopping = true;
    }

    /** A scheda PCP rejected goes back in the queue, for instance after its data were corrected. */
    public boolean resend(long transmissionId) {
        return transactions.execute(status -> {
            Transmission transmission = transmissions.find(transmissionId).orElseThrow(() ->
                    new it.openesecuzione.shared.NotFoundException("Invio non trovato"));
            boolean resent = transmissions.resend(transmissionId, clock.instant());
            if (resent) {
                audit(transmission, "PCP_REINVIO", Map.of("idScheda", String.valueOf(transmission.idScheda())));
            }
            return resent;
        });
    }

    private void process(Transmission row) {
        Transmission current = row;
        try {
            PcpCall known = row.state() == TransmissionState.IN_CONFERMA ? awaitingOutcome.get(row.id()) : null;
            Prepared prepared = known != null && known.idAppalto().equals(row.idAppalto()) ? new Prepared(known, null, null, null)
                    : system(() -> startCreation(row, prepare(row)));
            if (prepared == null) {
                return;
            }
            if (prepared.missing() != null) {
                system(() -> transmissions.reschedule(row.id(), node, clock.instant().plus(properties.waitForData()),
                        prepared.missing(), false, clock.instant()));
                return;
            }
            if (current.state() == TransmissionState.IN_CODA) {
                current = create(current, prepared);
                if (current == null) {
                    return;
                }
            }
            if (current.state() == TransmissionState.CREATA) {
                confirm(current, prepared);
                return;
            }
            if (current.state() == TransmissionState.IN_CONFERMA) {
                poll(current, prepared);
            }
            if (current.state() == TransmissionState.IN_ANNULLAMENTO) {
                annul(current, prepared);
            }
        } catch (PcpException.Rejected e) {
            Transmission rejected = current;
            awaitingOutcome.remove(rejected.id());
            system(() -> {
                transmissions.rejected(rejected.id(), node, e.errori(), e.getMessage(), clock.instant());
                audit(rejected, "PCP_RIFIUTO", Map.of("stato", e.status(), "errori", errorCodes(e.errori()), "messaggio", e.getMessage()));
                return null;
            });
        } catch (PcpException.Throttled e) {
            system(() -> {
                // A call held back by this node's pause is no call to PCP: rescheduled, not audited (rows
                // handed to the workers before a 429 arrived would otherwise each add an entry).
                if (transmissions.reschedule(row.id(), node, clock.instant().plus(e.retryAfter()), e.getMessage(), false,
                        clock.instant()) && !e.heldBack()) {
                    audit(row, "PCP_RINVIO_RICHIESTO", Map.of("stato", row.state().name(), "messaggio", e.getMessage()));
                }
                return null;
            });
        } catch (PcpException.Unavailable e) {
            Duration wait = properties.backoff(row.attempts() + 1, ThreadLocalRandom.current().nextDouble());
            system(() -> {
                if (transmissions.reschedule(row.id(), node, clock.instant().plus(wait), e.getMessage(), true, clock.instant())) {
                    audit(row, "PCP_ERRORE", Map.of("stato", row.state().name(), "messaggio", e.getMessage(),
                            "nuovoTentativoTra", wait.toMillis() + " ms"));
                }
                return null;
            });
        }
    }

    /** crea-scheda, or — after a lost answer — the scheda PCP created then, found again. */
    private Transmission create(Transmission row, Prepared prepared) {
        UUID idScheda = null;
        if (row.createStartedAt() != null) {
            idScheda = reconcile(row, prepared);
        }
        UUID idAppalto = row.idAppalto();
        Instant createStartedAt = row.createStartedAt();
        if (idScheda == null) {
            // A first attempt was marked as started when prepared; a later one (after a refused crea-scheda, or
            // one whose answer was lost and whose scheda ricerca-scheda did not find) is marked now.
            Instant startedAt = prepared.createStartedAt() != null ? prepared.createStartedAt() : clock.instant();
            if (prepared.createStartedAt() == null
                    && !system(() -> transmissions.createStarting(row.id(), node, prepared.call().idAppalto(), startedAt))) {
                return null;
            }
            idAppalto = prepared.call().idAppalto();
            createStartedAt = startedAt;
            try {
                idScheda = pcp.creaScheda(prepared.call(), prepared.scheda());
            } catch (PcpException.Throttled | PcpException.Rejected answered) {
                // PCP answered 429 or 400, or the call never left this node: this call created nothing, so
                // it gives the next attempt nothing to look for with ricerca-scheda. Only a timeout, a
                // dropped connection or a 5xx may come after PCP created the scheda.
                system(() -> transmissions.createRefused(row.id(), node, row.createStartedAt(), clock.instant()));
                throw answered;
            }
        }
        UUID created = idScheda;
        Instant now = clock.instant();
        boolean stored = system(() -> {
            boolean done = transmissions.created(row.id(), node, created, prepared.scheda(), now);
            if (done) {
                audit(row, "PCP_CREA_SCHEDA", Map.of("idAppalto", prepared.call().idAppalto().toString(), "idScheda",
                        created.toString(), "codice", row.code(), "impronta", fingerprint(prepared.scheda())));
            }
            return done;
        });
        if (!stored) {
            return null;
        }
        // The row as created() stored it, not read again (one transaction less per scheda): the lease
        // is still this node's, so nobody else changed it.
        return new Transmission(row.id(), row.contractId(), row.authorityId(), row.seq(), row.code(), TransmissionState.CREATA,
                idAppalto, created, row.idContratto(), row.attempts(), now, createStartedAt, null, row.errori(), row.createdAt(), now,
                row.confirmedAt(), row.rollbackReason(), row.rollbackSent(), row.modified());
    }

    /**
     * The crea-scheda of an earlier attempt may have reached PCP without its answer reaching us:
     * a scheda of the same code, still IN_LAV, created since then and held by no other row is
     * ours. Any further one is a duplicate and is deleted.
     */
    private UUID reconcile(Transmission row, Prepared prepared) {
        List<UUID> found = pcp.schedeInLavorazione(prepared.call(), row.code(), row.createStartedAt().minus(Duration.ofMinutes(1)));
        List<UUID> orphans = found.stream().filter(id -> !system(() -> transmissions.isKnown(id))).toList();
        system(() -> {
            audit(row, "PCP_RICERCA_SCHEDA", Map.of("codice", row.code(), "trovate", found.size(), "adottata",
                    orphans.isEmpty() ? "nessuna" : orphans.get(0).toString()));
            return null;
        });
        if (orphans.isEmpty()) {
            return null;
        }
        for (UUID duplicate : orphans.subList(1, orphans.size())) {
            pcp.cancellaScheda(prepared.call(), duplicate, "Scheda duplicata da un invio ripetuto");
            system(() -> {
                audit(row, "PCP_CANCELLA_SCHEDA", Map.of("idScheda", duplicate.toString(), "codice", row.code(),
                        "motivo", "Scheda duplicata da un invio ripetuto"));
                return null;
            });
        }
        return orphans.get(0);
    }

    private void confirm(Transmission row, Prepared prepared) {
        if (row.modified()) {
            pcp.modificaScheda(prepared.call(), row.idScheda(), prepared.scheda());
            system(() -> {
                if (transmissions.modificationSent(row.id(), node, prepared.scheda(), clock.instant())) {
                    audit(row, "PCP_MODIFICA_SCHEDA", Map.of("idScheda", row.idScheda().toString(), "codice", row.code(),
                            "impronta", fingerprint(prepared.scheda())));
                }
                return null;
            });
        }
        try {
            pcp.confermaScheda(prepared.call(), row.idScheda());
        } catch (PcpException.Rejected refused) {
            if (!confirmationUnderWay(prepared.call(), row.idScheda(), refused)) {
                if (appaltoBusy(refused)) {
                    throw new PcpException.Unavailable("PCP sta lavorando su un'altra scheda dello stesso appalto ("
                            + String.join(", ", refused.errori().stream().map(PcpError::codice).toList())
                            + "): la conferma sarà ritentata", refused);
                }
                throw refused;
            }
        }
        boolean requested = system(() -> {
            boolean done = transmissions.confirmRequested(row.id(), node, clock.instant().plus(properties.pollDelay()), clock.instant());
            if (done) {
                audit(row, "PCP_CONFERMA_SCHEDA", Map.of("idScheda", row.idScheda().toString(), "codice", row.code()));
            }
            return done;
        });
        if (requested) {
            awaitingOutcome.put(row.id(), prepared.call());
        }
    }

    /**
     * An earlier conferma-scheda of this row may have reached PCP without its acknowledgement being
     * stored (the node died, or the database went away, between PCP's answer and the update): PCP then
     * refuses the repeated call, with ERR60 while that confirmation runs or ERR58 once the scheda is
     * no longer IN_LAV (docs/design/pcp-interfaces.md §6). If esito-operazione shows a confirmation of
     * this very scheda still running or succeeded, it is ours: the row goes on to wait for its outcome
     * instead of being marked as refused. Found by bench/transmission-faults.sh.
     */
    private boolean confirmationUnderWay(PcpCall call, UUID idScheda, PcpException.Rejected refused) {
        boolean inFlightOrDone = refused.errori().stream().map(PcpError::codice).anyMatch(code -> "ERR60".equals(code) || "ERR58".equals(code));
        if (!inFlightOrDone) {
            return false;
        }
        return pcp.esitiConferma(call).stream().filter(outcome -> idScheda.equals(outcome.idScheda())).findFirst()
                .map(outcome -> "WT".equals(outcome.esito()) || "OK".equals(outcome.esito())).orElse(false);
    }

    /**
     * PCP runs one verification, confirmation or rollback at a time per appalto, and refuses to confirm
     * any scheda of the appalto meanwhile: ERR59 (a verification), ERR60 (a confirmation), ERR145 (a
     * rollback) — for instance while another contract of the appalto, or another platform, has a scheda
     * confirmed. Not a fault of this scheda: it is confirmed later, after a backoff.
     */
    static final java.util.Set<String> APPALTO_BUSY = java.util.Set.of("ERR59", "ERR60", "ERR145");

    private static boolean appaltoBusy(PcpException.Rejected refused) {
        return refused.errori().stream().map(PcpError::codice).anyMatch(APPALTO_BUSY::contains);
    }

    private void poll(Transmission row, Prepared prepared) {
        Optional<PcpOutcome> outcome = pcp.esitiConferma(prepared.call()).stream()
                .filter(entry -> row.idScheda().equals(entry.idScheda())).findFirst();
        String esito = outcome.map(PcpOutcome::esito).orElse("WT");
        if (!"WT".equals(esito)) {
            awaitingOutcome.remove(row.id());
        }
        switch (esito) {
            case "OK" -> system(() -> {
                UUID idContratto = outcome.get().idContratto();
                if (transmissions.confirmed(row.id(), node, idContratto, clock.instant())) {
                    if (idContratto != null && SchedaCode.SC1.name().equals(row.code())) {
                        publisher.publishEvent(new IdContrattoReceived(row.contractId(), idContratto));
                    }
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("idScheda", row.idScheda().toString());
                    summary.put("codice", row.code());
                    summary.put("esito", outcome.get().dettaglio());
                    if (idContratto != null) {
                        summary.put("idContratto", idContratto.toString());
                    }
                    audit(row, "PCP_SCHEDA_CONFERMATA", summary);
                }
                return null;
            });
            case "KO" -> system(() -> {
                List<PcpError> errori = outcome.get().errori();
                if (transmissions.rejected(row.id(), node, errori, "PCP non ha confermato la scheda (" + outcome.get().dettaglio() + ")",
                        clock.instant())) {
                    audit(row, "PCP_SCHEDA_NON_CONFERMATA", Map.of("idScheda", row.idScheda().toString(), "codice", row.code(),
                            "errori", errorCodes(errori)));
                }
                return null;
            });
            default -> system(() -> {
                // Every call goes into the audit trail, polls that find no outcome yet too.
                boolean rescheduled = transmissions.reschedule(row.id(), node, clock.instant().plus(properties.pollDelay()), null, false,
                        clock.instant());
                if (rescheduled) {
                    audit(row, "PCP_ESITO_IN_ATTESA", Map.of("idScheda", row.idScheda().toString(), "codice", row.code(),
                            "operazione", "SC_CONF"));
                }
                return rescheduled;
            });
        }
    }

    /** The schede ANAC lets annul (schema-cronologia-schede, schedaAnnullabile). */
    static final java.util.Set<String> ANNULLABLE = java.util.Set.of("CO1", "CO2");
    /** motivoAnnullamentoComunicazione: judicial authority, software anomaly of the platform. */
    static final java.util.Set<String> ROLLBACK_REASONS = java.util.Set.of("1", "2");

    /**
     * Asks PCP to annul a confirmed CO1 or CO2 (rollback-scheda, with ANAC's reason code). PCP
     * annuls only the last confirmed scheda: the contract must have no later event that counts.
     */
    public void requestRollback(long transmissionId, String reason, List<Integer> laterCountingEvents) {
        transactions.executeWithoutResult(status -> {
            Transmission transmission = transmissions.find(transmissionId).orElseThrow(() ->
                    new it.openesecuzione.shared.NotFoundException("Invio non trovato"));
            List<it.openesecuzione.shared.FieldViolation> problems = new ArrayList<>();
            if (reason == null || !ROLLBACK_REASONS.contains(reason)) {
                problems.add(new it.openesecuzione.shared.FieldViolation("motivazione", reason,
                        "Motivo di annullamento ANAC: 1 (intervento dell'autorità giudiziaria) o 2 (anomalia software della piattaforma)"));
            }
            if (!ANNULLABLE.contains(transmission.code())) {
                problems.add(new it.openesecuzione.shared.FieldViolation("scheda", transmission.code(),
                        "ANAC consente di annullare solo le schede CO1 e CO2"));
            }
            if (!problems.isEmpty()) {
                throw new it.openesecuzione.shared.InvalidInputException(problems);
            }
            if (!laterCountingEvents.isEmpty()) {
                throw new it.openesecuzione.shared.ConflictException("ERR150", "Si annulla solo l'ultima scheda confermata: dopo questa "
                        + "sono registrati gli eventi n. " + laterCountingEvents);
            }
            if (!transmissions.rollbackRequested(transmissionId, reason, clock.instant())) {
                throw new it.openesecuzione.shared.ConflictException("Si annulla solo una scheda confermata da PCP");
            }
            audit(transmission, "PCP_ANNULLAMENTO_RICHIESTO", Map.of("idScheda", String.valueOf(transmission.idScheda()),
                    "codice", transmission.code(), "motivazione", reason));
        });
    }

    /** rollback-scheda, then its outcome: annulled, or confirmed still with PCP's reasons. */
    private void annul(Transmission row, Prepared prepared) {
        if (!row.rollbackSent()) {
            pcp.rollbackScheda(prepared.call(), row.idScheda(), row.rollbackReason());
            system(() -> transmissions.rollbackSent(row.id(), node, clock.instant().plus(properties.pollDelay()), clock.instant()));
            return;
        }
        Optional<PcpOutcome> outcome = pcp.esitiRollback(prepared.call()).stream()
                .filter(entry -> row.idScheda().equals(entry.idScheda())).findFirst();
        String esito = outcome.map(PcpOutcome::esito).orElse("WT");
        if ("WT".equals(esito)) {
            system(() -> {
                boolean rescheduled = transmissions.reschedule(row.id(), node, clock.instant().plus(properties.pollDelay()), null, false,
                        clock.instant());
                if (rescheduled) {
                    audit(row, "PCP_ESITO_IN_ATTESA", Map.of("idScheda", row.idScheda().toString(), "codice", row.code(),
                            "operazione", "SC_ROLLBACK"));
                }
                return rescheduled;
            });
            return;
        }
        boolean annulled = "OK".equals(esito);
        List<PcpError> errori = outcome.get().errori();
        system(() -> {
            if (transmissions.rollbackDone(row.id(), node, annulled, errori, annulled ? null
                    : "PCP non ha annullato la scheda (" + outcome.get().dettaglio() + ")", clock.instant())) {
                if (annulled) {
                    publisher.publishEvent(new SchedaAnnulledByPcp(row.contractId(), row.seq(), row.rollbackReason()));
                }
                audit(row, annulled ? "PCP_SCHEDA_ANNULLATA" : "PCP_ANNULLAMENTO_RIFIUTATO", Map.of("idScheda",
                        row.idScheda().toString(), "codice", row.code(), "errori", errorCodes(errori)));
            }
            return null;
        });
    }

    /**
     * What a call about this row needs: the scheda with PCP's ids, and who calls.
     *
     * @param createStartedAt when the row's first crea-scheda was marked as started in the preparing transaction
     */
    private record Prepared(PcpCall call, Map<String, Object> scheda, String missing, Instant createStartedAt) {
    }

    /**
     * A row's first crea-scheda is marked as started (createStarting) in the transaction that prepared
     * it rather than in one of its own: one transaction less per scheda. Null when the row is no longer
     * this node's.
     */
    private Prepared startCreation(Transmission row, Prepared prepared) {
        if (row.state() != TransmissionState.IN_CODA || row.createStartedAt() != null || prepared.missing() != null) {
            return prepared;
        }
        Instant startedAt = clock.instant();
        if (!transmissions.createStarting(row.id(), node, prepared.call().idAppalto(), startedAt)) {
            return null;
        }
        return new Prepared(prepared.call(), prepared.scheda(), null, startedAt);
    }

    private Prepared prepare(Transmission row) {
        Contract contract = contracts.findForBackgroundWork(row.contractId());
        UUID idAppalto = contract.terms().idAppalto();
        if (idAppalto == null) {
            return new Prepared(null, null, "Manca l'idAppalto del contratto: indicarlo nell'anagrafica del contratto", null);
        }
        RecordedScheda event = executions.eventForBackgroundWork(row.contractId(), row.seq());
        SchedaPayloads.Result payload = SchedaPayloads.of(event, contract, SchedaPayloads.refersToEarlierScheda(event)
                ? transmissions.forContract(row.contractId()) : List.of());
        if (payload.missing() != null) {
            return new Prepared(null, null, payload.missing(), null);
        }
        StazioneAppaltante authority = directory.find(contract.authorityId()).orElseThrow();
        String rup = directory.findById(contract.terms().rupId()).map(PlatformUser::codiceFiscale).orElse(null);
        // Who acts: whoever corrected the event last, else whoever recorded it, with their login; the RUP
        // with the platform's own credential when the system recorded it, or for an event recorded
        // before the platform kept the login.
        boolean corrected = event.correctedBy() != null && event.correctedWith() != null;
        String actor = corrected ? event.correctedBy() : event.recordedBy() != null ? event.recordedBy() : rup;
        String role = actor != null && actor.equals(rup) ? "RP" : "DRP";
        IdentityAssurance assurance = corrected ? event.correctedWith()
                : event.recordedBy() != null && event.recordedWith() != null ? event.recordedWith()
                : IdentityAssurance.PLATFORM_ACCOUNT;
        PcpCall call = new PcpCall(idAppalto, authority.codiceAusa(), authority.codiceFiscale().value(), actor, role,
                assurance, "oe-" + row.contractId() + "-" + row.seq());
        return new Prepared(call, payload.scheda(), null, null);
    }

    private void audit(Transmission row, String action, Map<String, Object> summary) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("scheda", row.seq());
        all.putAll(summary);
        publisher.publishEvent(new TransmissionAudited(row.authorityId(), row.contractId(), action, all));
    }

    private static List<String> errorCodes(List<PcpError> errori) {
        return errori.stream().map(e -> e.codice() + (e.dettaglio() == null ? "" : " " + e.dettaglio())).toList();
    }

    /**
     * Serialises the schede for {@link #fingerprint}: built once, as a mapper is costly to build and keeps
     * its serializers in a cache (one per call cost about 7% of the delivery threads' CPU, bench/transmission-throughput.sh).
     */
    private static final tools.jackson.databind.json.JsonMapper FINGERPRINT_JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** SHA-256 of the scheda sent, so the audit trail pins what PCP received without copying it. */
    private static String fingerprint(Map<String, Object> scheda) {
        try {
            byte[] json = FINGERPRINT_JSON.writeValueAsBytes(scheda);
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(json));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Short transactions with every row visible: the delivery works for all authorities. */
    private <T> T system(Supplier<T> work) {
        return SystemScope.call(() -> transactions.execute(status -> work.get()));
    }

    @Override
    public void destroy() {
        // Rows still queued see the node stopping and go back to the queue at once; calls under way
        // get a few seconds to finish and store their answer before the threads are interrupted.
        stopping = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
