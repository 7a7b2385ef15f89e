package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;

/**
 * One step of the advance's recovery: what a SAL certificate recovered, in all so far, and what is
 * left to recover (zero after the stato finale).
 */
public record AdvanceRecovery(int salNumber, Money recovered, Money cumulative, Money remaining) {
}
