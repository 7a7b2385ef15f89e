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
import java.util.LinkedHashMap;
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
 * From the execution page: the correction of a scheda PCP has not confirmed (its form filled in
 * with what was recorded), and the request to ANAC to annul a confirmed conclusion.
 */
@IntegrationTest
class CorrectionAndAnnulmentPagesTest {

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

    private String deliveryState(long contract, int seq) {
        JsonNode schede = Http.json(Http.basic(port, "genova.rup").get("/api/v1/contracts/" + contract + "/schede"));
        return schede.get(seq - 1).path("trasmissione").path("stato").asString();
    }

    private long transmissionId(long contract, int seq) {
        JsonNode schede = Http.json(Http.basic(port, "genova.rup").get("/api/v1/contracts/" + contract + "/schede"));
        return schede.get(seq - 1).path("trasmissione").path("transmissionId").asLong();
    }

    private void deliver(int rounds) {
        for (int i = 0; i < rounds; i++) {
            delivery.deliverDue();
            clock.set(clock.instant().plus(Duration.ofSeconds(2)));
        }
    }

    private static String badge(String page, int seq) {
        Matcher badge = Pattern.compile("id=\"stato-invio-" + seq + "\"[^>]*>([^<]*)<").matcher(page);
        assertThat(badge.find()).as("badge of event " + seq + " in\n" + page).isTrue();
        return badge.group(1).trim();
    }

    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>");
    private static final Pattern SELECT = Pattern.compile("<select([^>]*)>(.*?)</select>", Pattern.DOTALL);
    private static final Pattern SELECTED = Pattern.compile("<option value=\"([^\"]*)\"[^>]*selected");

    private static String attribute(String tag, String name) {
        Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return value.find() ? value.group(1).replace("&#39;", "'").replace("&amp;", "&") : null;
    }

    /** What a browser would post with the form of the page as it is: text inputs and the options selected. */
    private static Map<String, String> formValues(String page) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(page);
        while (input.find()) {
            String name = attribute(input.group(1), "name");
            if (name != null && !name.equals("_csrf") && !"file".equals(attribute(input.group(1), "type"))) {
                String value = attribute(input.group(1), "value");
                values.put(name, value == null ? "" : value);
            }
        }
        Matcher select = SELECT.matcher(page);
        while (select.find()) {
            Matcher selected = SELECTED.matcher(select.group(2));
            values.put(attribute(select.group(1), "name"), selected.find() ? selected.group(1) : "");
        }
        return values;
    }

    @Test
    void aRejectedSchedaIsCorrectedFromItsFilledInFormAndThenConfirmed() {
        long contract = contract("Ripristino della scogliera di Boccadasse");
        signedAndHandedOver(contract);
        // As in TransmissionPagesTest: the certificate date of the advance lost, PCP's rule REG64 refuses the SA1.
        record(contract, Map.of("type", "SA1", "data", Map.of("avanzamento", Map.of("denominazioneAvanzamento", "Anticipazione",
                "modalitaPagamento", Map.of("idTipologica", "modalitaPagamento", "codice", "1"), "dataAvanzamento", "2026-03-10",
                "impSal", 0, "avanzamento", Map.of("idTipologica", "avanzamento", "codice", "9"), "impAnticipazione", 89950,
                "dataCertificatoAnticipazione", "2026-03-10"))));
        SystemScope.call(() -> new TransactionTemplate(transactionManager).execute(status -> jdbc.sql(
                "update execution_event set anac_form = anac_form #- '{avanzamento,dataCertificatoAnticipazione}' "
                        + "where contract_id = ? and seq = 3").param(contract).update()));
        deliver(10);
        assertThat(deliveryState(contract, 3)).isEqualTo("RIFIUTATA");

        String timeline = "/contratti/" + contract + "/esecuzione";
        String correction = timeline + "/eventi/3/correzione";
        Http rup = Http.browser(port, "genova.rup");
        String page = rup.get(timeline).body();
        assertThat(page).contains("id=\"correggi-3\"").contains("href=\"" + correction + "\"")
                .doesNotContain("id=\"correggi-1\"").doesNotContain("id=\"correggi-2\"");

        // Who may only read the contract sees no link and may not correct; another authority does not see the contract.
        Http observer = Http.browser(port, "osservatorio.liguria");
        assertThat(observer.get(timeline).body()).doesNotContain("id=\"correggi-3\"");
        assertThat(observer.get(correction).statusCode()).isEqualTo(403);
        assertThat(observer.postForm(correction, Map.of("avanzamento.impSal", "0")).statusCode()).isEqualTo(403);
        Http savona = Http.browser(port, "savona.rup");
        assertThat(savona.get(correction).statusCode()).isEqualTo(404);

        // The form shows what was recorded: days as days, coded values chosen, amounts.
        HttpResponse<String> form = rup.get(correction);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Correzione dell&#39;evento n. 3");
        Map<String, String> values = formValues(form.body());
        assertThat(values).containsEntry("avanzamento.denominazioneAvanzamento", "Anticipazione")
                .containsEntry("avanzamento.dataAvanzamento", "2026-03-10")
                .containsEntry("avanzamento.modalitaPagamento", "1")
                .containsEntry("avanzamento.avanzamento", "9")
                .containsEntry("avanzamento.impSal", "0")
                .containsEntry("avanzamento.dataCertificatoAnticipazione", "");
        assertThat(values.get("avanzamento.impAnticipazione")).startsWith("89950");

        // Saved as it is, the platform's own check refuses it beside the field, as when recording.
        HttpResponse<String> refused = rup.postForm(correction, values);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("La correzione non è stata salvata")
                .contains("id=\"err-avanzamento.dataCertificatoAnticipazione\"");
        assertThat(deliveryState(contract, 3)).isEqualTo("RIFIUTATA");

        values.put("avanzamento.dataCertificatoAnticipazione", "2026-03-12");
        HttpResponse<String> corrected = rup.postForm(correction, values);
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(302);
        assertThat(corrected.headers().firstValue("Location").orElseThrow()).endsWith(timeline);
        assertThat(rup.get(timeline).body()).contains("Evento n. 3 corretto");
        deliver(10);

        page = rup.get(timeline).body();
        assertThat(badge(page, 3)).isEqualTo("Confermata dal simulatore PCP");
        assertThat(page).doesNotContain("id=\"correggi-3\"");
        assertThat(deliveryState(contract, 3)).isEqualTo("CONFERMATA");
        JsonNode events = Http.json(Http.basic(port, "genova.rup").get("/api/v1/contracts/" + contract + "/events"));
        assertThat(events.get(2).toString()).contains("2026-03-12");

        // Confirmed, it is corrected no more: the form says why.
        values.put("avanzamento.dataCertificatoAnticipazione", "2026-03-13");
        HttpResponse<String> late = rup.postForm(correction, values);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("id=\"conflitto\"").contains("L&#39;evento non è stato corretto")
                .contains("già confermata da PCP");
        // And the link to the form leads back to the timeline, with the reason.
        HttpResponse<String> stale = rup.get(correction);
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(rup.get(timeline).body()).contains("non si può più correggere");
        assertThat(Http.json(Http.basic(port, "genova.rup").get("/api/v1/contracts/" + contract + "/events")).get(2).toString())
                .contains("2026-03-12").doesNotContain("2026-03-13");
    }

    @Test
    void aConfirmedConclusionIsAnnulledOnRequestFromThePage() {
        long contract = contract("Rifacimento della pavimentazione di via San Lorenzo");
        signedAndHandedOver(contract);
        record(contract, Map.of("type", "CO1", "data", Map.of("conclusione", Map.of("dataUltimazione", "2026-08-20",
                "numeroInfortuni", 0))));
        deliver(12);
        assertThat(deliveryState(contract, 3)).isEqualTo("CONFERMATA");
        String timeline = "/contratti/" + contract + "/esecuzione";
        String action = timeline + "/trasmissioni/" + transmissionId(contract, 3) + "/annullamento";

        Http rup = Http.browser(port, "genova.rup");
        String page = rup.get(timeline).body();
        assertThat(page).contains("id=\"annullamento-3\"").contains("action=\"" + action + "\"")
                .contains("Annullamento comunicazione a seguito intervento autorità giudiziaria")
                .contains("Errata comunicazione effettuata dalla Piattaforma Approvvigionamento Digitale per anomalia software")
                .doesNotContain("id=\"annullamento-2\"").doesNotContain("id=\"correggi-3\"");

        // Only who may record the contract's events; another authority does not see it.
        Http observer = Http.browser(port, "osservatorio.liguria");
        assertThat(observer.get(timeline).body()).doesNotContain("id=\"annullamento-3\"");
        HttpResponse<String> forbidden = observer.postForm(action, Map.of("motivazione", "2"));
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("Operazione non consentita");
        Http savona = Http.browser(port, "savona.rup");
        savona.get("/contratti");
        assertThat(savona.postForm(action, Map.of("motivazione", "2")).statusCode()).isEqualTo(404);
        // The I1 is not annulled (only CO1 and CO2), and not without one of ANAC's reasons.
        rup.get(timeline);
        assertThat(rup.postForm(timeline + "/trasmissioni/" + transmissionId(contract, 2) + "/annullamento",
                Map.of("motivazione", "2")).statusCode()).isEqualTo(302);
        assertThat(rup.get(timeline).body()).contains("ANAC consente di annullare solo le schede CO1 e CO2");
        assertThat(rup.postForm(action, Map.of("motivazione", "")).statusCode()).isEqualTo(302);
        assertThat(rup.get(timeline).body()).contains("annullamento non richiesto").contains("Motivo di annullamento ANAC");
        assertThat(deliveryState(contract, 3)).isEqualTo("CONFERMATA");

        HttpResponse<String> requested = rup.postForm(action, Map.of("motivazione", "2"));
        assertThat(requested.statusCode()).isEqualTo(302);
        page = rup.get(timeline).body();
        assertThat(page).contains("richiesta di annullamento inviata ad ANAC");
        assertThat(badge(page, 3)).isEqualTo("In annullamento su PCP");
        assertThat(page).doesNotContain("id=\"annullamento-3\"");

        deliver(8);
        page = rup.get(timeline).body();
        assertThat(badge(page, 3)).isEqualTo("Annullata dal simulatore PCP");
        assertThat(page).contains("id=\"annullato-3\"").contains("Annullato da ANAC")
                .doesNotContain("id=\"annullamento-3\"").doesNotContain("id=\"correggi-3\"");
        assertThat(Http.json(Http.basic(port, "genova.rup").get("/api/v1/contracts/" + contract)).findValue("stato").asString())
                .isEqualTo("IN_ESEC");
    }
    @Test
    void aQueuedSubcontractRequestIsCorrectedKeepingItsEspdReceiptDayAndRows() {
        long contract = contract("Impermeabilizzazione delle coperture della scuola Doria");
        signedAndHandedOver(contract);
        String espd = java.util.Base64.getEncoder().encodeToString(("<QualificationApplicationRequest xmlns=\"urn:oasis:names:"
                + "specification:ubl:schema:xsd:QualificationApplicationRequest-2\"/>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> request = new HashMap<>(it.openesecuzione.execution.SubcontractApiTest.request(
                it.openesecuzione.execution.SubcontractApiTest.ID_OE, "Coperture Liguri srl", 85000, "2026-05-04", null));
        request.put("espd", espd);
        record(contract, request);
        assertThat(deliveryState(contract, 3)).isEqualTo("IN_CODA");

        String correction = "/contratti/" + contract + "/esecuzione/eventi/3/correzione";
        Http rup = Http.browser(port, "genova.rup");
        assertThat(rup.get("/contratti/" + contract + "/esecuzione").body()).contains("id=\"correggi-3\"");
        HttpResponse<String> form = rup.get(correction);
        assertThat(form.body()).contains("Il DGUE registrato con l'evento resta allegato");
        Map<String, String> values = formValues(form.body());
        assertThat(values).containsEntry("dataEvento", "2026-05-04")
                .containsEntry("subappalto.operatoreEconomicoSubappaltatore.elencoSoggetti[0].denominazione", "Coperture Liguri srl")
                .containsEntry("subappalto.operatoreEconomicoSubappaltatore.elencoSoggetti[0].ruoloOE", "14")
                .containsEntry("subappalto.operatoreEconomicoSubappaltatore.elencoSoggetti[0].operatoreEstero", "false")
                .containsEntry("subappalto.cpv", "45261420").containsEntry("subappalto.importoPresunto", "85000");

        values.put("subappalto.importoPresunto", "90.000,00");
        HttpResponse<String> corrected = rup.postMultipart(correction, values, "espd", null, null);
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(302);
        JsonNode scheda = Http.json(Http.basic(port, "genova.rup").get("/api/v1/contracts/" + contract + "/schede")).get(2);
        JsonNode body = scheda.path("payload").path("scheda").path("body");
        assertThat(body.path("espd").asString()).isEqualTo(espd);
        assertThat(body.path("anacForm").path("subappalto").path("importoPresunto").decimalValue())
                .isEqualByComparingTo("90000");
        assertThat(body.path("anacForm").path("subappalto").path("operatoreEconomicoSubappaltatore").path("elencoSoggetti"))
                .hasSize(1);
        JsonNode event = Http.json(Http.basic(port, "genova.rup").get("/api/v1/contracts/" + contract + "/events")).get(2);
        assertThat(event.toString()).contains("2026-05-04");
    }
}
