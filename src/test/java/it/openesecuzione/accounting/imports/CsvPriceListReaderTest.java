package it.openesecuzione.accounting.imports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.accounting.PriceItemInput;
import it.openesecuzione.accounting.imports.PriceListImport.Row;
import it.openesecuzione.accounting.imports.PriceListImport.RowProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvPriceListReaderTest {

    private static final String HEADER = "Codice;Descrizione;UM;Prezzo\n";

    private static PriceListImport read(String csv) {
        return CsvPriceListReader.read(new ByteArrayInputStream(csv.getBytes(UTF_8)));
    }

    @Test
    void readsEveryFieldOfARegionalPriceList() throws IOException {
        PriceListImport result;
        try (InputStream in = getClass().getResourceAsStream("/accounting/elenco-prezzi-piemonte.csv")) {
            result = CsvPriceListReader.read(in);
        }

        assertThat(result.format()).isEqualTo("CSV");
        assertThat(result.problems()).isEmpty();
        // Row 5 is the blank ";;;;;" line: skipped, but rows keep the numbers a spreadsheet shows.
        assertThat(result.rows()).extracting(Row::row).containsExactly(2, 3, 5, 6);
        PriceItemInput scavo = result.rows().get(0).item();
        assertThat(scavo.code()).isEqualTo("01.A01.A10.010");
        assertThat(scavo.description()).isEqualTo("Scavo a sezione obbligata, eseguito con mezzo meccanico, in terreno di qualsiasi natura");
        assertThat(scavo.unit()).isEqualTo("m³");
        assertThat(scavo.unitPrice()).isEqualByComparingTo("10.84");
        assertThat(scavo.quantity()).isEqualByComparingTo("150.125");
        assertThat(scavo.subjectToDiscount()).isTrue();
        PriceItemInput serramento = result.rows().get(1).item();
        assertThat(serramento.description()).isEqualTo(
                "Serramento in alluminio a taglio termico; fornito e posto in opera, compresi i controtelai");
        assertThat(serramento.unitPrice()).isEqualByComparingTo("1125.50");
        assertThat(serramento.quantity()).isEqualByComparingTo("18");
        assertThat(serramento.subjectToDiscount()).isNull();
        PriceItemInput recinzione = result.rows().get(2).item();
        assertThat(recinzione.unitPrice()).isEqualByComparingTo("12.3456");
        assertThat(recinzione.subjectToDiscount()).isFalse();
        PriceItemInput nolo = result.rows().get(3).item();
        assertThat(nolo.unitPrice()).isEqualByComparingTo("72.15");
        assertThat(nolo.quantity()).isNull();
        assertThat(nolo.subjectToDiscount()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.234,56   | 1234.56",
        "1234,56    | 1234.56",
        "1234.56    | 1234.56",
        "€ 1.234,56 | 1234.56",
        "1.234.567,8| 1234567.8",
        "0,5        | 0.5",
    })
    void readsItalianDecimalCommaAndThousandsPoint(String written, String expected) {
        PriceListImport result = read(HEADER + "A.01;Voce;kg;\"" + written.trim() + "\"\n");

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows().get(0).item().unitPrice()).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {";", ",", "\t"})
    void detectsTheDelimiter(String delimiter) {
        String csv = String.join(delimiter, "codice", "descrizione", "um", "prezzo") + "\n"
                + String.join(delimiter, "A.01", "\"Scavo, a mano\"", "m³", "\"12,5\"") + "\n";

        PriceListImport result = read(csv);

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows().get(0).item().description()).isEqualTo("Scavo, a mano");
        assertThat(result.rows().get(0).item().unitPrice()).isEqualByComparingTo("12.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CODICE;DESCRIZIONE;UNITÀ DI MISURA;PREZZO UNITARIO;QUANTITÀ",
        "Tariffa;Desc;u.m.;Importo;Q.tà",
        "cod;descrizione;Unita;prezzo (€);qta",
        "Codice;Descrizione;U. M.;Prezzo;Quantita",
    })
    void recognisesTheColumnsByTheirItalianNamesIgnoringCaseAndAccents(String header) {
        PriceListImport result = read(header + "\nA.01;Voce;kg;3,5;10\n");

        assertThat(result.problems()).isEmpty();
        PriceItemInput item = result.rows().get(0).item();
        assertThat(item.code()).isEqualTo("A.01");
        assertThat(item.description()).isEqualTo("Voce");
        assertThat(item.unit()).isEqualTo("kg");
        assertThat(item.unitPrice()).isEqualByComparingTo("3.5");
        assertThat(item.quantity()).isEqualByComparingTo("10");
    }

    @Test
    void prefersTheUnitPriceToTheAmountWhenBothAreThere() {
        PriceListImport result = read("Codice;Descrizione;UM;Quantità;Importo;Prezzo unitario\nA.01;Voce;kg;10;35;3,5\n");

        assertThat(result.rows().get(0).item().unitPrice()).isEqualByComparingTo("3.5");
    }

    @ParameterizedTest
    @CsvSource({
        "sì, false", "si, false", "S, false", "x, false", "1, false", "TRUE, false",
        "no, true", "n, true", "0, true", "false, true",
    })
    void aSafetyItemIsNotSubjectToTheDiscount(String sicurezza, boolean subjectToDiscount) {
        PriceListImport result = read("Codice;Descrizione;UM;Prezzo;Sicurezza\nA.01;Voce;kg;1;" + sicurezza + "\n");

        assertThat(result.rows().get(0).item().subjectToDiscount()).isEqualTo(subjectToDiscount);
    }

    @ParameterizedTest
    @CsvSource({"sì, true", "no, false", "x, true", "0, false"})
    void soggettoARibassoHasTheInverseMeaningOfSicurezza(String soggetto, boolean subjectToDiscount) {
        PriceListImport result = read("Codice;Descrizione;UM;Prezzo;Soggetto a ribasso\nA.01;Voce;kg;1;" + soggetto + "\n");

        assertThat(result.rows().get(0).item().subjectToDiscount()).isEqualTo(subjectToDiscount);
    }

    @Test
    void contradictorySafetyColumnsAreAProblem() {
        PriceListImport result = read("Codice;Descrizione;UM;Prezzo;Sicurezza;Soggetto a ribasso\nA.01;Voce;kg;1;sì;sì\n");

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).singleElement().extracting(RowProblem::field).isEqualTo("Soggetto a ribasso");
    }

    @Test
    void aYesNoValueThatIsNeitherIsAProblem() {
        PriceListImport result = read("Codice;Descrizione;UM;Prezzo;Sicurezza\nA.01;Voce;kg;1;forse\n");

        assertThat(result.problems()).containsExactly(new RowProblem(2, "Sicurezza", "forse",
                "«forse» non è un valore sì/no (usare sì, no, s, n, x, 1 o 0)"));
    }

    @Test
    void fallsBackToWindows1252WhenTheFileIsNotUtf8() {
        byte[] bytes = (HEADER + "A.01;Opere di città;m²;1,5\n").getBytes(FileText.WINDOWS_1252);

        PriceListImport result = CsvPriceListReader.read(new ByteArrayInputStream(bytes));

        assertThat(result.rows().get(0).item().description()).isEqualTo("Opere di città");
        assertThat(result.rows().get(0).item().unit()).isEqualTo("m²");
    }

    @Test
    void skipsBlankLinesKeepingTheRowNumbersOfTheFile() {
        PriceListImport result = read("\n" + HEADER + "\nA.01;Voce;kg;1\n   \n;;;\nA.02;Voce;kg;x\n");

        assertThat(result.rows()).extracting(Row::row).containsExactly(4);
        assertThat(result.problems()).extracting(RowProblem::row).containsExactly(7);
    }

    @Test
    void aPriceThatIsNotANumberIsAProblemNamedByItsColumn() {
        PriceListImport result = read(HEADER + "A.01;Voce;kg;12,50\nA.02;Voce;kg;dodici\n");

        assertThat(result.rows()).extracting(Row::row).containsExactly(2);
        assertThat(result.problems()).containsExactly(new RowProblem(3, "Prezzo", "dodici",
                "«dodici» non è un numero (scrivere ad esempio 1.234,56 oppure 1234.56)"));
    }

    @Test
    void aMissingPriceIsAProblem() {
        PriceListImport result = read(HEADER + "A.01;Voce;kg;\n");

        assertThat(result.problems()).containsExactly(new RowProblem(2, "Prezzo", null, "Il prezzo unitario è obbligatorio"));
    }

    @Test
    void aNegativePriceIsAProblem() {
        PriceListImport result = read(HEADER + "A.01;Voce;kg;-3,00\n");

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).containsExactly(
                new RowProblem(2, "Prezzo", "-3.00", "Il prezzo unitario non può essere negativo"));
    }

    @Test
    void everyProblemOfARowIsReported() {
        PriceListImport result = read(HEADER + ";;;1,23456\n");

        assertThat(result.problems()).extracting(RowProblem::field)
                .containsExactly("Codice", "Descrizione", "UM", "Prezzo");
    }

    @Test
    void aDuplicateCodeIsAProblemOfTheLaterRow() {
        PriceListImport result = read(HEADER + "A.01;Voce;kg;1\nA.02;Voce;kg;1\n A.01 ;Altra voce;kg;2\n");

        assertThat(result.rows()).extracting(Row::row).containsExactly(2, 3);
        assertThat(result.problems()).containsExactly(
                new RowProblem(4, "Codice", "A.01", "Il codice A.01 è già usato alla riga 2 del file"));
    }

    @Test
    void aMissingRequiredColumnIsOneProblemOnTheHeaderRow() {
        PriceListImport result = read("Codice;Descrizione;UM;Quantità\nA.01;Voce;kg;3\nA.02;Voce;kg;4\n");

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).containsExactly(new RowProblem(1, "prezzo unitario", null,
                "Manca la colonna «prezzo unitario» (intestazioni accettate: prezzo unitario, prezzo, importo)"));
    }

    @Test
    void aBinaryFileIsNotACsv() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};

        PriceListImport result = CsvPriceListReader.read(new ByteArrayInputStream(zip));

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isZero();
            assertThat(problem.message()).startsWith("Il file non è un CSV valido: ");
        });
    }

    @Test
    void anUnclosedQuoteIsOneProblemOfTheFile() {
        PriceListImport result = read(HEADER + "A.01;\"Voce senza fine;kg;1\n");

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).singleElement().extracting(RowProblem::message).asString()
                .startsWith("Il file non è un CSV valido: la riga");
    }

    @Test
    void anEmptyFileSaysSo() {
        assertThat(read("\n\n").problems()).singleElement().extracting(RowProblem::message)
                .isEqualTo("Il file è vuoto: manca anche la riga di intestazione");
    }
}
