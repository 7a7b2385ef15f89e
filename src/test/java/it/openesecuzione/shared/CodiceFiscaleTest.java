package it.openesecuzione.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CodiceFiscaleTest {

    private static final String OMOCODIA_LETTERS = "LMNPQRSTUV";
    /** Positions (0-based) that hold digits, where omocodia may put a letter. */
    private static final int[] DIGIT_POSITIONS = {6, 7, 9, 10, 12, 13, 14};

    @ParameterizedTest
    @ValueSource(strings = {
        "RSSMRA80A01H501U",  // Mario Rossi, Roma 1/1/1980: the textbook example
        "MRTMTT25D09F205Z",  // Matteo Moretti, Milano 9/4/1925: Wikipedia's example
        "BNCLRA85M52F205I",  // Laura Bianchi, Milano 12/8/1985: day + 40 for women
        "RSSMRA85T10A562S",
    })
    void acceptsPersonalCodesWithTheirCheckCharacter(String code) {
        assertThat(CodiceFiscale.problemWith(code)).isEmpty();
        assertThat(new CodiceFiscale(code).isPersonal()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "MRTMTT25D09F20RU",  // one substitution (5 -> R), from the right as the Agenzia does
        "MRTMTT25D09F2LRF",  // two
        "MRTMTT25D09FNLRU",  // three
        "MRTMTTNRDLVFNLRV",  // all seven
        "RSSMRA80A01H50MM",
        "RSSMRA85T10A56NH",
    })
    void acceptsOmocodiaLettersInDigitPositions(String code) {
        assertThat(CodiceFiscale.problemWith(code)).isEmpty();
    }

    @Test
    void everyOmocodiaSubstitutionWithRecomputedCheckIsAccepted() {
        // Each substitution changes the check character; the only valid one is the recomputed one.
        String base = "MRTMTT25D09F205";
        for (int position : DIGIT_POSITIONS) {
            char letter = OMOCODIA_LETTERS.charAt(base.charAt(position) - '0');
            String substituted = base.substring(0, position) + letter + base.substring(position + 1);
            long valid = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".chars()
                    .filter(check -> CodiceFiscale.isValid(substituted + (char) check))
                    .count();
            assertThat(valid).as(substituted).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00856930102",  // Comune di Genova
        "00849050109",  // Regione Liguria
        "97584460584",  // ANAC
        "06363391001",  // Agenzia delle Entrate
    })
    void acceptsNumericCodesOfPublicBodies(String code) {
        CodiceFiscale codiceFiscale = new CodiceFiscale(code);

        assertThat(codiceFiscale.value()).isEqualTo(code);
        assertThat(codiceFiscale.isPersonal()).isFalse();
    }

    @Test
    void normalisesSurroundingSpacesAndLowerCase() {
        CodiceFiscale codiceFiscale = new CodiceFiscale("  rssmra80a01h501u ");

        assertThat(codiceFiscale.value()).isEqualTo("RSSMRA80A01H501U");
        assertThat(codiceFiscale).isEqualTo(new CodiceFiscale("RSSMRA80A01H501U"));
        assertThat(codiceFiscale.toString()).isEqualTo("RSSMRA80A01H501U");
    }

    @ParameterizedTest
    @CsvSource({
        "RSSMRA80A01H501X, U, X",
        "MRTMTT25D09F205A, Z, A",
        "MRTMTT25D09F20RZ, U, Z",  // omocodia applied, check character not recomputed
        // Found as "valid" fixtures in public test suites, but their check characters are wrong.
        "RSSMRA90B31B774P, M, P",
        "BNCLCU85M12F205X, V, X",
    })
    void rejectsPersonalCodeWithWrongCheckCharacter(String code, char expected, char found) {
        assertThat(CodiceFiscale.problemWith(code))
                .contains("il carattere di controllo non corrisponde (atteso '" + expected
                        + "', trovato '" + found + "')");
    }

    /**
     * Both conversion tables are one-to-one within each kind of position, and the omocodia letters
     * convert to values no digit has; so any single change moves the sum modulo 26, or breaks the
     * structure first. Even the omocodia letter of the same digit needs a new check character.
     */
    @Test
    void changingAnySingleCharacterOfAPersonalCodeInvalidatesIt() {
        String code = "RSSMRA80A01H501U";
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int position = 0; position < code.length(); position++) {
            for (char replacement : alphabet.toCharArray()) {
                if (replacement == code.charAt(position)) {
                    continue;
                }
                String mutant = code.substring(0, position) + replacement + code.substring(position + 1);
                assertThat(CodiceFiscale.isValid(mutant)).as(mutant).isFalse();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "RSSMR180A01H501U, '1', 6, una lettera",
        "RSSMRA8AA01H501U, 'A', 8, 'una cifra (o, per omocodia, una delle lettere L, M, N, P, Q, R, S, T, U, V)'",
        "RSSMRA80A01H5O1U, 'O', 14, 'una cifra (o, per omocodia, una delle lettere L, M, N, P, Q, R, S, T, U, V)'",
        "RSSMRA80A01H5011, '1', 16, una lettera",
        "RSSMRA80A01-501U, '-', 12, una lettera",
    })
    void rejectsCharacterOfTheWrongKindNamingItsPosition(String code, char found, int position, String expected) {
        assertThat(CodiceFiscale.problemWith(code))
                .contains("il carattere '" + found + "' in posizione " + position + " dovrebbe essere " + expected);
    }

    @Test
    void rejectsLetterThatIsNoMonth() {
        assertThat(CodiceFiscale.problemWith("RSSMRA80F01H501G")).contains("la lettera del mese 'F' (posizione 9)"
                + " non indica alcun mese: sono ammesse A, B, C, D, E, H, L, M, P, R, S, T");
    }

    @ParameterizedTest
    @CsvSource({"00", "32", "40", "72", "99"})
    void rejectsDayOfBirthOutsideMenAndWomenRanges(String day) {
        // The day is checked before the check character, so any last letter gets this reason.
        String code = "RSSMRA80A" + day + "H501A";

        assertThat(CodiceFiscale.problemWith(code)).contains("il giorno di nascita " + day
                + " (posizioni 10-11) non è possibile: va da 01 a 31, o da 41 a 71 per le donne");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSSMRA80A41H501Y", "RSSMRA80A71H501B"})
    void acceptsDaysOfBirthOfWomen(String code) {
        assertThat(CodiceFiscale.problemWith(code)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSSMRA80AMVH501Q", "RSSMRA80AQMH501C"})
    void readsTheDayOfBirthThroughOmocodia(String code) {
        // MV is 19 and QM is 41: possible days once the letters are read back as digits.
        assertThat(CodiceFiscale.problemWith(code)).isEmpty();
    }

    @Test
    void rejectsImpossibleDayWrittenWithOmocodiaLetters() {
        // PN is 32.
        assertThat(CodiceFiscale.problemWith("RSSMRA80APNH501A")).contains("il giorno di nascita 32"
                + " (posizioni 10-11) non è possibile: va da 01 a 31, o da 41 a 71 per le donne");
    }

    @ParameterizedTest
    @CsvSource({
        "00856930103, 2, 3",
        "97584460585, 4, 5",
    })
    void rejectsNumericCodeWithWrongCheckDigit(String code, int expected, int found) {
        assertThat(CodiceFiscale.problemWith(code))
                .contains("la cifra di controllo non corrisponde (attesa " + expected + ", trovata " + found + ")");
    }

    @Test
    void rejectsNumericCodeMadeOfZeros() {
        assertThat(CodiceFiscale.problemWith("00000000000"))
                .contains("contiene solo zeri, che non è un codice attribuito");
    }

    @Test
    void rejectsElevenCharactersThatAreNotAllDigits() {
        assertThat(CodiceFiscale.problemWith("0085693010A"))
                .contains("il carattere 'A' in posizione 11 non è una cifra");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RSSMRA80A01H501", "RSSMRA80A01H501UX", "0085693010", "IT00856930102", "008569301021"})
    void rejectsLengthOtherThanSixteenOrEleven(String code) {
        assertThat(CodiceFiscale.problemWith(code)).contains("deve avere 16 caratteri (persona fisica) o 11 cifre"
                + " (soggetto diverso da persona fisica), ne ha " + code.length());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void rejectsMissingOrBlankCode(String code) {
        assertThat(CodiceFiscale.isValid(code)).isFalse();
        assertThatThrownBy(() -> new CodiceFiscale(code)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void exceptionNamesTheKindTheValueAndTheReason() {
        assertThatThrownBy(() -> new CodiceFiscale("RSSMRA80A01H501X"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("codice fiscale \"RSSMRA80A01H501X\" non valido:"
                        + " il carattere di controllo non corrisponde (atteso 'U', trovato 'X')");
    }
}
