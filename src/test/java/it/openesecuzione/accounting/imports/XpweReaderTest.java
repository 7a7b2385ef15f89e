package it.openesecuzione.accounting.imports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import it.openesecuzione.accounting.PriceItemInput;
import it.openesecuzione.accounting.imports.PriceListImport.Row;
import it.openesecuzione.accounting.imports.PriceListImport.RowProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XpweReaderTest {

    private static PriceListImport sample() throws IOException {
        try (InputStream in = XpweReaderTest.class.getResourceAsStream("/accounting/computo-scuola.xpwe")) {
            return XpweReader.read(in);
        }
    }

    private static PriceListImport read(String xml) {
        return XpweReader.read(new ByteArrayInputStream(xml.getBytes(UTF_8)));
    }

    /** A minimal document shaped like PriMus' and LeenO's exports. */
    private static String xpwe(String priceItems, String computoItems) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <PweDocumento><CopyRight>Copyright ACCA software S.p.A.</CopyRight><TipoDocumento>1</TipoDocumento>
                <PweDatiGenerali/><PweMisurazioni>
                <PweElencoPrezzi>%s</PweElencoPrezzi>
                <PweVociComputo>%s</PweVociComputo>
                </PweMisurazioni></PweDocumento>
                """.formatted(priceItems, computoItems);
    }

    private static String epItem(String id, String tariffa, String prezzo, String flags) {
        return "<EPItem ID=\"" + id + "\"><TipoEP>0</TipoEP><Tariffa>" + tariffa + "</Tariffa>"
                + "<DesRidotta>Voce " + tariffa + "</DesRidotta><DesEstesa>Voce " + tariffa + " estesa</DesEstesa>"
                + "<UnMisura>m²</UnMisura><Prezzo1>" + prezzo + "</Prezzo1><Flags>" + flags + "</Flags></EPItem>";
    }

    private static String vcItem(String id, String idep, String quantita, String flags) {
        return "<VCItem ID=\"" + id + "\"><IDEP>" + idep + "</IDEP><Quantita>" + quantita + "</Quantita>"
                + "<Flags>" + flags + "</Flags><PweVCMisure/></VCItem>";
    }

    @Test
    void readsEveryFieldOfEachPriceListItem() throws IOException {
        PriceListImport result = sample();

        assertThat(result.format()).isEqualTo("XPWE");
        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).extracting(Row::row).containsExactly(1, 2, 3, 4, 5);
        PriceItemInput scavo = result.rows().get(0).item();
        assertThat(scavo.code()).isEqualTo("01.A01.A10.010");
        assertThat(scavo.description()).isEqualTo("Scavo a sezione obbligata, eseguito con mezzo meccanico, in terreno "
                + "di qualsiasi natura, fino alla profondità di 3 m dal piano di campagna");
        assertThat(scavo.unit()).isEqualTo("m³");
        assertThat(scavo.unitPrice()).isEqualByComparingTo("10.84");
        assertThat(scavo.quantity()).isEqualByComparingTo("150.125");
        assertThat(scavo.subjectToDiscount()).isTrue();
        PriceItemInput nuovoPrezzo = result.rows().get(4).item();
        assertThat(nuovoPrezzo.code()).isEqualTo("NP.01");
        assertThat(nuovoPrezzo.unit()).isEqualTo("m²");
        assertThat(nuovoPrezzo.unitPrice()).isEqualByComparingTo("1234.5");
        assertThat(nuovoPrezzo.subjectToDiscount()).isTrue();
    }

    @Test
    void sumsTheTotalsOfTheComputoVociOfEachItem() throws IOException {
        PriceListImport result = sample();

        // Scavo: two voci, 112.5 + 37.625.
        assertThat(result.rows().get(0).item().quantity()).isEqualByComparingTo("150.125");
        // Calcestruzzo: the voce's total, not its rows plus the partial subtotal row (36.48).
        assertThat(result.rows().get(1).item().quantity()).isEqualByComparingTo("18.24");
    }

    @Test
    void anItemOutsideTheComputoHasNoQuantity() throws IOException {
        assertThat(sample().rows().get(4).item().quantity()).isNull();
    }

    @Test
    void takesDesRidottaWhenDesEstesaIsBlank() throws IOException {
        assertThat(sample().rows().get(2).item().description())
                .isEqualTo("Recinzione provvisionale di cantiere in rete metallica elettrosaldata");
    }

    @Test
    void anItemFlaggedAsVoceDellaSicurezzaIsNotSubjectToTheDiscount() throws IOException {
        PriceItemInput recinzione = sample().rows().get(2).item();

        assertThat(recinzione.code()).isEqualTo("28.A05.D10.005");
        assertThat(recinzione.subjectToDiscount()).isFalse();
        assertThat(recinzione.unitPrice()).isEqualByComparingTo("12.3456");
        assertThat(recinzione.quantity()).isEqualByComparingTo("60");
    }

    @Test
    void anItemWhoseComputoVoceIsFlaggedAsSicurezzaIsNotSubjectToTheDiscount() throws IOException {
        PriceItemInput cartello = sample().rows().get(3).item();

        assertThat(cartello.code()).isEqualTo("28.A20.A05.005");
        assertThat(cartello.subjectToDiscount()).isFalse();
        assertThat(cartello.quantity()).isEqualByComparingTo("4");
    }

    @Test
    void theSafetyFlagIsABitAmongOtherFlags() {
        // 131072 (item with a price analysis) + 134217728 (voce della sicurezza)
        PriceListImport result = read(xpwe(epItem("1", "S.01", "10", "134348800") + epItem("2", "AP.01", "10", "131072"), ""));

        assertThat(result.rows()).extracting(row -> row.item().subjectToDiscount()).containsExactly(false, true);
    }

    @Test
    void readsNumbersWithThePointAsDecimalSeparatorAsPriMusWritesThem() {
        PriceListImport result = read(xpwe(epItem("1", "A.01", "1234.5678", "0") + epItem("2", "A.02", "1e-04", "0"),
                vcItem("1", "1", "1234.567", "0")));

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows().get(0).item().unitPrice()).isEqualByComparingTo("1234.5678");
        assertThat(result.rows().get(0).item().quantity()).isEqualByComparingTo("1234.567");
        assertThat(result.rows().get(1).item().unitPrice()).isEqualByComparingTo("0.0001");
    }

    @Test
    void aPriceThatIsNotANumberIsAProblemOfItsItemOnly() {
        PriceListImport result = read(xpwe(epItem("1", "A.01", "10.5", "0") + epItem("2", "A.02", "dieci", "0"), ""));

        assertThat(result.rows()).extracting(Row::row).containsExactly(1);
        assertThat(result.problems()).containsExactly(
                new RowProblem(2, "Prezzo1", "dieci", "Il prezzo «dieci» non è un numero"));
    }

    @Test
    void aMissingPriceIsAProblem() {
        PriceListImport result = read(xpwe("<EPItem ID=\"1\"><Tariffa>A.01</Tariffa><DesEstesa>Voce</DesEstesa>"
                + "<UnMisura>kg</UnMisura></EPItem>", ""));

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).containsExactly(
                new RowProblem(1, "Prezzo1", null, "Il prezzo unitario è obbligatorio"));
    }

    @Test
    void aNegativePriceIsAProblem() {
        PriceListImport result = read(xpwe(epItem("1", "A.01", "-50.00", "0"), ""));

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).containsExactly(
                new RowProblem(1, "Prezzo1", "-50.00", "Il prezzo unitario non può essere negativo"));
    }

    @Test
    void everyProblemOfAnItemIsReportedNamedByItsElement() {
        PriceListImport result = read(xpwe("<EPItem ID=\"1\"><Tariffa></Tariffa><UnMisura></UnMisura><Prezzo1>1</Prezzo1></EPItem>", ""));

        assertThat(result.problems()).extracting(RowProblem::row, RowProblem::field)
                .containsExactly(tuple(1, "Tariffa"),
                        tuple(1, "DesEstesa"),
                        tuple(1, "UnMisura"));
    }

    @Test
    void aDuplicateTariffaIsAProblemOfTheLaterItem() {
        PriceListImport result = read(xpwe(epItem("1", "A.01", "10", "0") + epItem("2", "A.02", "10", "0")
                + epItem("3", "A.01", "12", "0"), ""));

        assertThat(result.rows()).extracting(Row::row).containsExactly(1, 2);
        assertThat(result.problems()).containsExactly(
                new RowProblem(3, "Tariffa", "A.01", "Il codice A.01 è già usato alla riga 1 del file"));
    }

    @Test
    void aComputoQuantityThatIsNotANumberStopsItsItem() {
        PriceListImport result = read(xpwe(epItem("1", "A.01", "10", "0"), vcItem("9", "1", "3,5,1", "0")));

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).containsExactly(new RowProblem(1, "Quantita", "3,5,1",
                "La quantità della voce di computo 9 non è un numero"));
    }

    @Test
    void aComputoVoceOfAnUnknownItemIsAProblemOfTheFile() {
        PriceListImport result = read(xpwe(epItem("1", "A.01", "10", "0"), vcItem("9", "77", "3", "0")));

        assertThat(result.rows()).hasSize(1);
        assertThat(result.rows().get(0).item().quantity()).isNull();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isZero();
            assertThat(problem.field()).isEqualTo("IDEP");
            assertThat(problem.value()).isEqualTo("77");
        });
    }

    @Test
    void anUnreadableFlagsStopsTheItemRatherThanGuessItsDiscount() {
        PriceListImport result = read(xpwe(epItem("1", "A.01", "10", "sicurezza"), ""));

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).extracting(RowProblem::field).containsExactly("Flags");
    }

    @Test
    void aFileWithoutPriceListItemsSaysSo() {
        PriceListImport result = read(xpwe("", ""));

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isZero();
            assertThat(problem.message()).contains("non contiene voci di elenco prezzi");
        });
    }

    @Test
    void aFileThatIsNotXmlIsOneProblemOnRowZero() {
        PriceListImport result = XpweReader.read(new ByteArrayInputStream(new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2}));

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isZero();
            assertThat(problem.message()).startsWith("Il file non è un XPWE valido: ");
        });
    }

    @Test
    void anEmptyFileIsOneProblem() {
        assertThat(XpweReader.read(new ByteArrayInputStream(new byte[0])).problems()).singleElement()
                .extracting(RowProblem::message).isEqualTo("Il file non è un XPWE valido: il file è vuoto");
    }

    @Test
    void xmlOfAnotherKindIsNotAnXpwe() {
        PriceListImport result = read("<?xml version=\"1.0\"?><FatturaElettronica/>");

        assertThat(result.problems()).singleElement().extracting(RowProblem::message).isEqualTo(
                "Il file non è un XPWE valido: l'elemento principale è <FatturaElettronica>, non <PweDocumento>");
    }

    @Test
    void refusesADoctypeSoThatNoEntityIsEverExpanded(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "segreto-del-server");
        String xml = """
                <?xml version="1.0" encoding="utf-8"?>
                <!DOCTYPE PweDocumento [ <!ENTITY xxe SYSTEM "%s"> <!ENTITY interna "testo-interno"> ]>
                <PweDocumento><PweMisurazioni><PweElencoPrezzi>
                <EPItem ID="1"><Tariffa>&xxe;</Tariffa><DesEstesa>&interna;</DesEstesa><UnMisura>kg</UnMisura><Prezzo1>1</Prezzo1></EPItem>
                </PweElencoPrezzi></PweMisurazioni></PweDocumento>
                """.formatted(secret.toUri());

        PriceListImport result = read(xml);

        assertThat(result.rows()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.row()).isZero();
            assertThat(problem.message()).isEqualTo("Il file non è un XPWE valido: contiene una dichiarazione DOCTYPE, "
                    + "che un XPWE non ha e che per sicurezza non viene letta");
        });
        assertThat(result.toString()).doesNotContain("segreto-del-server").doesNotContain("testo-interno");
    }

    @Test
    void readsAWindows1252FileThatDeclaresNoEncoding() {
        String xml = "<PweDocumento><PweMisurazioni><PweElencoPrezzi>"
                + "<EPItem ID=\"1\"><Tariffa>A.01</Tariffa><DesEstesa>Opere di città</DesEstesa>"
                + "<UnMisura>m²</UnMisura><Prezzo1>5</Prezzo1></EPItem>"
                + "</PweElencoPrezzi></PweMisurazioni></PweDocumento>";

        PriceListImport result = XpweReader.read(new ByteArrayInputStream(xml.getBytes(FileText.WINDOWS_1252)));

        assertThat(result.problems()).isEmpty();
        assertThat(result.rows().get(0).item().description()).isEqualTo("Opere di città");
        assertThat(result.rows().get(0).item().unit()).isEqualTo("m²");
    }

    @Test
    void findsTheSectionsWhateverTheirOrder() {
        String xml = "<PweDocumento><PweMisurazioni><PweVociComputo>" + vcItem("1", "1", "2.5", "0")
                + "</PweVociComputo><PweElencoPrezzi>" + epItem("1", "A.01", "3", "0")
                + "</PweElencoPrezzi></PweMisurazioni></PweDocumento>";

        assertThat(read(xml).rows()).singleElement().satisfies(row -> assertThat(row.item().quantity()).isEqualByComparingTo("2.5"));
    }
}
