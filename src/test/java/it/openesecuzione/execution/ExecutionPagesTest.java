package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ExecutionPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Test
    void theRupRecordsTheSigningAndTheHandoverWithTheForms() {
        long contract = Http.json(Http.basic(port, "genova.rup").postJson("/api/v1/contracts",
                Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(), "Lavori al mercato orientale")))
                .get("id").asLong();
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";
        assertThat(browser.get(base).body()).contains("nuovo-SC1").doesNotContain("nuovo-I1");

        browser.get(base + "/evento?tipo=SC1");
        Map<String, String> signing = new LinkedHashMap<>();
        signing.put("datiContratto.dataStipula", "2026-02-10");
        signing.put("datiContratto.dataDecorrenza", "2026-02-10");
        signing.put("datiContratto.dataScadenza", "2026-01-31");
        signing.put("datiContratto.importoCauzione", "44.975,00");
        signing.put("datiContratto.idPartecipante", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        HttpResponse<String> refused = browser.postForm(base + "/evento?tipo=SC1", signing);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("REG77: La data di scadenza del contratto deve essere superiore alla data di stipula.")
                .contains("value=\"44.975,00\"");

        signing.put("datiContratto.dataScadenza", "2026-08-31");
        HttpResponse<String> signed = browser.postForm(base + "/evento?tipo=SC1", signing);
        assertThat(signed.statusCode()).isEqualTo(302);
        String page = browser.get(base).body();
        assertThat(page).contains("Stipula del contratto registrata").contains("nuovo-I1").contains("10/02/2026");

        browser.get(base + "/evento?tipo=I1");
        HttpResponse<String> started = browser.postForm(base + "/evento?tipo=I1", Map.of("datiInizio.consegnaFrazionata", "false",
                "datiInizio.dataVerbaleConsegnaDefinitiva", "2026-03-02", "datiInizio.consegnaSottoRiserva", "false",
                "datiInizio.dataEffettivoInizio", "2026-03-02"));
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(browser.get(base).body()).contains("In esecuzione").contains("29/08/2026").contains("nuovo-M2");

        browser.get(base + "/evento?tipo=M2");
        Map<String, String> modification = new LinkedHashMap<>();
        modification.put("modificaContrattuale.datiBaseModificaContrattuale.motiviModifica", "add-wss");
        modification.put("modificaContrattuale.datiBaseModificaContrattuale.causaModifica", "Opere complementari di consolidamento");
        modification.put("modificaContrattuale.quadroEconomicoStandardRideterminato.impLavori", "460.000,00");
        modification.put("modificaContrattuale.quadroEconomicoStandardRideterminato.impServizi", "0");
        modification.put("modificaContrattuale.quadroEconomicoStandardRideterminato.impForniture", "0");
        modification.put("modificaContrattuale.quadroEconomicoStandardRideterminato.impTotaleSicurezza", "15.000,00");
        modification.put("modificaContrattuale.quadroEconomicoStandardRideterminato.numGiorniProroga", "15");
        assertThat(browser.postForm(base + "/evento?tipo=M2", modification).statusCode()).isEqualTo(302);
        assertThat(browser.get(base).body()).contains("13/09/2026").contains("Valore del contratto");
    }

    @Test
    void observersSeeTheExecutionButNoForms() {
        long contract = Http.json(Http.basic(port, "genova.rup").postJson("/api/v1/contracts",
                Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(), "Lavori visti dall'osservatorio")))
                .get("id").asLong();
        Http observer = Http.browser(port, "osservatorio.liguria");

        assertThat(observer.get("/contratti/" + contract + "/esecuzione").body()).doesNotContain("nuovo-SC1");
        assertThat(observer.get("/contratti/" + contract + "/esecuzione/evento?tipo=SC1").statusCode()).isEqualTo(403);
    }
}
