package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The closing events of a 180-day works contract handed over on 2 March 2026: amicable settlement
 * (AC1), withdrawal request (IR1), completion and acceptance (CO1, CL1); and the conclusion of a
 * direct award under 5,000 euro (CO2).
 */
@IntegrationTest
class ClosingApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    Http rup;
    long contract;

    @BeforeEach
    void aContractInExecution() {
        rup = Http.basic(port, "genova.rup");
        contract = register(Fixtures.worksContract(rupId(), "Rifacimento della copertura della scuola"));
        assertThat(post(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000)).statusCode()).isEqualTo(201);
        assertThat(post(contract, ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02"))).statusCode()).isEqualTo(201);
    }

    private long rupId() {
        return directory.findByUsername("genova.rup").orElseThrow().id();
    }

    private long register(Map<String, Object> body) {
        HttpResponse<String> created = rup.postJson("/api/v1/contracts", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).get("id").asLong();
    }

    private HttpResponse<String> post(long id, Map<String, Object> event) {
        return rup.postJson("/api/v1/contracts/" + id + "/events", event);
    }

    private String state(long id) {
        return Http.json(rup.get("/api/v1/contracts/" + id)).get("stato").asString();
    }

    private static List<String> codes(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        return Http.json(refused).get("errors").findValuesAsString("code");
    }

    private static Map<String, Object> completion(String date) {
        return Map.of("type", "CO1", "data", Map.of("conclusione", Map.of("dataUltimazione", date, "numeroInfortuni", 0)));
    }

    private static Map<String, Object> acceptance(Map<String, Object> collaudo) {
        return Map.of("type", "CL1", "data", Map.of("collaudo", collaudo));
    }

    @Test
    void completionThenAcceptanceMovesTheContractToCollaudato() {
        assertThat(post(contract, completion("2026-08-20")).statusCode()).isEqualTo(201);
        assertThat(state(contract)).isEqualTo("CONCL");

        HttpResponse<String> accepted = post(contract, acceptance(Map.of("dataCertificato", "2026-10-01", "esito", "POSITIVO",
                "quadroEconomicoStandard", Map.of("impLavori", 434750, "sommeADisposizione", 98945))));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(state(contract)).isEqualTo("COLL");
        JsonNode cl1 = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede")).get(3);
        JsonNode collaudo = cl1.get("payload").get("scheda").get("body").get("anacForm").get("collaudo");
        assertThat(collaudo.get("dataCertificato").asString()).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(collaudo.get("quadroEconomicoStandard").get("sommeADisposizione").asDouble()).isEqualTo(98945);
    }

    @Test
    void refusesAcceptanceBeforeCompletionAndAnInvalidOne() {
        // ANAC admits CL1 right after I1; the law wants the completion first (but for a collaudo in corso d'opera).
        assertThat(codes(post(contract, acceptance(Map.of("dataCertificato", "2026-05-01", "esito", "POSITIVO")))))
                .containsExactly("STATO");
        post(contract, completion("2026-08-20"));
        assertThat(codes(post(contract, acceptance(Map.of("esito", "POSITIVO"))))).containsExactly("REG87");
        assertThat(codes(post(contract, acceptance(Map.of("modoCollaudo", Map.of("idTipologica", "modoCollaudo", "codice", "1"),
                "esito", "POSITIVO"))))).containsExactlyInAnyOrder("REG88", "REG89", "REG91");
        assertThat(state(contract)).isEqualTo("CONCL");
    }

    @Test
    void recordsAnAmicableSettlementAndRefusesOneWithoutCharges() {
        assertThat(codes(post(contract, Map.of("type", "AC1", "data", Map.of("accordoBonario",
                Map.of("dataAccordo", "2026-06-15", "numeroRiserve", 3)))))).containsExactly("REG74");

        HttpResponse<String> settled = post(contract, Map.of("type", "AC1", "data", Map.of("accordoBonario",
                Map.of("dataAccordo", "2026-06-15", "oneriDerivanti", 30000, "numeroRiserve", 3))));

        assertThat(settled.statusCode()).as(settled.body()).isEqualTo(201);
        assertThat(state(contract)).isEqualTo("IN_ESEC");
    }

    @Test
    void recordsAWithdrawalRequestAndRefusesOneWithoutData() {
        assertThat(codes(post(contract, Map.of("type", "IR1", "data", Map.of())))).containsExactly("REG0");
        Map<String, Object> ritardo = new HashMap<>(Map.of("dataTermine", "2026-03-27",
                "tipoComunicazione", Map.of("idTipologica", "tipoComunicazione", "codice", "R"),
                "dataIstanzaRecesso", "2026-04-01", "istanzaAccolta", false, "istanzaTardiva", true, "istanzaRipresa", false,
                "istanzaRiserva", false, "impSpese", 0));

        HttpResponse<String> requested = post(contract, Map.of("type", "IR1", "data", Map.of("ritardo", ritardo)));

        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        JsonNode ir1 = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede")).get(2);
        assertThat(ir1.get("payload").get("scheda").get("body").get("anacForm").get("ritardo").get("dataIstanzaRecesso")
                .asString()).isEqualTo("2026-04-01T00:00:00Z");
    }

    private static Map<String, Object> directConclusion(Map<String, Object> conclusione) {
        return Map.of("type", "CO2", "data", Map.of("conclusione", conclusione));
    }

    @Test
    void concludesADirectAwardUnderFiveThousandEuroWithCo2Only() {
        Map<String, Object> body = Fixtures.worksContract(rupId(), "Riparazione della recinzione del parco");
        body.put("procedura", "AFFIDAMENTO_DIRETTO");
        body.put("importoBaseGara", 4500.00);
        body.put("ribasso", 0);
        body.put("importoContrattuale", 4200.00);
        body.put("oneriSicurezza", 200.00);
        body.put("durataGiorni", 30);
        long direct = register(body);

        assertThat(codes(post(direct, directConclusion(Map.of("dataInizio", "2026-05-20", "dataUltimazione", "2026-05-04",
                "importo", 4200))))).containsExactly("DATE");
        HttpResponse<String> concluded = post(direct, directConclusion(Map.of("dataInizio", "2026-05-04",
                "dataUltimazione", "2026-05-20", "importo", 4200)));

        assertThat(concluded.statusCode()).as(concluded.body()).isEqualTo(201);
        assertThat(state(direct)).isEqualTo("CONCL");
        JsonNode co2 = Http.json(rup.get("/api/v1/contracts/" + direct + "/schede")).get(0);
        assertThat(co2.get("payload").get("scheda").get("body").get("anacForm").get("cig").asString())
                .isEqualTo(body.get("lotti") instanceof List<?> lots ? ((Map<?, ?>) lots.get(0)).get("cig") : null);
        assertThat(co2.get("stato").asString()).isEqualTo("PRONTA");
    }

    @Test
    void refusesCo2ForAnyOtherContract() {
        long other = register(Fixtures.worksContract(rupId(), "Manutenzione straordinaria della biblioteca"));

        assertThat(codes(post(other, directConclusion(Map.of("dataInizio", "2026-05-04", "dataUltimazione", "2026-05-20",
                "importo", 4200))))).containsExactly("STATO");
        assertThat(codes(post(other, Map.of("type", "CO2", "data", Map.of())))).containsExactlyInAnyOrder("STATO", "REG0");
    }
}
