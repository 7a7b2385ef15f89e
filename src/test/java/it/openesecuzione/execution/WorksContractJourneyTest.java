package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.anac.reference.AnacRules;
import it.openesecuzione.anac.reference.AnacSchemas;
import it.openesecuzione.audit.AuditEntry;
import it.openesecuzione.audit.AuditTrail;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import it.openesecuzione.support.TestClock;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A realistic works contract from signing to acceptance, through the API as the RUP records it,
 * each event on its day: signing, handover, advance payment, three SALs, a suspension longer than
 * a quarter of the time (SQ1), resumption, a modification with extra days, a subcontract
 * (request, authorisation, end), completion and collaudo. At the end every scheda produced passes
 * ANAC's schema and DMN rules (with the identifiers PCP would have assigned filled in), the
 * contract is in state COLL, and each event is in the audit trail. Delivered to the local PCP
 * simulator, every scheda is confirmed.
 *
 * <p>The contract (support/Fixtures): 449,750.00 euro safety costs included, 180 days.
 */
@IntegrationTest
class WorksContractJourneyTest {

    private static final AnacSchemas SCHEMAS = AnacSchemas.fromSharedFolder();
    private static final AnacRules RULES = AnacRules.fromSharedFolder();

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    TestClock clock;

    @Autowired
    AuditTrail audit;

    @Autowired
    it.openesecuzione.transmission.TransmissionDelivery delivery;

    Http rup;
    long contract;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JsonNode record(String day, Map<String, Object> event) {
        clock.set(Instant.parse(day + "T16:00:00Z"));
        HttpResponse<String> response = rup.postJson("/api/v1/contracts/" + contract + "/events", event);
        assertThat(response.statusCode()).as("%s on %s: %s", event.get("type"), day, response.body()).isEqualTo(201);
        return Http.json(response);
    }

    private JsonNode status() {
        return Http.json(rup.get("/api/v1/contracts/" + contract + "/execution"));
    }

    private static Map<String, Object> sal(String date, Object impSal, String timing, Map<String, Object> extra) {
        Map<String, Object> avanzamento = new HashMap<>(Map.of("denominazioneAvanzamento", "SAL al " + date,
                "modalitaPagamento", Map.of("idTipologica", "modalitaPagamento", "codice", "1"), "dataAvanzamento", date,
                "impSal", impSal, "avanzamento", Map.of("idTipologica", "avanzamento", "codice", timing)));
        avanzamento.putAll(extra);
        return Map.of("type", "SA1", "data", Map.of("avanzamento", avanzamento));
    }

    @Test
    void fromSigningToCollaudo() {
        rup = Http.basic(port, "genova.rup");
        Map<String, Object> terms = new HashMap<>(Fixtures.worksContract(directory.findByUsername("genova.rup").orElseThrow().id(),
                "Riqualificazione energetica della scuola Mazzini"));
        // The appalto as PCP knows it from the award phase.
        terms.put("idAppalto", UUID.randomUUID().toString());
        contract = Http.json(rup.postJson("/api/v1/contracts", terms)).get("id").asLong();

        record("2026-02-10", ExecutionApiTest.signing("2026-02-10", "2026-08-31", 44975));
        assertThat(status().get("stato").asString()).isEqualTo("SOTT");

        record("2026-03-02", ExecutionApiTest.handover(Map.of("consegnaFrazionata", false, "consegnaSottoRiserva", false,
                "dataVerbaleConsegnaDefinitiva", "2026-03-02", "dataEffettivoInizio", "2026-03-02")));
        assertThat(status().get("stato").asString()).isEqualTo("IN_ESEC");
        // 180 days from 2 March.
        assertThat(status().get("terminoOriginale").asString()).isEqualTo("2026-08-29");

        // Advance payment: 20% of 449,750.00.
        record("2026-03-10", sal("2026-03-10", 0, "9", Map.of("impAnticipazione", 89950, "dataCertificatoAnticipazione", "2026-03-10")));
        record("2026-05-04", sal("2026-05-04", 120000, "9", Map.of("dataCertificatoMandatoPagamento", "2026-05-08",
                "impCertificatoMandatoPagamento", 95400)));

        // Suspended on 15 May for bad weather; a quarter of 180 days is 45 days, exceeded on 30 June.
        record("2026-05-15", Map.of("type", "SO1", "data", Map.of("sospensione", Map.of("sospensioneParziale", false,
                "dataVerbaleSospensione", "2026-05-15", "motivoSospensione", Map.of("idTipologica", "motivoSospensione", "codice", "6")))));
        clock.set(Instant.parse("2026-07-01T08:00:00Z"));
        JsonNode suspended = status();
        assertThat(suspended.get("sospeso").asBoolean()).isTrue();
        assertThat(suspended.get("sq1Dovuta").asBoolean()).isTrue();
        assertThat(suspended.get("limiteSospensioniSuperato").asString()).isEqualTo("2026-06-30");
        JsonNode sq1 = record("2026-07-01", Map.of("type", "SQ1", "data", Map.of()));
        assertThat(sq1.get("data").get("sospensione").get("dataSuperamento").asString()).isEqualTo("2026-06-30T00:00:00Z");
        assertThat(status().get("sq1Dovuta").asBoolean()).isFalse();

        // Resumed on 20 July: 66 days of suspension move the term from 29 August to 3 November.
        JsonNode resumed = record("2026-07-20", Map.of("type", "RI1", "data", Map.of("sospensione", Map.of(
                "dataVerbaleRipresa", "2026-07-20", "riserve", false, "verbaleNonSottoscritto", false))));
        assertThat(resumed.get("data").get("sospensione").get("superatoTempo").asBoolean()).isTrue();
        assertThat(status().get("giorniSospesi").asLong()).isEqualTo(66);
        assertThat(status().get("terminoAttuale").asString()).isEqualTo("2026-11-03");

        record("2026-08-03", sal("2026-08-03", 250000, "9", Map.of("dataCertificatoMandatoPagamento", "2026-08-07",
                "impCertificatoMandatoPagamento", 104000)));

        // Supplementary works: +25,000 euro and 15 more days (term 18 November).
        JsonNode modified = record("2026-08-05", Map.of("type", "M2", "data",
                ModificationTest.modification("add-wss", "459750", "15000", Map.of("numGiorniProroga", 15))));
        assertThat(modified.get("warnings").get(0).asString()).contains("da 449750.00 a 474750.00");
        assertThat(status().get("terminoAttuale").asString()).isEqualTo("2026-11-18");

        // A subcontract of 40,000 euro: the authority has 15 days and authorises it on the 18th.
        Map<String, Object> request = SubcontractApiTest.request(SubcontractApiTest.ID_OE, "Coperture Liguri srl", 40000, "2026-08-10", null);
        JsonNode rsu1 = record("2026-08-10", request);
        record("2026-08-18", Map.of("type", "ES1", "data", Map.of("subappalto", Map.of("dataAutorizzazione", "2026-08-18"))));
        assertThat(status().get("subappalti").get(0).get("stato").asString()).isEqualTo("AUTORIZZATO");

        record("2026-10-05", sal("2026-10-05", 400000, "9", Map.of("dataCertificatoMandatoPagamento", "2026-10-09",
                "impCertificatoMandatoPagamento", 143000)));
        record("2026-10-10", Map.of("type", "CS1", "riferimento", rsu1.get("seq").asInt(), "data", Map.of("subappalto", Map.of(
                "importoEffettivo", 39500, "dataUltimazione", "2026-10-08"))));

        record("2026-10-30", Map.of("type", "CO1", "data", Map.of("conclusione", Map.of("dataUltimazione", "2026-10-30",
                "numeroInfortuni", 0))));
        assertThat(status().get("stato").asString()).isEqualTo("CONCL");

        Map<String, Object> collaudo = new HashMap<>();
        collaudo.put("modoCollaudo", Map.of("idTipologica", "modoCollaudo", "codice", "1"));
        collaudo.put("dataNomina", "2026-09-15");
        collaudo.put("dataInizio", "2026-11-05");
        collaudo.put("dataRedazioneCertificato", "2026-11-20");
        collaudo.put("esito", "POSITIVO");
        collaudo.put("numeroTotaleRiserve", 0);
        collaudo.put("quadroEconomicoStandard", Map.of("impLavori", 459750, "impTotaleSicurezza", 15000, "sommeADisposizione", 98945));
        record("2026-11-20", Map.of("type", "CL1", "data", Map.of("collaudo", collaudo)));
        assertThat(status().get("stato").asString()).isEqualTo("COLL");

        // Every scheda as PCP will receive it, once the identifiers it assigns are filled in.
        JsonNode schede = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede"));
        assertThat(schede.valueStream().map(s -> s.get("codice").asString())).containsExactly("SC1", "I1", "SA1", "SA1", "SO1", "SQ1", "RI1", "SA1", "M2",
                "RSU1", "ES1", "SA1", "CS1", "CO1", "CL1");
        String idContratto = UUID.randomUUID().toString();
        for (JsonNode scheda : schede) {
            ObjectNode sent = (ObjectNode) scheda.get("payload").get("scheda").deepCopy();
            ObjectNode anacForm = (ObjectNode) sent.get("body").get("anacForm");
            String code = scheda.get("codice").asString();
            switch (code) {
                case "SC1" -> { }
                case "SQ1", "RI1", "ES1", "CS1" -> anacForm.put("idScheda", UUID.randomUUID().toString());
                default -> anacForm.put("idContratto", idContratto);
            }
            List<String> schemaErrors = SCHEMAS.validate(sent);
            if (code.equals("RSU1")) {
                // ANAC's RSU1 model cannot be satisfied: only its five undefined grantor properties.
                assertThat(schemaErrors).as(code).hasSize(5).allMatch(e -> e.contains("conferenteSubappalto"));
            } else {
                assertThat(schemaErrors).as("ANAC schema of %s", code).isEmpty();
            }
            assertThat(SCHEMAS.codeListErrors(sent)).as("code lists of %s", code).isEmpty();
            assertThat(RULES.codes(code, anacForm)).as("ANAC rules of %s", code).isEmpty();
        }

        // Each event is in the contract's audit trail, in order.
        List<String> audited = SystemScope.call(() -> audit.forContract(contract)).stream().map(AuditEntry::action)
                .filter(action -> action.startsWith("EVENTO_")).toList();
        assertThat(audited).containsExactly("EVENTO_SC1", "EVENTO_I1", "EVENTO_SA1", "EVENTO_SA1", "EVENTO_SO1", "EVENTO_SQ1",
                "EVENTO_RI1", "EVENTO_SA1", "EVENTO_M2", "EVENTO_RSU1", "EVENTO_ES1", "EVENTO_SA1", "EVENTO_CS1", "EVENTO_CO1",
                "EVENTO_CL1");

        // Then delivered to PCP (the local simulator, with ANAC's schemas and DMN rules): each one
        // confirmed in order, the idContratto of the SC1 becoming the contract's.
        clock.set(Instant.parse("2026-11-21T08:00:00Z"));
        for (int round = 0; round < 40; round++) {
            delivery.deliverDue();
            clock.set(clock.instant().plusSeconds(2));
        }
        JsonNode delivered = Http.json(rup.get("/api/v1/contracts/" + contract + "/schede"));
        assertThat(delivered.valueStream().map(s -> s.path("trasmissione").path("stato").asString()))
                .as(() -> rup.get("/api/v1/transmissions/status").body()).containsOnly("CONFERMATA");
        assertThat(Http.json(rup.get("/api/v1/contracts/" + contract)).findValue("idContratto").asString()).isNotBlank();
    }
}
