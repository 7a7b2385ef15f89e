package it.openesecuzione.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class ContractPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    it.openesecuzione.identity.UserDirectory directory;

    @Test
    void createsAContractFromTheFormWithItalianAmounts() {
        Http browser = Http.browser(port, "genova.rup");
        browser.get("/contratti/nuovo");
        String cig = Fixtures.newCig();

        HttpResponse<String> response = browser.postForm("/contratti", form(cig, "1.250.000,00"));

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        String detail = browser.get(location.replace("http://localhost:" + port, "")).body();
        assertThat(detail).contains("Contratto registrato.").contains(cig).contains("€ 1.250.000,00");
    }

    @Test
    void showsItalianErrorsBesideTheFieldsAndKeepsTheInput() {
        Http browser = Http.browser(port, "genova.rup");
        browser.get("/contratti/nuovo");
        long before = count();
        Map<String, String> fields = form("ABC", "mille euro");
        fields.put("aggiudicatarioCodiceFiscale", "01172530106");

        HttpResponse<String> response = browser.postForm("/contratti", fields);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("Il contratto non è stato salvato")
                .contains("CIG &quot;ABC&quot; non valido")
                .contains("&quot;mille euro&quot; non è un numero")
                .contains("codice fiscale &quot;01172530106&quot; non valido")
                .contains(">Lavori di prova dal modulo</textarea>")
                .contains("value=\"1.100.000,00\"");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void searchFindsByCigAndText() {
        Http browser = Http.browser(port, "genova.rup");

        assertThat(browser.get("/contratti?q=pavimentazione").body()).contains("Corso Italia");
        assertThat(browser.get("/contratti?q=pavimentazione&tipologia=SERVIZI").body()).contains("Nessun contratto");
        String fragment = browser.get("/contratti?q=ristorazione").body();
        assertThat(fragment).contains("ristorazione scolastica");
    }

    private Map<String, String> form(String cig, String importoBase) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("oggetto", "Lavori di prova dal modulo");
        fields.put("tipologia", "LAVORI");
        fields.put("procedura", "APERTA");
        fields.put("settore", "ORDINARIO");
        fields.put("sopraSoglia", "false");
        fields.put("concessione", "false");
        fields.put("cup", "");
        fields.put("lotti[0].cig", cig);
        fields.put("lotti[0].descrizione", "");
        fields.put("importoBaseGara", importoBase);
        fields.put("importoContrattuale", "1.100.000,00");
        fields.put("oneriSicurezza", "25.000,00");
        fields.put("ribasso", "12,5");
        fields.put("durataGiorni", "300");
        fields.put("aggiudicatarioDenominazione", "Impresa Modulo S.r.l.");
        fields.put("aggiudicatarioCodiceFiscale", "01172530105");
        fields.put("aggiudicatarioPartitaIva", "");
        fields.put("rupId", String.valueOf(directory.findByUsername("genova.rup").orElseThrow().id()));
        fields.put("version", "0");
        return fields;
    }

    private long count() {
        return SystemScope.call(() -> transactions.execute(s -> jdbc.sql("select count(*) from contract").query(Long.class).single()));
    }
}
