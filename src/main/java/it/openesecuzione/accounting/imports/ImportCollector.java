package it.openesecuzione.accounting.imports;

import it.openesecuzione.accounting.PriceItemInput;
import it.openesecuzione.accounting.imports.PriceListImport.Row;
import it.openesecuzione.accounting.imports.PriceListImport.RowProblem;
import it.openesecuzione.shared.FieldViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers what a reader found into a {@link PriceListImport}, the same way for every format: a row
 * with no problem gives an item; any other row gives each of its problems and no item. The
 * problems are those the reader met (a price that is not a number), those
 * {@link PriceItemInput#problems()} finds, and a code already used by an earlier row of the file
 * (the code is unique in a contract, so only the first can be kept).
 */
final class ImportCollector {

    private final String format;
    private final List<Row> rows = new ArrayList<>();
    private final List<RowProblem> problems = new ArrayList<>();
    private final Map<String, Integer> rowByCode = new HashMap<>();

    ImportCollector(String format) {
        this.format = format;
    }

    /** A problem of the whole file, reported on row 0. */
    void fileProblem(String field, String value, String message) {
        problem(0, field, value, message);
    }

    /** A problem that is not about one item, e.g. a missing column reported on the header row. */
    void problem(int row, String field, String value, String message) {
        problems.add(new RowProblem(row, field, value, message));
    }

    /**
     * @param readProblems what the reader could not read in this row; the item's own checks on
     *                     those fields are left out, as they would only repeat them ("obbligatorio")
     * @param fieldNames   the file's name (column or element) of each field named by
     *                     {@link PriceItemInput#problems()}: "codice", "descrizione", "unitaMisura",
     *                     "prezzoUnitario", "quantita"
     */
    void add(int row, PriceItemInput item, List<RowProblem> readProblems, Map<String, String> fieldNames) {
        List<RowProblem> found = new ArrayList<>(readProblems);
        Set<String> unreadable = new HashSet<>();
        readProblems.forEach(problem -> unreadable.add(problem.field()));
        for (FieldViolation violation : item.problems()) {
            String field = fieldNames.getOrDefault(violation.field(), violation.field());
            if (!unreadable.contains(field)) {
                found.add(new RowProblem(row, field, violation.value(), violation.message()));
            }
        }
        if (item.code() != null && !item.code().isBlank()) {
            String code = item.code().trim();
            Integer first = rowByCode.putIfAbsent(code, row);
            if (first != null) {
                found.add(new RowProblem(row, fieldNames.getOrDefault("codice", "codice"), code,
                        "Il codice " + code + " è già usato alla riga " + first + " del file"));
            }
        }
        if (found.isEmpty()) {
            rows.add(new Row(row, item));
        } else {
            problems.addAll(found);
        }
    }

    PriceListImport result() {
        return new PriceListImport(format, rows, problems);
    }
}
