package it.openesecuzione.demo;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.IntegrationTest;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class DemoDataTest {

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDirectory directory;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void seedsTwoLigurianAuthoritiesTheirPeopleAndContractsOnce() {
        long users = count("select count(*) from app_user");
        long contracts = count("select count(*) from contract");

        demo.run(null);

        assertThat(count("select count(*) from stazione_appaltante where codice_fiscale in ('00856930102', '00311260095')")).isEqualTo(2);
        assertThat(count("select count(*) from app_user")).isEqualTo(users);
        assertThat(count("select count(*) from contract")).isEqualTo(contracts);
        assertThat(count("select count(distinct tipologia) from contract")).isEqualTo(3);
    }

    @Test
    void seedsTheAuthoritiesWithTheirSeatForTheEFormsNotices() {
        StazioneAppaltante genova = directory.findAuthorityByCodiceFiscale("00856930102").orElseThrow();
        StazioneAppaltante savona = directory.findAuthorityByCodiceFiscale("00311260095").orElseThrow();

        assertThat(genova).extracting(StazioneAppaltante::citta, StazioneAppaltante::codiceNuts, StazioneAppaltante::email)
                .containsExactly("Genova", "ITC33", "appalti@comune.genova.it");
        assertThat(savona).extracting(StazioneAppaltante::citta, StazioneAppaltante::codiceNuts, StazioneAppaltante::email)
                .containsExactly("Savona", "ITC32", "appalti@provincia.savona.it");
    }

    @Test
    void recordsTheSeatOfAnAuthoritySeededBeforeSeatsWereAskedFor() {
        long savona = directory.findAuthorityByCodiceFiscale("00311260095").orElseThrow().id();
        SystemScope.run(() -> directory.updateAuthoritySeat(savona, null, null, null));

        demo.run(null);

        assertThat(directory.find(savona).orElseThrow().codiceNuts()).isEqualTo("ITC32");
    }

    @Test
    void theObservatoryListsBothAuthoritiesContractsWithTheirNames() {
        // Searched by words of the demo contracts: other tests add contracts that would push them off a page.
        Http observer = Http.browser(port, "osservatorio.liguria");
        String genova = observer.get("/contratti?size=50&q=Corso+Italia").body();
        String savona = observer.get("/contratti?size=50&q=Cadibona").body();

        assertThat(genova).contains("Comune di Genova").doesNotContain("Nuovo contratto");
        assertThat(savona).contains("Provincia di Savona");
    }

    private long count(String sql) {
        return SystemScope.call(() -> transactions.execute(status -> jdbc.sql(sql).query(Long.class).single()));
    }
}
