package it.openesecuzione.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PartitaIvaTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "00856930102",  // Comune di Genova (codice fiscale and partita IVA coincide)
        "00849050109",  // Regione Liguria
        "97584460584",  // ANAC (a codice fiscale numerico: same algorithm)
        "06363391001",  // Agenzia delle Entrate
    })
    void acceptsRealNumbersWithTheirCheckDigit(String number) {
        assertThat(PartitaIva.problemWith(number)).isEmpty();
        assertThat(new PartitaIva(number).value()).isEqualTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"IT06363391001", "it06363391001", " IT06363391001 "})
    void stripsTheItalianCountryPrefix(String number) {
        PartitaIva partitaIva = new PartitaIva(number);

        assertThat(partitaIva.value()).isEqualTo("06363391001");
        assertThat(partitaIva).isEqualTo(new PartitaIva("06363391001"));
        assertThat(partitaIva.toString()).isEqualTo("06363391001");
    }

    @Test
    void doesNotStripOtherCountryPrefixes() {
        assertThat(PartitaIva.problemWith("DE06363391001")).contains("deve avere 11 cifre, ha 13 caratteri");
    }

    @ParameterizedTest
    @CsvSource({
        "00856930103, 2, 3",
        "00849050100, 9, 0",
        "IT06363391002, 1, 2",
    })
    void rejectsNumberWithWrongCheckDigit(String number, int expected, int found) {
        assertThat(PartitaIva.problemWith(number))
                .contains("la cifra di controllo non corrisponde (attesa " + expected + ", trovata " + found + ")");
    }

    /**
     * Luhn's doubling catches every single-digit error: in odd positions the digit counts as it
     * is, in even positions 0-9 map one-to-one onto 0, 2, 4, 6, 8, 1, 3, 5, 7, 9.
     */
    @Test
    void changingAnySingleDigitInvalidatesTheNumber() {
        for (String number : new String[] {"00856930102", "00849050109", "97584460584", "06363391001"}) {
            for (int position = 0; position < number.length(); position++) {
                for (char digit = '0'; digit <= '9'; digit++) {
                    if (digit == number.charAt(position)) {
                        continue;
                    }
                    String mutant = number.substring(0, position) + digit + number.substring(position + 1);
                    assertThat(PartitaIva.isValid(mutant)).as(mutant).isFalse();
                }
            }
        }
    }

    @Test
    void checkDigitOfTheFirstTenDigitsCompletesEveryNumber() {
        for (long body = 1; body < 200_000; body += 7) {
            String first10 = String.format("%010d", body);
            String number = first10 + PartitaIva.checkDigit(first10);
            assertThat(PartitaIva.isValid(number)).as(number).isTrue();
        }
    }

    @Test
    void rejectsNumberMadeOfZeros() {
        // It passes the check digit, but it is the placeholder of forms, not a number.
        assertThat(PartitaIva.problemWith("00000000000"))
                .contains("contiene solo zeri, che non è un codice attribuito");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0085693010", "008569301021", "IT", "IT0085693010", "12345"})
    void rejectsNumberOfWrongLength(String number) {
        assertThat(PartitaIva.problemWith(number)).get().asString().startsWith("deve avere 11 cifre, ha ");
    }

    @ParameterizedTest
    @CsvSource({
        "0085693010O, 'O', 11",
        "00856 30102, ' ', 6",
        "-0856930102, '-', 1",
    })
    void rejectsNonDigitNamingItsPosition(String number, char found, int position) {
        assertThat(PartitaIva.problemWith(number))
                .contains("il carattere '" + found + "' in posizione " + position + " non è una cifra");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsMissingOrBlankNumber(String number) {
        assertThat(PartitaIva.isValid(number)).isFalse();
        assertThatThrownBy(() -> new PartitaIva(number)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void exceptionUsesTheFeminineOfThePartitaIva() {
        assertThatThrownBy(() -> new PartitaIva("00856930103"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("partita IVA \"00856930103\" non valida: la cifra di controllo non corrisponde"
                        + " (attesa 2, trovata 3)");
    }
}
