package it.openesecuzione.identity;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.audit.AuditEntry;
import it.openesecuzione.audit.AuditTrail;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.shared.CodiceFiscale;
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

    @Autowired
    AuditTrail audit;

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
        assertThat(Http.browser(port, "admin.piattaforma").get("/amministrazione/enti").body()).contains("Provincia di Savona")
                .contains("Genova (ITC33)").contains("Savona (ITC32)");
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

    @Test
    void thePlatformAdministratorRegistersAnAuthorityWithItsSeat() {
        Http admin = Http.browser(port, "admin.piattaforma");
        admin.get("/amministrazione/enti");
        String cf = Fixtures.numericCode();

        HttpResponse<String> accepted = admin.postForm("/amministrazione/enti", authorityForm(cf, "Rapallo", "itc33",
                "appalti@comune.rapallo.example"));

        assertThat(accepted.statusCode()).isEqualTo(302);
        StazioneAppaltante authority = directory.findAuthorityByCodiceFiscale(cf).orElseThrow();
        assertThat(authority.citta()).isEqualTo("Rapallo");
        assertThat(authority.codiceNuts()).isEqualTo("ITC33");
        assertThat(authority.email()).isEqualTo("appalti@comune.rapallo.example");
        assertThat(authority.hasSeat()).isTrue();
    }

    @Test
    void rejectsAMalformedNutsCodeBesideTheFieldAndRegistersNothing() {
        Http admin = Http.browser(port, "admin.piattaforma");
        admin.get("/amministrazione/enti");
        String cf = Fixtures.numericCode();

        HttpResponse<String> rejected = admin.postForm("/amministrazione/enti", authorityForm(cf, "Rapallo", "IT-C33", ""));

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).containsPattern("(?s)id=\"codiceNuts\"[^>]*value=\"IT-C33\".{0,400}"
                + "class=\"field-error\">Codice NUTS non valido: servono due lettere seguite da 1-3 lettere o cifre");
        assertThat(directory.findAuthorityByCodiceFiscale(cf)).isEmpty();
    }

    @Test
    void thePlatformAdministratorCorrectsTheSeatOfAnAuthorityAndTheChangeIsAudited() {
        StazioneAppaltante authority = authorityWithoutSeat();
        Http admin = Http.browser(port, "admin.piattaforma");
        String page = admin.get("/amministrazione/enti/" + authority.id()).body();
        assertThat(page).contains(authority.denominazione()).contains("Sede incompleta");

        HttpResponse<String> saved = admin.postForm("/amministrazione/enti/" + authority.id(),
                Map.of("citta", "Chiavari", "codiceNuts", "ITC33", "email", "appalti@comune.chiavari.example"));

        assertThat(saved.statusCode()).isEqualTo(302);
        StazioneAppaltante updated = directory.find(authority.id()).orElseThrow();
        assertThat(updated.citta()).isEqualTo("Chiavari");
        assertThat(updated.codiceNuts()).isEqualTo("ITC33");
        assertThat(updated.email()).isEqualTo("appalti@comune.chiavari.example");
        AuditEntry entry = SystemScope.call(() -> audit.latest(authority.id(), 1)).get(0);
        assertThat(entry.action()).isEqualTo(IdentityChanged.AUTHORITY_UPDATED);
        assertThat(entry.actorCodiceFiscale()).isEqualTo("LNGSRA85R60D969S");
        assertThat(entry.summary()).containsEntry("citta", "Chiavari").containsEntry("codiceNuts", "ITC33");
        @SuppressWarnings("unchecked")
        Map<String, Object> before = (Map<String, Object>) entry.summary().get("precedente");
        assertThat(before).containsEntry("citta", null).containsEntry("codiceNuts", null);
    }

    @Test
    void aWrongSeatIsRefusedBesideTheFieldAndTheRecordedOneKept() {
        StazioneAppaltante authority = authorityWithoutSeat();
        SystemScope.run(() -> directory.updateAuthoritySeat(authority.id(), "Chiavari", "ITC33", null));
        Http admin = Http.browser(port, "admin.piattaforma");
        admin.get("/amministrazione/enti/" + authority.id());

        HttpResponse<String> rejected = admin.postForm("/amministrazione/enti/" + authority.id(),
                Map.of("citta", "Chiavari", "codiceNuts", "C33", "email", "appalti@chiavari"));

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("La sede non è stata aggiornata").contains("Codice NUTS non valido")
                .contains("Indirizzo email non valido");
        StazioneAppaltante kept = directory.find(authority.id()).orElseThrow();
        assertThat(kept.codiceNuts()).isEqualTo("ITC33");
        assertThat(kept.email()).isNull();
    }

    @Test
    void onlyThePlatformAdministratorChangesASeat() {
        long genova = directory.findAuthorityByCodiceFiscale("00856930102").orElseThrow().id();
        Http authorityAdmin = Http.browser(port, "genova.admin");
        authorityAdmin.get("/amministrazione/utenti");

        assertThat(authorityAdmin.get("/amministrazione/enti/" + genova).statusCode()).isEqualTo(403);
        HttpResponse<String> refused = authorityAdmin.postForm("/amministrazione/enti/" + genova,
                Map.of("citta", "Sestri Levante", "codiceNuts", "ITC34", "email", ""));

        assertThat(refused.statusCode()).isEqualTo(403);
        StazioneAppaltante unchanged = directory.find(genova).orElseThrow();
        assertThat(unchanged.citta()).isEqualTo("Genova");
        assertThat(unchanged.codiceNuts()).isEqualTo("ITC33");
    }

    @Test
    void anUnknownAuthorityIsNotFound() {
        assertThat(Http.browser(port, "admin.piattaforma").get("/amministrazione/enti/999999999").statusCode()).isEqualTo(404);
    }

    private StazioneAppaltante authorityWithoutSeat() {
        return SystemScope.call(() -> directory.createAuthority("Comune di Prova " + System.nanoTime(),
                new CodiceFiscale(Fixtures.numericCode()), Fixtures.ausaCode(), "COMUNE", "Liguria"));
    }

    private static Map<String, String> authorityForm(String codiceFiscale, String citta, String codiceNuts, String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("denominazione", "Comune di Prova " + codiceFiscale);
        form.put("codiceFiscale", codiceFiscale);
        form.put("codiceAusa", Fixtures.ausaCode());
        form.put("tipo", "COMUNE");
        form.put("regione", "Liguria");
        form.put("citta", citta);
        form.put("codiceNuts", codiceNuts);
        form.put("email", email);
        return form;
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
