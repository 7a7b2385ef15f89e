package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;
import java.time.LocalDate;

/**
 * An issued payment certificate.
 *
 * @param salNumber     the SAL it certifies, null for the advance and the balance
 * @param dueDate       the day by which it must be paid
 * @param penalties     for the balance: the penalties deducted
 * @param executionSeq  the SA1 event it produced, if any
 */
public record PaymentCertificate(long id, CertificateKind kind, Integer salNumber, int number, LocalDate issueDate,
        LocalDate dueDate, CertificateFigures figures, Money penalties, LocalDate paidOn, Integer executionSeq) {

    public boolean overdue(LocalDate today) {
        return paidOn == null ? today.isAfter(dueDate) : paidOn.isAfter(dueDate);
    }
}
