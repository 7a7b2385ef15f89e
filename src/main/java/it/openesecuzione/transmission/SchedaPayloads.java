package it.openesecuzione.transmission;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The scheda as PCP receives it: the recorded one, with the identifiers PCP assigned since it was
 * recorded (docs/design/anac-execution-schede.md, "Identifiers that chain"). Its predecessors are
 * confirmed by then, so the identifiers are known; when one is not, the reason is returned.
 */
final class SchedaPayloads {

    /** The schede whose anacForm carries the idContratto (CO1 optionally). */
    static final Set<SchedaCode> WITH_ID_CONTRATTO = EnumSet.of(SchedaCode.I1, SchedaCode.SA1, SchedaCode.SO1, SchedaCode.M1,
            SchedaCode.M2, SchedaCode.M1_40, SchedaCode.M2_40, SchedaCode.RSU1, SchedaCode.AC1, SchedaCode.IR1, SchedaCode.CL1,
            SchedaCode.CO1);
    /** The schede that refer to an earlier one by its idScheda. */
    static final Set<SchedaCode> WITH_ID_SCHEDA = EnumSet.of(SchedaCode.SQ1, SchedaCode.RI1, SchedaCode.ES1, SchedaCode.CS1);

    private SchedaPayloads() {
    }

    /** The payload, or the reason it cannot be completed yet. */
    record Result(Map<String, Object> scheda, String missing) {
    }

    /** Whether the payload needs the idScheda of an earlier scheda: only then are the contract's transmissions read. */
    static boolean refersToEarlierScheda(RecordedScheda event) {
        return event.relatedSeq() != null && (WITH_ID_SCHEDA.contains(event.code()) || event.code() == SchedaCode.RSU1);
    }

    /** @param transmissions the contract's transmissions; only read when {@link #refersToEarlierScheda} */
    static Result of(RecordedScheda event, Contract contract, List<Transmission> transmissions) {
        Map<String, Object> anacForm = new LinkedHashMap<>(event.anacForm());
        UUID idContratto = contract.terms().idContratto();
        if (WITH_ID_CONTRATTO.contains(event.code()) && !anacForm.containsKey("idContratto")) {
            if (idContratto != null) {
                // First in the form, as ANAC's models list it.
                Map<String, Object> ordered = new LinkedHashMap<>();
                ordered.put("idContratto", idContratto.toString());
                ordered.putAll(anacForm);
                anacForm = ordered;
            } else if (event.code() != SchedaCode.CO1) {
                return new Result(null, "In attesa dell'idContratto che ANAC assegna confermando la stipula (SC1)");
            }
        }
        if (refersToEarlierScheda(event)) {
            UUID related = transmissions.stream().filter(t -> t.seq() == event.relatedSeq()).findFirst()
                    .map(Transmission::idScheda).orElse(null);
            if (related == null) {
                return new Result(null, "In attesa dell'idScheda della scheda n. " + event.relatedSeq() + " a cui si riferisce");
            }
            anacForm.put(event.code() == SchedaCode.RSU1 ? "idSubappalto" : "idScheda", related.toString());
        }
        RecordedScheda completed = new RecordedScheda(event.id(), event.contractId(), event.seq(), event.code(), event.versione(),
                event.eventDate(), anacForm, event.state(), event.warnings(), event.recordedAt(), event.recordedBy(),
                event.relatedSeq(), event.bodyParts());
        return new Result(completed.scheda(), null);
    }
}
