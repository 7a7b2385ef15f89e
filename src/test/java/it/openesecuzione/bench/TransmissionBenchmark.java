package it.openesecuzione.bench;

import it.openesecuzione.shared.Cig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Driver of {@code bench/transmission-faults.sh} and {@code bench/transmission-throughput.sh}: seeds
 * contracts and execution events through the platform's HTTP API, follows the outbox while it is
 * delivered to the PCP simulator, and checks the end state with SQL on the embedded PostgreSQL (as the
 * cluster's superuser, so row-level security does not hide anything).
 *
 * <p>Not a test: it has a {@code main} and no JUnit annotations. The scripts run it in source-file mode
 * ({@code java -cp <classes and libs of the jar> TransmissionBenchmark.java <command> ...}), so it needs
 * neither a pom change nor a test build.
 *
 * <p>Commands and options ({@code --name=value}):
 * <ul>
 *   <li>{@code seed}: {@code pg-port}, {@code http-port}, {@code tag} (names the contracts of one run),
 *       {@code contracts} (500), {@code sa1} per contract (18), {@code clients} (8). Each contract (works,
 *       449,750.00 euro, its own {@code idAppalto}) gets SC1, I1 and {@code sa1} SA1 with increasing
 *       cumulative impSal, recorded round by round (event k of every contract, then event k+1), split
 *       between genova.rup and savona.rup (two authorities, two audit chains). Resumable: an event whose
 *       answer is lost is looked up in the database before being sent again, so a restart of the
 *       platform during seeding neither loses nor duplicates one.</li>
 *   <li>{@code progress}: {@code pg-port}, {@code tag}, {@code expected} rows, {@code until} (confirmed rows
 *       to wait for; default all), {@code timeout} seconds (600), {@code quiet} (0). One line every 2 s.</li>
 *   <li>{@code verify}: {@code pg-port}, {@code http-port}, {@code tag}, {@code expected}. Exit code 1 on
 *       any violation.</li>
 *   <li>{@code report}: {@code pg-port}, {@code tag}, {@code since-ms} (start of the delivery, epoch ms):
 *       throughput and latencies from the outbox's own timestamps.</li>
 * </ul>
 */
public final class TransmissionBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String PARTICIPANT = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
    private static final String[] RUPS = {"genova.rup", "savona.rup"};

    private TransmissionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("Comando: seed | progress | verify | report");
        }
        Map<String, String> options = options(args);
        String url = "jdbc:postgresql://127.0.0.1:" + required(options, "pg-port") + "/openesecuzione";
        String tag = options.getOrDefault("tag", "bench");
        int exit = 0;
        switch (args[0]) {
            case "seed" -> new Seeder(url, ports(required(options, "http-port")), tag,
                    Integer.parseInt(options.getOrDefault("contracts", "500")), Integer.parseInt(options.getOrDefault("sa1", "18")),
                    Integer.parseInt(options.getOrDefault("clients", "8")), Double.parseDouble(options.getOrDefault("rate", "0"))).run();
            case "progress" -> exit = progress(url, tag, Integer.parseInt(required(options, "expected")),
                    Integer.parseInt(options.getOrDefault("until", "-1")), Integer.parseInt(options.getOrDefault("timeout", "600")),
                    "1".equals(options.get("quiet")));
            case "verify" -> exit = new Verifier(url, options.containsKey("sim-pg-port")
                    ? "jdbc:postgresql://127.0.0.1:" + options.get("sim-pg-port") + "/openesecuzione" : url,
                    ports(required(options, "http-port")).get(0), tag, Integer.parseInt(required(options, "expected"))).run();
            case "report" -> report(url, tag, Long.parseLong(required(options, "since-ms")));
            case "reset" -> reset(url, tag, false);
            case "park" -> reset(url, tag, true);
            default -> throw new IllegalArgumentException("Comando sconosciuto: " + args[0]);
        }
        System.exit(exit);
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

    /** "8080" or "8080,8081": the platform nodes to talk to. */
    private static List<Integer> ports(String list) {
        List<Integer> ports = new ArrayList<>();
        for (String port : list.split(",")) {
            ports.add(Integer.parseInt(port.trim()));
        }
        return ports;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("Serve --" + name + "=…");
        }
        return value;
    }

    static Connection superuser(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /** The prefix of the oggetto of the contracts of one run: what every query of this driver selects on. */
    static String prefix(String tag) {
        return "Benchmark trasmissione " + tag + " n. ";
    }

    // ---------------------------------------------------------------------------------------------
    // seed
    // ---------------------------------------------------------------------------------------------

    private static final class Seeder {

        private final String url;
        private final List<Integer> httpPorts;
        private final String tag;
        private final int contracts;
        private final int sa1;
        private final int clients;
        /** Events per second at most (0: as fast as the clients go), for a steady load below capacity. */
        private final double rate;
        private final java.util.concurrent.atomic.AtomicLong nextSlot = new java.util.concurrent.atomic.AtomicLong();
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final Map<String, String> tokens = new HashMap<>();
        private final Map<String, Long> rupIds = new HashMap<>();
        private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger retries = new AtomicInteger();

        Seeder(String url, List<Integer> httpPorts, String tag, int contracts, int sa1, int clients, double rate) {
            this.url = url;
            this.httpPorts = httpPorts;
            this.tag = tag;
            this.contracts = contracts;
            this.sa1 = sa1;
            this.clients = clients;
            this.rate = rate;
        }

        void run() throws Exception {
            Map<Integer, long[]> existing = new HashMap<>();   // n -> {contract id, events recorded}
            try (Connection su = superuser(url)) {
                for (String rup : RUPS) {
                    long userId = userId(su, rup);
                    rupIds.put(rup, userId);
                    tokens.put(rup, createToken(su, userId));
                }
                existing.putAll(existing(su));
            }
            int events = 2 + sa1;
            OUT.printf("Semina: %d contratti × %d eventi (SC1, I1, %d SA1) = %d eventi, %d client HTTP in parallelo verso %s%s%n",
                    contracts, events, sa1, contracts * events, clients, httpPorts.size() == 1 ? "la porta " + httpPorts.get(0)
                            : "le porte " + httpPorts, rate > 0 ? ", al più " + rate + " eventi/s" : "");

            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long started = System.nanoTime();
            List<long[]> all = new ArrayList<>();   // index n -> {contract id, events recorded}
            for (int n = 0; n < contracts; n++) {
                all.add(existing.getOrDefault(n, new long[] {0, 0}));
            }
            runAll(pool, contracts, n -> {
                if (all.get(n)[0] == 0) {
                    all.get(n)[0] = createContract(n, 1);
                }
            });
            double contractSeconds = (System.nanoTime() - started) / 1e9;
            OUT.printf("Contratti: %d in %.1f s (%.0f/s)%n", contracts, contractSeconds, contracts / contractSeconds);

            long eventsStarted = System.nanoTime();
            nextSlot.set(eventsStarted);
            latenciesMicros.clear();
            int sent = 0;
            for (int round = 0; round < events; round++) {
                int k = round;
                List<Integer> due = new ArrayList<>();
                for (int n = 0; n < contracts; n++) {
                    if (all.get(n)[1] <= k) {
                        due.add(n);
                    }
                }
                sent += due.size();
                runAll(pool, due.size(), i -> {
                    int n = due.get(i);
                    record(n, all.get(n)[0], k);
                    all.get(n)[1] = k + 1;
                });
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - eventsStarted) / 1e9;
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            OUT.printf(Locale.ROOT, "Eventi: %d registrati in %.1f s = %.1f eventi/s con %d client; latenza POST p50 %.1f ms,"
                    + " p95 %.1f ms, max %.1f ms; ritentativi %d%n", sent, seconds, sent / seconds, clients,
                    percentile(sorted, 50) / 1000.0, percentile(sorted, 95) / 1000.0,
                    sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0, retries.get());
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

        private static String rupOf(int n) {
            return RUPS[n % RUPS.length];
        }

        private Map<Integer, long[]> existing(Connection su) throws SQLException {
            Map<Integer, long[]> found = new HashMap<>();
            try (PreparedStatement select = su.prepareStatement("""
                    select c.id, c.oggetto, (select count(*) from execution_event e where e.contract_id = c.id)
                    from contract c where c.oggetto like ?""")) {
                select.setString(1, prefix(tag) + "%");
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int n = Integer.parseInt(rows.getString(2).substring(prefix(tag).length()));
                        found.put(n, new long[] {rows.getLong(1), rows.getLong(3)});
                    }
                }
            }
            if (!found.isEmpty()) {
                OUT.printf("Ripresa: %d contratti di questa esecuzione già presenti%n", found.size());
            }
            return found;
        }

        private long createContract(int n, int attempt) throws Exception {
            String rup = rupOf(n);
            // A random CIG (SIMOG/PCP format, prefixes A-U): a clash with an existing one is retried below.
            java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
            String cig = Cig.generate(Cig.Format.SIMOG_V2_PCP, (char) ('A' + random.nextInt(21)), random.nextLong(0x1000000L)).value();
            String body = """
                    {"oggetto": "%s%d", "tipologia": "LAVORI", "settore": "ORDINARIO", "sopraSoglia": false, "concessione": false,
                     "procedura": "NEGOZIATA_SENZA_BANDO", "importoBaseGara": 500000.00, "ribasso": 10.5,
                     "importoContrattuale": 449750.00, "oneriSicurezza": 15000.00, "durataGiorni": 180, "cup": "B31B24000990001",
                     "lotti": [{"cig": "%s", "descrizione": "Lotto unico"}],
                     "aggiudicatario": {"denominazione": "Impresa Benchmark S.r.l.", "codiceFiscale": "01172530105",
                                        "partitaIva": "01172530105"},
                     "rupId": %d, "idAppalto": "%s"}""".formatted(prefix(tag), n,
                    cig, rupIds.get(rup), UUID.randomUUID());
            HttpResponse<String> response = post(rup, port(n, attempt - 1), "/api/v1/contracts", body);
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                if (attempt < 3) {
                    return createContract(n, attempt + 1);
                }
                throw new IllegalStateException("Creazione del contratto " + n + ": HTTP " + response.statusCode() + " " + response.body());
            }
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(response.body());
            if (!id.find()) {
                throw new IllegalStateException("Risposta senza id: " + response.body());
            }
            return Long.parseLong(id.group(1));
        }

        /** Records event k (0: SC1, 1: I1, 2..: SA1) of contract n; after a lost answer, looks before sending again. */
        private void record(int n, long contractId, int k) throws Exception {
            String body = event(k);
            pace();
            for (int attempt = 1; ; attempt++) {
                try {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = post(rupOf(n), port(n, attempt - 1), "/api/v1/contracts/" + contractId + "/events", body);
                    latenciesMicros.add((System.nanoTime() - t0) / 1000);
                    if (response.statusCode() == 201) {
                        return;
                    }
                    if (response.statusCode() < 500 && response.statusCode() != 409) {
                        throw new IllegalStateException("Evento " + k + " del contratto " + contractId + ": HTTP "
                                + response.statusCode() + " " + response.body());
                    }
                    // 409: an optimistic-lock conflict or the order check; 5xx: the platform is restarting.
                } catch (IOException e) {
                    // The platform went away (killed): look before sending again.
                }
                retries.incrementAndGet();
                if (attempt >= 300) {
                    throw new IllegalStateException("Evento " + k + " del contratto " + contractId + ": troppi tentativi");
                }
                Thread.sleep(1000);
                if (recorded(contractId) > k) {
                    return;
                }
            }
        }

        /** Waits for this request's turn when a rate is set. */
        private void pace() throws InterruptedException {
            if (rate <= 0) {
                return;
            }
            long slot = nextSlot.getAndAdd((long) (1_000_000_000L / rate));
            long wait = slot - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }

        /** The node for contract n; after a failure the next one, so that a killed node does not stop the seeding. */
        private int port(int n, int failures) {
            return httpPorts.get((n + failures) % httpPorts.size());
        }

        /** How many events the contract has; -1 while the database cannot be reached (restarting). */
        private int recorded(long contractId) {
            try (Connection su = superuser(url);
                    PreparedStatement count = su.prepareStatement("select count(*) from execution_event where contract_id = ?")) {
                count.setLong(1, contractId);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            } catch (SQLException e) {
                return -1;
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

        private HttpResponse<String> post(String rup, int port, String path, String body) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + tokens.get(rup)).header("Content-Type", "application/json")
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    static long userId(Connection su, String username) throws SQLException {
        try (PreparedStatement select = su.prepareStatement("select id from app_user where username = ?")) {
            select.setString(1, username);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("Utente demo " + username + " assente: avviare la piattaforma con i dati demo");
                }
                return rows.getLong(1);
            }
        }
    }

    /** A personal API token (no bcrypt per request, unlike HTTP Basic), stored as the platform stores them. */
    static String createToken(Connection su, long userId) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = "oe_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        try (PreparedStatement delete = su.prepareStatement("delete from api_token where user_id = ? and name = 'benchmark-trasmissione'");
                PreparedStatement insert = su.prepareStatement("""
                        insert into api_token (user_id, name, token_hash, prefix, created_at)
                        values (?, 'benchmark-trasmissione', ?, ?, now())""")) {
            delete.setLong(1, userId);
            delete.executeUpdate();
            insert.setLong(1, userId);
            insert.setString(2, hash);
            insert.setString(3, token.substring(0, 10));
            insert.executeUpdate();
        }
        return token;
    }

    // ---------------------------------------------------------------------------------------------
    // progress
    // ---------------------------------------------------------------------------------------------

    /** Waits until {@code until} rows of the run are CONFERMATA (all if negative); 2 on timeout, 3 on a rejection. */
    static int progress(String url, String tag, int expected, int until, int timeoutSeconds, boolean quiet) throws Exception {
        int target = until < 0 ? expected : until;
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        int lastConfirmed = -1;
        long lastAt = System.nanoTime();
        while (true) {
            Map<String, Integer> states = new LinkedHashMap<>();
            for (String state : List.of("IN_CODA", "CREATA", "IN_CONFERMA", "CONFERMATA", "RIFIUTATA")) {
                states.put(state, 0);
            }
            int retried = 0;
            try (Connection su = superuser(url); PreparedStatement select = su.prepareStatement("""
                    select t.state, count(*), count(*) filter (where t.last_error is not null)
                    from transmission t join contract c on c.id = t.contract_id
                    where c.oggetto like ? group by t.state""")) {
                select.setString(1, prefix(tag) + "%");
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        states.put(rows.getString(1), rows.getInt(2));
                        retried += rows.getInt(3);
                    }
                }
            } catch (SQLException e) {
                OUT.printf("  (database non raggiungibile: %s)%n", e.getMessage());
                Thread.sleep(2000);
                continue;
            }
            int confirmed = states.get("CONFERMATA");
            long now = System.nanoTime();
            if (!quiet) {
                double rate = lastConfirmed < 0 ? 0 : (confirmed - lastConfirmed) / ((now - lastAt) / 1e9);
                OUT.printf(Locale.ROOT, "  [%tT] %s; in attesa di ritentare dopo un errore: %d; %.0f conferme/s%n",
                        new java.util.Date(), states, retried, rate);
            }
            lastConfirmed = confirmed;
            lastAt = now;
            if (states.get("RIFIUTATA") > 0) {
                OUT.println("Schede RIFIUTATE da PCP: il benchmark si ferma");
                try (Connection su = superuser(url)) {
                    problems(su, tag);
                }
                return 3;
            }
            if (confirmed >= target) {
                return 0;
            }
            if (now > deadline) {
                OUT.printf("Tempo scaduto: %d di %d confermate%n", confirmed, target);
                return 2;
            }
            Thread.sleep(2000);
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
                    OUT.printf("    contratto %d, evento %d (%s): %s, %d tentativi falliti, errori %s, ultimo errore: %s%n", rows.getLong(1),
                            rows.getInt(2), rows.getString(3), rows.getString(4), rows.getInt(5), rows.getString(6), rows.getString(7));
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // verify
    // ---------------------------------------------------------------------------------------------

    private static final class Verifier {

        private final String url;
        private final String simUrl;
        private final int httpPort;
        private final String tag;
        private final int expected;
        private int failures;

        Verifier(String url, String simUrl, int httpPort, String tag, int expected) {
            this.url = url;
            this.simUrl = simUrl;
            this.httpPort = httpPort;
            this.tag = tag;
            this.expected = expected;
        }

        int run() throws Exception {
            try (Connection su = superuser(url); Statement statement = su.createStatement()) {
                statement.execute("create temporary table bench_contract as select id, id_appalto, id_contratto from contract where oggetto like "
                        + quote(prefix(tag) + "%"));
                statement.execute("create temporary table bench_row as select t.* from transmission t join bench_contract c on c.id = t.contract_id");
                statement.execute("analyze bench_contract; analyze bench_row");
                OUT.println("\n## Verifica finale (SQL sul PostgreSQL incorporato, come superutente)\n");

                long events = single(su, "select count(*) from execution_event e join bench_contract c on c.id = e.contract_id");
                long rows = single(su, "select count(*) from bench_row");
                check(events == expected && rows == expected, "eventi registrati %d, righe della coda %d (attese %d)", events, rows, expected);
                check(single(su, "select count(*) from execution_event e join bench_contract c on c.id = e.contract_id "
                        + "where not exists (select 1 from bench_row t where t.contract_id = e.contract_id and t.seq = e.seq)") == 0,
                        "ogni evento ha la sua riga nella coda di invio");
                long confirmed = single(su, "select count(*) from bench_row where state = 'CONFERMATA'");
                check(confirmed == rows, "righe CONFERMATA: %d di %d %s", confirmed, rows, states(su));
                if (confirmed != rows) {
                    problems(su, tag);
                }
                check(single(su, "select count(*) from bench_row where id_scheda is null or confirmed_at is null") == 0,
                        "ogni riga ha l'idScheda di PCP e l'ora di conferma");
                check(single(su, "select count(*) from bench_contract where id_contratto is null") == 0,
                        "ogni contratto ha l'idContratto restituito da PCP alla conferma della SC1");

                // The simulator's side (its own database, or this one): the schede and operations of the run's appalti.
                copySimulator(su);
                Map<String, Long> byState = new LinkedHashMap<>();
                try (ResultSet result = statement.executeQuery("select stato, count(*) from bench_scheda group by stato order by stato")) {
                    while (result.next()) {
                        byState.put(result.getString(1), result.getLong(2));
                    }
                }
                OUT.printf("  schede sul simulatore per stato: %s%n", byState);
                long conf = byState.getOrDefault("CONF", 0L);
                check(conf == expected, "schede CONF sul simulatore: %d (attese %d, una per evento)", conf, expected);
                check(byState.getOrDefault("IN_LAV", 0L) == 0, "nessuna scheda lasciata IN_LAV sul simulatore (%d)",
                        byState.getOrDefault("IN_LAV", 0L));
                check(byState.getOrDefault("ANN", 0L) == 0, "nessuna scheda annullata (ANN: %d)", byState.getOrDefault("ANN", 0L));
                check(single(su, """
                        select count(*) from bench_row t left join bench_scheda s on s.id_scheda = t.id_scheda
                        where s.id_scheda is null or s.stato <> 'CONF' or s.codice <> t.code or s.id_appalto <> t.id_appalto""") == 0,
                        "l'idScheda di ogni riga è una scheda CONF del suo appalto, con lo stesso codice");
                check(single(su, "select count(*) from (select id_scheda from bench_row group by id_scheda having count(*) > 1) d") == 0,
                        "nessuna scheda di PCP è tenuta da due righe");
                long canc = byState.getOrDefault("CANC", 0L);
                long duplicates = single(su, """
                        select count(*) from bench_scheda d where d.stato = 'CANC'
                          and exists (select 1 from bench_scheda s where s.stato = 'CONF' and s.id_appalto = d.id_appalto
                                      and s.codice = d.codice and s.content_md5 = d.content_md5)""");
                check(duplicates == canc, "schede CANC sul simulatore: %d, tutte duplicati (stesso appalto, codice e contenuto"
                        + " di una scheda CONF): %d", canc, duplicates);

                // Order: per contract, the order of confirmation on PCP is the order of the events.
                check(single(su, """
                        select count(*) from (
                            select row_number() over (partition by t.contract_id order by t.seq) as by_event,
                                   row_number() over (partition by t.contract_id order by s.confirmed_seq) as by_confirmation
                            from bench_row t join bench_scheda s on s.id_scheda = t.id_scheda) x
                        where by_event <> by_confirmation""") == 0,
                        "per contratto, l'ordine di conferma su PCP (confirmed_seq) è l'ordine degli eventi (seq)");
                check(single(su, """
                        select count(*) from (
                            select t.seq, s.confirmed_at, lag(s.confirmed_at) over (partition by t.contract_id order by t.seq) as previous
                            from bench_row t join bench_scheda s on s.id_scheda = t.id_scheda) x
                        where x.confirmed_at < x.previous""") == 0,
                        "per contratto, confirmed_at sul simulatore non decresce con seq");
                long okOps = single(su, "select count(*) from bench_op where tipo = 'SC_CONF' and esito = 'OK'");
                long koOps = single(su, "select count(*) from bench_op where tipo = 'SC_CONF' and esito = 'KO'");
                long wtOps = single(su, "select count(*) from bench_op where tipo = 'SC_CONF' and esito = 'WT'");
                check(okOps == expected && koOps == 0 && wtOps == 0, "operazioni SC_CONF: %d OK (attese %d), %d KO, %d WT",
                        okOps, expected, koOps, wtOps);
                check(single(su, """
                        select count(*) from (
                            select row_number() over (partition by t.contract_id order by t.seq) as by_event,
                                   row_number() over (partition by t.contract_id order by o.id) as by_operation
                            from bench_row t join bench_op o on o.id_scheda = t.id_scheda and o.tipo = 'SC_CONF' and o.esito = 'OK') x
                        where by_event <> by_operation""") == 0,
                        "per contratto, l'ordine delle operazioni SC_CONF riuscite (pcpsim_operazione) è l'ordine degli eventi");
                check(single(su, """
                        select count(*) from bench_row t where t.seq > 1 and exists (
                            select 1 from bench_row p where p.contract_id = t.contract_id and p.seq = t.seq - 1
                            and p.confirmed_at > t.confirmed_at)""") == 0,
                        "per contratto, confirmed_at della piattaforma non decresce con seq");
                long creaOps = single(su, "select count(*) from bench_op where tipo = 'SC_CREA'");
                OUT.printf("  crea-scheda riusciti sul simulatore: %d (%d oltre uno per evento: duplicati da risposte perse, poi cancellati)%n",
                        creaOps, creaOps - expected);
                // A scheda PCP created long before the platform recorded it as created: its answer was lost and
                // the scheda was found again with ricerca-scheda (adopted) by a later attempt.
                long adopted = single(su, """
                        select count(*) from audit_entry a join bench_contract c on c.id = a.contract_id
                        join bench_scheda s on s.id_scheda::text = a.summary ->> 'idScheda'
                        where a.action = 'PCP_CREA_SCHEDA' and a.occurred_at > s.created_at + interval '5 seconds'""");
                OUT.printf("  schede create su PCP la cui risposta è andata persa e poi ritrovate con ricerca-scheda: %d%n", adopted);

                // The audit trail: each confirmation once.
                long audited = single(su, "select count(*) from audit_entry a join bench_contract c on c.id = a.contract_id"
                        + " where a.action = 'PCP_SCHEDA_CONFERMATA'");
                check(audited == expected, "voci PCP_SCHEDA_CONFERMATA nel registro: %d (attese %d, una per scheda)", audited, expected);

                try (ResultSet result = statement.executeQuery("""
                        select a.action, count(*) from audit_entry a join bench_contract c on c.id = a.contract_id
                        where a.action in ('PCP_RINVIO_RICHIESTO', 'PCP_ERRORE') group by a.action order by a.action""")) {
                    StringBuilder text = new StringBuilder();
                    while (result.next()) {
                        text.append(text.length() == 0 ? "" : ", ").append(result.getString(1)).append(' ').append(result.getLong(2));
                    }
                    OUT.printf("  voci del registro per chiamate non riuscite (429 o quota esaurita; 5xx o connessione persa): %s%n",
                            text.length() == 0 ? "nessuna" : text);
                }

                OUT.println("\n### Il percorso delle righe");
                try (ResultSet result = statement.executeQuery("""
                        select count(*) filter (where attempts > 0), max(attempts), sum(attempts),
                               count(*) filter (where create_started_at is not null)
                        from bench_row""")) {
                    result.next();
                    OUT.printf("  righe con almeno un errore ritentato: %d (tentativi falliti: %d in tutto, al più %d per riga)%n",
                            result.getLong(1), result.getLong(3), result.getLong(2));
                }
            }
            auditChains();
            OUT.printf("%nEsito: %s%n", failures == 0 ? "TUTTE LE VERIFICHE SUPERATE" : failures + " VERIFICHE FALLITE");
            return failures == 0 ? 0 : 1;
        }

        /** The audit hash chains still verify after appends from two nodes, kills and a database restart. */
        private void auditChains() throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try (Connection su = superuser(url)) {
                String token = createToken(su, userId(su, "admin.piattaforma"));
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/v1/audit/verify")).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(300))
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
                check(intact, "registro delle operazioni: %d catene, %d voci, tutte integre (GET /api/v1/audit/verify, admin.piattaforma): %s",
                        chains, total, intact ? "sì" : "HTTP " + response.statusCode() + " " + abbreviate(response.body()));
            }
        }

        private static String abbreviate(String text) {
            return text.length() > 400 ? text.substring(0, 400) + "…" : text;
        }

        /**
         * Copies the simulator's rows of the run's appalti into temporary tables of the platform's connection
         * (the simulator may have its own database): bench_scheda (the scheda as an MD5 of its JSON) and bench_op.
         */
        private void copySimulator(Connection su) throws Exception {
            try (Statement statement = su.createStatement()) {
                statement.execute("""
                        create temporary table bench_scheda (id_scheda uuid, id_appalto uuid, codice text, stato text, confirmed_seq bigint,
                            confirmed_at timestamptz, content_md5 text, created_at timestamptz)""");
                statement.execute("create temporary table bench_op (id bigint, id_appalto uuid, id_scheda uuid, tipo text, esito text)");
            }
            List<String> appalti = new ArrayList<>();
            try (Statement statement = su.createStatement(); ResultSet rows = statement.executeQuery("select id_appalto from bench_contract")) {
                while (rows.next()) {
                    appalti.add(rows.getString(1));
                }
            }
            try (Connection sim = superuser(simUrl)) {
                copy(sim, su, """
                        select id_scheda, id_appalto, codice, stato, confirmed_seq, confirmed_at, md5(scheda::text), created_at
                        from pcpsim_scheda where id_appalto = any (?)""", appalti, "bench_scheda", 8);
                copy(sim, su, """
                        select id, id_appalto, id_scheda, tipo, esito from pcpsim_operazione
                        where id_appalto = any (?) and tipo in ('SC_CREA', 'SC_CONF', 'SC_CANC')""", appalti, "bench_op", 5);
            }
            try (Statement statement = su.createStatement()) {
                statement.execute("analyze bench_scheda; analyze bench_op");
            }
        }

        private static void copy(Connection from, Connection to, String select, List<String> appalti, String table, int columns)
                throws SQLException {
            try (PreparedStatement query = from.prepareStatement(select);
                    PreparedStatement insert = to.prepareStatement("insert into " + table + " values (" + "?, ".repeat(columns - 1) + "?)")) {
                query.setArray(1, from.createArrayOf("uuid", appalti.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    int batch = 0;
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            insert.setObject(i, rows.getObject(i));
                        }
                        insert.addBatch();
                        if (++batch % 1000 == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
            }
        }

        private String states(Connection su) throws SQLException {
            StringBuilder text = new StringBuilder("(");
            try (Statement statement = su.createStatement();
                    ResultSet rows = statement.executeQuery("select state, count(*) from bench_row group by state order by state")) {
                while (rows.next()) {
                    text.append(text.length() > 1 ? ", " : "").append(rows.getString(1)).append(' ').append(rows.getLong(2));
                }
            }
            return text.append(')').toString();
        }

        private void check(boolean ok, String format, Object... args) {
            OUT.printf("  [%s] %s%n", ok ? "ok" : "FALLITA", String.format(Locale.ROOT, format, args));
            if (!ok) {
                failures++;
            }
        }
    }

    static long single(Connection su, String sql) throws SQLException {
        try (Statement statement = su.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    // ---------------------------------------------------------------------------------------------
    // reset
    // ---------------------------------------------------------------------------------------------

    /**
     * Puts the run's rows back in the queue as just recorded, so that the same backlog can be delivered
     * again with another configuration: no PCP ids, no idContratto, and a new idAppalto per contract, so
     * that the simulator starts each contract afresh (the old appalti stay in its tables, untouched).
     * {@code park}: the same, but due only in ten years, so that a node started later does not deliver
     * them until {@code reset}. Only for the throughput benchmark.
     */
    static void reset(String url, String tag, boolean park) throws SQLException {
        try (Connection su = superuser(url); Statement statement = su.createStatement()) {
            su.setAutoCommit(false);
            String run = quote(prefix(tag) + "%");
            int rows = statement.executeUpdate("""
                    update transmission t set state = 'IN_CODA', id_appalto = null, id_scheda = null, id_contratto = null, attempts = 0,
                           next_attempt_at = now() + %s, lease_owner = null, lease_until = null, create_started_at = null, last_error = null,
                           errori = '[]', payload = null, confirmed_at = null, created_at = now(), updated_at = now()
                    from contract c where c.id = t.contract_id and c.oggetto like %s""".formatted(
                    park ? "interval '10 years'" : "interval '0 seconds'", run));
            int contracts = statement.executeUpdate("update contract set id_contratto = null, id_appalto = gen_random_uuid()"
                    + " where oggetto like " + run);
            su.commit();
            OUT.printf(park ? "Coda parcheggiata (nessuna riga dovuta prima di 10 anni): %d righe di %d contratti%n"
                    : "Coda rimessa a zero: %d righe di %d contratti%n", rows, contracts);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // report
    // ---------------------------------------------------------------------------------------------

    /**
     * Throughput and latencies from the outbox: schede per second between {@code sinceMs} and the last
     * confirmation; per scheda the time from its recording (enqueue) to its confirmation, and the time from
     * the moment it could go (its predecessor confirmed, or the start) to its confirmation.
     */
    static void report(String url, String tag, long sinceMs) throws Exception {
        try (Connection su = superuser(url); Statement statement = su.createStatement()) {
            statement.execute("""
                    create temporary table bench_row as
                    select t.contract_id, t.seq, t.created_at, t.confirmed_at, t.attempts,
                           lag(t.confirmed_at) over (partition by t.contract_id order by t.seq) as previous_confirmed
                    from transmission t join contract c on c.id = t.contract_id
                    where c.oggetto like %s and t.state = 'CONFERMATA'""".formatted(quote(prefix(tag) + "%")));
            try (ResultSet rows = statement.executeQuery("""
                    select count(*),
                           extract(epoch from max(confirmed_at)) * 1000 - %d,
                           extract(epoch from min(confirmed_at)) * 1000 - %d,
                           count(distinct contract_id)
                    from bench_row""".formatted(sinceMs, sinceMs))) {
                rows.next();
                long count = rows.getLong(1);
                double lastMs = rows.getDouble(2);
                double firstMs = rows.getDouble(3);
                OUT.printf(Locale.ROOT, "Confermate: %d schede di %d contratti; prima conferma a %.1f s dall'avvio della consegna,"
                        + " ultima a %.1f s%n", count, rows.getLong(4), firstMs / 1000, lastMs / 1000);
                OUT.printf(Locale.ROOT, "Throughput: %.1f schede/s (dall'avvio della consegna all'ultima conferma); %.1f schede/s"
                        + " (dalla prima all'ultima conferma)%n", count / (lastMs / 1000), count / ((lastMs - firstMs) / 1000));
            }
            latency(statement, "dalla registrazione alla conferma",
                    "extract(epoch from confirmed_at - created_at) * 1000");
            latency(statement, "dal momento in cui poteva partire (precedente confermata, o avvio) alla conferma",
                    "extract(epoch from confirmed_at - greatest(created_at, coalesce(previous_confirmed, to_timestamp(%d / 1000.0))))"
                            .formatted(sinceMs) + " * 1000");
            try (ResultSet rows = statement.executeQuery("""
                    select date_trunc('second', confirmed_at) as s, count(*) from bench_row group by 1 order by 1""")) {
                List<Long> perSecond = new ArrayList<>();
                while (rows.next()) {
                    perSecond.add(rows.getLong(2));
                }
                Collections.sort(perSecond);
                OUT.printf("Conferme al secondo: mediana %d, massimo %d (secondi con almeno una conferma: %d)%n",
                        percentile(perSecond, 50), perSecond.isEmpty() ? 0 : perSecond.get(perSecond.size() - 1), perSecond.size());
            }
        }
    }

    private static void latency(Statement statement, String what, String expression) throws SQLException {
        try (ResultSet rows = statement.executeQuery("""
                select percentile_cont(0.5) within group (order by %1$s), percentile_cont(0.95) within group (order by %1$s),
                       max(%1$s) from bench_row""".formatted(expression))) {
            rows.next();
            OUT.printf(Locale.ROOT, "Latenza %s: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", what, rows.getDouble(1), rows.getDouble(2),
                    rows.getDouble(3));
        }
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
