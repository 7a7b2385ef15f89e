package it.openesecuzione.identity;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.platform.DatabaseScope;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlatformUserTest {

    private static PlatformUser user(Map<Long, Set<Role>> roles, String region, boolean admin) {
        return new PlatformUser(1, "u", "RSSMRA75C12D969M", "Mario", "Rossi", "m@example.org", roles, region, admin);
    }

    @Test
    void anAuthorityUserReadsAndWritesOnlyTheirAuthority() {
        PlatformUser rup = user(Map.of(10L, Set.of(Role.RUP)), null, false);

        assertThat(rup.canRead(10, "Liguria")).isTrue();
        assertThat(rup.canWrite(10)).isTrue();
        assertThat(rup.canRead(11, "Liguria")).isFalse();
        assertThat(rup.canWrite(11)).isFalse();
        assertThat(rup.databaseScope()).isEqualTo(new DatabaseScope(false, Set.of(10L), null));
    }

    @Test
    void anObserverReadsItsRegionAndWritesNothing() {
        PlatformUser observer = user(Map.of(), "Liguria", false);

        assertThat(observer.canRead(10, "Liguria")).isTrue();
        assertThat(observer.canRead(12, "Piemonte")).isFalse();
        assertThat(observer.canWrite(10)).isFalse();
        assertThat(observer.allRoles()).containsExactly(Role.OSSERVATORIO);
        assertThat(observer.databaseScope()).isEqualTo(DatabaseScope.region("Liguria"));
    }

    @Test
    void onlyAdministratorsAreAdministrators() {
        assertThat(user(Map.of(10L, Set.of(Role.AMMINISTRATORE)), null, false).isAdministrator()).isTrue();
        assertThat(user(Map.of(), null, true).isAdministrator()).isTrue();
        assertThat(user(Map.of(10L, Set.of(Role.RUP, Role.DL)), null, false).isAdministrator()).isFalse();
    }
}
