package it.openesecuzione.execution;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An execution event as recorded, with the scheda it produced. {@code state}: PRONTA (ready to
 * send), IN_ATTESA (waits for an identifier ANAC assigns on confirming an earlier scheda).
 */
public record RecordedScheda(long id, long contractId, int seq, SchedaCode code, String versione, LocalDate eventDate,
        Map<String, Object> anacForm, String state, List<String> warnings, Instant recordedAt, String recordedBy) {

    /** The scheda as PCP's crea-scheda takes it: code, version and the anacForm body. */
    public Map<String, Object> scheda() {
        Map<String, Object> scheda = new LinkedHashMap<>();
        scheda.put("codice", Map.of("idTipologica", "codiceScheda", "codice", code.name()));
        scheda.put("versione", versione);
        scheda.put("body", Map.of("anacForm", anacForm));
        return scheda;
    }
}
