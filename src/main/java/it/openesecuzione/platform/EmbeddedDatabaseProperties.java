package it.openesecuzione.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL of the default run.
 *
 * @param dataDirectory where the cluster lives; kept across restarts
 * @param clean         wipe the directory at start (tests)
 * @param port          0 picks a free port
 * @param database      the application database created in the cluster
 * @param appRole       the non-superuser role the application connects as, so row-level security applies
 */
@ConfigurationProperties("openesecuzione.embedded-db")
public record EmbeddedDatabaseProperties(String dataDirectory, boolean clean, int port, String database, String appRole) {

    public EmbeddedDatabaseProperties {
        dataDirectory = dataDirectory == null ? "./data/postgres" : dataDirectory;
        database = database == null ? "openesecuzione" : database;
        appRole = appRole == null ? "oe_app" : appRole;
    }
}
