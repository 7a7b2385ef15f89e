package it.openesecuzione.documents;

import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Numbers and dates the Italian way, for documents: "€ 1.234,56", "1.234,500", "10,5 %",
 * "02/03/2026". Built by hand, like {@link Money#formatIt()}, so the output never depends on the
 * JDK's locale data. Templates call it as {@code fmt}.
 */
final class Formats {

    static final Formats IT = new Formats();

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private Formats() {
    }

    /** "€ 1.234,56"; empty for null. */
    public String money(Money amount) {
        return amount == null ? "" : amount.formatIt();
    }

    public String money(BigDecimal amount) {
        return amount == null ? "" : Money.of(amount).formatIt();
    }

    /** A unit price: "€ 12,50" or, for prices stated to the tenth of a cent, "€ 0,1234". */
    public String price(BigDecimal price) {
        return price == null ? "" : "€ " + decimal(price, 2, 4);
    }

    /** A quantity: "1.234,50", "0,125" (two to three decimals). */
    public String quantity(BigDecimal quantity) {
        return quantity == null ? "" : decimal(quantity, 2, 3);
    }

    /** A measurement factor as written in the book: "2", "3,50"; empty when not given. */
    public String factor(BigDecimal factor) {
        return factor == null ? "" : decimal(factor, 0, 3);
    }

    /** "10,5 %". */
    public String percent(BigDecimal percent) {
        return percent == null ? "" : decimal(percent, 0, 5) + " %";
    }

    /** "1,5 ‰". */
    public String perMille(BigDecimal perMille) {
        return perMille == null ? "" : decimal(perMille, 0, 3) + " ‰";
    }

    public String date(LocalDate date) {
        return date == null ? "" : date.format(DATE);
    }

    /** How much of an item's description a SAL line shows: the designation, as PriMus's short description does. */
    static final int SHORT_DESCRIPTION = 140;

    /**
     * The designation of an item for the lines of a SAL: the description cut at a word boundary
     * after at most {@value #SHORT_DESCRIPTION} characters, with "…". The full description stays in
     * the price list (elenco prezzi), which the code identifies; a SAL of long regional descriptions
     * would otherwise run to twice the pages.
     */
    public String designation(String description) {
        if (description == null || description.length() <= SHORT_DESCRIPTION) {
            return description == null ? "" : description;
        }
        int cut = description.lastIndexOf(' ', SHORT_DESCRIPTION);
        return description.substring(0, cut > SHORT_DESCRIPTION / 2 ? cut : SHORT_DESCRIPTION).stripTrailing() + "…";
    }

    public String yesNo(Boolean value) {
        return value == null ? "" : value ? "Sì" : "No";
    }

    /** An integer with the Italian thousands separator: "2.000". */
    public String integer(long value) {
        return decimal(BigDecimal.valueOf(value), 0, 0);
    }

    /**
     * A number with points between thousands and a comma before at least {@code minDecimals} and
     * at most {@code maxDecimals} decimals (rounded half up beyond them).
     */
    static String decimal(BigDecimal value, int minDecimals, int maxDecimals) {
        BigDecimal scaled = value.setScale(maxDecimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (scaled.scale() < minDecimals) {
            scaled = scaled.setScale(minDecimals);
        }
        String plain = scaled.abs().toPlainString();
        int point = plain.indexOf('.');
        String units = point < 0 ? plain : plain.substring(0, point);
        String decimals = point < 0 ? "" : plain.substring(point + 1);
        StringBuilder text = new StringBuilder(plain.length() + 6);
        if (scaled.signum() < 0) {
            text.append('-');
        }
        for (int i = 0; i < units.length(); i++) {
            if (i > 0 && (units.length() - i) % 3 == 0) {
                text.append('.');
            }
            text.append(units.charAt(i));
        }
        if (!decimals.isEmpty()) {
            text.append(',').append(decimals);
        }
        return text.toString();
    }
}
