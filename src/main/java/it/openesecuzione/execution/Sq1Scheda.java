package it.openesecuzione.execution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQ1, suspensions beyond a quarter of the contract time or six months (art. 121 c. 4; model
 * modello-dati-schede-SQ1). The platform computes the day the limit was passed and refuses SQ1
 * before it.
 */
final class Sq1Scheda {

    static final String VERSION = "1.0";

    private Sq1Scheda() {
    }

    static SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        Map<String, Object> section = data.get("sospensione") instanceof Map<?, ?> ? Schede.section(data, "sospensione", errors) : Map.of();
        LocalDate given = new FormReader(section, "sospensione", errors).date("dataSuperamento", false);
        Optional<LocalDate> passed = timeline.suspensionLimitPassed(facts.today());
        if (!timeline.suspended()) {
            errors.add(new SchedaError(SchedaError.STATE, "sospensione", "Nessuna sospensione in corso"));
        } else if (passed.isEmpty()) {
            errors.add(new SchedaError(SchedaError.STATE, "sospensione.dataSuperamento",
                    "Le sospensioni non hanno ancora superato un quarto della durata contrattuale né sei mesi"));
        } else if (given != null && !given.equals(passed.get())) {
            errors.add(new SchedaError(SchedaError.DERIVED, "sospensione.dataSuperamento",
                    "Il limite risulta superato il " + passed.get()));
        }
        Map<String, Object> sospensione = new LinkedHashMap<>();
        passed.ifPresent(day -> sospensione.put("dataSuperamento", FormReader.anacDateTime(day)));
        return new SchedaDraft(SchedaCode.SQ1, VERSION, passed.orElse(facts.today()), Map.of("sospensione", sospensione),
                errors, List.of("L'appaltatore può chiedere la risoluzione del contratto senza indennità (art. 121 c. 4)."), true,
                timeline.openSuspension() == null ? null : timeline.openSuspension().seq(), Map.of());
    }
}
