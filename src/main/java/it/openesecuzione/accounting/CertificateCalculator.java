package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The payment certificate of a SAL: the period's net works, minus the pro-rata recovery of the
 * advance, minus the 0.50% withholding, minus previous certificates, plus VAT shown separately.
 *
 * <p>The advance is recovered in proportion to the works certified: cumulative recovery =
 * advance × cumulative net works ÷ contract amount, rounded once, never more than the advance and
 * never less than already recovered; on the final statement the whole advance, so that it is
 * recovered exactly to zero even when the works came out below the contract amount.
 */
public final class CertificateCalculator {

    private CertificateCalculator() {
    }

    /**
     * @param sal            the statement certified
     * @param previous       the figures of the previous SAL's certificate, null for the first
     * @param advance        the advance paid (zero when none)
     * @param contractAmount the contract amount the advance was computed on
     */
    public static CertificateFigures compute(SalStatement sal, CertificateFigures previous, Money advance, Money contractAmount,
            BigDecimal vatPercent) {
        Money netWorks = sal.cumulative().netWorks();
        Money withholding = netWorks.percent(AccountingRules.WITHHOLDING_PERCENT);
        Money recoveredBefore = previous == null ? Money.ZERO : previous.advanceRecovered();
        Money recovered;
        if (advance.isZero()) {
            recovered = Money.ZERO;
        } else if (sal.finalStatement()) {
            recovered = advance;
        } else {
            BigDecimal share = contractAmount.isZero() ? BigDecimal.ONE
                    : netWorks.amount().divide(contractAmount.amount(), MathContext.DECIMAL64);
            Money proRata = Money.of(advance.amount().multiply(share));
            recovered = min(advance, max(recoveredBefore, proRata));
        }
        Money paidBefore = previous == null ? Money.ZERO : previous.netDue();
        Money amount = netWorks.minus(withholding).minus(recovered).minus(paidBefore);
        return new CertificateFigures(netWorks, withholding, recovered, paidBefore, amount, vatPercent, amount.percent(vatPercent));
    }

    private static Money min(Money a, Money b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Money max(Money a, Money b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
