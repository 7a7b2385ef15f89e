package it.openesecuzione.execution;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A scheda as the platform built it from an event: ANAC's code and version, the anacForm, the
 * event's legal date, the blocking errors (ANAC would reject it), the warnings (legal rules the
 * RUP should see, which ANAC does not check) and whether it waits for an identifier ANAC assigns
 * when it confirms an earlier scheda (idContratto after SC1, the SO1's idScheda for RI1 and SQ1).
 */
public record SchedaDraft(SchedaCode code, String versione, LocalDate eventDate, Map<String, Object> anacForm,
        List<SchedaError> errors, List<String> warnings, boolean waitsForAnacId) {

    public SchedaDraft {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
