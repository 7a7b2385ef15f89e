package it.openesecuzione.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CupTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "J51B21003410006", "E17H03000130001", "B51B04000670001", "F89J21001990001",
        // From the DIPE CUP user manual and from determinazioni of the Città metropolitana di Torino.
        "G17H03000130001", "J19F18000830005", "J76C18000260002", "J79F18000930007",
    })
    void acceptsRealCups(String code) {
        assertThat(Cup.problemWith(code)).isEmpty();
        assertThat(new Cup(code).value()).isEqualTo(code);
    }

    @Test
    void normalisesSurroundingSpacesAndLowerCase() {
        Cup cup = new Cup(" j51b21003410006  ");

        assertThat(cup.value()).isEqualTo("J51B21003410006");
        assertThat(cup).isEqualTo(new Cup("J51B21003410006"));
        assertThat(cup.toString()).isEqualTo("J51B21003410006");
    }

    @ParameterizedTest
    @CsvSource({
        "151B21003410006, 1, '1', una lettera",
        "JA1B21003410006, 2, 'A', una cifra",
        "J5IB21003410006, 3, 'I', una cifra",
        "J51821003410006, 4, '8', una lettera",
        "J51B2100341000O, 15, 'O', una cifra",  // letter O typed for zero
        "J51B21003-10006, 10, '-', una cifra",
    })
    void rejectsCharacterOfTheWrongKindNamingItsPosition(String code, int position, char found, String expected) {
        assertThat(Cup.problemWith(code)).contains("il carattere '" + found + "' in posizione " + position
                + " dovrebbe essere " + expected + " (forma attesa: lettera, 2 cifre, lettera, 11 cifre)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"J51B2100341000", "J51B210034100060", "J79F1800093007"})
    void rejectsCupOfWrongLength(String code) {
        // J79F1800093007 is a real transcription error (a digit dropped) found in a public record.
        assertThat(Cup.problemWith(code)).get().asString().startsWith("deve essere lungo 15 caratteri, ne ha ");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsMissingOrBlankCup(String code) {
        assertThat(Cup.isValid(code)).isFalse();
        assertThatThrownBy(() -> new Cup(code)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void exceptionNamesTheKindTheValueAndTheReason() {
        assertThatThrownBy(() -> new Cup("J51B2100341000"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("CUP \"J51B2100341000\" non valido: deve essere lungo 15 caratteri, ne ha 14");
    }
}
