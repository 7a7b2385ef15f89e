package it.openesecuzione.anac.reference;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a scheda against ANAC's official data model, as PCP's {@code crea-scheda} receives it.
 *
 * <p>What ANAC publishes, and what this class does with it:
 * <ul>
 *   <li>{@code modello-dati/schede/modello-dati-schede-<CODE>.yaml} is an OpenAPI 3.0 document whose
 *       root schema is {@code Scheda<CODE>Type} (for instance {@code SchedaSA1Type},
 *       {@code SchedaM1_40Type}). That schema describes the scheda's <em>body</em>:
 *       {@code {"anacForm": {...}}}, plus {@code eform} (Base64 eForm XML) for M1 and M1_40 and
 *       {@code espd} (Base64 ESPD request) for RSU1.</li>
 *   <li>The envelope {@code {"codice", "versione", "body", ...}} is
 *       {@code SchedaPostPubblicazioneType} of {@code modello-dati/modello-dati-npa.yaml}: an
 *       {@code allOf} of {@code SchedaType} (codice, versione, _idScheda, _stato, _dataCreazione)
 *       with {@code _dataModifica} and a {@code body} that is a {@code oneOf} of every post-award
 *       scheda. Here the {@code oneOf} is replaced by the root of the scheda named in
 *       {@code codice.codice}, so that errors speak of that scheda only.</li>
 *   <li>Remote {@code $ref}s ({@value AnacNpaFiles#REMOTE_PREFIX}...) are read from the local copy.
 *       Every referenced schema becomes an entry of {@code $defs}, so the result is one
 *       self-contained JSON Schema 2020-12 document.</li>
 *   <li>{@code allOf} is merged into one object schema (properties and required lists united,
 *       closed if any part says {@code additionalProperties: false}), as OpenAPI tools read it;
 *       validated literally, {@code allOf} with {@code additionalProperties: false} would reject
 *       every valid payload.</li>
 *   <li>OpenAPI-only details: {@code example} is dropped; {@code nullable: true} adds {@code null}
 *       to the type; formats {@code date-time} and {@code uuid} are asserted, {@code url} is read as
 *       {@code uri}; {@code double}, {@code float}, {@code integer}, {@code int32}, {@code int64}
 *       only describe numbers and are dropped ({@code type: number, format: integer} therefore
 *       accepts 1.5: send integers all the same).</li>
 * </ul>
 *
 * <p>Coded values ({@code {"idTipologica": ..., "codice": ...}}) are open objects in the model: the
 * schema does not know the codes. {@link #codeListErrors(JsonNode)} checks them against
 * {@code modello-dati/tipologiche/}.
 */
public final class AnacSchemas {

    private static final String NPA_MODEL = "modello-dati/modello-dati-npa.yaml";
    private static final String ENVELOPE = "SchedaPostPubblicazioneType";
    private static final Pattern CODE_LIST_LINK = Pattern.compile("\\[([A-Za-z0-9_]+)\\.json]");
    private static final Set<String> DROPPED_FORMATS = Set.of("double", "float", "integer", "int32", "int64");
    private static final Set<String> COPIED_KEYWORDS = Set.of(
            "type", "required", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern",
            "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "multipleOf",
            "description", "title", "default");
    private static final Set<String> DROPPED_KEYWORDS = Set.of(
            "example", "examples", "xml", "externalDocs", "deprecated", "readOnly", "writeOnly", "discriminator");

    private final AnacNpaFiles files;
    private final AnacCodeLists codeLists;
    private final SchemaRegistry registry;
    private final Map<Path, JsonNode> documents = new ConcurrentHashMap<>();
    private final Map<String, Compiled> envelopes = new ConcurrentHashMap<>();
    private final Map<String, Compiled> bodies = new ConcurrentHashMap<>();

    public AnacSchemas(AnacNpaFiles files) {
        this.files = files;
        this.codeLists = new AnacCodeLists(files);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .pathType(PathType.JSON_POINTER)
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
    }

    public static AnacSchemas fromSharedFolder() {
        return new AnacSchemas(AnacNpaFiles.fromSharedFolder());
    }

    /** The model file of a scheda code, e.g. {@code modello-dati-schede-M1.40.yaml} for M1_40. */
    public Path modelFile(String schedaCode) {
        return files.modelFile(schedaCode);
    }

    /** Name of the root schema of a scheda's model: {@code Scheda<CODE>Type}, which describes the body. */
    public String rootSchemaName(String schedaCode) {
        String name = "Scheda" + schedaCode + "Type";
        JsonNode schemas = document(files.modelFile(schedaCode)).path("components").path("schemas");
        if (!schemas.has(name)) {
            throw new IllegalArgumentException("Model " + files.modelFile(schedaCode) + " has no " + name);
        }
        return name;
    }

    /**
     * Validates a whole scheda ({@code {"codice": {...}, "versione": "1.0", "body": {...}}}), the
     * value of {@code scheda} in crea-scheda. The scheda code is read from {@code codice.codice}.
     *
     * @return readable errors ({@code <JSON pointer>: <message>}), empty when the scheda is valid
     */
    public List<String> validate(String schedaJson) {
        return validate(AnacNpaFiles.JSON.readTree(schedaJson));
    }

    /** @see #validate(String) */
    public List<String> validate(JsonNode scheda) {
        String code = scheda.path("codice").path("codice").asString("");
        if (code.isEmpty()) {
            return List.of("/codice/codice: the scheda code is missing, the scheda cannot be matched to a model");
        }
        Compiled compiled = envelopes.computeIfAbsent(code, this::compileEnvelope);
        return errors(compiled.schema().validate(scheda));
    }

    /** Validates only the body ({@code {"anacForm": {...}}}) against {@code Scheda<CODE>Type}. */
    public List<String> validateBody(String schedaCode, JsonNode body) {
        Compiled compiled = bodies.computeIfAbsent(schedaCode, this::compileBody);
        return errors(compiled.schema().validate(body));
    }

    /** The self-contained JSON Schema (2020-12) used by {@link #validate(JsonNode)} for this code. */
    public JsonNode compiledSchema(String schedaCode) {
        return envelopes.computeIfAbsent(schedaCode, this::compileEnvelope).document().deepCopy();
    }

    /**
     * Every coded field of a scheda, as a JSON pointer below the scheda ({@code /body/anacForm/...};
     * {@code /*} stands for any array element) mapped to its code list name.
     */
    public Map<String, String> codeListFields(String schedaCode) {
        Compiled compiled = envelopes.computeIfAbsent(schedaCode, this::compileEnvelope);
        Map<String, String> fields = new LinkedHashMap<>();
        collectCodeListFields(compiled, compiled.document(), "", fields, 0);
        return fields;
    }

    /**
     * Checks every coded value of the scheda against its code list: {@code idTipologica} must name
     * the list and {@code codice} must be in it.
     */
    public List<String> codeListErrors(JsonNode scheda) {
        return codeListErrors(scheda, null);
    }

    /** As {@link #codeListErrors(JsonNode)}, and each code must also be valid on {@code date}. */
    public List<String> codeListErrors(JsonNode scheda, LocalDate date) {
        String code = scheda.path("codice").path("codice").asString("");
        List<String> errors = new ArrayList<>();
        if (code.isEmpty()) {
            errors.add("/codice/codice: the scheda code is missing");
            return errors;
        }
        Compiled compiled = envelopes.computeIfAbsent(code, this::compileEnvelope);
        checkCodes(compiled, compiled.document(), scheda, "", date, errors, 0);
        return errors;
    }

    // ---------------------------------------------------------------- checking codes

    private void collectCodeListFields(Compiled compiled, JsonNode schema, String pointer,
            Map<String, String> fields, int depth) {
        if (depth > 40) {
            return;
        }
        if (schema.has("$ref")) {
            String name = definitionName(schema);
            String list = compiled.codeLists().get(name);
            if (list != null) {
                fields.put(pointer, list);
                return;
            }
            collectCodeListFields(compiled, compiled.definitions().get(name), pointer, fields, depth + 1);
            return;
        }
        for (var property : schema.path("properties").properties()) {
            collectCodeListFields(compiled, property.getValue(), pointer + "/" + property.getKey(), fields, depth + 1);
        }
        if (schema.has("items")) {
            collectCodeListFields(compiled, schema.get("items"), pointer + "/*", fields, depth + 1);
        }
    }

    private void checkCodes(Compiled compiled, JsonNode schema, JsonNode value, String pointer,
            LocalDate date, List<String> errors, int depth) {
        if (depth > 40 || value == null || value.isNull()) {
            return;
        }
        if (schema.has("$ref")) {
            String name = definitionName(schema);
            String list = compiled.codeLists().get(name);
            if (list != null) {
                checkCode(list, value, pointer, date, errors);
                return;
            }
            checkCodes(compiled, compiled.definitions().get(name), value, pointer, date, errors, depth + 1);
            return;
        }
        if (value.isObject()) {
            for (var property : schema.path("properties").properties()) {
                if (value.has(property.getKey())) {
                    checkCodes(compiled, property.getValue(), value.get(property.getKey()),
                            pointer + "/" + property.getKey(), date, errors, depth + 1);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                checkCodes(compiled, schema.get("items"), value.get(i), pointer + "/" + i, date, errors, depth + 1);
            }
        }
    }

    private void checkCode(String list, JsonNode value, String pointer, LocalDate date, List<String> errors) {
        String idTipologica = value.path("idTipologica").asString("");
        String code = value.path("codice").asString("");
        if (!idTipologica.equals(list)) {
            errors.add(pointer + "/idTipologica: expected '" + list + "' but found '" + idTipologica + "'");
        }
        if (!codeLists.contains(list, code)) {
            errors.add(pointer + "/codice: '" + code + "' is not a code of " + list + ".json");
        } else if (date != null && !codeLists.isValidOn(list, code, date)) {
            errors.add(pointer + "/codice: '" + code + "' of " + list + ".json is not valid on " + date);
        }
    }

    private static String definitionName(JsonNode reference) {
        return unescape(reference.get("$ref").asString().substring("#/$defs/".length()));
    }

    // ---------------------------------------------------------------- compiling

    private record Compiled(ObjectNode document, Schema schema, ObjectNode definitions, Map<String, String> codeLists) {
    }

    private Compiled compileEnvelope(String schedaCode) {
        Path npa = files.root().resolve(NPA_MODEL);
        ObjectNode envelope = (ObjectNode) document(npa).path("components").path("schemas").path(ENVELOPE).deepCopy();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("$ref", bodyReference(schedaCode));
        ((ObjectNode) envelope.path("properties")).set("body", body);
        Compiler compiler = new Compiler();
        ObjectNode root = compiler.compile(envelope, npa);
        return compiler.finish(root, "scheda " + schedaCode);
    }

    private Compiled compileBody(String schedaCode) {
        ObjectNode reference = JsonNodeFactory.instance.objectNode();
        reference.put("$ref", bodyReference(schedaCode));
        Compiler compiler = new Compiler();
        ObjectNode root = compiler.compile(reference, files.root().resolve(NPA_MODEL));
        return compiler.finish(root, "body of scheda " + schedaCode);
    }

    private String bodyReference(String schedaCode) {
        Path model = files.modelFile(schedaCode);
        return AnacNpaFiles.REMOTE_PREFIX + "modello-dati/schede/" + model.getFileName()
                + "#/components/schemas/" + rootSchemaName(schedaCode);
    }

    private JsonNode document(Path file) {
        return documents.computeIfAbsent(file.toAbsolutePath().normalize(), AnacNpaFiles::readYaml);
    }

    private record Target(Path file, String pointer, JsonNode node) {
    }

    private Target resolve(String reference, Path currentFile) {
        int hash = reference.indexOf('#');
        String address = hash < 0 ? reference : reference.substring(0, hash);
        String pointer = hash < 0 ? "" : reference.substring(hash + 1);
        Path file;
        if (address.isEmpty()) {
            file = currentFile;
        } else if (address.startsWith(AnacNpaFiles.REMOTE_PREFIX)) {
            file = files.localCopyOf(address);
        } else if (address.startsWith("http")) {
            throw new IllegalStateException("Reference outside ANAC's NPA docs: " + reference);
        } else {
            file = currentFile.getParent().resolve(address);
        }
        file = file.toAbsolutePath().normalize();
        JsonNode node = document(file).at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalStateException("Unresolvable $ref " + reference + " (from " + currentFile + ")");
        }
        return new Target(file, pointer, node);
    }

    /** Turns ANAC's OpenAPI schemas into one self-contained JSON Schema 2020-12 document. */
    private final class Compiler {

        private final ObjectNode definitions = JsonNodeFactory.instance.objectNode();
        private final Map<String, String> codeLists = new LinkedHashMap<>();

        Compiled finish(ObjectNode root, String what) {
            ObjectNode document = JsonNodeFactory.instance.objectNode();
            document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            document.put("$comment", "Compiled from ANAC's NPA models for " + what);
            document.setAll(root);
            document.set("$defs", definitions);
            return new Compiled(document, registry.getSchema(document), definitions, Map.copyOf(codeLists));
        }

        /** A schema in place: a {@code $ref} becomes a reference to {@code $defs}. */
        ObjectNode compile(JsonNode node, Path file) {
            if (node.has("$ref")) {
                return reference(resolve(node.get("$ref").asString(), file));
            }
            if (node.has("allOf")) {
                return merge(node, file);
            }
            return keywords(node, file);
        }

        /** A schema with its {@code $ref}s followed, for merging into an {@code allOf}. */
        private ObjectNode inline(JsonNode node, Path file) {
            if (node.has("$ref")) {
                Target target = resolve(node.get("$ref").asString(), file);
                return inline(target.node(), target.file());
            }
            return compile(node, file);
        }

        private ObjectNode reference(Target target) {
            String name = definitionName(target);
            if (!definitions.has(name)) {
                definitions.putObject(name); // placeholder: a schema may refer to itself
                definitions.set(name, compile(target.node(), target.file()));
                String list = codeListOf(target.node());
                if (list != null) {
                    codeLists.put(name, list);
                }
            }
            ObjectNode reference = JsonNodeFactory.instance.objectNode();
            reference.put("$ref", "#/$defs/" + escape(name));
            return reference;
        }

        /** {@code allOf} read as one object: properties and required united, closed if any part is. */
        private ObjectNode merge(JsonNode node, Path file) {
            List<ObjectNode> parts = new ArrayList<>();
            for (JsonNode part : node.get("allOf")) {
                parts.add(inline(part, file));
            }
            ObjectNode own = (ObjectNode) node.deepCopy();
            own.remove("allOf");
            parts.add(keywords(own, file));

            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            ObjectNode properties = JsonNodeFactory.instance.objectNode();
            Set<String> required = new LinkedHashSet<>();
            boolean closed = false;
            boolean object = false;
            for (ObjectNode part : parts) {
                for (var entry : part.properties()) {
                    switch (entry.getKey()) {
                        case "properties" -> {
                            properties.setAll((ObjectNode) entry.getValue());
                            object = true;
                        }
                        case "required" -> entry.getValue().forEach(name -> required.add(name.asString()));
                        case "additionalProperties" -> closed |= entry.getValue().isBoolean() && !entry.getValue().booleanValue();
                        case "type" -> object |= "object".equals(entry.getValue().asString(""));
                        default -> merged.set(entry.getKey(), entry.getValue());
                    }
                }
            }
            if (object) {
                merged.put("type", "object");
            }
            if (!properties.isEmpty()) {
                merged.set("properties", properties);
            }
            if (!required.isEmpty()) {
                ArrayNode names = merged.putArray("required");
                required.forEach(names::add);
            }
            if (closed) {
                merged.put("additionalProperties", false);
            }
            return merged;
        }

        private ObjectNode keywords(JsonNode node, Path file) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (var entry : node.properties()) {
                String keyword = entry.getKey();
                JsonNode value = entry.getValue();
                switch (keyword) {
                    case "properties" -> {
                        ObjectNode properties = out.putObject("properties");
                        for (var property : value.properties()) {
                            properties.set(property.getKey(), compile(property.getValue(), file));
                        }
                    }
                    case "items", "not" -> out.set(keyword, compile(value, file));
                    case "additionalProperties" -> out.set(keyword, value.isBoolean() ? value : compile(value, file));
                    case "oneOf", "anyOf", "allOf" -> {
                        ArrayNode alternatives = out.putArray(keyword);
                        value.forEach(alternative -> alternatives.add(compile(alternative, file)));
                    }
                    case "format" -> {
                        String format = value.asString();
                        if (format.equals("url")) {
                            out.put("format", "uri");
                        } else if (!DROPPED_FORMATS.contains(format)) {
                            out.put("format", format);
                        }
                    }
                    case "nullable" -> { /* applied below */ }
                    case "exclusiveMinimum", "exclusiveMaximum" -> {
                        if (value.isBoolean()) { // OpenAPI 3.0: a flag on minimum/maximum
                            String bound = keyword.equals("exclusiveMinimum") ? "minimum" : "maximum";
                            if (value.booleanValue() && node.has(bound)) {
                                out.set(keyword, node.get(bound));
                            }
                        } else {
                            out.set(keyword, value);
                        }
                    }
                    default -> {
                        if (COPIED_KEYWORDS.contains(keyword)) {
                            out.set(keyword, value);
                        } else if (!DROPPED_KEYWORDS.contains(keyword) && !keyword.startsWith("x-")) {
                            throw new IllegalStateException("Unsupported OpenAPI keyword '" + keyword + "' in " + file);
                        }
                    }
                }
            }
            if (out.has("exclusiveMinimum")) {
                out.remove("minimum");
            }
            if (out.has("exclusiveMaximum")) {
                out.remove("maximum");
            }
            if (node.path("nullable").asBoolean(false) && out.has("type")) {
                ArrayNode types = JsonNodeFactory.instance.arrayNode();
                types.add(out.get("type").asString());
                types.add("null");
                out.set("type", types);
            }
            return out;
        }

        private String definitionName(Target target) {
            String file = target.file().getFileName().toString()
                    .replaceFirst("^modello-dati-schede-", "")
                    .replaceFirst("^modello-dati-", "")
                    .replaceFirst("\\.yaml$", "");
            String name = target.pointer().replaceFirst("^/components/schemas/", "").replace('/', '.');
            return file + ":" + name;
        }

        /**
         * The code list of a coded value: an {@code allOf} of {@code TipologicaSchemaType} whose
         * description links {@code [<name>.json](...)}.
         */
        private String codeListOf(JsonNode node) {
            boolean tipologica = false;
            for (JsonNode part : node.path("allOf")) {
                tipologica |= part.path("$ref").asString("").endsWith("/TipologicaSchemaType");
            }
            if (!tipologica) {
                return null;
            }
            Matcher link = CODE_LIST_LINK.matcher(node.path("description").asString(""));
            return link.find() ? link.group(1) : null;
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String unescape(String name) {
        return name.replace("~1", "/").replace("~0", "~");
    }

    private static List<String> errors(List<Error> errors) {
        List<String> readable = new ArrayList<>();
        for (Error error : errors) {
            String location = error.getInstanceLocation().toString();
            readable.add((location.isEmpty() ? "/" : location) + ": " + error.getMessage());
        }
        return readable;
    }
}
