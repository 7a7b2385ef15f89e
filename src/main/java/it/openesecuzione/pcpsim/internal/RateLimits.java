package it.openesecuzione.pcpsim.internal;

import it.openesecuzione.pcpsim.internal.PcpSimProperties.RateLimit;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fixed-window budget of calls per PDND client ({@code openesecuzione.pcp-sim.rate-limit}),
 * counted in PostgreSQL so that it holds across nodes; reported in {@code X-RateLimit-*}.
 */
public final class RateLimits {

    /** The state of a client's budget after counting one call. */
    public record Budget(int limit, int remaining, long resetSeconds, boolean exceeded) {
    }

    private final JdbcClient jdbc;
    private final RateLimit rateLimit;

    public RateLimits(JdbcClient jdbc, RateLimit rateLimit) {
        this.jdbc = jdbc;
        this.rateLimit = rateLimit;
    }

    /** Counts one call of the client; empty when no limit is configured. */
    public Optional<Budget> consume(String clientId, Instant now) {
        if (rateLimit.limit() <= 0) {
            return Optional.empty();
        }
        long window = Math.max(1, rateLimit.window().toMillis());
        long start = now.toEpochMilli() / window * window;
        Instant windowStart = Instant.ofEpochMilli(start);
        if (ThreadLocalRandom.current().nextInt(100) == 0) {
            jdbc.sql("delete from pcpsim_rate_window where window_start < :before")
                    .param("before", Timestamp.from(windowStart.minusMillis(window))).update();
        }
        int used = jdbc.sql("""
                insert into pcpsim_rate_window (client_id, window_start, used) values (:client, :start, 1)
                on conflict (client_id, window_start) do update set used = pcpsim_rate_window.used + 1
                returning used""")
                .param("client", clientId).param("start", Timestamp.from(windowStart)).query(Integer.class).single();
        long reset = Math.max(1, (start + window - now.toEpochMilli() + 999) / 1000);
        return Optional.of(new Budget(rateLimit.limit(), Math.max(0, rateLimit.limit() - used), reset,
                used > rateLimit.limit()));
    }
}
