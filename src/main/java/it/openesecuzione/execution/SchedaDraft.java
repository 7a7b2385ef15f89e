package it.openesecuzione.execution;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A scheda as the platform built it from an event: ANAC's code and version, the anacForm, the
 * event's legal date, the blocking errors (ANAC would reject it), the warnings (legal rules the
 * RUP should see, which ANAC does not check) and whether it waits for an identifier ANAC assigns
 * when it confirms an earlier scheda (idContratto after SC1, the SO1's idScheda for RI1 and SQ1).
 *
 * @param relatedSeq the recorded event this scheda refers to by PCP's idScheda (RI1 and SQ1 → the
 *                   SO1, ES1 → the RSU1, CS1 → the ES1, a cascade RSU1 → the earlier RSU1); null if none
 * @param bodyParts  the body's parts besides anacForm: {@code espd} (RSU1), {@code eform} (M1, M1_40),
 *                   Base64 text
 */
public record SchedaDraft(SchedaCode code, String versione, LocalDate eventDate, Map<String, Object> anacForm,
        List<SchedaError> errors, List<String> warnings, boolean waitsForAnacId, Integer relatedSeq,
        Map<String, String> bodyParts) {

    public SchedaDraft {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        bodyParts = Map.copyOf(bodyParts);
    }

    /** A scheda that refers to no other and has only the anacForm in its body. */
    public SchedaDraft(SchedaCode code, String versione, LocalDate eventDate, Map<String, Object> anacForm,
            List<SchedaError> errors, List<String> warnings, boolean waitsForAnacId) {
        this(code, versione, eventDate, anacForm, errors, warnings, waitsForAnacId, null, Map.of());
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
