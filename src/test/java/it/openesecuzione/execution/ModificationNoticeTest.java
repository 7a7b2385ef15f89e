package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.execution.ModificationNotice.Awardee;
import it.openesecuzione.execution.ModificationNotice.Contract;
import it.openesecuzione.execution.ModificationNotice.ContractingAuthority;
import it.openesecuzione.execution.ModificationNotice.Lot;
import it.openesecuzione.execution.ModificationNotice.Modification;
import it.openesecuzione.execution.ModificationNotice.ReviewBody;
import it.openesecuzione.shared.Cig;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.Cup;
import it.openesecuzione.shared.InvalidValueException;
import it.openesecuzione.shared.Money;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;

/**
 * The eForms contract modification notice (subtypes 38, 39, 40) that PCP wants in the M1 and M1_40
 * schede: valid against the official SDK schema, carrying the input's business terms, refusing
 * invalid input in Italian.
 */
class ModificationNoticeTest {

    private static final Path SDK = Path.of("../shared/eforms-sdk");
    private static final Schema SCHEMA = schema(SDK.resolve("schemas/maindoc/UBL-ContractAwardNotice-2.3.xsd"));

    /** 1 June 2026, 10:15:30 in Rome (summer time, +02:00). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T08:15:30Z"), ZoneId.of("UTC"));
    private static final ModificationNoticeWriter WRITER = new ModificationNoticeWriter(CLOCK);

    private static final UUID NOTICE_ID = UUID.fromString("6b1e9c52-3f0a-4d7e-9b28-5c4d3e2f1a0b");
    private static final UUID ID_APPALTO = UUID.fromString("0e8f7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
    private static final UUID ID_CONTRATTO = UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
    private static final String CIG = "B1A2B00235";

    private static final ContractingAuthority GENOVA = new ContractingAuthority("Comune di Genova",
            new CodiceFiscale("00856930102"), "Genova", "ITC33", ModificationNotice.ITALY, "appalti@comune.genova.it");
    private static final Awardee AWARDEE = new Awardee("Costruzioni Liguri S.r.l.", new CodiceFiscale("01234567897"),
            "Genova", ModificationNotice.ITALY);
    /** The codice fiscale is a valid made-up one, not the TAR's. */
    private static final ReviewBody TAR = new ReviewBody("Tribunale Amministrativo Regionale per la Liguria",
            new CodiceFiscale("02483210999"), "Genova", ModificationNotice.ITALY, null);

    private static Contract contract(List<Lot> lots) {
        return new Contract("Manutenzione straordinaria della scuola Garaventa", Tipologia.LAVORI, lots,
                new Cup("J51B21003410006"), "45453000", ID_APPALTO, ID_CONTRATTO, AWARDEE, LocalDate.of(2026, 2, 10),
                LocalDate.of(2026, 1, 20), 180);
    }

    private static Modification modification(String newValue) {
        return new Modification("mod-cir", "Rinvenimento di sottoservizi non censiti & amianto nel solaio",
                "Lavori aggiuntivi di bonifica; proroga di 30 giorni", Money.of(newValue), 30);
    }

    private static ModificationNotice notice(int subtype) {
        return new ModificationNotice(subtype, NOTICE_ID, GENOVA, contract(List.of(Lot.of(new Cig(CIG)))),
                modification("452000.00"), TAR, "cb988d3a-79e9-4792-8739-da87831a20ef-01", "CON-0001");
    }

    @ParameterizedTest
    @ValueSource(ints = {38, 39, 40})
    void noticeOfEachSubtypeIsValidAgainstTheEformsSchema(int subtype) {
        byte[] xml = WRITER.xml(notice(subtype));

        assertThatCode(() -> validate(xml)).doesNotThrowAnyException();
    }

    @Test
    void noticeWithoutOptionalInputAndWithSeveralLotsIsValidToo() {
        Contract twoLots = new Contract("Fornitura di arredi scolastici", Tipologia.FORNITURE,
                List.of(Lot.of(Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', 1)),
                        new Lot(Cig.generate(Cig.Format.SIMOG_V2_PCP, 'B', 2), "Lotto 2: arredi per laboratori", "LOT-0007")),
                null, null, ID_APPALTO, ID_CONTRATTO, new Awardee("Arredi S.p.A.", new CodiceFiscale("01111111116"), null,
                        ModificationNotice.ITALY), LocalDate.of(2026, 2, 10), null, 90);
        ContractingAuthority noEmail = new ContractingAuthority("Comune di Genova", new CodiceFiscale("00856930102"),
                "Genova", "ITC33", "ITA", " ");
        ModificationNotice minimal = new ModificationNotice(38, NOTICE_ID, noEmail, twoLots,
                new Modification("mod-minv", "Variazione di quantità", "Aumento del 5% delle quantità", Money.of("105000"), 0),
                null, null, null);

        byte[] xml = WRITER.xml(minimal);

        assertThatCode(() -> validate(xml)).doesNotThrowAnyException();
        Document document = parse(xml);
        assertThat(strings(document, "/can:ContractAwardNotice/cac:ProcurementProjectLot/cbc:ID"))
                .containsExactly("LOT-0001", "LOT-0007");
        assertThat(strings(document, "/can:ContractAwardNotice/cac:ProcurementProjectLot/cac:ProcurementProject/cbc:ID"))
                .containsExactly(twoLots.lots().get(0).cig().value(), twoLots.lots().get(1).cig().value());
        // The value of each lot is unknown: only the notice value is stated.
        assertThat(count(document, "//efac:LotTender/cac:LegalMonetaryTotal")).isZero();
        assertThat(string(document, "//efac:NoticeResult/cbc:TotalAmount")).isEqualTo("105000.00");
        assertThat(count(document, "//efac:ContractModification/efbc:ChangedNoticeIdentifier")).isZero();
        assertThat(count(document, "//cac:AppealTerms")).isZero();
        assertThat(count(document, "//cac:Contact")).isZero();
    }

    @Test
    void officialSdkExamplesAreValidSoTheValidatorIsWiredRight() {
        for (String example : List.of("can-modif_24_value.xml", "can-modif_24_duration.xml", "can-modif_23.xml")) {
            byte[] xml = read(SDK.resolve("examples").resolve(example));

            assertThatCode(() -> validate(xml)).as(example).doesNotThrowAnyException();
        }
    }

    @Test
    void validatorRejectsAnElementTheSchemaDoesNotAllow() {
        String xml = new String(WRITER.xml(notice(38)), StandardCharsets.UTF_8)
                .replace("<efac:NoticeSubType>", "<efac:Unknown/><efac:NoticeSubType>");

        assertThatThrownBy(() -> validate(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SAXParseException.class)
                .hasMessageContaining("eforms-ubl-extension-aggregate-components/1\":Unknown");
    }

    @Test
    void noticeCarriesTheInputBusinessTerms() {
        Document document = parse(WRITER.xml(notice(38)));

        assertThat(string(document, "//efac:NoticeSubType/cbc:SubTypeCode")).isEqualTo("38");
        assertThat(string(document, "//efac:NoticeSubType/cbc:SubTypeCode/@listName")).isEqualTo("notice-subtype");
        assertThat(string(document, "/can:ContractAwardNotice/cbc:RegulatoryDomain")).isEqualTo("32014L0024");
        assertThat(string(document, "/can:ContractAwardNotice/cbc:NoticeTypeCode")).isEqualTo("can-modif");
        assertThat(string(document, "/can:ContractAwardNotice/cbc:NoticeLanguageCode")).isEqualTo("ITA");
        assertThat(string(document, "/can:ContractAwardNotice/cbc:ID")).isEqualTo(NOTICE_ID.toString());
        assertThat(string(document, "/can:ContractAwardNotice/cbc:VersionID")).isEqualTo("01");
        assertThat(string(document, "/can:ContractAwardNotice/cbc:ContractFolderID")).isEqualTo(ID_APPALTO.toString());

        String modification = "//efac:ContractModification";
        assertThat(string(document, modification + "/efac:ChangeReason/cbc:ReasonCode")).isEqualTo("mod-cir");
        assertThat(string(document, modification + "/efac:ChangeReason/cbc:ReasonCode/@listName"))
                .isEqualTo("modification-justification");
        assertThat(string(document, modification + "/efac:ChangeReason/efbc:ReasonDescription"))
                .isEqualTo("Rinvenimento di sottoservizi non censiti & amianto nel solaio");
        assertThat(string(document, modification + "/efac:Change/efbc:ChangeDescription"))
                .isEqualTo("Lavori aggiuntivi di bonifica; proroga di 30 giorni");
        assertThat(string(document, modification + "/efac:Change/efbc:ChangeDescription/@languageID")).isEqualTo("ITA");
        assertThat(string(document, modification + "/efbc:ChangedNoticeIdentifier"))
                .isEqualTo("cb988d3a-79e9-4792-8739-da87831a20ef-01");
        assertThat(string(document, modification + "/efbc:ChangedNoticeIdentifier/@schemeName")).isEqualTo("notice-id-ref");
        assertThat(string(document, modification + "/efac:Change/efac:ChangedSection/efbc:ChangedSectionIdentifier"))
                .isEqualTo("CON-0001");
        assertThat(string(document, modification + "/efbc:ModifiedContractIdentifier"))
                .isEqualTo(string(document, "//efac:NoticeResult/efac:SettledContract/cbc:ID"));

        String buyer = "//efac:Organization/efac:Company[cac:PartyIdentification/cbc:ID = "
                + "/can:ContractAwardNotice/cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID]";
        assertThat(string(document, buyer + "/cac:PartyLegalEntity/cbc:CompanyID")).isEqualTo("00856930102");
        assertThat(string(document, buyer + "/cac:PartyName/cbc:Name")).isEqualTo("Comune di Genova");
        assertThat(string(document, buyer + "/cac:PostalAddress/cbc:CountrySubentityCode")).isEqualTo("ITC33");
        assertThat(string(document, buyer + "/cac:PostalAddress/cac:Country/cbc:IdentificationCode")).isEqualTo("ITA");
        assertThat(string(document, buyer + "/cac:Contact/cbc:ElectronicMail")).isEqualTo("appalti@comune.genova.it");

        String winner = "//efac:Organization/efac:Company[cac:PartyIdentification/cbc:ID = "
                + "//efac:NoticeResult/efac:TenderingParty/efac:Tenderer/cbc:ID]";
        assertThat(string(document, winner + "/cac:PartyLegalEntity/cbc:CompanyID")).isEqualTo("01234567897");

        String reviewBody = "//efac:Organization/efac:Company[cac:PartyIdentification/cbc:ID = //cac:ProcurementProjectLot"
                + "/cac:TenderingTerms/cac:AppealTerms/cac:AppealReceiverParty/cac:PartyIdentification/cbc:ID]";
        assertThat(string(document, reviewBody + "/cac:PartyName/cbc:Name"))
                .isEqualTo("Tribunale Amministrativo Regionale per la Liguria");

        String lot = "/can:ContractAwardNotice/cac:ProcurementProjectLot";
        assertThat(string(document, lot + "/cbc:ID")).isEqualTo("LOT-0001");
        assertThat(string(document, lot + "/cac:ProcurementProject/cbc:ID")).isEqualTo(CIG);
        assertThat(string(document, lot + "/cac:ProcurementProject/cbc:ID/@schemeName")).isEqualTo("InternalID");
        assertThat(string(document, lot + "/cac:ProcurementProject/cbc:ProcurementTypeCode")).isEqualTo("works");
        assertThat(string(document, lot + "/cac:ProcurementProject/cac:PlannedPeriod/cbc:DurationMeasure")).isEqualTo("210");
        assertThat(string(document, lot + "/cac:ProcurementProject/cac:PlannedPeriod/cbc:DurationMeasure/@unitCode"))
                .isEqualTo("DAY");
        assertThat(string(document, "/can:ContractAwardNotice/cac:ProcurementProject/cbc:ID")).isEqualTo("J51B21003410006");

        assertThat(string(document, "//efac:NoticeResult/cbc:TotalAmount")).isEqualTo("452000.00");
        assertThat(string(document, "//efac:NoticeResult/cbc:TotalAmount/@currencyID")).isEqualTo("EUR");
        assertThat(string(document, "//efac:NoticeResult/efac:LotTender/cac:LegalMonetaryTotal/cbc:PayableAmount"))
                .isEqualTo("452000.00");
        assertThat(string(document, "//efac:NoticeResult/efac:LotTender/cac:LegalMonetaryTotal/cbc:PayableAmount/@currencyID"))
                .isEqualTo("EUR");
        assertThat(string(document, "//efac:NoticeResult/efac:LotTender/efac:TenderLot/cbc:ID")).isEqualTo("LOT-0001");

        String contract = "//efac:NoticeResult/efac:SettledContract";
        assertThat(string(document, contract + "/efac:ContractReference/cbc:ID")).isEqualTo(ID_CONTRATTO.toString());
        assertThat(string(document, contract + "/cbc:IssueDate")).isEqualTo("2026-02-10+01:00");
        assertThat(string(document, contract + "/cbc:AwardDate")).isEqualTo("2026-01-20+01:00");
    }

    @Test
    void dispatchDateAndTimeComeFromTheClockInItalianTime() {
        Document document = parse(WRITER.xml(notice(38)));

        assertThat(string(document, "/can:ContractAwardNotice/cbc:IssueDate")).isEqualTo("2026-06-01+02:00");
        assertThat(string(document, "/can:ContractAwardNotice/cbc:IssueTime")).isEqualTo("10:15:30+02:00");
    }

    @Test
    void eachSubtypeStatesItsDirective() {
        assertThat(string(parse(WRITER.xml(notice(39))), "/can:ContractAwardNotice/cbc:RegulatoryDomain"))
                .isEqualTo("32014L0025");
        assertThat(string(parse(WRITER.xml(notice(40))), "/can:ContractAwardNotice/cbc:RegulatoryDomain"))
                .isEqualTo("32014L0023");
    }

    @Test
    void concessionNoticeStatesTheValueOnTheTenderOnlyAsTheSdkExampleDoes() {
        Document document = parse(WRITER.xml(notice(40)));

        assertThat(count(document, "//efac:NoticeResult/cbc:TotalAmount")).isZero();
        assertThat(string(document, "//efac:LotTender/cac:LegalMonetaryTotal/cbc:PayableAmount")).isEqualTo("452000.00");
    }

    @Test
    void base64IsTheXmlEncoded() {
        ModificationNotice notice = notice(38);

        byte[] decoded = Base64.getDecoder().decode(WRITER.base64(notice));

        assertThat(decoded).isEqualTo(WRITER.xml(notice));
        assertThat(new String(decoded, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        assertThat(string(parse(decoded), "//efac:ChangeReason/cbc:ReasonCode")).isEqualTo("mod-cir");
    }

    @Test
    void rejectsBlankAuthorityName() {
        assertThatThrownBy(() -> new ContractingAuthority("  ", new CodiceFiscale("00856930102"), "Genova", "ITC33", "ITA", null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("denominazione della stazione appaltante \"  \" non valida: il valore è vuoto");
    }

    @Test
    void rejectsSubtypeOtherThan38To40() {
        assertThatThrownBy(() -> notice(41))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("sottotipo di avviso eForms \"41\" non valido: ammessi 38 (direttiva 2014/24/UE),"
                        + " 39 (direttiva 2014/25/UE) e 40 (concessioni, direttiva 2014/23/UE)");
    }

    @Test
    void rejectsNegativeOrZeroNewValue() {
        assertThatThrownBy(() -> modification("-1"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("nuovo valore del contratto \"-1.00\" non valido: deve essere maggiore di zero");
        assertThatThrownBy(() -> modification("0")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void rejectsAmountsWithMoreThanTwoDecimals() {
        // The amount reaches the notice as Money, whose parser refuses rather than rounds.
        assertThatThrownBy(() -> Money.of("452000.005"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("importo \"452000.005\" non valido: ha 3 decimali, al massimo 2");
    }

    @Test
    void rejectsReasonCodeOutsideAnacMotiviModifica() {
        assertThatThrownBy(() -> new Modification("mod-bus", "Causa", "Descrizione", Money.of("1000"), 0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("motivo della modifica \"mod-bus\" non valido: ammessi i codici della lista motiviModifica:"
                        + " add-wss, mod-cir, mod-minv, mod-nons, mod-repl, mod-rev");
    }

    @Test
    void rejectsCigAsEformsLotIdentifier() {
        assertThatThrownBy(() -> new Lot(new Cig(CIG), null, CIG))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("identificativo eForms del lotto \"B1A2B00235\" non valido: atteso LOT- seguito da quattro"
                        + " cifre (es. LOT-0001)");
    }

    @Test
    void rejectsMissingOrInvalidParts() {
        assertThatThrownBy(() -> new ContractingAuthority("Comune di Genova", new CodiceFiscale("00856930102"), "Genova",
                "Genova", "ITA", null))
                .hasMessageStartingWith("codice NUTS della stazione appaltante \"Genova\" non valido");
        assertThatThrownBy(() -> contract(List.of()))
                .hasMessage("elenco dei lotti non valido: indicare almeno un lotto (CIG)");
        assertThatThrownBy(() -> contract(List.of(Lot.of(new Cig(CIG)), Lot.of(new Cig(CIG)))))
                .hasMessage("CIG del lotto \"B1A2B00235\" non valido: compare più di una volta");
        assertThatThrownBy(() -> new Modification("mod-cir", "Causa", "", Money.of("1000"), 0))
                .hasMessage("descrizione della modifica \"\" non valida: il valore è vuoto");
        assertThatThrownBy(() -> new Modification("mod-cir", "Causa", "Descrizione", Money.of("1000"), -5))
                .hasMessageStartingWith("giorni aggiuntivi \"-5\" non valido");
        assertThatThrownBy(() -> new ModificationNotice(38, NOTICE_ID, GENOVA, contract(List.of(Lot.of(new Cig(CIG)))),
                modification("1000"), null, "avviso del 2025", null))
                .hasMessageStartingWith("identificativo dell'avviso precedente \"avviso del 2025\" non valido");
        assertThatThrownBy(() -> new ModificationNotice(38, NOTICE_ID, null, contract(List.of(Lot.of(new Cig(CIG)))),
                modification("1000"), null, null, null))
                .hasMessage("stazione appaltante non valida: il valore è obbligatorio");
    }

    @Test
    void tedPublicationNumberIsAcceptedAsPreviousNotice() {
        ModificationNotice notice = new ModificationNotice(38, NOTICE_ID, GENOVA, contract(List.of(Lot.of(new Cig(CIG)))),
                modification("1000"), TAR, "342558-2025", null);

        Document document = parse(WRITER.xml(notice));

        assertThat(string(document, "//efbc:ChangedNoticeIdentifier/@schemeName")).isEqualTo("ojs-notice-id");
    }

    // --- XML helpers ---

    private static Schema schema(Path xsd) {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            // The XSDs import each other by relative path: loading the root from its file gives them the
            // base to resolve against, and only local files are allowed.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newSchema(xsd.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the eForms schema " + xsd.toAbsolutePath(), e);
        }
    }

    /** Validates an eForms notice against the official XSD; used by the scheda tests too. */
    static void validate(byte[] xml) throws Exception {
        SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Map<String, String> NAMESPACES = Map.of(
            "can", ModificationNoticeWriter.CAN,
            "cac", ModificationNoticeWriter.CAC,
            "cbc", ModificationNoticeWriter.CBC,
            "ext", ModificationNoticeWriter.EXT,
            "efext", ModificationNoticeWriter.EFEXT,
            "efac", ModificationNoticeWriter.EFAC,
            "efbc", ModificationNoticeWriter.EFBC);

    private static XPath xpath() {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return NAMESPACES.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String namespaceUri) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceUri) {
                throw new UnsupportedOperationException();
            }
        });
        return xpath;
    }

    private static String string(Document document, String expression) {
        try {
            return xpath().evaluate(expression, document);
        } catch (Exception e) {
            throw new IllegalStateException(expression, e);
        }
    }

    private static int count(Document document, String expression) {
        return ((Double) evaluate(document, "count(" + expression + ")", XPathConstants.NUMBER)).intValue();
    }

    private static List<String> strings(Document document, String expression) {
        NodeList nodes = (NodeList) evaluate(document, expression, XPathConstants.NODESET);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent()).toList();
    }

    private static Object evaluate(Document document, String expression, QName type) {
        try {
            return xpath().evaluate(expression, document, type);
        } catch (Exception e) {
            throw new IllegalStateException(expression, e);
        }
    }
}
