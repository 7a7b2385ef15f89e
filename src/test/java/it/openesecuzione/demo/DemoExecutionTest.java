package it.openesecuzione.demo;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The demo's contract under way is recorded through the real use cases and reads back consistent. */
@IntegrationTest
class DemoExecutionTest {

    @LocalServerPort
    int port;

    @Autowired
    DemoExecution example;

    @Autowired
    UserDirectory directory;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void seedsAContractUnderWayWithItsBooksAndCertificates() {
        Http rup = Http.basic(port, "genova.rup");
        long contract = Http.json(rup.postJson("/api/v1/contracts", Fixtures.worksContract(
                directory.findByUsername("genova.rup").orElseThrow().id(), "Esempio dimostrativo"))).get("id").asLong();

        SystemScope.run(() -> transactions.executeWithoutResult(status ->
                example.seed(contract, directory.findByUsername("genova.rup").orElseThrow())));

        String base = "/api/v1/contracts/" + contract;
        assertThat(Http.json(rup.get(base)).get("stato").asString()).isEqualTo("IN_ESEC");
        JsonNode schede = Http.json(rup.get(base + "/schede"));
        assertThat(schede.valueStream().map(s -> s.get("codice").asString())).containsExactly("SC1", "I1", "SA1", "SA1");
        JsonNode sals = Http.json(rup.get(base + "/accounting/sal"));
        assertThat(sals.size()).isEqualTo(2);
        assertThat(sals.get(1).get("periodo").get("netto").decimalValue()).isPositive();
        JsonNode certificates = Http.json(rup.get(base + "/accounting/certificates"));
        assertThat(certificates.valueStream().map(c -> c.get("tipo").asString())).containsExactly("ANTICIPAZIONE", "SAL");
        assertThat(certificates.valueStream().allMatch(c -> c.hasNonNull("dataPagamento") && !c.get("scaduto").asBoolean())).isTrue();
        JsonNode deadlines = Http.json(rup.get(base + "/accounting/sal-deadlines"));
        assertThat(deadlines.get(1).get("inRitardo").asBoolean()).isTrue();
        assertThat(Http.json(rup.get(base + "/accounting/diary")).size()).isEqualTo(3);
    }
}
