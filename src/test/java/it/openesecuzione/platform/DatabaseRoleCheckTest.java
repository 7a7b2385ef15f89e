package it.openesecuzione.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.openesecuzione.IntegrationTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

@IntegrationTest
class DatabaseRoleCheckTest {

    @Autowired
    DataSource application;

    @Autowired
    @Qualifier("flywayDataSource")
    DataSource superuser;

    @Test
    void acceptsTheApplicationRole() {
        assertThatCode(() -> new DatabaseRoleCheck(application, false).run(null)).doesNotThrowAnyException();
    }

    @Test
    void refusesARoleThatBypassesRowLevelSecurity() {
        assertThatThrownBy(() -> new DatabaseRoleCheck(superuser, false).run(null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("superutente");
        assertThatCode(() -> new DatabaseRoleCheck(superuser, true).run(null)).doesNotThrowAnyException();
    }
}
