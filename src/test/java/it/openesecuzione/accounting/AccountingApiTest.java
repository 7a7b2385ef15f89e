package it.openesecuzione.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.audit.AuditEntry;
import it.openesecuzione.audit.AuditTrail;
import it.openesecuzione.execution.ExecutionApiTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The contabilità of a works contract through the API: price list (by hand and from a CSV),
 * measurement book, advance, SAL, withdrawal, payment certificate feeding SA1, payment with
 * late-payment interest, price revision producing the M2, permissions, audit.
 *
 * <p>The contract (support/Fixtures): ribasso 10.5%, importo contrattuale 449,750.00 of which
 * safety costs 15,000.00; signed 10 February 2026, handed over 2 March.
 */
@IntegrationTest
class AccountingApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    TestClock clock;

    @Autowired
    AuditTrail audit;

    Http rup;
    long contract;
    String base;

    @BeforeEach
    void aContractUnderWay() {
        rup = Http.basic(port, "genova.rup");
        contract = Http.json(rup.postJson("/api/v1/contracts", Fixtures.worksContract(
                directory.findByUsername("genova.rup").orElseThrow().id(), "Rifacimento della rete fognaria di via Prè"))).get("id").asLong();
        base = "/api/v1/contracts/" + contract + "/accounting";
        at("2026-03-02");
        assertThat(rup.postJson("/api/v1/contracts/" + contract + "/events", ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000))
                .statusCode()).isEqualTo(201);
        assertThat(rup.postJson("/api/v1/contracts/" + contract + "/events", ExecutionApiTest.handover(Map.of("consegnaFrazionata", false,
                "consegnaSottoRiserva", false, "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")))
                .statusCode()).isEqualTo(201);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void at(String day) {
        clock.set(Instant.parse(day + "T09:00:00Z"));
    }

    private JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private long item(String code, String price, boolean discounted) {
        return created(rup.postJson(base + "/items", Map.of("codice", code, "descrizione", "Voce " + code, "unitaMisura", "m³",
                "prezzoUnitario", price, "quantita", "1000", "soggettoARibasso", discounted))).get("id").asLong();
    }

    private JsonNode measure(long item, String date, Map<String, Object> figures) {
        Map<String, Object> body = new HashMap<>(figures);
        body.put("voce", item);
        body.put("data", date);
        return created(rup.postJson(base + "/measurements", body));
    }

    @Test
    void fromMeasurementsToTheCertificateAndTheSa1() {
        long scavo = item("A.01", "12.50", true);
        long ponteggio = item("S.01", "8.40", false);
        at("2026-03-10");
        // Advance: 20% of 449,750.00 = 89,950.00, against a guarantee; its SA1 goes to ANAC.
        JsonNode advance = created(rup.postJson(base + "/advance", Map.of("dataEmissione", "2026-03-10", "garante", "Banca Carige",
                "numeroGaranzia", "FD-2026-118", "importoGaranzia", "89950.00", "dataGaranzia", "2026-03-05")));
        assertThat(advance.get("importo").decimalValue()).isEqualByComparingTo("89950.00");

        at("2026-04-30");
        // 3,000 m³ of excavation in two entries, 2,000 m² of scaffolding.
        measure(scavo, "2026-03-20", Map.of("partiUguali", "1", "lunghezza", "500", "larghezza", "2", "altezza", "1.5")); // 1,500
        measure(scavo, "2026-04-15", Map.of("quantita", "1500"));
        JsonNode scaffold = measure(ponteggio, "2026-03-25", Map.of("lunghezza", "250", "altezza", "8"));
        assertThat(scaffold.get("quantita").decimalValue()).isEqualByComparingTo("2000");

        JsonNode diary = created(rup.postJson(base + "/diary", Map.of("data", "2026-04-15", "meteo", "Sereno", "personale",
                "1 capocantiere, 4 operai, 1 escavatore", "annotazioni", "Scavo del tratto B; getto del magrone")));
        assertThat(diary.get("annotazioni").asString()).contains("magrone");
        // A measurement before the handover is refused, with the reason beside the field.
        HttpResponse<String> early = rup.postJson(base + "/measurements", Map.of("voce", scavo, "data", "2026-02-20", "quantita", "5"));
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(early.body()).contains("precede la consegna");

        // SAL 1: excavation 3,000 × 12.50 = 37,500.00, ribasso 10.5% = 3,937.50; scaffolding 2,000 × 8.40 = 16,800.00;
        // net 37,500.00 − 3,937.50 + 16,800.00 = 50,362.50
        JsonNode sal = created(rup.postJson(base + "/sal", Map.of("data", "2026-04-30")));
        assertThat(sal.get("numero").asInt()).isEqualTo(1);
        assertThat(sal.get("progressivo").get("lordoSoggettoARibasso").decimalValue()).isEqualByComparingTo("37500.00");
        assertThat(sal.get("progressivo").get("ribasso").decimalValue()).isEqualByComparingTo("3937.50");
        assertThat(sal.get("progressivo").get("sicurezza").decimalValue()).isEqualByComparingTo("16800.00");
        assertThat(sal.get("progressivo").get("netto").decimalValue()).isEqualByComparingTo("50362.50");
        assertThat(Http.json(rup.get(base + "/sal/1/measurements")).size()).isEqualTo(3);

        // Its entries are locked; withdrawing the SAL unlocks them, and it can be drawn again.
        long locked = scaffold.get("id").asLong();
        assertThat(rup.delete(base + "/measurements/" + locked).statusCode()).isEqualTo(409);
        assertThat(rup.delete(base + "/sal/last").statusCode()).isEqualTo(204);
        assertThat(Http.json(rup.get(base + "/measurements")).valueStream().noneMatch(m -> m.hasNonNull("sal"))).isTrue();
        created(rup.postJson(base + "/sal", Map.of("data", "2026-04-30")));

        // Certificate: withholding 0.5% = 251.8125 → 251.81; advance recovered 89,950 × 50,362.50 / 449,750 = 10,072.50;
        // amount 50,362.50 − 251.81 − 10,072.50 = 40,038.19; VAT 10% 4,003.819 → 4,003.82.
        at("2026-05-05");
        JsonNode preview = Http.json(rup.get(base + "/sal/1/certificate-preview"));
        assertThat(preview.get("importo").decimalValue()).isEqualByComparingTo("40038.19");
        JsonNode certificate = created(rup.postJson(base + "/sal/1/certificate", Map.of("dataEmissione", "2026-05-05",
                "numGiorniProroga", 10)));
        assertThat(certificate.get("importi").get("ritenuteProgressive").decimalValue()).isEqualByComparingTo("251.81");
        assertThat(certificate.get("importi").get("anticipazioneRecuperata").decimalValue()).isEqualByComparingTo("10072.50");
        assertThat(certificate.get("importi").get("importo").decimalValue()).isEqualByComparingTo("40038.19");
        assertThat(certificate.get("importi").get("iva").decimalValue()).isEqualByComparingTo("4003.82");
        assertThat(certificate.get("scadenzaPagamento").asString()).isEqualTo("2026-05-30");
        assertThat(rup.delete(base + "/sal/last").statusCode()).isEqualTo(409);
        JsonNode recovery = Http.json(rup.get(base + "/advance/recovery")).get(0);
        assertThat(recovery.get("recuperatoNelCertificato").decimalValue()).isEqualByComparingTo("10072.50");
        assertThat(recovery.get("residuo").decimalValue()).isEqualByComparingTo("79877.50");
        JsonNode deadline = Http.json(rup.get(base + "/sal-deadlines")).get(0);
        assertThat(deadline.get("scadenzaCertificato").asString()).isEqualTo("2026-05-07");
        assertThat(deadline.get("inRitardo").asBoolean()).isFalse();

        // The SA1 schede: the advance's and the SAL's, with the figures computed here.
        JsonNode schede = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede"));
        JsonNode advanceForm = schede.get(2).get("payload").get("scheda").get("body").get("anacForm").get("avanzamento");
        assertThat(advanceForm.get("impAnticipazione").decimalValue()).isEqualByComparingTo("89950.00");
        JsonNode salForm = schede.get(3).get("payload").get("scheda").get("body").get("anacForm").get("avanzamento");
        assertThat(schede.get(3).get("codice").asString()).isEqualTo("SA1");
        assertThat(salForm.get("impSal").decimalValue()).isEqualByComparingTo("50362.50");
        assertThat(salForm.get("impCertificatoMandatoPagamento").decimalValue()).isEqualByComparingTo("40038.19");
        assertThat(salForm.get("dataCertificatoMandatoPagamento").asString()).startsWith("2026-05-05");
        assertThat(salForm.get("numGiorniProroga").asInt()).isEqualTo(10);
        assertThat(certificate.get("eventoSA1").asInt()).isEqualTo(schede.get(3).get("seq").asInt());

        // Not paid by 30 May: overdue. Interest needs the legal rate, entered by the platform administrator.
        at("2026-06-15");
        JsonNode overdue = Http.json(rup.get(base + "/certificates")).get(1);
        assertThat(overdue.get("scaduto").asBoolean()).isTrue();
        assertThat(overdue.get("giorniRitardo").asLong()).isEqualTo(16);
        assertThat(overdue.get("tassoMancante").asBoolean()).isTrue();
        assertThat(rup.postJson("/api/v1/accounting/legal-rates", Map.of("validoDal", "2026-01-01", "tassoAnnuo", "10.15")).statusCode())
                .isEqualTo(403);
        Http admin = Http.basic(port, "admin.piattaforma");
        assertThat(admin.postJson("/api/v1/accounting/legal-rates", Map.of("validoDal", "2026-01-01", "tassoAnnuo", "10.15")).statusCode())
                .isEqualTo(201);
        // Paid on 10 June, 11 days late: 40,038.19 × 10.15% × 11 / 365 = 122.473 → 122.47.
        JsonNode paid = Http.json(rup.postJson(base + "/certificates/" + overdue.get("id").asLong() + "/payment",
                Map.of("dataPagamento", "2026-06-10")));
        assertThat(paid.get("giorniRitardo").asLong()).isEqualTo(11);
        assertThat(paid.get("interessiMora").decimalValue()).isEqualByComparingTo("122.47");
        assertThat(paid.get("tassoMancante").asBoolean()).isFalse();

        List<String> actions = SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action)
                .filter(a -> a.startsWith("CONTABILITA_")).toList();
        assertThat(actions).contains("CONTABILITA_VOCE_AGGIUNTA", "CONTABILITA_ANTICIPAZIONE", "CONTABILITA_MISURA",
                "CONTABILITA_SAL_REGISTRATO", "CONTABILITA_SAL_RITIRATO", "CONTABILITA_CERTIFICATO_EMESSO", "CONTABILITA_PAGAMENTO");
    }

    @Test
    void aCsvPriceListWithBadRowsIsReportedRowByRowAndImportedOnlyOnRequest() {
        String csv = """
                Codice;Descrizione;U.M.;Prezzo;Quantità;Sicurezza
                LIG.01.001;Scavo di sbancamento;m³;8,75;1.200,000;no
                LIG.01.002;Rinterro;m³;abc;100;no
                LIG.99.001;Recinzione di cantiere;m;15,20;300;si
                """;
        HttpResponse<String> refused = rup.postMultipart(base + "/items/import", Map.of("formato", "CSV"), "file", "prezzi.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode report = Http.json(refused);
        assertThat(report.get("applied").asBoolean()).isFalse();
        assertThat(report.get("problems").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(Http.json(rup.get(base + "/items")).size()).isZero();

        HttpResponse<String> partial = rup.postMultipart(base + "/items/import", Map.of("formato", "CSV", "soloRigheValide", "true"),
                "file", "prezzi.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(partial.statusCode()).as(partial.body()).isEqualTo(200);
        assertThat(Http.json(partial).get("imported").asInt()).isEqualTo(2);
        JsonNode items = Http.json(rup.get(base + "/items"));
        assertThat(items.get(0).get("prezzoUnitario").decimalValue()).isEqualByComparingTo("8.75");
        assertThat(items.get(0).get("quantita").decimalValue()).isEqualByComparingTo("1200");
        assertThat(items.get(1).get("soggettoARibasso").asBoolean()).isFalse();

        // Importing the same file again: every code is already there.
        HttpResponse<String> again = rup.postMultipart(base + "/items/import", Map.of("formato", "CSV", "soloRigheValide", "true"),
                "file", "prezzi.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("già nell'elenco prezzi");
    }

    @Test
    void priceRevisionProducesTheModificationScheda() {
        at("2026-06-01");
        // Works: index 100 → 110, +10%; beyond 3% → 7%; 90% of it on 50,000.00 = 3,150.00.
        JsonNode preview = Http.json(rup.postJson(base + "/price-revisions/preview", Map.of("data", "2026-06-01",
                "indice", "ISTAT costo di costruzione", "importoSoggetto", "50000", "indiceBase", "100", "indiceCorrente", "110")));
        assertThat(preview.get("importo").decimalValue()).isEqualByComparingTo("3150.00");
        JsonNode revision = created(rup.postJson(base + "/price-revisions", Map.of("data", "2026-06-01",
                "indice", "ISTAT costo di costruzione", "importoSoggetto", "50000", "indiceBase", "100", "indiceCorrente", "110")));
        int seq = revision.get("eventoModifica").asInt();
        JsonNode m2 = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede")).get(seq - 1);
        assertThat(m2.get("codice").asString()).isEqualTo("M2");
        JsonNode form = m2.get("payload").get("scheda").get("body").get("anacForm").get("modificaContrattuale");
        assertThat(form.get("motivoRevisionePrezzi").get("codice").asString()).isEqualTo("2");
        // 449,750.00 − 15,000.00 + 3,150.00 = 437,900.00 of works
        assertThat(form.get("quadroEconomicoStandardRideterminato").get("impLavori").decimalValue()).isEqualByComparingTo("437900.00");

        // Within the threshold: recorded, no modification.
        JsonNode small = created(rup.postJson(base + "/price-revisions", Map.of("data", "2026-06-01",
                "indice", "ISTAT costo di costruzione", "importoSoggetto", "50000", "indiceBase", "100", "indiceCorrente", "102")));
        assertThat(small.get("dovuta").asBoolean()).isFalse();
        assertThat(small.hasNonNull("eventoModifica")).isFalse();
    }

    @Test
    void theWorksDirectorKeepsTheBookButDoesNotCertify() {
        long scavo = item("A.01", "12.50", true);
        Http dl = Http.basic(port, "genova.dl");
        at("2026-04-30");
        assertThat(dl.postJson(base + "/measurements", Map.of("voce", scavo, "data", "2026-04-01", "quantita", "100")).statusCode())
                .isEqualTo(201);
        assertThat(dl.postJson(base + "/sal", Map.of("data", "2026-04-30")).statusCode()).isEqualTo(201);
        assertThat(dl.postJson(base + "/sal/1/certificate", Map.of("dataEmissione", "2026-04-30")).statusCode()).isEqualTo(403);
        // Seven days after the SAL without a certificate: flagged.
        at("2026-05-08");
        assertThat(Http.json(dl.get(base + "/sal-deadlines")).get(0).get("inRitardo").asBoolean()).isTrue();
        // Another authority's RUP sees nothing.
        assertThat(Http.basic(port, "savona.rup").get(base + "/sal").statusCode()).isEqualTo(404);
    }

    @Test
    void aServicesStatementIsAShareOfTheContract() {
        Map<String, Object> terms = new HashMap<>(Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                "Servizio di pulizia degli uffici comunali"));
        terms.put("tipologia", "SERVIZI");
        terms.remove("cup");
        long services = Http.json(rup.postJson("/api/v1/contracts", terms)).get("id").asLong();
        String events = "/api/v1/contracts/" + services + "/events";
        assertThat(rup.postJson(events, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000)).statusCode()).isEqualTo(201);
        assertThat(rup.postJson(events, ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02"))).statusCode()).as("I1").isEqualTo(201);
        at("2026-06-30");
        String servicesBase = "/api/v1/contracts/" + services + "/accounting";
        // 40% of 449,750.00 = 179,900.00, of which safety 40% of 15,000.00 = 6,000.00.
        JsonNode sal = created(rup.postJson(servicesBase + "/sal", Map.of("data", "2026-06-30", "percentuale", "40")));
        assertThat(sal.get("progressivo").get("netto").decimalValue()).isEqualByComparingTo("179900.00");
        assertThat(sal.get("progressivo").get("sicurezza").decimalValue()).isEqualByComparingTo("6000.00");
        HttpResponse<String> backwards = rup.postJson(servicesBase + "/sal", Map.of("data", "2026-06-30", "percentuale", "30"));
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("progressiva");
        // Milestones worth less than what was already certified are refused too.
        long phase = created(rup.postJson(servicesBase + "/milestones", Map.of("descrizione", "Avvio del servizio", "percentuale", "10")))
                .get("id").asLong();
        HttpResponse<String> phases = rup.postJson(servicesBase + "/sal", Map.of("data", "2026-06-30", "fasi", List.of(phase)));
        assertThat(phases.statusCode()).isEqualTo(400);
        assertThat(phases.body()).contains("le fasi raggiunte danno 10%");
        // No price list nor measurement book for services.
        HttpResponse<String> item = rup.postJson(servicesBase + "/items", Map.of("codice", "X", "descrizione", "X", "unitaMisura", "h",
                "prezzoUnitario", "30"));
        assertThat(item.statusCode()).isEqualTo(409);
        assertThat(item.body()).contains("in percentuale del contratto o per fasi");
    }

    @Test
    void finalAccountDeductsPenaltiesAndTheBalanceReleasesTheWithholdingAfterCollaudo() {
        long scavo = item("A.01", "100.00", true);
        long ponteggio = item("S.01", "10.00", false);
        JsonNode settings = Http.json(rup.get(base + "/settings"));
        Map<String, Object> changed = new HashMap<>(Map.of("aliquotaIva", "10", "penaleGiornalieraPerMille", "0.5",
                "percentualeAnticipazione", "20", "giorniCertificato", 7, "giorniPagamento", 30,
                "versione", settings.get("versione").asInt()));
        assertThat(rup.putJson(base + "/settings", changed, null).statusCode()).isEqualTo(200);
        // Out of the legal range (art. 126): refused.
        changed.put("penaleGiornalieraPerMille", "2");
        assertThat(rup.putJson(base + "/settings", changed, null).statusCode()).isEqualTo(400);

        at("2026-09-10");
        measure(scavo, "2026-06-01", Map.of("quantita", "4000"));
        measure(ponteggio, "2026-06-01", Map.of("quantita", "1500"));
        // Completed on 3 September, 5 days after the term of 29 August (180 days from 2 March).
        assertThat(rup.postJson("/api/v1/contracts/" + contract + "/events", Map.of("type", "CO1", "data", Map.of("conclusione",
                Map.of("dataUltimazione", "2026-09-03", "numeroInfortuni", 0)))).statusCode()).isEqualTo(201);
        // Penalties: 449,750.00 × 0.5‰ × 5 = 1,124.375 → 1,124.38
        JsonNode penalties = Http.json(rup.get(base + "/penalties"));
        assertThat(penalties.get("giorniRitardo").asLong()).isEqualTo(5);
        assertThat(penalties.get("importo").decimalValue()).isEqualByComparingTo("1124.38");

        // Stato finale: 4,000 × 100.00 = 400,000.00, ribasso 10.5% 42,000.00; safety 15,000.00; net 373,000.00.
        JsonNode sal = created(rup.postJson(base + "/sal", Map.of("data", "2026-09-10", "statoFinale", true)));
        assertThat(sal.get("progressivo").get("netto").decimalValue()).isEqualByComparingTo("373000.00");
        assertThat(rup.postJson(base + "/sal", Map.of("data", "2026-09-10")).statusCode()).isEqualTo(409);
        // Certificate: withholding 1,865.00; 373,000.00 − 1,865.00 = 371,135.00.
        JsonNode certificate = created(rup.postJson(base + "/sal/1/certificate", Map.of("dataEmissione", "2026-09-10")));
        assertThat(certificate.get("importi").get("importo").decimalValue()).isEqualByComparingTo("371135.00");

        // Final account: withholdings 1,865.00 less penalties 1,124.38 = 740.62 still due.
        JsonNode account = Http.json(rup.get(base + "/final-account"));
        assertThat(account.get("ritenuteDaSvincolare").decimalValue()).isEqualByComparingTo("1865.00");
        assertThat(account.get("creditoResiduo").decimalValue()).isEqualByComparingTo("740.62");

        // The balance waits for the collaudo.
        assertThat(rup.postJson(base + "/final-account/balance", Map.of("dataEmissione", "2026-09-10")).statusCode()).isEqualTo(409);
        at("2026-11-20");
        Map<String, Object> collaudo = new HashMap<>();
        collaudo.put("modoCollaudo", Map.of("idTipologica", "modoCollaudo", "codice", "1"));
        collaudo.put("dataNomina", "2026-09-15");
        collaudo.put("dataInizio", "2026-11-05");
        collaudo.put("dataRedazioneCertificato", "2026-11-20");
        collaudo.put("esito", "POSITIVO");
        collaudo.put("numeroTotaleRiserve", 0);
        collaudo.put("quadroEconomicoStandard", Map.of("impLavori", 358000, "impTotaleSicurezza", 15000, "sommeADisposizione", 0));
        HttpResponse<String> cl1 = rup.postJson("/api/v1/contracts/" + contract + "/events", Map.of("type", "CL1", "data",
                Map.of("collaudo", collaudo)));
        assertThat(cl1.statusCode()).as(cl1.body()).isEqualTo(201);
        JsonNode balance = created(rup.postJson(base + "/final-account/balance", Map.of("dataEmissione", "2026-11-20")));
        assertThat(balance.get("tipo").asString()).isEqualTo("SALDO");
        assertThat(balance.get("importi").get("importo").decimalValue()).isEqualByComparingTo("740.62");
        assertThat(balance.get("penali").decimalValue()).isEqualByComparingTo("1124.38");
        assertThat(rup.postJson(base + "/final-account/balance", Map.of("dataEmissione", "2026-11-20")).statusCode()).isEqualTo(409);
    }

    @Test
    void malformedInputGetsAProblemAndWritesNothing() {
        long scavo = item("A.01", "12.50", true);
        at("2026-04-30");
        HttpResponse<String> badDate = rup.postJson(base + "/measurements", Map.of("voce", scavo, "data", "31/04/2026", "quantita", "5"));
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        HttpResponse<String> both = rup.postJson(base + "/measurements", Map.of("voce", scavo, "data", "2026-04-01", "quantita", "5",
                "lunghezza", "2"));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("non entrambe");
        HttpResponse<String> badItem = rup.postJson(base + "/items", Map.of("codice", "A.01", "descrizione", "Doppione", "unitaMisura", "m",
                "prezzoUnitario", "-1"));
        assertThat(badItem.statusCode()).isEqualTo(400);
        assertThat(badItem.body()).contains("non può essere negativo").contains("già nell'elenco").doesNotContain("Exception");
        assertThat(Http.json(rup.get(base + "/measurements")).size()).isZero();
        assertThat(Http.json(rup.get(base + "/items")).size()).isEqualTo(1);
        // A certificate the SA1 would refuse (no SAL yet) leaves nothing behind.
        assertThat(rup.postJson(base + "/sal/1/certificate", Map.of("dataEmissione", "2026-04-30")).statusCode()).isEqualTo(404);
    }
}
