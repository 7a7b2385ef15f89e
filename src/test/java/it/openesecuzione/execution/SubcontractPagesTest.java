package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The forms of the subcontract events (RSU1 with its ESPD, ES1, CS1), of the change of awardee
 * (S4) and of the modifications the contract's kind calls for (M2_40, M1), through real HTTP as a
 * browser sends them. A refused submission shows each message beside its input and records nothing.
 */
@IntegrationTest
class SubcontractPagesTest {

    static final byte[] ESPD_XML = ("<QualificationApplicationRequest "
            + "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2\"/>")
            .getBytes(StandardCharsets.UTF_8);
    private static final String OE = "subappalto.operatoreEconomicoSubappaltatore.";
    private static final String SUBJECT = OE + "elencoSoggetti[0].";

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

    private long register(Map<String, Object> body) {
        HttpResponse<String> created = Http.basic(port, "genova.rup").postJson("/api/v1/contracts", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).get("id").asLong();
    }

    private Map<String, Object> worksContract(String oggetto) {
        return new LinkedHashMap<>(Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(), oggetto));
    }

    /** Signed on 10 February 2026 and handed over on 2 March: 449,750.00 euro, 180 days. */
    private long inExecution(Map<String, Object> body) {
        long contract = register(body);
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

    private JsonNode body(long contract, int index) {
        return schede(contract).get(index).get("payload").get("scheda").get("body");
    }

    /** The message shown beside the input named {@code path}, unescaped; fails if there is none. */
    static String errorBeside(HttpResponse<String> page, String path) {
        Matcher error = Pattern.compile("id=\"err-" + Pattern.quote(path) + "\">([^<]*)</div>").matcher(page.body());
        assertThat(error.find()).as("error beside " + path + " in\n" + page.body()).isTrue();
        assertThat(page.body()).containsPattern("id=\"" + Pattern.quote(path) + "\"[^>]*aria-describedby=\"[^\"]*err-"
                + Pattern.quote(path) + "\"|aria-describedby=\"[^\"]*err-" + Pattern.quote(path) + "\"[^>]*id=\"" + Pattern.quote(path) + "\"");
        return unescape(error.group(1));
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }

    private static List<String> timelineCodes(String page) {
        return Pattern.compile("<td><strong>(\\w+)</strong></td>").matcher(page).results().map(m -> m.group(1)).toList();
    }

    /** The row of the subcontract table for request {@code seq}, its tags removed. */
    private static String subcontractRow(String page, int seq) {
        int start = page.indexOf("id=\"subappalto-" + seq + "\"");
        assertThat(start).as("row of subcontract " + seq).isPositive();
        String row = page.substring(start, page.indexOf("</tr>", start));
        return unescape(row.substring(row.indexOf('>') + 1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim());
    }

    private static Map<String, String> subcontractRequest(String idOE, String taxCode, String name, String amount, String cpv) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("dataEvento", "2026-05-04");
        form.put(OE + "idOE", idOE);
        form.put(SUBJECT + "codiceFiscale", taxCode);
        form.put(SUBJECT + "denominazione", name);
        form.put(SUBJECT + "ruoloOE", "14");
        form.put(SUBJECT + "tipoOE", "1");
        form.put(SUBJECT + "operatoreEstero", "false");
        form.put("subappalto.oggetto", "Impermeabilizzazione delle coperture");
        form.put("subappalto.importoPresunto", amount);
        form.put("subappalto.categoria", "OS 8");
        form.put("subappalto.cpv", cpv);
        return form;
    }

    @Test
    void theRupRecordsASubcontractRequestWithItsEspdThenTheAuthorisationACascadeAndTheEnd() {
        long contract = inExecution(worksContract("Rifacimento delle coperture della scuola Garibaldi"));
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";
        at("2026-05-10");

        String timeline = browser.get(base).body();
        assertThat(timeline).contains("id=\"nuovo-RSU1\"").doesNotContain("id=\"nuovo-ES1\"").doesNotContain("id=\"nuovo-CS1\"")
                .doesNotContain("id=\"subappalti\"");
        String form = browser.get(base + "/evento?tipo=RSU1").body();
        assertThat(form).contains("enctype=\"multipart/form-data\"").contains("type=\"file\"")
                .contains("name=\"" + SUBJECT + "codiceFiscale\"").contains("silenzio-assenso")
                // 2% of 449,750.00 euro: under it, or under 100,000 euro, 15 days.
                .contains("€ 8.995,00 (2%)")
                // No subcontract authorised yet: no cascade to choose.
                .doesNotContain("name=\"riferimento\"")
                .doesNotContain("<option value=\"1\">1 – Mandatario in RTI</option>");

        // A file that is not XML, a codice fiscale with a wrong check digit.
        Map<String, String> request = subcontractRequest(SubcontractApiTest.ID_OE, "01234567890", "Coperture Liguri srl",
                "85.000,00", "45261420");
        HttpResponse<String> refused = browser.postMultipart(base + "/evento?tipo=RSU1", request, "espd", "dgue.pdf",
                "%PDF-1.7".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "espd")).isEqualTo("FORMATO: Il DGUE non è un documento XML valido");
        assertThat(errorBeside(refused, SUBJECT + "codiceFiscale")).startsWith("FORMATO: Codice fiscale non valido");
        assertThat(refused.body()).doesNotContain("File già allegato").contains("value=\"85.000,00\"");

        // The right file, a CPV of seven digits: the file is kept for the next submission.
        request.put(SUBJECT + "codiceFiscale", "01234567897");
        request.put("subappalto.cpv", "45261420, 4526142");
        refused = browser.postMultipart(base + "/evento?tipo=RSU1", request, "espd", "dgue-coperture.xml", ESPD_XML);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "subappalto.cpv")).contains("Codice CPV non valido: \"4526142\"");
        assertThat(refused.body()).contains("File già allegato: <strong>dgue-coperture.xml</strong>");
        assertThat(schede(contract)).hasSize(2);

        Matcher kept = Pattern.compile("name=\"espd_contenuto\" value=\"([^\"]+)\"").matcher(refused.body());
        assertThat(kept.find()).isTrue();
        request.put("espd_contenuto", kept.group(1));
        request.put("espd_nome", "dgue-coperture.xml");
        request.put("subappalto.cpv", "45261420, 45262000-1");
        HttpResponse<String> recorded = browser.postMultipart(base + "/evento?tipo=RSU1", request, "espd", null, null);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(302);

        JsonNode rsu1 = body(contract, 2);
        assertThat(rsu1.get("espd").asString()).isEqualTo(Base64.getEncoder().encodeToString(ESPD_XML));
        assertThat(rsu1.get("anacForm").get("subappalto").get("cpv").findValuesAsString("codice")).containsExactly("45261420", "45262000");
        timeline = browser.get(base).body();
        assertThat(timelineCodes(timeline)).containsExactly("SC1", "I1", "RSU1");
        assertThat(timeline).contains("autorizzazione: 2026-05-19 (15 giorni").contains("id=\"nuovo-ES1\"")
                .doesNotContain("id=\"nuovo-CS1\"");
        assertThat(subcontractRow(timeline, 3)).isEqualTo(
                "3 Coperture Liguri srl € 85.000,00 04/05/2026 19/05/2026 15 giorni In attesa di autorizzazione —");

        // The outcome: the only request waiting is chosen; a reference to another event is refused beside the list.
        form = browser.get(base + "/evento?tipo=ES1").body();
        assertThat(form).contains("<option value=\"3\" selected=\"selected\">Richiesta n. 3 – Coperture Liguri srl, € 85.000,00, "
                + "ricevuta il 04/05/2026; termine per decidere 19/05/2026</option>")
                .contains("in mancanza di provvedimento sarà autorizzata per silenzio-assenso dal 20/05/2026");
        HttpResponse<String> wrongReference = browser.postForm(base + "/evento?tipo=ES1", Map.of("riferimento", "2",
                "subappalto.dataAutorizzazione", "2026-05-08"));
        assertThat(wrongReference.statusCode()).isEqualTo(400);
        assertThat(errorBeside(wrongReference, "riferimento"))
                .isEqualTo("STATO: L'evento n. 2 non è una richiesta di subappalto (RSU1) di questo contratto");
        HttpResponse<String> tooEarly = browser.postForm(base + "/evento?tipo=ES1", Map.of("riferimento", "3",
                "subappalto.dataAutorizzazione", "2026-05-01"));
        assertThat(errorBeside(tooEarly, "subappalto.dataAutorizzazione"))
                .isEqualTo("DATE: L'autorizzazione non può precedere la richiesta del 2026-05-04");
        assertThat(schede(contract)).hasSize(3);
        assertThat(browser.postForm(base + "/evento?tipo=ES1", Map.of("riferimento", "3",
                "subappalto.dataAutorizzazione", "2026-05-08")).statusCode()).isEqualTo(302);
        timeline = browser.get(base).body();
        assertThat(subcontractRow(timeline, 3)).endsWith("Autorizzato 08/05/2026");
        assertThat(timeline).doesNotContain("id=\"nuovo-ES1\"").contains("id=\"nuovo-CS1\"");

        // The subcontractor sub-subcontracts part of it: the cascade is chosen among the authorised subcontracts.
        form = browser.get(base + "/evento?tipo=RSU1").body();
        assertThat(form).contains("<option value=\"3\">Richiesta n. 3 – Coperture Liguri srl, € 85.000,00, autorizzato</option>");
        Map<String, String> cascade = subcontractRequest(SubcontractApiTest.ID_OE_CASCADE, "01234567897", "Posa Guaine snc",
                "20.000,00", "45261420");
        cascade.put("riferimento", "3");
        cascade.put("dataEvento", "2026-05-09");
        assertThat(browser.postMultipart(base + "/evento?tipo=RSU1", cascade, "espd", "dgue-posa.xml", ESPD_XML).statusCode())
                .isEqualTo(302);
        assertThat(body(contract, 4).get("anacForm").get("subappalto").get("conferenteSubappalto").get("idSubappaltanteACascata")
                .asString()).isEqualTo(SubcontractApiTest.ID_OE);

        // The end of the first: the date cannot precede the authorisation.
        at("2026-10-05");
        form = browser.get(base + "/evento?tipo=CS1").body();
        assertThat(form).contains("<option value=\"3\" selected=\"selected\">Richiesta n. 3 – Coperture Liguri srl, € 85.000,00, "
                + "autorizzato il 08/05/2026</option>").doesNotContain("<option value=\"5\"");
        Map<String, String> end = new LinkedHashMap<>();
        end.put("riferimento", "3");
        end.put("subappalto.importoEffettivo", "84.000,00");
        end.put("subappalto.dataUltimazione", "2026-05-02");
        HttpResponse<String> endRefused = browser.postForm(base + "/evento?tipo=CS1", end);
        assertThat(endRefused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(endRefused, "subappalto.dataUltimazione"))
                .isEqualTo("DATE: La conclusione non può precedere l'autorizzazione del 2026-05-08");
        assertThat(schede(contract)).hasSize(5);
        end.put("subappalto.dataUltimazione", "2026-09-30");
        assertThat(browser.postForm(base + "/evento?tipo=CS1", end).statusCode()).isEqualTo(302);

        timeline = browser.get(base).body();
        assertThat(timelineCodes(timeline)).containsExactly("SC1", "I1", "RSU1", "ES1", "RSU1", "CS1");
        assertThat(subcontractRow(timeline, 3)).endsWith("Concluso 08/05/2026");
        // No decision on the cascade by 24 May: authorised by silence from the 25th.
        assertThat(subcontractRow(timeline, 5)).isEqualTo("5 Posa Guaine snc A cascata della richiesta n. 3 € 20.000,00 09/05/2026 "
                + "24/05/2026 15 giorni Autorizzato per silenzio-assenso 25/05/2026");
        assertThat(timeline).doesNotContain("id=\"nuovo-CS1\"").contains("id=\"nuovo-ES1\"");
        assertThat(body(contract, 5).get("anacForm").get("subappalto").get("importoEffettivo").decimalValue())
                .isEqualByComparingTo("84000");
    }

    @Test
    void aBlankSubcontractRequestShowsWhatIsMissingBesideEachInputAndRecordsNothing() {
        long contract = inExecution(worksContract("Tinteggiatura della scuola Doria"));
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";
        at("2026-05-10");
        browser.get(base + "/evento?tipo=RSU1");

        HttpResponse<String> refused = browser.postMultipart(base + "/evento?tipo=RSU1", Map.of("dataEvento", "2026-06-01"),
                "espd", null, null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "dataEvento")).isEqualTo("DATE: La data dell'evento non può essere futura");
        assertThat(errorBeside(refused, "espd")).startsWith("OBBLIGATORIO: Allegare la richiesta DGUE");
        assertThat(errorBeside(refused, "subappalto.importoPresunto")).startsWith("OBBLIGATORIO");
        assertThat(errorBeside(refused, "subappalto.categoria")).startsWith("OBBLIGATORIO");
        assertThat(errorBeside(refused, "subappalto.cpv")).isEqualTo("OBBLIGATORIO: Indicare almeno un codice CPV");
        assertThat(errorBeside(refused, OE + "idOE")).isEqualTo("OBBLIGATORIO: Indicare l'identificativo PCP del subappaltatore");
        // No subject given: the message is in the section of the subjects, which it describes.
        assertThat(refused.body()).contains("aria-describedby=\"err-" + OE + "elencoSoggetti\"")
                .contains("id=\"err-" + OE + "elencoSoggetti\">OBBLIGATORIO: Indicare i soggetti del subappaltatore</div>")
                .contains("<li>vedere i campi evidenziati.</li>");
        assertThat(schede(contract)).hasSize(2);
    }

    @Test
    void theRupRecordsAChangeOfAwardee() {
        long contract = inExecution(worksContract("Manutenzione dei giardini di villa Croce"));
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";
        at("2026-05-10");
        assertThat(browser.get(base).body()).contains("id=\"nuovo-S4\"");
        String form = browser.get(base + "/evento?tipo=S4").body();
        assertThat(form).contains("Aggiudicatario in anagrafica: Impresa Test S.r.l.").contains("selected=\"selected\">")
                .contains("<option value=\"2\">2 – Cessione di azienda, trasformazione, fusione e scissione</option>");

        Map<String, String> change = new LinkedHashMap<>();
        change.put("dataEvento", "2026-05-05");
        change.put("partecipante.denominazione", "Edilnord Costruzioni spa");
        change.put("partecipante.codiceFiscale", "01234567897");
        change.put("partecipante.paeseOperatoreEconomico", "ITA");
        change.put("partecipante.idPartecipante", "non-un-uuid");
        change.put("partecipante.ruoloOE", "14");
        change.put("partecipante.tipoOE", "1");
        change.put("partecipante.avvalimento", "false");
        HttpResponse<String> refused = browser.postForm(base + "/evento?tipo=S4", change);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "motivoVariazione")).isEqualTo("OBBLIGATORIO: Indicare il motivo della variazione");
        assertThat(errorBeside(refused, "partecipante.idPartecipante")).startsWith("FORMATO");
        assertThat(schede(contract)).hasSize(2);

        String merged = UUID.randomUUID().toString();
        change.put("partecipante.idPartecipante", merged);
        change.put("motivoVariazione", "2");
        assertThat(browser.postForm(base + "/evento?tipo=S4", change).statusCode()).isEqualTo(302);
        String timeline = browser.get(base).body();
        assertThat(timelineCodes(timeline)).containsExactly("SC1", "I1", "S4");
        assertThat(timeline).contains("05/05/2026");
        JsonNode s4 = body(contract, 2).get("anacForm");
        assertThat(s4.get("partecipante").get("idPartecipante").asString()).isEqualTo(merged);
        assertThat(s4.get("motivoVariazione").get("codice").asString()).isEqualTo("2");
        assertThat(s4.get("cig").asString()).isNotBlank();
    }

    @Test
    void aBelowThresholdConcessionIsOfferedOnlyTheM2_40FormWithTheConcessionsFramework() {
        Map<String, Object> body = worksContract("Concessione del parcheggio di piazza Dante");
        body.put("concessione", true);
        long contract = inExecution(body);
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";

        String timeline = browser.get(base).body();
        assertThat(timeline).contains("id=\"nuovo-M2_40\"").doesNotContain("id=\"nuovo-M2\"").doesNotContain("id=\"nuovo-M1\"")
                .doesNotContain("id=\"nuovo-M1_40\"");
        assertThat(browser.get(base + "/evento?tipo=M2").statusCode()).isEqualTo(404);
        String form = browser.get(base + "/evento?tipo=M2_40").body();
        assertThat(form).contains("Modifica della concessione").contains("Art. 189")
                .contains("name=\"modificaContrattuale.quadroEconomicoConcessioniRideterminato.entrateUtenza\"")
                .doesNotContain("quadroEconomicoStandardRideterminato").doesNotContain("numGiorniProroga");

        Map<String, String> modification = new LinkedHashMap<>();
        modification.put("modificaContrattuale.datiBaseModificaContrattuale.motiviModifica", "mod-rev");
        modification.put("modificaContrattuale.datiBaseModificaContrattuale.causaModifica", "Adeguamento delle tariffe");
        modification.put("modificaContrattuale.quadroEconomicoConcessioniRideterminato.impLavori", "460.000,00");
        modification.put("modificaContrattuale.quadroEconomicoConcessioniRideterminato.entrateUtenza", "1.200.000,00");
        HttpResponse<String> refused = browser.postForm(base + "/evento?tipo=M2_40", modification);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorBeside(refused, "modificaContrattuale.motivoRevisionePrezzi")).startsWith("REG54: ");
        assertThat(schede(contract)).hasSize(2);

        modification.put("modificaContrattuale.motivoRevisionePrezzi", "1");
        assertThat(browser.postForm(base + "/evento?tipo=M2_40", modification).statusCode()).isEqualTo(302);
        assertThat(timelineCodes(browser.get(base).body())).containsExactly("SC1", "I1", "M2_40");
        JsonNode framework = body(contract, 2).get("anacForm").get("modificaContrattuale").get("quadroEconomicoConcessioniRideterminato");
        assertThat(framework.get("entrateUtenza").decimalValue()).isEqualByComparingTo("1200000");
        assertThat(framework.get("impLavori").decimalValue()).isEqualByComparingTo("460000");
    }

    @Test
    void anAboveThresholdContractIsModifiedWithM1AndThePlatformWritesTheEform() {
        Map<String, Object> body = worksContract("Nuovo ponte sul torrente Bisagno");
        body.put("sopraSoglia", true);
        body.put("idAppalto", UUID.randomUUID().toString());
        body.put("idContratto", UUID.randomUUID().toString());
        long contract = inExecution(body);
        Http browser = Http.browser(port, "genova.rup");
        String base = "/contratti/" + contract + "/esecuzione";

        assertThat(browser.get(base).body()).contains("id=\"nuovo-M1\"").doesNotContain("id=\"nuovo-M2\"");
        String form = browser.get(base + "/evento?tipo=M1").body();
        assertThat(form).contains("Modifica del contratto (sopra soglia)").contains("eForms").contains("codice NUTS")
                .contains("name=\"modificaContrattuale.datiBaseModificaContrattuale.motiviModifica\"")
                .contains("idContratto ANAC: " + body.get("idContratto"));

        Map<String, String> modification = new LinkedHashMap<>();
        modification.put("modificaContrattuale.datiBaseModificaContrattuale.motiviModifica", "mod-nons");
        modification.put("modificaContrattuale.datiBaseModificaContrattuale.causaModifica", "Variante non sostanziale delle finiture");
        modification.put("modificaContrattuale.quadroEconomicoStandardRideterminato.impLavori", "455.000,00");
        modification.put("modificaContrattuale.quadroEconomicoStandardRideterminato.impServizi", "0");
        modification.put("modificaContrattuale.quadroEconomicoStandardRideterminato.impForniture", "0");
        HttpResponse<String> recorded = browser.postForm(base + "/evento?tipo=M1", modification);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(302);

        JsonNode m1 = body(contract, 2);
        assertThat(m1.get("anacForm").get("modificaContrattuale").has("datiBaseModificaContrattuale")).isFalse();
        assertThat(new String(Base64.getDecoder().decode(m1.get("eform").asString()), StandardCharsets.UTF_8))
                .contains("Variante non sostanziale delle finiture").contains("ITC33");
    }
}
