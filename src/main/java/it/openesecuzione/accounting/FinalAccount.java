package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;

/**
 * The final account (conto finale) drawn on the final statement (stato finale): what the works
 * are worth, what the contractor has been paid (advance and certificates), the withholdings to
 * release at acceptance, the penalties, and the balance still due (rata di saldo), payable after
 * the collaudo or the certificato di regolare esecuzione. A negative balance is owed by the
 * contractor (the penalties exceed the withholdings): the authority recovers it on the guarantee.
 */
public record FinalAccount(Money netWorks, Money advancePaid, Money advanceRecovered, Money certificatesPaid,
        Money withholdings, PenaltyCalculation penalties, Money balance) {

    public static FinalAccount of(CertificateFigures last, Money advancePaid, PenaltyCalculation penalties) {
        Money balance = last.netWorks().minus(advancePaid).minus(last.netDue()).minus(penalties.amount());
        return new FinalAccount(last.netWorks(), advancePaid, last.advanceRecovered(), last.netDue(), last.withholding(),
                penalties, balance);
    }
}
