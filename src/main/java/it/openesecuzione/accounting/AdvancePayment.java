package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The advance (anticipazione, art. 125): a percentage of the contract amount, paid against a
 * guarantee (fideiussione) and recovered pro rata from each SAL certificate.
 */
public record AdvancePayment(BigDecimal percent, Money amount, Money contractAmount, String guarantor, String guaranteeNumber,
        Money guaranteeAmount, LocalDate guaranteeDate, Long certificateId) {
}
