package it.openesecuzione.accounting.imports;

import it.openesecuzione.accounting.ItalianNumbers;
import it.openesecuzione.accounting.PriceItemInput;
import it.openesecuzione.accounting.imports.Columns.Column;
import it.openesecuzione.accounting.imports.PriceListImport.RowProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a price list laid out as a table, the same for CSV and XLSX: the first non-blank line is
 * the header, every later non-blank line an item. Blank lines are skipped but keep their number,
 * so problems point at the row the user sees in the spreadsheet.
 */
final class Table {

    /** A cell as read: its text, and for spreadsheet number cells the number itself. */
    record Cell(String text, BigDecimal number) {

        static final Cell BLANK = new Cell("", null);

        static Cell ofText(String text) {
            return new Cell(text == null ? "" : text, null);
        }

        boolean isBlank() {
            return number == null && text.isBlank();
        }
    }

    /** A line of the table with its 1-based row number. */
    record Line(int number, List<Cell> cells) {

        boolean isBlank() {
            return cells.stream().allMatch(Cell::isBlank);
        }

        Cell cell(int index) {
            return index >= 0 && index < cells.size() ? cells.get(index) : Cell.BLANK;
        }
    }

    private static final Map<String, Boolean> YES_NO = Map.ofEntries(
            Map.entry("si", true), Map.entry("sì", true), Map.entry("s", true), Map.entry("x", true),
            Map.entry("1", true), Map.entry("true", true), Map.entry("vero", true),
            Map.entry("no", false), Map.entry("n", false), Map.entry("0", false),
            Map.entry("false", false), Map.entry("falso", false));

    private final Columns columns;
    private final Map<String, String> fieldNames = new HashMap<>();

    private Table(Columns columns) {
        this.columns = columns;
        fieldNames.put("codice", columns.header(Column.CODE));
        fieldNames.put("descrizione", columns.header(Column.DESCRIPTION));
        fieldNames.put("unitaMisura", columns.header(Column.UNIT));
        fieldNames.put("prezzoUnitario", columns.header(Column.PRICE));
        fieldNames.put("quantita", columns.header(Column.QUANTITY));
    }

    static PriceListImport read(String format, List<Line> lines) {
        ImportCollector collector = new ImportCollector(format);
        Optional<Line> header = lines.stream().filter(line -> !line.isBlank()).findFirst();
        if (header.isEmpty()) {
            collector.fileProblem("", null, "Il file è vuoto: manca anche la riga di intestazione");
            return collector.result();
        }
        Columns columns = Columns.of(header.get().cells().stream().map(Cell::text).toList());
        List<Column> missing = columns.missingRequired();
        if (!missing.isEmpty()) {
            // Without a required column no row can be read: one problem per column, not per row.
            for (Column column : missing) {
                collector.problem(header.get().number(), column.label(), null, "Manca la colonna «" + column.label()
                        + "» (intestazioni accettate: " + String.join(", ", column.headers) + ")");
            }
            return collector.result();
        }
        Table table = new Table(columns);
        for (Line line : lines) {
            if (line.number() > header.get().number() && !line.isBlank()) {
                table.readLine(line, collector);
            }
        }
        return collector.result();
    }

    private void readLine(Line line, ImportCollector collector) {
        List<RowProblem> problems = new ArrayList<>();
        String code = text(line, Column.CODE);
        String description = text(line, Column.DESCRIPTION);
        String unit = text(line, Column.UNIT);
        BigDecimal price = number(line, Column.PRICE, problems);
        BigDecimal quantity = number(line, Column.QUANTITY, problems);
        Boolean safety = yesNo(line, Column.SAFETY, problems);
        Boolean discounted = yesNo(line, Column.SUBJECT_TO_DISCOUNT, problems);
        if (safety != null && discounted != null && safety.equals(discounted)) {
            problems.add(new RowProblem(line.number(), columns.header(Column.SUBJECT_TO_DISCOUNT), text(line, Column.SUBJECT_TO_DISCOUNT),
                    "Le colonne «" + columns.header(Column.SAFETY) + "» e «" + columns.header(Column.SUBJECT_TO_DISCOUNT)
                            + "» si contraddicono: un onere della sicurezza non è soggetto a ribasso"));
        }
        Boolean subjectToDiscount = safety != null ? Boolean.valueOf(!safety) : discounted;
        collector.add(line.number(), new PriceItemInput(code, description, unit, price, quantity, subjectToDiscount),
                problems, fieldNames);
    }

    private String text(Line line, Column column) {
        String text = line.cell(columns.indexOf(column)).text().trim();
        return text.isEmpty() ? null : text;
    }

    /** The cell's number, null when blank; text is read as Italian or point-decimal, "€" allowed. */
    private BigDecimal number(Line line, Column column, List<RowProblem> problems) {
        Cell cell = line.cell(columns.indexOf(column));
        if (cell.number() != null) {
            return cell.number();
        }
        if (cell.text().isBlank()) {
            return null;
        }
        Optional<BigDecimal> number = ItalianNumbers.parse(cell.text());
        if (number.isEmpty()) {
            problems.add(new RowProblem(line.number(), columns.header(column), cell.text().trim(),
                    "«" + cell.text().trim() + "» non è un numero (scrivere ad esempio 1.234,56 oppure 1234.56)"));
        }
        return number.orElse(null);
    }

    /** Sì or no, null when blank (the item keeps the usual rule: subject to the discount). */
    private Boolean yesNo(Line line, Column column, List<RowProblem> problems) {
        String text = text(line, column);
        if (text == null) {
            return null;
        }
        Boolean value = YES_NO.get(text.toLowerCase(Locale.ROOT));
        if (value == null) {
            problems.add(new RowProblem(line.number(), columns.header(column), text,
                    "«" + text + "» non è un valore sì/no (usare sì, no, s, n, x, 1 o 0)"));
        }
        return value;
    }
}
