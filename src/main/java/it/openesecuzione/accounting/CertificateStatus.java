package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;

/**
 * A certificate as the RUP follows it: whether it was paid late or is overdue, and the late-payment
 * interest accrued at the legal rates entered (to the payment, or to today while unpaid).
 *
 * @param rateMissing true when no legal rate covers the days late: the interest shown is incomplete
 */
public record CertificateStatus(PaymentCertificate certificate, boolean overdue, long daysLate, Money interest,
        boolean rateMissing) {
}
