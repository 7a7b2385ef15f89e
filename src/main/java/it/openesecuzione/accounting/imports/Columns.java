package it.openesecuzione.accounting.imports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a price list table, found by their header. Headers are compared ignoring case,
 * accents and punctuation, so "U.M.", "um" and "Unità di misura" all name the unit. Shared by the
 * CSV and XLSX readers so that both accept the same headers.
 */
final class Columns {

    /** A column the readers know, with its accepted headers in order of preference. */
    enum Column {
        CODE(true, "codice", "tariffa", "cod"),
        DESCRIPTION(true, "descrizione", "desc"),
        UNIT(true, "unità di misura", "u.m.", "um", "unità"),
        // "prezzo unitario" first: a computo with both a unit price and an "importo" (quantity
        // times price) must not take the total as the price.
        PRICE(true, "prezzo unitario", "prezzo", "importo"),
        QUANTITY(false, "quantità", "qta", "q.tà"),
        SAFETY(false, "sicurezza", "oneri sicurezza", "oneri della sicurezza"),
        // The inverse of SAFETY: "sì" means the ribasso applies.
        SUBJECT_TO_DISCOUNT(false, "soggetto a ribasso");

        final boolean required;
        final List<String> headers;

        Column(boolean required, String... headers) {
            this.required = required;
            this.headers = List.of(headers);
        }

        /** The name the messages use, e.g. "prezzo unitario". */
        String label() {
            return headers.get(0);
        }
    }

    private final List<String> headers;
    private final Map<Column, Integer> indexes;

    private Columns(List<String> headers, Map<Column, Integer> indexes) {
        this.headers = headers;
        this.indexes = indexes;
    }

    /** Matches the header row; a header used by one column is not offered to the next. */
    static Columns of(List<String> headerRow) {
        List<String> normalized = headerRow.stream().map(Columns::normalize).toList();
        Map<Column, Integer> indexes = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            for (String accepted : column.headers) {
                int index = normalized.indexOf(normalize(accepted));
                if (index >= 0 && !indexes.containsValue(index)) {
                    indexes.put(column, index);
                    break;
                }
            }
        }
        return new Columns(headerRow, indexes);
    }

    /** Lower case, no accents, punctuation as single spaces: "Q.tà " becomes "q ta". */
    static String normalize(String header) {
        String withoutAccents = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }

    boolean has(Column column) {
        return indexes.containsKey(column);
    }

    /** The column's position in the row, or -1 when the file has no such column. */
    int indexOf(Column column) {
        return indexes.getOrDefault(column, -1);
    }

    /** The header as the file writes it, to name the column in problems; the label when absent. */
    String header(Column column) {
        Integer index = indexes.get(column);
        return index == null ? column.label() : headers.get(index).trim();
    }

    List<Column> missingRequired() {
        List<Column> missing = new ArrayList<>();
        for (Column column : Column.values()) {
            if (column.required && !has(column)) {
                missing.add(column);
            }
        }
        return missing;
    }
}
