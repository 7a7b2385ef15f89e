package it.openesecuzione.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentageTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00001", "12.5", "23.45678", "99.99999", "100", "100.00000", "1E+2"})
    void acceptsFromZeroToHundredInclusive(String value) {
        assertThat(new Percentage(new BigDecimal(value)).value().compareTo(new BigDecimal(value))).isZero();
    }

    @Test
    void holdsTheValueAtFiveDecimalsSoEqualValuesMakeEqualRecords() {
        Percentage percentage = Percentage.of(new BigDecimal("12.5"));

        assertThat(percentage.value()).isEqualTo(new BigDecimal("12.50000"));
        assertThat(percentage).isEqualTo(Percentage.of("12.50"));
        assertThat(percentage.hashCode()).isEqualTo(Percentage.of("12.500000").hashCode());
    }

    @ParameterizedTest
    @CsvSource({"12.5, 12.5", "12.50000, 12.5", "100, 100", "0, 0", "23.45678, 23.45678"})
    void printsWithoutTrailingZeros(String value, String expected) {
        assertThat(Percentage.of(value).toString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.00001", "-1", "-100"})
    void rejectsNegativePercentage(String value) {
        assertThat(Percentage.problemWith(value)).contains("è negativa, deve essere tra 0 e 100");
        assertThatThrownBy(() -> new Percentage(new BigDecimal(value)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("percentuale \"" + value + "\" non valida: è negativa, deve essere tra 0 e 100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100.00001", "101", "1000"})
    void rejectsPercentageOverHundred(String value) {
        assertThat(Percentage.problemWith(value)).contains("supera 100, deve essere tra 0 e 100");
        assertThatThrownBy(() -> Percentage.of(value)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void rejectsMoreThanFiveDecimalsInsteadOfRoundingTheOffer() {
        assertThat(Percentage.problemWith("12.345678")).contains("ha 6 decimali, al massimo 5");
        assertThatThrownBy(() -> new Percentage(new BigDecimal("12.345678")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("percentuale \"12.345678\" non valida: ha 6 decimali, al massimo 5");
    }

    @Test
    void trailingZerosDoNotCountAsDecimals() {
        assertThat(Percentage.isValid("12.3450000000")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12,5", "12.5%", "abc", "1e1", ".5"})
    void rejectsTextThatIsNotAPlainNumber(String text) {
        assertThat(Percentage.isValid(text)).isFalse();
        assertThatThrownBy(() -> Percentage.of(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void explainsTheCommaSeparator() {
        assertThat(Percentage.problemWith("12,5"))
                .contains("contiene una virgola: scrivere la percentuale con il punto prima dei decimali (es. 12.345)");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void rejectsMissingOrBlankText(String text) {
        assertThat(Percentage.isValid(text)).isFalse();
    }

    @Test
    void rejectsNullValue() {
        assertThatThrownBy(() -> new Percentage(null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("percentuale non valida: il valore è obbligatorio");
    }
}
