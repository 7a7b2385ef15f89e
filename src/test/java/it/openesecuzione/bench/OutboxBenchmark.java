package it.openesecuzione.bench;

import it.openesecuzione.OpenEsecuzioneApplication;
import it.openesecuzione.shared.Cig;
import it.openesecuzione.transmission.PcpCall;
import it.openesecuzione.transmission.PcpClient;
import it.openesecuzione.transmission.PcpError;
import it.openesecuzione.transmission.PcpException;
import it.openesecuzione.transmission.PcpOutcome;
import it.openesecuzione.transmission.TransmissionDelivery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Driver of {@code bench/transmission-outbox.sh}: the outbox's <em>own</em> cost, with the PCP side
 * costing (almost) nothing. It starts the platform in this JVM with an {@link InMemoryPcp} in place of
 * the HTTP client to ANAC's PCP, records a backlog through the platform's HTTP API, then drives
 * {@link TransmissionDelivery#deliverDue()} from T threads until every row is CONFERMATA, and measures
 * schede per second and CPU per scheda of this JVM (by thread group, from {@code /proc/self/task}) and of
 * its PostgreSQL (from {@code /proc}). What is left in is everything the outbox does per scheda: the
 * claims (FOR UPDATE SKIP LOCKED, leases) with the per-contract ordering, the payload preparation
 * ({@code prepare()}, SchedaPayloads), the state updates of each step and the hash-chained audit appends.
 * What is left out: the PDND voucher, the signed tracking tokens, HTTP, JSON on the wire and PCP's own work.
 *
 * <p>Not a test: a {@code main}, no JUnit. The script compiles it with {@code javac} against the jar's own
 * classes and libraries (it is self-contained, so {@code java -cp <classes and libs> OutboxBenchmark.java}
 * runs it too), so it needs neither a pom change nor a test build.
 *
 * <p>Commands and options ({@code --name=value}):
 * <ul>
 *   <li>{@code run}: {@code bench-dir} (required; the embedded PostgreSQL goes in {@code <bench-dir>/data/postgres},
 *       wiped first), {@code results} (markdown file the figures are appended to), {@code contracts} (1000),
 *       {@code events} per contract (10: SC1, I1, then SA1), {@code warmup-contracts} (400), {@code clients} (8, HTTP
 *       clients of the seeding), {@code threads} ("2,4,8": one measured run for each, with a platform restarted with
 *       {@code openesecuzione.pcp.delivery.threads=T} and T threads calling deliverDue), {@code callers} (0: T; else how
 *       many threads call deliverDue, e.g. 1 as the product's scheduler does), {@code batch} (the product's
 *       default when absent), {@code poll-delay} (idem), {@code idle-ms} (10: the pause of a calling thread after a
 *       round that found nothing due), {@code jfr} (0; 1 records each measured run with JFR's profile settings into
 *       {@code <bench-dir>/outbox-T<n>.jfr} and prints where the delivery threads' samples go), {@code pg-stats} (0; 1
 *       loads pg_stat_statements and prints PostgreSQL's statements per scheda),
 *       {@code timeout} (1800 s per run). Exit code 1 if a check of the end state fails.</li>
 *   <li>{@code profile}: {@code jfr} (a recording): the same breakdown of a recording made before.</li>
 * </ul>
 */
public final class OutboxBenchmark {

    private static final String PARTICIPANT = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
    private static final String[] RUPS = {"genova.rup", "savona.rup"};
    private static final String TOKEN_NAME = "benchmark-outbox";
    private static final long CLOCK_TICKS = clockTicks();

    private static PrintWriter results;
    private static int failures;

    private OutboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("Comando: run | profile");
        }
        Map<String, String> options = options(args);
        int exit = switch (args[0]) {
            case "run" -> new Run(options).run();
            case "profile" -> {
                profile(Path.of(required(options, "jfr")));
                yield 0;
            }
            default -> throw new IllegalArgumentException("Comando sconosciuto: " + args[0]);
        };
        System.exit(exit);
    }

    // ---------------------------------------------------------------------------------------------
    // The in-memory PCP
    // ---------------------------------------------------------------------------------------------

    /**
     * A benchmark device, not part of the product: PCP as a map in this JVM, answering at once, so that
     * a delivery costs only what the outbox itself does. It follows the {@link PcpClient} contract as
     * {@code HttpPcpClient} and the PCP simulator do, with a confirmation delay of zero: crea-scheda gives a
     * new idScheda per call and keeps the scheda under its appalto (the PcpCall's idAppalto); conferma-scheda
     * of a scheda IN_LAV confirms it at once (an SC1 gets a new idContratto, returned by esito-operazione);
     * esito-operazione lists the appalto's outcomes newest first; ricerca-scheda, cancella-scheda,
     * modifica-scheda, rollback-scheda, stato-appalto and consulta-scheda answer from the same maps, and the
     * refusals PCP gives (ERR20 unknown scheda, ERR57 scheda of another appalto, ERR58 wrong state, ERR19
     * unknown appalto, ERR39 unknown contract) are thrown as {@link PcpException.Rejected}. No checks of
     * ANAC's schema or chronology: the order of confirmation is recorded and verified afterwards instead.
     */
    public static final class InMemoryPcp implements PcpClient {

        /** A scheda as this PCP holds it. */
        static final class Scheda {
            final UUID id;
            final UUID idAppalto;
            final String codice;
            final String versione;
            final Instant createdAt;
            Map<String, Object> content;
            String stato = "IN_LAV";
            /** 1, 2, … in the order the appalto's schede were confirmed; 0 while not confirmed. */
            int confirmedSeq;
            /** For an SC1: the idContratto it got. */
            UUID idContratto;

            Scheda(UUID id, UUID idAppalto, String codice, String versione, Map<String, Object> content, Instant createdAt) {
                this.id = id;
                this.idAppalto = idAppalto;
                this.codice = codice;
                this.versione = versione;
                this.content = content;
                this.createdAt = createdAt;
            }
        }

        /** An appalto: its schede in the order they were created, and its outcomes in the order they came. */
        static final class Appalto {
            final UUID id;
            final List<Scheda> schede = new ArrayList<>();
            final List<Scheda> confirmed = new ArrayList<>();
            final List<PcpOutcome> confirmations = new ArrayList<>();
            final List<PcpOutcome> rollbacks = new ArrayList<>();
            UUID idContratto;

            Appalto(UUID id) {
                this.id = id;
            }
        }

        private final Map<UUID, Appalto> appalti = new ConcurrentHashMap<>();
        private final Map<UUID, Scheda> schede = new ConcurrentHashMap<>();
        private final Map<UUID, Appalto> byContratto = new ConcurrentHashMap<>();
        final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
        /** Schede confirmed so far: lets the driver wait without querying the database all the time. */
        final AtomicLong confirmedCount = new AtomicLong();

        private void count(String operation) {
            calls.computeIfAbsent(operation, name -> new LongAdder()).increment();
        }

        private static PcpException.Rejected refusal(int status, String code, String detail) {
            return new PcpException.Rejected(status, "PCP (in memoria) ha rifiutato la richiesta (" + status + ", " + code + " " + detail + ")",
                    List.of(new PcpError(code, detail)));
        }

        private Appalto appalto(UUID idAppalto) {
            Appalto appalto = appalti.get(idAppalto);
            if (appalto == null) {
                throw refusal(404, "ERR19", "appalto " + idAppalto + " sconosciuto");
            }
            return appalto;
        }

        private Scheda scheda(PcpCall call, UUID idScheda) {
            Scheda scheda = schede.get(idScheda);
            if (scheda == null) {
                throw refusal(404, "ERR20", "scheda " + idScheda + " sconosciuta");
            }
            if (!scheda.idAppalto.equals(call.idAppalto())) {
                throw refusal(400, "ERR57", "la scheda non appartiene all'appalto");
            }
            return scheda;
        }

        @Override
        public UUID creaScheda(PcpCall call, Map<String, Object> content) {
            count("crea-scheda");
            if (call.idAppalto() == null) {
                throw refusal(400, "ERR26", "idAppalto obbligatorio");
            }
            if (!(content.get("codice") instanceof Map<?, ?> codice) || codice.get("codice") == null || !(content.get("body") instanceof Map)) {
                throw refusal(400, "ERR4", "la scheda deve avere codice e body");
            }
            Appalto appalto = appalti.computeIfAbsent(call.idAppalto(), Appalto::new);
            Scheda scheda = new Scheda(UUID.randomUUID(), appalto.id, String.valueOf(codice.get("codice")),
                    String.valueOf(content.get("versione")), content, Instant.now());
            synchronized (appalto) {
                appalto.schede.add(scheda);
                schede.put(scheda.id, scheda);
            }
            return scheda.id;
        }

        @Override
        public void modificaScheda(PcpCall call, UUID idScheda, Map<String, Object> content) {
            count("modifica-scheda");
            Scheda scheda = scheda(call, idScheda);
            synchronized (appalto(scheda.idAppalto)) {
                requireState(scheda, "IN_LAV");
                scheda.content = content;
            }
        }

        @Override
        public void confermaScheda(PcpCall call, UUID idScheda) {
            count("conferma-scheda");
            Scheda scheda = scheda(call, idScheda);
            Appalto appalto = appalto(scheda.idAppalto);
            synchronized (appalto) {
                requireState(scheda, "IN_LAV");
                // Confirmation delay zero: the outcome is there for the next esito-operazione.
                UUID newContract = null;
                if ("SC1".equals(scheda.codice)) {
                    newContract = UUID.randomUUID();
                    scheda.idContratto = newContract;
                    appalto.idContratto = newContract;
                    byContratto.put(newContract, appalto);
                }
                scheda.stato = "CONF";
                appalto.confirmed.add(scheda);
                scheda.confirmedSeq = appalto.confirmed.size();
                appalto.confirmations.add(new PcpOutcome(scheda.id, scheda.codice, "OK", "SC_CONF", newContract, List.of(), Instant.now()));
            }
            confirmedCount.incrementAndGet();
        }

        @Override
        public List<PcpOutcome> esitiConferma(PcpCall call) {
            count("esito-operazione SC_CONF");
            Appalto appalto = appalto(call.idAppalto());
            synchronized (appalto) {
                List<PcpOutcome> newestFirst = new ArrayList<>(appalto.confirmations);
                Collections.reverse(newestFirst);
                return newestFirst;
            }
        }

        @Override
        public List<UUID> schedeInLavorazione(PcpCall call, String codiceScheda, Instant createdFrom) {
            count("ricerca-scheda IN_LAV");
            Appalto appalto = appalti.get(call.idAppalto());
            if (appalto == null) {
                return List.of();
            }
            synchronized (appalto) {
                return appalto.schede.stream().filter(s -> "IN_LAV".equals(s.stato) && s.codice.equals(codiceScheda)
                        && !s.createdAt.isBefore(createdFrom)).map(s -> s.id).toList();
            }
        }

        @Override
        public void cancellaScheda(PcpCall call, UUID idScheda, String motivo) {
            count("cancella-scheda");
            Scheda scheda = scheda(call, idScheda);
            synchronized (appalto(scheda.idAppalto)) {
                requireState(scheda, "IN_LAV");
                scheda.stato = "CANC";
            }
        }

        @Override
        public void rollbackScheda(PcpCall call, UUID idScheda, String motivazione) {
            count("rollback-scheda");
            Scheda scheda = schede.get(idScheda);
            if (scheda == null) {
                throw refusal(404, "ERR20", "scheda " + idScheda + " sconosciuta");
            }
            Appalto appalto = appalto(scheda.idAppalto);
            synchronized (appalto) {
                requireState(scheda, "CONF");
                boolean last = appalto.confirmed.stream().filter(s -> "CONF".equals(s.stato)).reduce((a, b) -> b)
                        .filter(s -> s == scheda).isPresent();
                if (last) {
                    scheda.stato = "ANN";
                    appalto.rollbacks.add(new PcpOutcome(scheda.id, scheda.codice, "OK", "SC_ROLLBACK", null, List.of(), Instant.now()));
                } else {
                    appalto.rollbacks.add(new PcpOutcome(scheda.id, scheda.codice, "KO", "SC_N_ROLLBACK", null,
                            List.of(new PcpError("ERR150", "non è l'ultima scheda confermata")), Instant.now()));
                }
            }
        }

        @Override
        public List<PcpOutcome> esitiRollback(PcpCall call) {
            count("esito-operazione SC_ROLLBACK");
            Appalto appalto = appalto(call.idAppalto());
            synchronized (appalto) {
                List<PcpOutcome> newestFirst = new ArrayList<>(appalto.rollbacks);
                Collections.reverse(newestFirst);
                return newestFirst;
            }
        }

        @Override
        public String statoContratto(PcpCall call, UUID idContratto) {
            count("stato-appalto");
            Appalto appalto = byContratto.get(idContratto);
            if (appalto == null) {
                throw refusal(404, "ERR39", "contratto " + idContratto + " sconosciuto");
            }
            synchronized (appalto) {
                return appalto.confirmed.stream().anyMatch(s -> "I1".equals(s.codice) && "CONF".equals(s.stato)) ? "IN_ESEC" : "SOTT";
            }
        }

        @Override
        public List<PcpScheda> schede(PcpCall call) {
            count("ricerca-scheda");
            Appalto appalto = appalti.get(call.idAppalto());
            if (appalto == null) {
                return List.of();
            }
            synchronized (appalto) {
                return appalto.schede.stream().map(s -> new PcpScheda(s.id, s.codice, s.versione, s.stato,
                        s.createdAt.atOffset(ZoneOffset.UTC).toString())).toList();
            }
        }

        @Override
        public Map<String, Object> consultaScheda(PcpCall call, UUID idScheda) {
            count("consulta-scheda");
            Scheda scheda = schede.get(idScheda);
            if (scheda == null) {
                throw refusal(404, "ERR20", "scheda " + idScheda + " sconosciuta");
            }
            synchronized (appalto(scheda.idAppalto)) {
                return new LinkedHashMap<>(scheda.content);
            }
        }

        private static void requireState(Scheda scheda, String state) {
            if (!state.equals(scheda.stato)) {
                throw refusal(400, "ERR58", "la scheda è " + scheda.stato);
            }
        }

        /** One appalto, for the checks after a run (read under its lock). */
        Appalto find(UUID idAppalto) {
            return appalti.get(idAppalto);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // run
    // ---------------------------------------------------------------------------------------------

    private static final class Run {

        private final Path benchDir;
        private final int contracts;
        private final int events;
        private final int warmupContracts;
        private final int clients;
        private final List<Integer> threads = new ArrayList<>();
        private final String batch;
        private final String pollDelay;
        private final long idleMillis;
        /** Threads calling deliverDue(); 0: as many as the delivery threads (T). */
        private final int callers;
        /**
         * The product's background delivery instead of callers: one thread doing what DeliveryScheduler does,
         * {@link TransmissionDelivery#deliverAvailable()} then the product's interval (250 ms), again and again.
         */
        private final boolean scheduler;
        private final boolean jfr;
        private final boolean pgStats;
        private final int timeoutSeconds;
        private final int pgPort;
        private final int httpPort;
        private final String url;
        private final List<String> summary = new ArrayList<>();

        Run(Map<String, String> options) throws IOException {
            benchDir = Path.of(required(options, "bench-dir")).toAbsolutePath();
            contracts = Integer.parseInt(options.getOrDefault("contracts", "1000"));
            events = Integer.parseInt(options.getOrDefault("events", "10"));
            warmupContracts = Integer.parseInt(options.getOrDefault("warmup-contracts", "400"));
            clients = Integer.parseInt(options.getOrDefault("clients", "8"));
            for (String t : options.getOrDefault("threads", "2,4,8").split("[, ]+")) {
                threads.add(Integer.parseInt(t.trim()));
            }
            batch = options.get("batch");
            pollDelay = options.get("poll-delay");
            idleMillis = Long.parseLong(options.getOrDefault("idle-ms", "10"));
            callers = Integer.parseInt(options.getOrDefault("callers", "0"));
            scheduler = "1".equals(options.get("scheduler"));
            jfr = "1".equals(options.get("jfr"));
            pgStats = "1".equals(options.get("pg-stats"));
            timeoutSeconds = Integer.parseInt(options.getOrDefault("timeout", "1800"));
            if (events < 3 || events > 20) {
                // 18 SA1 a week apart from 2 March 2026 end before the contract's dataScadenza, 31 August 2026.
                throw new IllegalArgumentException("--events da 3 a 20");
            }
            Path resultsFile = Path.of(options.getOrDefault("results", benchDir.resolve("results.md").toString()));
            results = new PrintWriter(Files.newBufferedWriter(resultsFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), true);
            pgPort = freePort();
            httpPort = freePort();
            url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/openesecuzione";
        }

        int run() throws Exception {
            Path data = benchDir.resolve("data/postgres");
            deleteTree(data.getParent());
            report("Backlog misurato: %d contratti × %d eventi (SC1, I1, %d SA1) = %d schede; riscaldamento: %d contratti × %d eventi"
                    + " prima di ogni misura; T = %s thread di consegna della piattaforma (openesecuzione.pcp.delivery.threads), %s;"
                    + "%s%s pausa di un thread dopo un giro vuoto %d ms",
                    contracts, events, events - 2, contracts * events, warmupContracts, events, threads,
                    scheduler ? "consegna in background come nel prodotto (deliverAvailable(), poi 250 ms)"
                            : callers == 0 ? "altrettanti thread che chiamano deliverDue()" : callers + " thread che chiamano deliverDue()",
                    batch == null ? "" : " batch-size " + batch + ";", pollDelay == null ? "" : " poll-delay " + pollDelay + ";", idleMillis);
            // The backlogs first, in a platform of their own: so every measured run starts from a restarted platform
            // (and, with pg-stats, a PostgreSQL that loaded pg_stat_statements).
            progress("Avvio della piattaforma per la semina…");
            try (ConfigurableApplicationContext context = start(new InMemoryPcp(), data, threads.get(0))) {
                report("");
                report("## Semina attraverso l'API (in questa JVM, %d client HTTP)", clients);
                report("");
                new Seeder(url, httpPort, "warm", warmupContracts, events, clients).run();
                new Seeder(url, httpPort, "main", contracts, events, clients).run();
                park(url, "warm");
                park(url, "main");
                if (pgStats) {
                    try (Connection su = superuser(url); Statement statement = su.createStatement()) {
                        statement.execute("alter system set shared_preload_libraries = 'pg_stat_statements'");
                    }
                }
            }
            for (int t : threads) {
                InMemoryPcp pcp = new InMemoryPcp();
                progress("Avvio della piattaforma (consegna in background spenta, %d thread di consegna)…", t);
                long started = System.nanoTime();
                try (ConfigurableApplicationContext context = start(pcp, data, t)) {
                    progress("Piattaforma avviata in %.1f s (HTTP %d, PostgreSQL %d)", (System.nanoTime() - started) / 1e9, httpPort, pgPort);
                    TransmissionDelivery delivery = context.getBean(TransmissionDelivery.class);
                    report("");
                    report("## T = %d", t);
                    report("");
                    reset(url, "warm");
                    Measure warm = drive(delivery, pcp, callers == 0 ? t : callers, "warm", warmupContracts * events, data, null);
                    report("Riscaldamento: %d schede in %.1f s (%.0f schede/s)", warmupContracts * events, warm.wallSeconds(),
                            warmupContracts * events / warm.wallSeconds());
                    reset(url, "main");
                    if (pgStats) {
                        statementStats(null);
                    }
                    Path recording = jfr ? benchDir.resolve("outbox-T" + t + ".jfr") : null;
                    Measure measure = drive(delivery, pcp, callers == 0 ? t : callers, "main", contracts * events, data, recording);
                    describe(t, measure);
                    if (pgStats) {
                        statementStats(measure);
                    }
                    verify(pcp, "main", contracts, events, measure.startedAt());
                    if (t == threads.get(threads.size() - 1)) {
                        auditChains();
                    }
                    if (recording != null) {
                        report("");
                        report("JFR (%s): dove vanno i campioni dei thread della consegna (pcp-delivery e chiamanti)", recording.getFileName());
                        profile(recording);
                    }
                }
            }
            report("");
            report("## Riepilogo");
            report("");
            summary.forEach(line -> report("- %s", line));
            report("Verifiche fallite: %d", failures);
            return failures == 0 ? 0 : 1;
        }

        private ConfigurableApplicationContext start(InMemoryPcp pcp, Path data, int t) {
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=" + httpPort,
                    "--openesecuzione.embedded-db.data-directory=" + data,
                    "--openesecuzione.embedded-db.port=" + pgPort,
                    "--openesecuzione.demo.enabled=true",
                    "--openesecuzione.pcp.delivery.enabled=false",
                    "--openesecuzione.pcp.delivery.threads=" + t));
            if (batch != null) {
                args.add("--openesecuzione.pcp.delivery.batch-size=" + batch);
            }
            if (pollDelay != null) {
                args.add("--openesecuzione.pcp.delivery.poll-delay=" + pollDelay);
            }
            // The in-memory PCP in place of HttpPcpClient: the same type, primary, so the delivery and PcpView get it.
            ApplicationContextInitializer<ConfigurableApplicationContext> inMemoryPcp = context -> ((GenericApplicationContext) context)
                    .registerBean("outboxBenchmarkInMemoryPcp", PcpClient.class, () -> pcp, definition -> definition.setPrimary(true));
            return new SpringApplicationBuilder(OpenEsecuzioneApplication.class).initializers(inMemoryPcp).run(args.toArray(String[]::new));
        }

        /** CPU time and wall time of one delivery, until every row of the run is confirmed. */
        record Measure(Instant startedAt, double wallSeconds, double lastConfirmationSeconds, int rows, Map<String, Long> jvmThreadsMs,
                long jvmMs, long postgresMs, Map<String, Long> postgresByKind, long rounds, long emptyRounds, long served) {
        }

        private Measure drive(TransmissionDelivery delivery, InMemoryPcp pcp, int callers, String tag, int expected, Path data, Path recording)
                throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            LongAdder rounds = new LongAdder();
            LongAdder empty = new LongAdder();
            LongAdder served = new LongAdder();
            List<Thread> running = new ArrayList<>();
            Recording jfrRecording = null;
            if (recording != null) {
                jfrRecording = new Recording(Configuration.getConfiguration("profile"));
                jfrRecording.setToDisk(true);
                jfrRecording.setDestination(recording);
                jfrRecording.start();
            }
            Map<String, Long> threads0 = threadCpu();
            long jvm0 = processCpu(ProcessHandle.current().pid(), false);
            Map<String, Long> pg0 = postgresCpu(data);
            Instant startedAt = Instant.now();
            long t0 = System.nanoTime();
            for (int i = 1; i <= (scheduler ? 1 : callers); i++) {
                Thread caller = new Thread(() -> {
                    while (!stop.get()) {
                        if (scheduler) {
                            // DeliveryScheduler: fixedDelay of openesecuzione.pcp.delivery.interval (250 ms) after each return.
                            int n = delivery.deliverAvailable();
                            rounds.increment();
                            served.add(n);
                            if (n == 0) {
                                empty.increment();
                            }
                            sleep(250);
                            continue;
                        }
                        int n = delivery.deliverDue();
                        rounds.increment();
                        served.add(n);
                        if (n == 0) {
                            empty.increment();
                            sleep(idleMillis);
                        }
                    }
                }, "outbox-caller-" + i);
                caller.setDaemon(true);
                caller.start();
                running.add(caller);
            }
            // Until PCP has confirmed them all, the in-memory counter is watched (no query), with a look at the
            // database every 5 s for progress and rejections; then the database every 100 ms, until the platform
            // has stored every confirmation.
            long deadline = t0 + timeoutSeconds * 1_000_000_000L;
            long confirmedBefore = pcp.confirmedCount.get();
            long lastLook = t0;
            try (Connection su = superuser(url); PreparedStatement count = su.prepareStatement("""
                    select count(*) filter (where t.state <> 'CONFERMATA'), count(*) filter (where t.state = 'RIFIUTATA')
                    from transmission t where t.contract_id = any (?)""")) {
                count.setArray(1, su.createArrayOf("bigint", contractIds(su, tag).toArray()));
                while (true) {
                    long now = System.nanoTime();
                    boolean pcpDone = pcp.confirmedCount.get() - confirmedBefore >= expected;
                    if (pcpDone || now - lastLook > 5_000_000_000L || now > deadline) {
                        lastLook = now;
                        int pending;
                        int refused;
                        try (ResultSet rows = count.executeQuery()) {
                            rows.next();
                            pending = rows.getInt(1);
                            refused = rows.getInt(2);
                        }
                        if (pending == 0 || refused > 0 || now > deadline) {
                            break;
                        }
                        if (!pcpDone) {
                            progress("  %s: %d di %d confermate dopo %.0f s", tag, expected - pending, expected, (now - t0) / 1e9);
                        }
                    }
                    sleep(pcpDone ? 100 : 50);
                }
            }
            // Measured before the callers stop, so that their threads are still there to be read.
            long t1 = System.nanoTime();
            long jvm1 = processCpu(ProcessHandle.current().pid(), false);
            Map<String, Long> pg1 = postgresCpu(data);
            Map<String, Long> threads1 = threadCpu();
            stop.set(true);
            for (Thread caller : running) {
                caller.join();
            }
            if (jfrRecording != null) {
                jfrRecording.stop();
                jfrRecording.close();
            }
            double lastConfirmation;
            int confirmed;
            try (Connection su = superuser(url); PreparedStatement select = su.prepareStatement("""
                    select count(*) filter (where t.state = 'CONFERMATA'), extract(epoch from max(t.confirmed_at) - ?)
                    from transmission t join contract c on c.id = t.contract_id where c.oggetto like ?""")) {
                select.setTimestamp(1, Timestamp.from(startedAt));
                select.setString(2, prefix(tag) + "%");
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    confirmed = rows.getInt(1);
                    lastConfirmation = rows.getDouble(2);
                }
                if (confirmed != expected) {
                    problems(su, tag);
                    throw new IllegalStateException(tag + ": " + confirmed + " righe confermate di " + expected
                            + " (rifiutate, o tempo scaduto dopo " + timeoutSeconds + " s)");
                }
            }
            Map<String, Long> byGroup = new TreeMap<>();
            for (Map.Entry<String, Long> entry : threads1.entrySet()) {
                String[] key = entry.getKey().split("\t", 2);
                long delta = entry.getValue() - threads0.getOrDefault(entry.getKey(), 0L);
                byGroup.merge(threadGroup(key[1]), delta, Long::sum);
            }
            Map<String, Long> postgresByKind = new TreeMap<>();
            pg1.forEach((kind, ms) -> postgresByKind.put(kind, ms - pg0.getOrDefault(kind, 0L)));
            long postgresMs = postgresByKind.values().stream().mapToLong(Long::longValue).sum();
            return new Measure(startedAt, (t1 - t0) / 1e9, lastConfirmation, expected, byGroup, jvm1 - jvm0, postgresMs, postgresByKind,
                    rounds.sum(), empty.sum(), served.sum());
        }

        private void describe(int t, Measure m) {
            double rate = m.rows() / m.lastConfirmationSeconds();
            double cores = (m.jvmMs() + m.postgresMs()) / (m.wallSeconds() * 1000);
            report("Misura: %d schede confermate in %.1f s (dall'avvio all'ultima conferma, `confirmed_at`) = **%.0f schede/s**;"
                    + " osservate tutte confermate dopo %.1f s", m.rows(), m.lastConfirmationSeconds(), rate, m.wallSeconds());
            report("CPU per scheda: JVM %.2f ms, suo PostgreSQL %.2f ms, in tutto **%.2f ms**; core usati in media %.2f (JVM %.2f, PostgreSQL %.2f)",
                    (double) m.jvmMs() / m.rows(), (double) m.postgresMs() / m.rows(), (double) (m.jvmMs() + m.postgresMs()) / m.rows(),
                    cores, m.jvmMs() / (m.wallSeconds() * 1000), m.postgresMs() / (m.wallSeconds() * 1000));
            StringBuilder groups = new StringBuilder();
            for (Map.Entry<String, Long> group : m.jvmThreadsMs().entrySet()) {
                if (group.getValue() > 0) {
                    groups.append(groups.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f ms", group.getKey(),
                            (double) group.getValue() / m.rows()));
                }
            }
            report("CPU della JVM per scheda, per gruppo di thread (da /proc/self/task): %s", groups);
            StringBuilder kinds = new StringBuilder();
            for (Map.Entry<String, Long> kind : m.postgresByKind().entrySet()) {
                kinds.append(kinds.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f ms", kind.getKey(),
                        (double) kind.getValue() / m.rows()));
            }
            report("CPU di PostgreSQL per scheda, per processo: %s", kinds);
            report("Giri di deliverDue(): %d (%d vuoti), righe servite %d (%.2f passi per scheda: crea+conferma, poi esito)",
                    m.rounds(), m.emptyRounds(), m.served(), (double) m.served() / m.rows());
            report("Carico alla fine: %s", machineLoad());
            summary.add(String.format(Locale.ROOT, "T = %d: %.0f schede/s; CPU per scheda JVM %.2f ms + PostgreSQL %.2f ms = %.2f ms; %.2f core",
                    t, rate, (double) m.jvmMs() / m.rows(), (double) m.postgresMs() / m.rows(),
                    (double) (m.jvmMs() + m.postgresMs()) / m.rows(), cores));
        }

        /** pg_stat_statements: reset before the delivery (measure null), then the statements by time per scheda. */
        private void statementStats(Measure measure) throws SQLException {
            try (Connection su = superuser(url); Statement statement = su.createStatement()) {
                if (measure == null) {
                    statement.execute("create extension if not exists pg_stat_statements");
                    statement.execute("select pg_stat_statements_reset()");
                    return;
                }
                report("");
                report("PostgreSQL per scheda, da pg_stat_statements (tempo di esecuzione nel server, attese di lock comprese):");
                report("");
                report("| istruzione | volte per scheda | ms per scheda | ms per volta |");
                report("|---|---:|---:|---:|");
                double totalMs = 0;
                double totalCalls = 0;
                try (ResultSet rows = statement.executeQuery("""
                        select s.query, s.calls, s.total_exec_time from pg_stat_statements s
                        where s.dbid = (select oid from pg_database where datname = 'openesecuzione')
                        order by s.total_exec_time desc""")) {
                    int shown = 0;
                    while (rows.next()) {
                        double ms = rows.getDouble(3);
                        long calls = rows.getLong(2);
                        totalMs += ms;
                        totalCalls += calls;
                        if (shown++ < 25) {
                            String query = rows.getString(1).replaceAll("\\s+", " ").replace("|", "\\|");
                            report("| `%s` | %.2f | %.3f | %.3f |", query.length() > 150 ? query.substring(0, 150) + "…" : query,
                                    (double) calls / measure.rows(), ms / measure.rows(), ms / Math.max(1, calls));
                        }
                    }
                }
                report("| **tutte** | %.1f | %.3f | |", totalCalls / measure.rows(), totalMs / measure.rows());
            }
        }

        // -----------------------------------------------------------------------------------------
        // end-state checks
        // -----------------------------------------------------------------------------------------

        private void verify(InMemoryPcp pcp, String tag, int contractCount, int eventCount, Instant since) throws SQLException {
            int expected = contractCount * eventCount;
            report("");
            report("Verifica dello stato finale (SQL come superutente; mappe del PCP in memoria):");
            try (Connection su = superuser(url)) {
                Map<Long, UUID> appaltoOf = new HashMap<>();
                Map<Long, UUID> contrattoOf = new HashMap<>();
                Map<Long, List<Object[]>> rowsOf = new HashMap<>();   // contract -> {seq, code, id_scheda, state, id_appalto}
                try (PreparedStatement select = su.prepareStatement("""
                        select c.id, c.id_appalto, c.id_contratto, t.seq, t.code, t.id_scheda, t.state, t.id_appalto, t.confirmed_at
                        from contract c join transmission t on t.contract_id = c.id where c.oggetto like ? order by c.id, t.seq""")) {
                    select.setString(1, prefix(tag) + "%");
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            long id = rows.getLong(1);
                            appaltoOf.put(id, rows.getObject(2, UUID.class));
                            contrattoOf.put(id, rows.getObject(3, UUID.class));
                            rowsOf.computeIfAbsent(id, k -> new ArrayList<>()).add(new Object[] {rows.getInt(4), rows.getString(5),
                                    rows.getObject(6, UUID.class), rows.getString(7), rows.getObject(8, UUID.class), rows.getTimestamp(9)});
                        }
                    }
                }
                long rowCount = rowsOf.values().stream().mapToLong(List::size).sum();
                long confirmedRows = rowsOf.values().stream().flatMap(List::stream).filter(r -> "CONFERMATA".equals(r[3])).count();
                check(rowCount == expected && rowsOf.size() == contractCount, "righe della coda %d di %d contratti (attese %d di %d)",
                        rowCount, rowsOf.size(), expected, contractCount);
                check(confirmedRows == expected, "righe CONFERMATA: %d di %d", confirmedRows, expected);
                long platformOrder = 0;
                long withoutIds = 0;
                for (List<Object[]> rows : rowsOf.values()) {
                    for (int i = 0; i < rows.size(); i++) {
                        if (rows.get(i)[2] == null || rows.get(i)[5] == null) {
                            withoutIds++;
                        }
                        if (i > 0 && rows.get(i)[5] != null && rows.get(i - 1)[5] != null
                                && ((Timestamp) rows.get(i)[5]).before((Timestamp) rows.get(i - 1)[5])) {
                            platformOrder++;
                        }
                    }
                }
                check(withoutIds == 0, "ogni riga ha l'idScheda e l'ora di conferma (%d senza)", withoutIds);
                check(platformOrder == 0, "per contratto, confirmed_at della piattaforma non decresce con seq (%d inversioni)", platformOrder);

                // PCP's side: exactly one scheda created per row, confirmed in the order of seq, carrying the right ids.
                long created = 0;
                long notConfirmedOnPcp = 0;
                long strangers = 0;
                long outOfOrder = 0;
                long wrongIdContratto = 0;
                long salNotIncreasing = 0;
                long appaltoMismatch = 0;
                for (Map.Entry<Long, List<Object[]>> contract : rowsOf.entrySet()) {
                    UUID idAppalto = appaltoOf.get(contract.getKey());
                    InMemoryPcp.Appalto appalto = pcp.find(idAppalto);
                    if (appalto == null) {
                        strangers += contract.getValue().size();
                        continue;
                    }
                    synchronized (appalto) {
                        created += appalto.schede.size();
                        notConfirmedOnPcp += appalto.schede.stream().filter(s -> !"CONF".equals(s.stato)).count();
                        Map<UUID, Object[]> rowOfScheda = new HashMap<>();
                        for (Object[] row : contract.getValue()) {
                            rowOfScheda.put((UUID) row[2], row);
                            if (!idAppalto.equals(row[4])) {
                                appaltoMismatch++;
                            }
                        }
                        int previousSeq = 0;
                        BigDecimal previousSal = BigDecimal.ZERO;
                        for (InMemoryPcp.Scheda scheda : appalto.confirmed) {
                            Object[] row = rowOfScheda.get(scheda.id);
                            if (row == null || !scheda.codice.equals(row[1])) {
                                strangers++;
                                continue;
                            }
                            if ((int) row[0] <= previousSeq) {
                                outOfOrder++;
                            }
                            previousSeq = (int) row[0];
                            Map<?, ?> anacForm = (Map<?, ?>) ((Map<?, ?>) scheda.content.get("body")).get("anacForm");
                            if ("SC1".equals(scheda.codice)) {
                                if (!scheda.idContratto.equals(contrattoOf.get(contract.getKey()))) {
                                    wrongIdContratto++;
                                }
                            } else if (!String.valueOf(appalto.idContratto).equals(String.valueOf(anacForm.get("idContratto")))) {
                                wrongIdContratto++;
                            }
                            if ("SA1".equals(scheda.codice)) {
                                BigDecimal sal = new BigDecimal(String.valueOf(((Map<?, ?>) anacForm.get("avanzamento")).get("impSal")));
                                if (sal.compareTo(previousSal) <= 0) {
                                    salNotIncreasing++;
                                }
                                previousSal = sal;
                            }
                        }
                        if (appalto.confirmed.size() != contract.getValue().size()) {
                            outOfOrder += Math.abs(appalto.confirmed.size() - contract.getValue().size());
                        }
                    }
                }
                check(created == expected, "crea-scheda riusciti sul PCP in memoria per gli appalti della misura: %d (attesi %d: una volta"
                        + " per scheda)", created, expected);
                check(notConfirmedOnPcp == 0, "schede del PCP in memoria non confermate (IN_LAV, CANC, ANN): %d", notConfirmedOnPcp);
                check(strangers == 0 && appaltoMismatch == 0, "ogni scheda confermata sul PCP è di una riga del suo contratto, con lo stesso"
                        + " codice e lo stesso idAppalto (%d estranee, %d idAppalto diversi)", strangers, appaltoMismatch);
                check(outOfOrder == 0, "per contratto, l'ordine di conferma sul PCP è l'ordine degli eventi (seq): %d fuori ordine", outOfOrder);
                check(wrongIdContratto == 0, "l'idContratto della SC1 è quello del contratto sulla piattaforma e ogni I1/SA1 lo porta"
                        + " (%d difformi)", wrongIdContratto);
                check(salNotIncreasing == 0, "per contratto, gli impSal delle SA1 confermate crescono nell'ordine di conferma (%d no)",
                        salNotIncreasing);
                Map<String, Long> calls = new TreeMap<>();
                pcp.calls.forEach((name, adder) -> calls.put(name, adder.sum()));
                report("  chiamate al PCP in memoria in tutto (riscaldamento compreso): %s", calls);

                // The audit trail: three entries per scheda, and nothing else from the delivery.
                Map<String, Long> audit = new TreeMap<>();
                try (PreparedStatement select = su.prepareStatement("""
                        select a.action, count(*) from audit_entry a join contract c on c.id = a.contract_id
                        where c.oggetto like ? and a.occurred_at >= ? and a.action like 'PCP%' group by a.action""")) {
                    select.setString(1, prefix(tag) + "%");
                    select.setTimestamp(2, Timestamp.from(since));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            audit.put(rows.getString(1), rows.getLong(2));
                        }
                    }
                }
                Map<String, Long> wanted = Map.of("PCP_CREA_SCHEDA", (long) expected, "PCP_CONFERMA_SCHEDA", (long) expected,
                        "PCP_SCHEDA_CONFERMATA", (long) expected);
                check(audit.equals(new TreeMap<>(wanted)), "registro delle operazioni: una voce PCP_CREA_SCHEDA, PCP_CONFERMA_SCHEDA e"
                        + " PCP_SCHEDA_CONFERMATA per scheda, nient'altro: %s", audit);
            }
        }

        /** The audit hash chains still verify (GET /api/v1/audit/verify as admin.piattaforma). */
        private void auditChains() throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try (Connection su = superuser(url)) {
                String token = createToken(su, userId(su, "admin.piattaforma"));
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/v1/audit/verify")).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(600))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                Matcher entries = Pattern.compile("\"entries\":(\\d+)").matcher(response.body());
                long total = 0;
                int chains = 0;
                while (entries.find()) {
                    total += Long.parseLong(entries.group(1));
                    chains++;
                }
                boolean intact = response.statusCode() == 200 && response.body().contains("\"intact\":true")
                        && !response.body().contains("\"intact\":false");
                check(intact, "catene del registro delle operazioni integre (GET /api/v1/audit/verify): %d catene, %d voci%s", chains, total,
                        intact ? "" : ": HTTP " + response.statusCode() + " " + response.body());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // seeding through the HTTP API
    // ---------------------------------------------------------------------------------------------

    /**
     * Contracts and events through the platform's API with personal API tokens (HTTP Basic would cost a
     * bcrypt per request), contracts split between genova.rup and savona.rup (two audit chains), events
     * recorded round by round (event k of every contract, then event k+1), as TransmissionBenchmark does.
     */
    private static final class Seeder {

        private final String url;
        private final int httpPort;
        private final String tag;
        private final int contracts;
        private final int events;
        private final int clients;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, String> tokens = new HashMap<>();
        private final Map<String, Long> rupIds = new HashMap<>();

        Seeder(String url, int httpPort, String tag, int contracts, int events, int clients) {
            this.url = url;
            this.httpPort = httpPort;
            this.tag = tag;
            this.contracts = contracts;
            this.events = events;
            this.clients = clients;
        }

        void run() throws Exception {
            try (Connection su = superuser(url)) {
                for (String rup : RUPS) {
                    long userId = userId(su, rup);
                    rupIds.put(rup, userId);
                    tokens.put(rup, createToken(su, userId));
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                long started = System.nanoTime();
                long[] ids = new long[contracts];
                runAll(pool, contracts, n -> ids[n] = createContract(n));
                double contractSeconds = (System.nanoTime() - started) / 1e9;
                long eventsStarted = System.nanoTime();
                for (int round = 0; round < events; round++) {
                    int k = round;
                    runAll(pool, contracts, n -> record(n, ids[n], k));
                }
                double seconds = (System.nanoTime() - eventsStarted) / 1e9;
                report("Semina `%s`: %d contratti in %.1f s (%.0f/s), %d eventi in %.1f s (%.0f eventi/s)", tag, contracts, contractSeconds,
                        contracts / contractSeconds, contracts * events, seconds, contracts * events / seconds);
            } finally {
                pool.shutdown();
            }
        }

        private interface Task {
            void run(int index) throws Exception;
        }

        private void runAll(ExecutorService pool, int count, Task task) throws Exception {
            ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < count; i++) {
                queue.add(i);
            }
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    Integer next;
                    while ((next = queue.poll()) != null) {
                        task.run(next);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }

        private long createContract(int n) throws Exception {
            String rup = RUPS[n % RUPS.length];
            for (int attempt = 1; ; attempt++) {
                // A random CIG (SIMOG/PCP format, prefixes A-U): a clash with an existing one is retried.
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String cig = Cig.generate(Cig.Format.SIMOG_V2_PCP, (char) ('A' + random.nextInt(21)), random.nextLong(0x1000000L)).value();
                String body = """
                        {"oggetto": "%s%d", "tipologia": "LAVORI", "settore": "ORDINARIO", "sopraSoglia": false, "concessione": false,
                         "procedura": "NEGOZIATA_SENZA_BANDO", "importoBaseGara": 500000.00, "ribasso": 10.5,
                         "importoContrattuale": 449750.00, "oneriSicurezza": 15000.00, "durataGiorni": 180, "cup": "B31B24000990001",
                         "lotti": [{"cig": "%s", "descrizione": "Lotto unico"}],
                         "aggiudicatario": {"denominazione": "Impresa Benchmark S.r.l.", "codiceFiscale": "01172530105",
                                            "partitaIva": "01172530105"},
                         "rupId": %d, "idAppalto": "%s"}""".formatted(prefix(tag), n, cig, rupIds.get(rup), UUID.randomUUID());
                HttpResponse<String> response = post(rup, "/api/v1/contracts", body);
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(response.body());
                    if (!id.find()) {
                        throw new IllegalStateException("Risposta senza id: " + response.body());
                    }
                    return Long.parseLong(id.group(1));
                }
                if (attempt >= 3) {
                    throw new IllegalStateException("Creazione del contratto " + n + ": HTTP " + response.statusCode() + " " + response.body());
                }
            }
        }

        /** Event k (0: SC1, 1: I1, 2..: SA1) of contract n; a 409 (optimistic lock) is retried. */
        private void record(int n, long contractId, int k) throws Exception {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = post(RUPS[n % RUPS.length], "/api/v1/contracts/" + contractId + "/events", event(k));
                if (response.statusCode() == 201) {
                    return;
                }
                if (response.statusCode() != 409 || attempt >= 5) {
                    throw new IllegalStateException("Evento " + k + " del contratto " + contractId + ": HTTP " + response.statusCode() + " "
                            + response.body());
                }
            }
        }

        /** SC1 signed 10 Feb 2026, I1 handed over 2 March, then one SAL a week, 20,000 euro each (cumulative). */
        private static String event(int k) {
            if (k == 0) {
                return """
                        {"type": "SC1", "data": {"datiContratto": {"idPartecipante": "%s", "dataStipula": "2026-02-10",
                         "dataDecorrenza": "2026-02-10", "dataScadenza": "2026-08-31", "importoCauzione": 1000}}}"""
                        .formatted(PARTICIPANT);
            }
            if (k == 1) {
                return """
                        {"type": "I1", "data": {"datiInizio": {"consegnaFrazionata": false, "consegnaSottoRiserva": false,
                         "dataVerbaleConsegnaDefinitiva": "2026-03-02", "dataEffettivoInizio": "2026-03-02"}}}""";
            }
            int sal = k - 1;
            LocalDate date = LocalDate.of(2026, 3, 2).plusDays(7L * sal);
            return """
                    {"type": "SA1", "data": {"avanzamento": {"denominazioneAvanzamento": "SAL n. %d al %s",
                     "modalitaPagamento": {"idTipologica": "modalitaPagamento", "codice": "1"}, "dataAvanzamento": "%s",
                     "impSal": %d.00, "avanzamento": {"idTipologica": "avanzamento", "codice": "9"}}}}"""
                    .formatted(sal, date, date, 20000 * sal);
        }

        private HttpResponse<String> post(String rup, String path, String body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .header("Authorization", "Bearer " + tokens.get(rup)).header("Content-Type", "application/json")
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // SQL helpers
    // ---------------------------------------------------------------------------------------------

    static Connection superuser(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    static List<Long> contractIds(Connection su, String tag) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = su.prepareStatement("select id from contract where oggetto like ?")) {
            select.setString(1, prefix(tag) + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The prefix of the oggetto of the contracts of one backlog: what every query of this driver selects on. */
    static String prefix(String tag) {
        return "Benchmark coda " + tag + " n. ";
    }

    static long userId(Connection su, String username) throws SQLException {
        try (PreparedStatement select = su.prepareStatement("select id from app_user where username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("Utente demo " + username + " assente: servono i dati demo");
                }
                return rows.getLong(1);
            }
        }
    }

    /** A personal API token, stored as the platform stores them. */
    static String createToken(Connection su, long userId) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = "oe_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        try (PreparedStatement delete = su.prepareStatement("delete from api_token where user_id = ? and name = ?");
                PreparedStatement insert = su.prepareStatement("""
                        insert into api_token (user_id, name, token_hash, prefix, created_at) values (?, ?, ?, ?, now())""")) {
            delete.setLong(1, userId);
            delete.setString(2, TOKEN_NAME);
            delete.executeUpdate();
            insert.setLong(1, userId);
            insert.setString(2, TOKEN_NAME);
            insert.setString(3, hash);
            insert.setString(4, token.substring(0, 10));
            insert.executeUpdate();
        }
        return token;
    }

    /**
     * Puts a backlog's rows back in the queue as just recorded — no PCP ids, no idContratto, a new idAppalto
     * per contract, so PCP starts each contract afresh — due now, or ({@link #park}) only in ten years.
     */
    static void reset(String url, String tag) throws SQLException {
        requeue(url, tag, "interval '0 seconds'");
    }

    static void park(String url, String tag) throws SQLException {
        requeue(url, tag, "interval '10 years'");
    }

    private static void requeue(String url, String tag, String delay) throws SQLException {
        try (Connection su = superuser(url); PreparedStatement rows = su.prepareStatement("""
                update transmission t set state = 'IN_CODA', id_appalto = null, id_scheda = null, id_contratto = null, attempts = 0,
                       next_attempt_at = now() + %s, lease_owner = null, lease_until = null, create_started_at = null, last_error = null,
                       errori = '[]', payload = null, confirmed_at = null, created_at = now(), updated_at = now()
                from contract c where c.id = t.contract_id and c.oggetto like ?""".formatted(delay));
                PreparedStatement contracts = su.prepareStatement(
                        "update contract set id_contratto = null, id_appalto = gen_random_uuid() where oggetto like ?")) {
            su.setAutoCommit(false);
            rows.setString(1, prefix(tag) + "%");
            contracts.setString(1, prefix(tag) + "%");
            rows.executeUpdate();
            contracts.executeUpdate();
            su.commit();
        }
        try (Connection su = superuser(url); Statement statement = su.createStatement()) {
            statement.execute("vacuum analyze transmission");
        }
    }

    /** The rows not confirmed, with PCP's errors (at most 20). */
    static void problems(Connection su, String tag) throws SQLException {
        try (PreparedStatement select = su.prepareStatement("""
                select t.contract_id, t.seq, t.code, t.state, t.attempts, t.errori::text, t.last_error
                from transmission t join contract c on c.id = t.contract_id
                where c.oggetto like ? and t.state <> 'CONFERMATA' order by t.state desc, t.contract_id, t.seq limit 20""")) {
            select.setString(1, prefix(tag) + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    report("    contratto %d, evento %d (%s): %s, %d tentativi falliti, errori %s, ultimo errore: %s", rows.getLong(1),
                            rows.getInt(2), rows.getString(3), rows.getString(4), rows.getInt(5), rows.getString(6), rows.getString(7));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // CPU from /proc
    // ---------------------------------------------------------------------------------------------

    /** User + system CPU of a process in ms, with its reaped children if asked; 0 if it is gone. */
    static long processCpu(long pid, boolean withChildren) {
        long[] fields = statFields(Path.of("/proc/" + pid + "/stat"));
        if (fields == null) {
            return 0;
        }
        long ticks = fields[11] + fields[12] + (withChildren ? fields[13] + fields[14] : 0);
        return ticks * 1000 / CLOCK_TICKS;
    }

    /**
     * CPU in ms of the PostgreSQL cluster of a data directory, by kind of process: the platform's connections
     * (oe_app), autovacuum, the other background processes (WAL writer, checkpointer…), and the rest: the
     * postmaster with the children it reaped (connections closed, autovacuum workers done) and this driver's
     * own connections (its progress queries), which open and close.
     */
    static Map<String, Long> postgresCpu(Path data) throws IOException {
        Map<String, Long> cpu = new TreeMap<>();
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return cpu;
        }
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        cpu.put("il resto (postmaster, processi terminati, query del driver)", processCpu(postmaster, true));
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] fields = statFields(process.resolve("stat"));
                if (fields == null || fields[1] != postmaster) {
                    continue;
                }
                String command;
                try {
                    command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    command = "";
                }
                String kind = command.startsWith("postgres: oe_app") ? "connessioni della piattaforma"
                        : command.startsWith("postgres: postgres") ? "il resto (postmaster, processi terminati, query del driver)"
                        : command.contains("autovacuum") ? "autovacuum" : "servizio (WAL, checkpoint…)";
                cpu.merge(kind, (fields[11] + fields[12] + fields[13] + fields[14]) * 1000 / CLOCK_TICKS, Long::sum);
            }
        }
        return cpu;
    }

    /** CPU in ms of every thread of this JVM, by "tid\tname" (the OS name: Java's, cut to 15 characters). */
    static Map<String, Long> threadCpu() throws IOException {
        Map<String, Long> cpu = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    long[] fields = statFields(task.resolve("stat"));
                    if (fields != null) {
                        cpu.put(task.getFileName() + "\t" + name, (fields[11] + fields[12]) * 1000 / CLOCK_TICKS);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // The thread ended meanwhile.
                }
            }
        }
        return cpu;
    }

    static String threadGroup(String name) {
        if (name.startsWith("pcp-delivery")) {
            return "pcp-delivery (consegna)";
        }
        if (name.startsWith("outbox-caller")) {
            return "chiamanti deliverDue (claim)";
        }
        if (name.contains("CompilerThre")) {
            return "JIT";
        }
        if (name.startsWith("G1 ") || name.startsWith("GC Thread") || name.startsWith("VM Thread") || name.startsWith("VM Periodic")) {
            return "GC e VM";
        }
        if (name.startsWith("JFR")) {
            return "JFR";
        }
        return "altri";
    }

    /** The fields of a /proc stat file after the command name: index 0 is field 3 (state), 1 ppid, 11 utime, 12 stime, 13-14 children. */
    private static long[] statFields(Path stat) {
        String text;
        try {
            text = Files.readString(stat);
        } catch (IOException e) {
            return null;
        }
        String[] parts = text.substring(text.lastIndexOf(')') + 2).split(" ");
        long[] fields = new long[15];
        for (int i = 1; i < fields.length; i++) {
            fields[i] = Long.parseLong(parts[i]);
        }
        return fields;
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // JFR breakdown
    // ---------------------------------------------------------------------------------------------

    /**
     * Where the delivery threads' execution samples go: each sample is counted under the first category
     * (in this order) whose frame its stack contains, then the methods of the platform most often on the
     * stack, and the leaf methods.
     */
    static void profile(Path recording) throws IOException {
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("claim (JdbcTransmissions.claim)", "it.openesecuzione.transmission.internal.JdbcTransmissions.claim");
        categories.put("prepare(): evento (ExecutionLog.eventForBackgroundWork)", "it.openesecuzione.execution.ExecutionLog.eventForBackgroundWork");
        categories.put("prepare(): contratto (ContractRegistry.findForBackgroundWork)", "it.openesecuzione.contracts.ContractRegistry.findForBackgroundWork");
        categories.put("prepare(): righe del contratto (Transmissions.forContract)", "it.openesecuzione.transmission.internal.JdbcTransmissions.forContract");
        categories.put("prepare(): ente e RUP (UserDirectory)", "it.openesecuzione.identity.UserDirectory.");
        categories.put("prepare(): SchedaPayloads.of", "it.openesecuzione.transmission.SchedaPayloads.of");
        categories.put("prepare(): altro", "it.openesecuzione.transmission.TransmissionDelivery.prepare");
        categories.put("audit (AuditTrail.append)", "it.openesecuzione.audit.AuditTrail.append");
        categories.put("impronta SHA-256 della scheda (fingerprint)", "it.openesecuzione.transmission.TransmissionDelivery.fingerprint");
        categories.put("aggiornamenti di stato della riga (JdbcTransmissions)", "it.openesecuzione.transmission.internal.JdbcTransmissions.");
        categories.put("PCP in memoria", "it.openesecuzione.bench.OutboxBenchmark$InMemoryPcp.");
        categories.put("inizio/fine transazione (scope, commit)", "org.springframework.transaction.support.TransactionTemplate.execute");
        Map<String, Long> counts = new LinkedHashMap<>();
        categories.keySet().forEach(name -> counts.put(name, 0L));
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> leaves = new HashMap<>();
        long postgresDriver = 0;
        long jackson = 0;
        long total = 0;
        long other = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
                    continue;
                }
                RecordedThread thread = event.getThread("sampledThread");
                String name = thread == null ? "" : String.valueOf(thread.getJavaName());
                if (!name.startsWith("pcp-delivery") && !name.startsWith("outbox-caller")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null) {
                    continue;
                }
                total++;
                List<String> frames = new ArrayList<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                }
                if (!frames.isEmpty()) {
                    leaves.merge(frames.get(0), 1L, Long::sum);
                }
                frames.stream().filter(f -> f.startsWith("it.openesecuzione.")).distinct().forEach(f -> inclusive.merge(f, 1L, Long::sum));
                if (frames.stream().anyMatch(f -> f.startsWith("org.postgresql."))) {
                    postgresDriver++;
                }
                if (frames.stream().anyMatch(f -> f.startsWith("tools.jackson.") || f.startsWith("com.fasterxml.jackson."))) {
                    jackson++;
                }
                String category = null;
                for (Map.Entry<String, String> entry : categories.entrySet()) {
                    if (frames.stream().anyMatch(f -> f.startsWith(entry.getValue()))) {
                        category = entry.getKey();
                        break;
                    }
                }
                if (category == null) {
                    other++;
                } else {
                    counts.merge(category, 1L, Long::sum);
                }
            }
        }
        long all = Math.max(1, total);
        report("");
        report("| Campioni dei thread della consegna (%d) | quota |", total);
        report("|---|---:|");
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            report("| %s | %.1f %% |", entry.getKey(), 100.0 * entry.getValue() / all);
        }
        report("| altro (ciclo dei thread, attese) | %.1f %% |", 100.0 * other / all);
        report("| — di cui, trasversalmente: nel driver JDBC (org.postgresql) | %.1f %% |", 100.0 * postgresDriver / all);
        report("| — di cui, trasversalmente: in Jackson | %.1f %% |", 100.0 * jackson / all);
        report("");
        report("Metodi della piattaforma più spesso sullo stack (quota dei campioni):");
        inclusive.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                .forEach(e -> report("  %5.1f %%  %s", 100.0 * e.getValue() / all, e.getKey()));
        report("Metodi foglia più frequenti:");
        leaves.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
                .forEach(e -> report("  %5.1f %%  %s", 100.0 * e.getValue() / all, e.getKey()));
    }

    // ---------------------------------------------------------------------------------------------
    // small helpers
    // ---------------------------------------------------------------------------------------------

    private static void check(boolean ok, String format, Object... args) {
        report("  [%s] %s", ok ? "ok" : "FALLITA", String.format(Locale.ROOT, format, args));
        if (!ok) {
            failures++;
        }
    }

    /** A line of the results (file and stderr). */
    static synchronized void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.err.println(line);
        if (results != null) {
            results.println(line);
        }
    }

    /** A progress line (stderr only). */
    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%tT] %s%n", new java.util.Date(), String.format(Locale.ROOT, format, args));
    }

    /** Load average and how many JVMs run now (someone else's benchmark or build makes the figures worse). */
    static String machineLoad() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            long javas = ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).count();
            return "load average " + load[0] + " " + load[1] + " " + load[2] + "; JVM in esecuzione: " + javas;
        } catch (IOException e) {
            return "?";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Opzione non valida: " + arg + " (forma: --nome=valore)");
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return values;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Serve --" + name + "=…");
        }
        return value;
    }
}
