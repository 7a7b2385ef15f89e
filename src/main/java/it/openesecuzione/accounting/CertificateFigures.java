package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;
import java.math.BigDecimal;

/**
 * The figures of a payment certificate for a SAL. Cumulative figures (from the start of works)
 * are each rounded once; the certificate's amount is the cumulative net due minus what earlier
 * certificates paid, so for any sequence of SALs: Σ certificates + withholding + advance
 * recovered = net works amount, to the cent.
 *
 * @param netWorks          cumulative net works amount (from the SAL)
 * @param withholding       cumulative 0.50% withholding on it
 * @param advanceRecovered  cumulative recovery of the advance
 * @param previousPayments  what earlier SAL certificates paid (net of VAT)
 * @param amount            this certificate: net works − withholding − recovery − previous payments
 * @param vatPercent        VAT rate
 * @param vat               VAT on {@code amount}, paid by the authority to the Treasury (split payment)
 */
public record CertificateFigures(Money netWorks, Money withholding, Money advanceRecovered, Money previousPayments,
        Money amount, BigDecimal vatPercent, Money vat) {

    /** What the authority pays in all: to the contractor the amount, to the Treasury the VAT. */
    public Money total() {
        return amount.plus(vat);
    }

    /** Cumulative net due: what all SAL certificates up to this one pay together. */
    public Money netDue() {
        return previousPayments.plus(amount);
    }
}
