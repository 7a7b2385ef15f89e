package it.openesecuzione.anac.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Where ANAC's published PCP material lies on disk, and how a scheda code maps to its files.
 *
 * <p>At run time the folder is configured (the PCP simulator reads
 * {@code openesecuzione.pcp-sim.anac-dir}) and passed to {@link #AnacNpaFiles(Path)}. Tests run
 * with the repository root as working directory, and the shared folder is its sibling, so
 * {@link #fromSharedFolder()} reads {@code ../shared/anac-npa}, or the folder named by the system
 * property {@code anac.npa.root}.
 */
public final class AnacNpaFiles {

    /** Prefix of every remote {@code $ref} in ANAC's models; it maps onto {@link #root()}. */
    public static final String REMOTE_PREFIX = "https://raw.githubusercontent.com/anticorruzione/npa/main/docs/";

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final ObjectMapper YAML = YAMLMapper.builder().build();

    private final Path root;

    /**
     * ANAC's material copied under {@code root} (the folder holding {@code modello-dati/}).
     *
     * @throws IllegalStateException when {@code root} does not hold ANAC's models
     */
    public AnacNpaFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.root.resolve("modello-dati"))) {
            throw new IllegalStateException("ANAC's NPA material not found under " + this.root);
        }
    }

    /** The folder named by {@code anac.npa.root}, else {@code ../shared/anac-npa}. */
    public static AnacNpaFiles fromSharedFolder() {
        return new AnacNpaFiles(Path.of(System.getProperty("anac.npa.root", "../shared/anac-npa")));
    }

    public Path root() {
        return root;
    }

    /**
     * The data model of a scheda. File names use dots where the code has underscores
     * ({@code M1_40} is {@code modello-dati-schede-M1.40.yaml}), except a few that keep the
     * underscore ({@code S1_2}, {@code C7_3}): the exact name is tried first.
     */
    public Path modelFile(String schedaCode) {
        Path folder = root.resolve("modello-dati/schede");
        Path exact = folder.resolve("modello-dati-schede-" + schedaCode + ".yaml");
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        Path dotted = folder.resolve("modello-dati-schede-" + schedaCode.replace('_', '.') + ".yaml");
        if (Files.isRegularFile(dotted)) {
            return dotted;
        }
        throw new IllegalArgumentException("No ANAC model for scheda " + schedaCode + " in " + folder);
    }

    /** The DMN rules of a scheda: {@code modello-dati/regole/<CODE>.dmn} (always with underscores). */
    public Path rulesFile(String schedaCode) {
        return root.resolve("modello-dati/regole/" + schedaCode + ".dmn");
    }

    /** The orchestrator sheet (which scheda may follow which): {@code schema-cronologia-schede.txt}. */
    public Path chronologyFile() {
        return root.resolve("schema-cronologia-schede.txt");
    }

    /** The folder of the code lists: {@code modello-dati/tipologiche}. */
    public Path codeListFolder() {
        return root.resolve("modello-dati/tipologiche");
    }

    /** A code list: {@code modello-dati/tipologiche/<name>.json}. */
    public Path codeListFile(String name) {
        return root.resolve("modello-dati/tipologiche/" + name + ".json");
    }

    /** Maps a remote ANAC address (without fragment) onto the local copy. */
    public Path localCopyOf(String remoteAddress) {
        if (!remoteAddress.startsWith(REMOTE_PREFIX)) {
            throw new IllegalArgumentException("Not an ANAC NPA address: " + remoteAddress);
        }
        return root.resolve(remoteAddress.substring(REMOTE_PREFIX.length()));
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
