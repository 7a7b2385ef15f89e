package it.openesecuzione.pcpsim.internal;

import it.openesecuzione.anac.reference.AnacCodeLists;
import it.openesecuzione.anac.reference.AnacNpaFiles;
import it.openesecuzione.anac.reference.AnacRules;
import it.openesecuzione.anac.reference.AnacSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ANAC's material the simulator works from, when {@code openesecuzione.pcp-sim.anac-dir} names it:
 * schemas, DMN rules (the FEEL engine starts at the first use), code lists, the ordering sheet
 * and the error texts. Without it the simulator still answers, with the platform's own ordering
 * table and built-in texts, and checks neither schema nor rules.
 */
public final class AnacMaterial {

    private static final Logger log = LoggerFactory.getLogger(AnacMaterial.class);

    /** ANAC's texts (errori.json) of the codes the simulator answers with, for when the folder is not configured. */
    private static final Map<String, String> BUILT_IN_TEXTS = Map.ofEntries(
            Map.entry("ERR1", "utente non autorizzato alla chiamata del servizio"),
            Map.entry("ERR2", "scheda non ammessa in questa fase dell'appalto"),
            Map.entry("ERR3", "codice scheda errato"),
            Map.entry("ERR4", "errore nella conversione della scheda secondo il json schema definito"),
            Map.entry("ERR9", "anacForm obbligatorio"),
            Map.entry("ERR19", "idAppalto non trovato"),
            Map.entry("ERR20", "idScheda non trovato"),
            Map.entry("ERR26", "idAppalto obbligatorio"),
            Map.entry("ERR29", "idScheda obbligatorio"),
            Map.entry("ERR30", "codice scheda obbligatorio"),
            Map.entry("ERR31", "versione scheda obbligatorio"),
            Map.entry("ERR32", "idTipologica obbligatorio"),
            Map.entry("ERR33", "codice tipologica obbligatorio"),
            Map.entry("ERR36", "il body della scheda non è valorizzato"),
            Map.entry("ERR39", "idContratto non trovato"),
            Map.entry("ERR41", "errore generico durante la validazione dei dati della scheda"),
            Map.entry("ERR42", "errore durante la validazione dei dati della scheda: scheda non trovata"),
            Map.entry("ERR43", "errore durante la validazione dei dati della scheda: tabella DMN non trovata"),
            Map.entry("ERR57", "mancata coerenza tra idAppalto e idScheda"),
            Map.entry("ERR58", "operazione non consentita per lo stato della scheda"),
            Map.entry("ERR59", "operazione non consentita: è in corso una richiesta di verifica scheda"),
            Map.entry("ERR60", "operazione non consentita: è in corso una richiesta di conferma scheda"),
            Map.entry("ERR63", "tipologica non valida"),
            Map.entry("ERR81", "la scheda indicata nel body non è stata trovata"),
            Map.entry("ERR83", "mancata coerenza tra idAppalto e la scheda indicata nel body"),
            Map.entry("ERR84", "la scheda indicata nel body non ha un contratto associato"),
            Map.entry("ERR85", "il contratto associato alla scheda indicata nel body non è coerente con l'idAppalto"),
            Map.entry("ERR88", "il codice della scheda indicata nel body non è valida secondo le regole di correlazione"
                    + " definite dall'orchestratore"),
            Map.entry("ERR143", "Non è ammesso il Rollback per questa tipologia di scheda"),
            Map.entry("ERR144", "Per questo appalto è stato già effettuato un Rollback"),
            Map.entry("ERR145", "Operazione non consentita: è in corso una richiesta di rollback scheda."),
            Map.entry("ERR148", "Per questa scheda è stata già effettuata operazione di rollback."),
            Map.entry("ERR150", "La scheda non può essere rollbackata."),
            Map.entry("ERR9999", "errore generico"),
            Map.entry("AUT03", "lotto non trovato per il cig passato in input"),
            Map.entry("AUT04", "popolare alternativamente un parametro tra idAppalto e CIG"),
            Map.entry("AUT05", "uuid in input non formattato correttamente"),
            Map.entry("AUT09", "data in input non formattata correttamente"),
            Map.entry("AUT12", "Filtro non valido"),
            Map.entry("AUT13", "Trascodifica Fallita. Tipologica non presente"),
            Map.entry("AUT14", "Trascodifica Fallita. Codice non presente"));

    private final Path root;
    private final AnacNpaFiles files;
    private final AnacCodeLists codeLists;
    private final AnacSchemas schemas;
    private final Supplier<AnacRules> rules;

    private AnacMaterial(Path root, AnacNpaFiles files) {
        this.root = root;
        this.files = files;
        this.codeLists = files == null ? null : new AnacCodeLists(files);
        this.schemas = files == null ? null : new AnacSchemas(files);
        this.rules = files == null ? () -> null : memoise(() -> new AnacRules(files));
    }

    /** The material under {@code folder}; none when the folder is null, missing or not ANAC's. */
    public static AnacMaterial at(Path folder) {
        if (folder == null) {
            return new AnacMaterial(null, null);
        }
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("modello-dati"))) {
            log.warn("Simulatore PCP: la cartella ANAC {} non contiene modello-dati/: verifiche di schema e regole DMN"
                    + " disattivate", root);
            return new AnacMaterial(null, null);
        }
        return new AnacMaterial(root, new AnacNpaFiles(root));
    }

    public boolean configured() {
        return files != null;
    }

    public Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    public Optional<AnacNpaFiles> files() {
        return Optional.ofNullable(files);
    }

    public Optional<AnacSchemas> schemas() {
        return Optional.ofNullable(schemas);
    }

    public Optional<AnacRules> rules() {
        return Optional.ofNullable(rules.get());
    }

    public Optional<AnacCodeLists> codeLists() {
        return Optional.ofNullable(codeLists);
    }

    /** ANAC's Italian text of an error code: errori.json when configured, else the built-in copy. */
    public String text(String code) {
        if (codeLists != null) {
            Optional<String> text = codeLists.italian("errori", code);
            if (text.isPresent()) {
                return text.get();
            }
        }
        return BUILT_IN_TEXTS.getOrDefault(code, code);
    }

    private static <T> Supplier<T> memoise(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        result = value;
                        if (result == null) {
                            result = supplier.get();
                            value = result;
                        }
                    }
                }
                return result;
            }
        };
    }
}
