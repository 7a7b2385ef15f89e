package it.openesecuzione.bench;

import it.openesecuzione.accounting.Measurement;
import it.openesecuzione.accounting.PriceItem;
import it.openesecuzione.accounting.SalCalculator;
import it.openesecuzione.accounting.SalStatement;
import it.openesecuzione.shared.Cig;
import it.openesecuzione.shared.Percentage;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Driver of {@code bench/accounting-sal.sh}: seeds one works contract with a large price list and
 * measurement book through the platform's HTTP API, then times the SAL computation in process
 * ({@link SalCalculator#fromMeasurements}), the SAL preview through the API, the recording of SAL 1
 * and the download of its PDF (and XLSX, when the platform has them).
 *
 * <p>Not a test: it has a {@code main} and no JUnit annotations. The script runs it in source-file
 * mode ({@code java -cp <classes and libs of the jar> AccountingBenchmark.java <command> ...}), so it
 * needs neither a pom change nor a test build, and it computes with the jar's own classes.
 *
 * <p>Commands and options ({@code --name=value}):
 * <ul>
 *   <li>{@code seed}: {@code pg-port}, {@code http-port}, {@code items} (2000), {@code measurements} (20000),
 *       {@code safety} percent of safety items (5), {@code clients} (8), {@code seed} (20261127),
 *       {@code contract-file} (where to write the new contract's id). A works contract of genova.rup
 *       (ribasso 10.5%), SC1 and I1 (handover 150 days ago), the items, then one measurement per item and
 *       the rest on items drawn with a skew, mixed dimensions and direct quantities, a few deductions,
 *       dates from the handover to yesterday. Everything random comes from {@code seed}.</li>
 *   <li>{@code measure}: {@code pg-port}, {@code http-port}, {@code contract}, {@code runs} (50) and
 *       {@code warmup} (300) of the in-process computation, {@code preview-warmup} (5) and
 *       {@code preview-runs} (30), {@code pdf-warmup} (3) and {@code pdf-runs} (10); {@code app-pid} and
 *       {@code pg-data} to report the CPU the platform and its PostgreSQL spend per preview;
 *       {@code out} (directory for the PDF, the XLSX and the query plans).</li>
 *   <li>{@code explain}: {@code pg-port}, {@code contract}, {@code repeat} (7), {@code out}: the queries of
 *       a preview as the application role {@code oe_app} with the scope the application sets (row-level
 *       security in force) and as the cluster's superuser (no row-level security): database execution
 *       time from {@code EXPLAIN ANALYZE} and client-side JDBC time with the rows read as the platform reads
 *       them. Plans in {@code out/explain.txt}. The SQL is a copy of {@code AccountingStore}'s: keep in sync.
 *       {@code measure} runs it too, between the preview and the recording of SAL 1.</li>
 * </ul>
 */
public final class AccountingBenchmark {

    private static final PrintStream OUT = System.out;
    private static final String PARTICIPANT = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
    private static final String RUP = "genova.rup";
    private static final String TOKEN_NAME = "benchmark-contabilita";
    private static final String RIBASSO = "10.5";
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private AccountingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("Comando: seed | measure | explain");
        }
        Map<String, String> o = options(args);
        String url = "jdbc:postgresql://127.0.0.1:" + required(o, "pg-port") + "/openesecuzione";
        switch (args[0]) {
            case "seed" -> new Seeder(url, Integer.parseInt(required(o, "http-port")), intOption(o, "items", 2000),
                    intOption(o, "measurements", 20000), Double.parseDouble(o.getOrDefault("safety", "5")), intOption(o, "clients", 8),
                    Long.parseLong(o.getOrDefault("seed", "20261127")), o.get("contract-file")).run();
            case "measure" -> new Measurer(url, Integer.parseInt(required(o, "http-port")), Long.parseLong(required(o, "contract")), o)
                    .run();
            case "explain" -> explain(url, Long.parseLong(required(o, "contract")), intOption(o, "repeat", 7),
                    Path.of(o.getOrDefault("out", ".")));
            default -> throw new IllegalArgumentException("Comando sconosciuto: " + args[0]);
        }
        System.exit(0);
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

    private static int intOption(Map<String, String> options, String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    static Connection superuser(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    /** Today where the platform keeps its books: measurements and SAL dates are checked against it. */
    static LocalDate today() {
        return LocalDate.now(ROME);
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP
    // ---------------------------------------------------------------------------------------------

    /** A client of the platform's API with a personal API token (no bcrypt per request, unlike HTTP Basic). */
    static final class Api {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final int port;
        private final String token;

        Api(int port, String token) {
            this.port = port;
            this.token = token;
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(300));
        }

        HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
            return http.send(request(path).header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(request(path).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> delete(String path) throws IOException, InterruptedException {
            return http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
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

    /** A personal API token of the user, stored as the platform stores them (SHA-256 of the secret). */
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

    static Api api(String url, int httpPort) throws Exception {
        try (Connection su = superuser(url)) {
            return new Api(httpPort, createToken(su, userId(su, RUP)));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // statistics
    // ---------------------------------------------------------------------------------------------

    /** Nearest-rank percentile of values sorted ascending. */
    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "mediana 12.3 ms, p95 15.0 ms, max 17.2 ms (n = 30)". */
    static String summary(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "mediana %.1f ms, p95 %.1f ms, max %.1f ms, min %.1f ms (n = %d)", median(sorted),
                percentile(sorted, 95), sorted.get(sorted.size() - 1), sorted.get(0), sorted.size());
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    // ---------------------------------------------------------------------------------------------
    // seed
    // ---------------------------------------------------------------------------------------------

    /** One price item to create. */
    record ItemSpec(String code, String description, String unit, BigDecimal price, BigDecimal quantity, boolean safety) {
    }

    /** One entry of the book to create: the index of its item, and its figures (null when not given). */
    record MeasurementSpec(int item, LocalDate date, String description, BigDecimal parts, BigDecimal length, BigDecimal width,
            BigDecimal height, BigDecimal quantity) {
    }

    private static final String[] WORKS = {
        "Scavo di sbancamento eseguito con mezzi meccanici in terreni di qualsiasi natura e consistenza",
        "Scavo a sezione obbligata per fondazioni e condotte, fino alla profondità di m 2,00 dal piano di campagna",
        "Calcestruzzo per strutture in elevazione, classe di resistenza C25/30, esposizione XC2, consistenza S4",
        "Acciaio in barre ad aderenza migliorata B450C per cemento armato, lavorato e posto in opera",
        "Casseforme in legname per getti di calcestruzzo, compreso disarmo, pulizia e accatastamento",
        "Muratura in blocchi di laterizio alveolato, spessore cm 30, con malta bastarda",
        "Intonaco civile per interni a tre strati, su pareti verticali e orizzontali",
        "Massetto in sabbia e cemento dello spessore di cm 5 per sottofondo di pavimenti",
        "Pavimento in piastrelle di gres porcellanato posate a colla su massetto esistente",
        "Tubazione in PVC-U SN8 per fognature, diametro esterno mm 315, con giunto a bicchiere",
        "Pozzetto prefabbricato in calcestruzzo vibrato, dimensioni interne cm 60x60x60",
        "Conglomerato bituminoso per strato di usura (tappetino), spessore compresso cm 3",
        "Fresatura di pavimentazione stradale in conglomerato bituminoso, compreso carico e trasporto",
        "Cordolo in calcestruzzo vibrato per marciapiedi, sezione cm 12/15x25, posato su letto di malta",
        "Tinteggiatura con pittura lavabile a base di resine acriliche, due mani a pennello o rullo",
        "Impermeabilizzazione con membrana bituminosa elastoplastomerica armata, spessore mm 4",
        "Serramento in alluminio a taglio termico con vetrocamera basso emissivo, compresa posa",
        "Rinterro con materiale proveniente dagli scavi, compattato a strati di cm 30",
        "Trasporto a discarica autorizzata di materiale di risulta, compreso onere di conferimento",
        "Demolizione di muratura di qualsiasi genere, anche in breccia, compreso accatastamento del materiale",
    };
    private static final String[] SAFETY = {
        "Ponteggio metallico fisso a tubi e giunti, compreso montaggio, smontaggio e nolo per il primo mese",
        "Recinzione provvisoria di cantiere con rete in polietilene su paletti, altezza m 1,80",
        "Segnaletica di cantiere: cartello di pericolo o divieto in lamiera, su supporto, per ogni mese",
        "Box prefabbricato per servizi igienici di cantiere, nolo mensile compresi allacciamenti",
        "Parapetto provvisorio di protezione verso il vuoto, con tavola fermapiede, per metro e mese",
        "Riunione di coordinamento della sicurezza con le imprese esecutrici, per ogni ora",
    };
    private static final String[] QUALIFIERS = {
        "compreso ogni onere per dare il lavoro finito a regola d'arte",
        "anche in presenza di acqua di falda e con l'ausilio di pompe di aggottamento",
        "valutato per la superficie effettivamente eseguita, al netto dei vuoti superiori a m² 1,00",
        "in conformità alle prescrizioni del capitolato speciale d'appalto e alle indicazioni della direzione lavori",
        "compresi sfridi, tagli, sovrapposizioni e materiali di consumo",
        "eseguito in ambito urbano con traffico veicolare e pedonale da mantenere",
        "incluso il carico, il trasporto e lo scarico a qualsiasi distanza entro il cantiere",
        "escluse le opere provvisionali compensate a parte",
    };
    private static final String[] UNITS_WORKS = {"m³", "m³", "m³", "kg", "m²", "m²", "m²", "m²", "m²", "m", "cad", "m²", "m²", "m", "m²",
        "m²", "m²", "m³", "t", "m³"};
    private static final String[] UNITS_SAFETY = {"m²", "m", "cad", "cad", "m", "h"};
    private static final String[] PLACES = {"via Prè", "via Balbi", "piazza Caricamento", "corso Italia", "via XX Settembre",
        "lotto A", "lotto B", "edificio 1", "edificio 2", "tratto 1", "tratto 2", "tratto 3"};

    /** A random decimal in [min, max) with the given decimals. */
    static BigDecimal decimal(Random random, double min, double max, int decimals) {
        return BigDecimal.valueOf(min + random.nextDouble() * (max - min)).setScale(decimals, java.math.RoundingMode.HALF_UP);
    }

    static List<ItemSpec> itemSpecs(Random random, int count, double safetyPercent) {
        List<ItemSpec> specs = new ArrayList<>(count);
        int safetyCount = 0;
        for (int i = 0; i < count; i++) {
            boolean safety = random.nextDouble() * 100 < safetyPercent;
            int template = random.nextInt(safety ? SAFETY.length : WORKS.length);
            String code = (safety ? "SIC" : "LIG") + String.format(Locale.ROOT, ".%02d.%04d", i / 100 + 1, i + 1);
            StringBuilder description = new StringBuilder(safety ? SAFETY[template] : WORKS[template]);
            int target = 80 + random.nextInt(320);
            while (description.length() < target) {
                description.append(", ").append(QUALIFIERS[random.nextInt(QUALIFIERS.length)]);
            }
            description.append(" (voce n. ").append(i + 1).append(')');
            double kind = random.nextDouble();
            BigDecimal price = kind < 0.10 ? decimal(random, 0.1, 20, 4) : kind < 0.80 ? decimal(random, 1, 500, 2)
                    : decimal(random, 500, 5000, 2);
            specs.add(new ItemSpec(code, description.toString(), safety ? UNITS_SAFETY[template] : UNITS_WORKS[template], price,
                    decimal(random, 10, 5000, 3), safety));
            safetyCount += safety ? 1 : 0;
        }
        OUT.printf(Locale.ROOT, "Elenco prezzi generato: %d voci, di cui %d della sicurezza (%.1f %%)%n", count, safetyCount,
                100.0 * safetyCount / count);
        return specs;
    }

    /**
     * One entry per item first (a direct quantity of at least 10, so that every item has a line in the
     * SAL and deductions cannot turn it negative), then the rest on items drawn with a skew (the first
     * items of the list get most entries, as excavation and concrete do): 35 % direct quantities, 25 %
     * parts × length × width × height, 20 % length × width, 15 % parts × length, 5 % deductions
     * (parti uguali −1 × length × height).
     */
    static List<MeasurementSpec> measurementSpecs(Random random, int items, int count, LocalDate from, LocalDate to) {
        List<MeasurementSpec> specs = new ArrayList<>(count);
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        int[] byKind = new int[5];
        for (int n = 0; n < count; n++) {
            int item = n < items ? n : (int) (items * Math.pow(random.nextDouble(), 2));
            LocalDate date = from.plusDays(random.nextInt(days));
            String description = random.nextBoolean() ? null : PLACES[random.nextInt(PLACES.length)] + ", misura " + (n + 1);
            double kind = n < items ? 0 : random.nextDouble();
            MeasurementSpec spec;
            if (kind < 0.35) {
                spec = new MeasurementSpec(item, date, description, null, null, null, null,
                        n < items ? decimal(random, 10, 500, 2) : decimal(random, 0.5, 300, 2));
                byKind[0]++;
            } else if (kind < 0.60) {
                spec = new MeasurementSpec(item, date, description, BigDecimal.valueOf(1 + random.nextInt(10)),
                        decimal(random, 0.5, 50, 2), decimal(random, 0.2, 10, 2), decimal(random, 0.1, 5, 2), null);
                byKind[1]++;
            } else if (kind < 0.80) {
                spec = new MeasurementSpec(item, date, description, null, decimal(random, 0.5, 80, 2), decimal(random, 0.2, 12, 2), null,
                        null);
                byKind[2]++;
            } else if (kind < 0.95) {
                spec = new MeasurementSpec(item, date, description, BigDecimal.valueOf(1 + random.nextInt(20)),
                        decimal(random, 0.5, 30, 3), null, null, null);
                byKind[3]++;
            } else {
                spec = new MeasurementSpec(item, date, description == null ? "a detrarre: vani" : "a detrarre: " + description,
                        BigDecimal.valueOf(-1), decimal(random, 0.5, 2, 2), null, decimal(random, 0.5, 2, 2), null);
                byKind[4]++;
            }
            specs.add(spec);
        }
        OUT.printf("Libretto generato: %d misure dal %s al %s: %d quantità dirette, %d parti × lung. × larg. × alt., %d lung. × larg.,"
                + " %d parti × lung., %d deduzioni%n", count, from, to, byKind[0], byKind[1], byKind[2], byKind[3], byKind[4]);
        return specs;
    }

    private static final class Seeder {

        private final String url;
        private final int httpPort;
        private final int items;
        private final int measurements;
        private final double safetyPercent;
        private final int clients;
        private final long seed;
        private final String contractFile;

        Seeder(String url, int httpPort, int items, int measurements, double safetyPercent, int clients, long seed, String contractFile) {
            this.url = url;
            this.httpPort = httpPort;
            this.items = items;
            this.measurements = measurements;
            this.safetyPercent = safetyPercent;
            this.clients = clients;
            this.seed = seed;
            this.contractFile = contractFile;
        }

        void run() throws Exception {
            long rupId;
            Api api;
            try (Connection su = superuser(url)) {
                rupId = userId(su, RUP);
                api = new Api(httpPort, createToken(su, rupId));
            }
            LocalDate today = today();
            LocalDate handover = today.minusDays(150);
            LocalDate signed = handover.minusDays(20);
            Random random = new Random(seed);
            List<ItemSpec> itemSpecs = itemSpecs(random, items, safetyPercent);
            List<MeasurementSpec> measurementSpecs = measurementSpecs(random, items, measurements, handover, today.minusDays(1));

            long t0 = System.nanoTime();
            long contract = createContract(api, rupId);
            expect(api.post("/api/v1/contracts/" + contract + "/events", """
                    {"type": "SC1", "data": {"datiContratto": {"idPartecipante": "%s", "dataStipula": "%s",
                     "dataDecorrenza": "%s", "dataScadenza": "%s", "importoCauzione": 1000}}}"""
                    .formatted(PARTICIPANT, signed, signed, signed.plusDays(365))), 201, "SC1");
            expect(api.post("/api/v1/contracts/" + contract + "/events", """
                    {"type": "I1", "data": {"datiInizio": {"consegnaFrazionata": false, "consegnaSottoRiserva": false,
                     "dataVerbaleConsegnaDefinitiva": "%s", "dataEffettivoInizio": "%s"}}}""".formatted(handover, handover)), 201, "I1");
            OUT.printf(Locale.ROOT, "Contratto %d (lavori, ribasso %s %%, genova.rup): stipula %s, consegna %s; creato con SC1 e I1 in %.1f s%n",
                    contract, RIBASSO, signed, handover, millisSince(t0) / 1000);
            if (contractFile != null) {
                Files.writeString(Path.of(contractFile), contract + "\n");
            }
            String base = "/api/v1/contracts/" + contract + "/accounting";

            long[] itemIds = new long[items];
            List<Double> itemLatencies = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long itemsStarted = System.nanoTime();
            runAll(pool, items, i -> {
                ItemSpec s = itemSpecs.get(i);
                String body = JSON.writeValueAsString(Map.of("codice", s.code(), "descrizione", s.description(), "unitaMisura", s.unit(),
                        "prezzoUnitario", s.price(), "quantita", s.quantity(), "soggettoARibasso", !s.safety()));
                long start = System.nanoTime();
                HttpResponse<String> response = postWithRetry(api, base + "/items", body, "voce " + s.code());
                itemLatencies.add(millisSince(start));
                itemIds[i] = id(response.body());
            });
            double itemSeconds = millisSince(itemsStarted) / 1000;
            OUT.printf(Locale.ROOT, "Voci: %d in %.1f s = %.0f voci/s con %d client; POST %s%n", items, itemSeconds, items / itemSeconds,
                    clients, summary(itemLatencies));

            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            runAll(pool, measurements, n -> {
                MeasurementSpec s = measurementSpecs.get(n);
                Map<String, Object> body = new java.util.LinkedHashMap<>();
                body.put("voce", itemIds[s.item()]);
                body.put("data", s.date().toString());
                if (s.description() != null) {
                    body.put("descrizione", s.description());
                }
                putIfPresent(body, "partiUguali", s.parts());
                putIfPresent(body, "lunghezza", s.length());
                putIfPresent(body, "larghezza", s.width());
                putIfPresent(body, "altezza", s.height());
                putIfPresent(body, "quantita", s.quantity());
                long start = System.nanoTime();
                postWithRetry(api, base + "/measurements", JSON.writeValueAsString(body), "misura " + n);
                latencies.add(millisSince(start));
                int count = done.incrementAndGet();
                if (count % 5000 == 0) {
                    OUT.printf(Locale.ROOT, "  … %d misure in %.0f s%n", count, millisSince(started) / 1000);
                }
            });
            pool.shutdown();
            double seconds = millisSince(started) / 1000;
            OUT.printf(Locale.ROOT, "Misure: %d in %.1f s = %.0f misure/s con %d client; POST %s%n", measurements, seconds,
                    measurements / seconds, clients, summary(latencies));
            OUT.printf(Locale.ROOT, "Semina completa in %.1f s%n", millisSince(t0) / 1000);
        }

        private static void putIfPresent(Map<String, Object> body, String name, BigDecimal value) {
            if (value != null) {
                body.put(name, value);
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

        /** 409 (an optimistic-lock or concurrent-append conflict) and 5xx are retried a few times; anything else fails. */
        private static HttpResponse<String> postWithRetry(Api api, String path, String body, String what) throws Exception {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = api.post(path, body);
                if (response.statusCode() == 201) {
                    return response;
                }
                if ((response.statusCode() != 409 && response.statusCode() < 500) || attempt >= 5) {
                    throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
                }
                Thread.sleep(100L * attempt);
            }
        }

        private long createContract(Api api, long rupId) throws Exception {
            for (int attempt = 1; ; attempt++) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                String cig = Cig.generate(Cig.Format.SIMOG_V2_PCP, (char) ('A' + random.nextInt(21)), random.nextLong(0x1000000L)).value();
                String body = """
                        {"oggetto": "Benchmark contabilità: %d voci e %d misure", "tipologia": "LAVORI", "settore": "ORDINARIO",
                         "sopraSoglia": false, "concessione": false, "procedura": "NEGOZIATA_SENZA_BANDO", "importoBaseGara": 5000000.00,
                         "ribasso": %s, "importoContrattuale": 4490000.00, "oneriSicurezza": 150000.00, "durataGiorni": 365,
                         "cup": "B31B24000990001", "lotti": [{"cig": "%s", "descrizione": "Lotto unico"}],
                         "aggiudicatario": {"denominazione": "Impresa Benchmark S.r.l.", "codiceFiscale": "01172530105",
                                            "partitaIva": "01172530105"},
                         "rupId": %d, "idAppalto": "%s"}""".formatted(items, measurements, RIBASSO, cig, rupId, UUID.randomUUID());
                HttpResponse<String> response = api.post("/api/v1/contracts", body);
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    return id(response.body());
                }
                if (attempt >= 3) {
                    throw new IllegalStateException("Creazione del contratto: HTTP " + response.statusCode() + " " + response.body());
                }
            }
        }
    }

    static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " (atteso " + status + ") " + response.body());
        }
    }

    static long id(String json) {
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(json);
        if (!id.find()) {
            throw new IllegalStateException("Risposta senza id: " + json);
        }
        return Long.parseLong(id.group(1));
    }

    // ---------------------------------------------------------------------------------------------
    // measure
    // ---------------------------------------------------------------------------------------------

    /** The fields of AccountingApi's ItemView this driver reads. */
    public record ItemJson(long id, String codice, String descrizione, String unitaMisura, BigDecimal prezzoUnitario,
            BigDecimal quantita, boolean soggettoARibasso) {
    }

    /** The fields of AccountingApi's MeasurementView this driver reads. */
    public record MeasurementJson(long id, long voce, LocalDate data, String descrizione, BigDecimal partiUguali,
            BigDecimal lunghezza, BigDecimal larghezza, BigDecimal altezza, BigDecimal quantita, String note, Integer sal) {
    }

    public record TotalsJson(BigDecimal lordoSoggettoARibasso, BigDecimal ribasso, BigDecimal sicurezza, BigDecimal netto) {
    }

    public record SalJson(int numero, LocalDate data, TotalsJson progressivo, List<Object> righe) {
    }

    private static final class Measurer {

        private final String url;
        private final long contract;
        private final Map<String, String> o;
        private final Api api;
        private final String base;

        Measurer(String url, int httpPort, long contract, Map<String, String> options) throws Exception {
            this.url = url;
            this.contract = contract;
            this.o = options;
            this.api = api(url, httpPort);
            this.base = "/api/v1/contracts/" + contract + "/accounting";
        }

        void run() throws Exception {
            LocalDate today = today();
            Path out = Path.of(o.getOrDefault("out", "."));

            // A SAL left by an interrupted run (BENCH_REUSE=1) is withdrawn first: the book must be free.
            SalJson[] left = JSON.readValue(api.get(base + "/sal").body(), SalJson[].class);
            for (int i = 0; i < left.length; i++) {
                expect(api.delete(base + "/sal/last"), 204, "Ritiro di un SAL rimasto da un'esecuzione precedente");
            }
            if (left.length > 0) {
                OUT.printf("Ritirati %d SAL rimasti da un'esecuzione interrotta%n", left.length);
            }

            // The data, through the API, as the platform hands it out.
            long t0 = System.nanoTime();
            HttpResponse<String> itemsResponse = api.get(base + "/items");
            double itemsMs = millisSince(t0);
            expect(itemsResponse, 200, "GET voci");
            t0 = System.nanoTime();
            HttpResponse<String> bookResponse = api.get(base + "/measurements");
            double bookMs = millisSince(t0);
            expect(bookResponse, 200, "GET misure");
            ItemJson[] itemJson = JSON.readValue(itemsResponse.body(), ItemJson[].class);
            MeasurementJson[] bookJson = JSON.readValue(bookResponse.body(), MeasurementJson[].class);
            OUT.printf(Locale.ROOT, "Dati letti dall'API: GET …/items %d voci (%d KB) in %.0f ms; GET …/measurements %d misure (%d KB) in %.0f ms"
                    + " (prima richiesta di ciascuna)%n", itemJson.length, itemsResponse.body().length() / 1024, itemsMs, bookJson.length,
                    bookResponse.body().length() / 1024, bookMs);

            List<PriceItem> items = new ArrayList<>(itemJson.length);
            for (ItemJson i : itemJson) {
                items.add(new PriceItem(i.id(), i.codice(), i.descrizione(), i.unitaMisura(), i.prezzoUnitario(), i.quantita(),
                        i.soggettoARibasso()));
            }
            List<Measurement> book = new ArrayList<>(bookJson.length);
            int free = 0;
            for (MeasurementJson m : bookJson) {
                if (m.sal() == null && !m.data().isAfter(today)) {
                    free++;
                }
                book.add(new Measurement(m.id(), m.voce(), m.data(), m.descrizione(), m.partiUguali(), m.lunghezza(), m.larghezza(),
                        m.altezza(), m.quantita(), m.note(), m.sal()));
            }
            if (free != book.size()) {
                throw new IllegalStateException("Il contratto ha già un SAL o misure future (" + free + " libere su " + book.size()
                        + "): serve un contratto appena seminato");
            }

            OUT.println();
            OUT.println("## 1. Calcolo in processo: SalCalculator.fromMeasurements (JVM del driver, stesse classi del jar)");
            OUT.println();
            SalStatement computed = inProcess(items, book, today);

            OUT.println();
            OUT.println("## 2. Anteprima attraverso l'API: POST …/accounting/sal/preview");
            OUT.println();
            preview(today, computed);

            // Before SAL 1 is recorded, so that the reads are those of the preview just timed.
            explain(url, contract, intOption(o, "repeat", 7), out);

            OUT.println();
            OUT.println("## 4. Registrazione del SAL n. 1 e documenti");
            OUT.println();
            String salBody = "{\"data\": \"" + today + "\"}";
            t0 = System.nanoTime();
            HttpResponse<String> recorded = api.post(base + "/sal", salBody);
            double recordMs = millisSince(t0);
            expect(recorded, 201, "Registrazione del SAL");
            SalJson sal = JSON.readValue(recorded.body(), SalJson.class);
            OUT.printf(Locale.ROOT, "POST …/accounting/sal (registra il SAL n. %d: %d righe, %d misure bloccate): %.0f ms, netto progressivo %s%n",
                    sal.numero(), sal.righe().size(), book.size(), recordMs, sal.progressivo().netto().toPlainString());
            check(sal.progressivo().netto().compareTo(computed.cumulative().netWorks().amount()) == 0,
                    "il SAL registrato ha il netto del calcolo in processo");
            t0 = System.nanoTime();
            HttpResponse<String> stored = api.get(base + "/sal/1");
            OUT.printf(Locale.ROOT, "GET …/accounting/sal/1 (il SAL registrato, riletto): %.0f ms, %d KB%n", millisSince(t0),
                    stored.body().length() / 1024);

            document(sal.numero(), "pdf", "PDF", out, intOption(o, "pdf-warmup", 3), intOption(o, "pdf-runs", 10));
            document(sal.numero(), "xlsx", "XLSX", out, intOption(o, "pdf-warmup", 3), intOption(o, "pdf-runs", 10));

            // Back to the seeded state, so that the same contract can be measured again (BENCH_REUSE=1).
            t0 = System.nanoTime();
            HttpResponse<String> withdrawn = api.delete(base + "/sal/last");
            expect(withdrawn, 204, "Ritiro del SAL n. 1");
            OUT.printf(Locale.ROOT, "DELETE …/accounting/sal/last (ritira il SAL n. 1, sblocca le misure): %.0f ms%n", millisSince(t0));
        }

        private SalStatement inProcess(List<PriceItem> items, List<Measurement> book, LocalDate today) {
            Percentage ribasso = Percentage.of(RIBASSO);
            int warmup = intOption(o, "warmup", 300);
            int runs = intOption(o, "runs", 50);
            long t0 = System.nanoTime();
            SalStatement result = SalCalculator.fromMeasurements(1, today, false, ribasso, items, book, null);
            double cold = millisSince(t0);
            long sink = 0;
            long warmStart = System.nanoTime();
            for (int i = 0; i < warmup; i++) {
                sink += SalCalculator.fromMeasurements(1, today, false, ribasso, items, book, null).lines().size();
            }
            double warmSeconds = millisSince(warmStart) / 1000;
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                SalStatement s = SalCalculator.fromMeasurements(1, today, false, ribasso, items, book, null);
                times.add(millisSince(start));
                sink += s.cumulative().netWorks().amount().unscaledValue().longValue();
            }
            OUT.printf(Locale.ROOT, "%d voci, %d misure → %d righe; netto progressivo %s (lordo soggetto a ribasso %s, ribasso %s,"
                    + " sicurezza %s)%n", items.size(), book.size(), result.lines().size(), result.cumulative().netWorks().amount().toPlainString(),
                    result.cumulative().grossDiscountable().amount().toPlainString(), result.cumulative().discount().amount().toPlainString(),
                    result.cumulative().safety().amount().toPlainString());
            OUT.printf(Locale.ROOT, "Primo calcolo (JVM fredda): %.1f ms; riscaldamento: %d calcoli in %.1f s%n", cold, warmup, warmSeconds);
            OUT.printf(Locale.ROOT, "**Calcolo in processo: %s** (obiettivo: < 200 ms) [controllo %d]%n", summary(times), sink % 10);
            return result;
        }

        private void preview(LocalDate today, SalStatement computed) throws Exception {
            String body = "{\"data\": \"" + today + "\"}";
            int warmup = intOption(o, "preview-warmup", 5);
            int runs = intOption(o, "preview-runs", 30);
            List<Double> warm = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < warmup; i++) {
                long start = System.nanoTime();
                last = api.post(base + "/sal/preview", body);
                warm.add(millisSince(start));
                expect(last, 200, "Anteprima del SAL");
            }
            Cpu cpu = new Cpu(o.get("app-pid"), o.get("pg-data"));
            long[] before = cpu.sample();
            List<Double> times = new ArrayList<>();
            long loopStart = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                last = api.post(base + "/sal/preview", body);
                times.add(millisSince(start));
                expect(last, 200, "Anteprima del SAL");
            }
            double loopMs = millisSince(loopStart);
            long[] after = cpu.sample();
            SalJson sal = JSON.readValue(last.body(), SalJson.class);
            OUT.printf(Locale.ROOT, "Risposta: %d righe, %d KB di JSON, netto progressivo %s%n", sal.righe().size(),
                    last.body().getBytes(StandardCharsets.UTF_8).length / 1024, sal.progressivo().netto().toPlainString());
            check(sal.progressivo().netto().compareTo(computed.cumulative().netWorks().amount()) == 0
                    && sal.righe().size() == computed.lines().size(), "l'anteprima dell'API ha il netto e le righe del calcolo in processo");
            OUT.printf(Locale.ROOT, "Riscaldamento: %s%n", warm.stream().map(t -> String.format(Locale.ROOT, "%.0f", t))
                    .collect(java.util.stream.Collectors.joining(", ", "", " ms")));
            OUT.printf(Locale.ROOT, "**Anteprima attraverso l'API: %s** (obiettivo: < 200 ms; lato client, HTTP/1.1 keep-alive, token personale)%n",
                    summary(times));
            if (cpu.available()) {
                OUT.printf(Locale.ROOT, "CPU per anteprima: %s; %.2f core in media durante le %d anteprime%n", Cpu.perRequest(before, after, runs),
                        java.util.stream.LongStream.range(0, Cpu.KINDS.length).map(k -> after[(int) k] - before[(int) k]).sum() / loopMs, runs);
            }
        }

        private void document(int number, String extension, String label, Path out, int warmup, int runs) throws Exception {
            String path = "/api/v1/contracts/" + contract + "/documents/sal/" + number + "." + extension;
            long t0 = System.nanoTime();
            HttpResponse<byte[]> first = api.getBytes(path);
            double firstMs = millisSince(t0);
            if (first.statusCode() == 404) {
                OUT.printf("%s non disponibile: GET %s → HTTP 404 (%s)%n", label, path, abbreviate(new String(first.body(),
                        StandardCharsets.UTF_8)));
                return;
            }
            if (first.statusCode() != 200) {
                OUT.printf("%s: GET %s → HTTP %d (%s)%n", label, path, first.statusCode(), abbreviate(new String(first.body(),
                        StandardCharsets.UTF_8)));
                return;
            }
            List<Double> warm = new ArrayList<>(List.of(firstMs));
            for (int i = 1; i < warmup; i++) {
                long start = System.nanoTime();
                expectBytes(api.getBytes(path), label);
                warm.add(millisSince(start));
            }
            List<Double> times = new ArrayList<>();
            byte[] content = first.body();
            Cpu cpu = new Cpu(o.get("app-pid"), o.get("pg-data"));
            long[] before = cpu.sample();
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                content = expectBytes(api.getBytes(path), label);
                times.add(millisSince(start));
            }
            long[] after = cpu.sample();
            Files.createDirectories(out);
            Path file = out.resolve("sal-" + number + "." + extension);
            Files.write(file, content);
            String kind = first.headers().firstValue("Content-Type").orElse("?");
            String detail = extension.equals("pdf") ? pdfDetail(content) : "";
            OUT.printf(Locale.ROOT, "%s: %,d byte (%s%s), salvato in %s; prima richiesta %.0f ms; riscaldamento %s%n", label,
                    content.length, kind, detail, file, firstMs, warm.stream().map(t -> String.format(Locale.ROOT, "%.0f", t))
                            .collect(java.util.stream.Collectors.joining(", ", "", " ms")));
            OUT.printf(Locale.ROOT, "**%s del SAL: %s**%s%n", label, summary(times), extension.equals("pdf") ? " (obiettivo: < 1000 ms)" : "");
            if (cpu.available()) {
                OUT.printf("CPU per %s: %s%n", label, Cpu.perRequest(before, after, runs));
            }
        }

        private static byte[] expectBytes(HttpResponse<byte[]> response, String label) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(label + ": HTTP " + response.statusCode());
            }
            return response.body();
        }

        /** ", 57 pagine, %PDF-1.7" with PDFBox when the jar has it (looked up by reflection, so the driver compiles without). */
        private static String pdfDetail(byte[] pdf) {
            String header = new String(pdf, 0, Math.min(8, pdf.length), StandardCharsets.ISO_8859_1);
            if (!header.startsWith("%PDF")) {
                return ", NON inizia con %PDF";
            }
            try {
                Object document = Class.forName("org.apache.pdfbox.Loader").getMethod("loadPDF", byte[].class).invoke(null, pdf);
                try {
                    int pages = (int) document.getClass().getMethod("getNumberOfPages").invoke(document);
                    return ", " + pages + " pagine, " + header.trim();
                } finally {
                    ((AutoCloseable) document).close();
                }
            } catch (Exception | LinkageError e) {
                return ", " + header.trim();
            }
        }

        private static void check(boolean ok, String what) {
            OUT.printf("[%s] %s%n", ok ? "ok" : "FALLITO", what);
            if (!ok) {
                throw new IllegalStateException("Controllo fallito: " + what);
            }
        }
    }

    static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    /**
     * CPU time of the platform's JVM, split by thread kind (Linux thread names: Tomcat's request threads
     * "http-nio-…", the garbage collector's, the JIT compilers'), and of its PostgreSQL cluster (postmaster and
     * backends), from /proc. Less sensitive than wall time to other processes on the same cores.
     */
    static final class Cpu {

        static final String[] KINDS = {"richieste HTTP", "GC", "JIT", "altri thread", "PostgreSQL"};
        private static final long TICK_MS = 10;   // USER_HZ is 100 on Linux

        private final long appPid;
        private final Path pgData;

        Cpu(String appPid, String pgData) {
            this.appPid = appPid == null ? -1 : Long.parseLong(appPid);
            this.pgData = pgData == null ? null : Path.of(pgData);
        }

        boolean available() {
            return appPid > 0 && pgData != null && Files.isReadable(Path.of("/proc/" + appPid + "/stat"));
        }

        /** Milliseconds of CPU so far, in the order of {@link #KINDS}. */
        long[] sample() {
            long[] ms = new long[KINDS.length];
            if (!available()) {
                return ms;
            }
            try (var tasks = Files.list(Path.of("/proc/" + appPid + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String name = Files.readString(task.resolve("comm")).trim();
                    int kind = name.startsWith("http-nio") ? 0 : name.startsWith("GC Thread") || name.startsWith("G1 ") ? 1
                            : name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? 2 : 3;
                    ms[kind] += ticks(task.resolve("stat"), false) * TICK_MS;
                }
            } catch (IOException | RuntimeException e) {
                // a thread ended while listing: the next sample will do
            }
            try {
                long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
                long pg = ticks(Path.of("/proc/" + postmaster + "/stat"), true);
                try (var processes = Files.list(Path.of("/proc"))) {
                    for (Path p : (Iterable<Path>) processes::iterator) {
                        String name = p.getFileName().toString();
                        if (name.chars().allMatch(Character::isDigit) && parent(p.resolve("stat")) == postmaster) {
                            pg += ticks(p.resolve("stat"), true);
                        }
                    }
                }
                ms[4] = pg * TICK_MS;
            } catch (IOException | RuntimeException e) {
                ms[4] = 0;
            }
            return ms;
        }

        /** "richieste HTTP 95 ms, GC 20 ms, … per request" from two samples. */
        static String perRequest(long[] before, long[] after, int requests) {
            StringBuilder text = new StringBuilder();
            long jvm = 0;
            for (int k = 0; k < KINDS.length; k++) {
                double each = (after[k] - before[k]) / (double) requests;
                jvm += k < 4 ? after[k] - before[k] : 0;
                text.append(k == 0 ? "" : ", ").append(KINDS[k]).append(' ').append(String.format(Locale.ROOT, "%.0f ms", each));
            }
            return String.format(Locale.ROOT, "JVM della piattaforma %.0f ms (", jvm / (double) requests) + text + ")";
        }

        private static String[] fields(Path stat) {
            try {
                String text = Files.readString(stat);
                return text.substring(text.lastIndexOf(')') + 2).split(" ");
            } catch (IOException e) {
                return null;
            }
        }

        /** utime + stime (+ cutime + cstime for a process): fields 14–17 of stat, 12–15 after the command name. */
        private static long ticks(Path stat, boolean children) {
            String[] f = fields(stat);
            if (f == null) {
                return 0;
            }
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return children ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
        }

        private static long parent(Path stat) {
            String[] f = fields(stat);
            return f == null ? -1 : Long.parseLong(f[1]);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // explain
    // ---------------------------------------------------------------------------------------------

    /** The reads of a preview, copied from AccountingStore (keep in sync): price list, book up to the date, stored SALs. */
    private static final String ITEMS_SQL = "select * from price_item where contract_id = ? order by position, id";
    private static final String BOOK_SQL = """
            select m.*, s.number as sal_number from measurement m left join sal s on s.id = m.sal_id
            where m.contract_id = ? and (m.sal_id is not null or m.entry_date <= ?)""";
    private static final String SAL_SQL = "select * from sal where contract_id = ? order by number";

    /**
     * For each read of a preview: database execution time (EXPLAIN ANALYZE, median of {@code repeat}) and
     * client-side time to fetch and decode every row through JDBC as AccountingStore's row mappers do,
     * as oe_app with the application's scope (RLS in force) and as the superuser (RLS bypassed).
     */
    static void explain(String url, long contract, int repeat, Path out) throws Exception {
        StringBuilder plans = new StringBuilder();
        long authority;
        try (Connection su = superuser(url); PreparedStatement select = su.prepareStatement("select authority_id from contract where id = ?")) {
            select.setLong(1, contract);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                authority = rows.getLong(1);
            }
        }
        LocalDate today = today();
        OUT.println();
        OUT.println("## 3. Le letture dell'anteprima nel database (EXPLAIN ANALYZE e lettura JDBC delle righe)");
        OUT.println();
        OUT.printf("Come oe_app con l'ambito che imposta la piattaforma (oe.authorities={%d}, oe.all=off: RLS attiva) e come superutente"
                + " (RLS non applicata); mediana di %d esecuzioni, ms%n%n", authority, repeat);
        OUT.println("| Lettura | Righe | DB con RLS | DB senza RLS | JDBC con RLS | JDBC senza RLS |");
        OUT.println("|---|---:|---:|---:|---:|---:|");
        try (Connection app = DriverManager.getConnection(url, "oe_app", "oe_app"); Connection su = superuser(url)) {
            for (String[] query : new String[][] {{"voci (AccountingStore.items)", ITEMS_SQL, "item"},
                {"misure fino alla data (measurementsUpTo)", BOOK_SQL, "book"}, {"SAL registrati (sals, intestazioni)", SAL_SQL, "sal"}}) {
                // Two rounds unmeasured first, so that neither side pays the driver's JIT warm-up.
                timeQuery(app, authority, query[1], contract, today, 2, query[2], new StringBuilder(), "");
                timeQuery(su, -1, query[1], contract, today, 2, query[2], new StringBuilder(), "");
                double[] rls = timeQuery(app, authority, query[1], contract, today, repeat, query[2], plans, "oe_app (RLS) — " + query[0]);
                double[] plain = timeQuery(su, -1, query[1], contract, today, repeat, query[2], plans, "superutente — " + query[0]);
                OUT.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", query[0], (long) rls[2], rls[0], plain[0], rls[1], plain[1]);
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("explain.txt"), plans.toString());
        OUT.println();
        OUT.println("Piani completi in " + out.resolve("explain.txt"));
    }

    /** {median execution ms from EXPLAIN ANALYZE, median client-side fetch ms, rows}. */
    private static double[] timeQuery(Connection connection, long authority, String sql, long contract, LocalDate today, int repeat,
            String kind, StringBuilder plans, String title) throws SQLException {
        List<Double> execution = new ArrayList<>();
        List<Double> fetch = new ArrayList<>();
        long rows = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int i = 0; i < repeat; i++) {
                try {
                    scope(connection, authority);
                    StringBuilder plan = new StringBuilder();
                    try (PreparedStatement explain = connection.prepareStatement("explain (analyze, buffers) " + sql)) {
                        bind(explain, sql, contract, today);
                        try (ResultSet result = explain.executeQuery()) {
                            while (result.next()) {
                                plan.append(result.getString(1)).append('\n');
                            }
                        }
                    }
                    Matcher time = Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
                    if (time.find()) {
                        execution.add(Double.parseDouble(time.group(1)));
                    }
                    if (i == repeat - 1) {
                        plans.append("-- ").append(title).append('\n').append(plan).append('\n');
                    }
                    long start = System.nanoTime();
                    rows = fetchAll(connection, sql, contract, today, kind);
                    fetch.add(millisSince(start));
                } finally {
                    connection.rollback();
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new double[] {median(execution), median(fetch), rows};
    }

    private static void scope(Connection connection, long authority) throws SQLException {
        if (authority < 0) {
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute("select set_config('oe.all', 'off', true), set_config('oe.authorities', '{" + authority + "}', true),"
                    + " set_config('oe.region', '', true)");
        }
    }

    private static void bind(PreparedStatement statement, String sql, long contract, LocalDate today) throws SQLException {
        statement.setLong(1, contract);
        if (sql.equals(BOOK_SQL)) {
            statement.setDate(2, java.sql.Date.valueOf(today));
        }
    }

    /** Reads every row and column the way AccountingStore's row mappers do (by column name). */
    private static long fetchAll(Connection connection, String sql, long contract, LocalDate today, String kind) throws SQLException {
        long rows = 0;
        long sink = 0;
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, sql, contract, today);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    switch (kind) {
                        case "item" -> {
                            sink += rs.getLong("id") + rs.getString("code").length() + rs.getString("description").length()
                                    + rs.getString("unit").length() + rs.getBigDecimal("unit_price").scale()
                                    + rs.getBigDecimal("quantity").scale() + (rs.getBoolean("subject_to_discount") ? 1 : 0);
                        }
                        case "book" -> {
                            rs.getInt("sal_number");
                            sink += rs.wasNull() ? 0 : 1;
                            sink += rs.getLong("id") + rs.getLong("item_id") + rs.getDate("entry_date").toLocalDate().getDayOfMonth();
                            String description = rs.getString("description");
                            BigDecimal[] values = {rs.getBigDecimal("parts"), rs.getBigDecimal("length"), rs.getBigDecimal("width"),
                                rs.getBigDecimal("height"), rs.getBigDecimal("quantity")};
                            String notes = rs.getString("notes");
                            sink += (description == null ? 0 : 1) + (notes == null ? 0 : 1) + (values[4] == null ? 0 : values[4].scale());
                        }
                        default -> sink += rs.getLong("id");
                    }
                }
            }
        }
        return sink == Long.MIN_VALUE ? -rows : rows;
    }
}
