package it.openesecuzione.execution;

import it.openesecuzione.identity.IdentityAssurance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An execution event as recorded, with the scheda it produced. {@code state}: PRONTA (ready to
 * send), IN_ATTESA (waits for an identifier ANAC assigns on confirming an earlier scheda).
 * {@code relatedSeq} and {@code bodyParts} as in {@link SchedaDraft}; {@code annulled}: ANAC annulled
 * its scheda (rollback), so the event stays in the history but no rule counts it; {@code recordedWith}: how
 * the user who recorded it had logged in (null when unknown: recorded by the system, or before the
 * platform kept it); {@code correctedBy} and {@code correctedWith}: who corrected it last and how they
 * had logged in (null if never corrected).
 */
public record RecordedScheda(long id, long contractId, int seq, SchedaCode code, String versione, LocalDate eventDate,
        Map<String, Object> anacForm, String state, List<String> warnings, Instant recordedAt, String recordedBy,
        Integer relatedSeq, Map<String, String> bodyParts, boolean annulled, IdentityAssurance recordedWith,
        String correctedBy, IdentityAssurance correctedWith) {

    public RecordedScheda {
        bodyParts = Map.copyOf(bodyParts);
    }

    /** An event never corrected. */
    public RecordedScheda(long id, long contractId, int seq, SchedaCode code, String versione, LocalDate eventDate,
            Map<String, Object> anacForm, String state, List<String> warnings, Instant recordedAt, String recordedBy,
            Integer relatedSeq, Map<String, String> bodyParts, boolean annulled, IdentityAssurance recordedWith) {
        this(id, contractId, seq, code, versione, eventDate, anacForm, state, warnings, recordedAt, recordedBy, relatedSeq,
                bodyParts, annulled, recordedWith, null, null);
    }

    /** An event whose recorder's login is not known. */
    public RecordedScheda(long id, long contractId, int seq, SchedaCode code, String versione, LocalDate eventDate,
            Map<String, Object> anacForm, String state, List<String> warnings, Instant recordedAt, String recordedBy,
            Integer relatedSeq, Map<String, String> bodyParts, boolean annulled) {
        this(id, contractId, seq, code, versione, eventDate, anacForm, state, warnings, recordedAt, recordedBy, relatedSeq,
                bodyParts, annulled, null);
    }

    /** An event not annulled. */
    public RecordedScheda(long id, long contractId, int seq, SchedaCode code, String versione, LocalDate eventDate,
            Map<String, Object> anacForm, String state, List<String> warnings, Instant recordedAt, String recordedBy,
            Integer relatedSeq, Map<String, String> bodyParts) {
        this(id, contractId, seq, code, versione, eventDate, anacForm, state, warnings, recordedAt, recordedBy, relatedSeq,
                bodyParts, false);
    }

    /** An event that refers to no other and whose body is the anacForm alone. */
    public RecordedScheda(long id, long contractId, int seq, SchedaCode code, String versione, LocalDate eventDate,
            Map<String, Object> anacForm, String state, List<String> warnings, Instant recordedAt, String recordedBy) {
        this(id, contractId, seq, code, versione, eventDate, anacForm, state, warnings, recordedAt, recordedBy, null, Map.of());
    }

    /** The scheda as PCP's crea-scheda takes it: code, version and the body (anacForm, and espd or eform). */
    public Map<String, Object> scheda() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("anacForm", anacForm);
        body.putAll(new java.util.TreeMap<>(bodyParts));
        Map<String, Object> scheda = new LinkedHashMap<>();
        scheda.put("codice", Map.of("idTipologica", "codiceScheda", "codice", code.name()));
        scheda.put("versione", versione);
        scheda.put("body", body);
        return scheda;
    }
}
