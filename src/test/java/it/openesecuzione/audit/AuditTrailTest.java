package it.openesecuzione.audit;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AuditTrailTest {

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    UserDirectory directory;

    @Autowired
    TransactionTemplate transactions;

    /** The cluster's superuser: only someone with direct database access could tamper like this. */
    @Autowired
    @Qualifier("flywayDataSource")
    DataSource superuser;

    long chain;

    @BeforeEach
    void aChainOfSixEntries() {
        // A fresh authority per test, so tampering with its chain touches no other test's data.
        StazioneAppaltante authority = SystemScope.call(() -> directory.createAuthority("Comune di Prova " + System.nanoTime(),
                new CodiceFiscale(Fixtures.numericCode()), Fixtures.ausaCode(), "COMUNE", "Liguria"));
        chain = authority.id();
        for (int i = 1; i <= 5; i++) {
            int n = i;
            SystemScope.run(() -> transactions.executeWithoutResult(status ->
                    audit.append(authority.id(), null, "PROVA", Map.of("n", n, "importo", new java.math.BigDecimal("1234.50")))));
        }
    }

    @Test
    void anIntactChainVerifies() {
        ChainVerification result = SystemScope.call(() -> audit.verify(chain));

        assertThat(result.intact()).isTrue();
        // The authority's registration opens its chain; the five test entries follow.
        assertThat(result.entries()).isEqualTo(6);
    }

    @Test
    void recordsIdentityChangesAndLogins() {
        Http.browser(port, "genova.admin");
        Http.anonymous(port).login("genova.admin", "sbagliata");

        List<String> platform = SystemScope.call(() -> audit.latest(0, 20)).stream().map(AuditEntry::action).toList();
        List<AuditEntry> own = SystemScope.call(() -> audit.latest(chain, 10));

        assertThat(platform).contains("ACCESSO", "ACCESSO_FALLITO", "UTENTE_REGISTRATO");
        assertThat(own.get(own.size() - 1).action()).isEqualTo("STAZIONE_APPALTANTE_REGISTRATA");
    }

    @Test
    void detectsAnAlteredEntry() {
        tamper("update audit_entry set summary = '{\"n\": \"3\", \"importo\": \"9999.00\"}' where chain_id = ? and chain_seq = 3");

        ChainVerification result = SystemScope.call(() -> audit.verify(chain));

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3);
        assertThat(result.problem()).contains("alterata");
    }

    @Test
    void detectsADeletedEntry() {
        tamper("delete from audit_entry where chain_id = ? and chain_seq = 2");

        ChainVerification result = SystemScope.call(() -> audit.verify(chain));

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void detectsTheLastEntryDeleted() {
        tamper("delete from audit_entry where chain_id = ? and chain_seq = 6");

        ChainVerification result = SystemScope.call(() -> audit.verify(chain));

        assertThat(result.intact()).isFalse();
        assertThat(result.problem()).contains("in coda");
    }

    @Test
    void detectsReorderedEntries() {
        tamper("update audit_entry set chain_seq = -chain_seq where chain_id = ? and chain_seq in (2, 4)",
                "update audit_entry set chain_seq = case chain_seq when -2 then 4 else 2 end where chain_id = ? and chain_seq < 0");

        ChainVerification result = SystemScope.call(() -> audit.verify(chain));

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void theApplicationCannotRewriteHistory() {
        Integer changed = null;
        Exception failure = null;
        try {
            changed = SystemScope.call(() -> transactions.execute(status ->
                    JdbcClient.create(superuser).sql("select 1").query(Integer.class).single() == 1
                            ? appJdbc().sql("update audit_entry set action = 'X' where chain_id = ?").param(chain).update()
                            : 0));
        } catch (Exception e) {
            failure = e;
        }
        assertThat(changed).isNull();
        assertThat(failure).hasStackTraceContaining("permission denied");
    }

    @Test
    void everyContractChangeIsRecordedWithWhoAndWhat() {
        long rup = directory.findByUsername("genova.rup").orElseThrow().id();
        Http http = Http.basic(port, "genova.rup");
        Map<String, Object> body = Fixtures.worksContract(rup, "Contratto da tracciare");
        HttpResponse<String> created = http.postJson("/api/v1/contracts", body);
        long id = Http.json(created).get("id").asLong();
        body.put("durataGiorni", 240);
        http.putJson("/api/v1/contracts/" + id, body, "\"0\"");

        List<AuditEntry> history = SystemScope.call(() -> audit.forContract(id));

        assertThat(history).extracting(AuditEntry::action).containsExactly("CONTRATTO_REGISTRATO", "CONTRATTO_MODIFICATO");
        assertThat(history).allSatisfy(entry -> {
            assertThat(entry.actorCodiceFiscale()).isEqualTo("RSSMRA75C12D969M");
            assertThat(entry.actorRole()).isEqualTo("RUP");
        });
        assertThat(history.get(1).summary()).containsOnlyKeys("durataGiorni");
        assertThat(history.get(1).summary().get("durataGiorni")).isEqualTo(Map.of("prima", "180", "dopo", "240"));
        String page = Http.browser(port, "genova.rup").get("/contratti/" + id + "/cronologia").body();
        assertThat(page).contains("CONTRATTO_MODIFICATO").contains("RSSMRA75C12D969M").contains("240");
    }

    @Test
    void administratorsVerifyTheirChainThroughApiAndPage() {
        JsonNode verification = Http.json(Http.basic(port, "genova.admin").get("/api/v1/audit/verify"));
        assertThat(verification.get("intact").asBoolean()).isTrue();
        assertThat(verification.get("chains")).isNotEmpty();
        assertThat(Http.basic(port, "genova.rup").get("/api/v1/audit/verify").statusCode()).isEqualTo(403);
        assertThat(Http.browser(port, "genova.admin").get("/registro").body()).contains("Registro integro");
    }

    private void tamper(String... statements) {
        JdbcClient admin = JdbcClient.create(superuser);
        admin.sql("alter table audit_entry disable trigger audit_entry_no_update").update();
        try {
            for (String sql : statements) {
                admin.sql(sql).param(chain).update();
            }
        } finally {
            admin.sql("alter table audit_entry enable trigger audit_entry_no_update").update();
        }
    }

    @Autowired
    DataSource dataSource;

    private JdbcClient appJdbc() {
        return JdbcClient.create(dataSource);
    }
}
