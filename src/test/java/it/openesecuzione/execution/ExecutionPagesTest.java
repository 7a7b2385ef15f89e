package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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
        assertThat(page).contains("Evento registrato (Stipula del contratto)").contains("nuovo-I1").contains("10/02/2026");

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

    // The forms of SA1, AC1, IR1, CL1 and CO2: each records its event through the page, and a
    // refused submission shows the Italian message beside the field and records nothing.

    private long rupId() {
        return directory.findByUsername("genova.rup").orElseThrow().id();
    }

    private long register(Map<String, Object> body) {
        HttpResponse<String> created = Http.basic(port, "genova.rup").postJson("/api/v1/contracts", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).get("id").asLong();
    }

    /** A 180-day works contract of 449,750.00 euro signed on 10 February 2026 and handed over on 2 March. */
    private long contractInExecution(String oggetto) {
        long contract = register(Fixtures.worksContract(rupId(), oggetto));
        apiEvent(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        apiEvent(contract, ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));
        return contract;
    }

    private void apiEvent(long contract, Map<String, Object> event) {
        HttpResponse<String> recorded = Http.basic(port, "genova.rup").postJson("/api/v1/contracts/" + contract + "/events", event);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
    }

    private JsonNode schede(long contract) {
        return Http.json(Http.basic(port, "genova.rup").get("/api/v1/contracts/" + contract + "/schede"));
    }

    private JsonNode anacForm(long contract, int index) {
        return schede(contract).get(index).get("payload").get("scheda").get("body").get("anacForm");
    }

    /** The message shown beside the input named {@code path}, unescaped; fails if there is none. */
    private static String errorBeside(HttpResponse<String> page, String path) {
        Matcher error = Pattern.compile("id=\"err-" + Pattern.quote(path) + "\">([^<]*)</div>").matcher(page.body());
        assertThat(error.find()).as("error beside " + path + " in\n" + page.body()).isTrue();
        assertThat(page.body()).containsPattern("id=\"" + Pattern.quote(path) + "\"[^>]*aria-describedby=\"[^\"]*err-"
                + Pattern.quote(path) + "\"|aria-describedby=\"[^\"]*err-" + Pattern.quote(path) + "\"[^>]*id=\"" + Pattern.quote(path) + "\"");
        return error.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<")
                .replace("&gt;", ">");
    }

    /** The codes of the events in the timeline, in order. */
    private static List<String> timelineCodes(String page) {
        return Pattern.compile("<td><strong>(\\w+)</strong></td>").matcher(page).results().map(m -> m.group(1)).toList();
    }

    @Test
    void theRupRecordsAProgressStatementWithAdvanceAndTheFormRefusesAnAdvanceAboveThirtyPercent() {
        long contract = contractInExecution("Rifacimento del manto stradale di via Prè");
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";
        assertThat(browser.get(base).body()).contains("nuovo-SA1");

        String form = browser.get(base + "/evento?tipo=SA1").body();
        assertThat(form).contains("Stato di avanzamento (SAL)").contains("name=\"avanzamento.impSal\"")
                .contains("<option value=\"11\">11 – Ritardo</option>").contains("Art. 125 c. 1")
                // What the platform knows: 20% and 30% of 449,750.00 euro, and the deadline for the advance.
                .contains("€ 89.950,00").contains("€ 134.925,00").contains("17/03/2026");

        Map<String, String> sal = new LinkedHashMap<>();
        sal.put("avanzamento.denominazioneAvanzamento", "SAL n. 1 al 04/05/2026");
        sal.put("avanzamento.dataAvanzamento", "2026-05-04");
        sal.put("avanzamento.impSal", "120.000,00");
        sal.put("avanzamento.modalitaPagamento", "1");
        sal.put("avanzamento.dataCertificatoMandatoPagamento", "2026-05-08");
        sal.put("avanzamento.impCertificatoMandatoPagamento", "95.400,00");
        sal.put("avanzamento.impAnticipazione", "134.925,01");
        sal.put("avanzamento.avanzamento", "9");
        HttpResponse<String> refused = browser.postForm(base + "/evento?tipo=SA1", sal);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "avanzamento.impAnticipazione")).contains("supera il 30% del valore del contratto");
        assertThat(errorBeside(refused, "avanzamento.dataCertificatoAnticipazione"))
                .isEqualTo("REG64: Non è stata valorizzata la data del certificato di pagamento relativo all'anticipazione");
        assertThat(refused.body()).contains("value=\"120.000,00\"").contains("<option value=\"9\" selected=\"selected\">");
        assertThat(schede(contract)).hasSize(2);

        sal.put("avanzamento.impAnticipazione", "89.950,00");
        sal.put("avanzamento.dataCertificatoAnticipazione", "2026-03-10");
        HttpResponse<String> recorded = browser.postForm(base + "/evento?tipo=SA1", sal);

        assertThat(recorded.statusCode()).isEqualTo(302);
        String timeline = browser.get(base).body();
        assertThat(timelineCodes(timeline)).containsExactly("SC1", "I1", "SA1");
        assertThat(timeline).contains("Evento registrato (Stato di avanzamento (SAL)): scheda SA1").contains("04/05/2026");
        JsonNode avanzamento = anacForm(contract, 2).get("avanzamento");
        assertThat(avanzamento.get("impSal").decimalValue()).isEqualByComparingTo("120000.00");
        assertThat(avanzamento.get("impAnticipazione").decimalValue()).isEqualByComparingTo("89950.00");
        assertThat(avanzamento.get("avanzamento").get("codice").asString()).isEqualTo("9");
        assertThat(browser.get(base + "/evento?tipo=SA1").body()).contains("Ultimo SAL registrato: € 120.000,00 (progressivo) del 04/05/2026");
    }

    @Test
    void theRupRecordsAnAmicableSettlementAndTheFormAsksForTheCharges() {
        long contract = contractInExecution("Consolidamento del muro di via Assarotti");
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";
        assertThat(browser.get(base + "/evento?tipo=AC1").body()).contains("Artt. 210").contains("€ 22.487,50").contains("€ 67.462,50");

        HttpResponse<String> blank = browser.postForm(base + "/evento?tipo=AC1", Map.of("accordoBonario.dataAccordo", ""));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(errorBeside(blank, "accordoBonario.dataAccordo")).isEqualTo("OBBLIGATORIO: Campo obbligatorio");

        Map<String, String> settlement = new LinkedHashMap<>();
        settlement.put("accordoBonario.dataAccordo", "2026-06-15");
        settlement.put("accordoBonario.numeroRiserve", "3");
        HttpResponse<String> refused = browser.postForm(base + "/evento?tipo=AC1", settlement);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "accordoBonario.oneriDerivanti")).isEqualTo("REG74: Non è stato valorizzato il campo oneri derivanti");
        assertThat(schede(contract)).hasSize(2);

        settlement.put("accordoBonario.oneriDerivanti", "30.000,00");
        assertThat(browser.postForm(base + "/evento?tipo=AC1", settlement).statusCode()).isEqualTo(302);

        String timeline = browser.get(base).body();
        assertThat(timelineCodes(timeline)).containsExactly("SC1", "I1", "AC1");
        assertThat(timeline).contains("Accordo bonario").contains("15/06/2026");
        assertThat(anacForm(contract, 2).get("accordoBonario").get("oneriDerivanti").decimalValue()).isEqualByComparingTo("30000");
    }

    @Test
    void theRupRecordsAWithdrawalRequestAndTheFormTiesTheAnswersToItsReason() {
        long contract = contractInExecution("Restauro della loggia dei Mercanti");
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";
        assertThat(browser.get(base + "/evento?tipo=IR1").body()).contains("<option value=\"S\">S – sospensione</option>")
                .contains("Stipula: 10/02/2026.");

        Map<String, String> request = new LinkedHashMap<>();
        request.put("ritardo.tipoComunicazione", "S");
        request.put("ritardo.dataIstanzaRecesso", "2026-04-01");
        request.put("ritardo.dataTermine", "2026-03-27");
        request.put("ritardo.istanzaAccolta", "false");
        request.put("ritardo.istanzaTardiva", "true");
        request.put("ritardo.istanzaRipresa", "false");
        request.put("ritardo.istanzaRiserva", "false");
        request.put("ritardo.impSpese", "0");
        HttpResponse<String> refused = browser.postForm(base + "/evento?tipo=IR1", request);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "ritardo.durataSospensione"))
                .isEqualTo("OBBLIGATORIO: Indicare la durata della sospensione per un'istanza dovuta a sospensione");
        assertThat(errorBeside(refused, "ritardo.istanzaTardiva")).contains("La consegna tardiva riguarda le istanze per ritardo");
        assertThat(schede(contract)).hasSize(2);

        request.put("ritardo.tipoComunicazione", "R");
        request.put("ritardo.motivoSospensione", "Indisponibilità delle aree di cantiere");
        assertThat(browser.postForm(base + "/evento?tipo=IR1", request).statusCode()).isEqualTo(302);

        String timeline = browser.get(base).body();
        assertThat(timelineCodes(timeline)).containsExactly("SC1", "I1", "IR1");
        assertThat(timeline).contains("Istanza di recesso").contains("01/04/2026");
        JsonNode ritardo = anacForm(contract, 2).get("ritardo");
        assertThat(ritardo.get("tipoComunicazione").get("codice").asString()).isEqualTo("R");
        assertThat(ritardo.get("istanzaTardiva").asBoolean()).isTrue();
    }

    @Test
    void theRupRecordsTheAcceptanceWithItsSettlementRowsAndTheFormShowsEachRuleBesideItsField() {
        long contract = contractInExecution("Nuova palestra della scuola Mazzini");
        apiEvent(contract, Map.of("type", "CO1", "data", Map.of("conclusione", Map.of("dataUltimazione", "2026-08-20",
                "numeroInfortuni", 0))));
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";
        assertThat(browser.get(base).body()).contains("nuovo-CL1");
        String form = browser.get(base + "/evento?tipo=CL1").body();
        assertThat(form).contains("Certificato di regolare esecuzione").contains("name=\"collaudo.quadroEconomicoStandard.sommeADisposizione\"")
                .doesNotContain("quadroEconomicoConcessioni").contains("name=\"collaudo.modalitaDefinizione[0].numeroRiserveDefinite\"")
                .doesNotContain("modalitaDefinizione[1]").contains("Ultimazione registrata (CO1): 20/08/2026")
                .contains("<option value=\"POSITIVO\">Positivo</option>");

        // A collaudo without its dates, a framework without sommeADisposizione, an unreadable row
        // (typed in the second row, the first left blank: it becomes the first).
        Map<String, String> acceptance = new LinkedHashMap<>();
        acceptance.put("collaudo.modoCollaudo", "1");
        acceptance.put("collaudo.esito", "POSITIVO");
        acceptance.put("collaudo.quadroEconomicoStandard.impLavori", "434.750,00");
        acceptance.put("collaudo.modalitaDefinizione[0].numeroRiserveDefinite", "");
        acceptance.put("collaudo.modalitaDefinizione[1].numeroRiserveDefinite", "tre");
        HttpResponse<String> refused = browser.postForm(base + "/evento?tipo=CL1", acceptance);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "collaudo.dataNomina")).isEqualTo("REG88: Non è stata indicata la data di nomina del collaudatore, Commissione");
        assertThat(errorBeside(refused, "collaudo.dataInizio")).startsWith("REG89: ");
        assertThat(errorBeside(refused, "collaudo.dataRedazioneCertificato")).startsWith("REG91: ");
        assertThat(errorBeside(refused, "collaudo.quadroEconomicoStandard.sommeADisposizione")).isEqualTo("OBBLIGATORIO: Campo obbligatorio");
        assertThat(errorBeside(refused, "collaudo.modalitaDefinizione[0].numeroRiserveDefinite"))
                .isEqualTo("FORMATO: Numero intero non valido: \"tre\"");
        assertThat(refused.body()).doesNotContain("modalitaDefinizione[1]");
        assertThat(schede(contract)).hasSize(3);

        // "Aggiungi" shows one more row, keeping what was typed, and records nothing.
        acceptance.put("azione", "aggiungiRiga:collaudo.modalitaDefinizione");
        HttpResponse<String> moreRows = browser.postForm(base + "/evento?tipo=CL1", acceptance);
        assertThat(moreRows.statusCode()).isEqualTo(200);
        assertThat(moreRows.body()).contains("Modalità di definizione n. 2").contains("name=\"collaudo.modalitaDefinizione[1].impTotaleRichiesto\"")
                .contains("value=\"tre\"").doesNotContain("riepilogo-errori");
        assertThat(schede(contract)).hasSize(3);

        // A certificato di regolare esecuzione, with the final framework and two settlement rows.
        Map<String, String> certificate = new LinkedHashMap<>();
        certificate.put("collaudo.dataCertificato", "2026-10-01");
        certificate.put("collaudo.esito", "POSITIVO");
        certificate.put("collaudo.quadroEconomicoStandard.impLavori", "434.750,00");
        certificate.put("collaudo.quadroEconomicoStandard.sommeADisposizione", "98.945,00");
        certificate.put("collaudo.numeroTotaleRiserve", "2");
        certificate.put("collaudo.oneri", "12.000,00");
        certificate.put("collaudo.modalitaDefinizione[0].numeroRiserveDefinite", "2");
        certificate.put("collaudo.modalitaDefinizione[0].impTotaleRichiesto", "40.000,00");
        certificate.put("collaudo.modalitaDefinizione[0].impTotaleDefinizione", "12.000,00");
        certificate.put("collaudo.modalitaDefinizione[1].ulterioriRiserve", "true");
        certificate.put("collaudo.modalitaDefinizione[1].numeroRiserveDaDefinire", "1");
        assertThat(browser.postForm(base + "/evento?tipo=CL1", certificate).statusCode()).isEqualTo(302);

        String timeline = browser.get(base).body();
        assertThat(timelineCodes(timeline)).containsExactly("SC1", "I1", "CO1", "CL1");
        assertThat(timeline).contains("Collaudato").contains("01/10/2026");
        JsonNode collaudo = anacForm(contract, 3).get("collaudo");
        assertThat(collaudo.get("esito").asString()).isEqualTo("POSITIVO");
        assertThat(collaudo.get("quadroEconomicoStandard").get("sommeADisposizione").decimalValue()).isEqualByComparingTo("98945");
        assertThat(collaudo.get("modalitaDefinizione")).hasSize(2);
        assertThat(collaudo.get("modalitaDefinizione").get(0).get("impTotaleRichiesto").decimalValue()).isEqualByComparingTo("40000");
        assertThat(collaudo.get("modalitaDefinizione").get(1).get("ulterioriRiserve").asBoolean()).isTrue();
    }

    @Test
    void aDirectAwardUnderFiveThousandEuroIsConcludedWithTheCo2FormOnly() {
        Map<String, Object> body = Fixtures.worksContract(rupId(), "Riparazione della fontana dei giardini");
        body.put("procedura", "AFFIDAMENTO_DIRETTO");
        body.put("importoBaseGara", 4500.00);
        body.put("ribasso", 0);
        body.put("importoContrattuale", 4200.00);
        body.put("oneriSicurezza", 200.00);
        body.put("durataGiorni", 30);
        long direct = register(body);
        String cig = (String) ((Map<?, ?>) ((List<?>) body.get("lotti")).get(0)).get("cig");
        long other = register(Fixtures.worksContract(rupId(), "Manutenzione della biblioteca civica"));
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + direct + "/esecuzione";

        assertThat(browser.get("/contratti/" + other + "/esecuzione").body()).contains("nuovo-SC1").doesNotContain("nuovo-CO2");
        // CO2 is its only execution scheda: the signing is not offered.
        assertThat(browser.get(base).body()).contains("nuovo-CO2").doesNotContain("nuovo-SC1");
        String form = browser.get(base + "/evento?tipo=CO2").body();
        assertThat(form).contains("<option value=\"" + cig + "\" selected=\"selected\">" + cig + " – Lotto unico</option>")
                .contains("Importo contrattuale: € 4.200,00.");

        Map<String, String> conclusion = new LinkedHashMap<>();
        conclusion.put("cig", cig);
        conclusion.put("conclusione.dataInizio", "2026-05-20");
        conclusion.put("conclusione.dataUltimazione", "2026-05-04");
        conclusion.put("conclusione.importo", "4.200,00");
        HttpResponse<String> refused = browser.postForm(base + "/evento?tipo=CO2", conclusion);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "conclusione.dataUltimazione"))
                .isEqualTo("DATE: La data di ultimazione non può precedere la data di inizio (2026-05-20)");
        assertThat(schede(direct)).isEmpty();

        conclusion.put("conclusione.dataInizio", "2026-05-04");
        conclusion.put("conclusione.dataUltimazione", "2026-05-20");
        assertThat(browser.postForm(base + "/evento?tipo=CO2", conclusion).statusCode()).isEqualTo(302);

        String timeline = browser.get(base).body();
        assertThat(timelineCodes(timeline)).containsExactly("CO2");
        assertThat(timeline).contains("Concluso").contains("20/05/2026").doesNotContain("nuovo-");
        assertThat(anacForm(direct, 0).get("cig").asString()).isEqualTo(cig);
        assertThat(anacForm(direct, 0).get("conclusione").get("importo").decimalValue()).isEqualByComparingTo("4200");
    }
}
