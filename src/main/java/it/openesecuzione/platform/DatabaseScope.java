package it.openesecuzione.platform;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the current transaction may touch, as PostgreSQL's row-level security policies read it
 * (settings {@code oe.all}, {@code oe.authorities}, {@code oe.region}).
 *
 * @param system      platform-internal work (seeding, background jobs, platform admins): every row
 * @param authorities ids of the stazioni appaltanti whose rows may be read and written
 * @param region      region whose rows may be read (osservatorio regionale), or null
 */
public record DatabaseScope(boolean system, Set<Long> authorities, String region) {

    public static final DatabaseScope NONE = new DatabaseScope(false, Set.of(), null);
    public static final DatabaseScope SYSTEM = new DatabaseScope(true, Set.of(), null);

    public DatabaseScope {
        authorities = Set.copyOf(authorities);
    }

    public static DatabaseScope authorities(Set<Long> ids) {
        return new DatabaseScope(false, ids, null);
    }

    public static DatabaseScope region(String region) {
        return new DatabaseScope(false, Set.of(), region);
    }

    String authoritiesSetting() {
        return authorities.stream().sorted().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
