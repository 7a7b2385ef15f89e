package it.openesecuzione.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the tests set, so that nothing depends on the day the suite runs. */
public final class TestClock extends Clock {

    public static final Instant START = Instant.parse("2026-11-27T09:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final ZoneId zone;

    public TestClock(ZoneId zone) {
        this.zone = zone;
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void reset() {
        now.set(START);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId again) {
                return TestClock.this.withZone(again);
            }

            @Override
            public Instant instant() {
                return TestClock.this.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
