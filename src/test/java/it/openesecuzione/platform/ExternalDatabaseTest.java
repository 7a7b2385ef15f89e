package it.openesecuzione.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import it.openesecuzione.OpenEsecuzioneApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With SPRING_DATASOURCE_URL set, the platform uses that server and starts nothing embedded:
 * here a separate PostgreSQL prepared as docs/operations.md says (an owner role that migrates, an
 * application role that owns nothing).
 */
class ExternalDatabaseTest {

    @Test
    void runsOnAnExternalServerWithSeparateOwnerAndApplicationRoles() throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target"), "external-pg");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(true).start()) {
            try (Connection admin = server.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
                sql.execute("create role oe_owner login password 'owner-secret'");
                sql.execute("create role oe_app login password 'app-secret'");
                sql.execute("create database oe_external owner oe_owner");
            }
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/oe_external";
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OpenEsecuzioneApplication.class).run(
                    "--server.port=0", "--spring.main.banner-mode=off",
                    "--spring.datasource.url=" + url, "--spring.datasource.username=oe_app",
                    "--spring.datasource.password=app-secret", "--spring.flyway.user=oe_owner",
                    "--spring.flyway.password=owner-secret", "--spring.flyway.placeholders.app_role=oe_app")) {

                assertThat(app.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                TransactionTemplate transactions = app.getBean(TransactionTemplate.class);
                assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("oe_app");
                Long contracts = SystemScope.call(() -> transactions.execute(status ->
                        jdbc.sql("select count(*) from contract").query(Long.class).single()));
                assertThat(contracts).isEqualTo(6);
                Long unscoped = transactions.execute(status -> jdbc.sql("select count(*) from contract").query(Long.class).single());
                assertThat(unscoped).isZero();
            }
        }
    }
}
