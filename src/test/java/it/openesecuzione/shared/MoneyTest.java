package it.openesecuzione.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void theOneRoundingRuleIsHalfUp() {
        assertThat(Money.ROUNDING).isEqualTo(RoundingMode.HALF_UP);
    }

    @ParameterizedTest
    @CsvSource({
        "10, 10.00",
        "10.0, 10.00",
        "10.000, 10.00",
        "0.005, 0.01",   // half up, not to even
        "0.015, 0.02",
        "0.025, 0.03",   // HALF_EVEN would give 0.02
        "0.0049, 0.00",
        "-0.005, -0.01", // half up means away from zero for negatives too
        "1234.5, 1234.50",
    })
    void roundsToTheCentHalfUp(String given, String expected) {
        assertThat(Money.of(new BigDecimal(given)).amount()).isEqualByComparingTo(expected);
        assertThat(Money.of(new BigDecimal(given)).amount().scale()).isEqualTo(2);
    }

    @Test
    void amountsEqualInValueMakeEqualRecords() {
        Money ten = new Money(new BigDecimal("10"));

        assertThat(ten).isEqualTo(new Money(new BigDecimal("10.000")));
        assertThat(ten).isEqualTo(Money.of("10.0"));
        assertThat(ten.hashCode()).isEqualTo(Money.of("10.00").hashCode());
        assertThat(Money.ZERO).isEqualTo(Money.of("0")).isEqualTo(Money.of("-0.00"));
    }

    @Test
    void rejectsNullAmount() {
        assertThatThrownBy(() -> new Money(null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("importo non valido: il valore è obbligatorio");
        assertThatThrownBy(() -> Money.of((String) null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Money.of((BigDecimal) null)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "1234.50, 1234.50",
        "' 1234.5 ', 1234.50",
        "-12, -12.00",
        "+7.1, 7.10",
        "0, 0.00",
    })
    void parsesPlainDecimalText(String text, String expected) {
        assertThat(Money.of(text).toString()).isEqualTo(expected);
    }

    @Test
    void rejectsTextWithCommaNamingTheExpectedForm() {
        assertThatThrownBy(() -> Money.of("1.234,50"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("importo \"1.234,50\" non valido: contiene una virgola: scrivere l'importo con il punto"
                        + " prima dei decimali e senza separatore delle migliaia (es. 1234.50)");
    }

    @Test
    void rejectsTextWithMoreThanTwoDecimalsInsteadOfRounding() {
        // "12.345" from an Italian user is twelve thousand: rounding to 12.35 would be wrong.
        assertThatThrownBy(() -> Money.of("12.345"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("ha 3 decimali, al massimo 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "abc", "€ 10", "10 €", "1e3", "1.2.3", ".5", "5.", "--5", "0x10", "١٢"})
    void rejectsTextThatIsNotAPlainNumber(String text) {
        assertThatThrownBy(() -> Money.of(text)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).kind()).isEqualTo("importo"));
    }

    @Test
    void addsAndSubtractsExactly() {
        Money a = Money.of("1234.56");
        Money b = Money.of("0.44");

        assertThat(a.plus(b)).isEqualTo(Money.of("1235.00"));
        assertThat(a.minus(b)).isEqualTo(Money.of("1234.12"));
        assertThat(b.minus(a)).isEqualTo(Money.of("-1234.12"));
        assertThat(b.minus(a).isNegative()).isTrue();
        // The sum of cents never drifts, unlike doubles: 0.1 + 0.2 is 0.30.
        assertThat(Money.of("0.10").plus(Money.of("0.20"))).isEqualTo(Money.of("0.30"));
    }

    @Test
    void multipliesAndRoundsOnceToTheCent() {
        assertThat(Money.of("10.00").times(new BigDecimal("3"))).isEqualTo(Money.of("30.00"));
        assertThat(Money.of("1.25").times(new BigDecimal("0.5"))).isEqualTo(Money.of("0.63"));   // 0.625
        assertThat(Money.of("19.99").times(new BigDecimal("1.5"))).isEqualTo(Money.of("29.99")); // 29.985
        assertThat(Money.of("100.00").times(new BigDecimal("-1"))).isEqualTo(Money.of("-100.00"));
    }

    @ParameterizedTest
    @CsvSource({
        "1000.00, 20, 200.00",
        "1000.00, 22, 220.00",      // IVA ordinaria
        "0.45, 10, 0.05",           // 0.045: HALF_EVEN would give 0.04
        "123456.78, 12.34567, 15241.57",  // a ribasso with five decimals: 15241.5666...
        "100.00, 0, 0.00",
        "100.00, 100, 100.00",
        "-50.00, 10, -5.00",
    })
    void percentTakesTheGivenPercentage(String amount, String pct, String expected) {
        assertThat(Money.of(amount).percent(new BigDecimal(pct))).isEqualTo(Money.of(expected));
    }

    @Test
    void percentRoundsOnlyOnce() {
        // 1% of 4.49 is 0.0449: rounded once it is 0.04; rounded first to the mill (0.045) and
        // then to the cent it would become 0.05.
        assertThat(Money.of("4.49").percent(BigDecimal.ONE)).isEqualTo(Money.of("0.04"));
    }

    @Test
    void tellsNegativeAndZero() {
        assertThat(Money.ZERO.isZero()).isTrue();
        assertThat(Money.ZERO.isNegative()).isFalse();
        assertThat(Money.of("-0.01").isNegative()).isTrue();
        assertThat(Money.of("-0.01").isZero()).isFalse();
        assertThat(Money.of("0.01").isNegative()).isFalse();
        // Below half a cent an amount rounds to zero, and is zero.
        assertThat(Money.of(new BigDecimal("0.004")).isZero()).isTrue();
        assertThat(Money.of(new BigDecimal("-0.004")).isNegative()).isFalse();
    }

    @Test
    void comparesByValue() {
        List<Money> amounts = new ArrayList<>(List.of(Money.of("10"), Money.of("-5"), Money.of("2.5"), Money.ZERO));
        Collections.sort(amounts);

        assertThat(amounts).containsExactly(Money.of("-5"), Money.ZERO, Money.of("2.5"), Money.of("10"));
        assertThat(Money.of("1").compareTo(Money.of(new BigDecimal("1.000")))).isZero();
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0.00",
        "1234.5, 1234.50",
        "-1234.5, -1234.50",
        "1000000, 1000000.00",
        "0.07, 0.07",
    })
    void printsPlainDecimalWithTwoDecimals(String amount, String expected) {
        assertThat(Money.of(new BigDecimal(amount)).toString()).isEqualTo(expected);
    }

    @Test
    void plainStringHasNoExponentEvenForLargeOrScientificInput() {
        assertThat(Money.of(new BigDecimal("1E+6")).toString()).isEqualTo("1000000.00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | € 0,00",
        "0.5 | € 0,50",
        "12 | € 12,00",
        "123 | € 123,00",
        "1234.5 | € 1.234,50",
        "12345.67 | € 12.345,67",
        "123456.78 | € 123.456,78",
        "1234567.89 | € 1.234.567,89",
        "-1234.5 | € -1.234,50",
        "-0.01 | € -0,01",
    })
    void formatsTheItalianWay(String amount, String expected) {
        assertThat(Money.of(new BigDecimal(amount)).formatIt()).isEqualTo(expected);
    }
}
