package it.openesecuzione.transmission;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractTerms;
import it.openesecuzione.contracts.StatoContratto;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The identifiers PCP assigned since a scheda was recorded are filled in when it is sent. */
class SchedaPayloadsTest {

    private static final UUID ID_CONTRATTO = UUID.fromString("3f2c1a9e-5b7d-4c8e-9a1f-2d3e4f5a6b7c");
    private static final UUID ID_SO1 = UUID.fromString("9d7b0c3e-1f2a-4b5c-8d6e-7f8091a2b3c4");

    private static Contract contract(UUID idContratto) {
        ContractTerms terms = new ContractTerms("Lavori", it.openesecuzione.contracts.Tipologia.LAVORI,
                it.openesecuzione.contracts.Settore.ORDINARIO, false, false, it.openesecuzione.contracts.Procedura.APERTA,
                null, null, it.openesecuzione.shared.Money.of("100000.00"), null, 180, null,
                List.of(new it.openesecuzione.contracts.Lot(new it.openesecuzione.shared.Cig("B1A2B00235"), null)), null, List.of(),
                1, null, null, null, UUID.randomUUID(), idContratto);
        return new Contract(1, 1, "Liguria", terms, StatoContratto.IN_ESEC, 1, Instant.EPOCH, Instant.EPOCH);
    }

    private static RecordedScheda event(SchedaCode code, int seq, Map<String, Object> anacForm, Integer related) {
        return new RecordedScheda(seq, 1, seq, code, "1.0", LocalDate.of(2026, 5, 4), anacForm, "IN_ATTESA", List.of(), Instant.EPOCH,
                null, related, Map.of());
    }

    private static Transmission sent(int seq, UUID idScheda) {
        return new Transmission(seq, 1, 1, seq, "SO1", TransmissionState.CONFERMATA, null, idScheda, null, 1, Instant.EPOCH, null,
                null, List.of(), Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void fillsTheIdContrattoFirstAndTheIdSchedaOfTheSuspension() {
        var so1 = SchedaPayloads.of(event(SchedaCode.SO1, 3, Map.of("sospensione", Map.of("sospensioneParziale", false)), null),
                contract(ID_CONTRATTO), List.of());
        assertThat(body(so1.scheda())).containsEntry("idContratto", ID_CONTRATTO.toString());
        assertThat(body(so1.scheda()).keySet().iterator().next()).isEqualTo("idContratto");

        var ri1 = SchedaPayloads.of(event(SchedaCode.RI1, 4, Map.of("sospensione", Map.of()), 3), contract(ID_CONTRATTO),
                List.of(sent(3, ID_SO1)));
        assertThat(body(ri1.scheda())).containsEntry("idScheda", ID_SO1.toString()).doesNotContainKey("idContratto");
    }

    @Test
    void saysWhatIsMissing() {
        assertThat(SchedaPayloads.of(event(SchedaCode.SA1, 3, Map.of("avanzamento", Map.of()), null), contract(null), List.of())
                .missing()).contains("idContratto");
        assertThat(SchedaPayloads.of(event(SchedaCode.ES1, 5, Map.of("subappalto", Map.of()), 4), contract(ID_CONTRATTO), List.of())
                .missing()).contains("scheda n. 4");
        // CO1 may go without it (optional in ANAC's model).
        assertThat(SchedaPayloads.of(event(SchedaCode.CO1, 3, Map.of("conclusione", Map.of()), null), contract(null), List.of())
                .missing()).isNull();
    }

    /** The delivery reads the contract's transmissions only for these (bench/transmission-outbox.sh). */
    @Test
    void onlyASchedaReferringToAnEarlierOneNeedsTheContractsTransmissions() {
        assertThat(SchedaPayloads.refersToEarlierScheda(event(SchedaCode.RI1, 4, Map.of(), 3))).isTrue();
        assertThat(SchedaPayloads.refersToEarlierScheda(event(SchedaCode.ES1, 5, Map.of(), 4))).isTrue();
        assertThat(SchedaPayloads.refersToEarlierScheda(event(SchedaCode.RSU1, 5, Map.of(), 4))).isTrue();
        assertThat(SchedaPayloads.refersToEarlierScheda(event(SchedaCode.SA1, 3, Map.of(), null))).isFalse();
        assertThat(SchedaPayloads.refersToEarlierScheda(event(SchedaCode.SO1, 3, Map.of(), null))).isFalse();
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        DeliveryProperties properties = new DeliveryProperties(null, null, null, null, null, null, Duration.ofSeconds(1),
                Duration.ofSeconds(60), null);
        assertThat(properties.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(properties.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.backoff(30, 0.999)).isLessThan(Duration.ofSeconds(90)).isGreaterThan(Duration.ofSeconds(89));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Map<String, Object> scheda) {
        return (Map<String, Object>) ((Map<String, Object>) scheda.get("body")).get("anacForm");
    }
}
