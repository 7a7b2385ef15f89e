package it.openesecuzione.identity;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class AdministrationTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Test
    void anAdministratorRegistersAUserWhoThenLogsInWithTheirRoles() {
        Http admin = Http.browser(port, "genova.admin");
        admin.get("/amministrazione/utenti");
        String username = "nuovo.dl." + System.nanoTime() % 100000;

        HttpResponse<String> created = admin.postForm("/amministrazione/utenti", userForm(username, Fixtures.personalCode(),
                "Password-Lunga-2026"));

        assertThat(created.statusCode()).isEqualTo(302);
        PlatformUser user = directory.findByUsername(username).orElseThrow();
        long genova = directory.findAuthorityByCodiceFiscale("00856930102").orElseThrow().id();
        assertThat(user.rolesIn(genova)).containsExactly(Role.DL);
        assertThat(Http.browser(port, username, "Password-Lunga-2026").get("/contratti").statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAnInvalidUserWithItalianMessagesAndWritesNothing() {
        Http admin = Http.browser(port, "genova.admin");
        admin.get("/amministrazione/utenti");

        HttpResponse<String> response = admin.postForm("/amministrazione/utenti", userForm("genova.rup", "RSSMRA75C12D969X", "corta"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Nome utente già in uso").contains("Codice fiscale non valido")
                .contains("almeno 12 caratteri");
    }

    @Test
    void changesRolesOnlyOfItsOwnAuthorityUsers() {
        Http admin = Http.browser(port, "genova.admin");
        admin.get("/amministrazione/utenti");
        long savonaRup = directory.findByUsername("savona.rup").orElseThrow().id();

        HttpResponse<String> foreign = admin.postForm("/amministrazione/utenti/" + savonaRup + "/ruoli", Map.of("ruoli", "AMMINISTRATORE"));

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(directory.findById(savonaRup).orElseThrow().allRoles()).containsExactly(Role.RUP);
    }

    @Test
    void onlyAdministratorsReachAdministration() {
        assertThat(Http.browser(port, "genova.rup").get("/amministrazione/utenti").statusCode()).isEqualTo(403);
        assertThat(Http.browser(port, "genova.admin").get("/amministrazione/enti").statusCode()).isEqualTo(403);
        assertThat(Http.browser(port, "admin.piattaforma").get("/amministrazione/enti").body()).contains("Provincia di Savona");
    }

    @Test
    void thePlatformAdministratorRegistersAnAuthorityWithValidatedCodes() {
        Http admin = Http.browser(port, "admin.piattaforma");
        admin.get("/amministrazione/enti");
        Map<String, String> invalid = Map.of("denominazione", "Comune di Prova", "codiceFiscale", "00856930103",
                "codiceAusa", "12345", "tipo", "COMUNE", "regione", "Liguria");
        HttpResponse<String> rejected = admin.postForm("/amministrazione/enti", invalid);
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("Codice fiscale non valido").contains("10 cifre");

        String cf = Fixtures.numericCode();
        HttpResponse<String> accepted = admin.postForm("/amministrazione/enti", Map.of("denominazione", "Comune di Camogli",
                "codiceFiscale", cf, "codiceAusa", Fixtures.ausaCode(), "tipo", "COMUNE", "regione", "Liguria"));
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(directory.findAuthorityByCodiceFiscale(cf)).isPresent();
    }

    private static Map<String, String> userForm(String username, String codiceFiscale, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("codiceFiscale", codiceFiscale);
        form.put("nome", "Nuova");
        form.put("cognome", "Direttrice");
        form.put("email", "nuova@comune.genova.example");
        form.put("password", password);
        form.put("ruoli", "DL");
        return form;
    }
}
