package it.openesecuzione.transmission;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.execution.ExecutionApiTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The delivery of the schede as the pages show it: beside each scheda on the execution timeline
 * its state, PCP's idScheda, ANAC's codes of a rejection and the button that sends it again; on
 * every page, that the schede go to the local simulator and not to ANAC.
 */
@IntegrationTest
class TransmissionPagesTest {

    private static final String SIMULATOR_NOTICE = "le schede sono inviate al simulatore locale di PCP, non ad ANAC";

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    TransmissionDelivery delivery;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @AfterEach
    void reset() {
        clock.reset();
    }

    private long contract(String oggetto) {
        Map<String, Object> body = new HashMap<>(Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(), oggetto));
        body.put("idAppalto", UUID.randomUUID().toString());
        return Http.json(Http.basic(port, "genova.rup").postJson("/api/v1/contracts", body)).get("id").asLong();
    }

    private void record(long contract, Map<String, Object> event) {
        HttpResponse<String> response = Http.basic(port, "genova.rup").postJson("/api/v1/contracts/" + contract + "/events", event);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private void signedAndHandedOver(long contract) {
        record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        record(contract, ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));
    }

    private JsonNode schede(long contract) {
        return Http.json(Http.basic(port, "genova.rup").get("/api/v1/contracts/" + contract + "/schede"));
    }

    /** Delivery rounds, the clock moving on. */
    private void deliver(int rounds) {
        for (int i = 0; i < rounds; i++) {
            delivery.deliverDue();
            clock.set(clock.instant().plus(Duration.ofSeconds(2)));
        }
    }

    /** The text of the delivery badge of event {@code seq}. */
    private static String badge(String page, int seq) {
        Matcher badge = Pattern.compile("id=\"stato-invio-" + seq + "\"[^>]*>([^<]*)<").matcher(page);
        assertThat(badge.find()).as("badge of event " + seq + " in\n" + page).isTrue();
        return badge.group(1).trim();
    }

    /** The action of the form of the button "Rinvia" beside event {@code seq}, if any. */
    private static String resendAction(String page, int seq) {
        Matcher form = Pattern.compile("<form[^>]*action=\"([^\"]+/rinvio)\"[^>]*>\\s*(<input[^>]*>\\s*)*<button[^>]*id=\"rinvia-" + seq + "\"")
                .matcher(page);
        return form.find() ? form.group(1) : null;
    }

    @Test
    void theTimelineShowsEachSchedaQueuedThenConfirmedWithPcpsIdScheda() {
        long contract = contract("Manutenzione dei giardini di Villa Croce");
        signedAndHandedOver(contract);
        Http browser = Http.browser(port, "genova.rup");
        String page = browser.get("/contratti/" + contract + "/esecuzione").body();
        assertThat(List.of(badge(page, 1), badge(page, 2))).containsOnly("In coda");

        deliver(10);

        page = browser.get("/contratti/" + contract + "/esecuzione").body();
        assertThat(List.of(badge(page, 1), badge(page, 2))).containsOnly("Confermata dal simulatore PCP");
        JsonNode schede = schede(contract);
        for (JsonNode scheda : schede) {
            assertThat(page).contains(scheda.path("trasmissione").path("idScheda").asString());
        }
        assertThat(page).doesNotContain("id=\"rinvia-");
    }

    @Test
    void aRejectedSchedaShowsAnacsCodeAndTheRupSendsItAgainFromThePage() {
        long contract = contract("Consolidamento del muraglione di via Gramsci");
        signedAndHandedOver(contract);
        // An advance payment whose certificate date is then lost (as in TransmissionFlowTest): PCP's
        // DMN rule REG64 refuses it at the confirmation.
        record(contract, Map.of("type", "SA1", "data", Map.of("avanzamento", Map.of("denominazioneAvanzamento", "Anticipazione",
                "modalitaPagamento", Map.of("idTipologica", "modalitaPagamento", "codice", "1"), "dataAvanzamento", "2026-03-10",
                "impSal", 0, "avanzamento", Map.of("idTipologica", "avanzamento", "codice", "9"), "impAnticipazione", 89950,
                "dataCertificatoAnticipazione", "2026-03-10"))));
        SystemScope.call(() -> new TransactionTemplate(transactionManager).execute(status -> jdbc.sql(
                "update execution_event set anac_form = anac_form #- '{avanzamento,dataCertificatoAnticipazione}' "
                        + "where contract_id = ? and seq = 3").param(contract).update()));
        deliver(10);
        JsonNode rejected = schede(contract).get(2);
        assertThat(rejected.path("trasmissione").path("stato").asString()).isEqualTo("RIFIUTATA");
        String code = rejected.path("errori").get(0).path("codice").asString();
        String timeline = "/contratti/" + contract + "/esecuzione";

        Http rup = Http.browser(port, "genova.rup");
        String page = rup.get(timeline).body();
        assertThat(badge(page, 3)).isEqualTo("Rifiutata dal simulatore PCP");
        assertThat(page).contains("Errori segnalati da PCP").contains(code)
                .contains(rejected.path("trasmissione").path("idScheda").asString());
        String action = resendAction(page, 3);
        assertThat(action).as(page).isEqualTo(timeline + "/trasmissioni/" + rejected.path("trasmissione").path("transmissionId").asLong()
                + "/rinvio");
        assertThat(resendAction(page, 1)).isNull();

        // Who may only read the contract sees no button, and may not post the form.
        Http observer = Http.browser(port, "osservatorio.liguria");
        assertThat(resendAction(observer.get(timeline).body(), 3)).isNull();
        HttpResponse<String> refused = observer.postForm(action, Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Operazione non consentita");
        // A user of another authority does not even see it.
        Http savona = Http.browser(port, "savona.rup");
        assertThat(savona.get(timeline).statusCode()).isEqualTo(404);
        savona.get("/contratti");
        assertThat(savona.postForm(action, Map.of()).statusCode()).isEqualTo(404);
        assertThat(schede(contract).get(2).path("trasmissione").path("stato").asString()).isEqualTo("RIFIUTATA");

        HttpResponse<String> resent = rup.postForm(action, Map.of());
        assertThat(resent.statusCode()).isEqualTo(302);
        assertThat(resent.headers().firstValue("Location").orElseThrow()).endsWith(timeline);
        page = rup.get(timeline).body();
        assertThat(page).contains("Scheda SA1 (evento n. 3) rimessa in coda");
        // Created on PCP before its refusal, it goes back to the confirmation.
        assertThat(badge(page, 3)).isEqualTo("Creata su PCP, da confermare");
        assertThat(resendAction(page, 3)).isNull();
        assertThat(schede(contract).get(2).path("trasmissione").path("stato").asString()).isEqualTo("CREATA");

        // A second click (a stale page) changes nothing and says why.
        assertThat(rup.postForm(action, Map.of()).statusCode()).isEqualTo(302);
        assertThat(rup.get(timeline).body()).contains("Scheda SA1 (evento n. 3) non rinviata");
    }

    @Test
    void everyPageSaysTheSchedeGoToTheSimulatorNotToAnac() {
        assertThat(Http.anonymous(port).get("/login").body()).contains("Ambiente dimostrativo").contains(SIMULATOR_NOTICE);
        Http browser = Http.browser(port, "genova.rup");
        assertThat(browser.get("/contratti").body()).contains(SIMULATOR_NOTICE);
        long contract = contract("Pulizia delle caditoie di Sampierdarena");
        assertThat(browser.get("/contratti/" + contract + "/esecuzione").body()).contains(SIMULATOR_NOTICE);

        String status = browser.get("/trasmissioni").body();
        assertThat(status).contains(SIMULATOR_NOTICE).contains("Simulatore locale di PCP").contains("SIMULATOR")
                .contains("/pcp-sim").contains("Simulatore PCP locale su /pcp-sim");
    }
}
