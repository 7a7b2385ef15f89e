package it.openesecuzione.accounting;

import it.openesecuzione.accounting.imports.PriceListImport;
import java.util.List;

/**
 * The result of importing a price list: how many items were added, and every row that was not
 * (with its problems). With problems, nothing is written unless the user asked to import only the
 * good rows.
 */
public record ImportOutcome(String format, int rowsRead, int imported, boolean applied, List<PriceListImport.RowProblem> problems) {

    public ImportOutcome {
        problems = List.copyOf(problems);
    }
}
