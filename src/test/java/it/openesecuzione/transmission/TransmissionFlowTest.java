package it.openesecuzione.transmission;

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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The schede of a contract delivered to the local PCP simulator (with ANAC's schemas and DMN
 * rules): created, confirmed in order, the idContratto of the SC1 stored and used by the later
 * schede, the idScheda of the SO1 put into the RI1; a rejection with ANAC's codes holds the
 * contract's queue; faults (429, 500, dropped connections) delay but never duplicate a scheda.
 */
@IntegrationTest
class TransmissionFlowTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    TransmissionDelivery delivery;

    @Autowired
    TestClock clock;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    /** A query with every row visible, as the delivery sees them. */
    private <T> T system(java.util.function.Supplier<T> query) {
        return SystemScope.call(() -> new org.springframework.transaction.support.TransactionTemplate(transactionManager)
                .execute(status -> query.get()));
    }

    Http rup;
    Http admin;

    @BeforeEach
    void users() {
        rup = Http.basic(port, "genova.rup");
        admin = Http.basic(port, "admin.piattaforma");
    }

    @AfterEach
    void reset() {
        clock.reset();
        Http.anonymous(port).delete("/pcp-sim/_control/faults");
    }

    private long contract(String oggetto) {
        Map<String, Object> body = new HashMap<>(Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(), oggetto));
        body.put("idAppalto", UUID.randomUUID().toString());
        return Http.json(rup.postJson("/api/v1/contracts", body)).get("id").asLong();
    }

    private JsonNode record(long contract, Map<String, Object> event) {
        HttpResponse<String> response = rup.postJson("/api/v1/contracts/" + contract + "/events", event);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private JsonNode schede(long contract) {
        return Http.json(rup.get("/api/v1/contracts/" + contract + "/schede"));
    }

    private List<String> states(long contract) {
        return schede(contract).valueStream().map(s -> s.path("trasmissione").path("stato").asString()).toList();
    }

    /** Delivery rounds, the clock moving on, until nothing is due or the rounds run out. */
    private void deliver(int rounds) {
        for (int i = 0; i < rounds; i++) {
            delivery.deliverDue();
            clock.set(clock.instant().plus(Duration.ofSeconds(2)));
        }
    }

    @Test
    void theSchedeAreConfirmedInOrderWithPcpsIdentifiers() {
        long contract = contract("Manutenzione del ponte di via Cantore");
        record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        record(contract, ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));
        record(contract, Map.of("type", "SO1", "data", Map.of("sospensione", Map.of("sospensioneParziale", false,
                "dataVerbaleSospensione", "2026-04-10", "motivoSospensione", Map.of("idTipologica", "motivoSospensione", "codice", "6")))));
        record(contract, Map.of("type", "RI1", "data", Map.of("sospensione", Map.of("dataVerbaleRipresa", "2026-04-20",
                "riserve", false, "verbaleNonSottoscritto", false))));
        assertThat(states(contract)).containsOnly("IN_CODA");

        deliver(12);

        assertThat(states(contract)).containsOnly("CONFERMATA");
        JsonNode schede = schede(contract);
        // PCP's idContratto, assigned confirming the SC1, is now the contract's.
        String idContratto = Http.json(rup.get("/api/v1/contracts/" + contract)).findValue("idContratto").asString();
        assertThat(idContratto).isNotBlank();
        // What PCP received: the I1 with the idContratto, the RI1 with the SO1's idScheda.
        Map<String, Object> i1 = sent(contract, 2);
        assertThat(anacForm(i1)).containsEntry("idContratto", idContratto);
        Map<String, Object> ri1 = sent(contract, 4);
        assertThat(anacForm(ri1)).containsEntry("idScheda", schede.get(2).path("trasmissione").path("idScheda").asString());

        // PCP's own view agrees: the contract in execution, four confirmed schede, the RI1 as sent.
        JsonNode onPcp = Http.json(rup.get("/api/v1/transmissions/contracts/" + contract + "/pcp"));
        assertThat(onPcp.path("statoContratto").asString()).isEqualTo("IN_ESEC");
        assertThat(onPcp.path("schede").valueStream().map(s -> s.path("codice").asString() + ":" + s.path("stato").asString()))
                .containsExactlyInAnyOrder("SC1:CONF", "I1:CONF", "SO1:CONF", "RI1:CONF");
        JsonNode ri1OnPcp = Http.json(rup.get("/api/v1/transmissions/" + schede.get(3).path("trasmissione").path("transmissionId")
                .asLong() + "/pcp"));
        assertThat(ri1OnPcp.path("body").path("anacForm").path("idScheda").asString())
                .isEqualTo(schede.get(2).path("trasmissione").path("idScheda").asString());

        // Each scheda reached PCP in the name of the user who recorded its event, with that login: here the
        // RUP's local account, a platform credential of level 3 (SpidOidcIntegrationTest: a SPID/CIE login).
        String idAppalto = Http.json(rup.get("/api/v1/contracts/" + contract)).findValue("idAppalto").asString();
        List<String> creators = system(() -> jdbc.sql("select created_by::text from pcpsim_scheda where id_appalto = ?")
                .param(UUID.fromString(idAppalto)).query(String.class).list());
        assertThat(creators).hasSize(4).allSatisfy(creator -> assertThat(Http.JSON.readTree(creator).properties())
                .extracting(Map.Entry::getKey, entry -> entry.getValue().asString())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("userCodiceFiscale", "RSSMRA75C12D969M"),
                        org.assertj.core.groups.Tuple.tuple("userRole", "RP"), org.assertj.core.groups.Tuple.tuple("userLoa", "3"),
                        org.assertj.core.groups.Tuple.tuple("userIdpType", "CUSTOM")));

        List<String> calls = SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action)
                .filter(action -> action.startsWith("PCP_")).toList();
        assertThat(calls).containsSubsequence("PCP_CREA_SCHEDA", "PCP_CONFERMA_SCHEDA", "PCP_SCHEDA_CONFERMATA");
        assertThat(calls.stream().filter("PCP_SCHEDA_CONFERMATA"::equals)).hasSize(4);
        // The reads of PCP's view, on demand, are in the trail too: who asked, and what PCP answered.
        List<AuditEntry> reads = SystemScope.call(() -> audit.forContract(contract)).stream()
                .filter(entry -> List.of("PCP_STATO_CONTRATTO", "PCP_CONSULTA_SCHEDA").contains(entry.action())
                        || "consultazione".equals(entry.summary().get("richiesta")))
                .toList();
        assertThat(reads).extracting(AuditEntry::action)
                .containsExactly("PCP_STATO_CONTRATTO", "PCP_RICERCA_SCHEDA", "PCP_CONSULTA_SCHEDA");
        assertThat(reads).allSatisfy(entry -> assertThat(entry.actorCodiceFiscale()).isEqualTo("RSSMRA75C12D969M"));
        assertThat(reads.get(0).summary()).containsEntry("idContratto", idContratto).containsEntry("stato", "IN_ESEC");
        assertThat(reads.get(1).summary()).containsEntry("trovate", "4");
        assertThat(reads.get(2).summary()).containsEntry("codice", "RI1")
                .containsEntry("idScheda", schede.get(3).path("trasmissione").path("idScheda").asString());
    }

    /** The background delivery's way (DeliveryScheduler): rows claimed as workers free up, not round by round. */
    @Test
    void theBackgroundDeliveryKeepsTheWorkersBusyAndStillDeliversInOrderOnce() throws InterruptedException {
        List<Long> contracts = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long contract = contract("Manutenzione stradale, lotto " + (i + 1));
            record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
            record(contract, ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                    "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));
            record(contract, Map.of("type", "SO1", "data", Map.of("sospensione", Map.of("sospensioneParziale", false,
                    "dataVerbaleSospensione", "2026-04-10", "motivoSospensione", Map.of("idTipologica", "motivoSospensione", "codice", "6")))));
            contracts.add(contract);
        }

        for (int i = 0; i < 60 && !contracts.stream().allMatch(c -> states(c).stream().allMatch("CONFERMATA"::equals)); i++) {
            delivery.deliverAvailable();
            Thread.sleep(100);
            clock.set(clock.instant().plus(Duration.ofSeconds(2)));
        }

        for (long contract : contracts) {
            // All confirmed: PCP refuses a scheda out of order (ERR2), so they went in order, and once each.
            assertThat(states(contract)).containsExactly("CONFERMATA", "CONFERMATA", "CONFERMATA");
            assertThat(SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action)
                    .filter("PCP_CREA_SCHEDA"::equals)).hasSize(3);
        }
    }

    @Test
    void aFailedReadOfPcpsViewIsAuditedAndExplained() {
        long contract = contract("Illuminazione del parco di villa Croce");
        record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        deliver(6);
        Http.anonymous(port).postJson("/pcp-sim/_control/faults", Map.of("rate500", 1.0));

        HttpResponse<String> failed = rup.get("/api/v1/transmissions/contracts/" + contract + "/pcp");

        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(502);
        assertThat(Http.json(failed).path("title").asString()).isEqualTo("PCP non disponibile");
        AuditEntry read = SystemScope.call(() -> audit.forContract(contract)).stream()
                .filter(entry -> "PCP_STATO_CONTRATTO".equals(entry.action())).findFirst().orElseThrow();
        assertThat(read.summary()).containsKey("errore").doesNotContainKey("stato");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> sent(long contract, int seq) {
        String payload = system(() -> jdbc.sql("select payload::text from transmission where contract_id = ? and seq = ?")
                .params(contract, seq).query(String.class).single());
        return tools.jackson.databind.json.JsonMapper.builder().build().readValue(payload, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> anacForm(Map<String, Object> scheda) {
        return (Map<String, Object>) ((Map<String, Object>) scheda.get("body")).get("anacForm");
    }

    @Test
    void aRejectionShowsAnacsCodesAndHoldsTheContractsQueue() {
        long contract = contract("Sistemazione idraulica del rio Torbido");
        record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        record(contract, ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));
        // An advance payment, whose certificate date is then lost (as from an older platform's
        // data): the platform's own checks are bypassed, and PCP's DMN rule REG64 refuses it.
        record(contract, Map.of("type", "SA1", "data", Map.of("avanzamento", Map.of("denominazioneAvanzamento", "Anticipazione",
                "modalitaPagamento", Map.of("idTipologica", "modalitaPagamento", "codice", "1"), "dataAvanzamento", "2026-03-10",
                "impSal", 0, "avanzamento", Map.of("idTipologica", "avanzamento", "codice", "9"), "impAnticipazione", 89950,
                "dataCertificatoAnticipazione", "2026-03-10"))));
        system(() -> jdbc.sql("update execution_event set anac_form = anac_form #- '{avanzamento,dataCertificatoAnticipazione}' "
                + "where contract_id = ? and seq = 3").param(contract).update());
        record(contract, Map.of("type", "SO1", "data", Map.of("sospensione", Map.of("sospensioneParziale", false,
                "dataVerbaleSospensione", "2026-06-10", "motivoSospensione", Map.of("idTipologica", "motivoSospensione", "codice", "6")))));

        deliver(12);

        assertThat(states(contract)).as(() -> rup.get("/api/v1/transmissions/status").body())
                .containsExactly("CONFERMATA", "CONFERMATA", "RIFIUTATA", "IN_CODA");
        JsonNode rejected = schede(contract).get(2);
        assertThat(rejected.path("errori").findValuesAsString("codice")).contains("REG64");
        assertThat(rejected.path("errori").get(0).path("testo").asString()).isNotBlank();

        JsonNode queue = Http.json(rup.get("/api/v1/transmissions/status"));
        assertThat(queue.path("problems").valueStream().map(p -> p.path("contractId").asLong())).contains(contract);
        assertThat(Http.browser(port, "genova.rup").get("/trasmissioni").body()).contains("Trasmissioni ad ANAC").contains("REG64");

        // Created on PCP and refused at its confirmation: the RUP may confirm it again (after
        // correcting it; here PCP refuses it again).
        long id = rejected.path("trasmissione").path("transmissionId").asLong();
        HttpResponse<String> resent = rup.postJson("/api/v1/transmissions/" + id + "/resend", Map.of());
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
        assertThat(Http.json(resent).path("stato").asString()).isEqualTo("CREATA");
        assertThat(Http.basic(port, "savona.rup").postJson("/api/v1/transmissions/" + id + "/resend", Map.of()).statusCode())
                .isIn(403, 404);

        // The works director corrects the event: PCP's draft is replaced (modifica-scheda) in her name
        // and confirmed, and the contract's queue moves on.
        HttpResponse<String> corrected = Http.basic(port, "genova.dl").putJson("/api/v1/contracts/" + contract + "/events/3", Map.of("type", "SA1", "data",
                Map.of("avanzamento", Map.of("denominazioneAvanzamento", "Anticipazione",
                        "modalitaPagamento", Map.of("idTipologica", "modalitaPagamento", "codice", "1"), "dataAvanzamento", "2026-03-10",
                        "impSal", 0, "avanzamento", Map.of("idTipologica", "avanzamento", "codice", "9"), "impAnticipazione", 89950,
                        "dataCertificatoAnticipazione", "2026-03-12"))), null);
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        deliver(10);
        assertThat(states(contract)).containsOnly("CONFERMATA");
        assertThat(anacForm(sent(contract, 3))).extractingByKey("avanzamento").asString().contains("2026-03-12");
        List<String> calls = SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action).toList();
        assertThat(calls).contains("EVENTO_CORRETTO", "PCP_MODIFICA_SCHEDA");
        UUID idScheda = UUID.fromString(rejected.path("trasmissione").path("idScheda").asString());
        Map<String, Object> who = system(() -> jdbc.sql("select created_by::text as c, modified_by::text as m from pcpsim_scheda where id_scheda = ?")
                .param(idScheda).query().singleRow());
        assertThat(Http.JSON.readTree((String) who.get("c")).path("userCodiceFiscale").asString()).isEqualTo("RSSMRA75C12D969M");
        JsonNode modifier = Http.JSON.readTree((String) who.get("m"));
        assertThat(modifier.path("userCodiceFiscale").asString()).isEqualTo("BNCLRA80A41D969I");
        assertThat(modifier.path("userRole").asString()).isEqualTo("DRP");
        assertThat(modifier.path("userLoa").asString()).isEqualTo("3");
        assertThat(modifier.path("userIdpType").asString()).isEqualTo("CUSTOM");

        // A confirmed scheda is not corrected.
        HttpResponse<String> late = rup.putJson("/api/v1/contracts/" + contract + "/events/3", Map.of("type", "SA1", "data",
                Map.of("avanzamento", Map.of("denominazioneAvanzamento", "Anticipazione",
                        "modalitaPagamento", Map.of("idTipologica", "modalitaPagamento", "codice", "1"), "dataAvanzamento", "2026-03-10",
                        "impSal", 0, "avanzamento", Map.of("idTipologica", "avanzamento", "codice", "9"), "impAnticipazione", 89950,
                        "dataCertificatoAnticipazione", "2026-03-13"))), null);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(anacForm(sent(contract, 3))).extractingByKey("avanzamento").asString().contains("2026-03-12");
    }

    @Test
    void faultsDelayButNeverDuplicateOrReorder() {
        List<Long> contracts = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long contract = contract("Manutenzione stradale lotto " + i);
            record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
            record(contract, ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                    "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));
            contracts.add(contract);
        }
        HttpResponse<String> faults = Http.anonymous(port).postJson("/pcp-sim/_control/faults",
                Map.of("rate429", 0.25, "retryAfterSeconds", 1, "rate500", 0.25, "dropRate", 0.15, "delayMs", 0));
        assertThat(faults.statusCode()).as(faults.body()).isBetween(200, 204);

        deliver(15);
        Http.anonymous(port).delete("/pcp-sim/_control/faults");
        // Backoffs reach minutes after many failures: the clock moves past them.
        for (int i = 0; i < 15; i++) {
            delivery.deliverDue();
            clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        }

        for (long contract : contracts) {
            assertThat(states(contract)).containsOnly("CONFERMATA");
            UUID idAppalto = UUID.fromString(Http.json(rup.get("/api/v1/contracts/" + contract)).findValue("idAppalto").asString());
            // On PCP: exactly one confirmed SC1 and one confirmed I1, nothing left in progress.
            List<String> onPcp = system(() -> jdbc.sql("select codice || ':' || stato from pcpsim_scheda where id_appalto = ? "
                    + "order by codice").param(idAppalto).query(String.class).list());
            assertThat(onPcp.stream().filter(s -> s.endsWith(":CONF"))).containsExactly("I1:CONF", "SC1:CONF");
            assertThat(onPcp.stream().filter(s -> s.endsWith(":IN_LAV"))).isEmpty();
        }
    }

    private long contract(Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                "Contratto " + UUID.randomUUID()));
        body.put("idAppalto", UUID.randomUUID().toString());
        body.putAll(changes);
        HttpResponse<String> created = rup.postJson("/api/v1/contracts", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).get("id").asLong();
    }

    private static Map<String, Object> handover() {
        return ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02"));
    }

    private static Map<String, Object> modification(String framework, Map<String, Object> amounts) {
        return Map.of("modificaContrattuale", Map.of(framework, amounts, "dataApprovazione", "2026-05-20",
                "datiBaseModificaContrattuale", Map.of("motiviModifica", "mod-nons", "causaModifica", "Lavorazioni aggiuntive minori")));
    }

    /** The schede the realistic contract does not use, each accepted by PCP (the simulator). */
    @Test
    void everyOtherSchedaTypeIsAccepted() {
        // S4 before the signing, then AC1 and IR1.
        long works = contract(Map.of());
        record(works, Map.of("type", "S4", "dataEvento", "2026-02-01", "data", Map.of("partecipante", Map.of(
                "codiceFiscale", "01234567897", "denominazione", "Edilnord Costruzioni spa", "ruoloOE", "14", "tipoOE", "1",
                "idPartecipante", "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "paeseOperatoreEconomico", "ITA", "avvalimento", false),
                "motivoVariazione", "2")));
        record(works, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        record(works, handover());
        record(works, Map.of("type", "AC1", "data", Map.of("accordoBonario", Map.of("dataAccordo", "2026-06-15",
                "oneriDerivanti", 30000, "numeroRiserve", 3))));
        record(works, Map.of("type", "IR1", "data", Map.of("ritardo", Map.of("dataTermine", "2026-03-27",
                "tipoComunicazione", Map.of("idTipologica", "tipoComunicazione", "codice", "R"), "dataIstanzaRecesso", "2026-04-01",
                "istanzaAccolta", false, "istanzaTardiva", true, "istanzaRipresa", false, "istanzaRiserva", false, "impSpese", 0))));

        // A below-threshold concession: M2_40.
        long concession = contract(Map.of("concessione", true));
        record(concession, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        record(concession, Map.of("type", "M2_40", "data", modification("quadroEconomicoConcessioniRideterminato",
                Map.of("impLavori", 460000, "entrateUtenza", 1200000))));

        // A direct award under 5,000 euro: CO2 alone.
        long direct = contract(Map.of("procedura", "AFFIDAMENTO_DIRETTO", "importoBaseGara", 4500.00, "ribasso", 0,
                "importoContrattuale", 4200.00, "oneriSicurezza", 200.00, "durataGiorni", 30));
        record(direct, Map.of("type", "CO2", "data", Map.of("conclusione", Map.of("dataInizio", "2026-05-04",
                "dataUltimazione", "2026-05-20", "importo", 4200))));

        // Above the threshold, a contract and a concession: M1 and M1_40 with their eForm, once
        // PCP assigned the idContratto the eForm names.
        long above = contract(Map.of("sopraSoglia", true, "procedura", "APERTA", "importoBaseGara", 6500000.00,
                "importoContrattuale", 6000000.00));
        long aboveConcession = contract(Map.of("sopraSoglia", true, "concessione", true, "procedura", "APERTA",
                "importoBaseGara", 6500000.00, "importoContrattuale", 6000000.00));
        record(above, ExecutionApiTest.signing("2026-02-10", "2027-08-31", 1000));
        record(aboveConcession, ExecutionApiTest.signing("2026-02-10", "2027-08-31", 1000));
        deliver(10);
        record(above, Map.of("type", "M1", "data", modification("quadroEconomicoStandardRideterminato",
                Map.of("impLavori", 6100000, "impServizi", 0, "impForniture", 0, "impTotaleSicurezza", 150000))));
        record(aboveConcession, Map.of("type", "M1_40", "data", modification("quadroEconomicoConcessioniRideterminato",
                Map.of("impLavori", 6100000))));

        deliver(15);

        for (long contract : List.of(works, concession, direct, above, aboveConcession)) {
            assertThat(states(contract)).as(() -> rup.get("/api/v1/transmissions/status").body()).containsOnly("CONFERMATA");
        }
        // The M1 reached PCP with its eForm.
        assertThat(((Map<?, ?>) sent(above, 2).get("body")).get("eform")).isNotNull();
    }

    @Test
    void aConfirmedConclusionIsAnnulledWithAnacsReasonAndTheContractGoesBack() {
        long contract = contract("Rifacimento dei marciapiedi di corso Italia");
        record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        record(contract, handover());
        record(contract, Map.of("type", "CO1", "data", Map.of("conclusione", Map.of("dataUltimazione", "2026-08-20",
                "numeroInfortuni", 0))));
        deliver(12);
        assertThat(states(contract)).containsOnly("CONFERMATA");
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract)).findValue("stato").asString()).isEqualTo("CONCL");
        long i1 = schede(contract).get(1).path("trasmissione").path("transmissionId").asLong();
        long co1 = schede(contract).get(2).path("trasmissione").path("transmissionId").asLong();

        // Only CO1 and CO2 may be annulled, and only with ANAC's reasons.
        assertThat(rup.postJson("/api/v1/transmissions/" + i1 + "/rollback", Map.of("motivazione", "2")).statusCode()).isEqualTo(400);
        assertThat(rup.postJson("/api/v1/transmissions/" + co1 + "/rollback", Map.of("motivazione", "9")).statusCode()).isEqualTo(400);
        assertThat(Http.basic(port, "savona.rup").postJson("/api/v1/transmissions/" + co1 + "/rollback", Map.of("motivazione", "2"))
                .statusCode()).isIn(403, 404);

        HttpResponse<String> requested = rup.postJson("/api/v1/transmissions/" + co1 + "/rollback", Map.of("motivazione", "2"));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        assertThat(Http.json(requested).path("stato").asString()).isEqualTo("IN_ANNULLAMENTO");
        deliver(8);

        assertThat(states(contract)).containsExactly("CONFERMATA", "CONFERMATA", "ANNULLATA");
        // The conclusion no longer counts: the contract is in execution again, and may be concluded anew.
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract)).findValue("stato").asString()).isEqualTo("IN_ESEC");
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract + "/events")).get(2).path("annullato").asBoolean()).isTrue();
        record(contract, Map.of("type", "CO1", "data", Map.of("conclusione", Map.of("dataUltimazione", "2026-08-25",
                "numeroInfortuni", 0))));
        deliver(8);
        assertThat(states(contract)).containsExactly("CONFERMATA", "CONFERMATA", "ANNULLATA", "CONFERMATA");
        List<String> onPcp = system(() -> jdbc.sql("select codice || ':' || stato from pcpsim_scheda s join transmission t "
                + "on t.id_scheda = s.id_scheda where t.contract_id = ? order by t.seq").param(contract).query(String.class).list());
        assertThat(onPcp).containsExactly("SC1:CONF", "I1:CONF", "CO1:ANN", "CO1:CONF");
    }

    @Autowired
    PcpClient pcp;

    /**
     * A node sent crea-scheda and died before storing the answer — twice, even: the next attempt
     * finds the schede on PCP (ricerca-scheda), adopts one and deletes the other, so PCP ends with
     * exactly one confirmed SC1.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aLostCreaSchedaAnswerIsReconciledNotDuplicated() {
        long contract = contract("Restauro della fontana di piazza De Ferrari");
        record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        JsonNode contractView = Http.json(rup.get("/api/v1/contracts/" + contract));
        UUID idAppalto = UUID.fromString(contractView.findValue("idAppalto").asString());
        var authority = directory.find(contractView.findValue("authorityId").asLong()).orElseThrow();
        PcpCall call = new PcpCall(idAppalto, authority.codiceAusa(), authority.codiceFiscale().value(),
                directory.findByUsername("genova.rup").orElseThrow().codiceFiscale(), "RP",
                it.openesecuzione.identity.IdentityAssurance.PLATFORM_ACCOUNT, "test-" + contract);
        Map<String, Object> scheda = tools.jackson.databind.json.JsonMapper.builder().build()
                .convertValue(schede(contract).get(0).path("payload").path("scheda"), Map.class);
        UUID first = pcp.creaScheda(call, scheda);
        UUID second = pcp.creaScheda(call, scheda);
        system(() -> jdbc.sql("update transmission set create_started_at = ?, id_appalto = ? where contract_id = ? and seq = 1")
                .params(java.sql.Timestamp.from(clock.instant().minusSeconds(5)), idAppalto, contract).update());

        deliver(8);

        assertThat(states(contract)).containsExactly("CONFERMATA");
        String adopted = schede(contract).get(0).path("trasmissione").path("idScheda").asString();
        assertThat(adopted).isIn(first.toString(), second.toString());
        List<String> onPcp = system(() -> jdbc.sql("select codice || ':' || stato from pcpsim_scheda where id_appalto = ? order by stato")
                .param(idAppalto).query(String.class).list());
        assertThat(onPcp).containsExactly("SC1:CANC", "SC1:CONF");
        // The reconciliation's calls are in the audit trail too.
        List<String> calls = SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action)
                .filter(action -> action.startsWith("PCP_")).toList();
        assertThat(calls).containsSubsequence("PCP_RICERCA_SCHEDA", "PCP_CANCELLA_SCHEDA", "PCP_CONFERMA_SCHEDA");
    }

    @Autowired
    Transmissions transmissions;

    @Autowired
    it.openesecuzione.execution.ExecutionLog executions;

    @Autowired
    it.openesecuzione.contracts.ContractRegistry contracts;

    @Autowired
    org.springframework.context.ApplicationEventPublisher publisher;

    @Autowired
    DeliveryProperties properties;

    /**
     * Two nodes deliver the same outbox at once: each scheda is claimed by one of them at a time,
     * created once, and confirmed in its contract's order.
     */
    @Test
    void twoNodesDeliverTheSameQueueWithoutDuplicates() throws Exception {
        TransmissionDelivery other = node(pcp, properties);
        List<Long> signed = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long contract = contract("Manutenzione del verde, zona " + i);
            record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
            record(contract, handover());
            signed.add(contract);
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                var a = pool.submit(delivery::deliverDue);
                var b = pool.submit(other::deliverDue);
                a.get();
                b.get();
                clock.set(clock.instant().plus(Duration.ofSeconds(2)));
            }
        } finally {
            pool.shutdownNow();
            other.destroy();
        }
        for (long contract : signed) {
            assertThat(states(contract)).containsOnly("CONFERMATA");
            UUID idAppalto = UUID.fromString(Http.json(rup.get("/api/v1/contracts/" + contract)).findValue("idAppalto").asString());
            assertThat(system(() -> jdbc.sql("select codice || ':' || stato from pcpsim_scheda where id_appalto = ? order by codice")
                    .param(idAppalto).query(String.class).list())).containsExactly("I1:CONF", "SC1:CONF");
        }
    }

    /**
     * PCP took a conferma-scheda but its acknowledgement was never stored (the node was killed, or the
     * database went away, right after the call): the row is still CREATA and the next attempt confirms
     * again, which PCP refuses (ERR58, the scheda is already CONF). The delivery recognises its own
     * confirmation in esito-operazione and waits for its outcome instead of marking the scheda refused.
     */
    @Test
    void aConfirmationWhoseAcknowledgementWasLostIsNotRefused() {
        long contract = contract("Consolidamento del muro di via Fereggiano");
        record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        delivery.deliverDue();
        assertThat(states(contract)).containsExactly("IN_CONFERMA");
        system(() -> jdbc.sql("update transmission set state = 'CREATA' where contract_id = ? and seq = 1").param(contract).update());

        deliver(4);

        assertThat(states(contract)).containsExactly("CONFERMATA");
        UUID idAppalto = UUID.fromString(Http.json(rup.get("/api/v1/contracts/" + contract)).findValue("idAppalto").asString());
        assertThat(system(() -> jdbc.sql("select codice || ':' || stato from pcpsim_scheda where id_appalto = ?")
                .param(idAppalto).query(String.class).list())).containsExactly("SC1:CONF");
        assertThat(SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action)
                .filter("PCP_SCHEDA_CONFERMATA"::equals)).hasSize(1);
    }

    /**
     * After a 429 the node claims nothing until PCP's Retry-After has passed, instead of leasing the
     * due rows round after round only to have each call refused before it leaves the node.
     */
    @Test
    void aThrottledNodeClaimsNothingUntilRetryAfter() {
        // Later than the clock the next test starts from, so that the pause does not outlive this test.
        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        long first = contract("Pulizia delle caditoie di Marassi");
        record(first, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        HttpResponse<String> faults = Http.anonymous(port).postJson("/pcp-sim/_control/faults",
                Map.of("rate429", 1.0, "retryAfterSeconds", 5, "rate500", 0, "dropRate", 0, "delayMs", 0));
        assertThat(faults.statusCode()).as(faults.body()).isBetween(200, 204);
        delivery.deliverDue();
        Http.anonymous(port).delete("/pcp-sim/_control/faults");
        long second = contract("Pulizia delle caditoie di Staglieno");
        record(second, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));

        clock.set(clock.instant().plus(Duration.ofSeconds(2)));
        assertThat(delivery.deliverDue()).as("rounds during the pause").isZero();
        assertThat(states(second)).containsExactly("IN_CODA");

        clock.set(clock.instant().plus(Duration.ofSeconds(4)));
        deliver(4);
        assertThat(states(first)).containsExactly("CONFERMATA");
        assertThat(states(second)).containsExactly("CONFERMATA");
    }

    /**
     * Rows handed to the workers before a 429 reached the node find it paused: their calls never leave
     * the node, so they are rescheduled for when the pause ends, without an attempt or an audit entry
     * (there is no PCP answer to record). A real 429 is audited.
     */
    @Test
    void aCallHeldBackByThePauseIsRescheduledWithoutAuditWhileARealRefusalIsAudited() {
        clock.set(clock.instant().plus(Duration.ofMinutes(3)));
        PcpClient heldBack = beforeCreation(() -> {
            throw new PcpException.Throttled(Duration.ofSeconds(3), true);
        });
        TransmissionDelivery node = node(heldBack, properties);
        try {
            long contract = contract("Sfalcio delle aiuole di Nervi");
            record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));

            node.deliverDue();

            Transmission row = system(() -> transmissions.forContract(contract)).get(0);
            assertThat(row.state()).isEqualTo(TransmissionState.IN_CODA);
            assertThat(row.attempts()).isZero();
            assertThat(row.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofSeconds(3)));
            assertThat(SystemScope.call(() -> audit.forContract(contract))).extracting(AuditEntry::action)
                    .noneMatch(action -> action.startsWith("PCP_"));

            // PCP itself answers 429: that answer is in the trail.
            Http.anonymous(port).postJson("/pcp-sim/_control/faults",
                    Map.of("rate429", 1.0, "retryAfterSeconds", 1, "rate500", 0, "dropRate", 0, "delayMs", 0));
            clock.set(clock.instant().plus(Duration.ofSeconds(4)));
            delivery.deliverDue();
            assertThat(SystemScope.call(() -> audit.forContract(contract))).extracting(AuditEntry::action)
                    .contains("PCP_RINVIO_RICHIESTO");
        } finally {
            node.destroy();
            Http.anonymous(port).delete("/pcp-sim/_control/faults");
            // Past the pause this 429 started, for the tests that follow.
            clock.set(clock.instant().plus(Duration.ofSeconds(5)));
        }
    }

    /**
     * A row whose lease runs out while this node still serves it (a slow call) is claimed again by the
     * same node: it is not served a second time, so the scheda is not created twice on PCP.
     */
    @Test
    void aRowReclaimedWhileThisNodeStillServesItIsNotServedTwice() throws Exception {
        clock.set(clock.instant().plus(Duration.ofMinutes(4)));
        java.util.concurrent.CountDownLatch slow = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger creations = new java.util.concurrent.atomic.AtomicInteger();
        PcpClient slowPcp = beforeCreation(() -> {
            creations.incrementAndGet();
            slow.await(20, java.util.concurrent.TimeUnit.SECONDS);
        });
        DeliveryProperties shortLease = new DeliveryProperties(false, Duration.ofMillis(50), 10, 2, Duration.ofSeconds(2),
                null, null, null, null);
        TransmissionDelivery node = node(slowPcp, shortLease);
        try {
            long contract = contract("Potatura dei platani di corso Italia");
            record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));

            node.deliverAvailable();
            for (int i = 0; i < 100 && creations.get() == 0; i++) {
                Thread.sleep(50);
            }
            clock.set(clock.instant().plus(Duration.ofSeconds(3)));
            node.deliverAvailable();
            slow.countDown();
            for (int i = 0; i < 20 && !states(contract).equals(List.of("CONFERMATA")); i++) {
                Thread.sleep(200);
                clock.set(clock.instant().plus(Duration.ofSeconds(1)));
                node.deliverAvailable();
            }

            assertThat(states(contract)).containsExactly("CONFERMATA");
            assertThat(creations.get()).isEqualTo(1);
            String idAppalto = Http.json(rup.get("/api/v1/contracts/" + contract)).findValue("idAppalto").asString();
            assertThat(onPcp(UUID.fromString(idAppalto))).containsExactly("SC1:CONF");
        } finally {
            slow.countDown();
            node.destroy();
        }
    }

    /** Another delivery node on this context's database, calling PCP through {@code client}. */
    private TransmissionDelivery node(PcpClient client, DeliveryProperties settings) {
        return new TransmissionDelivery(transmissions, client, executions, contracts, directory, publisher, transactionManager,
                settings, clock);
    }

    /** What a test does before each crea-scheda: wait, count, or throw instead. */
    private interface BeforeCreation {
        void run() throws Exception;
    }

    /** The context's PCP client, with {@code before} run ahead of every crea-scheda. */
    private PcpClient beforeCreation(BeforeCreation before) {
        return (PcpClient) java.lang.reflect.Proxy.newProxyInstance(PcpClient.class.getClassLoader(),
                new Class<?>[] {PcpClient.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("creaScheda")) {
                        before.run();
                    }
                    try {
                        return method.invoke(pcp, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Who calls PCP about a contract's schede, as the delivery does. */
    private PcpCall callFor(long contract) {
        JsonNode contractView = Http.json(rup.get("/api/v1/contracts/" + contract));
        UUID idAppalto = UUID.fromString(contractView.findValue("idAppalto").asString());
        var authority = directory.find(contractView.findValue("authorityId").asLong()).orElseThrow();
        return new PcpCall(idAppalto, authority.codiceAusa(), authority.codiceFiscale().value(),
                directory.findByUsername("genova.rup").orElseThrow().codiceFiscale(), "RP",
                it.openesecuzione.identity.IdentityAssurance.PLATFORM_ACCOUNT, "test-" + contract);
    }

    private List<String> onPcp(UUID idAppalto) {
        return system(() -> jdbc.sql("select codice || ':' || stato from pcpsim_scheda where id_appalto = ? order by codice, stato")
                .param(idAppalto).query(String.class).list());
    }

    /**
     * PCP confirms one scheda at a time per appalto: while it confirms another scheda of the same
     * appalto (another contract of a multi-lot appalto, another platform), conferma-scheda is refused
     * with ERR60. That is no fault of the scheda: it is confirmed after a backoff, not marked refused.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aConfirmationRefusedWhilePcpConfirmsAnotherSchedaOfTheAppaltoIsRetried() {
        long contract = contract("Illuminazione pubblica di Sampierdarena");
        record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        PcpCall call = callFor(contract);
        Map<String, Object> scheda = tools.jackson.databind.json.JsonMapper.builder().build()
                .convertValue(schede(contract).get(0).path("payload").path("scheda"), Map.class);
        UUID other = pcp.creaScheda(call, scheda);
        pcp.confermaScheda(call, other);

        delivery.deliverDue();

        assertThat(states(contract)).containsExactly("CREATA");
        assertThat(system(() -> jdbc.sql("select last_error from transmission where contract_id = ? and seq = 1").param(contract)
                .query(String.class).single())).contains("ERR60");
        assertThat(schede(contract).get(0).path("errori").isEmpty()).isTrue();

        deliver(6);

        assertThat(states(contract)).containsExactly("CONFERMATA");
        assertThat(onPcp(call.idAppalto())).containsExactly("SC1:CONF", "SC1:CONF");
        List<String> actions = SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action).toList();
        assertThat(actions).contains("PCP_ERRORE", "PCP_SCHEDA_CONFERMATA").doesNotContain("PCP_RIFIUTO");
    }

    /**
     * ricerca-scheda looks for a scheda a crea-scheda may have created without its answer reaching
     * the node: after a 500 (PCP may have failed after creating it), not after a 429 (PCP refused the
     * call before doing anything).
     */
    @Test
    void onlyACreaSchedaThatMayHaveReachedPcpIsLookedForAgain() {
        // Later than the clock the other tests start from, and than aThrottledNodeClaimsNothingUntilRetryAfter's
        // pause, so that no pause after a 429 reaches from one test into another.
        clock.set(clock.instant().plus(Duration.ofMinutes(2)));
        RecordingPcpClient recording = new RecordingPcpClient(pcp);
        TransmissionDelivery node = node(recording, properties);
        try {
            long throttled = contract("Pulizia dei rivi di Sturla");
            record(throttled, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
            deliverFailing(node, Map.of("rate429", 1.0, "retryAfterSeconds", 1, "rate500", 0, "dropRate", 0, "delayMs", 0));
            assertThat(createStarted(throttled)).as("after a 429").isFalse();
            deliver(node, 4);
            assertThat(states(throttled)).containsExactly("CONFERMATA");
            assertThat(recording.operations(callFor(throttled).idAppalto()))
                    .startsWith("crea-scheda", "crea-scheda", "conferma-scheda").doesNotContain("ricerca-scheda");

            long failed = contract("Pulizia dei rivi di Quarto");
            record(failed, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
            deliverFailing(node, Map.of("rate429", 0, "retryAfterSeconds", 1, "rate500", 1.0, "dropRate", 0, "delayMs", 0));
            assertThat(createStarted(failed)).as("after a 500").isTrue();
            deliver(node, 4);
            assertThat(states(failed)).containsExactly("CONFERMATA");
            assertThat(recording.operations(callFor(failed).idAppalto())).startsWith("crea-scheda", "ricerca-scheda", "crea-scheda");
        } finally {
            node.destroy();
        }
    }

    /** A poll that finds the confirmation still under way (WT) is audited too: every call to PCP is. */
    @Test
    void aPollStillWaitingIsAuditedAndPolledAgain() {
        clock.set(clock.instant().plus(Duration.ofMinutes(3)));
        RecordingPcpClient recording = new RecordingPcpClient(pcp);
        recording.pollsStillChecking.set(2);
        TransmissionDelivery node = node(recording, properties);
        try {
            long contract = contract("Manutenzione delle fontanelle di Nervi");
            record(contract, ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
            deliver(node, 6);
            assertThat(states(contract)).containsExactly("CONFERMATA");
            List<String> calls = SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action)
                    .filter(action -> action.startsWith("PCP_")).toList();
            assertThat(calls).containsSubsequence("PCP_CONFERMA_SCHEDA", "PCP_ESITO_IN_ATTESA", "PCP_ESITO_IN_ATTESA",
                    "PCP_SCHEDA_CONFERMATA");
        } finally {
            node.destroy();
        }
    }

    private void deliver(TransmissionDelivery node, int rounds) {
        for (int i = 0; i < rounds; i++) {
            node.deliverDue();
            clock.set(clock.instant().plus(Duration.ofSeconds(2)));
        }
    }

    /** One round while PCP answers with the faults given, then the clock past PCP's pause and the backoff. */
    private void deliverFailing(TransmissionDelivery node, Map<String, Object> faults) {
        HttpResponse<String> set = Http.anonymous(port).postJson("/pcp-sim/_control/faults", faults);
        assertThat(set.statusCode()).as(set.body()).isBetween(200, 204);
        node.deliverDue();
        Http.anonymous(port).delete("/pcp-sim/_control/faults");
        clock.set(clock.instant().plus(Duration.ofSeconds(2)));
    }

    private boolean createStarted(long contract) {
        return system(() -> jdbc.sql("select create_started_at is not null from transmission where contract_id = ? and seq = 1")
                .param(contract).query(Boolean.class).single());
    }

    /** The delivery's PCP client, noting each operation with its appalto. */
    static final class RecordingPcpClient implements PcpClient {

        private record Call(UUID idAppalto, String operation) {
        }

        private final PcpClient pcp;
        private final List<Call> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Polls answered with no outcome yet (WT), as PCP does while it still checks the scheda. */
        private final java.util.concurrent.atomic.AtomicInteger pollsStillChecking = new java.util.concurrent.atomic.AtomicInteger();

        RecordingPcpClient(PcpClient pcp) {
            this.pcp = pcp;
        }

        List<String> operations(UUID idAppalto) {
            return calls.stream().filter(call -> call.idAppalto().equals(idAppalto)).map(Call::operation).toList();
        }

        private void note(PcpCall call, String operation) {
            calls.add(new Call(call.idAppalto(), operation));
        }

        @Override
        public Duration pause() {
            return pcp.pause();
        }

        @Override
        public UUID creaScheda(PcpCall call, Map<String, Object> scheda) {
            note(call, "crea-scheda");
            return pcp.creaScheda(call, scheda);
        }

        @Override
        public void modificaScheda(PcpCall call, UUID idScheda, Map<String, Object> scheda) {
            note(call, "modifica-scheda");
            pcp.modificaScheda(call, idScheda, scheda);
        }

        @Override
        public void confermaScheda(PcpCall call, UUID idScheda) {
            note(call, "conferma-scheda");
            pcp.confermaScheda(call, idScheda);
        }

        @Override
        public List<PcpOutcome> esitiConferma(PcpCall call) {
            note(call, "esito-operazione");
            if (pollsStillChecking.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return List.of();
            }
            return pcp.esitiConferma(call);
        }

        @Override
        public List<UUID> schedeInLavorazione(PcpCall call, String codiceScheda, java.time.Instant createdFrom) {
            note(call, "ricerca-scheda");
            return pcp.schedeInLavorazione(call, codiceScheda, createdFrom);
        }

        @Override
        public void cancellaScheda(PcpCall call, UUID idScheda, String motivo) {
            note(call, "cancella-scheda");
            pcp.cancellaScheda(call, idScheda, motivo);
        }

        @Override
        public void rollbackScheda(PcpCall call, UUID idScheda, String motivazione) {
            note(call, "rollback-scheda");
            pcp.rollbackScheda(call, idScheda, motivazione);
        }

        @Override
        public List<PcpOutcome> esitiRollback(PcpCall call) {
            note(call, "esito-operazione");
            return pcp.esitiRollback(call);
        }

        @Override
        public String statoContratto(PcpCall call, UUID idContratto) {
            note(call, "stato-appalto");
            return pcp.statoContratto(call, idContratto);
        }

        @Override
        public List<PcpScheda> schede(PcpCall call) {
            note(call, "ricerca-scheda");
            return pcp.schede(call);
        }

        @Override
        public Map<String, Object> consultaScheda(PcpCall call, UUID idScheda) {
            note(call, "consulta-scheda");
            return pcp.consultaScheda(call, idScheda);
        }
    }
}
