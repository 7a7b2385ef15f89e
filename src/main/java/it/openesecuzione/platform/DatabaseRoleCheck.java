package it.openesecuzione.platform;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the application's database role would bypass row-level security — a
 * superuser, a role with BYPASSRLS, or the owner of the tables — since tenant isolation relies on
 * it. {@code openesecuzione.database.allow-rls-bypass=true} overrides, for diagnosis only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseRoleCheck implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoleCheck.class);

    private final DataSource dataSource;
    private final boolean allowBypass;

    DatabaseRoleCheck(DataSource dataSource, @Value("${openesecuzione.database.allow-rls-bypass:false}") boolean allowBypass) {
        this.dataSource = dataSource;
        this.allowBypass = allowBypass;
    }

    @Override
    public void run(ApplicationArguments args) {
        String problem = JdbcClient.create(dataSource).sql("""
                select case
                         when r.rolsuper then 'è un superutente'
                         when r.rolbypassrls then 'ha l''attributo BYPASSRLS'
                         when t.tableowner = current_user then 'è proprietario delle tabelle'
                       end
                from pg_roles r left join pg_tables t on t.schemaname = 'public' and t.tablename = 'contract'
                where r.rolname = current_user""").query(String.class).optional().orElse(null);
        if (problem == null) {
            return;
        }
        String message = "Il ruolo con cui l'applicazione si collega al database " + problem
                + ": la sicurezza a livello di riga non si applicherebbe e l'isolamento tra enti resterebbe affidato "
                + "alla sola applicazione. Usare un ruolo dedicato (vedere docs/operations.md).";
        if (!allowBypass) {
            throw new IllegalStateException(message);
        }
        log.error(message);
    }
}
