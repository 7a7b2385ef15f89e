package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.AuthenticatedUser;
import it.openesecuzione.identity.IdentityChanged;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.SystemScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Local accounts for form and Basic login, with lockout after repeated failures: the counter and
 * the lock live in the database, so every node sees the same state.
 */
@Service
class LocalAccounts implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(LocalAccounts.class);

    private final JdbcClient jdbc;
    private final UserDirectory directory;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    LocalAccounts(JdbcClient jdbc, UserDirectory directory, ApplicationEventPublisher events,
            TransactionTemplate transactions, Clock clock,
            @Value("${openesecuzione.security.max-failed-logins:5}") int maxFailures,
            @Value("${openesecuzione.security.lockout-minutes:15}") int lockoutMinutes) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = Duration.ofMinutes(lockoutMinutes);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return SystemScope.call(() -> transactions.execute(status -> jdbc.sql(
                        "select id, password_hash, enabled, locked_until from app_user where username = ?")
                .param(username.trim())
                .query((row, n) -> new LocalAccount(directory.findById(row.getLong("id")).orElseThrow(),
                        row.getString("password_hash"), row.getBoolean("enabled"),
                        row.getTimestamp("locked_until") == null ? null : row.getTimestamp("locked_until").toInstant(),
                        clock.instant()))
                .optional()))
                .orElseThrow(() -> new UsernameNotFoundException("Utente sconosciuto"));
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getPrincipal());
        Instant now = clock.instant();
        // A lock that has expired starts a fresh count; a locked account never gets here, since
        // Spring Security refuses it before checking the password.
        String ip = remoteAddress(event.getAuthentication().getDetails());
        Integer failures = SystemScope.call(() -> transactions.execute(status -> {
            Integer count = jdbc.sql("""
                update app_user set failed_logins = f.n, locked_until = case when f.n >= ? then ?::timestamptz else null end
                from (select id, case when locked_until is not null and locked_until <= ?::timestamptz then 1
                                      else failed_logins + 1 end as n
                      from app_user where username = ?) f
                where app_user.id = f.id returning f.n""")
                .params(maxFailures, Timestamp.from(now.plus(lockout)), Timestamp.from(now), username.trim())
                .query(Integer.class).optional().orElse(0);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("username", username);
            summary.put("indirizzo", ip);
            summary.put("tentativiFalliti", count);
            events.publishEvent(new IdentityChanged(null, IdentityChanged.LOGIN_FAILED, summary));
            if (count == maxFailures) {
                events.publishEvent(new IdentityChanged(null, IdentityChanged.ACCOUNT_LOCKED,
                        Map.of("username", username, "minuti", lockout.toMinutes())));
            }
            return count;
        }));
        if (failures != null && failures >= maxFailures) {
            log.warn("Account {} bloccato per {} minuti dopo {} tentativi falliti", username, lockout.toMinutes(), failures);
        }
    }

    /** Interactive logins (form, OIDC) are recorded; per-request API authentication is not. */
    @EventListener
    void onLogin(InteractiveAuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AuthenticatedUser authenticated) {
            PlatformUser user = authenticated.platformUser();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("username", user.username());
            summary.put("codiceFiscale", user.codiceFiscale());
            summary.put("indirizzo", remoteAddress(event.getAuthentication().getDetails()));
            summary.put("metodo", authenticated instanceof LocalAccount ? "credenziali locali" : "OpenID Connect");
            SystemScope.run(() -> transactions.executeWithoutResult(status ->
                    events.publishEvent(new IdentityChanged(null, IdentityChanged.LOGIN, summary))));
        }
    }

    private static String remoteAddress(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof LocalAccount account) {
            SystemScope.run(() -> transactions.executeWithoutResult(status -> jdbc.sql(
                    "update app_user set failed_logins = 0, locked_until = null where id = ? and failed_logins > 0")
                    .param(account.platformUser().id()).update()));
        }
    }
}
