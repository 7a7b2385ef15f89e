package it.openesecuzione.accounting.imports;

import it.openesecuzione.accounting.imports.Table.Line;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a price list from the first sheet of an Excel workbook (.xlsx). The first non-empty row
 * is the header, recognised as in the CSV import (see {@link Columns}). Number cells are read as
 * numbers, text cells as Italian or point-decimal numbers, formulas by the value Excel saved with
 * them (no formula is evaluated here).
 */
public final class XlsxPriceListReader {

    /**
     * Excel keeps 15 significant digits: rounding a cell's double there drops binary noise
     * (=0.1+0.2 is saved as 0.30000000000000004) and keeps every digit the user sees.
     */
    private static final MathContext EXCEL_DIGITS = new MathContext(15);

    private XlsxPriceListReader() {
    }

    /** Never throws for bad content: what cannot be read becomes a problem of the result. */
    public static PriceListImport read(InputStream in) {
        List<Line> lines = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            if (workbook.getNumberOfSheets() == 0) {
                return invalid("la cartella di lavoro non ha fogli");
            }
            Sheet sheet = workbook.getSheetAt(0);
            // ROOT: the text of a number cell (a code such as 0101) must not depend on the server's locale.
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            for (Row row : sheet) {
                List<Table.Cell> cells = new ArrayList<>();
                for (int column = 0; column < row.getLastCellNum(); column++) {
                    cells.add(cellOf(row.getCell(column), formatter));
                }
                lines.add(new Line(row.getRowNum() + 1, cells));
            }
        } catch (OLE2NotOfficeXmlFileException e) {
            return invalid("è nel vecchio formato Excel 97-2003 (.xls): salvarlo come .xlsx e importarlo di nuovo");
        } catch (IOException | RuntimeException e) {
            // POI reports a file that is not a workbook, or a damaged one, with assorted unchecked
            // exceptions (NotOfficeXmlFileException, EmptyFileException, POIXMLException,
            // RecordFormatException…): all mean the same to the user.
            return invalid("non è una cartella di lavoro Excel leggibile");
        }
        return Table.read("XLSX", lines);
    }

    private static Table.Cell cellOf(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return Table.Cell.BLANK;
        }
        boolean formula = cell.getCellType() == CellType.FORMULA;
        CellType type = formula ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> {
                BigDecimal number = new BigDecimal(Double.toString(cell.getNumericCellValue()));
                if (number.precision() > EXCEL_DIGITS.getPrecision()) {
                    number = number.round(EXCEL_DIGITS).stripTrailingZeros();
                }
                // A plain number cell keeps its display text (a code formatted as 0101); a formula's
                // text would be the formula itself, so it shows the value instead.
                yield new Table.Cell(formula ? number.toPlainString() : formatter.formatCellValue(cell), number);
            }
            case STRING -> Table.Cell.ofText(cell.getStringCellValue());
            case BOOLEAN -> Table.Cell.ofText(String.valueOf(cell.getBooleanCellValue()));
            case ERROR -> Table.Cell.ofText(FormulaError.forInt(cell.getErrorCellValue()).getString());
            default -> Table.Cell.BLANK;
        };
    }

    private static PriceListImport invalid(String reason) {
        ImportCollector collector = new ImportCollector("XLSX");
        collector.fileProblem("", null, "Il file non è un XLSX valido: " + reason);
        return collector.result();
    }
}
