package it.openesecuzione.documents;

import it.openesecuzione.accounting.CertificateKind;
import it.openesecuzione.accounting.CertificateStatus;
import it.openesecuzione.accounting.Measurement;
import it.openesecuzione.accounting.PaymentCertificate;
import it.openesecuzione.accounting.PriceItem;
import it.openesecuzione.accounting.SalLine;
import it.openesecuzione.accounting.SalStatement;
import it.openesecuzione.accounting.Totals;
import it.openesecuzione.shared.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The XLSX exports: the accounting register (registro di contabilità: every SAL line by line, the
 * SAL summary, the measurement book, the certificates) and a single SAL. Amounts are numeric
 * cells with a euro format, quantities numeric with three decimals, dates real dates; each sheet
 * has a bold header row, frozen, with an autofilter, and set column widths. Written as a stream
 * (SXSSF), so a register of many large SALs needs little memory.
 */
final class Spreadsheets {

    static final String EURO_FORMAT = "[$€-410] #,##0.00;[$€-410] -#,##0.00";
    static final String PRICE_FORMAT = "[$€-410] #,##0.00##;[$€-410] -#,##0.00##";
    static final String QUANTITY_FORMAT = "#,##0.000;-#,##0.000";
    static final String DATE_FORMAT = "dd/mm/yyyy";

    /** A single SAL: its lines with the totals below, and the measurements it includes. */
    byte[] sal(DocumentHeader h, SalStatement sal, List<Measurement> measurements, Map<Long, PriceItem> items) {
        return write(book -> {
            Styles styles = new Styles(book);
            Sheet sheet = book.createSheet("SAL n. " + sal.number());
            int last = salLines(sheet, styles, List.of(sal), false);
            salTotals(sheet, styles, h, sal, last + 2);
            measurements(book.createSheet("Misure"), styles, measurements, items);
            contractSheet(book.createSheet("Contratto"), styles, h, "Stato di avanzamento n. " + sal.number() + " al "
                    + Formats.IT.date(sal.date()));
        });
    }

    /** The register: every SAL's lines, the SALs' totals, the measurement book and the certificates. */
    byte[] register(DocumentHeader h, List<SalStatement> sals, List<Measurement> measurements, Map<Long, PriceItem> items,
            List<CertificateStatus> certificates) {
        return write(book -> {
            Styles styles = new Styles(book);
            salLines(book.createSheet("Registro"), styles, sals, true);
            salSummary(book.createSheet("Riepilogo SAL"), styles, sals);
            measurements(book.createSheet("Libretto delle misure"), styles, measurements, items);
            certificates(book.createSheet("Certificati di pagamento"), styles, certificates);
            contractSheet(book.createSheet("Contratto"), styles, h, "Registro di contabilità");
        });
    }

    // ------------------------------------------------------------------ sheets

    private static final String[] LINE_HEADERS = {"Codice", "Descrizione", "U.M.", "Prezzo unitario", "Soggetto a ribasso",
        "Quantità precedente", "Quantità del periodo", "Quantità progressiva", "Importo precedente", "Importo del periodo",
        "Importo progressivo"};
    private static final int[] LINE_WIDTHS = {14, 60, 7, 15, 10, 14, 14, 14, 17, 17, 17};

    /** The lines of the SALs, one row each; with {@code withSal} two leading columns: SAL number and date. */
    private static int salLines(Sheet sheet, Styles styles, List<SalStatement> sals, boolean withSal) {
        int offset = withSal ? 2 : 0;
        Row header = sheet.createRow(0);
        if (withSal) {
            text(header, 0, "SAL n.", styles.header);
            text(header, 1, "Data SAL", styles.header);
            sheet.setColumnWidth(0, 8 * 256);
            sheet.setColumnWidth(1, 12 * 256);
        }
        for (int i = 0; i < LINE_HEADERS.length; i++) {
            text(header, offset + i, LINE_HEADERS[i], styles.header);
            sheet.setColumnWidth(offset + i, LINE_WIDTHS[i] * 256);
        }
        int r = 1;
        for (SalStatement sal : sals) {
            for (SalLine line : sal.lines()) {
                Row row = sheet.createRow(r++);
                if (withSal) {
                    number(row, 0, sal.number(), styles.integer);
                    date(row, 1, sal.date(), styles.date);
                }
                text(row, offset, line.code(), styles.text);
                text(row, offset + 1, line.description(), styles.text);
                text(row, offset + 2, line.unit(), styles.text);
                number(row, offset + 3, line.unitPrice(), styles.price);
                text(row, offset + 4, line.subjectToDiscount() ? "Sì" : "No", styles.text);
                number(row, offset + 5, line.previousQuantity(), styles.quantity);
                number(row, offset + 6, line.periodQuantity(), styles.quantity);
                number(row, offset + 7, line.cumulativeQuantity(), styles.quantity);
                money(row, offset + 8, line.previousAmount(), styles.euro);
                money(row, offset + 9, line.periodAmount(), styles.euro);
                money(row, offset + 10, line.cumulativeAmount(), styles.euro);
            }
        }
        finish(sheet, offset + LINE_HEADERS.length, r - 1);
        return r - 1;
    }

    /** The totals of a SAL under its lines, in the amount columns: previous, period, cumulative. */
    private static void salTotals(Sheet sheet, Styles styles, DocumentHeader h, SalStatement sal, int first) {
        Totals previous = sal.previous();
        Totals period = sal.period();
        Totals cumulative = sal.cumulative();
        Row header = sheet.createRow(first);
        text(header, 1, "Riepilogo", styles.header);
        text(header, 8, "Precedente", styles.header);
        text(header, 9, "Del periodo", styles.header);
        text(header, 10, "Progressivo", styles.header);
        totalRow(sheet, first + 1, styles, "Lavori soggetti a ribasso (importo lordo)", previous.grossDiscountable(),
                period.grossDiscountable(), cumulative.grossDiscountable(), false);
        totalRow(sheet, first + 2, styles, "Ribasso d'asta del " + h.discount(), previous.discount(), period.discount(),
                cumulative.discount(), false);
        totalRow(sheet, first + 3, styles, "Oneri della sicurezza (non soggetti a ribasso)", previous.safety(), period.safety(),
                cumulative.safety(), false);
        totalRow(sheet, first + 4, styles, "Importo netto", previous.netWorks(), period.netWorks(), cumulative.netWorks(), true);
        if (sal.percentage() != null) {
            Row row = sheet.createRow(first + 6);
            text(row, 1, "Esecuzione complessiva del contratto (%)", styles.text);
            number(row, 10, sal.percentage(), styles.decimal);
        }
    }

    private static void totalRow(Sheet sheet, int r, Styles styles, String label, Money previous, Money period, Money cumulative,
            boolean bold) {
        Row row = sheet.createRow(r);
        text(row, 1, label, bold ? styles.bold : styles.text);
        money(row, 8, previous, bold ? styles.euroBold : styles.euro);
        money(row, 9, period, bold ? styles.euroBold : styles.euro);
        money(row, 10, cumulative, bold ? styles.euroBold : styles.euro);
    }

    private static void salSummary(Sheet sheet, Styles styles, List<SalStatement> sals) {
        String[] headers = {"SAL n.", "Data", "Stato finale", "Lordo soggetto a ribasso progressivo", "Ribasso progressivo",
            "Sicurezza progressiva", "Importo netto progressivo", "Importo netto precedente", "Importo netto del periodo"};
        int[] widths = {8, 12, 10, 20, 18, 18, 20, 20, 20};
        header(sheet, styles, headers, widths);
        int r = 1;
        for (SalStatement sal : sals) {
            Row row = sheet.createRow(r++);
            number(row, 0, sal.number(), styles.integer);
            date(row, 1, sal.date(), styles.date);
            text(row, 2, sal.finalStatement() ? "Sì" : "No", styles.text);
            money(row, 3, sal.cumulative().grossDiscountable(), styles.euro);
            money(row, 4, sal.cumulative().discount(), styles.euro);
            money(row, 5, sal.cumulative().safety(), styles.euro);
            money(row, 6, sal.cumulative().netWorks(), styles.euro);
            money(row, 7, sal.previous().netWorks(), styles.euro);
            money(row, 8, sal.period().netWorks(), styles.euro);
        }
        finish(sheet, headers.length, r - 1);
    }

    private static void measurements(Sheet sheet, Styles styles, List<Measurement> measurements, Map<Long, PriceItem> items) {
        String[] headers = {"Data", "Codice voce", "Descrizione voce", "Descrizione della misura", "Parti uguali", "Lunghezza",
            "Larghezza", "Altezza/peso", "Quantità", "U.M.", "Note", "SAL n."};
        int[] widths = {12, 14, 45, 40, 10, 11, 11, 12, 14, 7, 30, 8};
        header(sheet, styles, headers, widths);
        int r = 1;
        for (Measurement m : measurements) {
            PriceItem item = items.get(m.itemId());
            Row row = sheet.createRow(r++);
            date(row, 0, m.date(), styles.date);
            text(row, 1, item == null ? "" : item.code(), styles.text);
            text(row, 2, item == null ? "" : item.description(), styles.text);
            text(row, 3, m.description(), styles.text);
            number(row, 4, m.parts(), styles.quantity);
            number(row, 5, m.length(), styles.quantity);
            number(row, 6, m.width(), styles.quantity);
            number(row, 7, m.height(), styles.quantity);
            number(row, 8, m.quantity(), styles.quantity);
            text(row, 9, item == null ? "" : item.unit(), styles.text);
            text(row, 10, m.notes(), styles.text);
            if (m.salNumber() != null) {
                number(row, 11, m.salNumber(), styles.integer);
            }
        }
        finish(sheet, headers.length, r - 1);
    }

    private static void certificates(Sheet sheet, Styles styles, List<CertificateStatus> certificates) {
        String[] headers = {"N.", "Tipo", "SAL n.", "Emesso il", "Scadenza", "Importo netto progressivo", "Ritenute progressive",
            "Anticipazione recuperata", "Pagamenti precedenti", "Penali", "Importo", "IVA %", "IVA", "Totale", "Pagato il"};
        int[] widths = {6, 20, 8, 12, 12, 20, 18, 18, 18, 14, 17, 8, 15, 17, 12};
        header(sheet, styles, headers, widths);
        int r = 1;
        for (CertificateStatus status : certificates) {
            PaymentCertificate c = status.certificate();
            Row row = sheet.createRow(r++);
            number(row, 0, c.number(), styles.integer);
            text(row, 1, c.kind().label(), styles.text);
            if (c.kind() == CertificateKind.SAL && c.salNumber() != null) {
                number(row, 2, c.salNumber(), styles.integer);
            }
            date(row, 3, c.issueDate(), styles.date);
            date(row, 4, c.dueDate(), styles.date);
            money(row, 5, c.figures().netWorks(), styles.euro);
            money(row, 6, c.figures().withholding(), styles.euro);
            money(row, 7, c.figures().advanceRecovered(), styles.euro);
            money(row, 8, c.figures().previousPayments(), styles.euro);
            money(row, 9, c.penalties() == null ? Money.ZERO : c.penalties(), styles.euro);
            money(row, 10, c.figures().amount(), styles.euro);
            number(row, 11, c.figures().vatPercent(), styles.decimal);
            money(row, 12, c.figures().vat(), styles.euro);
            money(row, 13, c.figures().total(), styles.euro);
            date(row, 14, c.paidOn(), styles.date);
        }
        finish(sheet, headers.length, r - 1);
    }

    /** Who and what the workbook is about: the authority and the contract. */
    private static void contractSheet(Sheet sheet, Styles styles, DocumentHeader h, String document) {
        sheet.setColumnWidth(0, 30 * 256);
        sheet.setColumnWidth(1, 90 * 256);
        String[][] rows = {
            {"Documento", document},
            {"Stazione appaltante", h.authority()},
            {"Codice fiscale", h.authorityFiscalCode()},
            {"Codice AUSA", h.ausa()},
            {"Oggetto del contratto", h.subject()},
            {"CIG", h.cigList()},
            {"CUP", h.cup()},
            {"Appaltatore", h.contractor() + " (" + h.contractorCodes() + ")"},
            {"Importo contrattuale", h.contractAmount()},
            {"Oneri della sicurezza", h.safetyCosts()},
            {"Ribasso d'asta", h.discount()},
            {"Responsabile unico del progetto", h.rup()},
            {h.works() ? "Direttore dei lavori" : "Direttore dell'esecuzione", h.director()},
        };
        for (int i = 0; i < rows.length; i++) {
            Row row = sheet.createRow(i);
            text(row, 0, rows[i][0], styles.bold);
            text(row, 1, rows[i][1], styles.text);
        }
    }

    // ------------------------------------------------------------------ cells

    private static void header(Sheet sheet, Styles styles, String[] headers, int[] widths) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < headers.length; i++) {
            text(row, i, headers[i], styles.header);
            sheet.setColumnWidth(i, widths[i] * 256);
        }
    }

    /** Freezes the header row and puts an autofilter on the table. */
    private static void finish(Sheet sheet, int columns, int lastRow) {
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(lastRow, 1), 0, columns - 1));
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(style);
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(style);
        }
    }

    private static void number(Row row, int column, int value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static void money(Row row, int column, Money value, CellStyle style) {
        number(row, column, value.amount(), style);
    }

    private static void date(Row row, int column, LocalDate value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value);
            cell.setCellStyle(style);
        }
    }

    /** The cell styles of a workbook, created once (a workbook holds at most 64,000). */
    private static final class Styles {

        final CellStyle header;
        final CellStyle text;
        final CellStyle bold;
        final CellStyle euro;
        final CellStyle euroBold;
        final CellStyle price;
        final CellStyle quantity;
        final CellStyle decimal;
        final CellStyle integer;
        final CellStyle date;

        Styles(Workbook book) {
            Font boldFont = book.createFont();
            boldFont.setBold(true);
            header = book.createCellStyle();
            header.setFont(boldFont);
            header.setWrapText(true);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            text = book.createCellStyle();
            text.setVerticalAlignment(VerticalAlignment.TOP);
            bold = book.createCellStyle();
            bold.setFont(boldFont);
            euro = numeric(book, EURO_FORMAT, null);
            euroBold = numeric(book, EURO_FORMAT, boldFont);
            price = numeric(book, PRICE_FORMAT, null);
            quantity = numeric(book, QUANTITY_FORMAT, null);
            decimal = numeric(book, "0.00", null);
            integer = numeric(book, "0", null);
            date = numeric(book, DATE_FORMAT, null);
        }

        private static CellStyle numeric(Workbook book, String format, Font font) {
            CellStyle style = book.createCellStyle();
            style.setDataFormat(book.createDataFormat().getFormat(format));
            style.setVerticalAlignment(VerticalAlignment.TOP);
            if (font != null) {
                style.setFont(font);
            }
            return style;
        }
    }

    private interface Filler {
        void fill(SXSSFWorkbook book);
    }

    private static byte[] write(Filler filler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            filler.fill(book);
            book.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Generazione del foglio di calcolo non riuscita", e);
        }
        return out.toByteArray();
    }
}
