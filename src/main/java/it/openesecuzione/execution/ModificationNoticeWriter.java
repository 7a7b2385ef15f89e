package it.openesecuzione.execution;

import it.openesecuzione.execution.ModificationNotice.Contract;
import it.openesecuzione.execution.ModificationNotice.Lot;
import it.openesecuzione.shared.Money;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a {@link ModificationNotice} as the eForms XML that TED publishes: a UBL
 * ContractAwardNotice of type can-modif, with the eForms extension. The layout follows the
 * official SDK examples can-modif_24_value.xml, can-modif_24_duration.xml (subtype 38) and
 * can-modif_23.xml (subtype 40), and the output validates against the SDK's XSD.
 *
 * <p>The XSD checks the structure only; TED's business rules (schematron) check more, such as
 * which fields are mandatory for each subtype. The optional inputs of {@link ModificationNotice}
 * that every example carries (CPV, review body, previous notice) should be supplied for a notice
 * TED will accept.
 *
 * <p>Inside a notice, eForms links its parts by technical identifiers (ORG-0001, LOT-0001,
 * TEN-0001 …); they mean nothing outside it, so fixed values are used.
 */
public final class ModificationNoticeWriter {

    /** The SDK version of the schemas and rules the notice follows: change it with them. */
    static final String CUSTOMIZATION_ID = "eforms-sdk-1.15";

    static final String CAN = "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2";
    static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    static final String EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
    static final String EFEXT = "http://data.europa.eu/p27/eforms-ubl-extensions/1";
    static final String EFAC = "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1";
    static final String EFBC = "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1";

    private static final String BUYER = "ORG-0001";
    private static final String AWARDEE = "ORG-0002";
    private static final String REVIEW_BODY = "ORG-0003";
    private static final String TENDERING_PARTY = "TPA-0001";
    private static final String CONTRACT = "CON-0001";
    private static final String EURO = "EUR";
    /** Dates and times of Italian notices are stated in Italian time, with its offset. */
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ssXXX");

    private final Clock clock;

    /** @param clock gives the notice's dispatch date and time (BT-05) */
    public ModificationNoticeWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The notice as UTF-8 XML, dated now by the clock. */
    public byte[] xml(ModificationNotice notice) {
        Objects.requireNonNull(notice, "notice");
        Document document = newDocument();
        Element root = document.createElementNS(CAN, "ContractAwardNotice");
        document.appendChild(root);
        declareNamespaces(root);

        Element extension = add(add(add(add(root, "ext:UBLExtensions"), "ext:UBLExtension"), "ext:ExtensionContent"),
                "efext:EformsExtension");
        contractModification(extension, notice);
        noticeResult(extension, notice);
        add(add(extension, "efac:NoticeSubType"), "cbc:SubTypeCode", String.valueOf(notice.subtype()))
                .setAttribute("listName", "notice-subtype");
        organizations(extension, notice);

        header(root, notice);
        add(add(add(add(root, "cac:ContractingParty"), "cac:Party"), "cac:PartyIdentification"), "cbc:ID", BUYER)
                .setAttribute("schemeName", "organization");
        procedure(root, notice.contract());
        lots(root, notice);
        // UBL requires a TenderResult with an AwardDate; eForms does not use it and every SDK
        // example carries this same placeholder.
        add(add(root, "cac:TenderResult"), "cbc:AwardDate", "2000-01-01Z");

        return serialise(document);
    }

    /** The notice as {@link #xml} in Base64, the form of {@code body.eform} in PCP's M1 and M1_40 schede. */
    public String base64(ModificationNotice notice) {
        return Base64.getEncoder().encodeToString(xml(notice));
    }

    private void header(Element root, ModificationNotice notice) {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ROME).truncatedTo(ChronoUnit.SECONDS);
        add(root, "cbc:UBLVersionID", "2.3");
        add(root, "cbc:CustomizationID", CUSTOMIZATION_ID);
        add(root, "cbc:ID", notice.noticeId().toString()).setAttribute("schemeName", "notice-id");
        add(root, "cbc:ContractFolderID", notice.contract().idAppalto().toString());
        add(root, "cbc:IssueDate", now.toLocalDate() + now.getOffset().getId());
        add(root, "cbc:IssueTime", TIME.format(now));
        // BT-757: each notice is written once, so always its first version. Resubmitting the same
        // noticeId after a rejection by TED would need 02, 03 …: the platform does not do that.
        add(root, "cbc:VersionID", "01");
        add(root, "cbc:RegulatoryDomain", notice.regulatoryDomain());
        add(root, "cbc:NoticeTypeCode", "can-modif").setAttribute("listName", "cont-modif");
        add(root, "cbc:NoticeLanguageCode", ModificationNotice.LANGUAGE);
    }

    private static void contractModification(Element extension, ModificationNotice notice) {
        ModificationNotice.Modification modification = notice.modification();
        Element element = add(extension, "efac:ContractModification");
        if (notice.previousNoticeId() != null) {
            add(element, "efbc:ChangedNoticeIdentifier", notice.previousNoticeId())
                    .setAttribute("schemeName", ModificationNotice.previousNoticeScheme(notice.previousNoticeId()));
        }
        add(element, "efbc:ModifiedContractIdentifier", CONTRACT).setAttribute("schemeName", "contract");
        Element change = add(element, "efac:Change");
        text(change, "efbc:ChangeDescription", modification.description());
        if (notice.changedSectionId() != null) {
            add(add(change, "efac:ChangedSection"), "efbc:ChangedSectionIdentifier", notice.changedSectionId());
        }
        Element reason = add(element, "efac:ChangeReason");
        add(reason, "cbc:ReasonCode", modification.reasonCode()).setAttribute("listName", "modification-justification");
        text(reason, "efbc:ReasonDescription", modification.cause());
    }

    private static void noticeResult(Element extension, ModificationNotice notice) {
        Contract contract = notice.contract();
        Money value = notice.modification().newValue();
        List<Lot> lots = contract.lots();
        Element result = add(extension, "efac:NoticeResult");
        // BT-161, the notice value: the directive examples (38) carry it, the concessions one (40) does not.
        if (notice.subtype() != 40) {
            amount(result, "cbc:TotalAmount", value);
        }
        for (int i = 0; i < lots.size(); i++) {
            Element lotResult = add(result, "efac:LotResult");
            add(lotResult, "cbc:ID", technicalId("RES", i)).setAttribute("schemeName", "result");
            add(add(lotResult, "efac:LotTender"), "cbc:ID", technicalId("TEN", i)).setAttribute("schemeName", "tender");
            add(add(lotResult, "efac:SettledContract"), "cbc:ID", CONTRACT).setAttribute("schemeName", "contract");
            add(add(lotResult, "efac:TenderLot"), "cbc:ID", contract.lotIdentifier(i)).setAttribute("schemeName", "Lot");
        }
        for (int i = 0; i < lots.size(); i++) {
            Element tender = add(result, "efac:LotTender");
            add(tender, "cbc:ID", technicalId("TEN", i)).setAttribute("schemeName", "tender");
            // BT-720, the tender value: the platform knows the value of the whole contract, not of each
            // lot, so it is stated only when the contract has a single lot.
            if (lots.size() == 1) {
                amount(add(tender, "cac:LegalMonetaryTotal"), "cbc:PayableAmount", value);
            }
            add(add(tender, "efac:TenderingParty"), "cbc:ID", TENDERING_PARTY).setAttribute("schemeName", "tendering-party");
            add(add(tender, "efac:TenderLot"), "cbc:ID", contract.lotIdentifier(i)).setAttribute("schemeName", "Lot");
            // BT-3201, the tender identifier: only the winning tender of each lot appears, and the CIG
            // names it without ambiguity.
            add(add(tender, "efac:TenderReference"), "cbc:ID", lots.get(i).cig().value());
        }
        Element settled = add(result, "efac:SettledContract");
        add(settled, "cbc:ID", CONTRACT).setAttribute("schemeName", "contract");
        if (contract.awardedOn() != null) {
            add(settled, "cbc:AwardDate", date(contract.awardedOn()));
        }
        add(settled, "cbc:IssueDate", date(contract.signedOn()));
        text(settled, "cbc:Title", contract.oggetto());
        add(add(add(settled, "cac:SignatoryParty"), "cac:PartyIdentification"), "cbc:ID", BUYER)
                .setAttribute("schemeName", "organization");
        add(add(settled, "efac:ContractReference"), "cbc:ID", contract.idContratto().toString());
        for (int i = 0; i < lots.size(); i++) {
            add(add(settled, "efac:LotTender"), "cbc:ID", technicalId("TEN", i)).setAttribute("schemeName", "tender");
        }
        Element party = add(result, "efac:TenderingParty");
        add(party, "cbc:ID", TENDERING_PARTY).setAttribute("schemeName", "tendering-party");
        add(add(party, "efac:Tenderer"), "cbc:ID", AWARDEE).setAttribute("schemeName", "organization");
    }

    private static void organizations(Element extension, ModificationNotice notice) {
        Element organizations = add(extension, "efac:Organizations");
        ModificationNotice.ContractingAuthority buyer = notice.authority();
        organization(organizations, BUYER, buyer.denominazione(), buyer.codiceFiscale().value(), buyer.citta(),
                buyer.nuts(), buyer.paese(), buyer.email());
        ModificationNotice.Awardee awardee = notice.contract().awardee();
        organization(organizations, AWARDEE, awardee.denominazione(), awardee.codiceFiscale().value(), awardee.citta(),
                null, awardee.paese(), null);
        ModificationNotice.ReviewBody review = notice.reviewBody();
        if (review != null) {
            organization(organizations, REVIEW_BODY, review.denominazione(), review.codiceFiscale().value(),
                    review.citta(), null, review.paese(), review.email());
        }
    }

    private static void organization(Element organizations, String id, String name, String companyId, String city,
            String nuts, String country, String email) {
        Element company = add(add(organizations, "efac:Organization"), "efac:Company");
        add(add(company, "cac:PartyIdentification"), "cbc:ID", id).setAttribute("schemeName", "organization");
        text(add(company, "cac:PartyName"), "cbc:Name", name);
        Element address = add(company, "cac:PostalAddress");
        if (city != null) {
            add(address, "cbc:CityName", city);
        }
        if (nuts != null) {
            add(address, "cbc:CountrySubentityCode", nuts).setAttribute("listName", "nuts");
        }
        add(add(address, "cac:Country"), "cbc:IdentificationCode", country).setAttribute("listName", "country");
        if (companyId != null) {
            add(add(company, "cac:PartyLegalEntity"), "cbc:CompanyID", companyId);
        }
        if (email != null) {
            add(add(company, "cac:Contact"), "cbc:ElectronicMail", email);
        }
    }

    private static void procedure(Element root, Contract contract) {
        Element project = add(root, "cac:ProcurementProject");
        if (contract.cup() != null) {
            add(project, "cbc:ID", contract.cup().value()).setAttribute("schemeName", "InternalID");
        }
        text(project, "cbc:Name", contract.oggetto());
        text(project, "cbc:Description", contract.oggetto());
        natureAndCpv(project, contract);
    }

    private static void lots(Element root, ModificationNotice notice) {
        Contract contract = notice.contract();
        int days = contract.durataGiorni() + notice.modification().extraDays();
        for (int i = 0; i < contract.lots().size(); i++) {
            Lot lot = contract.lots().get(i);
            Element element = add(root, "cac:ProcurementProjectLot");
            add(element, "cbc:ID", contract.lotIdentifier(i)).setAttribute("schemeName", "Lot");
            if (notice.reviewBody() != null) {
                add(add(add(add(add(element, "cac:TenderingTerms"), "cac:AppealTerms"), "cac:AppealReceiverParty"),
                        "cac:PartyIdentification"), "cbc:ID", REVIEW_BODY).setAttribute("schemeName", "organization");
            }
            Element project = add(element, "cac:ProcurementProject");
            add(project, "cbc:ID", lot.cig().value()).setAttribute("schemeName", "InternalID");
            String description = lot.descrizione() != null ? lot.descrizione() : contract.oggetto();
            text(project, "cbc:Name", description);
            text(project, "cbc:Description", description);
            natureAndCpv(project, contract);
            // BT-36, the duration after the modification, as in can-modif_24_duration.xml.
            add(add(project, "cac:PlannedPeriod"), "cbc:DurationMeasure", String.valueOf(days))
                    .setAttribute("unitCode", "DAY");
        }
    }

    private static void natureAndCpv(Element project, Contract contract) {
        add(project, "cbc:ProcurementTypeCode", contractNature(contract)).setAttribute("listName", "contract-nature");
        if (contract.cpv() != null) {
            add(add(project, "cac:MainCommodityClassification"), "cbc:ItemClassificationCode", contract.cpv())
                    .setAttribute("listName", "cpv");
        }
    }

    private static String contractNature(Contract contract) {
        return switch (contract.tipologia()) {
            case LAVORI -> "works";
            case SERVIZI -> "services";
            case FORNITURE -> "supplies";
        };
    }

    private static String technicalId(String prefix, int index) {
        return "%s-%04d".formatted(prefix, index + 1);
    }

    /** A date with the offset Italy had at the start of that day, as eForms wants dates zoned. */
    private static String date(LocalDate date) {
        return date + date.atStartOfDay(ROME).getOffset().getId();
    }

    private static void amount(Element parent, String name, Money value) {
        add(parent, name, value.toString()).setAttribute("currencyID", EURO);
    }

    /** A text in the notice language. */
    private static void text(Element parent, String name, String value) {
        add(parent, name, value).setAttribute("languageID", ModificationNotice.LANGUAGE);
    }

    private static Element add(Element parent, String qualifiedName) {
        Element child = parent.getOwnerDocument().createElementNS(namespaceOf(qualifiedName), qualifiedName);
        parent.appendChild(child);
        return child;
    }

    private static Element add(Element parent, String qualifiedName, String text) {
        Element child = add(parent, qualifiedName);
        child.setTextContent(text);
        return child;
    }

    private static String namespaceOf(String qualifiedName) {
        String prefix = qualifiedName.substring(0, qualifiedName.indexOf(':'));
        return switch (prefix) {
            case "cac" -> CAC;
            case "cbc" -> CBC;
            case "ext" -> EXT;
            case "efext" -> EFEXT;
            case "efac" -> EFAC;
            case "efbc" -> EFBC;
            default -> throw new IllegalArgumentException("unknown prefix in " + qualifiedName);
        };
    }

    /** Declared once on the root, as in the SDK examples, rather than on every element. */
    private static void declareNamespaces(Element root) {
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", CAN);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:cac", CAC);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:cbc", CBC);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:ext", EXT);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:efext", EFEXT);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:efac", EFAC);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:efbc", EFBC);
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML support is misconfigured", e);
        }
    }

    private static byte[] serialise(Document document) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            // The JDK's own declaration says standalone="no" and is not followed by a line break.
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(XML_DECLARATION.getBytes(StandardCharsets.UTF_8));
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("could not write the eForms notice", e);
        }
    }
}
