package it.openesecuzione.anac.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * ANAC's code lists ("tipologiche"), {@code modello-dati/tipologiche/<name>.json}: arrays of
 * {@code {"codice", "descrizione": {"it", "en", ...}, "dataInizio", "dataFine"}}. A coded value in
 * a scheda is {@code {"idTipologica": "<name>", "codice": "<codice>"}}.
 */
public final class AnacCodeLists {

    /** One code: its Italian meaning, and the validity window (null bounds are open). */
    public record Entry(String code, String italian, LocalDate validFrom, LocalDate validTo) {

        /** Valid from {@code validFrom} (inclusive) to {@code validTo} (exclusive: ANAC's bounds are midnight UTC). */
        public boolean isValidOn(LocalDate date) {
            return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || date.isBefore(validTo));
        }
    }

    private static final java.util.regex.Pattern SAFE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");

    private final AnacNpaFiles files;
    private final Map<String, Map<String, Entry>> lists = new ConcurrentHashMap<>();

    public AnacCodeLists(AnacNpaFiles files) {
        this.files = files;
    }

    public static AnacCodeLists fromSharedFolder() {
        return new AnacCodeLists(AnacNpaFiles.fromSharedFolder());
    }

    /** Whether ANAC publishes a code list of this name (a plain file name: letters, digits, '_', '-'). */
    public boolean exists(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && Files.isRegularFile(files.codeListFile(name));
    }

    /** Whether {@code code} is in the list {@code name}; false when the list does not exist. */
    public boolean contains(String name, String code) {
        return exists(name) && list(name).containsKey(code);
    }

    /** Whether {@code code} is in the list and valid on {@code date}. */
    public boolean isValidOn(String name, String code, LocalDate date) {
        return entry(name, code).map(entry -> entry.isValidOn(date)).orElse(false);
    }

    /** The Italian meaning of a code. */
    public Optional<String> italian(String name, String code) {
        return entry(name, code).map(Entry::italian);
    }

    public Optional<Entry> entry(String name, String code) {
        return exists(name) ? Optional.ofNullable(list(name).get(code)) : Optional.empty();
    }

    /** All the codes of a list, in ANAC's order. */
    public List<Entry> entries(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException("No ANAC code list named " + name);
        }
        return Collections.unmodifiableList(new ArrayList<>(list(name).values()));
    }

    /** The names of every published list (file names without {@code .json}), sorted. */
    public List<String> names() {
        try (var files = Files.list(this.files.codeListFolder())) {
            return files.map(Path::getFileName).map(Path::toString).filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A list as ANAC publishes it: an array of {@code {"codice", "descrizione": {"it", "en"},
     * "dataInizio", "dataFine"}}, as the CodeList services return its entries.
     */
    public JsonNode raw(String name) {
        if (!exists(name)) {
            throw new IllegalArgumentException("No ANAC code list named " + name);
        }
        return AnacNpaFiles.readJson(files.codeListFile(name));
    }

    private Map<String, Entry> list(String name) {
        return lists.computeIfAbsent(name, this::read);
    }

    private Map<String, Entry> read(String name) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonNode node : AnacNpaFiles.readJson(files.codeListFile(name))) {
            String code = node.path("codice").asString();
            entries.put(code, new Entry(code, node.path("descrizione").path("it").asString(null),
                    date(node.path("dataInizio")), date(node.path("dataFine"))));
        }
        return entries;
    }

    private static LocalDate date(JsonNode value) {
        if (value == null || !value.isString() || value.asString().isBlank()) {
            return null;
        }
        return OffsetDateTime.parse(value.asString()).toLocalDate();
    }
}
