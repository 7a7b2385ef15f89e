package it.openesecuzione.platform;

import java.util.function.Supplier;

/**
 * Runs platform-internal work (seeding, background jobs) with every row visible. A thread-local
 * override, so it never leaks across requests and holds no state shared between nodes.
 */
public final class SystemScope {

    private static final ThreadLocal<DatabaseScope> OVERRIDE = new ThreadLocal<>();

    private SystemScope() {
    }

    public static <T> T call(Supplier<T> work) {
        return callAs(DatabaseScope.SYSTEM, work);
    }

    public static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Runs work with an explicit scope, e.g. a background job acting for one authority. */
    public static <T> T callAs(DatabaseScope scope, Supplier<T> work) {
        DatabaseScope previous = OVERRIDE.get();
        OVERRIDE.set(scope);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }

    static DatabaseScope override() {
        return OVERRIDE.get();
    }
}
