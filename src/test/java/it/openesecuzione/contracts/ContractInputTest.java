package it.openesecuzione.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.openesecuzione.contracts.ContractInput.AwardeeInput;
import it.openesecuzione.contracts.ContractInput.LotInput;
import it.openesecuzione.contracts.ContractInput.RtiMemberInput;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractInputTest {

    private static final String CIG_1 = "B1A2B00235";
    private static final String CIG_2 = "B1A2B01308";

    private static ContractInput input(String base, String contractual, String safety, List<LotInput> lots,
            List<RtiMemberInput> rti, String cup) {
        return new ContractInput("Manutenzione strade", Tipologia.LAVORI, Settore.ORDINARIO, false, false,
                Procedura.APERTA, dec(base), new BigDecimal("10.5"), dec(contractual), dec(safety), 180, cup, lots,
                new AwardeeInput("Edilstrade S.r.l.", "01172530105", "01172530105"), rti, 7L, null, null, null, null, null);
    }

    private static ContractInput valid() {
        return input("1000000", "900000", "20000", List.of(new LotInput(CIG_1, "Lotto unico")), List.of(), "B31B24000120004");
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static List<String> fieldsOf(ContractInput input) {
        try {
            input.validate();
            return List.of();
        } catch (InvalidInputException e) {
            return e.violations().stream().map(FieldViolation::field).toList();
        }
    }

    @Test
    void acceptsAValidContractAndNormalisesIt() {
        ContractTerms terms = valid().validate();

        assertThat(terms.importoContrattuale().amount()).isEqualByComparingTo("900000.00");
        assertThat(terms.importoContrattuale().amount().scale()).isEqualTo(2);
        assertThat(terms.lotti()).extracting(l -> l.cig().value()).containsExactly(CIG_1);
        assertThat(terms.isRti()).isFalse();
    }

    @Test
    void rejectsContractAmountAboveTheTenderBase() {
        assertThat(fieldsOf(input("100000", "100000.01", "0", List.of(new LotInput(CIG_1, null)), List.of(), null)))
                .containsExactly("importoContrattuale");
    }

    @Test
    void rejectsSafetyCostsAboveTheContractAmount() {
        assertThat(fieldsOf(input("100000", "90000", "90000.01", List.of(new LotInput(CIG_1, null)), List.of(), null)))
                .containsExactly("oneriSicurezza");
    }

    @Test
    void rejectsAmountsWithFractionsOfACentOrNegative() {
        assertThat(fieldsOf(input("100000.001", "-1", "0", List.of(new LotInput(CIG_1, null)), List.of(), null)))
                .containsExactlyInAnyOrder("importoBaseGara", "importoContrattuale");
    }

    @Test
    void rejectsTheSameCigInTwoLots() {
        assertThat(fieldsOf(input("100", "90", "0", List.of(new LotInput(CIG_1, null), new LotInput(CIG_1.toLowerCase(), null)),
                List.of(), null))).containsExactly("lotti[1].cig");
    }

    @Test
    void requiresAtLeastOneLot() {
        assertThat(fieldsOf(input("100", "90", "0", List.of(), List.of(), null))).containsExactly("lotti");
    }

    @Test
    void rejectsAMalformedCup() {
        assertThat(fieldsOf(input("100", "90", "0", List.of(new LotInput(CIG_1, null)), List.of(), "B31B2400012000"))).containsExactly("cup");
    }

    @Test
    void acceptsAnRtiWithOneMandatariaAndSharesSummingToHundred() {
        ContractTerms terms = input("100", "90", "0", List.of(new LotInput(CIG_1, null), new LotInput(CIG_2, null)), List.of(
                new RtiMemberInput("Capogruppo S.p.A.", "02456780101", RtiMember.Ruolo.MANDATARIA, new BigDecimal("60.5")),
                new RtiMemberInput("Mandante S.r.l.", "01987650106", RtiMember.Ruolo.MANDANTE, new BigDecimal("39.5"))), null)
                .validate();

        assertThat(terms.isRti()).isTrue();
        assertThat(terms.rti()).hasSize(2);
    }

    @Test
    void rejectsAnRtiWithoutExactlyOneMandataria() {
        assertThat(fieldsOf(input("100", "90", "0", List.of(new LotInput(CIG_1, null)), List.of(
                new RtiMemberInput("A S.p.A.", "02456780101", RtiMember.Ruolo.MANDATARIA, new BigDecimal("50")),
                new RtiMemberInput("B S.r.l.", "01987650106", RtiMember.Ruolo.MANDATARIA, new BigDecimal("50"))), null)))
                .containsExactly("rti");
    }

    @Test
    void rejectsRtiSharesNotSummingToHundred() {
        assertThatThrownBy(() -> input("100", "90", "0", List.of(new LotInput(CIG_1, null)), List.of(
                new RtiMemberInput("A S.p.A.", "02456780101", RtiMember.Ruolo.MANDATARIA, new BigDecimal("70")),
                new RtiMemberInput("B S.r.l.", "01987650106", RtiMember.Ruolo.MANDANTE, new BigDecimal("20"))), null).validate())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sommare a 100% (ora 90%)");
    }

    @Test
    void rejectsAnRtiOfOne() {
        assertThat(fieldsOf(input("100", "90", "0", List.of(new LotInput(CIG_1, null)), List.of(
                new RtiMemberInput("A S.p.A.", "02456780101", RtiMember.Ruolo.MANDATARIA, new BigDecimal("100"))), null)))
                .containsExactly("rti");
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        ContractInput empty = new ContractInput(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);

        assertThat(fieldsOf(empty)).containsExactlyInAnyOrder("oggetto", "tipologia", "settore", "sopraSoglia",
                "concessione", "procedura", "importoBaseGara", "importoContrattuale", "ribasso", "durataGiorni", "lotti",
                "aggiudicatario", "rupId");
    }

    @Test
    void namesTheInvalidAwardeeCodes() {
        ContractInput input = new ContractInput("X", Tipologia.SERVIZI, Settore.ORDINARIO, true, false, Procedura.APERTA,
                dec("100"), BigDecimal.ONE, dec("99"), dec("0"), 30, null, List.of(new LotInput(CIG_1, null)),
                new AwardeeInput("Ditta", "RSSMRA75C12D969X", "01172530106"), List.of(), 1L, null, null, null, null, null);

        assertThat(fieldsOf(input)).containsExactlyInAnyOrder("aggiudicatario.codiceFiscale", "aggiudicatario.partitaIva");
    }
}
