package it.openesecuzione.accounting;

import java.math.BigDecimal;

/** A phase of a services or supplies contract worth a share of it, reached in a statement. */
public record Milestone(long id, int position, String description, BigDecimal percentage, Integer salNumber) {
}
