/**
 * Contabilità of a contract's execution: price list and bill of quantities, site diary and
 * measurement book, progress statements (SAL) computed from the measurements or, for services
 * and supplies, from percentages and milestones, payment certificates with advance recovery, the
 * 0.50% withholding and split-payment VAT, penalties for delay, price revision, the final account.
 * Each certificate feeds the SA1 scheda of the execution module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounting")
package it.openesecuzione.accounting;
