package it.openesecuzione.bench;

import it.openesecuzione.shared.Cig;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.Cup;
import it.openesecuzione.shared.PartitaIva;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Driver of {@code bench/search.sh}: seeds a running platform's embedded PostgreSQL with realistic
 * contracts (as the cluster's superuser), creates a personal API token for {@code genova.rup},
 * times contract searches over HTTP (client-side, per request) and explains the queries as the
 * application role {@code oe_app}, with row-level security in force.
 *
 * <p>Not a test: it has a {@code main} and no JUnit annotations. {@code bench/search.sh} runs it in
 * source-file mode ({@code java -cp <classes and libs of the jar> SearchBenchmark.java ...}), so it
 * needs neither a pom change nor a test build.
 *
 * <p>Options ({@code --name=value}): {@code pg-port} and {@code http-port} (required),
 * {@code contracts} (200000), {@code queries} per kind (500), {@code warmup} requests (300),
 * {@code clients} for the concurrent pass (4; 0 skips it), {@code out} directory for
 * {@code explain.txt} (current directory).
 */
public final class SearchBenchmark {

    private static final PrintStream OUT = System.out;

    // ---------------------------------------------------------------------------------------------
    // The search SQL, as JdbcContracts.search builds it for a user of one authority with a text
    // query (page 0, size 20). Keep in sync with JdbcContracts.
    // ---------------------------------------------------------------------------------------------

    private static final String SELECT = """
            select c.id, c.authority_id, c.cup, c.oggetto, c.tipologia, c.oe_denominazione, c.importo_contrattuale,
                   c.stato, array(select l.cig from contract_lot l where l.contract_id = c.id order by l.position) cigs
            from contract c""";
    private static final String WHERE_TEXT =
            " where true and c.authority_id = ? and (c.search @@ to_tsquery('italian', ?) or c.search @@ to_tsquery('simple', ?))";
    private static final String WHERE_CIG =
            " where true and c.authority_id = ? and c.id in (select l.contract_id from contract_lot l where l.cig = ?)";
    private static final String PAGE = " order by c.id desc limit ? offset ?";
    private static final String COUNT_PREFIX = "select count(*) from (select 1 from contract c";
    private static final String COUNT_SUFFIX = " limit 1001) x";
    private static final int PAGE_SIZE = 20;
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

    /** JdbcContracts.prefixQuery: "manutenzione strade" → "manutenzione:* & strade:*". */
    static String prefixQuery(String text) {
        List<String> terms = new ArrayList<>();
        TOKEN.matcher(text.toLowerCase()).results().map(m -> m.group()).limit(8).forEach(t -> terms.add(t + ":*"));
        return String.join(" & ", terms);
    }

    // ---------------------------------------------------------------------------------------------

    private record Options(int pgPort, int httpPort, int contracts, int queries, int warmup, int clients, Path out) {

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("Opzione non valida: " + arg + " (forma: --nome=valore)");
                }
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
            if (!values.containsKey("pg-port") || !values.containsKey("http-port")) {
                throw new IllegalArgumentException("Servono --pg-port=N e --http-port=N");
            }
            return new Options(Integer.parseInt(values.get("pg-port")), Integer.parseInt(values.get("http-port")),
                    Integer.parseInt(values.getOrDefault("contracts", "200000")),
                    Integer.parseInt(values.getOrDefault("queries", "500")),
                    Integer.parseInt(values.getOrDefault("warmup", "300")),
                    Integer.parseInt(values.getOrDefault("clients", "4")),
                    Path.of(values.getOrDefault("out", ".")));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String url = "jdbc:postgresql://127.0.0.1:" + options.pgPort() + "/openesecuzione";
        try (Connection su = DriverManager.getConnection(url, "postgres", "")) {
            Tenants tenants = Tenants.load(su);
            new Seeder(su, tenants).seedIfNeeded(options.contracts());
            String token = createToken(su, tenants.genova().rupUserId());
            Workload workload = Workload.build(su, tenants.genova(), options);
            describeDatabase(su, tenants);

            Http http = new Http(options.httpPort(), token);
            OUT.printf("%nRiscaldamento: %d richieste%n", options.warmup());
            List<Task> warmup = new ArrayList<>();
            for (int i = 0; i < options.warmup(); i++) {
                warmup.add(i % 2 == 0 ? workload.warmupCigs().get((i / 2) % workload.warmupCigs().size())
                        : workload.texts().get((i / 2) % workload.texts().size()));
            }
            run(http, warmup, 1);

            List<Task> measured = workload.measured(options.queries());
            OUT.printf("%n## Sequenziale (1 client): %d richieste, %d per tipo, ordine casuale%n%n",
                    measured.size(), options.queries());
            Result sequential = run(http, measured, 1);
            sequential.print(true);

            Result concurrent = null;
            if (options.clients() > 1) {
                OUT.printf("%n## Concorrente (%d client): le stesse %d richieste divise tra i client%n%n",
                        options.clients(), measured.size());
                concurrent = run(http, measured, options.clients());
                concurrent.print(false);
            }

            try (Connection app = DriverManager.getConnection(url, "oe_app", "oe_app")) {
                new Explainer(app, tenants.genova().id(), options.out()).explainAll(workload, sequential);
            }
            boolean ok = sequential.p95("CIG") < 50 && sequential.p95("testo") < 50;
            OUT.printf("%nRequisito p95 < 50 ms (sequenziale): %s%n", ok ? "RISPETTATO" : "NON RISPETTATO");
            if (concurrent != null) {
                OUT.printf("Con %d client: p95 CIG %d ms, p95 testo %d ms%n", options.clients(),
                        concurrent.p95("CIG"), concurrent.p95("testo"));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Tenants: the two demo authorities and a few extra ones, each with a RUP.
    // ---------------------------------------------------------------------------------------------

    private record Authority(long id, String name, String region, long rupUserId, String placePhrase,
            List<String> places, String officeCode, char cupLetter, double weight) {
    }

    private record Tenants(Authority genova, List<Authority> all) {

        static Tenants load(Connection su) throws SQLException {
            Authority genova = demo(su, "00856930102", "genova.rup", "nel quartiere di", List.of("Sampierdarena",
                    "Sestri Ponente", "Pegli", "Voltri", "Pra'", "Nervi", "Quarto", "Quinto", "Marassi", "Staglieno",
                    "Rivarolo", "Bolzaneto", "Pontedecimo", "Cornigliano", "Albaro", "Foce", "Castelletto",
                    "San Fruttuoso", "Quezzi", "Molassana", "Struppa", "Multedo", "Borzoli", "Begato", "Certosa",
                    "Oregina", "Lagaccio", "Sturla", "Apparizione", "San Teodoro"), "010", 'B', 0.45);
            if (genova == null) {
                throw new IllegalStateException("Il Comune di Genova dei dati demo non c'è: avviare la piattaforma con i dati demo");
            }
            Authority savona = demo(su, "00311260095", "savona.rup", "nel comune di", List.of("Savona", "Albenga",
                    "Alassio", "Varazze", "Finale Ligure", "Loano", "Cairo Montenotte", "Celle Ligure",
                    "Albisola Superiore", "Spotorno", "Noli", "Pietra Ligure", "Millesimo", "Carcare", "Quiliano",
                    "Vado Ligure", "Ceriale", "Borghetto Santo Spirito", "Sassello", "Dego"), "009", 'F', 0.30);
            List<Authority> all = new ArrayList<>(List.of(genova, savona));
            all.add(extra(su, "Comune della Spezia", "COMUNE", "Liguria", "0000250001", "bench.rup.spezia",
                    "Carlo", "Neri", "nel quartiere di", List.of("Migliarina", "Mazzetta", "Fossitermi", "Pegazzano",
                            "Marola", "Cadimare", "Fabiano", "Chiappa", "Rebocco", "Canaletto", "Favaro", "Termo",
                            "Pianazze", "Melara", "Muggiano"), "011", 'D', 0.10));
            all.add(extra(su, "Comune di Sanremo", "COMUNE", "Liguria", "0000250002", "bench.rup.sanremo",
                    "Elena", "Lanteri", "in località", List.of("Coldirodi", "Poggio", "Bussana", "San Martino",
                            "Borgo", "Verezzo", "San Bartolomeo", "Baragallo", "San Romolo", "Pian di Poma"),
                    "008", 'G', 0.07));
            all.add(extra(su, "Città metropolitana di Torino", "CITTA_METROPOLITANA", "Piemonte", "0000250003",
                    "bench.rup.torino", "Marco", "Gribaudo", "nel comune di", List.of("Moncalieri", "Rivoli", "Chieri",
                            "Ivrea", "Pinerolo", "Settimo Torinese", "Collegno", "Grugliasco", "Nichelino", "Orbassano",
                            "Carmagnola", "Susa", "Lanzo Torinese", "Ciriè", "Chivasso"), "001", 'J', 0.08));
            return new Tenants(genova, List.copyOf(all));
        }

        private static Authority demo(Connection su, String codiceFiscale, String rup, String placePhrase,
                List<String> places, String office, char cupLetter, double weight) throws SQLException {
            try (PreparedStatement st = su.prepareStatement("""
                    select a.id, a.denominazione, a.regione, u.id
                    from stazione_appaltante a, app_user u where a.codice_fiscale = ? and u.username = ?""")) {
                st.setString(1, codiceFiscale);
                st.setString(2, rup);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? new Authority(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            placePhrase, places, office, cupLetter, weight) : null;
                }
            }
        }

        /** An extra authority with its RUP (a user without password), created once. */
        private static Authority extra(Connection su, String name, String tipo, String region, String ausa,
                String rupUsername, String nome, String cognome, String placePhrase, List<String> places,
                String office, char cupLetter, double weight) throws SQLException {
            String codiceFiscale = elevenDigits("8" + ausa.substring(4), office); // 8…: organisations' CF
            long authorityId;
            try (PreparedStatement st = su.prepareStatement("select id from stazione_appaltante where codice_fiscale = ?")) {
                st.setString(1, codiceFiscale);
                try (ResultSet rs = st.executeQuery()) {
                    authorityId = rs.next() ? rs.getLong(1) : -1;
                }
            }
            if (authorityId < 0) {
                try (PreparedStatement st = su.prepareStatement("""
                        insert into stazione_appaltante (denominazione, codice_fiscale, codice_ausa, tipo, regione)
                        values (?, ?, ?, ?, ?) returning id""")) {
                    st.setString(1, name);
                    st.setString(2, codiceFiscale);
                    st.setString(3, ausa);
                    st.setString(4, tipo);
                    st.setString(5, region);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        authorityId = rs.getLong(1);
                    }
                }
            }
            long userId;
            try (PreparedStatement st = su.prepareStatement("select id from app_user where username = ?")) {
                st.setString(1, rupUsername);
                try (ResultSet rs = st.executeQuery()) {
                    userId = rs.next() ? rs.getLong(1) : -1;
                }
            }
            if (userId < 0) {
                String cf = personalCodiceFiscale(cognome, nome, ausa);
                try (PreparedStatement st = su.prepareStatement("""
                        insert into app_user (username, codice_fiscale, nome, cognome, email)
                        values (?, ?, ?, ?, ?) returning id""")) {
                    st.setString(1, rupUsername);
                    st.setString(2, cf);
                    st.setString(3, nome);
                    st.setString(4, cognome);
                    st.setString(5, rupUsername + "@benchmark.example");
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        userId = rs.getLong(1);
                    }
                }
                try (PreparedStatement st = su.prepareStatement(
                        "insert into user_authority_role (user_id, authority_id, role) values (?, ?, 'RUP')")) {
                    st.setLong(1, userId);
                    st.setLong(2, authorityId);
                    st.executeUpdate();
                }
            }
            return new Authority(authorityId, name, region, userId, placePhrase, places, office, cupLetter, weight);
        }

        /** A valid personal codice fiscale: the check letter is found by asking the platform's own validator. */
        private static String personalCodiceFiscale(String cognome, String nome, String seed) {
            String consonants = (cognome + nome).toUpperCase(Locale.ROOT).replaceAll("[^B-DF-HJ-NP-TV-Z]", "") + "XXXXXX";
            String body = consonants.substring(0, 6) + "80A0" + seed.charAt(9) + "D969";
            for (char c = 'A'; c <= 'Z'; c++) {
                if (CodiceFiscale.isValid(body + c)) {
                    return body + c;
                }
            }
            throw new IllegalStateException("Nessun carattere di controllo valido per " + body);
        }
    }

    /** Eleven digits with the partita IVA check digit (Agenzia delle Entrate's Luhn variant). */
    static String elevenDigits(String sevenDigits, String office) {
        String ten = sevenDigits + office;
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int d = ten.charAt(i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        String code = ten + ((10 - sum % 10) % 10);
        if (!PartitaIva.isValid(code)) {
            throw new IllegalStateException("Partita IVA generata non valida: " + code);
        }
        return code;
    }

    // ---------------------------------------------------------------------------------------------
    // Seeding: realistic contracts, COPY'd in one transaction as the superuser (bypasses RLS).
    // ---------------------------------------------------------------------------------------------

    private enum Kind { LAVORI, SERVIZI, FORNITURE }

    private record Awardee(String name, String piva) {
    }

    private static final class Seeder {

        private static final String[] LAVORI = {
                "Lavori di manutenzione straordinaria delle strade comunali {luogo}",
                "Manutenzione ordinaria della rete stradale e dei marciapiedi {luogo}, anno {anno}",
                "Rifacimento della pavimentazione stradale di {via}",
                "Lavori di riqualificazione urbana di piazza {piazza} {luogo}",
                "Adeguamento sismico della scuola {scuola}",
                "Riqualificazione energetica della scuola {scuola} (PNRR M2C3)",
                "Efficientamento energetico {edificio}",
                "Manutenzione straordinaria delle coperture {edificio}",
                "Messa in sicurezza del versante franoso {luogo}",
                "Consolidamento del ponte sul torrente {torrente}",
                "Lavori di ampliamento del cimitero {luogo}",
                "Realizzazione di un impianto fotovoltaico sulla copertura {edificio}",
                "Adeguamento alla normativa antincendio {edificio}",
                "Rifacimento degli impianti di illuminazione pubblica {luogo}",
                "Riqualificazione del verde pubblico e dei giardini di {parco}",
                "Lavori di sistemazione idraulica del rio {torrente} {luogo}",
                "Realizzazione della pista ciclabile di {via}",
                "Abbattimento delle barriere architettoniche {edificio}",
                "Lavori di manutenzione straordinaria della rete fognaria {luogo}",
                "Ristrutturazione della palestra della scuola {scuola}",
        };
        private static final String[] SERVIZI = {
                "Servizio di pulizia degli edifici comunali, anni {anni}",
                "Servizio di pulizia e sanificazione delle scuole {luogo}",
                "Servizio di ristorazione scolastica, anni {anni}",
                "Servizio di manutenzione del verde pubblico {luogo}",
                "Servizio di gestione e manutenzione degli impianti di illuminazione pubblica, anni {anni}",
                "Servizio di trasporto scolastico {luogo}",
                "Servizio di sgombero neve e trattamento antighiaccio della viabilità {luogo}",
                "Servizio di manutenzione degli impianti termici {edificio}",
                "Servizio di progettazione esecutiva della riqualificazione {edificio}",
                "Servizio di direzione lavori per la manutenzione delle strade {luogo}",
                "Servizio di raccolta e trasporto dei rifiuti ingombranti {luogo}",
                "Servizio di assistenza domiciliare per anziani e disabili, anni {anni}",
                "Servizio di vigilanza e portierato {edificio}",
                "Servizio di manutenzione degli ascensori negli edifici comunali, anni {anni}",
                "Servizio di pulizia delle spiagge libere e degli arenili {luogo}",
                "Servizio di gestione della biblioteca civica {nome}",
                "Servizio di manutenzione della segnaletica stradale {luogo}",
                "Servizio di verifica sismica degli edifici scolastici {luogo}",
        };
        private static final String[] FORNITURE = {
                "Fornitura di arredi scolastici per la scuola {scuola}",
                "Fornitura di sale antigelo per la viabilità, inverno {anni}",
                "Fornitura di corpi illuminanti a LED per l'illuminazione pubblica {luogo}",
                "Fornitura di carburante per gli automezzi comunali, anno {anno}",
                "Fornitura di materiale di cancelleria per gli uffici, anno {anno}",
                "Fornitura di personal computer e monitor per gli uffici comunali",
                "Fornitura di conglomerato bituminoso per la manutenzione delle strade {luogo}",
                "Fornitura di giochi e arredo urbano per il {parco}",
                "Fornitura di veicoli elettrici per la polizia locale",
                "Fornitura di derrate alimentari per le mense scolastiche, anni {anni}",
                "Fornitura di dispositivi di protezione individuale per il personale",
                "Fornitura di segnaletica stradale verticale e orizzontale",
                "Fornitura di libri e materiale multimediale per la biblioteca civica {nome}",
                "Fornitura in noleggio di fotocopiatrici multifunzione, anni {anni}",
        };
        private static final String[] NOMI = {"Mazzini", "Garibaldi", "Colombo", "De Amicis", "Don Milani", "Montale",
                "Paganini", "Pertini", "Calvino", "Rodari", "Montessori", "Deledda", "Pascoli", "Carducci", "Fermi",
                "Marconi", "Verdi", "Manzoni", "Leopardi", "Alighieri", "Caboto", "Doria", "Brignole", "Durazzo",
                "Falcone e Borsellino", "Sauro", "Baden Powell", "Cavour", "Gozzano", "Pavese"};
        private static final String[] VIE = {"via XX Settembre", "corso Italia", "via Garibaldi", "via Mazzini",
                "via Roma", "corso Europa", "via Aurelia", "via Gramsci", "via Piave", "via Cantore", "via Trieste",
                "corso Sardegna", "via Milano", "via Fillak", "via Merano", "via Piacenza", "lungomare Colombo",
                "via Torino", "via dei Mille", "via Buranello", "corso Ricci", "via Chiodo", "viale Italia"};
        private static final String[] PIAZZE = {"della Vittoria", "Martinez", "Matteotti", "del Popolo", "Garibaldi",
                "San Giovanni", "della Libertà", "Sisto IV", "del Mercato", "Cavour", "Verdi", "Europa"};
        private static final String[] TORRENTI = {"Bisagno", "Polcevera", "Sturla", "Varenna", "Chiaravagna",
                "Letimbro", "Centa", "Entella", "Magra", "Vara", "Bormida", "Argentina", "Nervia", "Impero",
                "Sangone", "Dora", "Stura", "Cerusa", "Leiro", "Fereggiano"};
        private static final String[] TIPI_SCUOLA = {"primaria", "dell'infanzia", "secondaria di primo grado",
                "primaria e dell'infanzia"};
        private static final String[] EDIFICI = {"del palazzo comunale", "della palestra comunale {luogo}",
                "del centro sportivo {nome}", "della biblioteca civica {nome}", "del museo civico",
                "della sede della polizia locale", "degli uffici tecnici comunali", "del teatro comunale",
                "della scuola {scuola}", "del mercato comunale {luogo}", "della residenza per anziani {nome}",
                "del centro civico {luogo}", "dell'asilo nido {luogo}", "della piscina comunale {luogo}"};
        private static final String[] SUFFISSI = {" - lotto unico", " (accordo quadro)", " - PNRR M5C2",
                " - intervento urgente", " - secondo stralcio", " (affidamento in somma urgenza)"};

        private static final String[] COGNOMI = {"Bruzzone", "Parodi", "Canepa", "Ferrando", "Repetto", "Cavanna",
                "Gazzolo", "Traverso", "Oliveri", "Costa", "Rossi", "Pastorino", "Dellepiane", "Merlo", "Lagorio",
                "Barabino", "Ratto", "Figari", "Schiaffino", "Olcese", "Bacigalupo", "Noceti", "Queirolo", "Storace",
                "Ottonello", "Pittaluga", "Sciaccaluga", "Boero", "Valle", "Ghiglione", "Rebora", "Calcagno",
                "Bonino", "Giordano", "Martini", "Ferrero", "Gallo", "Marengo", "Bertolotto", "Scarsi"};
        private static final String[] AREE = {"Liguria", "Tigullio", "Riviera", "Levante", "Ponente", "Polcevera",
                "Val Bisagno", "Val Bormida", "Golfo", "Appennino", "Lunigiana", "Piemonte", "Canavese", "Mediterranea",
                "Nord Ovest", "Alta Valle", "Ligure", "Sabazia", "Ingauna", "Intemelia"};
        private static final String[] RADICI_LAVORI = {"Edil", "Costruzioni", "Impresa Edile", "Edilstrade", "Scavi",
                "Asfalti", "Restauri", "Cantieri", "Infrastrutture", "Opere Pubbliche", "Impianti", "Idraulica",
                "Termoimpianti", "Elettroimpianti", "Fotovoltaico"};
        private static final String[] RADICI_SERVIZI = {"Servizi", "Multiservizi", "Ristorazione", "Pulizie", "Verde",
                "Giardini", "Ecologia", "Ambiente", "Trasporti", "Global Service", "Facility", "Vigilanza",
                "Assistenza", "Ingegneria", "Studio Tecnico"};
        private static final String[] RADICI_FORNITURE = {"Forniture", "Commerciale", "Tecno", "Office", "Arredi",
                "Carburanti", "Segnaletica", "Illuminazione", "Elettroforniture", "Informatica", "Alimentari",
                "Distribuzione", "Veicoli"};
        private static final String[] FORME = {"S.r.l.", "S.r.l.", "S.r.l.", "S.p.A.", "Soc. Coop.", "S.n.c.", "S.r.l.s."};

        private final Connection su;
        private final Tenants tenants;
        private final Random random = new Random(20261127L);
        private final Map<Kind, List<Awardee>> awardees = new HashMap<>();
        private final Set<String> cigs = new HashSet<>();
        private int cigCounter;

        Seeder(Connection su, Tenants tenants) {
            this.su = su;
            this.tenants = tenants;
        }

        void seedIfNeeded(int target) throws SQLException, IOException {
            long existing = count(su, "select count(*) from contract");
            if (existing >= target) {
                OUT.printf("Contratti già presenti: %,d (>= %,d): nessun inserimento%n", existing, target);
                return;
            }
            OUT.printf("Inserimento di %,d contratti (già presenti: %,d)…%n", target, existing);
            long started = System.nanoTime();
            awardees.put(Kind.LAVORI, awardees(1200, RADICI_LAVORI, 1_000_000));
            awardees.put(Kind.SERVIZI, awardees(900, RADICI_SERVIZI, 3_000_000));
            awardees.put(Kind.FORNITURE, awardees(400, RADICI_FORNITURE, 5_000_000));
            try (Statement st = su.createStatement();
                    ResultSet rs = st.executeQuery("select cig from contract_lot")) {
                while (rs.next()) {
                    cigs.add(rs.getString(1));
                }
            }
            su.setAutoCommit(false);
            long base;
            try (Statement st = su.createStatement(); ResultSet rs = st.executeQuery("select nextval('oe_seq')")) {
                rs.next();
                base = rs.getLong(1);
            }
            try (Statement st = su.createStatement()) {
                st.execute("select setval('oe_seq', " + (base + target + 1) + ")");
            }
            CopyManager copy = su.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 10_000;
            for (int from = 0; from < target; from += chunk) {
                StringBuilder contracts = new StringBuilder(chunk * 400);
                StringBuilder lots = new StringBuilder(chunk * 40);
                StringBuilder assignments = new StringBuilder(chunk * 30);
                StringBuilder members = new StringBuilder(chunk);
                for (int i = from; i < Math.min(target, from + chunk); i++) {
                    contract(base + 1 + i, i, target, contracts, lots, assignments, members);
                }
                copy.copyIn("""
                        copy contract (id, authority_id, region, oggetto, tipologia, settore, sopra_soglia, concessione,
                            procedura, importo_base_gara, ribasso, importo_contrattuale, oneri_sicurezza, durata_giorni,
                            cup, oe_denominazione, oe_codice_fiscale, oe_partita_iva, rti, id_appalto, id_contratto,
                            stato, created_at, updated_at) from stdin""", new StringReader(contracts.toString()));
                copy.copyIn("copy contract_lot (contract_id, authority_id, position, cig, descrizione) from stdin",
                        new StringReader(lots.toString()));
                copy.copyIn("copy contract_assignment (contract_id, authority_id, role, user_id) from stdin",
                        new StringReader(assignments.toString()));
                copy.copyIn("""
                        copy contract_rti_member (contract_id, authority_id, position, denominazione, codice_fiscale,
                            ruolo, quota) from stdin""", new StringReader(members.toString()));
                OUT.printf("  %,d / %,d%n", Math.min(target, from + chunk), target);
            }
            su.commit();
            su.setAutoCommit(true);
            OUT.printf("Inseriti in %d s; VACUUM ANALYZE…%n", (System.nanoTime() - started) / 1_000_000_000);
            try (Statement st = su.createStatement()) {
                st.execute("vacuum (analyze) contract, contract_lot, contract_assignment, contract_rti_member");
            }
            OUT.printf("Pronto in %d s in tutto%n", (System.nanoTime() - started) / 1_000_000_000);
            checkCigs();
        }

        /** Every CIG in the database must pass the platform's own validation. */
        private void checkCigs() throws SQLException {
            int checked = 0;
            int invalid = 0;
            try (Statement st = su.createStatement(); ResultSet rs = st.executeQuery("select cig from contract_lot")) {
                while (rs.next()) {
                    checked++;
                    if (!Cig.isValid(rs.getString(1))) {
                        invalid++;
                    }
                }
            }
            if (invalid > 0) {
                throw new IllegalStateException(invalid + " CIG non validi su " + checked);
            }
            OUT.printf("CIG verificati con Cig.isValid: %,d, tutti validi%n", checked);
        }

        private List<Awardee> awardees(int count, String[] roots, int firstProgressive) {
            Set<String> names = new HashSet<>();
            List<Awardee> list = new ArrayList<>();
            int progressive = firstProgressive;
            String[] offices = {"010", "009", "011", "008", "001"};
            for (int attempts = 0; list.size() < count && attempts < count * 20; attempts++) {
                String root = pick(roots);
                String cognome = pick(COGNOMI);
                String name = switch (random.nextInt(5)) {
                    case 0 -> root + " " + cognome;
                    case 1 -> cognome + " " + root;
                    case 2 -> root + " " + pick(AREE);
                    case 3 -> cognome + " & Figli " + root;
                    default -> root + " " + cognome + " " + pick(COGNOMI);
                } + " " + pick(FORME);
                if (names.add(name)) {
                    String piva = elevenDigits(String.format("%07d", progressive++), pick(offices));
                    list.add(new Awardee(name, piva));
                }
            }
            return list;
        }

        private <T> T pick(T[] values) {
            return values[random.nextInt(values.length)];
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        /** Few awardees win many contracts, most win a few (skewed choice). */
        private Awardee awardee(Kind kind) {
            List<Awardee> list = awardees.get(kind);
            return list.get((int) (list.size() * Math.pow(random.nextDouble(), 2.5)));
        }

        private Authority authority() {
            double r = random.nextDouble();
            for (Authority a : tenants.all()) {
                r -= a.weight();
                if (r < 0) {
                    return a;
                }
            }
            return tenants.all().get(0);
        }

        private String oggetto(Authority a, Kind kind, int year) {
            String[] templates = switch (kind) {
                case LAVORI -> LAVORI;
                case SERVIZI -> SERVIZI;
                case FORNITURE -> FORNITURE;
            };
            String text = pick(templates);
            text = text.replace("{edificio}", pick(EDIFICI));
            text = text.replace("{scuola}", pick(TIPI_SCUOLA) + " " + pick(NOMI) + " {luogo}");
            text = text.replace("{luogo}", a.placePhrase() + " " + pick(a.places()));
            text = text.replace("{parco}", (random.nextBoolean() ? "parco " : "giardini ") + pick(NOMI));
            text = text.replace("{nome}", pick(NOMI));
            text = text.replace("{via}", pick(VIE));
            text = text.replace("{piazza}", pick(PIAZZE));
            text = text.replace("{torrente}", pick(TORRENTI));
            text = text.replace("{anni}", year + "-" + (year + 2));
            text = text.replace("{anno}", String.valueOf(year));
            if (random.nextInt(100) < 15) {
                text += pick(SUFFISSI);
            }
            return text;
        }

        private String nextCig(Kind kind, BigDecimal base) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int k = cigCounter++;
                Cig cig;
                if (base.compareTo(BigDecimal.valueOf(40_000)) < 0 && kind != Kind.LAVORI && random.nextInt(3) > 0) {
                    cig = Cig.generate(Cig.Format.SMART_CIG, "XYZ".charAt(k % 3), 0x0A00000 + k);
                } else if (random.nextInt(20) == 0) {
                    cig = Cig.generate(Cig.Format.SIMOG_V1, (char) ('6' + k % 4), 100_000 + k % 800_000);
                } else {
                    // A-U except B (the demo's CIGs start with B)
                    String letters = "ACDEFGHIJKLMNOPQRSTU";
                    cig = Cig.generate(Cig.Format.SIMOG_V2_PCP, letters.charAt(k % letters.length()),
                            0x200000 + k / letters.length());
                }
                if (cigs.add(cig.value())) {
                    return cig.value();
                }
            }
            throw new IllegalStateException("Troppi CIG duplicati");
        }

        private String cup(Authority a, int year) {
            StringBuilder cup = new StringBuilder().append(a.cupLetter())
                    .append(String.format("%02d", 10 + random.nextInt(90)))
                    .append((char) ('A' + random.nextInt(26)))
                    .append(String.format("%02d", year % 100))
                    .append(String.format("%09d", random.nextInt(1_000_000_000)));
            if (!Cup.isValid(cup.toString())) {
                throw new IllegalStateException("CUP generato non valido: " + cup);
            }
            return cup.toString();
        }

        private static BigDecimal money(double value) {
            return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
        }

        private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX")
                .withZone(ZoneOffset.UTC);

        private void contract(long id, int index, int total, StringBuilder contracts, StringBuilder lots,
                StringBuilder assignments, StringBuilder members) {
            Authority a = authority();
            int kindRoll = random.nextInt(100);
            Kind kind = kindRoll < 40 ? Kind.LAVORI : kindRoll < 80 ? Kind.SERVIZI : Kind.FORNITURE;
            // Created from 2019 to late 2026, in id order.
            Instant start = LocalDate.of(2019, 1, 2).atStartOfDay().toInstant(ZoneOffset.UTC);
            long span = Duration.between(start, Instant.parse("2026-11-20T00:00:00Z")).getSeconds();
            Instant created = start.plusSeconds(span * index / total + random.nextInt(3_600));
            Instant updated = created.plusSeconds(random.nextInt(200) * 86_400L);
            if (updated.isAfter(Instant.parse("2026-11-26T00:00:00Z"))) {
                updated = created;
            }
            int year = created.atZone(ZoneOffset.UTC).getYear();

            double min = kind == Kind.FORNITURE ? 2_000 : 5_000;
            double max = kind == Kind.LAVORI ? 15_000_000 : kind == Kind.SERVIZI ? 5_000_000 : 1_500_000;
            BigDecimal base = money(Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min))));
            BigDecimal ribasso = BigDecimal.valueOf(random.nextDouble() * 30).setScale(5, RoundingMode.HALF_UP);
            BigDecimal oneri = kind == Kind.LAVORI
                    ? base.multiply(BigDecimal.valueOf(0.02 + random.nextDouble() * 0.03)).setScale(2, RoundingMode.HALF_UP)
                    : BigDecimal.ZERO.setScale(2);
            BigDecimal importo = base.subtract(oneri)
                    .multiply(BigDecimal.ONE.subtract(ribasso.movePointLeft(2)))
                    .add(oneri).setScale(2, RoundingMode.HALF_UP);
            double soglia = kind == Kind.LAVORI ? 5_538_000 : 221_000;
            boolean sopraSoglia = base.doubleValue() >= soglia;
            double diretto = kind == Kind.LAVORI ? 150_000 : 140_000;
            String procedura;
            if (base.doubleValue() < diretto) {
                procedura = "AFFIDAMENTO_DIRETTO";
            } else if (!sopraSoglia && (kind != Kind.LAVORI || base.doubleValue() < 1_000_000)) {
                procedura = "NEGOZIATA_SENZA_BANDO";
            } else {
                int r = random.nextInt(100);
                procedura = r < 85 ? "APERTA" : r < 95 ? "RISTRETTA" : "COMPETITIVA_CON_NEGOZIAZIONE";
            }
            int durata = switch (kind) {
                case LAVORI -> 60 + random.nextInt(660);
                case SERVIZI -> 180 + random.nextInt(1280);
                case FORNITURE -> 15 + random.nextInt(350);
            };
            String cup = kind == Kind.LAVORI && random.nextInt(10) < 9 || kind == Kind.SERVIZI && random.nextInt(10) == 0
                    ? cup(a, year) : null;
            int statoRoll = random.nextInt(100);
            String stato = year < 2023 ? (statoRoll < 50 ? "CONCL" : statoRoll < 85 ? "COLL" : "IN_ESEC")
                    : statoRoll < 15 ? "AGGIUDICATO" : statoRoll < 30 ? "SOTT" : statoRoll < 85 ? "IN_ESEC" : "CONCL";
            boolean pcp = year >= 2024;

            Awardee awardee = awardee(kind);
            String name = awardee.name();
            boolean rti = random.nextInt(100) < 3;
            if (rti) {
                Awardee mandante = awardee(kind);
                name = "RTI " + stripForm(awardee.name()) + " - " + stripForm(mandante.name());
                members.append(id).append('\t').append(a.id()).append("\t0\t").append(field(awardee.name())).append('\t')
                        .append(awardee.piva()).append("\tMANDATARIA\t60.00\n");
                members.append(id).append('\t').append(a.id()).append("\t1\t").append(field(mandante.name())).append('\t')
                        .append(mandante.piva()).append("\tMANDANTE\t40.00\n");
            }

            String[] row = {
                    String.valueOf(id), String.valueOf(a.id()), a.region(), oggetto(a, kind, year), kind.name(),
                    random.nextInt(100) < 5 ? "SPECIALE" : "ORDINARIO", String.valueOf(sopraSoglia),
                    String.valueOf(random.nextInt(100) < 2), procedura, base.toPlainString(), ribasso.toPlainString(),
                    importo.toPlainString(), oneri.toPlainString(), String.valueOf(durata), cup, name, awardee.piva(),
                    awardee.piva(), String.valueOf(rti), pcp ? UUID.randomUUID().toString() : null,
                    pcp ? UUID.randomUUID().toString() : null, stato, TIMESTAMP.format(created), TIMESTAMP.format(updated)};
            for (int i = 0; i < row.length; i++) {
                contracts.append(i == 0 ? "" : "\t").append(row[i] == null ? "\\N" : field(row[i]));
            }
            contracts.append('\n');

            int lotRoll = random.nextInt(100);
            int lotCount = lotRoll < 85 ? 1 : lotRoll < 95 ? 2 : 3 + random.nextInt(3);
            for (int position = 0; position < lotCount; position++) {
                String descrizione = lotCount == 1 ? "\\N"
                        : field("Lotto " + (position + 1) + " - " + pick(a.places()));
                lots.append(id).append('\t').append(a.id()).append('\t').append(position).append('\t')
                        .append(nextCig(kind, base)).append('\t').append(descrizione).append('\n');
            }
            assignments.append(id).append('\t').append(a.id()).append("\tRUP\t").append(a.rupUserId()).append('\n');
        }

        private static String stripForm(String name) {
            for (String form : FORME) {
                if (name.endsWith(" " + form)) {
                    return name.substring(0, name.length() - form.length() - 1);
                }
            }
            return name;
        }

        /** COPY text format: no tabs, newlines or backslashes in our values, but be safe. */
        private static String field(String value) {
            return value.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ");
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void describeDatabase(Connection su, Tenants tenants) throws SQLException {
        OUT.printf("%nBase dati: %s%n", single(su, "select version()"));
        OUT.printf("Contratti: %,d in tutto, %,d del Comune di Genova; lotti (CIG): %,d; dimensione di contract: %s%n",
                count(su, "select count(*) from contract"),
                count(su, "select count(*) from contract where authority_id = " + tenants.genova().id()),
                count(su, "select count(*) from contract_lot"),
                single(su, "select pg_size_pretty(pg_total_relation_size('contract'))"));
        OUT.printf("Impostazioni: shared_buffers=%s, work_mem=%s, synchronous_commit=%s, fsync=%s, jit=%s%n",
                single(su, "show shared_buffers"), single(su, "show work_mem"), single(su, "show synchronous_commit"),
                single(su, "show fsync"), single(su, "show jit"));
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A personal API token for the user, stored as ApiTokens does (SHA-256 hex); old benchmark tokens go. */
    private static String createToken(Connection su, long userId) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = "oe_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        try (PreparedStatement delete = su.prepareStatement("delete from api_token where user_id = ? and name = 'benchmark'");
                PreparedStatement insert = su.prepareStatement("""
                        insert into api_token (user_id, name, token_hash, prefix, created_at)
                        values (?, 'benchmark', ?, ?, now())""")) {
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
    // Workload: existing CIGs of the user's authority, and text queries of varying selectivity.
    // ---------------------------------------------------------------------------------------------

    /** One search: its kind ("CIG" or "testo"), a label for the per-query table, the q parameter. */
    private record Task(String kind, String label, String q) {
    }

    private record Workload(List<Task> cigs, List<Task> warmupCigs, List<Task> texts) {

        static Workload build(Connection su, Authority genova, Options options) throws SQLException {
            List<Task> cigs = new ArrayList<>();
            try (PreparedStatement st = su.prepareStatement(
                    "select cig from contract_lot where authority_id = ? order by md5(cig) limit ?")) {
                st.setLong(1, genova.id());
                st.setInt(2, options.queries() + 200);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        cigs.add(new Task("CIG", "CIG esistente", rs.getString(1)));
                    }
                }
            }
            if (cigs.size() < 250) {
                throw new IllegalStateException("Troppo pochi CIG del Comune di Genova: " + cigs.size());
            }
            List<Task> warmupCigs = cigs.subList(Math.min(options.queries(), cigs.size() / 2), cigs.size());
            cigs = cigs.subList(0, Math.min(options.queries(), cigs.size() / 2));

            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("manutenzione strade", "manutenzione strade");
            texts.put("scuola", "scuola");
            texts.put("illuminazione pubblica", "illuminazione pubblica");
            texts.put("verde pubblico", "verde pubblico");
            texts.put("ristorazione scolastica", "ristorazione scolastica");
            texts.put("pulizia", "pulizia");
            texts.put("riqualificazione energetica", "riqualificazione energetica");
            texts.put("fornitura arredi", "fornitura arredi");
            texts.put("Sampierdarena", "Sampierdarena");
            texts.put("palestra Nervi", "palestra Nervi");
            texts.put("cimitero", "cimitero");
            texts.put("torrente Bisagno", "torrente Bisagno");
            texts.put("Savona (solo altro ente)", "Savona");
            texts.put("teleferica (nessun risultato)", "teleferica");
            // Awardees of the authority: the most frequent, one in the middle, one with a single contract.
            List<String[]> ranked = new ArrayList<>();
            try (PreparedStatement st = su.prepareStatement("""
                    select oe_denominazione, count(*), min(oe_partita_iva) from contract
                    where authority_id = ? and not rti group by 1 order by 2 desc, 1""")) {
                st.setLong(1, genova.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ranked.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
            }
            String[] top = ranked.get(0);
            String[] middle = ranked.get(ranked.size() / 3);
            String[] single = ranked.get(ranked.size() - 1);
            texts.put("aggiudicatario con " + top[1] + " contratti", words(top[0]));
            texts.put("aggiudicatario con " + middle[1] + " contratti", words(middle[0]));
            texts.put("aggiudicatario con " + single[1] + " contratto", words(single[0]));
            texts.put("partita IVA", middle[2]);
            String cup = single(su, "select cup from contract where authority_id = " + genova.id()
                    + " and cup is not null order by id limit 1 offset 1000");
            texts.put("CUP", cup);
            List<Task> textTasks = new ArrayList<>();
            texts.forEach((label, q) -> textTasks.add(new Task("testo", label, q)));
            return new Workload(List.copyOf(cigs), List.copyOf(warmupCigs), List.copyOf(textTasks));
        }

        /** The awardee's name as someone would type it: without the legal form, at most two words. */
        private static String words(String name) {
            String[] parts = name.replaceAll("\\b(S\\.r\\.l\\.s?|S\\.p\\.A\\.|Soc\\. Coop\\.|S\\.n\\.c\\.)$", "")
                    .replace("&", " ").trim().split("\\s+");
            return String.join(" ", Arrays.copyOfRange(parts, 0, Math.min(2, parts.length)));
        }

        /** n CIG searches and n text searches (cycling through the texts), shuffled with a fixed seed. */
        List<Task> measured(int n) {
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(cigs.get(i % cigs.size()));
                tasks.add(texts.get(i % texts.size()));
            }
            Collections.shuffle(tasks, new Random(42));
            return tasks;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP client and timing.
    // ---------------------------------------------------------------------------------------------

    private static final class Http {

        private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();   // no proxy: localhost only
        private final int port;
        private final String token;

        Http(int port, String token) {
            this.port = port;
            this.token = token;
        }

        /** Returns the "total" of the answer; throws on anything but 200. */
        long search(String q) throws IOException, InterruptedException {
            String encoded = URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/contracts?q=" + encoded))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + " per q=" + q + ": " + response.body());
            }
            Matcher m = TOTAL.matcher(response.body());
            if (!m.find()) {
                throw new IllegalStateException("Risposta senza total per q=" + q + ": " + response.body());
            }
            return Long.parseLong(m.group(1));
        }
    }

    private record Sample(Task task, long nanos, long total) {
    }

    private static final class Result {

        final List<Sample> samples;
        final long wallNanos;
        final int clients;

        Result(List<Sample> samples, long wallNanos, int clients) {
            this.samples = samples;
            this.wallNanos = wallNanos;
            this.clients = clients;
        }

        long[] millis(String kind, String label) {
            return samples.stream().filter(s -> kind == null || s.task().kind().equals(kind))
                    .filter(s -> label == null || s.task().label().equals(label))
                    .mapToLong(Sample::nanos).sorted().toArray();
        }

        long p95(String kind) {
            return ms(percentile(millis(kind, null), 95));
        }

        void print(boolean perLabel) {
            OUT.println("| Tipo | Richieste | p50 | p95 | p99 | max | media |");
            OUT.println("|---|---:|---:|---:|---:|---:|---:|");
            for (String kind : List.of("CIG", "testo")) {
                row(kind, millis(kind, null));
            }
            row("tutte", millis(null, null));
            OUT.printf("%nDurata %.1f s, %.0f richieste/s con %d client%n", wallNanos / 1e9,
                    samples.size() / (wallNanos / 1e9), clients);
            long wrongCig = samples.stream().filter(s -> s.task().kind().equals("CIG") && s.total() != 1).count();
            if (wrongCig > 0) {
                throw new IllegalStateException(wrongCig + " ricerche per CIG non hanno trovato esattamente un contratto");
            }
            if (perLabel) {
                OUT.println("\nPer ricerca testuale (tempi in ms, lato client):\n");
                OUT.println("| q | Trovati | Richieste | p50 | p95 | max |");
                OUT.println("|---|---:|---:|---:|---:|---:|");
                Map<String, Sample> byLabel = new LinkedHashMap<>();
                samples.stream().filter(s -> s.task().kind().equals("testo")).forEach(s -> byLabel.putIfAbsent(s.task().label(), s));
                byLabel.values().stream()
                        .sorted((a, b) -> Long.compare(percentile(millis("testo", b.task().label()), 95),
                                percentile(millis("testo", a.task().label()), 95)))
                        .forEach(s -> {
                            long[] t = millis("testo", s.task().label());
                            OUT.printf("| %s: `%s` | %s | %d | %.1f | %.1f | %.1f |%n", s.task().label(), s.task().q(),
                                    s.total() >= 1000 ? "≥ 1000" : String.valueOf(s.total()), t.length,
                                    t[t.length / 2] / 1e6, percentile(t, 95) / 1e6, t[t.length - 1] / 1e6);
                        });
            }
        }

        String slowestLabel() {
            return samples.stream().filter(s -> s.task().kind().equals("testo")).map(s -> s.task().label()).distinct()
                    .max((a, b) -> Long.compare(percentile(millis("testo", a), 95), percentile(millis("testo", b), 95)))
                    .orElseThrow();
        }

        private static void row(String name, long[] sorted) {
            if (sorted.length == 0) {
                return;
            }
            double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
            OUT.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", name, sorted.length,
                    percentile(sorted, 50) / 1e6, percentile(sorted, 95) / 1e6, percentile(sorted, 99) / 1e6,
                    sorted[sorted.length - 1] / 1e6, mean);
        }

        /** Nearest-rank percentile of sorted values. */
        static long percentile(long[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        private static long ms(long nanos) {
            return Math.round(nanos / 1e6);
        }
    }

    private static Result run(Http http, List<Task> tasks, int clients) throws InterruptedException {
        List<List<Sample>> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < clients; c++) {
            List<Sample> samples = new ArrayList<>();
            perClient.add(samples);
            int client = c;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (int i = client; i < tasks.size(); i += clients) {
                        Task task = tasks.get(i);
                        long started = System.nanoTime();
                        long total = http.search(task.q());
                        samples.add(new Sample(task, System.nanoTime() - started, total));
                    }
                } catch (Throwable e) {
                    failures.incrementAndGet();
                    errors.add(e);
                }
            }, "client-" + c);
            threads.add(thread);
            thread.start();
        }
        long started = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long wall = System.nanoTime() - started;
        if (failures.get() > 0) {
            throw new IllegalStateException("Richieste fallite", errors.get(0));
        }
        List<Sample> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        return new Result(all, wall, clients);
    }

    // ---------------------------------------------------------------------------------------------
    // EXPLAIN ANALYZE as oe_app with the scope the application sets (row-level security in force).
    // ---------------------------------------------------------------------------------------------

    private static final class Explainer {

        private final Connection app;
        private final long authority;
        private final Path out;

        Explainer(Connection app, long authority, Path out) {
            this.app = app;
            this.authority = authority;
            this.out = out;
        }

        void explainAll(Workload workload, Result result) throws Exception {
            StringBuilder report = new StringBuilder();
            report.append("EXPLAIN (ANALYZE, BUFFERS) come oe_app, ambito oe.authorities={").append(authority)
                    .append("}, oe.all=off, oe.region=''\n");
            report.append("Funzioni leakproof (una condizione non leakproof non può diventare condizione d'indice sotto RLS):\n");
            try (Statement st = app.createStatement(); ResultSet rs = st.executeQuery("""
                    select o.oprname || ' (' || format_type(o.oprleft, null) || ', ' || format_type(o.oprright, null) || ') -> '
                           || p.proname || ': ' || case when p.proleakproof then 'leakproof' else 'NON leakproof' end
                    from pg_operator o join pg_proc p on p.oid = o.oprcode
                    where (o.oprname = '@@' and o.oprleft = 'tsvector'::regtype and o.oprright = 'tsquery'::regtype)
                       or (o.oprname = '=' and o.oprleft = 'bigint'::regtype and o.oprright = 'bigint'::regtype)
                       or (o.oprname = '=' and o.oprleft = 'text'::regtype and o.oprright = 'text'::regtype)""")) {
                while (rs.next()) {
                    report.append("  ").append(rs.getString(1)).append('\n');
                }
            }
            Map<String, Double> times = new LinkedHashMap<>();
            Map<String, String> plans = new LinkedHashMap<>();
            Task cig = workload.cigs().get(0);
            for (Task task : concat(List.of(cig), workload.texts())) {
                String plan = explain(task, false);
                plans.put(task.label(), plan);
                times.put(task.label(), executionTime(plan));
                report.append("\n===== ").append(task.label()).append(": q=").append(task.q()).append(" =====\n").append(plan);
            }
            String slowest = result.slowestLabel();
            Task slowTask = workload.texts().stream().filter(t -> t.label().equals(slowest)).findFirst().orElseThrow();
            String generic = explain(slowTask, true);
            report.append("\n===== ").append(slowest).append(": piano generico (plan_cache_mode = force_generic_plan) =====\n")
                    .append(generic);
            Files.createDirectories(out);
            Files.writeString(out.resolve("explain.txt"), report.toString());

            OUT.println("\n## EXPLAIN ANALYZE come oe_app (RLS attiva): tempo di esecuzione lato database\n");
            OUT.println("| Ricerca | Execution Time (lista + eventuale conteggio) |");
            OUT.println("|---|---:|");
            times.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .forEach(e -> OUT.printf("| %s | %.1f ms |%n", e.getKey(), e.getValue()));
            OUT.printf("%nPiani completi in %s%n", out.resolve("explain.txt"));
            OUT.printf("%nPiano della ricerca testuale più lenta via HTTP (p95): %s%n%n%s%n", slowest, plans.get(slowest));
            OUT.printf("Lo stesso con il piano generico (come dopo 5 esecuzioni di uno statement preparato):%n%n%s%n", generic);
        }

        private static List<Task> concat(List<Task> a, List<Task> b) {
            List<Task> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        private static double executionTime(String plan) {
            double total = 0;
            Matcher m = Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
            return total;
        }

        /** The list query and, when the first page is full (as the application does), the count. */
        private String explain(Task task, boolean generic) throws SQLException {
            String where;
            List<Object> params = new ArrayList<>();
            params.add(authority);
            if (task.kind().equals("CIG")) {
                where = WHERE_CIG;
                params.add(task.q().toUpperCase(Locale.ROOT));
            } else {
                where = WHERE_TEXT;
                params.add(prefixQuery(task.q()));
                params.add(prefixQuery(task.q()));
            }
            List<Object> listParams = new ArrayList<>(params);
            listParams.add(PAGE_SIZE);
            listParams.add(0L);
            StringBuilder plan = new StringBuilder();
            boolean autoCommit = app.getAutoCommit();
            app.setAutoCommit(false);
            try {
                try (Statement st = app.createStatement()) {
                    st.execute("select set_config('oe.authorities', '{" + authority + "}', true), "
                            + "set_config('oe.all', 'off', true), set_config('oe.region', '', true)");
                    if (generic) {
                        st.execute("set local plan_cache_mode = force_generic_plan");
                    }
                }
                int rows = run(SELECT + where + PAGE, listParams, generic, "bench_list", plan);
                if (rows == PAGE_SIZE) {
                    plan.append("-- conteggio (prima pagina piena):\n");
                    run(COUNT_PREFIX + where + COUNT_SUFFIX, params, generic, "bench_count", plan);
                }
            } finally {
                app.rollback();
                app.setAutoCommit(autoCommit);
            }
            return plan.toString();
        }

        /** Runs EXPLAIN ANALYZE, appends the plan and returns the rows the statement returned. */
        private int run(String sql, List<Object> params, boolean generic, String name, StringBuilder plan) throws SQLException {
            if (generic) {
                // Named prepared statement with literal arguments: plan_cache_mode applies to it.
                String numbered = numbered(sql);
                String types = params.stream().map(p -> p instanceof Long ? "bigint" : p instanceof Integer ? "int" : "varchar")
                        .reduce((a, b) -> a + ", " + b).orElse("");
                String args = params.stream().map(p -> p instanceof String s ? "'" + s.replace("'", "''") + "'" : p.toString())
                        .reduce((a, b) -> a + ", " + b).orElse("");
                try (Statement st = app.createStatement()) {
                    st.execute("prepare " + name + " (" + types + ") as " + numbered);
                    try {
                        return collect(st.executeQuery("explain (analyze, buffers) execute " + name + "(" + args + ")"), plan);
                    } finally {
                        st.execute("deallocate " + name);
                    }
                }
            }
            try (PreparedStatement st = app.prepareStatement("explain (analyze, buffers) " + sql)) {
                for (int i = 0; i < params.size(); i++) {
                    st.setObject(i + 1, params.get(i));
                }
                return collect(st.executeQuery(), plan);
            }
        }

        private static int collect(ResultSet rs, StringBuilder plan) throws SQLException {
            int rows = -1;
            Pattern top = Pattern.compile("^\\S.*actual time=[0-9.]+\\.\\.[0-9.]+ rows=(\\d+)");
            try (rs) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (rows < 0) {
                        Matcher m = top.matcher(line);
                        if (m.find()) {
                            rows = Integer.parseInt(m.group(1));
                        }
                    }
                    plan.append(line).append('\n');
                }
            }
            return rows;
        }

        private static String numbered(String sql) {
            StringBuilder result = new StringBuilder();
            int n = 0;
            for (char c : sql.toCharArray()) {
                if (c == '?') {
                    result.append('$').append(++n);
                } else {
                    result.append(c);
                }
            }
            return result.toString();
        }
    }
}
