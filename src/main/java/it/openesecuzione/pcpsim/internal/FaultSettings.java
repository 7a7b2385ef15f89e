package it.openesecuzione.pcpsim.internal;

import it.openesecuzione.pcpsim.internal.PcpSimProperties.Faults;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The faults in force: those set at run time ({@code <base>/_control/faults}, kept in
 * {@code pcpsim_fault} so that every node applies them), else the configured ones.
 */
public final class FaultSettings {

    /** What to do with one request. */
    public enum Decision { NONE, DROP, TOO_MANY_REQUESTS, INTERNAL_ERROR }

    private final JdbcClient jdbc;
    private final Faults configured;
    private final Clock clock;

    public FaultSettings(JdbcClient jdbc, Faults configured, Clock clock) {
        this.jdbc = jdbc;
        this.configured = configured;
        this.clock = clock;
    }

    public Faults current() {
        return jdbc.sql("select settings from pcpsim_fault where id = 1").query(String.class).optional()
                .map(FaultSettings::parse).orElse(configured);
    }

    public Faults configured() {
        return configured;
    }

    public Faults set(Faults faults) {
        jdbc.sql("""
                insert into pcpsim_fault (id, settings, updated_at) values (1, cast(:settings as jsonb), :now)
                on conflict (id) do update set settings = excluded.settings, updated_at = excluded.updated_at""")
                .param("settings", SimulatorStore.JSON.writeValueAsString(faults))
                .param("now", Timestamp.from(clock.instant())).update();
        return faults;
    }

    /** Back to the configured faults. */
    public Faults reset() {
        jdbc.sql("delete from pcpsim_fault").update();
        return configured;
    }

    /** Draws the fault of one request: a dropped connection, then 429, then 500, each with its probability. */
    public static Decision draw(Faults faults) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (faults.dropRate() > 0 && random.nextDouble() < faults.dropRate()) {
            return Decision.DROP;
        }
        if (faults.rate429() > 0 && random.nextDouble() < faults.rate429()) {
            return Decision.TOO_MANY_REQUESTS;
        }
        if (faults.rate500() > 0 && random.nextDouble() < faults.rate500()) {
            return Decision.INTERNAL_ERROR;
        }
        return Decision.NONE;
    }

    static Faults parse(String json) {
        JsonNode node = SimulatorStore.JSON.readTree(json);
        return new Faults(node.path("rate429").asDouble(0), node.path("retryAfterSeconds").asInt(0),
                node.path("rate500").asDouble(0), node.path("delayMs").asLong(0), node.path("dropRate").asDouble(0));
    }
}
