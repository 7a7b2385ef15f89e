package it.openesecuzione.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A progress statement (stato di avanzamento lavori, SAL): what has been executed up to its date,
 * cumulative and since the previous one. The last one of a contract, {@code finalStatement}, is
 * the stato finale on which the advance is recovered to the cent and the final account is drawn.
 *
 * @param percentage for {@link SalBasis#PERCENTUALE} and {@link SalBasis#MILESTONE}: the share
 *                   of the contract executed in all (0–100); null for works
 * @param lines      for works, one per item measured so far
 */
public record SalStatement(int number, LocalDate date, SalBasis basis, boolean finalStatement, BigDecimal percentage,
        List<SalLine> lines, Totals cumulative, Totals previous) {

    public SalStatement {
        lines = List.copyOf(lines);
    }

    public Totals period() {
        return cumulative.minus(previous);
    }
}
