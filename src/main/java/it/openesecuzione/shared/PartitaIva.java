package it.openesecuzione.shared;

import java.util.Locale;
import java.util.Optional;

/**
 * Partita IVA: 11 digits, the last a check digit (DPR 633/1972, art. 35; algorithm of the
 * Agenzia delle Entrate, a variant of Luhn's).
 *
 * <p>An "IT" prefix, as in the VAT numbers of the EU VIES system and of fatture elettroniche, is
 * accepted and removed, so "IT00856930102" and "00856930102" are the same partita IVA.
 *
 * <p>Digits 8-10 are the code of the issuing provincial office; they are not checked against a
 * list, because the list is not ours to maintain and the check digit already catches typos.
 *
 * @param value the 11 digits, without prefix
 */
public record PartitaIva(String value) {

    public static final int LENGTH = 11;

    private static final String KIND = "partita IVA";
    private static final String COUNTRY_PREFIX = "IT";

    public PartitaIva {
        Optional<String> problem = problemWith(value);
        if (problem.isPresent()) {
            throw new InvalidValueException(KIND, InvalidValueException.Gender.FEMININE, value, problem.get());
        }
        value = withoutCountryPrefix(normalise(value));
    }

    /** Why {@code candidate} is not a valid partita IVA, in Italian; empty when it is valid. */
    public static Optional<String> problemWith(String candidate) {
        if (candidate == null) {
            return Optional.of("il valore è obbligatorio");
        }
        String normalised = normalise(candidate);
        if (normalised.isEmpty()) {
            return Optional.of("il valore è vuoto");
        }
        return problemWithElevenDigits(withoutCountryPrefix(normalised));
    }

    public static boolean isValid(String candidate) {
        return problemWith(candidate).isEmpty();
    }

    /** The 11 digits, so that templates and string concatenation show them as written. */
    @Override
    public String toString() {
        return value;
    }

    private static String normalise(String candidate) {
        return candidate.trim().toUpperCase(Locale.ROOT);
    }

    private static String withoutCountryPrefix(String normalised) {
        return normalised.startsWith(COUNTRY_PREFIX) ? normalised.substring(COUNTRY_PREFIX.length()) : normalised;
    }

    /**
     * The rules shared by the partita IVA and by the numeric codice fiscale of organisations, which
     * use the same structure and check digit. Reasons are worded to suit both nouns.
     */
    static Optional<String> problemWithElevenDigits(String code) {
        if (code.length() != LENGTH) {
            return Optional.of("deve avere " + LENGTH + " cifre, ha " + code.length() + " caratteri");
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                // Positions are 1-based, as a person counts them.
                return Optional.of("il carattere '" + c + "' in posizione " + (i + 1) + " non è una cifra");
            }
        }
        // 00000000000 passes the check digit, but no office issues it: it is the typical
        // placeholder typed to get past a mandatory field.
        if (code.chars().allMatch(c -> c == '0')) {
            return Optional.of("contiene solo zeri, che non è un codice attribuito");
        }
        int expected = checkDigit(code);
        int found = code.charAt(LENGTH - 1) - '0';
        if (expected != found) {
            return Optional.of("la cifra di controllo non corrisponde (attesa " + expected
                    + ", trovata " + found + ")");
        }
        return Optional.empty();
    }

    /**
     * Check digit of the first 10 digits: digits in odd positions (1st, 3rd, ...) are added as they
     * are; digits in even positions are doubled, subtracting 9 when the double exceeds 9; the check
     * digit brings the total to a multiple of 10.
     */
    static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int digit = digits.charAt(i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }
}
