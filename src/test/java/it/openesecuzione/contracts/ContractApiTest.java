package it.openesecuzione.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ContractApiTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    long rupId;
    Http rup;

    @BeforeEach
    void setUp() {
        rupId = directory.findByUsername("genova.rup").orElseThrow().id();
        rup = Http.basic(port, "genova.rup");
    }

    @Test
    void registersReadsAndListsAContract() {
        Map<String, Object> body = Fixtures.worksContract(rupId, "Rifacimento marciapiedi di via XX Settembre");
        String cig = cigOf(body);

        HttpResponse<String> created = rup.postJson("/api/v1/contracts", body);

        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(created.headers().firstValue("ETag")).contains("\"0\"");
        JsonNode read = Http.json(rup.get(location));
        assertThat(read.get("oggetto").asString()).isEqualTo("Rifacimento marciapiedi di via XX Settembre");
        assertThat(read.get("importoContrattuale").decimalValue()).isEqualByComparingTo("449750.00");
        assertThat(read.get("lotti").get(0).get("cig").asString()).isEqualTo(cig);
        assertThat(read.get("stato").asString()).isEqualTo("AGGIUDICATO");

        JsonNode byCig = Http.json(rup.get("/api/v1/contracts?q=" + cig));
        assertThat(byCig.get("items")).hasSize(1);
        assertThat(byCig.get("items").get(0).get("cigs").get(0).asString()).isEqualTo(cig);
        JsonNode byText = Http.json(rup.get("/api/v1/contracts?q=marciapiedi%20settembre"));
        assertThat(byText.get("items").findValuesAsString("oggetto")).contains("Rifacimento marciapiedi di via XX Settembre");
        JsonNode filtered = Http.json(rup.get("/api/v1/contracts?tipologia=FORNITURE&q=marciapiedi"));
        assertThat(filtered.get("items")).isEmpty();
        JsonNode byCup = Http.json(rup.get("/api/v1/contracts?q=b31b24000990001&size=100"));
        assertThat(byCup.get("items").findValuesAsString("oggetto")).contains("Rifacimento marciapiedi di via XX Settembre");
        JsonNode byAwardee = Http.json(rup.get("/api/v1/contracts?q=01172530105&size=100"));
        assertThat(byAwardee.get("items").findValuesAsString("aggiudicatario")).isNotEmpty().containsOnly("Impresa Test S.r.l.",
                "Edilstrade Liguria S.r.l.");
    }

    @Test
    void rejectsAnInvalidCigNamingItAndWritesNothing() {
        Map<String, Object> body = Fixtures.worksContract(rupId, "Contratto con CIG errato");
        body.put("lotti", List.of(Map.of("cig", "B1A2B023DC")));
        long before = contractCount();

        HttpResponse<String> response = rup.postJson("/api/v1/contracts", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        JsonNode problem = Http.json(response);
        assertThat(problem.get("field").asString()).isEqualTo("lotti[0].cig");
        assertThat(problem.get("cig").asString()).isEqualTo("B1A2B023DC");
        assertThat(problem.get("detail").asString()).contains("B1A2B023DC").contains("non valido");
        assertThat(problem.get("type").asString()).endsWith("/dati-non-validi");
        assertThat(contractCount()).isEqualTo(before);
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        Map<String, Object> body = Fixtures.worksContract(rupId, " ");
        body.put("cup", "123");
        body.put("importoContrattuale", 900000.00);
        body.put("aggiudicatario", Map.of("denominazione", "X", "codiceFiscale", "01172530106"));

        JsonNode problem = Http.json(rup.postJson("/api/v1/contracts", body));

        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("oggetto", "cup", "importoContrattuale", "aggiudicatario.codiceFiscale");
    }

    @Test
    void rejectsUnknownCodedValuesWithTheField() {
        Map<String, Object> body = Fixtures.worksContract(rupId, "Tipologia sconosciuta");
        body.put("tipologia", "OPERE");

        HttpResponse<String> response = rup.postJson("/api/v1/contracts", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("field").asString()).isEqualTo("tipologia");
    }

    @Test
    void rejectsACigAlreadyRegisteredByTheAuthority() {
        Map<String, Object> first = Fixtures.worksContract(rupId, "Primo contratto");
        assertThat(rup.postJson("/api/v1/contracts", first).statusCode()).isEqualTo(201);
        Map<String, Object> second = Fixtures.worksContract(rupId, "Secondo contratto, stesso CIG");
        second.put("lotti", first.get("lotti"));

        HttpResponse<String> response = rup.postJson("/api/v1/contracts", second);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).get("detail").asString()).contains("già registrato");
    }

    @Test
    void updatesWithTheReadVersionAndRefusesAStaleOne() {
        HttpResponse<String> created = rup.postJson("/api/v1/contracts", Fixtures.worksContract(rupId, "Da modificare"));
        String location = created.headers().firstValue("Location").orElseThrow();
        Map<String, Object> changed = Fixtures.worksContract(rupId, "Modificato");
        changed.put("lotti", List.of(Map.of("cig", Http.json(created).get("lotti").get(0).get("cig").asString())));
        changed.put("durataGiorni", 210);

        HttpResponse<String> updated = rup.putJson(location, changed, "\"0\"");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(Http.json(updated).get("version").asInt()).isEqualTo(1);
        assertThat(Http.json(updated).get("durataGiorni").asInt()).isEqualTo(210);

        HttpResponse<String> stale = rup.putJson(location, changed, "\"0\"");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(Http.json(stale).get("title").asString()).isEqualTo("Operazione in conflitto con lo stato attuale");

        HttpResponse<String> withoutVersion = rup.putJson(location, changed, null);
        assertThat(withoutVersion.statusCode()).isEqualTo(400);
        assertThat(Http.json(withoutVersion).get("field").asString()).isEqualTo("If-Match");
    }

    @Test
    void rejectsPeopleWithoutTheRoleAtTheAuthority() {
        Map<String, Object> body = Fixtures.worksContract(rupId, "RUP sbagliato");
        body.put("rupId", directory.findByUsername("genova.dl").orElseThrow().id());
        body.put("collaudatoreId", directory.findByUsername("savona.admin").orElseThrow().id());

        JsonNode problem = Http.json(rup.postJson("/api/v1/contracts", body));

        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("rupId", "collaudatoreId");
    }

    @Test
    void directorOfWorksCannotRegisterContracts() {
        HttpResponse<String> response = Http.basic(port, "genova.dl")
                .postJson("/api/v1/contracts", Fixtures.worksContract(rupId, "Non consentito"));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void requiresAuthentication() {
        HttpResponse<String> anonymous = Http.anonymous(port).get("/api/v1/contracts");
        HttpResponse<String> wrongPassword = Http.basic(port, "genova.rup", "sbagliata").get("/api/v1/contracts");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(Http.json(wrongPassword).get("title").asString()).isEqualTo("Autenticazione richiesta");
    }

    @Test
    void publishesItsOpenApiDescription() {
        HttpResponse<String> docs = Http.anonymous(port).get("/api/v1/openapi");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(Http.json(docs).get("paths").has("/api/v1/contracts/{id}")).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static String cigOf(Map<String, Object> body) {
        return ((List<Map<String, String>>) body.get("lotti")).get(0).get("cig");
    }

    private long contractCount() {
        long count = it.openesecuzione.platform.SystemScope.call(() -> transactions.execute(status ->
                jdbc.sql("select count(*) from contract").query(Long.class).single()));
        assertThat(count).isPositive();
        return count;
    }
}
