package it.openesecuzione.accounting;

import it.openesecuzione.shared.InvalidValueException;
import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Price revision per art. 60 as amended in 2024: when a cost index moved, from the offer's month
 * to the month of execution, by more than the threshold (3% for works, 5% for services and
 * supplies), the part beyond it is recognised at 90% (works) or 80% (services and supplies), up or
 * down, on the amount of what was executed in the period.
 *
 * @param variationPercent (current − base) ÷ base × 100, to four decimals
 * @param excessPercent    the part of |variation| beyond the threshold, 0 when below
 * @param amount           basis × excess × share, with the variation's sign; rounded once
 */
public record PriceRevisionCalculation(boolean works, Money basis, BigDecimal baseIndex, BigDecimal currentIndex,
        BigDecimal variationPercent, BigDecimal thresholdPercent, BigDecimal sharePercent, BigDecimal excessPercent,
        Money amount) {

    public static PriceRevisionCalculation of(boolean works, Money basis, BigDecimal baseIndex, BigDecimal currentIndex) {
        if (baseIndex == null || baseIndex.signum() <= 0) {
            throw new InvalidValueException("indice di base", baseIndex == null ? null : baseIndex.toPlainString(),
                    "deve essere maggiore di zero");
        }
        if (currentIndex == null || currentIndex.signum() <= 0) {
            throw new InvalidValueException("indice corrente", currentIndex == null ? null : currentIndex.toPlainString(),
                    "deve essere maggiore di zero");
        }
        if (basis.isNegative()) {
            throw new InvalidValueException("importo soggetto a revisione", basis.toString(), "non può essere negativo");
        }
        BigDecimal threshold = works ? AccountingRules.WORKS_REVISION_THRESHOLD : AccountingRules.SERVICES_REVISION_THRESHOLD;
        BigDecimal share = works ? AccountingRules.WORKS_REVISION_SHARE : AccountingRules.SERVICES_REVISION_SHARE;
        BigDecimal variation = currentIndex.subtract(baseIndex).multiply(BigDecimal.valueOf(100))
                .divide(baseIndex, 4, RoundingMode.HALF_UP);
        BigDecimal excess = variation.abs().subtract(threshold).max(BigDecimal.ZERO);
        // basis × excess% × share%: one product, rounded once.
        Money amount = Money.of(basis.amount().multiply(excess).multiply(share).movePointLeft(4)
                .multiply(BigDecimal.valueOf(variation.signum())));
        return new PriceRevisionCalculation(works, basis, baseIndex, currentIndex, variation, threshold, share, excess, amount);
    }

    public boolean due() {
        return excessPercent.signum() > 0;
    }
}
