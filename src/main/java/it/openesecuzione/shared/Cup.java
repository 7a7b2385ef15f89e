package it.openesecuzione.shared;

import java.util.Locale;
import java.util.Optional;

/**
 * Codice Unico di Progetto: the 15-character code that identifies a public investment project
 * (legge 3/2003, art. 11; assigned by the DIPE system, Presidenza del Consiglio dei Ministri).
 *
 * <p>The shape checked is {@code ^[A-Z][0-9]{2}[A-Z][0-9]{11}$}: a letter, two digits, a letter,
 * eleven digits. Real CUPs have it (J51B21003410006, E17H03000130001, B51B04000670001,
 * F89J21001990001), but DIPE publishes no check-digit algorithm, so a CUP with a typo in a digit
 * still passes: only the CUP system (OpenCUP) can tell whether a code was really issued.
 *
 * @param value the code, trimmed and upper case
 */
public record Cup(String value) {

    public static final int LENGTH = 15;

    private static final String KIND = "CUP";
    /** L = letter, D = digit, one symbol per position. */
    private static final String LAYOUT = "LDDLDDDDDDDDDDD";

    public Cup {
        String normalised = normalise(value);
        Optional<String> problem = problemWithNormalised(normalised);
        if (problem.isPresent()) {
            throw new InvalidValueException(KIND, value, problem.get());
        }
        value = normalised;
    }

    /** Why {@code candidate} is not a well-formed CUP, in Italian; empty when it is. */
    public static Optional<String> problemWith(String candidate) {
        return problemWithNormalised(normalise(candidate));
    }

    public static boolean isValid(String candidate) {
        return problemWith(candidate).isEmpty();
    }

    /** The code itself, so that templates and string concatenation show it as written. */
    @Override
    public String toString() {
        return value;
    }

    private static String normalise(String candidate) {
        return candidate == null ? null : candidate.trim().toUpperCase(Locale.ROOT);
    }

    private static Optional<String> problemWithNormalised(String cup) {
        if (cup == null) {
            return Optional.of("il valore è obbligatorio");
        }
        if (cup.isEmpty()) {
            return Optional.of("il valore è vuoto");
        }
        if (cup.length() != LENGTH) {
            return Optional.of("deve essere lungo " + LENGTH + " caratteri, ne ha " + cup.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = cup.charAt(i);
            boolean letterExpected = LAYOUT.charAt(i) == 'L';
            boolean fits = letterExpected ? c >= 'A' && c <= 'Z' : c >= '0' && c <= '9';
            if (!fits) {
                // Positions are 1-based, as a person counts them.
                return Optional.of("il carattere '" + c + "' in posizione " + (i + 1) + " dovrebbe essere "
                        + (letterExpected ? "una lettera" : "una cifra")
                        + " (forma attesa: lettera, 2 cifre, lettera, 11 cifre)");
            }
        }
        return Optional.empty();
    }
}
