package it.openesecuzione.accounting;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the numbers people type or price lists carry: "1234.56", "1234,56" and "1.234,56" all
 * mean the same. A number with only points is read with the point as decimal separator (the form
 * machines write, and the one {@link it.openesecuzione.shared.Money#of(String)} accepts), so
 * "1.234" is one point two three four, never one thousand: the UI says so beside the fields.
 */
public final class ItalianNumbers {

    private static final Pattern ITALIAN_GROUPED = Pattern.compile("[+-]?[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]+)?");
    private static final Pattern PLAIN = Pattern.compile("[+-]?[0-9]+([.,][0-9]+)?");

    private ItalianNumbers() {
    }

    private static final Pattern AMBIGUOUS = Pattern.compile("[+-]?[0-9]{1,3}(\\.[0-9]{3})+");

    /**
     * Whether a person who typed this may have meant a thousands point: "1.500" is read as 1.5 but
     * may well be fifteen hundred. Forms refuse it and ask for "1500" or "1,5".
     */
    public static boolean ambiguous(String text) {
        return text != null && AMBIGUOUS.matcher(text.trim()).matches();
    }

    /** The number, or empty when the text is blank or not a number. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim().replace("\u00a0", "").replace(" ", "").replace("€", "");
        if (ITALIAN_GROUPED.matcher(trimmed).matches() && trimmed.indexOf(',') >= 0) {
            return Optional.of(new BigDecimal(trimmed.replace(".", "").replace(',', '.')));
        }
        if (PLAIN.matcher(trimmed).matches()) {
            return Optional.of(new BigDecimal(trimmed.replace(',', '.')));
        }
        return Optional.empty();
    }
}
