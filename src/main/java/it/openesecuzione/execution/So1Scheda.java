package it.openesecuzione.execution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SO1, a suspension (art. 121; model modello-dati-schede-SO1): total or partial, the day of the
 * verbale and the reason from ANAC's list motivoSospensione.
 */
final class So1Scheda {

    static final String VERSION = "1.0";
    private So1Scheda() {
    }

    static SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        Map<String, Object> section = Schede.section(data, "sospensione", errors);
        Schede.checkIdContratto(facts, data, errors);
        FormReader form = new FormReader(section, "sospensione", errors);
        Boolean partial = form.bool("sospensioneParziale", true);
        LocalDate from = form.date("dataVerbaleSospensione", true);
        String reason = section == null ? null
                : Schede.coded(section, "motivoSospensione", "sospensione.motivoSospensione", CodeLists.MOTIVO_SOSPENSIONE.keySet(), errors);
        if (timeline.suspended()) {
            errors.add(new SchedaError(SchedaError.STATE, "sospensione", "È già in corso una sospensione dal "
                    + timeline.openSuspension().eventDate() + ": registrare prima la ripresa (RI1)"));
        }
        if (from != null && timeline.handedOverOn() != null && from.isBefore(timeline.handedOverOn())) {
            errors.add(new SchedaError(SchedaError.DATES, "sospensione.dataVerbaleSospensione",
                    "La sospensione non può precedere la consegna (" + timeline.handedOverOn() + ")"));
        }
        Map<String, Object> sospensione = new LinkedHashMap<>();
        sospensione.put("sospensioneParziale", partial);
        sospensione.put("dataVerbaleSospensione", FormReader.anacDateTime(from));
        sospensione.put("motivoSospensione", reason == null ? null : Map.of("idTipologica", "motivoSospensione", "codice", reason));
        sospensione.values().removeIf(java.util.Objects::isNull);
        return new SchedaDraft(SchedaCode.SO1, VERSION, from, Schede.withIdContratto(facts, "sospensione", sospensione),
                errors, List.of(), facts.idContratto() == null);
    }
}
