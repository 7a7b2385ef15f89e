package it.openesecuzione.pcpsim.internal;

import it.openesecuzione.anac.reference.AnacRules;
import it.openesecuzione.anac.reference.AnacSchemas;
import it.openesecuzione.pcpsim.internal.SimulatorStore.Contract;
import it.openesecuzione.pcpsim.internal.SimulatorStore.StoredScheda;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What PCP checks on a scheda: the envelope and ANAC's JSON schema and code lists when it is
 * created or modified (synchronous: ERR3, ERR4, ERR30, ERR31, ERR36, ERR9, AUT13, AUT14), and when
 * it is verified or confirmed also the identifiers it refers to (ERR39, ERR81–ERR88), ANAC's order
 * (ERR2) and ANAC's DMN rules (REGn), which come back as the KO of esito-operazione.
 */
final class SchedaChecks {

    /** The outcome of the checks of a confirmation: the errors, and the contract the scheda belongs to. */
    record Verdict(List<PcpError> errors, UUID idContratto) {
    }

    /**
     * ANAC's RSU1 model cannot be satisfied (docs/design/anac-execution-schede.md): its
     * ConferenteSubappaltoType requires five properties it does not define. PCP must accept RSU1
     * somehow; the simulator reads the model as ANAC's rules (REG139-REG141) do, with only the two
     * ids, and overlooks exactly those five "required property" errors.
     */
    private static final java.util.Set<String> RSU1_GRANTOR_DEFECT = java.util.Set.of("codiceFiscale", "denominazione", "ruoloOE",
            "tipoOE", "idOE").stream().map(name -> "/body/anacForm/subappalto/conferenteSubappalto: required property '" + name
            + "' not found").collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static boolean knownModelDefect(String code, String problem) {
        return "RSU1".equals(code) && RSU1_GRANTOR_DEFECT.contains(problem);
    }

    private static final int MAX_SCHEMA_ERRORS = 50;

    private final AnacMaterial anac;
    private final Chronology chronology;
    private final SimulatorStore store;

    SchedaChecks(AnacMaterial anac, Chronology chronology, SimulatorStore store) {
        this.anac = anac;
        this.chronology = chronology;
        this.store = store;
    }

    /** The checks of crea-scheda and modifica-scheda. */
    List<PcpError> envelope(JsonNode scheda) {
        List<PcpError> errors = new ArrayList<>();
        if (scheda == null || !scheda.isObject()) {
            errors.add(error("ERR36", "scheda assente"));
            return errors;
        }
        JsonNode codice = scheda.path("codice");
        String code = codice.path("codice").asString("");
        if (code.isBlank()) {
            errors.add(error("ERR30", null));
        } else if (!chronology.knows(code)) {
            errors.add(error("ERR3", code + " non è una scheda ammessa da comunica-post-pubblicazione"));
        } else if (!"codiceScheda".equals(codice.path("idTipologica").asString(""))) {
            errors.add(error("ERR3", "codice.idTipologica deve essere 'codiceScheda'"));
        }
        if (scheda.path("versione").asString("").isBlank()) {
            errors.add(error("ERR31", null));
        }
        JsonNode body = scheda.path("body");
        if (!body.isObject()) {
            errors.add(error("ERR36", null));
        } else if (!body.path("anacForm").isObject()) {
            errors.add(error("ERR9", null));
        }
        if (!errors.isEmpty() || anac.schemas().isEmpty()) {
            return errors;
        }
        AnacSchemas schemas = anac.schemas().get();
        try {
            schemas.validate(scheda).stream().filter(problem -> !knownModelDefect(code, problem)).limit(MAX_SCHEMA_ERRORS)
                    .forEach(problem -> errors.add(error("ERR4", problem)));
            if (errors.isEmpty()) {
                for (String problem : schemas.codeListErrors(scheda)) {
                    errors.add(error(problem.contains("/idTipologica:") ? "AUT13" : "AUT14", problem));
                }
            }
        } catch (IllegalArgumentException noModel) {
            errors.add(error("ERR42", noModel.getMessage()));
        } catch (RuntimeException failure) {
            errors.add(error("ERR41", failure.getMessage()));
        }
        return errors;
    }

    /** The checks of verifica-scheda and conferma-scheda, as of now. */
    Verdict evaluate(StoredScheda stored) {
        List<PcpError> errors = new ArrayList<>(envelope(stored.scheda()));
        if (!errors.isEmpty()) {
            return new Verdict(errors, null);
        }
        String code = stored.codice();
        JsonNode anacForm = stored.scheda().path("body").path("anacForm");

        UUID idContratto = null;
        boolean ofAContract = false;
        JsonNode contractField = anacForm.path("idContratto");
        if (contractField.isString()) {
            ofAContract = true;
            Optional<Contract> contract = uuid(contractField.asString()).flatMap(store::contract)
                    .filter(found -> found.idAppalto().equals(stored.idAppalto()));
            if (contract.isEmpty()) {
                errors.add(error("ERR39", contractField.asString()));
            } else {
                idContratto = contract.get().idContratto();
            }
        }
        JsonNode referenceField = anacForm.path("idScheda");
        if (referenceField.isString() && !chronology.correlated(code).isEmpty()) {
            ofAContract = true;
            Optional<StoredScheda> reference = uuid(referenceField.asString()).flatMap(store::scheda);
            if (reference.isEmpty() || !"CONF".equals(reference.get().stato())) {
                errors.add(error("ERR81", referenceField.asString()
                        + (reference.isPresent() ? " (stato " + reference.get().stato() + ")" : "")));
            } else if (!reference.get().idAppalto().equals(stored.idAppalto())) {
                errors.add(error("ERR83", referenceField.asString()));
            } else if (!chronology.correlated(code).contains(reference.get().codice())) {
                errors.add(error("ERR88", code + " non può riferirsi a una scheda " + reference.get().codice()
                        + " (ammesse: " + String.join(", ", new TreeSet<>(chronology.correlated(code))) + ")"));
            } else if (reference.get().idContratto() == null) {
                errors.add(error("ERR84", referenceField.asString()));
            } else if (idContratto != null && !idContratto.equals(reference.get().idContratto())) {
                errors.add(error("ERR85", referenceField.asString()));
            } else {
                idContratto = reference.get().idContratto();
            }
        }

        if (!ofAContract || idContratto != null) {
            String previous = store.lastConfirmed(stored.idAppalto(), idContratto).map(StoredScheda::codice).orElse(null);
            if (!chronology.admits(previous, code)) {
                errors.add(error("ERR2", code + (previous == null ? " come prima scheda" : " dopo " + previous)
                        + (idContratto == null ? "" : " del contratto " + idContratto) + "; ammesse: "
                        + String.join(", ", new TreeSet<>(chronology.admittedAfter(previous)))));
            }
        }

        if (anac.rules().isPresent()) {
            AnacRules rules = anac.rules().get();
            if (!rules.exist(code)) {
                errors.add(error("ERR43", code));
            } else {
                try {
                    for (AnacRules.Violation violation : rules.evaluate(code, anacForm)) {
                        errors.add(new PcpError(violation.code(), violation.message() != null ? violation.message()
                                : violation.ruleDescription()));
                    }
                } catch (RuntimeException failure) {
                    errors.add(error("ERR41", failure.getMessage()));
                }
            }
        }
        return new Verdict(errors, idContratto);
    }

    PcpError error(String code, String particulars) {
        String text = anac.text(code);
        return new PcpError(code, particulars == null || particulars.isBlank() ? text : text + ": " + particulars);
    }

    static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
