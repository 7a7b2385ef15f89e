package it.openesecuzione.shared;

import java.util.Locale;
import java.util.Optional;

/**
 * Codice fiscale (DPR 605/1973), in either of its two forms:
 *
 * <ul>
 *   <li>16 characters, for persone fisiche: cognome (3 letters), nome (3), year (2 digits), month
 *       (1 letter), day of birth plus 40 for women (2 digits), comune or foreign state (letter and
 *       3 digits), check character. With omocodia the Agenzia delle Entrate replaces digits with
 *       L M N P Q R S T U V (for 0-9), so those letters are accepted in every digit position;
 *   <li>11 digits, for enti, società and other soggetti diversi dalle persone fisiche (and for
 *       provisional codes), with the same structure and check digit as the {@link PartitaIva}.
 * </ul>
 *
 * <p>Not checked: whether the comune code exists and whether the date is a real calendar day
 * (30 February); only the registry of the Agenzia delle Entrate can tell whether a code was issued,
 * the check character already catches typos. Nor is the order of the omocodia substitutions
 * checked (the Agenzia replaces digits starting from the right).
 *
 * @param value the code, trimmed and upper case
 */
public record CodiceFiscale(String value) {

    public static final int PERSONAL_LENGTH = 16;
    public static final int NUMERIC_LENGTH = 11;

    private static final String KIND = "codice fiscale";
    /** L = letter, D = digit or its omocodia letter, M = month letter, C = check letter. */
    private static final String PERSONAL_LAYOUT = "LLLLLLDDMDDLDDDC";
    /** Months January-December. */
    private static final String MONTH_LETTERS = "ABCDEHLMPRST";
    /** Omocodia substitutes for the digits 0-9. */
    private static final String OMOCODIA_LETTERS = "LMNPQRSTUV";
    /** Value added to the check sum by a character in an odd position (1st, 3rd, ...): 0-9, then A-Z. */
    private static final int[] ODD_POSITION_DIGITS = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
    private static final int[] ODD_POSITION_LETTERS = {
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
    };

    public CodiceFiscale {
        String normalised = normalise(value);
        Optional<String> problem = problemWithNormalised(normalised);
        if (problem.isPresent()) {
            throw new InvalidValueException(KIND, value, problem.get());
        }
        value = normalised;
    }

    /** True for the 16-character code of a persona fisica, false for the 11-digit numeric code. */
    public boolean isPersonal() {
        return value.length() == PERSONAL_LENGTH;
    }

    /** Why {@code candidate} is not a valid codice fiscale, in Italian; empty when it is valid. */
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

    private static Optional<String> problemWithNormalised(String code) {
        if (code == null) {
            return Optional.of("il valore è obbligatorio");
        }
        if (code.isEmpty()) {
            return Optional.of("il valore è vuoto");
        }
        if (code.length() == PERSONAL_LENGTH) {
            return problemWithPersonal(code);
        }
        if (code.length() == NUMERIC_LENGTH) {
            return PartitaIva.problemWithElevenDigits(code);
        }
        return Optional.of("deve avere " + PERSONAL_LENGTH + " caratteri (persona fisica) o " + NUMERIC_LENGTH
                + " cifre (soggetto diverso da persona fisica), ne ha " + code.length());
    }

    private static Optional<String> problemWithPersonal(String code) {
        for (int i = 0; i < PERSONAL_LENGTH; i++) {
            char c = code.charAt(i);
            boolean digitExpected = PERSONAL_LAYOUT.charAt(i) == 'D';
            boolean fits = digitExpected ? isDigit(c) || OMOCODIA_LETTERS.indexOf(c) >= 0 : isLetter(c);
            if (!fits) {
                // Positions are 1-based, as a person counts them.
                return Optional.of("il carattere '" + c + "' in posizione " + (i + 1) + " dovrebbe essere "
                        + (digitExpected
                                ? "una cifra (o, per omocodia, una delle lettere L, M, N, P, Q, R, S, T, U, V)"
                                : "una lettera"));
            }
        }
        char month = code.charAt(8);
        if (MONTH_LETTERS.indexOf(month) < 0) {
            return Optional.of("la lettera del mese '" + month + "' (posizione 9) non indica alcun mese:"
                    + " sono ammesse A, B, C, D, E, H, L, M, P, R, S, T");
        }
        int day = digitValue(code.charAt(9)) * 10 + digitValue(code.charAt(10));
        if (!(day >= 1 && day <= 31) && !(day >= 41 && day <= 71)) {
            return Optional.of("il giorno di nascita " + String.format("%02d", day) + " (posizioni 10-11) non è"
                    + " possibile: va da 01 a 31, o da 41 a 71 per le donne");
        }
        char expected = checkCharacter(code);
        char found = code.charAt(15);
        if (expected != found) {
            return Optional.of("il carattere di controllo non corrisponde (atteso '" + expected
                    + "', trovato '" + found + "')");
        }
        return Optional.empty();
    }

    /**
     * Check character of the first 15 characters: characters in odd positions are
     * converted with the "dispari" table, those in even positions with their plain value (0-9, A=0
     * ... Z=25); the sum modulo 26 is the letter. Omocodia letters go through the same tables.
     */
    private static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < PERSONAL_LENGTH - 1; i++) {
            char c = code.charAt(i);
            boolean oddPosition = i % 2 == 0;
            if (oddPosition) {
                sum += isDigit(c) ? ODD_POSITION_DIGITS[c - '0'] : ODD_POSITION_LETTERS[c - 'A'];
            } else {
                sum += isDigit(c) ? c - '0' : c - 'A';
            }
        }
        return (char) ('A' + sum % 26);
    }

    /** The digit a character stands for, undoing omocodia. */
    private static int digitValue(char c) {
        return isDigit(c) ? c - '0' : OMOCODIA_LETTERS.indexOf(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
