package it.openesecuzione.accounting.imports;

import it.openesecuzione.accounting.PriceItemInput;
import java.util.List;

/**
 * What a price list file held: the items read, each with the row (or XPWE element) it came from,
 * and a row-by-row report of what could not be read. Rows with problems give no item: the user
 * fixes the file and imports again, or accepts importing only the good rows.
 *
 * @param format   "XPWE", "CSV" or "XLSX"
 * @param rows     the items read, in file order
 * @param problems every problem found, in file order
 */
public record PriceListImport(String format, List<Row> rows, List<RowProblem> problems) {

    public PriceListImport {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    /** An item read from a row (1-based, as spreadsheets and editors number them). */
    public record Row(int row, PriceItemInput item) {
    }

    /**
     * One problem of one row. {@code field} names the column or XML element ("prezzo", "Tariffa"),
     * {@code value} the text found, {@code message} what is wrong, in Italian.
     */
    public record RowProblem(int row, String field, String value, String message) {
    }
}
