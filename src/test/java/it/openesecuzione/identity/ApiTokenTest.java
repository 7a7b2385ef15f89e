package it.openesecuzione.identity;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class ApiTokenTest {

    private static final Pattern TOKEN = Pattern.compile("id=\"nuovo-token\">(oe_[A-Za-z0-9_-]+)<");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTokenCreatedInTheUiOpensTheApiUntilRevoked() {
        Http browser = Http.browser(port, "savona.rup");
        browser.get("/profilo/token");
        HttpResponse<String> created = browser.postForm("/profilo/token", Map.of("nome", "Integrazione protocollo"));
        assertThat(created.statusCode()).isEqualTo(302);
        Matcher matcher = TOKEN.matcher(browser.get("/profilo/token").body());
        assertThat(matcher.find()).isTrue();
        String token = matcher.group(1);

        HttpResponse<String> withToken = Http.bearer(port, token).get("/api/v1/contracts");
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(Http.json(withToken).get("items").findValuesAsString("oggetto")).contains("Servizio di pulizia degli edifici scolastici provinciali");

        String page = browser.get("/profilo/token").body();
        assertThat(page).doesNotContain(token).contains("Integrazione protocollo");
        long id = jdbc.sql("select id from api_token where name = 'Integrazione protocollo'").query(Long.class).single();
        browser.postForm("/profilo/token/" + id + "/revoca", Map.of());

        HttpResponse<String> revoked = Http.bearer(port, token).get("/api/v1/contracts");
        assertThat(revoked.statusCode()).isEqualTo(401);
    }

    @Test
    void storesOnlyTheHashOfATokenAndRejectsUnknownOnes() {
        assertThat(Http.bearer(port, "oe_nonesiste").get("/api/v1/contracts").statusCode()).isEqualTo(401);
        assertThat(Http.bearer(port, "qualcosa.di.diverso").get("/api/v1/contracts").statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from api_token where token_hash like 'oe_%'").query(Long.class).single()).isZero();
    }
}
