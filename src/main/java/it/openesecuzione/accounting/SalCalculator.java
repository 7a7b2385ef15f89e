package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.Percentage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a progress statement. The rounding rule of the whole module (see docs/accounting.md):
 * every figure is computed on cumulative values and rounded once to the cent, half up
 * ({@link Money#ROUNDING}); a period's figure is the difference of two cumulative ones. So
 * periods always add up, to the cent, to the cumulative figures.
 */
public final class SalCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SalCalculator() {
    }

    /**
     * A works SAL from the measurement book.
     *
     * @param items        the price list, in display order
     * @param measurements every entry up to this SAL: those of earlier SALs and the new ones
     * @param previous     the previous SAL, null for the first
     */
    public static SalStatement fromMeasurements(int number, LocalDate date, boolean finalStatement, Percentage ribasso,
            List<PriceItem> items, List<Measurement> measurements, SalStatement previous) {
        Map<Long, BigDecimal> quantities = new HashMap<>(items.size() * 2);
        Map<Long, Integer> entries = new HashMap<>(items.size() * 2);
        for (Measurement m : measurements) {
            quantities.merge(m.itemId(), m.quantity(), BigDecimal::add);
            entries.merge(m.itemId(), 1, Integer::sum);
        }
        Map<Long, SalLine> before = new HashMap<>();
        if (previous != null) {
            previous.lines().forEach(line -> before.put(line.itemId(), line));
        }
        List<SalLine> lines = new ArrayList<>();
        Money discountable = Money.ZERO;
        Money safety = Money.ZERO;
        BigDecimal zeroQty = BigDecimal.ZERO.setScale(Measurement.QUANTITY_DECIMALS);
        for (PriceItem item : items) {
            BigDecimal quantity = quantities.get(item.id());
            SalLine earlier = before.get(item.id());
            if (quantity == null && earlier == null) {
                continue;
            }
            BigDecimal cumulative = quantity == null ? zeroQty : quantity.setScale(Measurement.QUANTITY_DECIMALS);
            Money amount = item.amountOf(cumulative);
            lines.add(new SalLine(item.id(), item.code(), item.description(), item.unit(), item.unitPrice(),
                    item.subjectToDiscount(), earlier == null ? zeroQty : earlier.cumulativeQuantity(), cumulative,
                    earlier == null ? Money.ZERO : earlier.cumulativeAmount(), amount, entries.getOrDefault(item.id(), 0)));
            if (item.subjectToDiscount()) {
                discountable = discountable.plus(amount);
            } else {
                safety = safety.plus(amount);
            }
        }
        return new SalStatement(number, date, SalBasis.MISURE, finalStatement, null, lines,
                Totals.of(discountable, safety, ribasso), previous == null ? Totals.ZERO : previous.cumulative());
    }

    /**
     * A services or supplies statement: a share of the contract executed in all. The contract
     * amounts are already net of the ribasso, so the statement has no discount: its "gross" is
     * the share of the contract amount without safety costs, and its safety the same share of them.
     *
     * @param contractAmount the contract amount, safety costs included (importo contrattuale)
     * @param safetyCosts    the oneri della sicurezza within it
     * @param percentage     the cumulative share executed, 0–100, at most 4 decimals
     */
    public static SalStatement fromPercentage(int number, LocalDate date, boolean finalStatement, SalBasis basis,
            Money contractAmount, Money safetyCosts, BigDecimal percentage, SalStatement previous) {
        if (basis == SalBasis.MISURE) {
            throw new IllegalArgumentException("A works SAL comes from measurements");
        }
        BigDecimal share = percentage.setScale(4, RoundingMode.UNNECESSARY);
        Money safety = safetyCosts.percent(share);
        Money works = contractAmount.percent(share).minus(safety);
        Totals cumulative = new Totals(works, Money.ZERO, safety, works.plus(safety));
        return new SalStatement(number, date, basis, finalStatement, share, List.of(), cumulative,
                previous == null ? Totals.ZERO : previous.cumulative());
    }

    /** The cumulative share of the contract reached by the given milestones (their percentages summed). */
    public static BigDecimal milestoneShare(List<BigDecimal> reachedPercentages) {
        BigDecimal sum = reachedPercentages.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.min(HUNDRED);
    }
}
