package it.openesecuzione.shared;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A percentage between 0 and 100 inclusive, such as the ribasso offered in a gara: 12.5 means
 * 12.5%.
 *
 * <p>Up to {@link #MAX_DECIMALS} decimals, because offers and ANAC records state the ribasso with
 * several decimals; a value with more is rejected rather than rounded, since rounding an offered
 * ribasso would change the offer. The value is held at scale {@link #MAX_DECIMALS}, so 12.5 and
 * 12.50 make equal records.
 *
 * @param value the percentage, 0-100, at scale {@link #MAX_DECIMALS}
 */
public record Percentage(BigDecimal value) {

    public static final int MAX_DECIMALS = 5;

    private static final String KIND = "percentuale";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Optional sign, digits, optional point and decimals: the form of BigDecimal without exponent. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    public Percentage {
        Optional<String> problem = problemWithValue(value);
        if (problem.isPresent()) {
            throw new InvalidValueException(KIND, InvalidValueException.Gender.FEMININE,
                    value == null ? null : value.toPlainString(), problem.get());
        }
        value = value.setScale(MAX_DECIMALS);
    }

    public static Percentage of(BigDecimal value) {
        return new Percentage(value);
    }

    /** Parses a percentage written with a point before the decimals, like "12.34567", without "%". */
    public static Percentage of(String text) {
        Optional<String> problem = problemWith(text);
        if (problem.isPresent()) {
            throw new InvalidValueException(KIND, InvalidValueException.Gender.FEMININE, text, problem.get());
        }
        return new Percentage(new BigDecimal(text.trim()));
    }

    /** Why {@code candidate} is not a valid percentage, in Italian; empty when it is valid. */
    public static Optional<String> problemWith(String candidate) {
        if (candidate == null) {
            return Optional.of("il valore è obbligatorio");
        }
        String trimmed = candidate.trim();
        if (trimmed.isEmpty()) {
            return Optional.of("il valore è vuoto");
        }
        if (trimmed.indexOf(',') >= 0) {
            return Optional.of("contiene una virgola: scrivere la percentuale con il punto prima dei decimali"
                    + " (es. 12.345)");
        }
        if (!PLAIN_DECIMAL.matcher(trimmed).matches()) {
            return Optional.of("non è un numero (forma attesa: 12.345, senza il simbolo %)");
        }
        return problemWithValue(new BigDecimal(trimmed));
    }

    public static boolean isValid(String candidate) {
        return problemWith(candidate).isEmpty();
    }

    /** The value without trailing zeros, like "12.5" or "100". */
    @Override
    public String toString() {
        return value.stripTrailingZeros().toPlainString();
    }

    /** Italian notation for pages and documents: "12,5 %". */
    public String formatIt() {
        return toString().replace('.', ',') + " %";
    }

    private static Optional<String> problemWithValue(BigDecimal value) {
        if (value == null) {
            return Optional.of("il valore è obbligatorio");
        }
        if (value.signum() < 0) {
            return Optional.of("è negativa, deve essere tra 0 e 100");
        }
        if (value.compareTo(HUNDRED) > 0) {
            return Optional.of("supera 100, deve essere tra 0 e 100");
        }
        // Trailing zeros are not precision: 12.5000000 is 12.5.
        int decimals = Math.max(0, value.stripTrailingZeros().scale());
        if (decimals > MAX_DECIMALS) {
            return Optional.of("ha " + decimals + " decimali, al massimo " + MAX_DECIMALS);
        }
        return Optional.empty();
    }
}
