package it.openesecuzione.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount in euro, always held to the cent (scale 2). Negative amounts are allowed: they occur
 * as deductions, penali and corrections.
 *
 * <p>Every result that does not fall on a cent is rounded once, with {@link #ROUNDING}, in the
 * constructor; that is also why records built from 10, 10.0 and 10.000 are equal.
 *
 * @param amount the amount, at scale 2
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    /** Euro amounts are stated to the cent. */
    public static final int SCALE = 2;

    /**
     * The one rounding rule for amounts: half up to the cent (0.005 becomes 0.01), as Italian
     * accounting and invoicing practice rounds, rather than Java's banker's rounding (HALF_EVEN),
     * which would give sums that differ by a cent from the ones the uffici compute by hand.
     */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    private static final String KIND = "importo";
    /** Optional sign, digits, optional point and decimals: the form of BigDecimal without exponent. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    public Money {
        if (amount == null) {
            throw new InvalidValueException(KIND, null, "il valore è obbligatorio");
        }
        amount = amount.setScale(SCALE, ROUNDING);
    }

    /** The amount rounded to the cent with {@link #ROUNDING}. */
    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    /**
     * Parses an amount written with a point before the decimals and no thousands separator, like
     * "1234.50" or "-12". Unlike {@link #of(BigDecimal)}, text with more than two decimals is
     * rejected rather than rounded: "12.345" typed by an Italian user most likely means
     * twelve thousand, not twelve euro.
     */
    public static Money of(String text) {
        if (text == null) {
            throw new InvalidValueException(KIND, null, "il valore è obbligatorio");
        }
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidValueException(KIND, text, "il valore è vuoto");
        }
        if (trimmed.indexOf(',') >= 0) {
            throw new InvalidValueException(KIND, text, "contiene una virgola: scrivere l'importo con il punto"
                    + " prima dei decimali e senza separatore delle migliaia (es. 1234.50)");
        }
        if (!PLAIN_DECIMAL.matcher(trimmed).matches()) {
            throw new InvalidValueException(KIND, text, "non è un numero (forma attesa: 1234.50)");
        }
        BigDecimal parsed = new BigDecimal(trimmed);
        if (parsed.scale() > SCALE) {
            throw new InvalidValueException(KIND, text, "ha " + parsed.scale() + " decimali, al massimo " + SCALE
                    + " (se il punto separa le migliaia, scrivere l'importo senza separatori: es. 12345.00)");
        }
        return new Money(parsed);
    }

    public Money plus(Money other) {
        Objects.requireNonNull(other, "l'importo da sommare è obbligatorio");
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        Objects.requireNonNull(other, "l'importo da sottrarre è obbligatorio");
        return new Money(amount.subtract(other.amount));
    }

    /** This amount multiplied by {@code factor} (a quantity, a coefficient), rounded once to the cent. */
    public Money times(BigDecimal factor) {
        Objects.requireNonNull(factor, "il fattore è obbligatorio");
        return new Money(amount.multiply(factor));
    }

    /**
     * The given percentage of this amount: {@code percent(20)} is 20%. The product is computed
     * exactly and rounded once to the cent: 10% of 0.45 is 0.045, which gives 0.05 (HALF_EVEN
     * would give 0.04).
     */
    public Money percent(BigDecimal pct) {
        Objects.requireNonNull(pct, "la percentuale è obbligatoria");
        return new Money(amount.multiply(pct).movePointLeft(2));
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** Plain decimal with a point and two decimals, like "1234.50": the form for data and APIs. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }

    /**
     * Italian form for people, like "€ 1.234,50" or "€ -1.234,50": point between thousands, comma
     * before cents. Built by hand rather than with {@link java.text.NumberFormat}, whose Italian
     * output (symbol position, kind of space) depends on the JDK's locale data.
     */
    public String formatIt() {
        String plain = amount.abs().toPlainString();
        int point = plain.indexOf('.');
        String units = plain.substring(0, point);
        String cents = plain.substring(point + 1);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < units.length(); i++) {
            if (i > 0 && (units.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(units.charAt(i));
        }
        return "€ " + (isNegative() ? "-" : "") + grouped + "," + cents;
    }
}
