package it.openesecuzione.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Sets the tenant scope as transaction-local PostgreSQL settings at the start of every
 * transaction, so that row-level security filters every statement of it. {@code is_local = true}
 * means the settings vanish at commit or rollback and a pooled connection carries nothing over.
 */
class ScopedTransactionManager extends JdbcTransactionManager {

    /**
     * Guards against re-entry: resolving the scope may load the security context from the HTTP
     * session, which is itself read from PostgreSQL in a transaction of its own.
     */
    private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();

    private final DatabaseScopeProvider scopes;

    ScopedTransactionManager(DataSource dataSource, DatabaseScopeProvider scopes) {
        super(dataSource);
        this.scopes = scopes;
    }

    private DatabaseScope resolve() {
        if (RESOLVING.get() != null) {
            return DatabaseScope.NONE;
        }
        RESOLVING.set(Boolean.TRUE);
        try {
            return scopes.currentScope();
        } finally {
            RESOLVING.remove();
        }
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        DatabaseScope scope = SystemScope.override() != null ? SystemScope.override() : resolve();
        try (PreparedStatement statement = connection.prepareStatement(
                "select set_config('oe.all', ?, true), set_config('oe.authorities', ?, true), set_config('oe.region', ?, true)")) {
            statement.setString(1, scope.system() ? "on" : "off");
            statement.setString(2, scope.authoritiesSetting());
            statement.setString(3, scope.region() == null ? "" : scope.region());
            statement.execute();
        }
    }
}
