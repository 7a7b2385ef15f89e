package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;
import java.math.BigDecimal;

/**
 * One price item in a progress statement: the quantities measured up to the previous SAL, in this
 * period and in all, and their amounts at list price. Amounts are computed on the cumulative
 * quantity (rounded once) and the period's by difference, so periods always add up to the total.
 */
public record SalLine(long itemId, String code, String description, String unit, BigDecimal unitPrice,
        boolean subjectToDiscount, BigDecimal previousQuantity, BigDecimal cumulativeQuantity, Money previousAmount,
        Money cumulativeAmount, int entries) {

    public BigDecimal periodQuantity() {
        return cumulativeQuantity.subtract(previousQuantity);
    }

    public Money periodAmount() {
        return cumulativeAmount.minus(previousAmount);
    }
}
