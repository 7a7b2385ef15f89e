package it.openesecuzione.accounting;

import it.openesecuzione.shared.InvalidValueException;
import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An item of the contract's price list (elenco prezzi), with the quantity of the bill of
 * quantities (computo metrico). Safety costs (oneri della sicurezza) are items not subject to the
 * tender discount (ribasso): {@code subjectToDiscount} false.
 *
 * @param id        the stored item's id; 0 before it is stored
 * @param code      the price list code (tariffa), e.g. "A.01.001", unique in the contract
 * @param unitPrice euro per unit, at most {@link #PRICE_DECIMALS} decimals, before the discount
 * @param quantity  the quantity of the computo, at most {@link Measurement#QUANTITY_DECIMALS} decimals
 */
public record PriceItem(long id, String code, String description, String unit, BigDecimal unitPrice, BigDecimal quantity,
        boolean subjectToDiscount) {

    /** Regional price lists state some unit prices to the tenth of a cent (e.g. per kg of steel). */
    public static final int PRICE_DECIMALS = 4;

    public PriceItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(unit, "unit");
        if (unitPrice == null || unitPrice.signum() < 0 || unitPrice.stripTrailingZeros().scale() > PRICE_DECIMALS) {
            throw new InvalidValueException("prezzo unitario", unitPrice == null ? null : unitPrice.toPlainString(),
                    "deve essere un importo non negativo con al più " + PRICE_DECIMALS + " decimali");
        }
        if (quantity == null || quantity.stripTrailingZeros().scale() > Measurement.QUANTITY_DECIMALS) {
            throw new InvalidValueException("quantità", quantity == null ? null : quantity.toPlainString(),
                    "deve avere al più " + Measurement.QUANTITY_DECIMALS + " decimali");
        }
        unitPrice = unitPrice.setScale(PRICE_DECIMALS);
        quantity = quantity.setScale(Measurement.QUANTITY_DECIMALS);
    }

    public PriceItem withId(long newId) {
        return new PriceItem(newId, code, description, unit, unitPrice, quantity, subjectToDiscount);
    }

    /** The amount of a quantity of this item at the list price, rounded once to the cent. */
    public Money amountOf(BigDecimal qty) {
        return Money.of(unitPrice.multiply(qty));
    }

    /** The amount of the bill of quantities for this item. */
    public Money computoAmount() {
        return amountOf(quantity);
    }
}
