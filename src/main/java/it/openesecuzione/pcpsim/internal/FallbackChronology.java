package it.openesecuzione.pcpsim.internal;

import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.execution.SchedaSequence;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The orchestrator rules without ANAC's sheet: the platform's own copy of ANAC's ordering table
 * ({@link SchedaSequence}, checked against the sheet by the platform's tests) for the 19
 * execution schede, the contract states of {@link SchedaCode}, and the few facts of the sheet
 * written here (annullable CO1 and CO2, the correlated schede, the notices of M1, M2, M1_40, M2_40).
 * Schede outside the execution phase (S3, ID, ...) are unknown.
 */
final class FallbackChronology implements Chronology {

    private static final Set<String> ANNULLABLE = Set.of("CO1", "CO2");
    private static final Set<String> PUBLISHING = Set.of("M1", "M2", "M1_40", "M2_40");
    private static final Map<String, Set<String>> CORRELATED = Map.of(
            "SQ1", Set.of("SO1"),
            "RI1", Set.of("SO1", "SQ1"),
            "ES1", Set.of("RSU1"),
            "CS1", Set.of("ES1"));

    @Override
    public String source() {
        return "tabella d'ordine della piattaforma (SchedaSequence): cartella ANAC non configurata";
    }

    @Override
    public boolean knows(String code) {
        return code(code).isPresent();
    }

    @Override
    public boolean admits(String previous, String next) {
        return admittedAfter(previous).contains(next);
    }

    @Override
    public Set<String> admittedAfter(String previous) {
        if (previous != null && code(previous).isEmpty()) {
            return Set.of();
        }
        return SchedaSequence.allowedAfter(previous == null ? null : SchedaCode.valueOf(previous)).stream()
                .map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean annullable(String code) {
        return ANNULLABLE.contains(code);
    }

    @Override
    public Optional<String> contractState(String code) {
        if ("CO2".equals(code)) {
            return Optional.empty(); // ANAC's sheet: CO2 concludes an award with no contract scheda
        }
        return code(code).map(SchedaCode::newState).map(Enum::name);
    }

    @Override
    public Optional<String> lotState(String code) {
        return "SC1".equals(code) ? Optional.of("SOTT_CONTR") : Optional.empty();
    }

    @Override
    public Set<String> correlated(String code) {
        return CORRELATED.getOrDefault(code, Set.of());
    }

    @Override
    public boolean publishes(String code) {
        return PUBLISHING.contains(code);
    }

    private static Optional<SchedaCode> code(String code) {
        return Arrays.stream(SchedaCode.values()).filter(value -> value.name().equals(code)).findFirst();
    }
}
