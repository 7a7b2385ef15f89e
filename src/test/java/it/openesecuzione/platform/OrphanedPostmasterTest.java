package it.openesecuzione.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default run after a kill -9: the JVM dies, its embedded PostgreSQL lives on holding the data
 * directory, and the next start stops it and starts on the same data, whatever port it picks.
 */
class OrphanedPostmasterTest {

    private static final String READY = "POSTGRES-PRONTO";

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aPostgresLeftRunningByAKilledRunIsStoppedAndTheNextStartKeepsItsData() throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target"), "orphan-pg").resolve("postgres").toAbsolutePath();
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledRun.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        try {
            awaitReady(run);
        } finally {
            run.destroyForcibly(); // SIGKILL: zonky's shutdown hook does not run
            run.waitFor();
        }
        List<String> pidFile = Files.readAllLines(directory.resolve(OrphanedPostmaster.PID_FILE));
        long orphan = Long.parseLong(pidFile.get(0).trim());
        assertThat(running(orphan)).as("PostgreSQL outlives the JVM killed with SIGKILL").isTrue();
        // A client still connected to the orphan (a second node, a psql) does not hold up its shutdown.
        int orphanPort = Integer.parseInt(pidFile.get(3).trim());
        try (Connection client = DriverManager.getConnection("jdbc:postgresql://localhost:" + orphanPort + "/openesecuzione",
                "postgres", "");
                EmbeddedPostgres postgres = new EmbeddedDatabaseConfiguration().embeddedPostgres(properties(directory))) {
            assertThat(running(orphan)).as("the orphan is stopped").isFalse();
            assertThat(client.isValid(5)).as("the orphan's sessions are ended").isFalse();
            try (Connection connection = postgres.getDatabase("postgres", "openesecuzione").getConnection();
                    Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery("select note from survivor")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("scritto prima del kill -9");
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aServerInUseIsLeftAloneAndAPidFileNamingAnotherProgramIsRemoved() throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target"), "stale-pg").resolve("postgres").toAbsolutePath();
        EmbeddedDatabaseConfiguration configuration = new EmbeddedDatabaseConfiguration();
        List<String> pidFile;
        try (EmbeddedPostgres running = configuration.embeddedPostgres(properties(directory))) {
            // Its JVM (this one) still runs it: not an orphan.
            OrphanedPostmaster.release(directory);
            assertThat(selectOne(running)).isEqualTo(1);
            pidFile = Files.readAllLines(directory.resolve(OrphanedPostmaster.PID_FILE));
        }

        // After a reboot, the PID of the pid file left by a crash may be another program's.
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            List<String> stale = new ArrayList<>(pidFile);
            stale.set(0, String.valueOf(other.pid()));
            Files.write(directory.resolve(OrphanedPostmaster.PID_FILE), stale);

            try (EmbeddedPostgres restarted = configuration.embeddedPostgres(properties(directory))) {
                assertThat(selectOne(restarted)).isEqualTo(1);
            }
            assertThat(other.isAlive()).as("another program is never stopped").isTrue();
        } finally {
            other.destroyForcibly();
            other.waitFor();
        }
    }

    /** The default run's start-up, in a JVM of its own that the test kills. */
    public static final class KilledRun {

        public static void main(String[] args) throws Exception {
            EmbeddedPostgres postgres = new EmbeddedDatabaseConfiguration().embeddedPostgres(properties(Path.of(args[0])));
            try (Connection connection = postgres.getDatabase("postgres", "openesecuzione").getConnection();
                    Statement sql = connection.createStatement()) {
                sql.execute("create table survivor (note text)");
                sql.execute("insert into survivor values ('scritto prima del kill -9')");
            }
            System.out.println(READY);
            System.out.flush();
            Thread.currentThread().join(); // until killed
        }
    }

    private static EmbeddedDatabaseProperties properties(Path directory) {
        return new EmbeddedDatabaseProperties(directory.toString(), false, 0, null, null);
    }

    private static void awaitReady(Process run) throws IOException {
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals(READY)) {
                    return;
                }
                output.append(line).append('\n');
            }
        }
        throw new AssertionError("The run ended before starting PostgreSQL:\n" + output);
    }

    private static int selectOne(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("select 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Whether the process still runs. On Linux from /proc: a stopped orphan whose parent is an init that
     * does not reap it stays a zombie, which Java reports as alive.
     */
    private static boolean running(long pid) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }
}
