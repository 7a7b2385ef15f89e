package it.openesecuzione.pcpsim.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Single use of {@code jti} (client assertions, tracking tokens), shared by every node through PostgreSQL. */
public final class Jtis {

    private final JdbcClient jdbc;

    public Jtis(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the jti; false when it was seen before (a replay). */
    public boolean firstUse(String kind, String jti, Instant expiresAt, Instant now) {
        if (ThreadLocalRandom.current().nextInt(100) == 0) {
            jdbc.sql("delete from pcpsim_jti where expires_at < :now").param("now", Timestamp.from(now)).update();
        }
        return jdbc.sql("insert into pcpsim_jti (kind, jti, expires_at) values (:kind, :jti, :expires) on conflict do nothing")
                .param("kind", kind).param("jti", jti).param("expires", Timestamp.from(expiresAt)).update() == 1;
    }
}
