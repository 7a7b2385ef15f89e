package it.openesecuzione.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the embedded PostgreSQL's data directory from a server that an earlier run left behind.
 * zonky stops PostgreSQL only from a JVM shutdown hook, which a SIGKILL (kill -9, an IDE's stop
 * button, the OOM killer) never runs: the postmaster lives on, holding {@code postmaster.pid}, and
 * the next start fails ("lock file postmaster.pid already exists"), on whatever port it picks.
 * <p>
 * A server counts as orphaned only if no running JVM holds zonky's lock on the directory and the
 * process named in {@code postmaster.pid} is a postgres serving this very directory; then it is
 * stopped. A pid file naming a process that is gone or that is something else (a PID reused after
 * a reboot) is removed. Whatever cannot be verified is left alone, for PostgreSQL to report.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);

    /** The file zonky keeps locked while its JVM runs (EmbeddedPostgres.LOCK_FILE_NAME). */
    static final String ZONKY_LOCK = "epg-lock";
    static final String PID_FILE = "postmaster.pid";

    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(30);
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(10);

    private OrphanedPostmaster() {
    }

    /** Call before starting PostgreSQL on {@code dataDirectory}. */
    static void release(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDirectory.resolve(ZONKY_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = tryLock(channel)) {
            if (lock == null) {
                log.warn("I dati di PostgreSQL in {} sono in uso da un'altra istanza in esecuzione: non li tocco", dataDirectory);
                return;
            }
            // Released before zonky starts, which takes the same lock.
            stopOrRemove(pidFile, dataDirectory);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            return null;
        }
    }

    private static void stopOrRemove(Path pidFile, Path dataDirectory) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        Optional<Long> pid = lines.isEmpty() ? Optional.empty() : parse(lines.get(0));
        if (pid.isEmpty()) {
            Files.deleteIfExists(pidFile);
            log.warn("Rimosso {} illeggibile, rimasto da un arresto non pulito di PostgreSQL", pidFile);
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            Files.deleteIfExists(pidFile);
            log.warn("Rimosso {} rimasto da un arresto non pulito di PostgreSQL: il processo {} non è più in esecuzione", pidFile,
                    pid.get());
            return;
        }
        ProcessHandle.Info info = process.get().info();
        Optional<String> command = info.command();
        if (command.isEmpty()) {
            log.warn("{} indica il processo {}, che non si riesce a esaminare: se è un PostgreSQL rimasto da un avvio precedente, "
                    + "arrestarlo a mano (kill {})", pidFile, pid.get(), pid.get());
            return;
        }
        if (!isPostgres(command.get())) {
            Files.deleteIfExists(pidFile);
            log.warn("Rimosso {} rimasto da un arresto non pulito di PostgreSQL: il PID {} è ora di un altro programma ({})", pidFile,
                    pid.get(), command.get());
            return;
        }
        Optional<Path> served = info.arguments().flatMap(OrphanedPostmaster::dataDirectoryArgument);
        if (served.isEmpty()) {
            log.warn("{} indica il PostgreSQL {}, di cui non si riesce a leggere la cartella dati: se è rimasto da un avvio "
                    + "precedente, arrestarlo a mano (kill {})", pidFile, pid.get(), pid.get());
            return;
        }
        if (!sameDirectory(served.get(), dataDirectory)) {
            Files.deleteIfExists(pidFile);
            log.warn("Rimosso {} rimasto da un arresto non pulito: il PID {} è ora di un altro PostgreSQL (dati in {})", pidFile,
                    pid.get(), served.get());
            return;
        }
        stop(process.get(), pidFile, dataDirectory);
    }

    /**
     * Stops the orphan as {@code pg_ctl stop -m fast} does: a signal, then waiting until PostgreSQL removes
     * its pid file or the process is gone. Not onExit() alone: an orphan's parent is init, which in some
     * containers never reaps it, and a zombie looks alive to Java.
     */
    private static void stop(ProcessHandle postmaster, Path pidFile, Path dataDirectory) throws IOException {
        long started = System.nanoTime();
        log.warn("PostgreSQL è rimasto in esecuzione da un avvio precedente interrotto senza arresto (PID {}, dati in {}): "
                + "lo arresto", postmaster.pid(), dataDirectory);
        requestFastShutdown(postmaster);
        if (!waitUntilStopped(postmaster, pidFile, SHUTDOWN_PATIENCE)) {
            log.warn("PostgreSQL (PID {}) non si è arrestato in {} s: lo termino forzatamente", postmaster.pid(),
                    SHUTDOWN_PATIENCE.toSeconds());
            postmaster.destroyForcibly();
            waitUntilStopped(postmaster, pidFile, KILL_PATIENCE);
            // Killed, PostgreSQL cannot remove its pid file; the next start recovers from the WAL. Should a
            // process still use the cluster, PostgreSQL refuses to start on it ("pre-existing shared memory
            // block is still in use").
            Files.deleteIfExists(pidFile);
        }
        log.warn("PostgreSQL rimasto dall'avvio precedente (PID {}) arrestato in {} ms", postmaster.pid(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * SIGINT, PostgreSQL's fast shutdown: it ends the sessions still open (another process on the same
     * cluster, a psql) and keeps what they committed. Java sends only SIGTERM, the smart shutdown that
     * waits for those sessions to end, so the signal goes through kill(1); SIGTERM where there is none.
     */
    private static void requestFastShutdown(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException noKillCommand) {
            // Windows: the SIGTERM below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postmaster.destroy();
    }

    private static boolean waitUntilStopped(ProcessHandle postmaster, Path pidFile, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (Files.exists(pidFile) && postmaster.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean isPostgres(String command) {
        Path name = Path.of(command).getFileName();
        return name != null && (name.toString().equals("postgres") || name.toString().equals("postgres.exe"));
    }

    /** The directory after {@code -D}, as zonky's pg_ctl passes it to postgres. */
    private static Optional<Path> dataDirectoryArgument(String[] arguments) {
        for (int i = 0; i < arguments.length - 1; i++) {
            if ("-D".equals(arguments[i])) {
                return Optional.of(Path.of(arguments[i + 1]));
            }
        }
        return Optional.empty();
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Long> parse(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
