package it.openesecuzione.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.DatabaseScope;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A user of one authority can neither see nor change another's contracts, through the API, the
 * pages, or the database itself; the observatory reads its region only and changes nothing.
 */
@IntegrationTest
class TenantIsolationTest {

    @LocalServerPort
    int port;

    @Autowired
    UserDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    long genovaContract;
    long genovaId;
    long savonaId;
    Map<String, Object> genovaBody;

    @BeforeEach
    void genovaRegistersAContract() {
        long rup = directory.findByUsername("genova.rup").orElseThrow().id();
        genovaBody = Fixtures.worksContract(rup, "Contratto riservato del Comune di Genova");
        HttpResponse<String> created = Http.basic(port, "genova.rup").postJson("/api/v1/contracts", genovaBody);
        genovaContract = Http.json(created).get("id").asLong();
        genovaId = directory.findAuthorityByCodiceFiscale("00856930102").orElseThrow().id();
        savonaId = directory.findAuthorityByCodiceFiscale("00311260095").orElseThrow().id();
    }

    @Test
    void anotherAuthorityGetsNotFoundThroughTheApi() {
        Http savona = Http.basic(port, "savona.rup");

        assertThat(savona.get("/api/v1/contracts/" + genovaContract).statusCode()).isEqualTo(404);
        assertThat(savona.putJson("/api/v1/contracts/" + genovaContract, genovaBody, "\"0\"").statusCode()).isEqualTo(404);
        JsonNode list = Http.json(savona.get("/api/v1/contracts?size=100"));
        assertThat(list.get("items").findValuesAsString("oggetto")).doesNotContain("Contratto riservato del Comune di Genova");
        assertThat(list.get("items").findValues("authorityId")).allSatisfy(id -> assertThat(id.asLong()).isEqualTo(savonaId));
    }

    @Test
    void anotherAuthorityGetsNotFoundThroughThePages() {
        Http savona = Http.browser(port, "savona.rup");

        assertThat(savona.get("/contratti/" + genovaContract).statusCode()).isEqualTo(404);
        assertThat(savona.get("/contratti/" + genovaContract + "/modifica").statusCode()).isEqualTo(404);
        assertThat(savona.get("/contratti/" + genovaContract + "/cronologia").statusCode()).isEqualTo(404);
        assertThat(savona.get("/contratti?q=riservato").body()).doesNotContain("Contratto riservato del Comune di Genova");
    }

    @Test
    void observatoryReadsItsRegionAndChangesNothing() {
        Http observatory = Http.basic(port, "osservatorio.liguria");

        assertThat(observatory.get("/api/v1/contracts/" + genovaContract).statusCode()).isEqualTo(200);
        JsonNode list = Http.json(observatory.get("/api/v1/contracts?size=100"));
        assertThat(list.get("items").findValues("authorityId")).extracting(JsonNode::asLong).contains(genovaId, savonaId);
        assertThat(observatory.putJson("/api/v1/contracts/" + genovaContract, genovaBody, "\"0\"").statusCode()).isEqualTo(403);
        assertThat(observatory.postJson("/api/v1/contracts", genovaBody).statusCode()).isEqualTo(403);
    }

    @Test
    void observatoryOfAnotherRegionSeesNothing() {
        String username = "osservatorio.piemonte." + System.nanoTime();
        SystemScope.run(() -> directory.createUser(new UserDirectory.NewUser(username, new CodiceFiscale(Fixtures.personalCode()),
                "Piero", "Piemontese", "p@example.org", Http.PASSWORD, "Piemonte", false)));
        Http observatory = Http.basic(port, username);

        assertThat(observatory.get("/api/v1/contracts/" + genovaContract).statusCode()).isEqualTo(404);
        assertThat(Http.json(observatory.get("/api/v1/contracts")).get("items")).isEmpty();
    }

    @Test
    void rowLevelSecurityHidesAndProtectsOtherAuthoritiesRows() {
        DatabaseScope savonaScope = DatabaseScope.authorities(Set.of(savonaId));
        Long visible = SystemScope.callAs(savonaScope, () -> transactions.execute(status ->
                jdbc.sql("select count(*) from contract where id = ?").param(genovaContract).query(Long.class).single()));
        Integer changed = SystemScope.callAs(savonaScope, () -> transactions.execute(status ->
                jdbc.sql("update contract set oggetto = 'manomesso' where id = ?").param(genovaContract).update()));
        Long lots = SystemScope.callAs(savonaScope, () -> transactions.execute(status ->
                jdbc.sql("select count(*) from contract_lot where contract_id = ?").param(genovaContract).query(Long.class).single()));

        assertThat(visible).isZero();
        assertThat(changed).isZero();
        assertThat(lots).isZero();
        assertThatThrownBy(() -> SystemScope.callAs(savonaScope, () -> transactions.execute(status ->
                jdbc.sql("""
                        insert into contract (authority_id, region, oggetto, tipologia, settore, sopra_soglia, concessione,
                            procedura, importo_base_gara, ribasso, importo_contrattuale, oneri_sicurezza, durata_giorni,
                            oe_denominazione, oe_codice_fiscale, created_at, updated_at)
                        values (?, 'Liguria', 'intruso', 'LAVORI', 'ORDINARIO', false, false, 'APERTA', 1, 0, 1, 0, 1,
                            'X', '01172530105', now(), now())""").param(genovaId).update())))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("violates row-level security policy");
    }

    @Test
    void theTextSearchFunctionAppliesTheSameScopeAsThePolicies() {
        String sql = "select count(*) from oe_contract_text_search(to_tsquery('italian', 'riservato:*'), "
                + "to_tsquery('simple', 'riservato:*'), null, null, null, null, 1000)";
        Long fromSavona = SystemScope.callAs(DatabaseScope.authorities(Set.of(savonaId)), () -> transactions.execute(status ->
                jdbc.sql(sql).query(Long.class).single()));
        Long fromGenova = SystemScope.callAs(DatabaseScope.authorities(Set.of(genovaId)), () -> transactions.execute(status ->
                jdbc.sql(sql).query(Long.class).single()));
        Long unscoped = SystemScope.callAs(DatabaseScope.NONE, () -> transactions.execute(status ->
                jdbc.sql(sql).query(Long.class).single()));

        assertThat(fromSavona).isZero();
        assertThat(fromGenova).isPositive();
        assertThat(unscoped).isZero();
    }

    @Test
    void withoutAScopeTheDatabaseShowsNothing() {
        Long visible = SystemScope.callAs(DatabaseScope.NONE, () -> transactions.execute(status ->
                jdbc.sql("select count(*) from contract").query(Long.class).single()));

        assertThat(visible).isZero();
    }

    @Test
    void observatoryScopeCannotWriteEvenInTheDatabase() {
        Integer changed = SystemScope.callAs(DatabaseScope.region("Liguria"), () -> transactions.execute(status ->
                jdbc.sql("update contract set oggetto = 'manomesso' where id = ?").param(genovaContract).update()));
        Long visible = SystemScope.callAs(DatabaseScope.region("Liguria"), () -> transactions.execute(status ->
                jdbc.sql("select count(*) from contract where id = ?").param(genovaContract).query(Long.class).single()));

        assertThat(changed).isZero();
        assertThat(visible).isEqualTo(1);
    }
}
