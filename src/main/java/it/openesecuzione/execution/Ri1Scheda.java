package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RI1, the resumption after a suspension (model modello-dati-schede-RI1): the day of the verbale
 * di ripresa, for a partial suspension its incidence on the schedule, whether the suspension
 * passed the limit of art. 121 c. 4 (derived by the platform), reserves and an unsigned verbale.
 * The suspended days move the term; the new deadline is shown to the RUP.
 */
final class Ri1Scheda {

    static final String VERSION = "1.0";

    private Ri1Scheda() {
    }

    static SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        Map<String, Object> section = Schede.section(data, "sospensione", errors);
        FormReader form = new FormReader(section, "sospensione", errors);
        LocalDate resumed = form.date("dataVerbaleRipresa", true);
        BigDecimal incidence = form.amount("incidenzaCronoprogramma", false);
        Boolean passedGiven = form.bool("superatoTempo", false);
        Boolean reserves = form.bool("riserve", true);
        Boolean unsigned = form.bool("verbaleNonSottoscritto", true);

        RecordedScheda suspension = timeline.openSuspension();
        Boolean passed = null;
        List<String> warnings = new ArrayList<>();
        if (suspension == null) {
            errors.add(new SchedaError(SchedaError.STATE, "sospensione", "Nessuna sospensione in corso da riprendere"));
        } else {
            boolean partial = Boolean.TRUE.equals(((Map<?, ?>) suspension.anacForm().get("sospensione")).get("sospensioneParziale"));
            if (partial && incidence == null) {
                errors.add(new SchedaError(SchedaError.REQUIRED, "sospensione.incidenzaCronoprogramma",
                        "Per una sospensione parziale indicare l'incidenza sul cronoprogramma (%)"));
            }
            if (incidence != null && (incidence.signum() < 0 || incidence.compareTo(BigDecimal.valueOf(100)) > 0)) {
                errors.add(new SchedaError(SchedaError.FORMAT, "sospensione.incidenzaCronoprogramma",
                        "L'incidenza è una percentuale da 0 a 100"));
                incidence = null;
            }
            if (resumed != null && resumed.isBefore(suspension.eventDate())) {
                errors.add(new SchedaError(SchedaError.DATES, "sospensione.dataVerbaleRipresa",
                        "La ripresa non può precedere la sospensione del " + suspension.eventDate()));
            } else if (resumed != null) {
                List<Suspension> closed = new ArrayList<>(timeline.suspensions().subList(0, timeline.suspensions().size() - 1));
                BigDecimal weight = partial && incidence != null && incidence.signum() > 0 ? incidence : null;
                closed.add(new Suspension(suspension.eventDate(), resumed, weight));
                LocalDate start = timeline.handedOverOn() != null ? timeline.handedOverOn() : closed.get(0).from();
                ContractTerm term = new ContractTerm(facts.durataGiorni(), start, closed, 0, 0);
                Optional<LocalDate> limit = term.quarterLimitPassed(resumed, ExecutionTimeline.SIX_MONTHS);
                passed = limit.isPresent();
                if (passedGiven != null && passedGiven != passed) {
                    errors.add(new SchedaError(SchedaError.DERIVED, "sospensione.superatoTempo", passed
                            ? "Le sospensioni hanno superato il limite il " + limit.get() + ": il valore è true"
                            : "Le sospensioni non hanno superato un quarto della durata né sei mesi: il valore è false"));
                }
                if (timeline.handedOverOn() != null) {
                    warnings.add("Nuovo termine contrattuale: " + term.deadline(resumed) + " (" + term.suspendedDays(resumed)
                            + " giorni di sospensione in tutto)");
                }
            }
        }
        Map<String, Object> sospensione = new LinkedHashMap<>();
        sospensione.put("dataVerbaleRipresa", FormReader.anacDateTime(resumed));
        sospensione.put("incidenzaCronoprogramma", incidence);
        sospensione.put("superatoTempo", passed);
        sospensione.put("riserve", reserves);
        sospensione.put("verbaleNonSottoscritto", unsigned);
        sospensione.values().removeIf(java.util.Objects::isNull);
        // idScheda is the SO1's id in PCP, known once ANAC confirmed it.
        return new SchedaDraft(SchedaCode.RI1, VERSION, resumed, Map.of("sospensione", sospensione), errors, warnings, true,
                suspension == null ? null : suspension.seq(), Map.of());
    }
}
