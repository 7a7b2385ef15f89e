package it.openesecuzione.accounting;

import it.openesecuzione.shared.FieldViolation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An entry of the measurement book (libretto delle misure): on a day, a quantity of a price item,
 * either given directly or as the product of equal parts and dimensions (parti uguali × lunghezza
 * × larghezza × altezza/peso), the way the direttore dei lavori writes it. A negative entry is a
 * deduction ("a detrarre"), as for openings in a wall measured whole.
 *
 * @param id       0 before it is stored
 * @param salNumber the SAL that includes it, null while it is free: an included entry is locked
 */
public record Measurement(long id, long itemId, LocalDate date, String description, BigDecimal parts, BigDecimal length,
        BigDecimal width, BigDecimal height, BigDecimal quantity, String notes, Integer salNumber) {

    /** Quantities are stated to the thousandth (m³ to the litre, t to the kg). */
    public static final int QUANTITY_DECIMALS = 3;

    public Measurement {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(quantity, "quantity");
        quantity = quantity.setScale(QUANTITY_DECIMALS, RoundingMode.HALF_UP);
    }

    public boolean locked() {
        return salNumber != null;
    }

    /**
     * The quantity of an entry: the product of the factors given, rounded once to the thousandth;
     * the quantity itself when no factor is given. Factors and a direct quantity together are
     * refused by {@link #problems}, so the book never says two things.
     */
    public static BigDecimal quantityOf(BigDecimal parts, BigDecimal length, BigDecimal width, BigDecimal height,
            BigDecimal direct) {
        BigDecimal product = null;
        for (BigDecimal factor : new BigDecimal[] {parts, length, width, height}) {
            if (factor != null) {
                product = product == null ? factor : product.multiply(factor);
            }
        }
        BigDecimal quantity = product != null ? product : direct;
        return quantity == null ? null : quantity.setScale(QUANTITY_DECIMALS, RoundingMode.HALF_UP);
    }

    /** What is wrong with an entry's figures, in Italian, field by field. */
    public static List<FieldViolation> problems(LocalDate date, BigDecimal parts, BigDecimal length, BigDecimal width,
            BigDecimal height, BigDecimal direct) {
        List<FieldViolation> problems = new ArrayList<>();
        if (date == null) {
            problems.add(new FieldViolation("data", null, "La data della misura è obbligatoria"));
        }
        boolean anyFactor = parts != null || length != null || width != null || height != null;
        if (anyFactor && direct != null) {
            problems.add(new FieldViolation("quantita", direct.toPlainString(),
                    "Indicare la quantità oppure le dimensioni (parti uguali, lunghezza, larghezza, altezza/peso), non entrambe"));
        }
        if (!anyFactor && direct == null) {
            problems.add(new FieldViolation("quantita", null, "Indicare la quantità o almeno una dimensione"));
        }
        String[] names = {"partiUguali", "lunghezza", "larghezza", "altezza", "quantita"};
        BigDecimal[] values = {parts, length, width, height, direct};
        for (int i = 0; i < values.length; i++) {
            BigDecimal value = values[i];
            if (value != null && value.stripTrailingZeros().scale() > QUANTITY_DECIMALS) {
                problems.add(new FieldViolation(names[i], value.toPlainString(), "Al più " + QUANTITY_DECIMALS + " decimali"));
            } else if (value != null && value.precision() - value.scale() > 10) {
                problems.add(new FieldViolation(names[i], value.toPlainString(), "Valore troppo grande"));
            }
        }
        BigDecimal quantity = problems.isEmpty() ? quantityOf(parts, length, width, height, direct) : null;
        if (quantity != null && quantity.signum() == 0) {
            problems.add(new FieldViolation("quantita", quantity.toPlainString(), "La quantità risultante è zero"));
        }
        return problems;
    }
}
