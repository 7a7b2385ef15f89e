package it.openesecuzione.accounting.imports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import it.openesecuzione.accounting.PriceItemInput;
import it.openesecuzione.accounting.imports.PriceListImport.Row;
import it.openesecuzione.accounting.imports.PriceListImport.RowProblem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxPriceListReaderTest {

    /** Writes rows from the given 0-based row index; a String starting with '=' becomes a formula. */
    private static byte[] workbook(int firstRow, Object[]... rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill(workbook.createSheet("Elenco prezzi"), firstRow, rows);
            workbook.createSheet("Altro").createRow(0).createCell(0).setCellValue("Codice");
            // Excel saves each formula with its value: so does the evaluator here.
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(Sheet sheet, int firstRow, Object[]... rows) {
        for (int r = 0; r < rows.length; r++) {
            org.apache.poi.ss.usermodel.Row row = sheet.createRow(firstRow + r);
            for (int c = 0; c < rows[r].length; c++) {
                Object value = rows[r][c];
                if (value instanceof Double number) {
                    row.createCell(c).setCellValue(number);
                } else if (value instanceof Boolean flag) {
                    row.createCell(c).setCellValue(flag);
                } else if (value instanceof String text && text.startsWith("=")) {
                    row.createCell(c).setCellFormula(text.substring(1));
                } else if (value != null) {
                    row.createCell(c).setCellValue((String) value);
                }
            }
        }
    }

    private static PriceListImport read(byte[] bytes) {
        return XlsxPriceListReader.read(new ByteArrayInputStream(bytes));
    }

    private static final Object[] HEADER = {"Codice", "Descrizione", "U.M.", "Prezzo"};

    @Test
    void readsEveryFieldFromTheFirstSheetStartingAtTheFirstNonEmptyRow() throws IOException {
        byte[] file = workbook(2,
                new Object[] {"Codice", "Descrizione", "Unità di misura", "Prezzo unitario", "Quantità", "Sicurezza"},
                new Object[] {"01.A01.A10.010", "Scavo a sezione obbligata", "m³", 10.84, 150.125, false},
                new Object[] {"01.P13.E60.010", "Serramento in alluminio", "cad", "€ 1.125,50", "18", "no"},
                new Object[] {},
                new Object[] {"28.A05.D10.005", "Recinzione di cantiere", "m", 12.3456, "=C9*0+60", true},
                new Object[] {"01.P24.C60.005", "Nolo di escavatore", "h", "=70+2.15", null, null});

        PriceListImport result = read(file);

        assertThat(result.format()).isEqualTo("XLSX");
        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).extracting(Row::row).containsExactly(4, 5, 7, 8);
        PriceItemInput scavo = result.rows().get(0).item();
        assertThat(scavo.code()).isEqualTo("01.A01.A10.010");
        assertThat(scavo.description()).isEqualTo("Scavo a sezione obbligata");
        assertThat(scavo.unit()).isEqualTo("m³");
        assertThat(scavo.unitPrice()).isEqualTo("10.84");
        assertThat(scavo.quantity()).isEqualTo("150.125");
        assertThat(scavo.subjectToDiscount()).isTrue();
        PriceItemInput serramento = result.rows().get(1).item();
        assertThat(serramento.unitPrice()).isEqualByComparingTo("1125.50");
        assertThat(serramento.quantity()).isEqualByComparingTo("18");
        assertThat(serramento.subjectToDiscount()).isTrue();
        PriceItemInput recinzione = result.rows().get(2).item();
        assertThat(recinzione.unitPrice()).isEqualTo("12.3456");
        assertThat(recinzione.quantity()).isEqualByComparingTo("60");
        assertThat(recinzione.subjectToDiscount()).isFalse();
        PriceItemInput nolo = result.rows().get(3).item();
        assertThat(nolo.unitPrice()).isEqualByComparingTo("72.15");
        assertThat(nolo.quantity()).isNull();
        assertThat(nolo.subjectToDiscount()).isNull();
    }

    @Test
    void readsNumberCellsExactlyWithoutBinaryNoise() throws IOException {
        byte[] file = workbook(0, HEADER,
                new Object[] {"A.01", "Voce", "kg", 0.1},
                new Object[] {"A.02", "Voce", "kg", "=0.1+0.2"},
                new Object[] {"A.03", "Voce", "kg", "=1.1*1.1"});

        PriceListImport result = read(file);

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).extracting(row -> row.item().unitPrice().toPlainString())
                .containsExactly("0.1", "0.3", "1.21");
    }

    @Test
    void aNumericCodeKeepsTheTextTheCellShows() throws IOException {
        byte[] file = workbook(0, HEADER, new Object[] {101.0, "Voce", "kg", 1.0});

        assertThat(read(file).rows().get(0).item().code()).isEqualTo("101");
    }

    @Test
    void aTextPriceThatIsNotANumberIsAProblemNamedByItsColumn() throws IOException {
        byte[] file = workbook(0, HEADER, new Object[] {"A.01", "Voce", "kg", 1.0}, new Object[] {"A.02", "Voce", "kg", "n.d."});

        PriceListImport result = read(file);

        assertThat(result.rows()).extracting(Row::row).containsExactly(2);
        assertThat(result.problems()).containsExactly(new RowProblem(3, "Prezzo", "n.d.",
                "«n.d.» non è un numero (scrivere ad esempio 1.234,56 oppure 1234.56)"));
    }

    @Test
    void aFormulaErrorIsAProblem() throws IOException {
        byte[] file = workbook(0, HEADER, new Object[] {"A.01", "Voce", "kg", "=1/0"});

        assertThat(read(file).problems()).singleElement().extracting(RowProblem::value).isEqualTo("#DIV/0!");
    }

    @Test
    void aMissingPriceIsAProblem() throws IOException {
        byte[] file = workbook(0, HEADER, new Object[] {"A.01", "Voce", "kg"});

        assertThat(read(file).problems()).containsExactly(new RowProblem(2, "Prezzo", null, "Il prezzo unitario è obbligatorio"));
    }

    @Test
    void aNegativePriceIsAProblem() throws IOException {
        byte[] file = workbook(0, HEADER, new Object[] {"A.01", "Voce", "kg", -4.5});

        PriceListImport result = read(file);

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).containsExactly(
                new RowProblem(2, "Prezzo", "-4.5", "Il prezzo unitario non può essere negativo"));
    }

    @Test
    void aDuplicateCodeIsAProblemOfTheLaterRow() throws IOException {
        byte[] file = workbook(0, HEADER, new Object[] {"A.01", "Voce", "kg", 1.0}, new Object[] {"A.01", "Voce", "kg", 2.0});

        PriceListImport result = read(file);

        assertThat(result.rows()).extracting(Row::row).containsExactly(2);
        assertThat(result.problems()).containsExactly(
                new RowProblem(3, "Codice", "A.01", "Il codice A.01 è già usato alla riga 2 del file"));
    }

    @Test
    void aMissingRequiredColumnIsOneProblemOnTheHeaderRow() throws IOException {
        byte[] file = workbook(0, new Object[] {"Codice", "Prezzo", "U.M."}, new Object[] {"A.01", 1.0, "kg"});

        PriceListImport result = read(file);

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).extracting(RowProblem::row, RowProblem::field)
                .containsExactly(tuple(1, "descrizione"));
    }

    @Test
    void aCsvFileIsNotAnXlsx() {
        PriceListImport result = read("Codice;Descrizione;UM;Prezzo\nA.01;Voce;kg;1\n".getBytes(UTF_8));

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isZero();
            assertThat(problem.message()).isEqualTo("Il file non è un XLSX valido: non è una cartella di lavoro Excel leggibile");
        });
    }

    @Test
    void anEmptyFileIsNotAnXlsx() {
        assertThat(read(new byte[0]).problems()).singleElement().extracting(RowProblem::message).asString()
                .startsWith("Il file non è un XLSX valido");
    }

    @Test
    void anOldXlsWorkbookIsRejectedWithAHint() throws IOException {
        byte[] xls;
        try (Workbook workbook = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fill(workbook.createSheet(), 0, HEADER, new Object[] {"A.01", "Voce", "kg", 1.0});
            workbook.write(out);
            xls = out.toByteArray();
        }

        assertThat(read(xls).problems()).singleElement().extracting(RowProblem::message).isEqualTo(
                "Il file non è un XLSX valido: è nel vecchio formato Excel 97-2003 (.xls): salvarlo come .xlsx e importarlo di nuovo");
    }
}
