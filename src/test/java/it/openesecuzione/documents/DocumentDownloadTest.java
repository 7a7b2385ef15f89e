package it.openesecuzione.documents;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.execution.ExecutionApiTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import it.openesecuzione.support.TestClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The documents as downloads, pages and API, on a works contract kept through the accounting API:
 * signed 10 February 2026, handed over 2 March, SAL n. 1 of 30 April with its certificate.
 */
@IntegrationTest
class DocumentDownloadTest {

    private static final String PDF = "application/pdf";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    TestClock clock;

    Http rup;
    long contract;
    String cig;
    String api;
    String pages;

    @BeforeEach
    void aContractWithASalAndItsCertificate() {
        rup = Http.basic(port, "genova.rup");
        Map<String, Object> body = Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                "Restauro conservativo della facciata di Palazzo Tursi");
        cig = ((Map<?, ?>) ((java.util.List<?>) body.get("lotti")).get(0)).get("cig").toString();
        contract = Http.json(rup.postJson("/api/v1/contracts", body)).get("id").asLong();
        api = "/api/v1/contracts/" + contract + "/documents";
        pages = "/contratti/" + contract + "/documenti";
        String accounting = "/api/v1/contracts/" + contract + "/accounting";
        at("2026-03-02");
        created(rup.postJson("/api/v1/contracts/" + contract + "/events", ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000)));
        created(rup.postJson("/api/v1/contracts/" + contract + "/events", ExecutionApiTest.handover(Map.of("consegnaFrazionata", false,
                "consegnaSottoRiserva", false, "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02"))));
        long scaffold = created(rup.postJson(accounting + "/items", Map.of("codice", "S.01", "descrizione", "Ponteggio di facciata",
                "unitaMisura", "m²", "prezzoUnitario", "8.40", "quantita", "2000", "soggettoARibasso", false))).get("id").asLong();
        long plaster = created(rup.postJson(accounting + "/items", Map.of("codice", "R.04.010", "descrizione",
                "Consolidamento di intonaco antico con iniezioni di malta", "unitaMisura", "m²", "prezzoUnitario", "64.20", "quantita",
                "800", "soggettoARibasso", true))).get("id").asLong();
        at("2026-04-30");
        Map<String, Object> entry = new HashMap<>(Map.of("voce", plaster, "data", "2026-04-10", "lunghezza", "25", "altezza", "12"));
        created(rup.postJson(accounting + "/measurements", entry));
        created(rup.postJson(accounting + "/measurements", Map.of("voce", scaffold, "data", "2026-03-20", "quantita", "650")));
        created(rup.postJson(accounting + "/sal", Map.of("data", "2026-04-30")));
        at("2026-05-05");
        created(rup.postJson(accounting + "/sal/1/certificate", Map.of("dataEmissione", "2026-05-05")));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void at(String day) {
        clock.set(Instant.parse(day + "T09:00:00Z"));
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    @Test
    void apiClientsDownloadTheSalTheCertificateTheVerbaleAndTheRegister() throws IOException {
        // SAL 1: plaster 300 m² × 64,20 = 19.260,00, ribasso 10,5 % = 2.022,30; scaffolding 650 × 8,40 = 5.460,00;
        // net 19.260,00 − 2.022,30 + 5.460,00 = 22.697,70.
        HttpResponse<byte[]> sal = get(api + "/sal/1.pdf");
        assertDownload(sal, PDF, "sal-1-contratto-" + contract + ".pdf");
        PdfChecks.assertPdfA(sal.body(), "Stato di avanzamento lavori n. 1");
        assertThat(PdfChecks.text(sal.body())).contains("Comune di Genova", "Restauro conservativo della facciata di Palazzo Tursi", cig,
                "Impresa Test S.r.l.", "R.04.010", "€ 19.260,00", "€ 2.022,30", "€ 5.460,00", "€ 22.697,70", "Mario Rossi");

        HttpResponse<byte[]> sheet = get(api + "/sal/1.xlsx");
        assertDownload(sheet, XLSX, "sal-1-contratto-" + contract + ".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(sheet.body()))) {
            assertThat(book.getSheet("SAL n. 1").getRow(1).getCell(0).getStringCellValue()).isIn("R.04.010", "S.01");
            assertThat(book.getSheet("Misure").getLastRowNum()).isEqualTo(2);
        }

        JsonNode certificate = Http.json(rup.get("/api/v1/contracts/" + contract + "/accounting/certificates")).get(0);
        HttpResponse<byte[]> certificatePdf = get(api + "/certificates/" + certificate.get("id").asLong() + ".pdf");
        assertDownload(certificatePdf, PDF, "certificato-pagamento-1-contratto-" + contract + ".pdf");
        // Withholding 0,50 % of 22.697,70 = 113,49; amount 22.584,21; VAT 10 % 2.258,42.
        assertThat(PdfChecks.text(certificatePdf.body())).contains("Certificato di pagamento n. 1", "€ 113,49", "€ 22.584,21",
                "€ 2.258,42", "art. 17-ter");

        HttpResponse<byte[]> handover = get(api + "/events/2.pdf");
        assertDownload(handover, PDF, "verbale-consegna-contratto-" + contract + "-evento-2.pdf");
        assertThat(PdfChecks.text(handover.body())).contains("Verbale di consegna dei lavori", "02/03/2026");

        HttpResponse<byte[]> register = get(api + "/register.xlsx");
        assertDownload(register, XLSX, "registro-contabilita-contratto-" + contract + ".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(register.body()))) {
            assertThat(book.getSheet("Registro").getLastRowNum()).isEqualTo(2);
            assertThat(book.getSheet("Riepilogo SAL").getRow(1).getCell(6).getNumericCellValue()).isEqualTo(22697.70);
        }
    }

    @Test
    void whatIsMissingOrHasNoVerbaleIsNotFoundWithTheReason() {
        // Event 3 is the SA1 of the certificate: it has no verbale.
        HttpResponse<String> sa1 = rup.get(api + "/events/3.pdf");
        assertThat(sa1.statusCode()).isEqualTo(404);
        assertThat(sa1.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(Http.json(sa1).get("detail").asString()).contains("L'evento n. 3 (SA1", "non ha un verbale",
                "consegna o l'avvio (I1), la sospensione (SO1), la ripresa (RI1) e l'ultimazione (CO1)");
        assertThat(rup.get(api + "/events/99.pdf").statusCode()).isEqualTo(404);
        assertThat(Http.json(rup.get(api + "/sal/2.pdf")).get("detail").asString()).isEqualTo("SAL n. 2 non trovato");
        assertThat(Http.json(rup.get(api + "/final-account.pdf")).get("detail").asString()).contains("conto finale non è ancora");
        assertThat(rup.get(api + "/certificates/999999.pdf").statusCode()).isEqualTo(404);
        // Another authority's users do not see the contract at all.
        assertThat(Http.basic(port, "savona.rup").get(api + "/sal/1.pdf").statusCode()).isEqualTo(404);
    }

    @Test
    void pagesServeTheSameDocumentsAsAttachments() {
        Http browser = Http.browser(port, "genova.dl");
        HttpResponse<String> sal = browser.get(pages + "/sal/1.pdf");
        assertThat(sal.statusCode()).isEqualTo(200);
        assertThat(sal.headers().firstValue("Content-Type").orElse("")).isEqualTo(PDF);
        assertThat(sal.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment;").contains("sal-1-contratto-" + contract + ".pdf");
        assertThat(sal.body()).startsWith("%PDF-");
        assertThat(browser.get(pages + "/sal/1.xlsx").headers().firstValue("Content-Type").orElse("")).isEqualTo(XLSX);
        assertThat(browser.get(pages + "/registro.xlsx").statusCode()).isEqualTo(200);
        assertThat(browser.get(pages + "/eventi/2.pdf").statusCode()).isEqualTo(200);

        HttpResponse<String> sa1 = browser.get(pages + "/eventi/3.pdf");
        assertThat(sa1.statusCode()).isEqualTo(404);
        assertThat(sa1.body()).contains("non ha un verbale");
        assertThat(browser.get(pages + "/conto-finale.pdf").statusCode()).isEqualTo(404);
    }

    private HttpResponse<byte[]> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("genova.rup:" + Http.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertDownload(HttpResponse<byte[]> response, String contentType, String fileName) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).isEqualTo(contentType);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains(fileName);
        assertThat(response.body().length).isPositive();
    }
}
