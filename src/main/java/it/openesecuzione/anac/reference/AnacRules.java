package it.openesecuzione.anac.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDmn;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;
import tools.jackson.databind.JsonNode;

/**
 * Runs ANAC's validation rules ({@code modello-dati/regole/<CODE>.dmn}, DMN 1.3 decision tables in
 * FEEL authored for Camunda 8) with Camunda's DMN engine for Scala and its FEEL engine.
 *
 * <p>The DMN inputs are the top-level properties of the anacForm ({@code datiContratto},
 * {@code avanzamento}, {@code idSubappalto}...): each property becomes a variable holding the JSON
 * value as FEEL sees it (objects as contexts, arrays as lists, numbers, strings, booleans). A
 * property absent from the anacForm is not bound at all, as when Camunda receives the JSON. Dates
 * stay strings, as in the JSON: FEEL then compares them as text.
 *
 * <p>Each rule outputs a string holding {@code {"idTipologica":"errori","codice":"REGnn"}}; the
 * texts come from {@code tipologiche/errori.json}. Where the DMN has a decision whose id is the
 * scheda code (ANAC's convention), that decision is evaluated (its required decisions with it);
 * otherwise every decision that no other decision requires.
 */
public final class AnacRules {

    /** A rule the decision yielded. */
    public record Violation(String code, String message, String ruleDescription, String decisionId) {
    }

    /** A rule as written in the DMN, for documentation and for crafting test cases. */
    public record Rule(String decisionId, String ruleId, String code, String description,
            List<String> inputEntries, List<String> outputEntries) {
    }

    /** A decision as written in the DMN. */
    public record Decision(String id, String name, String hitPolicy, List<String> inputExpressions,
            List<String> requiredInputs, List<String> requiredDecisions, List<Rule> rules) {
    }

    /** The code in a rule output: {@code "{\"idTipologica\":\"errori\",\"codice\":\"REG77\"}"}, escaped or not. */
    private static final Pattern RULE_CODE = Pattern.compile("\\\\?\"codice\\\\?\"\\s*:\\s*\\\\?\"([^\"\\\\]+)");
    private static final Pattern DESCRIPTION_CODE = Pattern.compile("^\\s*([A-Z]+[0-9]+)\\s*:");
    private static final String DMN_NS = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    private final AnacNpaFiles files;
    private final AnacCodeLists codeLists;
    private final DmnEngine engine = new DmnEngine.Builder().build();
    private final Map<String, ParsedDmn> parsed = new ConcurrentHashMap<>();
    private final Map<String, List<Decision>> written = new ConcurrentHashMap<>();

    public AnacRules(AnacNpaFiles files) {
        this.files = files;
        this.codeLists = new AnacCodeLists(files);
    }

    public static AnacRules fromSharedFolder() {
        return new AnacRules(AnacNpaFiles.fromSharedFolder());
    }

    /** Whether ANAC publishes rules for this scheda. */
    public boolean exist(String schedaCode) {
        return Files.isRegularFile(files.rulesFile(schedaCode));
    }

    /**
     * Evaluates the scheda's DMN on an anacForm.
     *
     * @throws IllegalStateException when the DMN cannot be parsed or a decision fails to evaluate
     */
    public List<Violation> evaluate(String schedaCode, JsonNode anacForm) {
        List<Decision> decisions = decisions(schedaCode);
        if (decisions.stream().allMatch(decision -> decision.rules().isEmpty())) {
            return List.of(); // e.g. S4: a decision table without inputs or rules, nothing to run
        }
        ParsedDmn dmn = parsed.computeIfAbsent(schedaCode, this::parse);
        Map<String, Object> variables = variables(anacForm);
        Map<String, Violation> found = new LinkedHashMap<>();
        for (ParsedDecision decision : targets(schedaCode, dmn)) {
            Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result = engine.eval(dmn, decision.id(), variables);
            if (result.isLeft()) {
                throw new IllegalStateException("DMN " + schedaCode + ", decision " + decision.id() + ": "
                        + result.swap().toOption().get().failure().message());
            }
            for (Object output : flatten(result.toOption().get().value())) {
                String code = ruleCode(String.valueOf(output));
                found.putIfAbsent(code, new Violation(code, message(code), describe(schedaCode, code), decision.id()));
            }
        }
        return List.copyOf(found.values());
    }

    /** Only the rule codes of {@link #evaluate}, in DMN order. */
    public List<String> codes(String schedaCode, JsonNode anacForm) {
        return evaluate(schedaCode, anacForm).stream().map(Violation::code).toList();
    }

    /** The error text of a code in {@code errori.json}, if it is there. */
    public Optional<String> errorText(String code) {
        return codeLists.exists("errori") ? codeLists.italian("errori", code) : Optional.empty();
    }

    /** The decisions of the scheda's DMN as written (read with a plain XML parser). */
    public List<Decision> decisions(String schedaCode) {
        return written.computeIfAbsent(schedaCode, this::read);
    }

    /** Every rule of the scheda's DMN, in order. */
    public List<Rule> rules(String schedaCode) {
        return decisions(schedaCode).stream().flatMap(decision -> decision.rules().stream()).toList();
    }

    // ---------------------------------------------------------------- evaluation

    private ParsedDmn parse(String schedaCode) {
        try (InputStream in = Files.newInputStream(files.rulesFile(schedaCode))) {
            Either<DmnEngine.Failure, ParsedDmn> result = engine.parse(in);
            if (result.isLeft()) {
                throw new IllegalStateException("DMN " + schedaCode + " cannot be parsed: "
                        + result.swap().toOption().get().message());
            }
            return result.toOption().get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ParsedDecision> targets(String schedaCode, ParsedDmn dmn) {
        List<ParsedDecision> all = new ArrayList<>();
        CollectionConverters.asJava(dmn.decisions()).forEach(all::add);
        for (ParsedDecision decision : all) {
            if (decision.id().equals(schedaCode)) {
                return List.of(decision);
            }
        }
        Set<String> required = new HashSet<>();
        for (ParsedDecision decision : all) {
            for (ParsedDecision requirement : CollectionConverters.asJava(decision.requiredDecisions())) {
                required.add(requirement.id());
            }
        }
        return all.stream().filter(decision -> !required.contains(decision.id())).toList();
    }

    private static Map<String, Object> variables(JsonNode anacForm) {
        Map<String, Object> variables = new LinkedHashMap<>();
        if (anacForm != null && anacForm.isObject()) {
            for (var property : anacForm.properties()) {
                variables.put(property.getKey(), toJava(property.getValue()));
            }
        }
        return variables;
    }

    /** JSON as plain Java values, which the FEEL engine maps to contexts, lists, numbers... */
    static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (var property : node.properties()) {
                map.put(property.getKey(), toJava(property.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(toJava(element)));
            return list;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }

    private static List<Object> flatten(Object value) {
        List<Object> values = new ArrayList<>();
        if (value == null || value == scala.None$.MODULE$) {
            return values;
        }
        if (value instanceof scala.collection.Iterable<?> iterable) {
            CollectionConverters.asJava(iterable).forEach(element -> values.addAll(flatten(element)));
        } else if (value instanceof Iterable<?> iterable) {
            iterable.forEach(element -> values.addAll(flatten(element)));
        } else {
            values.add(value);
        }
        return values;
    }

    private static String ruleCode(String output) {
        Matcher code = RULE_CODE.matcher(output);
        return code.find() ? code.group(1) : output;
    }

    private String message(String code) {
        return errorText(code).orElse(null);
    }

    private String describe(String schedaCode, String code) {
        return rules(schedaCode).stream().filter(rule -> code.equals(rule.code()))
                .map(Rule::description).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- reading the DMN as written

    private List<Decision> read(String schedaCode) {
        Document document = xml(files.rulesFile(schedaCode));
        Map<String, String> inputDataNames = new LinkedHashMap<>();
        Map<String, String> decisionNames = new LinkedHashMap<>();
        for (Element inputData : children(document.getDocumentElement(), "inputData")) {
            inputDataNames.put(inputData.getAttribute("id"), inputData.getAttribute("name"));
        }
        for (Element decision : children(document.getDocumentElement(), "decision")) {
            decisionNames.put(decision.getAttribute("id"), decision.getAttribute("name"));
        }
        List<Decision> decisions = new ArrayList<>();
        for (Element decision : children(document.getDocumentElement(), "decision")) {
            String id = decision.getAttribute("id");
            Set<String> requiredInputs = new LinkedHashSet<>();
            Set<String> requiredDecisions = new LinkedHashSet<>();
            for (Element requirement : children(decision, "informationRequirement")) {
                for (Element input : children(requirement, "requiredInput")) {
                    String ref = input.getAttribute("href").replaceFirst("^#", "");
                    requiredInputs.add(inputDataNames.getOrDefault(ref, ref));
                }
                for (Element required : children(requirement, "requiredDecision")) {
                    requiredDecisions.add(required.getAttribute("href").replaceFirst("^#", ""));
                }
            }
            List<String> inputExpressions = new ArrayList<>();
            List<Rule> rules = new ArrayList<>();
            String hitPolicy = null;
            for (Element table : children(decision, "decisionTable")) {
                hitPolicy = table.hasAttribute("hitPolicy") ? table.getAttribute("hitPolicy") : "UNIQUE";
                for (Element input : children(table, "input")) {
                    for (Element expression : children(input, "inputExpression")) {
                        inputExpressions.add(text(expression));
                    }
                }
                for (Element rule : children(table, "rule")) {
                    String description = children(rule, "description").stream().map(Node::getTextContent)
                            .findFirst().orElse("").strip();
                    List<String> inputs = children(rule, "inputEntry").stream().map(AnacRules::text).toList();
                    List<String> outputs = children(rule, "outputEntry").stream().map(AnacRules::text).toList();
                    String code = outputs.stream().map(AnacRules::ruleCode).findFirst().orElse(null);
                    Matcher described = DESCRIPTION_CODE.matcher(description);
                    if (code == null && described.find()) {
                        code = described.group(1);
                    }
                    rules.add(new Rule(id, rule.getAttribute("id"), code, description, inputs, outputs));
                }
            }
            decisions.add(new Decision(id, decision.getAttribute("name"), hitPolicy, List.copyOf(inputExpressions),
                    List.copyOf(requiredInputs), List.copyOf(requiredDecisions), List.copyOf(rules)));
        }
        return List.copyOf(decisions);
    }

    private static Document xml(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && DMN_NS.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static String text(Element element) {
        return children(element, "text").stream().map(Node::getTextContent).findFirst().orElse("").strip();
    }
}
