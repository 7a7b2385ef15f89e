package it.openesecuzione.demo;

import it.openesecuzione.contracts.ContractInput;
import it.openesecuzione.contracts.ContractInput.AwardeeInput;
import it.openesecuzione.contracts.ContractInput.LotInput;
import it.openesecuzione.contracts.ContractInput.RtiMemberInput;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.contracts.Procedura;
import it.openesecuzione.contracts.RtiMember;
import it.openesecuzione.contracts.Settore;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.Role;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.identity.UserDirectory.NewUser;
import it.openesecuzione.platform.SystemScope;
import it.openesecuzione.shared.Cig;
import it.openesecuzione.shared.CodiceFiscale;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds the demo authorities, users and contracts on first start. Idempotent: it does nothing if
 * the first demo authority exists. Switched off with {@code openesecuzione.demo.enabled=false}.
 */
@Component
@ConditionalOnProperty(name = "openesecuzione.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    /** The password of every demo user, listed in the README. */
    static final String PASSWORD = "Demo-2026!";
    static final String REGION = "Liguria";
    private static final Seat GENOVA_SEAT = new Seat("Genova", "ITC33", "appalti@comune.genova.it");
    private static final Seat SAVONA_SEAT = new Seat("Savona", "ITC32", "appalti@provincia.savona.it");

    /** City, NUTS 3 code and contact e-mail of a demo authority's seat. */
    private record Seat(String citta, String codiceNuts, String email) {
    }

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final UserDirectory directory;
    private final ContractRegistry contracts;
    private final TransactionTemplate transactions;
    private final DemoExecution execution;
    private final boolean exampleExecution;

    DemoData(UserDirectory directory, ContractRegistry contracts, TransactionTemplate transactions, DemoExecution execution,
            @org.springframework.beans.factory.annotation.Value("${openesecuzione.demo.example-execution:true}") boolean exampleExecution) {
        this.directory = directory;
        this.contracts = contracts;
        this.transactions = transactions;
        this.execution = execution;
        this.exampleExecution = exampleExecution;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemScope.run(() -> transactions.executeWithoutResult(status -> {
            if (directory.findAuthorityByCodiceFiscale("00856930102").isPresent()) {
                recordSeatsSeededWithout();
                return;
            }
            seed();
            log.info("Dati dimostrativi creati: 2 stazioni appaltanti, 8 utenti, 6 contratti");
        }));
    }

    private void seed() {
        StazioneAppaltante genova = directory.createAuthority("Comune di Genova", new CodiceFiscale("00856930102"),
                "0000243530", "COMUNE", REGION, GENOVA_SEAT.citta(), GENOVA_SEAT.codiceNuts(), GENOVA_SEAT.email());
        StazioneAppaltante savona = directory.createAuthority("Provincia di Savona", new CodiceFiscale("00311260095"),
                "0000247155", "PROVINCIA", REGION, SAVONA_SEAT.citta(), SAVONA_SEAT.codiceNuts(), SAVONA_SEAT.email());

        PlatformUser genovaAdmin = user("genova.admin", "FRRLCU68H15D969X", "Luca", "Ferrari", genova, Role.AMMINISTRATORE);
        PlatformUser genovaRup = user("genova.rup", "RSSMRA75C12D969M", "Mario", "Rossi", genova, Role.RUP);
        PlatformUser genovaDl = user("genova.dl", "BNCLRA80A41D969I", "Laura", "Bianchi", genova, Role.DL);
        directory.grant(genovaDl.id(), genova.id(), Role.DEC);
        directory.grant(genovaAdmin.id(), genova.id(), Role.COLLAUDATORE);
        PlatformUser savonaAdmin = user("savona.admin", "CSTNNA77E52I480J", "Anna", "Costa", savona, Role.AMMINISTRATORE);
        PlatformUser savonaRup = user("savona.rup", "VRDGPP70M10I480R", "Giuseppe", "Verdi", savona, Role.RUP);
        directory.grant(savonaAdmin.id(), savona.id(), Role.COLLAUDATORE);
        PlatformUser savonaDl = user("savona.dl", "GLLFNC82T55I480G", "Francesca", "Galli", savona, Role.DL);
        directory.grant(savonaDl.id(), savona.id(), Role.DEC);
        directory.createUser(new NewUser("osservatorio.liguria", new CodiceFiscale("MRTPLA65B20D969M"), "Paola", "Martini",
                "osservatorio@regione.liguria.example", PASSWORD, REGION, false));
        directory.createUser(new NewUser("admin.piattaforma", new CodiceFiscale("LNGSRA85R60D969S"), "Sara", "Longo",
                "admin@openesecuzione.example", PASSWORD, null, true));

        long cig = 0x1A2B00;
        long corsoItalia = contracts.register(genova.id(), contract("Manutenzione straordinaria della pavimentazione stradale di Corso Italia",
                Tipologia.LAVORI, false, Procedura.NEGOZIATA_SENZA_BANDO, "1250000.00", "12.35", "1104522.50", "38000.00", 365,
                "B31B24000120004", List.of(Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', cig++).value()),
                new AwardeeInput("Edilstrade Liguria S.r.l.", "01172530105", "01172530105"), List.of(),
                genovaRup.id(), genovaDl.id(), genovaAdmin.id())).id();
        contracts.register(genova.id(), contract("Riqualificazione energetica della scuola primaria Mazzini (PNRR M2C3)",
                Tipologia.LAVORI, false, Procedura.APERTA, "3480000.00", "9.80", "3155000.00", "96000.00", 540,
                "B35E22000310006", List.of(Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', cig++).value()),
                new AwardeeInput("RTI Costruzioni Tigullio - Impianti Levante", "02456780101", "02456780101"),
                List.of(new RtiMemberInput("Costruzioni Tigullio S.p.A.", "02456780101", RtiMember.Ruolo.MANDATARIA, new BigDecimal("70")),
                        new RtiMemberInput("Impianti Levante S.r.l.", "01987650106", RtiMember.Ruolo.MANDANTE, new BigDecimal("30"))),
                genovaRup.id(), genovaDl.id(), null));
        contracts.register(genova.id(), contract("Servizio di ristorazione scolastica, anni 2025-2028, lotti Centro e Levante",
                Tipologia.SERVIZI, true, Procedura.APERTA, "8600000.00", "4.15", "8243100.00", "0.00", 1095, null,
                List.of(Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', cig++).value(), Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', cig++).value()),
                new AwardeeInput("Ristorazione Ligure Soc. Coop.", "03234560997", "03234560997"), List.of(),
                genovaRup.id(), genovaDl.id(), null));
        contracts.register(savona.id(), contract("Lavori di messa in sicurezza della SP 29 del Colle di Cadibona",
                Tipologia.LAVORI, false, Procedura.NEGOZIATA_SENZA_BANDO, "780000.00", "15.20", "667440.00", "22000.00", 240,
                "F57H24000450003", List.of(Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', cig++).value()),
                new AwardeeInput("Valbormida Scavi S.r.l.", "01567890106", "01567890106"), List.of(),
                savonaRup.id(), savonaDl.id(), savonaAdmin.id()));
        contracts.register(savona.id(), contract("Servizio di pulizia degli edifici scolastici provinciali",
                Tipologia.SERVIZI, false, Procedura.APERTA, "420000.00", "8.00", "386400.00", "0.00", 730, null,
                List.of(Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', cig++).value()),
                new AwardeeInput("Servizi Integrati Riviera S.r.l.", "02765430109", "02765430109"), List.of(),
                savonaRup.id(), savonaDl.id(), null));
        contracts.register(savona.id(), contract("Fornitura di sale antigelo per la viabilità provinciale, inverno 2025-2026",
                Tipologia.FORNITURE, false, Procedura.AFFIDAMENTO_DIRETTO, "135000.00", "3.50", "130275.00", "0.00", 150, null,
                List.of(Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', cig).value()),
                new AwardeeInput("Sali del Mediterraneo S.p.A.", "00849050109", "00849050109"), List.of(),
                savonaRup.id(), savonaDl.id(), null));
        if (exampleExecution) {
            execution.seed(corsoItalia, directory.findByUsername("genova.rup").orElseThrow());
        }
    }

    /**
     * Demo databases seeded before authorities had a seat: records it, once, where nothing of it
     * is recorded, so that their notices can be generated too.
     */
    private void recordSeatsSeededWithout() {
        seatIfNone("00856930102", GENOVA_SEAT);
        seatIfNone("00311260095", SAVONA_SEAT);
    }

    private void seatIfNone(String codiceFiscale, Seat seat) {
        directory.findAuthorityByCodiceFiscale(codiceFiscale)
                .filter(a -> a.citta() == null && a.codiceNuts() == null && a.email() == null)
                .ifPresent(a -> directory.updateAuthoritySeat(a.id(), seat.citta(), seat.codiceNuts(), seat.email()));
    }

    private PlatformUser user(String username, String codiceFiscale, String nome, String cognome, StazioneAppaltante authority,
            Role role) {
        PlatformUser user = directory.createUser(new NewUser(username, new CodiceFiscale(codiceFiscale), nome, cognome,
                username + "@" + authority.denominazione().toLowerCase().replaceAll("[^a-z]+", "") + ".example", PASSWORD,
                null, false));
        directory.grant(user.id(), authority.id(), role);
        return user;
    }

    private static ContractInput contract(String oggetto, Tipologia tipologia, boolean sopraSoglia, Procedura procedura,
            String base, String ribasso, String importo, String oneri, int durata, String cup, List<String> cigs,
            AwardeeInput awardee, List<RtiMemberInput> rti, long rup, Long director, Long collaudatore) {
        return new ContractInput(oggetto, tipologia, Settore.ORDINARIO, sopraSoglia, false, procedura, new BigDecimal(base),
                new BigDecimal(ribasso), new BigDecimal(importo), new BigDecimal(oneri), durata, cup,
                cigs.stream().map(c -> new LotInput(c, null)).toList(), awardee, rti, rup, director, collaudatore, null,
                demoIdAppalto(cigs), null);
    }

    /**
     * The idAppalto PCP gave the demo appalto in its award phase, so that the demo's schede can be
     * sent to the simulator: stable, from the lots' CIGs.
     */
    private static java.util.UUID demoIdAppalto(List<String> cigs) {
        return java.util.UUID.nameUUIDFromBytes(("demo-appalto:" + String.join(",", cigs)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
