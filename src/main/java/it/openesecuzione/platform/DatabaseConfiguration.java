package it.openesecuzione.platform;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource, ObjectProvider<DatabaseScopeProvider> scopes) {
        DatabaseScopeProvider provider = () -> {
            DatabaseScopeProvider p = scopes.getIfAvailable();
            return p == null ? DatabaseScope.NONE : p.currentScope();
        };
        return new ScopedTransactionManager(dataSource, provider);
    }

    /** HTTP sessions are not tenant data: their transactions need no scope (and must not look for one). */
    @Bean
    @SpringSessionTransactionManager
    PlatformTransactionManager sessionTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    @Bean
    Clock clock() {
        return Clock.system(java.time.ZoneId.of("Europe/Rome"));
    }
}
