package it.openesecuzione.accounting;

import it.openesecuzione.shared.InvalidValueException;
import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Penalties for delay (art. 126): a daily rate between 0.5 and 1.5 per thousand of the net
 * contract amount for each day the works were completed after the term (the term already moved by
 * suspensions, extensions and modifications), in all no more than 10% of that amount. Reaching
 * the cap is grounds for termination, so {@link #capReached()} is shown as a warning.
 *
 * @param deadline    the contract term, null while unknown (no handover yet)
 * @param completedOn the completion date, or the day of computation for works still running
 */
public record PenaltyCalculation(Money base, BigDecimal perMille, LocalDate deadline, LocalDate completedOn, long daysLate,
        Money accrued, Money cap, Money amount) {

    public static PenaltyCalculation of(Money base, BigDecimal perMille, LocalDate deadline, LocalDate completedOn) {
        checkRate(perMille);
        long days = deadline == null || completedOn == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(deadline, completedOn));
        Money accrued = Money.of(base.amount().multiply(perMille).multiply(BigDecimal.valueOf(days)).movePointLeft(3));
        Money cap = base.percent(AccountingRules.PENALTY_CAP_PERCENT);
        return new PenaltyCalculation(base, perMille, deadline, completedOn, days, accrued, cap,
                accrued.compareTo(cap) > 0 ? cap : accrued);
    }

    public static void checkRate(BigDecimal perMille) {
        if (perMille == null || perMille.compareTo(AccountingRules.MIN_PENALTY_PER_MILLE) < 0
                || perMille.compareTo(AccountingRules.MAX_PENALTY_PER_MILLE) > 0) {
            throw new InvalidValueException("penale giornaliera", InvalidValueException.Gender.FEMININE,
                    perMille == null ? null : perMille.toPlainString(),
                    "deve essere tra lo 0,5 e l'1,5 per mille dell'importo netto contrattuale (art. 126)");
        }
    }

    /** The penalties reached 10% of the net amount: the authority may terminate the contract. */
    public boolean capReached() {
        return daysLate > 0 && accrued.compareTo(cap) >= 0;
    }
}
