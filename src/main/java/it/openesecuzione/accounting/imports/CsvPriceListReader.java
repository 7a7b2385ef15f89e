package it.openesecuzione.accounting.imports;

import it.openesecuzione.accounting.imports.Table.Cell;
import it.openesecuzione.accounting.imports.Table.Line;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a price list saved as CSV, the way regional price lists and spreadsheets export it: ';' as
 * separator (Excel's choice on Italian Windows, where ',' is the decimal sign), ',' or tab also
 * accepted; UTF-8 with or without BOM, or windows-1252. The header row names the columns (see
 * {@link Columns}): codice, descrizione, unità di misura and prezzo are required, quantità and
 * sicurezza (or soggetto a ribasso) optional.
 */
public final class CsvPriceListReader {

    private static final char[] DELIMITERS = {';', '\t', ','};

    private CsvPriceListReader() {
    }

    /** Never throws for bad content: what cannot be read becomes a problem of the result. */
    public static PriceListImport read(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return invalid("il file non si può leggere");
        }
        String text = FileText.decode(bytes);
        if (text.indexOf('\0') >= 0) {
            // Text files never hold NUL; spreadsheets and PDFs do.
            return invalid("contiene dati binari (se è un foglio Excel, importarlo come XLSX)");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiterOf(text))
                .setIgnoreSurroundingSpaces(true)
                // Blank lines stay records so that record numbers are the spreadsheet's row numbers;
                // the table skips them.
                .setIgnoreEmptyLines(false)
                .get();
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            try {
                for (CSVRecord record : parser) {
                    lines.add(new Line((int) record.getRecordNumber(), record.stream().map(Cell::ofText).toList()));
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                // commons-csv signals a malformed record while iterating, with the cause in English.
                return invalid("la riga " + parser.getCurrentLineNumber()
                        + " è malformata (virgolette non chiuse o testo dopo le virgolette di chiusura)");
            }
        } catch (IOException e) {
            return invalid("il file non si può leggere");
        }
        return Table.read("CSV", lines);
    }

    /** The separator used most in the first non-blank line, outside quotes; ';' when none is. */
    static char delimiterOf(String text) {
        String header = text.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
        char best = ';';
        int bestCount = 0;
        for (char delimiter : DELIMITERS) {
            int count = 0;
            boolean quoted = false;
            for (char c : header.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == delimiter && !quoted) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = delimiter;
                bestCount = count;
            }
        }
        return best;
    }

    private static PriceListImport invalid(String reason) {
        ImportCollector collector = new ImportCollector("CSV");
        collector.fileProblem("", null, "Il file non è un CSV valido: " + reason);
        return collector.result();
    }
}
