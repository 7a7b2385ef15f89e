package it.openesecuzione.shared;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.shared.InvalidValueException.Gender;
import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {

    @Test
    void messageQuotesTheValueAndGivesTheReason() {
        InvalidValueException e =
                new InvalidValueException("CIG", "ZAB1234567", "il carattere di controllo non corrisponde");

        assertThat(e).hasMessage("CIG \"ZAB1234567\" non valido: il carattere di controllo non corrisponde");
        assertThat(e.kind()).isEqualTo("CIG");
        assertThat(e.value()).isEqualTo("ZAB1234567");
        assertThat(e.reason()).isEqualTo("il carattere di controllo non corrisponde");
    }

    @Test
    void messageAgreesWithTheGenderOfTheKind() {
        InvalidValueException e =
                new InvalidValueException("partita IVA", Gender.FEMININE, "123", "deve avere 11 cifre, ha 3 caratteri");

        assertThat(e)
                .hasMessage("partita IVA \"123\" non valida: deve avere 11 cifre, ha 3 caratteri");
    }

    @Test
    void missingValueIsLeftOutOfTheMessage() {
        InvalidValueException e = new InvalidValueException("importo", null, "il valore è obbligatorio");

        assertThat(e).hasMessage("importo non valido: il valore è obbligatorio");
        assertThat(e.value()).isNull();
    }

    @Test
    void isAnIllegalArgumentExceptionSoCallersThatCatchThatKeepWorking() {
        assertThat(new InvalidValueException("CUP", "x", "y")).isInstanceOf(IllegalArgumentException.class);
    }
}
