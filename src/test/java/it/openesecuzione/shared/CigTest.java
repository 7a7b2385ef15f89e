package it.openesecuzione.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.openesecuzione.shared.Cig.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CigTest {

    /**
     * Real CIGs: 9050626CD6 is the example of ANAC's NPA interface specification; the others are
     * taken from published determinazioni (Città metropolitana di Torino, ASL, università, ...).
     */
    private static final List<String> REAL_SIMOG_V1 = List.of(
            "9050626CD6", "6600893D36", "725470866D", "7254788871", "348422054C", "7869513F8D",
            "7627715D88", "7627722352", "76451587F5", "76451777A3", "764519025F", "7639721136",
            "7466043596", "7572827E85", "9733476E7B");

    /** Real SIMOG second version / PCP CIGs; B00012EADB, K00003EC3A, L00003DC3A are ANAC's NPA samples. */
    private static final List<String> REAL_SIMOG_V2_PCP = List.of(
            "B0E1AD1F10", "B07E0997CB", "A015882CCD", "B96AE2FE01", "B4FFEEBE7E", "A00465395C",
            "B9DA959E80", "A02590F330", "B1FCBC8A98", "B12987CB7D", "B1B36B1A1E", "B17919B85C",
            "B1AA21EEA3", "B1B748D667", "B16EFD0453", "B00012EADB", "K00003EC3A", "L00003DC3A");

    private static final List<String> REAL_SMART_CIG = List.of(
            "Z3426AA477", "Z26270BD85", "ZB92583AEC", "Z292586096", "Z1B2586894", "ZAE276FA1A",
            "Z30276FA75", "ZCD273448A", "Z6D279FCE1", "Z1E257E6FC", "Z5627DD6EA", "Z0227E292F",
            "ZBB2887586", "Z3A1E2138C");

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void acceptsRealSimogFirstVersionCigs() {
        for (String code : REAL_SIMOG_V1) {
            assertThat(Cig.problemWith(code)).as(code).isEmpty();
            assertThat(new Cig(code).format()).as(code).isEqualTo(Format.SIMOG_V1);
        }
    }

    @Test
    void acceptsRealSimogSecondVersionAndPcpCigs() {
        for (String code : REAL_SIMOG_V2_PCP) {
            assertThat(Cig.problemWith(code)).as(code).isEmpty();
            assertThat(new Cig(code).format()).as(code).isEqualTo(Format.SIMOG_V2_PCP);
        }
    }

    @Test
    void acceptsRealSmartCigs() {
        for (String code : REAL_SMART_CIG) {
            assertThat(Cig.problemWith(code)).as(code).isEmpty();
            assertThat(new Cig(code).format()).as(code).isEqualTo(Format.SMART_CIG);
        }
    }

    @Test
    void ordOfTheLetterCountsTheTwentySixLetterAlphabet() {
        // With the 21-letter Italian alphabet K and L would not exist and the check of
        // L00003DC3A would be A94: ANAC's samples only validate with A=1 ... J=10, K=11, L=12.
        assertThat(Cig.isValid("K00003EC3A")).isTrue();
        assertThat(Cig.isValid("L00003DC3A")).isTrue();
        assertThat(Cig.isValid("L00003DA94")).isFalse();
    }

    @Test
    void checkCharactersArePaddedWithZerosToTheirWidth() {
        // 0000001 * 211 mod 4091 = 211 = 0xD3, written on three characters.
        assertThat(Cig.isValid("00000010D3")).isTrue();
        assertThat(Cig.isValid("0000001D30")).isFalse();
        // 0x27E292F * 211 mod 251 = 2, written on two characters (a real SmartCIG).
        assertThat(Cig.isValid("Z0227E292F")).isTrue();
    }

    @Test
    void normalisesSurroundingSpacesAndLowerCase() {
        Cig cig = new Cig("  z3426aa477 ");

        assertThat(cig.value()).isEqualTo("Z3426AA477");
        assertThat(cig).isEqualTo(new Cig("Z3426AA477"));
        assertThat(cig.toString()).isEqualTo("Z3426AA477");
        assertThat(Cig.isValid(" b0e1ad1f10")).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "9050626CD7, CD6, CD7",  // ANAC's example with the last character changed
        "B0E1AD1F11, F10, F11",
        "Z3526AA477, 34, 35",
        // Published in a public record (Città metropolitana di Torino, 2019) but failing ANAC's
        // algorithm: a transcription error in the source.
        "Z13276BF77, DE, 13",
        // From a demo text, not a real CIG.
        "9874563A2B, B29, A2B",
    })
    void rejectsCigWithWrongCheckDigits(String code, String expected, String found) {
        assertThat(Cig.problemWith(code)).contains(
                "i caratteri di controllo non corrispondono (attesi \"" + expected + "\", trovati \"" + found + "\")");
        assertThatThrownBy(() -> new Cig(code)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void exceptionNamesTheKindTheValueAndTheReason() {
        assertThatThrownBy(() -> new Cig("ZAB1234567"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("CIG \"ZAB1234567\" non valido: i caratteri di controllo non corrispondono"
                        + " (attesi \"3D\", trovati \"AB\")")
                .satisfies(e -> {
                    InvalidValueException invalid = (InvalidValueException) e;
                    assertThat(invalid.kind()).isEqualTo("CIG");
                    assertThat(invalid.value()).isEqualTo("ZAB1234567");
                    assertThat(invalid.reason()).startsWith("i caratteri di controllo");
                });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsMissingOrBlankCig(String code) {
        assertThat(Cig.problemWith(code)).isPresent();
        assertThatThrownBy(() -> new Cig(code)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void rejectsNullWithAMessageThatDoesNotPrintNull() {
        assertThatThrownBy(() -> new Cig(null)).hasMessage("CIG non valido: il valore è obbligatorio");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9050626CD", "9050626CD66", "Z3426AA4", "CIG9050626CD6"})
    void rejectsCigOfWrongLength(String code) {
        assertThat(Cig.problemWith(code)).get().asString().startsWith("deve essere lungo 10 caratteri, ne ha ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"V3426AA477", "W3426AA477", "-050626CD6", "*050626CD6"})
    void rejectsFirstCharacterOfNoKnownFormat(String code) {
        assertThat(Cig.problemWith(code)).get().asString()
                .startsWith("il primo carattere '" + code.charAt(0) + "' non corrisponde a nessun formato di CIG");
    }

    @Test
    void rejectsLettersInTheDecimalProgressiveOfFirstVersion() {
        assertThat(Cig.problemWith("90506A6CD6")).contains("il carattere 'A' in posizione 6 non è ammesso:"
                + " i primi 7 caratteri di un CIG SIMOG che inizia con una cifra sono cifre decimali");
    }

    @ParameterizedTest
    @CsvSource({
        "9050626CG6, 9",  // SIMOG first version: check is hexadecimal
        "B0E1AG1F10, 6",  // SIMOG/PCP: progressive is hexadecimal
        "B0E1AD1F1Z, 10",
        "ZG426AA477, 2",  // SmartCIG: check is hexadecimal
        "Z3426AX477, 7",  // SmartCIG: progressive is hexadecimal
    })
    void rejectsNonHexadecimalCharactersWhereTheAlgorithmReadsHex(String code, int position) {
        assertThat(Cig.problemWith(code)).get().asString()
                .contains("in posizione " + position + " non è ammesso")
                .contains("esadecimal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9050626 D6", "9050626CD.", "9050626CDè"})
    void rejectsCharactersOutsideDigitsAndLetters(String code) {
        assertThat(Cig.isValid(code)).isFalse();
    }

    @Test
    void rejectsZeroProgressiveWhereAnacExcludesIt() {
        // 0 * 211 mod n = 0, so these pass the check and must be refused explicitly.
        assertThat(Cig.problemWith("0000000000")).contains("il progressivo (posizioni 1-7) non può essere 0000000");
        assertThat(Cig.problemWith("X000000000")).contains("il progressivo (posizioni 4-10) non può essere 0000000");
    }

    @Test
    void smartCigCheckDoesNotCoverTheLetter() {
        // A property of ANAC's algorithm, documented here so nobody "fixes" it.
        assertThat(Cig.isValid("X3426AA477")).isTrue();
        assertThat(Cig.isValid("Y3426AA477")).isTrue();
    }

    @Test
    void generateReproducesRealCigs() {
        assertThat(Cig.generate(Format.SIMOG_V1, '9', 50626)).isEqualTo(new Cig("9050626CD6"));
        assertThat(Cig.generate(Format.SIMOG_V1, '7', 254788)).isEqualTo(new Cig("7254788871"));
        assertThat(Cig.generate(Format.SIMOG_V2_PCP, 'B', 0x0E1AD1)).isEqualTo(new Cig("B0E1AD1F10"));
        assertThat(Cig.generate(Format.SIMOG_V2_PCP, 'K', 0x00003E)).isEqualTo(new Cig("K00003EC3A"));
        assertThat(Cig.generate(Format.SMART_CIG, 'Z', 0x26AA477)).isEqualTo(new Cig("Z3426AA477"));
        assertThat(Cig.generate(Format.SMART_CIG, 'Z', 0x27E292F)).isEqualTo(new Cig("Z0227E292F"));
    }

    @Test
    void everyGeneratedCigIsValidAndHasTheRequestedFormat() {
        List<Cig> generated = generatedSample();

        assertThat(generated).hasSizeGreaterThan(10_000);
        for (Cig cig : generated) {
            assertThat(Cig.problemWith(cig.value())).as(cig.value()).isEmpty();
        }
    }

    @Test
    void generatedCigsAreDistinctForDistinctProgressives() {
        assertThat(generatedSample()).doesNotHaveDuplicates();
    }

    @Test
    void generateCoversTheEndsOfEachRange() {
        assertThat(Cig.generate(Format.SIMOG_V1, '0', 1).value()).isEqualTo("00000010D3");
        assertThat(Cig.generate(Format.SIMOG_V1, '9', 999_999).value()).startsWith("9999999");
        assertThat(Cig.generate(Format.SIMOG_V2_PCP, 'A', 0).value()).startsWith("A000000");
        assertThat(Cig.generate(Format.SIMOG_V2_PCP, 'U', 0xFFFFFF).value()).startsWith("UFFFFFF");
        assertThat(Cig.generate(Format.SMART_CIG, 'X', 1).value()).endsWith("0000001");
        assertThat(Cig.generate(Format.SMART_CIG, 'Y', 0xFFFFFFF).value()).endsWith("FFFFFFF");
    }

    @Test
    void generateRejectsPrefixOrProgressiveOutsideTheFormat() {
        assertThatThrownBy(() -> Cig.generate(Format.SIMOG_V1, 'A', 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deve essere una cifra");
        assertThatThrownBy(() -> Cig.generate(Format.SIMOG_V1, '1', 1_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("va da 0 a 999999");
        assertThatThrownBy(() -> Cig.generate(Format.SIMOG_V1, '0', 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0000000");
        assertThatThrownBy(() -> Cig.generate(Format.SIMOG_V2_PCP, 'V', 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("da A a U");
        assertThatThrownBy(() -> Cig.generate(Format.SIMOG_V2_PCP, 'b', 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("da A a U");
        assertThatThrownBy(() -> Cig.generate(Format.SIMOG_V2_PCP, 'B', 0x1000000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FFFFFF");
        assertThatThrownBy(() -> Cig.generate(Format.SMART_CIG, 'W', 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X, Y o Z");
        assertThatThrownBy(() -> Cig.generate(Format.SMART_CIG, 'Z', 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("da 1 a FFFFFFF");
        assertThatThrownBy(() -> Cig.generate(Format.SMART_CIG, 'Z', -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cig.generate(null, 'Z', 1)).isInstanceOf(NullPointerException.class);
    }

    /**
     * The moduli 4091 and 251 are prime and 211 is not a multiple of them, so a single changed
     * character always changes the expected check, except the SmartCIG letter, which the check
     * does not cover. A change of the first character may also move the code to another format,
     * where it can validate by coincidence.
     */
    @Test
    void changingAnySingleCharacterInvalidatesTheCigOrChangesItsFormat() {
        List<String> valid = new ArrayList<>();
        valid.addAll(REAL_SIMOG_V1);
        valid.addAll(REAL_SIMOG_V2_PCP);
        valid.addAll(REAL_SMART_CIG);
        Random random = new Random(20240101);
        for (int i = 0; i < 100; i++) {
            char digit = (char) ('0' + random.nextInt(10));
            char letter = (char) ('A' + random.nextInt(21));
            char smartLetter = "XYZ".charAt(random.nextInt(3));
            valid.add(Cig.generate(Format.SIMOG_V1, digit, 1 + random.nextInt(999_999)).value());
            valid.add(Cig.generate(Format.SIMOG_V2_PCP, letter, random.nextInt(0x1000000)).value());
            valid.add(Cig.generate(Format.SMART_CIG, smartLetter, 1 + random.nextInt(0xFFFFFFF)).value());
        }

        int mutants = 0;
        for (String code : valid) {
            Format original = new Cig(code).format();
            for (int position = 0; position < Cig.LENGTH; position++) {
                for (char replacement : ALPHABET.toCharArray()) {
                    if (replacement == code.charAt(position)) {
                        continue;
                    }
                    String mutant = code.substring(0, position) + replacement + code.substring(position + 1);
                    mutants++;
                    if (!Cig.isValid(mutant)) {
                        continue;
                    }
                    Format changed = new Cig(mutant).format();
                    boolean smartLetterSwap = original == Format.SMART_CIG && position == 0;
                    assertThat(changed != original || smartLetterSwap)
                            .as("%s changed into %s is still a valid %s", code, mutant, original)
                            .isTrue();
                }
            }
        }
        assertThat(mutants).isGreaterThan(100_000);
    }

    private static List<Cig> generatedSample() {
        List<Cig> generated = new ArrayList<>();
        for (char prefix = '0'; prefix <= '9'; prefix++) {
            for (long progressive = prefix == '0' ? 1 : 0; progressive < 500; progressive++) {
                generated.add(Cig.generate(Format.SIMOG_V1, prefix, progressive));
            }
        }
        for (char prefix = 'A'; prefix <= 'U'; prefix++) {
            for (long progressive = 0; progressive < 500; progressive++) {
                generated.add(Cig.generate(Format.SIMOG_V2_PCP, prefix, progressive * 33_547));
            }
        }
        for (char prefix : new char[] {'X', 'Y', 'Z'}) {
            for (long progressive = 1; progressive <= 500; progressive++) {
                generated.add(Cig.generate(Format.SMART_CIG, prefix, progressive * 536_870));
            }
        }
        return generated;
    }
}
