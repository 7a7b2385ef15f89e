package it.openesecuzione.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Starts an embedded PostgreSQL (real binaries) when no external database is configured, i.e.
 * when {@code spring.datasource.url} is empty. Flyway migrates as the cluster's superuser; the
 * application connects as a plain role so that PostgreSQL's row-level security applies to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException, SQLException {
        Path directory = Path.of(properties.dataDirectory()).toAbsolutePath();
        Files.createDirectories(directory.getParent());
        // A run killed with SIGKILL leaves its PostgreSQL running on this directory.
        OrphanedPostmaster.release(directory);
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(properties.clean())
                .setPort(properties.port())
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "256MB")
                .start();
        log.info("PostgreSQL incorporato avviato in {} ms su porta {}, dati in {}",
                (System.nanoTime() - started) / 1_000_000, postgres.getPort(), directory);
        prepareCluster(postgres.getPostgresDatabase(), properties);
        return postgres;
    }

    /** Creates the application database and role once; idempotent across restarts. */
    private static void prepareCluster(DataSource admin, EmbeddedDatabaseProperties properties) throws SQLException {
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            if (!exists(statement, "select 1 from pg_roles where rolname = '" + properties.appRole() + "'")) {
                statement.execute("create role " + properties.appRole() + " login password '" + properties.appRole() + "'");
            }
            if (!exists(statement, "select 1 from pg_database where datname = '" + properties.database() + "'")) {
                statement.execute("create database " + properties.database());
            }
        }
    }

    private static boolean exists(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next();
        }
    }

    @Bean
    @Primary
    DataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl(properties.appRole(), properties.database()));
        config.setUsername(properties.appRole());
        config.setPassword(properties.appRole());
        config.setMaximumPoolSize(20);
        config.setPoolName("openesecuzione");
        return new HikariDataSource(config);
    }

    @Bean(destroyMethod = "close")
    @FlywayDataSource
    HikariDataSource flywayDataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", properties.database()));
        config.setUsername("postgres");
        config.setMaximumPoolSize(2);
        config.setPoolName("migrations");
        return new HikariDataSource(config);
    }
}
