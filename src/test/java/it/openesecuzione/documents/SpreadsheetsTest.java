package it.openesecuzione.documents;

import static it.openesecuzione.documents.DocumentSamples.header;
import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.accounting.CertificateStatus;
import it.openesecuzione.accounting.Measurement;
import it.openesecuzione.accounting.SalLine;
import it.openesecuzione.accounting.SalStatement;
import it.openesecuzione.shared.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The XLSX exports read back with POI: amounts are numeric cells equal to the records' amounts,
 * in a euro format; headers bold, frozen, with column widths.
 */
class SpreadsheetsTest {

    private final Spreadsheets spreadsheets = new Spreadsheets();

    @Test
    void salSheetHasOneNumericRowPerLineAndTheTotalsBelow() throws IOException {
        SalStatement sal = DocumentSamples.sal2();
        byte[] xlsx = spreadsheets.sal(header(), sal, DocumentSamples.measurementsOfSal2(), DocumentSamples.items());

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("SAL n. 2");
            Sheet sheet = book.getSheet("SAL n. 2");
            assertHeader(sheet, "Codice", "Descrizione", "U.M.", "Prezzo unitario", "Soggetto a ribasso", "Quantità precedente",
                    "Quantità del periodo", "Quantità progressiva", "Importo precedente", "Importo del periodo", "Importo progressivo");
            for (int i = 0; i < sal.lines().size(); i++) {
                SalLine line = sal.lines().get(i);
                Row row = sheet.getRow(i + 1);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo(line.code());
                assertThat(decimal(row.getCell(3), 4)).isEqualByComparingTo(line.unitPrice());
                assertThat(decimal(row.getCell(5), 3)).isEqualByComparingTo(line.previousQuantity());
                assertThat(decimal(row.getCell(6), 3)).isEqualByComparingTo(line.periodQuantity());
                assertThat(decimal(row.getCell(7), 3)).isEqualByComparingTo(line.cumulativeQuantity());
                assertThat(money(row.getCell(8))).isEqualTo(line.previousAmount());
                assertThat(money(row.getCell(9))).isEqualTo(line.periodAmount());
                assertThat(money(row.getCell(10))).isEqualTo(line.cumulativeAmount());
                assertThat(row.getCell(10).getCellStyle().getDataFormatString()).contains("€").contains("#,##0.00");
            }
            // Windows: 96,45 m² × 412 = 39.737,40.
            assertThat(money(sheet.getRow(4).getCell(10))).isEqualTo(Money.of(new BigDecimal("39737.40")));

            Row net = rowStartingWith(sheet, 1, "Importo netto");
            assertThat(money(net.getCell(8))).isEqualTo(sal.previous().netWorks());
            assertThat(money(net.getCell(9))).isEqualTo(sal.period().netWorks());
            assertThat(money(net.getCell(10))).isEqualTo(Money.of(new BigDecimal("94522.28")));
            Row discount = rowStartingWith(sheet, 1, "Ribasso d'asta del 10,5 %");
            assertThat(money(discount.getCell(10))).isEqualTo(Money.of(new BigDecimal("8956.83")));

            Sheet measurements = book.getSheet("Misure");
            assertHeader(measurements, "Data", "Codice voce", "Descrizione voce", "Descrizione della misura", "Parti uguali", "Lunghezza",
                    "Larghezza", "Altezza/peso", "Quantità", "U.M.", "Note", "SAL n.");
            List<Measurement> entries = DocumentSamples.measurementsOfSal2();
            Row windows = measurements.getRow(4);
            assertThat(windows.getCell(0).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 5, 10));
            assertThat(windows.getCell(1).getStringCellValue()).isEqualTo("D.07.004");
            assertThat(decimal(windows.getCell(4), 3)).isEqualByComparingTo("15");
            assertThat(decimal(windows.getCell(5), 3)).isEqualByComparingTo("2.5");
            assertThat(windows.getCell(6)).isNull();
            assertThat(decimal(windows.getCell(8), 3)).isEqualByComparingTo(entries.get(3).quantity());
            assertThat(windows.getCell(9).getStringCellValue()).isEqualTo("m²");
            assertThat(windows.getCell(11).getNumericCellValue()).isEqualTo(2);

            Sheet contract = book.getSheet("Contratto");
            assertThat(contract.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Comune di Genova");
            assertThat(contract.getRow(3).getCell(1).getStringCellValue()).isEqualTo("0000234567");
        }
    }

    @Test
    void registerHasEveryLineOfEverySalTheMeasurementBookAndTheCertificates() throws IOException {
        List<SalStatement> sals = List.of(DocumentSamples.sal1(), DocumentSamples.sal2(), DocumentSamples.sal3());
        List<CertificateStatus> certificates = DocumentSamples.statuses();
        byte[] xlsx = spreadsheets.register(header(), sals, DocumentSamples.measurementsOfSal2(), DocumentSamples.items(), certificates);

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("Registro");
            Sheet register = book.getSheet("Registro");
            assertHeader(register, "SAL n.", "Data SAL", "Codice", "Descrizione", "U.M.", "Prezzo unitario", "Soggetto a ribasso",
                    "Quantità precedente", "Quantità del periodo", "Quantità progressiva", "Importo precedente", "Importo del periodo",
                    "Importo progressivo");
            int lines = sals.stream().mapToInt(s -> s.lines().size()).sum();
            assertThat(register.getLastRowNum()).isEqualTo(lines);
            int r = 1;
            for (SalStatement sal : sals) {
                for (SalLine line : sal.lines()) {
                    Row row = register.getRow(r++);
                    assertThat((int) row.getCell(0).getNumericCellValue()).isEqualTo(sal.number());
                    assertThat(row.getCell(1).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(sal.date());
                    assertThat(row.getCell(2).getStringCellValue()).isEqualTo(line.code());
                    assertThat(money(row.getCell(12))).isEqualTo(line.cumulativeAmount());
                    assertThat(money(row.getCell(11))).isEqualTo(line.periodAmount());
                }
            }

            Sheet summary = book.getSheet("Riepilogo SAL");
            for (int i = 0; i < sals.size(); i++) {
                Row row = summary.getRow(i + 1);
                assertThat(money(row.getCell(6))).isEqualTo(sals.get(i).cumulative().netWorks());
                assertThat(money(row.getCell(8))).isEqualTo(sals.get(i).period().netWorks());
            }
            assertThat(summary.getRow(3).getCell(2).getStringCellValue()).isEqualTo("Sì");

            Sheet book2 = book.getSheet("Libretto delle misure");
            assertThat(book2.getLastRowNum()).isEqualTo(DocumentSamples.measurementsOfSal2().size());
            assertThat(decimal(book2.getRow(5).getCell(8), 3)).isEqualByComparingTo("570");

            Sheet paid = book.getSheet("Certificati di pagamento");
            for (int i = 0; i < certificates.size(); i++) {
                Row row = paid.getRow(i + 1);
                var figures = certificates.get(i).certificate().figures();
                assertThat(money(row.getCell(10))).isEqualTo(figures.amount());
                assertThat(money(row.getCell(12))).isEqualTo(figures.vat());
                assertThat(money(row.getCell(13))).isEqualTo(figures.total());
            }
            assertThat(money(paid.getRow(1).getCell(10))).isEqualTo(Money.of(new BigDecimal("89950.00")));
        }
    }

    /** Bold header row, frozen, and every column given a width. */
    private static void assertHeader(Sheet sheet, String... headers) {
        Row row = sheet.getRow(0);
        for (int i = 0; i < headers.length; i++) {
            Cell cell = row.getCell(i);
            assertThat(cell.getStringCellValue()).isEqualTo(headers[i]);
            assertThat(((XSSFCellStyle) cell.getCellStyle()).getFont().getBold()).as("bold header %s", headers[i]).isTrue();
            assertThat(sheet.getColumnWidth(i)).as("width of %s", headers[i]).isGreaterThanOrEqualTo(6 * 256);
        }
        PaneInformation pane = sheet.getPaneInformation();
        assertThat(pane).isNotNull();
        assertThat(pane.isFreezePane()).isTrue();
        assertThat(pane.getHorizontalSplitTopRow()).isEqualTo((short) 1);
    }

    private static Row rowStartingWith(Sheet sheet, int column, String label) {
        for (Row row : sheet) {
            Cell cell = row.getCell(column);
            if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(label)) {
                return row;
            }
        }
        throw new AssertionError("Nessuna riga \"" + label + "\"");
    }

    private static Money money(Cell cell) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        return Money.of(BigDecimal.valueOf(cell.getNumericCellValue()));
    }

    private static BigDecimal decimal(Cell cell, int scale) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        return BigDecimal.valueOf(cell.getNumericCellValue()).setScale(scale, RoundingMode.HALF_UP);
    }
}
