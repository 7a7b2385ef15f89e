package it.openesecuzione.accounting.imports;

import static java.nio.charset.StandardCharsets.US_ASCII;

import it.openesecuzione.accounting.ItalianNumbers;
import it.openesecuzione.accounting.PriceItemInput;
import it.openesecuzione.accounting.imports.PriceListImport.RowProblem;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the price list and the computo quantities of an XPWE file, the XML exchange format of
 * ACCA PriMus, also written by LeenO.
 *
 * <p>Structure and rules follow what LeenO reads and writes (github.com/giuserpe/leeno,
 * {@code src/Ultimus.oxt/python/pythonpath/LeenoImport_XPWE.py}, functions
 * {@code leggiElencoPrezzi} and {@code leggiMisurazioni}, and {@code LeenoExport.py},
 * {@code XPWE_out_run}):
 * <ul>
 * <li>{@code PweDocumento/PweMisurazioni/PweElencoPrezzi/EPItem[@ID]}: {@code Tariffa} is the
 * code, {@code DesEstesa} the description ({@code DesRidotta}, then {@code DesBreve}, when it is
 * blank), {@code UnMisura} the unit, {@code Prezzo1} the unit price. Numbers are written with '.'
 * as decimal point.
 * <li>{@code PweVociComputo/VCItem}: {@code IDEP} is the ID of its EPItem, {@code Quantita} the
 * voce's total. An item's quantity is the sum of the totals of its voci. The measurement rows
 * ({@code PweVCMisure/RGItem}) are not added up again: their total is already in
 * {@code Quantita}, and a row flagged as a partial subtotal (Flags 2) would count twice.
 * <li>Safety items (oneri della sicurezza, not subject to the ribasso): {@code Flags} carries bit
 * 134217728 (0x08000000), which LeenO reads as "Voce Della Sicurezza" and writes on both the
 * EPItem and its VCItems. The bit is tested, not the whole value, because Flags is a set of bits:
 * LeenO writes 131072 on items with a price analysis. An item is a safety item when its EPItem or
 * any of its VCItems has the bit. The incidences ({@code IncSIC}, {@code IncMDO}…) are shares of
 * the price, not flags, and are not used.
 * </ul>
 * A problem's row is the EPItem's position in the list (1-based); its field, the element's name.
 * Where the sections sit is not assumed: real exports differ in their order.
 */
public final class XpweReader {

    /** The Flags bit of a "voce della sicurezza". */
    static final long SAFETY_FLAG = 0x0800_0000L;

    private static final Map<String, String> ELEMENT_OF_FIELD = Map.of(
            "codice", "Tariffa",
            "descrizione", "DesEstesa",
            "unitaMisura", "UnMisura",
            "prezzoUnitario", "Prezzo1",
            "quantita", "Quantita");

    private XpweReader() {
    }

    /** Never throws for bad content: what cannot be read becomes a problem of the result. */
    public static PriceListImport read(InputStream in) {
        Element root;
        try {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return invalid("il file è vuoto");
            }
            root = parse(bytes).getDocumentElement();
        } catch (SAXParseException e) {
            return invalid(e.getMessage() != null && e.getMessage().contains("DOCTYPE")
                    ? "contiene una dichiarazione DOCTYPE, che un XPWE non ha e che per sicurezza non viene letta"
                    : "l'XML non è ben formato (riga " + e.getLineNumber() + ", colonna " + e.getColumnNumber() + ")");
        } catch (CharConversionException e) {
            return invalid("i caratteri non corrispondono alla codifica dichiarata");
        } catch (SAXException | IOException e) {
            return invalid("il file non si può leggere come XML");
        }
        if (!"PweDocumento".equals(root.getTagName())) {
            return invalid("l'elemento principale è <" + root.getTagName() + ">, non <PweDocumento>");
        }
        return new Reading(root).result();
    }

    /** One reading of a parsed document. */
    private static final class Reading {

        private final ImportCollector collector = new ImportCollector("XPWE");
        private final List<Element> priceItems;
        private final List<Element> computoItems;
        private final Map<String, Integer> rowById = new HashMap<>();
        private final Map<Integer, BigDecimal> quantityByRow = new HashMap<>();
        private final Set<Integer> safetyRows = new HashSet<>();
        private final Map<Integer, List<RowProblem>> computoProblemsByRow = new HashMap<>();

        Reading(Element root) {
            priceItems = children(firstDescendant(root, "PweElencoPrezzi"), "EPItem");
            computoItems = children(firstDescendant(root, "PweVociComputo"), "VCItem");
        }

        PriceListImport result() {
            if (priceItems.isEmpty()) {
                collector.fileProblem("PweElencoPrezzi", null,
                        "Il file XPWE non contiene voci di elenco prezzi (PweElencoPrezzi/EPItem)");
                return collector.result();
            }
            for (int i = 0; i < priceItems.size(); i++) {
                String id = priceItems.get(i).getAttribute("ID").trim();
                if (!id.isEmpty()) {
                    rowById.putIfAbsent(id, i + 1);
                }
            }
            computoItems.forEach(this::readComputoItem);
            for (int i = 0; i < priceItems.size(); i++) {
                readPriceItem(i + 1, priceItems.get(i));
            }
            return collector.result();
        }

        private void readComputoItem(Element voce) {
            String voceId = voce.getAttribute("ID");
            String priceItemId = text(voce, "IDEP");
            Integer row = priceItemId == null ? null : rowById.get(priceItemId);
            if (row == null) {
                collector.fileProblem("IDEP", priceItemId, "La voce di computo " + voceId
                        + " rimanda alla voce di elenco prezzi con ID " + priceItemId + ", che non c'è: la sua quantità è ignorata");
                return;
            }
            List<RowProblem> problems = computoProblemsByRow.computeIfAbsent(row, r -> new ArrayList<>());
            String quantityText = text(voce, "Quantita");
            if (quantityText == null) {
                problems.add(new RowProblem(row, "Quantita", null,
                        "La voce di computo " + voceId + " non riporta la quantità"));
            } else {
                number(quantityText).ifPresentOrElse(
                        quantity -> quantityByRow.merge(row, quantity, BigDecimal::add),
                        () -> problems.add(new RowProblem(row, "Quantita", quantityText,
                                "La quantità della voce di computo " + voceId + " non è un numero")));
            }
            Long flags = flags(voce, row, problems);
            if (flags != null && (flags & SAFETY_FLAG) != 0) {
                safetyRows.add(row);
            }
        }

        private void readPriceItem(int row, Element item) {
            List<RowProblem> problems = new ArrayList<>(computoProblemsByRow.getOrDefault(row, List.of()));
            String id = item.getAttribute("ID").trim();
            if (!id.isEmpty() && rowById.get(id) != row) {
                problems.add(new RowProblem(row, "ID", id, "L'ID " + id + " è già usato dalla voce alla riga "
                        + rowById.get(id) + ": le quantità del computo non si possono attribuire"));
            }
            String price = text(item, "Prezzo1");
            BigDecimal unitPrice = null;
            if (price != null) {
                unitPrice = number(price).orElse(null);
                if (unitPrice == null) {
                    problems.add(new RowProblem(row, "Prezzo1", price, "Il prezzo «" + price + "» non è un numero"));
                }
            }
            // An unreadable Flags hides whether the item is a safety one, which decides the ribasso:
            // better to stop the item than to guess.
            Long flags = flags(item, row, problems);
            boolean safety = (flags != null && (flags & SAFETY_FLAG) != 0) || safetyRows.contains(row);
            PriceItemInput input = new PriceItemInput(
                    text(item, "Tariffa"),
                    firstNonBlank(text(item, "DesEstesa"), text(item, "DesRidotta"), text(item, "DesBreve")),
                    text(item, "UnMisura"),
                    unitPrice,
                    quantityByRow.get(row),
                    !safety);
            collector.add(row, input, problems, ELEMENT_OF_FIELD);
        }

        private static Long flags(Element element, int row, List<RowProblem> problems) {
            String text = text(element, "Flags");
            if (text == null) {
                return null;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                problems.add(new RowProblem(row, "Flags", text,
                        "Flags non è un numero intero: non si sa se la voce sia un onere della sicurezza"));
                return null;
            }
        }
    }

    private static Document parse(byte[] bytes) throws SAXException, IOException {
        DocumentBuilder builder;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // No DOCTYPE at all (an XPWE has none), so no entity, external or internal, can be
            // declared, let alone expanded: this closes XXE and "billion laughs" at once.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            builder = factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser lacks a security feature", e);
        }
        builder.setErrorHandler(THROWING);
        return builder.parse(source(bytes));
    }

    /**
     * The bytes as the parser should see them. A file that declares its encoding, or is valid
     * UTF-8, is left to the parser; an undeclared file that is not UTF-8 was saved by Windows
     * software in windows-1252, and is decoded as such.
     */
    private static InputSource source(byte[] bytes) {
        String prolog = new String(bytes, 0, Math.min(bytes.length, 200), US_ASCII);
        boolean declared = prolog.startsWith("<?xml") && prolog.substring(0, Math.max(prolog.indexOf("?>"), 0)).contains("encoding");
        if (declared || FileText.isUtf8(bytes)) {
            return new InputSource(new ByteArrayInputStream(bytes));
        }
        return new InputSource(new StringReader(new String(bytes, FileText.WINDOWS_1252)));
    }

    /** Fails on any error, and keeps the parser from printing "[Fatal Error]" to stderr. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** PriMus writes '.' decimals, sometimes Python-style exponents ("1e-05") via LeenO. */
    private static Optional<BigDecimal> number(String text) {
        Optional<BigDecimal> number = ItalianNumbers.parse(text);
        if (number.isPresent()) {
            return number;
        }
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Element firstDescendant(Element root, String name) {
        Node node = root.getElementsByTagName(name).item(0);
        return node instanceof Element element ? element : null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        if (parent == null) {
            return children;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    /** The trimmed text of the first child element with that name; null when absent or blank. */
    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        if (found.isEmpty()) {
            return null;
        }
        String text = found.get(0).getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    private static String firstNonBlank(String... texts) {
        for (String text : texts) {
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    private static PriceListImport invalid(String reason) {
        ImportCollector collector = new ImportCollector("XPWE");
        collector.fileProblem("", null, "Il file non è un XPWE valido: " + reason);
        return collector.result();
    }
}
