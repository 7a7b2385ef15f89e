package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.Percentage;

/**
 * The amounts of a progress statement, cumulative (from the start of works) or for a period.
 *
 * @param grossDiscountable works at list prices, subject to the ribasso
 * @param discount          the ribasso on them
 * @param safety            safety costs (oneri della sicurezza), never discounted
 * @param netWorks          grossDiscountable − discount + safety: what the contractor has earned
 */
public record Totals(Money grossDiscountable, Money discount, Money safety, Money netWorks) {

    public static final Totals ZERO = new Totals(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    /**
     * Cumulative totals from the gross amounts: the ribasso is applied once to the cumulative gross
     * subject to it and rounded once to the cent, so period discounts (differences) add up exactly.
     */
    public static Totals of(Money grossDiscountable, Money safety, Percentage ribasso) {
        Money discount = grossDiscountable.percent(ribasso.value());
        return new Totals(grossDiscountable, discount, safety, grossDiscountable.minus(discount).plus(safety));
    }

    public Money gross() {
        return grossDiscountable.plus(safety);
    }

    public Totals minus(Totals other) {
        return new Totals(grossDiscountable.minus(other.grossDiscountable), discount.minus(other.discount),
                safety.minus(other.safety), netWorks.minus(other.netWorks));
    }
}
