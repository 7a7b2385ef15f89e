package it.openesecuzione.accounting;

import it.openesecuzione.shared.FieldViolation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A price list item as typed in a form or read from one row of an imported file, not yet
 * checked. {@link #problems()} says, in Italian, everything wrong with it; {@link #toItem()} gives
 * the item when nothing is.
 *
 * @param quantity null means no quantity in the computo (0)
 * @param subjectToDiscount null means subject to the discount (the usual case)
 */
public record PriceItemInput(String code, String description, String unit, BigDecimal unitPrice, BigDecimal quantity,
        Boolean subjectToDiscount) {

    public static final int MAX_CODE = 60;
    public static final int MAX_UNIT = 20;
    public static final int MAX_DESCRIPTION = 4000;

    public List<FieldViolation> problems() {
        List<FieldViolation> problems = new ArrayList<>();
        if (code == null || code.isBlank()) {
            problems.add(new FieldViolation("codice", code, "Il codice della voce è obbligatorio"));
        } else if (code.trim().length() > MAX_CODE) {
            problems.add(new FieldViolation("codice", code, "Il codice supera " + MAX_CODE + " caratteri"));
        }
        if (description == null || description.isBlank()) {
            problems.add(new FieldViolation("descrizione", description, "La descrizione della voce è obbligatoria"));
        } else if (description.length() > MAX_DESCRIPTION) {
            problems.add(new FieldViolation("descrizione", null, "La descrizione supera " + MAX_DESCRIPTION + " caratteri"));
        }
        if (unit == null || unit.isBlank()) {
            problems.add(new FieldViolation("unitaMisura", unit, "L'unità di misura è obbligatoria (es. m³, kg, cad)"));
        } else if (unit.trim().length() > MAX_UNIT) {
            problems.add(new FieldViolation("unitaMisura", unit, "L'unità di misura supera " + MAX_UNIT + " caratteri"));
        }
        if (unitPrice == null) {
            problems.add(new FieldViolation("prezzoUnitario", null, "Il prezzo unitario è obbligatorio"));
        } else if (unitPrice.signum() < 0) {
            problems.add(new FieldViolation("prezzoUnitario", unitPrice.toPlainString(), "Il prezzo unitario non può essere negativo"));
        } else if (unitPrice.stripTrailingZeros().scale() > PriceItem.PRICE_DECIMALS) {
            problems.add(new FieldViolation("prezzoUnitario", unitPrice.toPlainString(),
                    "Il prezzo unitario ha più di " + PriceItem.PRICE_DECIMALS + " decimali"));
        } else if (unitPrice.precision() - unitPrice.scale() > 12) {
            problems.add(new FieldViolation("prezzoUnitario", unitPrice.toPlainString(), "Il prezzo unitario è troppo grande"));
        }
        if (quantity != null && quantity.stripTrailingZeros().scale() > Measurement.QUANTITY_DECIMALS) {
            problems.add(new FieldViolation("quantita", quantity.toPlainString(),
                    "La quantità ha più di " + Measurement.QUANTITY_DECIMALS + " decimali"));
        } else if (quantity != null && quantity.precision() - quantity.scale() > 12) {
            problems.add(new FieldViolation("quantita", quantity.toPlainString(), "La quantità è troppo grande"));
        }
        return problems;
    }

    /** The item; call only when {@link #problems()} is empty. */
    public PriceItem toItem() {
        List<FieldViolation> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid price item: " + problems);
        }
        return new PriceItem(0, code.trim(), description.trim(), unit.trim(), unitPrice,
                quantity == null ? BigDecimal.ZERO : quantity, subjectToDiscount == null || subjectToDiscount);
    }
}
