package it.openesecuzione.shared;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Codice Identificativo di Gara: the 10-character code ANAC assigns to every appalto or lotto, and
 * that must appear on contracts, invoices and payments (tracciabilità dei flussi finanziari, legge
 * 136/2010).
 *
 * <p>Validated with ANAC's published algorithm ("Algoritmo di validazione CIG", ANAC NPA
 * documentation), which has three formats told apart by the first character:
 *
 * <ul>
 *   <li>{@link Format#SIMOG_V1}: {@code ANNNNNNKKK}, A in 0-9, ANNNNNN a decimal progressive other
 *       than 0000000, KKK = Hex(ANNNNNN * 211 mod 4091);
 *   <li>{@link Format#SIMOG_V2_PCP}: {@code ANNNNNNKKK}, A in A-U, NNNNNN a hexadecimal progressive,
 *       KKK = Hex((Dec(NNNNNN) + Ord(A)) * 211 mod 4091), Ord(A) = 1, ..., Ord(U) = 21;
 *   <li>{@link Format#SMART_CIG}: {@code AKKCCCCCCC}, A in X, Y, Z, CCCCCCC a hexadecimal progressive
 *       other than 0000000, KK = Hex(Dec(CCCCCCC) * 211 mod 251).
 * </ul>
 *
 * <p>The check characters are upper-case hexadecimal padded with zeros to their fixed width (3 or
 * 2): that is the only reading that fits the fixed length, and it is what real CIGs show (e.g.
 * SmartCIG {@code Z0227E292F}, check {@code 02}).
 *
 * <p>Note that the SmartCIG check does not cover the letter: X, Y and Z with the same other nine
 * characters are all valid.
 *
 * @param value the code, trimmed and upper case
 */
public record Cig(String value) {

    public static final int LENGTH = 10;

    private static final String KIND = "CIG";
    private static final String DIGITS = "0123456789";
    private static final String HEX_DIGITS = "0123456789ABCDEF";

    /** The three families of CIG, each with its own check algorithm. */
    public enum Format {
        /** Issued by SIMOG, first version: decimal progressive, first character a digit. */
        SIMOG_V1,
        /** Issued by SIMOG, second version, and by the Piattaforma Contratti Pubblici: first letter A-U. */
        SIMOG_V2_PCP,
        /** Issued by SmartCIG (simplified procedure for small amounts): first letter X, Y or Z. */
        SMART_CIG
    }

    public Cig {
        String normalised = normalise(value);
        Optional<String> problem = problemWithNormalised(normalised);
        if (problem.isPresent()) {
            throw new InvalidValueException(KIND, value, problem.get());
        }
        value = normalised;
    }

    /** Which of ANAC's formats this CIG belongs to (decided by its first character). */
    public Format format() {
        return formatOf(value.charAt(0));
    }

    /** Why {@code candidate} is not a valid CIG, in Italian; empty when it is valid. */
    public static Optional<String> problemWith(String candidate) {
        return problemWithNormalised(normalise(candidate));
    }

    public static boolean isValid(String candidate) {
        return problemWith(candidate).isEmpty();
    }

    /**
     * Builds the valid CIG with the given first character and progressive, computing the check
     * characters. Meant for seed data, tests and benchmarks that need many distinct valid CIGs.
     *
     * @param prefix      the first character: a digit for {@link Format#SIMOG_V1}, A-U for {@link
     *                    Format#SIMOG_V2_PCP}, X, Y or Z for {@link Format#SMART_CIG}
     * @param progressive the number written after the prefix: 0-999999 (printed as 6 decimal digits)
     *                    for SIMOG_V1, 0-0xFFFFFF (6 hex digits) for SIMOG_V2_PCP, 1-0xFFFFFFF (7 hex
     *                    digits) for SMART_CIG
     * @throws IllegalArgumentException if prefix or progressive do not fit the format
     */
    public static Cig generate(Format format, char prefix, long progressive) {
        Objects.requireNonNull(format, "format");
        return switch (format) {
            case SIMOG_V1 -> {
                requireArgument(isIn(DIGITS, prefix),
                        "il prefisso di un CIG SIMOG (prima versione) deve essere una cifra, non '" + prefix + "'");
                requireArgument(progressive >= 0 && progressive <= 999_999,
                        "il progressivo di un CIG SIMOG (prima versione) va da 0 a 999999, non " + progressive);
                // ANAC's progressive is the whole ANNNNNN: the prefix is its most significant digit.
                long whole = (prefix - '0') * 1_000_000L + progressive;
                requireArgument(whole != 0, "il progressivo di un CIG SIMOG non può essere 0000000");
                yield new Cig(String.format("%07d", whole) + simogV1Check(whole));
            }
            case SIMOG_V2_PCP -> {
                requireArgument(prefix >= 'A' && prefix <= 'U',
                        "il prefisso di un CIG SIMOG/PCP deve essere una lettera maiuscola da A a U, non '"
                                + prefix + "'");
                requireArgument(progressive >= 0 && progressive <= 0xFFFFFF,
                        "il progressivo di un CIG SIMOG/PCP va da 0 a FFFFFF (16777215), non " + progressive);
                yield new Cig(prefix + hex(progressive, 6) + simogV2Check(prefix, progressive));
            }
            case SMART_CIG -> {
                requireArgument(prefix == 'X' || prefix == 'Y' || prefix == 'Z',
                        "il prefisso di uno SmartCIG deve essere X, Y o Z, non '" + prefix + "'");
                requireArgument(progressive >= 1 && progressive <= 0xFFFFFFF,
                        "il progressivo di uno SmartCIG va da 1 a FFFFFFF (268435455), non " + progressive);
                yield new Cig(prefix + smartCigCheck(progressive) + hex(progressive, 7));
            }
        };
    }

    /** The code itself, so that templates and string concatenation show it as written. */
    @Override
    public String toString() {
        return value;
    }

    private static String normalise(String candidate) {
        return candidate == null ? null : candidate.trim().toUpperCase(Locale.ROOT);
    }

    private static Format formatOf(char first) {
        if (isIn(DIGITS, first)) {
            return Format.SIMOG_V1;
        }
        if (first >= 'A' && first <= 'U') {
            return Format.SIMOG_V2_PCP;
        }
        if (first == 'X' || first == 'Y' || first == 'Z') {
            return Format.SMART_CIG;
        }
        return null;
    }

    private static Optional<String> problemWithNormalised(String cig) {
        if (cig == null) {
            return Optional.of("il valore è obbligatorio");
        }
        if (cig.isEmpty()) {
            return Optional.of("il valore è vuoto");
        }
        if (cig.length() != LENGTH) {
            return Optional.of("deve essere lungo " + LENGTH + " caratteri, ne ha " + cig.length());
        }
        Format format = formatOf(cig.charAt(0));
        if (format == null) {
            return Optional.of("il primo carattere '" + cig.charAt(0) + "' non corrisponde a nessun formato di CIG"
                    + " (ammessi: una cifra per SIMOG, una lettera da A a U per SIMOG/PCP, X, Y o Z per SmartCIG)");
        }
        return switch (format) {
            case SIMOG_V1 -> problemWithSimogV1(cig);
            case SIMOG_V2_PCP -> problemWithSimogV2(cig);
            case SMART_CIG -> problemWithSmartCig(cig);
        };
    }

    private static Optional<String> problemWithSimogV1(String cig) {
        Optional<String> problem = firstCharacterNotIn(cig, 0, 7, DIGITS,
                "i primi 7 caratteri di un CIG SIMOG che inizia con una cifra sono cifre decimali");
        if (problem.isEmpty()) {
            problem = firstCharacterNotIn(cig, 7, 10, HEX_DIGITS,
                    "i caratteri di controllo (posizioni 8-10) sono esadecimali (0-9, A-F)");
        }
        if (problem.isPresent()) {
            return problem;
        }
        long progressive = Long.parseLong(cig.substring(0, 7));
        if (progressive == 0) {
            return Optional.of("il progressivo (posizioni 1-7) non può essere 0000000");
        }
        return checkMatches(cig.substring(7), simogV1Check(progressive));
    }

    private static Optional<String> problemWithSimogV2(String cig) {
        Optional<String> problem = firstCharacterNotIn(cig, 1, 7, HEX_DIGITS,
                "il progressivo (posizioni 2-7) di un CIG SIMOG/PCP è esadecimale (0-9, A-F)");
        if (problem.isEmpty()) {
            problem = firstCharacterNotIn(cig, 7, 10, HEX_DIGITS,
                    "i caratteri di controllo (posizioni 8-10) sono esadecimali (0-9, A-F)");
        }
        if (problem.isPresent()) {
            return problem;
        }
        long progressive = Long.parseLong(cig.substring(1, 7), 16);
        return checkMatches(cig.substring(7), simogV2Check(cig.charAt(0), progressive));
    }

    private static Optional<String> problemWithSmartCig(String cig) {
        Optional<String> problem = firstCharacterNotIn(cig, 1, 3, HEX_DIGITS,
                "i caratteri di controllo (posizioni 2-3) di uno SmartCIG sono esadecimali (0-9, A-F)");
        if (problem.isEmpty()) {
            problem = firstCharacterNotIn(cig, 3, 10, HEX_DIGITS,
                    "il progressivo (posizioni 4-10) di uno SmartCIG è esadecimale (0-9, A-F)");
        }
        if (problem.isPresent()) {
            return problem;
        }
        long progressive = Long.parseLong(cig.substring(3), 16);
        if (progressive == 0) {
            return Optional.of("il progressivo (posizioni 4-10) non può essere 0000000");
        }
        return checkMatches(cig.substring(1, 3), smartCigCheck(progressive));
    }

    private static Optional<String> checkMatches(String found, String expected) {
        if (found.equals(expected)) {
            return Optional.empty();
        }
        return Optional.of("i caratteri di controllo non corrispondono (attesi \"" + expected
                + "\", trovati \"" + found + "\")");
    }

    private static String simogV1Check(long progressive) {
        return hex(progressive * 211 % 4091, 3);
    }

    private static String simogV2Check(char letter, long progressive) {
        // Ord is the position in the 26-letter alphabet: ANAC's note says J = 10, and ANAC's own
        // samples K00003EC3A and L00003DC3A only check out that way (not with the 21-letter
        // Italian alphabet, which has no J and K).
        int ord = letter - 'A' + 1;
        return hex((progressive + ord) * 211 % 4091, 3);
    }

    private static String smartCigCheck(long progressive) {
        return hex(progressive * 211 % 251, 2);
    }

    private static String hex(long number, int width) {
        String digits = Long.toHexString(number).toUpperCase(Locale.ROOT);
        return "0".repeat(width - digits.length()) + digits;
    }

    /** Positions in messages are 1-based, as a person counts them. */
    private static Optional<String> firstCharacterNotIn(String cig, int from, int to, String allowed, String rule) {
        for (int i = from; i < to; i++) {
            if (!isIn(allowed, cig.charAt(i))) {
                return Optional.of("il carattere '" + cig.charAt(i) + "' in posizione " + (i + 1)
                        + " non è ammesso: " + rule);
            }
        }
        return Optional.empty();
    }

    private static boolean isIn(String allowed, char c) {
        return allowed.indexOf(c) >= 0;
    }

    private static void requireArgument(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
