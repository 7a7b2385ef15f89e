package it.openesecuzione.identity;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class LocalLoginTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("flywayDataSource")
    javax.sql.DataSource superuser;

    /**
     * A login stored by another version of the platform (its classes changed since) cannot be read back:
     * the session then asks for a new login, instead of failing every request until it expires.
     */
    @Test
    void aSessionWrittenByAnotherVersionAsksForANewLoginInsteadOfFailing() {
        Http browser = Http.browser(port, "savona.dl");
        assertThat(browser.get("/contratti").statusCode()).isEqualTo(200);

        // What a login serialised by a class that no longer matches looks like to this version: bytes it cannot read.
        int changed = JdbcClient.create(superuser).sql("""
                update spring_session_attributes set attribute_bytes = decode('aced0005737200', 'hex')
                where attribute_name = 'SPRING_SECURITY_CONTEXT'
                  and session_primary_id in (select primary_id from spring_session where principal_name = 'savona.dl')""")
                .update();
        assertThat(changed).isPositive();

        HttpResponse<String> page = browser.get("/contratti");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        assertThat(Http.browser(port, "savona.dl").get("/contratti").statusCode()).isEqualTo(200);
    }

    @Test
    void logsInWithTheFormAndShowsUserAuthorityAndRole() {
        String page = Http.browser(port, "genova.rup").get("/contratti").body();

        assertThat(page).contains("Mario Rossi").contains("Comune di Genova").contains("RUP")
                .contains("accesso con le credenziali della piattaforma");
    }

    @Test
    void locksTheAccountAfterFiveFailuresEvenForTheRightPassword() {
        String username = newUser();
        Http browser = Http.anonymous(port);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = browser.login(username, "sbagliata-" + i);
            assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?errore"));
        }

        HttpResponse<String> locked = browser.login(username, Http.PASSWORD);

        assertThat(locked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?bloccato"));
        assertThat(Http.basic(port, username).get("/api/v1/contracts").statusCode()).isEqualTo(401);
        assertThat(browser.get("/login?bloccato").body()).contains("Account temporaneamente bloccato");
    }

    @Test
    void aSuccessfulLoginResetsTheFailureCount() {
        String username = newUser();
        Http browser = Http.anonymous(port);
        for (int i = 0; i < 4; i++) {
            browser.login(username, "sbagliata");
        }
        assertThat(browser.login(username, Http.PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("/login"));

        int failures = jdbc.sql("select failed_logins from app_user where username = ?").param(username).query(Integer.class).single();

        assertThat(failures).isZero();
    }

    @Test
    void storesPasswordsOnlyAsStrongHashes() {
        String hash = jdbc.sql("select password_hash from app_user where username = 'genova.rup'").query(String.class).single();

        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(Http.PASSWORD);
    }

    @Test
    void anonymousPagesRedirectToLogin() {
        HttpResponse<String> response = Http.anonymous(port).get("/contratti");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    private String newUser() {
        String username = "utente.prova." + System.nanoTime();
        long genova = directory.findAuthorityByCodiceFiscale("00856930102").orElseThrow().id();
        SystemScope.run(() -> {
            PlatformUser user = directory.createUser(new UserDirectory.NewUser(username, new CodiceFiscale(Fixtures.personalCode()),
                    "Utente", "Prova", "prova@example.org", Http.PASSWORD, null, false));
            directory.grant(user.id(), genova, Role.SUPPORTO_RUP);
        });
        return username;
    }
}
