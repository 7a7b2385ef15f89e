package it.openesecuzione.accounting.web;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.execution.ExecutionApiTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The contabilità pages through real HTTP as a browser sends them: the price list, the measurement
 * book, a SAL with its register and payment certificate, the payment; a services contract's SAL by
 * percentage; a price list import reported row by row. A refused form shows each message beside
 * its input and records nothing.
 */
@IntegrationTest
class AccountingPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void at(String day) {
        clock.set(Instant.parse(day + "T09:00:00Z"));
    }

    /** Registered, signed on 10 February 2026 and handed over on 2 March: 449,750.00 euro (15,000.00 safety), ribasso 10.5%. */
    private long inExecution(String tipologia, String oggetto) {
        Map<String, Object> body = new LinkedHashMap<>(Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                oggetto));
        body.put("tipologia", tipologia);
        HttpResponse<String> created = Http.basic(port, "genova.rup").postJson("/api/v1/contracts", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long contract = Http.json(created).get("id").asLong();
        at("2026-03-02");
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

    /** A form accepted: redirected back to the page, at the section given; the page the browser then shows. */
    private String redirected(Http browser, HttpResponse<String> response, String location) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String target = response.headers().firstValue("Location").orElse("");
        assertThat(target).endsWith(location);
        String path = target.replaceFirst("^https?://[^/]+", "");
        return browser.get(path.contains("#") ? path.substring(0, path.indexOf('#')) : path).body();
    }

    /** The message shown beside the input with the given id, unescaped; fails if there is none. */
    static String errorBeside(HttpResponse<String> page, String id) {
        Matcher error = Pattern.compile("id=\"err-" + Pattern.quote(id) + "\">([^<]*)</div>").matcher(page.body());
        assertThat(error.find()).as("error beside " + id + " in\n" + page.body()).isTrue();
        assertThat(page.body()).containsPattern("id=\"" + Pattern.quote(id) + "\"[^>]*aria-describedby=\"[^\"]*err-" + Pattern.quote(id)
                + "\"|aria-describedby=\"[^\"]*err-" + Pattern.quote(id) + "\"[^>]*id=\"" + Pattern.quote(id) + "\"");
        return unescape(error.group(1));
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }

    /** The text of the element with the given id (up to its closing tag {@code until}), tags removed. */
    private static String text(String page, String id, String until) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("element " + id + " in\n" + page).isPositive();
        String element = page.substring(start, page.indexOf(until, start));
        return unescape(element.substring(element.indexOf('>') + 1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim());
    }

    private static String optionValue(String page, String label) {
        Matcher option = Pattern.compile("<option value=\"(\\d+)\">" + Pattern.quote(label)).matcher(page);
        assertThat(option.find()).as("option " + label).isTrue();
        return option.group(1);
    }

    private static Map<String, String> measurement(String item, String date) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("voce", item);
        form.put("data", date);
        return form;
    }

    @Test
    void theRupKeepsTheBooksOfAWorksContractFromThePriceListToThePaidCertificate() {
        long contract = inExecution("LAVORI", "Sistemazione del giardino della scuola Pertini");
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/contabilita";
        at("2026-03-31");

        assertThat(browser.get("/contratti/" + contract).body()).contains("href=\"" + base + "\"");
        String page = browser.get(base).body();
        assertThat(page).contains("id=\"elenco-vuoto\"").contains("id=\"modulo-voce\"").contains("id=\"modulo-importazione\"")
                .contains("id=\"modulo-parametri\"").contains("id=\"libretto\"").doesNotContain("id=\"fasi\"")
                .contains("Importa solo le righe valide").contains("/contratti/" + contract + "/documenti/registro.xlsx")
                .contains("hx-post=\"" + base + "/sal/anteprima\"");

        // Two items typed as Italians type them: one subject to the ribasso, one of the safety costs.
        Map<String, String> item = new LinkedHashMap<>();
        item.put("codice", "A.01");
        item.put("descrizione", "Scavo di sbancamento");
        item.put("unitaMisura", "m³");
        item.put("prezzoUnitario", "12,50");
        item.put("quantita", "100");
        redirected(browser, browser.postForm(base + "/voci", item), base + "#elenco");
        Map<String, String> safety = new LinkedHashMap<>();
        safety.put("codice", "S.01");
        safety.put("descrizione", "Recinzione di cantiere");
        safety.put("unitaMisura", "a corpo");
        safety.put("prezzoUnitario", "1.500,00");
        safety.put("quantita", "1");
        safety.put("sicurezza", "true");
        page = redirected(browser, browser.postForm(base + "/voci", safety), base + "#elenco");
        assertThat(page).contains("Voce S.01 aggiunta all&#39;elenco prezzi tra gli oneri della sicurezza (non soggetta a ribasso).");
        assertThat(text(page, "tabella-voci", "</table>")).contains("A.01 Scavo di sbancamento m³ € 12,50 100,000 € 1.250,00 Sì")
                .contains("S.01 Recinzione di cantiere a corpo € 1.500,00 1,000 € 1.500,00 No (oneri della sicurezza)")
                .contains("Totale del computo € 2.750,00");
        // The same code twice is refused beside the code.
        HttpResponse<String> duplicate = browser.postForm(base + "/voci", item);
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(errorBeside(duplicate, "voce-codice")).isEqualTo("Una voce con questo codice è già nell'elenco prezzi");
        String scavo = optionValue(page, "A.01 – Scavo di sbancamento (m³)");
        String recinzione = optionValue(page, "S.01 – Recinzione di cantiere (a corpo)");

        // A quantity and dimensions together, a word for a number, a day before the handover: refused, nothing recorded.
        Map<String, String> both = measurement(scavo, "2026-03-10");
        both.put("lunghezza", "3");
        both.put("quantita", "12,5");
        HttpResponse<String> refused = browser.postForm(base + "/misure", both);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "misura-quantita")).isEqualTo(
                "Indicare la quantità oppure le dimensioni (parti uguali, lunghezza, larghezza, altezza/peso), non entrambe");
        assertThat(refused.body()).contains("La misura non è stata registrata.").contains("value=\"12,5\"")
                .contains("<option value=\"" + scavo + "\" selected=\"selected\">");
        Map<String, String> word = measurement(scavo, "2026-03-10");
        word.put("lunghezza", "tre");
        assertThat(errorBeside(browser.postForm(base + "/misure", word), "misura-lunghezza")).startsWith("Non è un numero");
        Map<String, String> early = measurement(scavo, "2026-02-20");
        early.put("quantita", "5");
        assertThat(errorBeside(browser.postForm(base + "/misure", early), "misura-data"))
                .isEqualTo("La misura precede la consegna dei lavori (02/03/2026)");
        assertThat(browser.get(base).body()).contains("id=\"libretto-vuoto\"");

        // The measurement book: 2 × 10 × 5 × 0,5 = 50 m³, then 20.25 m³ (the point is a decimal point), and the fence.
        Map<String, String> first = measurement(scavo, "2026-03-10");
        first.put("descrizione", "Area giochi");
        first.put("partiUguali", "2");
        first.put("lunghezza", "10");
        first.put("larghezza", "5");
        first.put("altezza", "0,5");
        assertThat(redirected(browser, browser.postForm(base + "/misure", first), base + "#libretto"))
                .contains("Misura registrata nel libretto: voce A.01, 50,000 m³ del 10/03/2026.");
        Map<String, String> second = measurement(scavo, "2026-03-20");
        second.put("quantita", "20.25");
        redirected(browser, browser.postForm(base + "/misure", second), base + "#libretto");
        Map<String, String> fence = measurement(recinzione, "2026-03-10");
        fence.put("quantita", "1");
        redirected(browser, browser.postForm(base + "/misure", fence), base + "#libretto");
        page = browser.get(base).body();
        String book = text(page, "tabella-misure", "</table>");
        assertThat(book).contains("10/03/2026 A.01 Area giochi 2 10 5 0,5 50,000 m³ libera")
                .contains("20/03/2026 A.01 — — — — 20,250 m³ libera").contains("10/03/2026 S.01 — — — — 1,000 a corpo libera");

        // The preview computes the SAL and records nothing.
        HttpResponse<String> preview = browser.postForm(base + "/sal/anteprima", Map.of("data", "2026-03-31"));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Anteprima del SAL n. 1 al 31/03/2026 (non registrato)");
        assertThat(text(preview.body(), "anteprima-totali-netto-periodo", "</td>")).isEqualTo("€ 2.285,93");
        assertThat(browser.get(base).body()).contains("id=\"sal-vuoti\"");

        // SAL n. 1: 70.25 m³ × 12.50 = 878.13, ribasso 10.5% = 92.20, safety 1,500.00: net 2,285.93.
        page = redirected(browser, browser.postForm(base + "/sal", Map.of("data", "2026-03-31")), base + "#sal");
        assertThat(page).contains("SAL n. 1 al 31/03/2026 registrato: importo netto del periodo € 2.285,93, progressivo € 2.285,93.")
                .contains("id=\"ritira-sal\"").contains("/contratti/" + contract + "/documenti/sal/1.pdf")
                .contains("/contratti/" + contract + "/documenti/sal/1.xlsx");
        assertThat(text(page, "sal-1", "</tr>")).contains("SAL n. 1 31/03/2026 Misure del libretto € 2.285,93 € 2.285,93 Da emettere");
        assertThat(text(page, "tabella-misure", "</table>")).contains("50,000 m³ SAL n. 1").doesNotContain("libera");

        // The register: every line with its quantities and amounts and the measurements it includes.
        String sal = browser.get(base + "/sal/1").body();
        assertThat(text(sal, "riga-A.01", "</tr>"))
                .isEqualTo("A.01 Scavo di sbancamento m³ € 12,50 0,000 70,250 70,250 € 0,00 € 878,13 € 878,13");
        assertThat(text(sal, "riga-S.01", "</tr>"))
                .isEqualTo("S.01 sicurezza Recinzione di cantiere a corpo € 1.500,00 0,000 1,000 1,000 € 0,00 € 1.500,00 € 1.500,00");
        assertThat(text(sal, "misure-A.01", "</details>")).startsWith("Misure comprese in questo SAL per la voce A.01 (2)")
                .contains("10/03/2026 Area giochi 2 10 5 0,5 50,000 m³").contains("20/03/2026 — — — — 20,250 m³");
        assertThat(text(sal, "totali", "</table>")).contains("Lavori a misura soggetti a ribasso (lordo) € 0,00 € 878,13 € 878,13")
                .contains("Ribasso d'asta (10,5 %) − € 0,00 − € 92,20 − € 92,20")
                .contains("Oneri della sicurezza (non soggetti a ribasso) € 0,00 € 1.500,00 € 1.500,00")
                .contains("Importo netto € 0,00 € 2.285,93 € 2.285,93");
        // The certificate: withholding 0.50% = 11.43, so 2,274.50 plus 10% VAT 227.45.
        assertThat(text(sal, "anteprima-certificato", "</dl>")).contains("Ritenuta di garanzia dello 0,50% (progressiva) − € 11,43")
                .contains("Importo del certificato € 2.274,50").contains("IVA 10% (scissione dei pagamenti) € 227,45")
                .contains("Totale (importo più IVA) € 2.501,95");
        assertThat(sal).contains("Da emettere entro il 07/04/2026").contains("id=\"modulo-certificato\"")
                .contains("<option value=\"11\">In ritardo</option>");

        // The works director keeps the books but does not certify.
        Http director = Http.browser(port, "genova.dl");
        assertThat(director.get(base + "/sal/1").body()).doesNotContain("id=\"modulo-certificato\"").contains("Importo del certificato");
        assertThat(director.get(base).body()).contains("id=\"modulo-misura\"").contains("id=\"modulo-sal\"")
                .doesNotContain("id=\"modulo-parametri\"").doesNotContain("id=\"modulo-anticipazione\"");

        // Issued: refused before the SAL, then issued with its SA1.
        at("2026-04-02");
        sal = browser.get(base + "/sal/1").body();
        HttpResponse<String> tooEarly = browser.postForm(base + "/sal/1/certificato", Map.of("dataEmissione", "2026-03-30",
                "avanzamento", "9"));
        assertThat(tooEarly.statusCode()).isEqualTo(400);
        assertThat(errorBeside(tooEarly, "certificato-dataEmissione")).isEqualTo("Il certificato non può precedere il SAL (31/03/2026)");
        assertThat(schede(contract)).hasSize(2);
        sal = redirected(browser, browser.postForm(base + "/sal/1/certificato", Map.of("dataEmissione", "2026-04-02", "avanzamento", "9",
                "numGiorniScostamento", "")), base + "/sal/1");
        assertThat(sal).contains("Certificato di pagamento n. 1 emesso: € 2.274,50 più IVA € 227,45, da pagare entro il 30/04/2026.")
                .doesNotContain("id=\"modulo-certificato\"");
        assertThat(text(sal, "certificato-emesso", "</p>")).isEqualTo("Certificato n. 1 emesso il 02/04/2026, da pagare entro il 30/04/2026.");
        assertThat(text(sal, "certificato-importi-importo", "</dd>")).isEqualTo("€ 2.274,50");
        JsonNode sa1 = schede(contract).get(2).get("payload").get("scheda");
        assertThat(sa1.get("codice").get("codice").asString()).isEqualTo("SA1");
        assertThat(sa1.get("body").get("anacForm").get("avanzamento").get("impSal").decimalValue()).isEqualByComparingTo("2285.93");
        assertThat(browser.get(base).body()).doesNotContain("id=\"ritira-sal\"");
        HttpResponse<String> withdraw = browser.postForm(base + "/sal/ritiro", Map.of());
        assertThat(withdraw.statusCode()).isEqualTo(409);
        assertThat(text(withdraw.body(), "conflitto", "</div>"))
                .isEqualTo("Il certificato di pagamento del SAL n. 1 è già emesso: il SAL non si può più ritirare");

        // Five days past the due date: overdue; the payment cannot precede the certificate.
        at("2026-05-05");
        page = browser.get(base).body();
        Matcher row = Pattern.compile("id=\"certificato-(\\d+)\"").matcher(page);
        assertThat(row.find()).isTrue();
        String certificate = row.group(1);
        assertThat(text(page, "certificato-" + certificate, "</tr>")).startsWith("Stato di avanzamento 1 1 02/04/2026 30/04/2026 Scaduto "
                + "€ 2.274,50 € 227,45 € 2.501,95 5 giorni di ritardo");
        assertThat(page).contains("id=\"interessi-" + certificate + "\"")
                .contains("/contratti/" + contract + "/documenti/certificati/" + certificate + ".pdf");
        HttpResponse<String> paidTooEarly = browser.postForm(base + "/certificati/" + certificate + "/pagamento",
                Map.of("dataPagamento", "2026-03-01"));
        assertThat(paidTooEarly.statusCode()).isEqualTo(400);
        assertThat(errorBeside(paidTooEarly, "pagamento-" + certificate + "-dataPagamento"))
                .isEqualTo("Il pagamento segue l'emissione del certificato (02/04/2026) e non è futuro");
        page = redirected(browser, browser.postForm(base + "/certificati/" + certificate + "/pagamento",
                Map.of("dataPagamento", "2026-05-04")), base + "#certificati");
        assertThat(page).contains("Pagamento del 04/05/2026 registrato.").doesNotContain("id=\"scaduto-" + certificate + "\"");
        assertThat(text(page, "pagato-" + certificate, "</span>")).isEqualTo("Pagato il 04/05/2026 (4 giorni di ritardo)");
        assertThat(text(page, "sal-1", "</tr>")).contains("Emesso il 02/04/2026 (n. 1), pagato");
    }

    @Test
    void aServicesContractIsPaidByPercentageOfExecution() {
        long contract = inExecution("SERVIZI", "Servizio di manutenzione del verde cittadino");
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/contabilita";
        at("2026-04-30");

        String page = browser.get(base).body();
        assertThat(page).contains("id=\"fasi\"").contains("id=\"modulo-fase\"").contains("id=\"sal-percentuale\"")
                .doesNotContain("id=\"libretto\"").doesNotContain("id=\"elenco\"").contains("Giornale dell&#39;esecuzione");
        page = redirected(browser, browser.postForm(base + "/fasi", Map.of("descrizione", "Avvio del servizio", "percentuale", "30")),
                base + "#fasi");
        assertThat(text(page, "tabella-fasi", "</table>")).contains("1 Avvio del servizio 30% Da raggiungere");
        Matcher milestone = Pattern.compile("name=\"fasi\" value=\"(\\d+)\"").matcher(page);
        assertThat(milestone.find()).isTrue();

        // A percentage and a milestone together: refused beside the percentage, the choices kept.
        Map<String, String> both = new LinkedHashMap<>();
        both.put("data", "2026-04-30");
        both.put("percentuale", "25,5");
        both.put("fasi", milestone.group(1));
        HttpResponse<String> refused = browser.postForm(base + "/sal", both);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "sal-percentuale")).isEqualTo("Indicare la percentuale oppure le fasi raggiunte, non entrambe");
        assertThat(refused.body()).contains("value=\"25,5\"").containsPattern("id=\"sal-fasi-" + milestone.group(1) + "\"\\s+checked");

        // 25.5% of 449,750.00 euro, safety included: 114,686.25.
        Map<String, String> byPercentage = Map.of("data", "2026-04-30", "percentuale", "25,5");
        HttpResponse<String> preview = browser.postForm(base + "/sal/anteprima", byPercentage);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Percentuale di esecuzione: 25,5% del contratto");
        assertThat(text(preview.body(), "anteprima-totali-netto-progressivo", "</td>")).isEqualTo("€ 114.686,25");
        page = redirected(browser, browser.postForm(base + "/sal", byPercentage), base + "#sal");
        assertThat(text(page, "sal-1", "</tr>"))
                .contains("SAL n. 1 30/04/2026 Percentuale di esecuzione: 25,5% € 114.686,25 € 114.686,25 Da emettere");

        String sal = browser.get(base + "/sal/1").body();
        assertThat(sal).contains("Percentuale di esecuzione").contains("25,5% del contratto").doesNotContain("id=\"registro\"");
        assertThat(text(sal, "totali", "</table>")).contains("Prestazioni eseguite (esclusa la sicurezza) € 0,00 € 110.861,25 € 110.861,25")
                .contains("Oneri della sicurezza (non soggetti a ribasso) € 0,00 € 3.825,00 € 3.825,00")
                .contains("Importo netto € 0,00 € 114.686,25 € 114.686,25");
        // Withholding 573.43; VAT 10% on 114,112.82.
        assertThat(text(sal, "anteprima-certificato", "</dl>")).contains("Importo del certificato € 114.112,82")
                .contains("€ 11.411,28").contains("Totale (importo più IVA) € 125.524,10");

        // A later SAL must go beyond 25.5%.
        at("2026-05-29");
        HttpResponse<String> backwards = browser.postForm(base + "/sal", Map.of("data", "2026-05-29", "percentuale", "20"));
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(errorBeside(backwards, "sal-percentuale"))
                .isEqualTo("La percentuale è progressiva: deve superare quella del SAL n. 1 (25.5%)");
    }

    @Test
    void theRupSetsTheParametersGrantsTheAdvanceAndSeesPenaltiesAndPriceRevision() {
        long contract = inExecution("LAVORI", "Restauro della fontana di piazza De Ferrari");
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/contabilita";
        at("2026-03-31");
        String page = browser.get(base).body();
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        assertThat(version.find()).isTrue();

        // Every problem at once: a word for the VAT rate, a penalty beyond the law's range.
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("version", version.group(1));
        settings.put("aliquotaIva", "dieci");
        settings.put("penaleGiornalieraPerMille", "2");
        settings.put("percentualeAnticipazione", "20");
        settings.put("giorniCertificato", "7");
        settings.put("giorniPagamento", "30");
        HttpResponse<String> refused = browser.postForm(base + "/parametri", settings);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "parametri-aliquotaIva")).startsWith("Non è un numero");
        assertThat(errorBeside(refused, "parametri-penaleGiornalieraPerMille"))
                .isEqualTo("La penale giornaliera è tra 0,5 e 1,5 per mille dell'importo netto contrattuale (art. 126)");
        settings.put("aliquotaIva", "22");
        settings.put("penaleGiornalieraPerMille", "0,5");
        page = redirected(browser, browser.postForm(base + "/parametri", settings), base + "#parametri");
        assertThat(page).contains("Parametri della contabilità salvati.").contains("id=\"parametri-aliquotaIva\" name=\"aliquotaIva\" value=\"22\"")
                .contains("value=\"0,5\"");

        // The advance: 20% of 449,750.00 = 89,950.00, against a guarantee that covers it.
        Map<String, String> advance = new LinkedHashMap<>();
        advance.put("percentuale", "20");
        advance.put("dataEmissione", "2026-03-05");
        advance.put("garante", "Banca Ligure spa");
        advance.put("numeroGaranzia", "FG-2026-118");
        advance.put("importoGaranzia", "80.000,00");
        advance.put("dataGaranzia", "2026-03-03");
        refused = browser.postForm(base + "/anticipazione", advance);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "anticipazione-importoGaranzia"))
                .isEqualTo("La garanzia deve coprire almeno l'anticipazione (€ 89.950,00; art. 125)");
        advance.put("importoGaranzia", "90.000,00");
        page = redirected(browser, browser.postForm(base + "/anticipazione", advance), base + "#anticipazione");
        assertThat(page).contains("Anticipazione concessa: € 89.950,00 (20% del contratto)").doesNotContain("id=\"modulo-anticipazione\"");
        assertThat(text(page, "anticipazione-concessa", "</dl>")).contains("Importo € 89.950,00").contains("Garante Banca Ligure spa")
                .contains("Garanzia n. FG-2026-118 del 03/03/2026");
        // Its certificate, with 22% VAT, due 15 days after the handover of 2 March: overdue by now.
        assertThat(text(page, "tabella-certificati", "</table>"))
                .contains("Anticipazione 1 — 05/03/2026 17/03/2026 Scaduto € 89.950,00 € 19.789,00 € 109.739,00 14 giorni di ritardo");
        assertThat(text(page, "dati-penali", "</dl>")).contains("Giorni di ritardo 0").contains("Penali applicabili € 0,00");
        assertThat(page).doesNotContain("id=\"penali-limite\"");

        // A price revision previewed: the index up 10%, 7 points beyond 3%, 90% of them on 100,000.00 euro.
        Map<String, String> revision = new LinkedHashMap<>();
        revision.put("data", "2026-03-31");
        revision.put("indice", "ISTAT costo di costruzione");
        revision.put("importoSoggetto", "100.000,00");
        revision.put("indiceBase", "100");
        revision.put("indiceCorrente", "110");
        HttpResponse<String> preview = browser.postForm(base + "/revisioni/anteprima", revision);
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(text(preview.body(), "anteprima-revisione-importo", "</dd>")).isEqualTo("€ 6.300,00");
        assertThat(preview.body()).contains("value=\"ISTAT costo di costruzione\"").contains("id=\"h-anteprima-revisione\"");

        // Seven months past the term, still running: the penalties hit the 10% cap.
        at("2027-03-31");
        page = browser.get(base).body();
        assertThat(text(page, "penali-limite", "</div>"))
                .isEqualTo("Penali: raggiunto il 10%: presupposto per la risoluzione del contratto (art. 122).");
        assertThat(text(page, "penali-importo", "</dd>")).isEqualTo("€ 44.975,00");
    }

    @Test
    void aPriceListFileIsReportedRowByRowAndImportedOnlyWhenAsked() {
        long contract = inExecution("LAVORI", "Rifacimento dei marciapiedi di via Balbi");
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/contabilita";
        at("2026-03-31");
        browser.get(base);
        byte[] csv = ("codice;descrizione;unità di misura;prezzo unitario;quantità\n"
                + "B.01;Calcestruzzo per sottofondi;m³;110,00;20\n"
                + "B.02;Acciaio per armature;kg;dieci;100\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = browser.postMultipart(base + "/voci/importazione", Map.of("formato", "CSV"), "file",
                "elenco.csv", csv);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"importazione-non-applicata\"").contains("id=\"elenco-vuoto\"");
        assertThat(text(refused.body(), "problemi-importazione", "</table>")).contains("dieci");

        HttpResponse<String> noFile = browser.postMultipart(base + "/voci/importazione", Map.of("formato", "CSV"), "file", null, null);
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(errorBeside(noFile, "importazione-file")).isEqualTo("Scegliere il file dell'elenco prezzi (XPWE, CSV o XLSX)");

        String page = redirected(browser, browser.postMultipart(base + "/voci/importazione", Map.of("formato", "CSV", "soloValide",
                "true"), "file", "elenco.csv", csv), base + "#elenco");
        assertThat(page).contains("Elenco prezzi importato: 1 voce aggiunta; le righe con problemi sono state scartate");
        assertThat(text(page, "tabella-voci", "</table>")).contains("B.01 Calcestruzzo per sottofondi m³ € 110,00 20,000 € 2.200,00 Sì")
                .doesNotContain("B.02");
        assertThat(text(page, "problemi-importazione", "</table>")).contains("dieci");
    }

    @Test
    void anItemIsEditedUntilASalCountsItsPrice() {
        long contract = inExecution("LAVORI", "Manutenzione dei giardini di Villa Gruber");
        long item = Http.json(Http.basic(port, "genova.rup").postJson("/api/v1/contracts/" + contract + "/accounting/items",
                Map.of("codice", "G.01", "descrizione", "Sfalcio", "unitaMisura", "m²", "prezzoUnitario", "1234.5"))).get("id").asLong();
        Http browser = Http.browser(port, "genova.rup");
        String path = "/contratti/" + contract + "/contabilita/voci/" + item;
        String form = browser.get(path).body();
        assertThat(form).contains("value=\"1.234,50\"").contains("Modifica della voce G.01");

        HttpResponse<String> wrong = browser.postForm(path, Map.of("codice", "G.01", "descrizione", "Sfalcio dei prati",
                "unitaMisura", "m²", "prezzoUnitario", "1.500"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(errorBeside(wrong, "modifica-prezzoUnitario")).contains("ambiguo");

        String list = redirected(browser, browser.postForm(path, Map.of("codice", "G.01", "descrizione", "Sfalcio dei prati",
                "unitaMisura", "m²", "prezzoUnitario", "1,45")), "#elenco");
        assertThat(list).contains("Voce G.01 modificata").contains("Sfalcio dei prati").contains("€ 1,45");

        // Once a SAL counts it, its price is fixed.
        at("2026-04-30");
        Http.basic(port, "genova.rup").postJson("/api/v1/contracts/" + contract + "/accounting/measurements",
                Map.of("voce", item, "data", "2026-04-01", "quantita", "100"));
        Http.basic(port, "genova.rup").postJson("/api/v1/contracts/" + contract + "/accounting/sal", Map.of("data", "2026-04-30"));
        browser.get(path);
        HttpResponse<String> fixed = browser.postForm(path, Map.of("codice", "G.01", "descrizione", "Sfalcio dei prati",
                "unitaMisura", "m²", "prezzoUnitario", "2,00"));
        assertThat(fixed.statusCode()).isEqualTo(409);
        assertThat(unescape(fixed.body())).contains("già contabilizzata in un SAL");
    }
}
