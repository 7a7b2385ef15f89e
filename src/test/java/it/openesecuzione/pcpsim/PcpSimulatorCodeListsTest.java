package it.openesecuzione.pcpsim;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The CodeList e-service, served from ANAC's tipologiche of the configured folder. */
@IntegrationTest
class PcpSimulatorCodeListsTest {

    private static final String CODE_LIST = "CodeList";

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    PcpSimClient pcp;

    @BeforeEach
    void client() {
        pcp = new PcpSimClient(port, clock);
    }

    @Test
    void listsAnacsCodeListsByPage() {
        JsonNode page = PcpSimClient.json(pcp.get(CODE_LIST, "recupera-elenco-tipologiche", Map.of("perPage", "100")));

        assertThat(page.get("totRows").asInt()).isEqualTo(114);
        assertThat(page.get("totPages").asInt()).isEqualTo(2);
        assertThat(page.get("elementPage").asInt()).isEqualTo(100);
        assertThat(page.get("result").valueStream().map(entry -> entry.get("idTipologica").asString()))
                .contains("esito", "errori", "codiceScheda");
    }

    @Test
    void returnsAListAndOneOfItsValues() {
        JsonNode esito = PcpSimClient.json(pcp.get(CODE_LIST, "recupera-tipologica", Map.of("idTipologica", "esito")));
        assertThat(esito.at("/tipologica/idTipologica").asString()).isEqualTo("esito");
        assertThat(esito.at("/tipologica/elenco").valueStream().map(entry -> entry.get("codice").asString()))
                .containsExactly("OK", "KO", "WT");

        JsonNode reason = PcpSimClient.json(pcp.get(CODE_LIST, "recupera-valore-tipologica",
                Map.of("idTipologica", "motivoAnnullamentoComunicazione", "codice", "2")));
        assertThat(reason.at("/tipologica/descrizione/it").asString()).startsWith("Errata comunicazione");
    }

    @Test
    void refusesUnknownListsWithErr63() {
        HttpResponse<String> unknown = pcp.get(CODE_LIST, "recupera-tipologica", Map.of("idTipologica", "../../etc/passwd"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(PcpSimClient.json(unknown).at("/errori/0/codice").asString()).isEqualTo("ERR63");

        HttpResponse<String> missing = pcp.get(CODE_LIST, "recupera-tipologica", Map.of());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(PcpSimClient.json(missing).at("/errori/0/codice").asString()).isEqualTo("ERR32");
    }
}
