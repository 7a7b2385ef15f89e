package it.openesecuzione.execution;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * I1, the start of execution / handover of the works (model modello-dati-schede-I1, rules
 * I1.dmn): full, partial (consegna frazionata), by phases, under reserve. The platform derives
 * idContratto and, when omitted, the planned end from the contract's duration.
 */
final class I1Scheda {

    static final String VERSION = "1.0";
    /** Art. 17 c. 8-9 and Allegato II.14: handover within 45 days of the signature. */
    static final int HANDOVER_DAYS = 45;

    private I1Scheda() {
    }

    @SuppressWarnings("unchecked")
    static SchedaDraft build(ContractFacts facts, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        Map<String, Object> section = data.get("datiInizio") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        if (!(data.get("datiInizio") instanceof Map<?, ?>)) {
            errors.add(new SchedaError(SchedaError.REQUIRED, "datiInizio", "Campo obbligatorio"));
        }
        FormReader root = new FormReader(data, null, errors);
        if (root.has("idContratto") && facts.idContratto() != null
                && !facts.idContratto().toString().equals(String.valueOf(data.get("idContratto")))) {
            errors.add(new SchedaError(SchedaError.DERIVED, "idContratto",
                    "L'idContratto è quello assegnato da ANAC alla stipula (" + facts.idContratto() + ")"));
        }
        FormReader form = new FormReader(section, "datiInizio", errors);
        LocalDate disposed = form.date("dataDisposizioneInizio", false);
        LocalDate approved = form.date("dataApprovazione", false);
        Boolean partial = form.bool("consegnaFrazionata", false);
        Boolean phased = form.bool("avvioPerFasi", false);
        LocalDate firstHandover = form.date("dataVerbalePrimaConsegna", false);
        LocalDate firstPhase = form.date("dataAvvioPrimaFase", false);
        LocalDate finalHandover = form.date("dataVerbaleConsegnaDefinitiva", false);
        Boolean underReserve = form.bool("consegnaSottoRiserva", true);
        LocalDate start = form.date("dataEffettivoInizio", true);
        LocalDate plannedEnd = form.date("dataFinePrevista", false);

        // ANAC's rules (I1.dmn), with ANAC's codes.
        if (approved != null && disposed != null && approved.isBefore(disposed)) {
            errors.add(AnacErrors.error("REG57", "datiInizio.dataApprovazione"));
        }
        if (Boolean.TRUE.equals(partial) && firstHandover == null) {
            errors.add(AnacErrors.error("REG58", "datiInizio.dataVerbalePrimaConsegna"));
        }
        if (Boolean.TRUE.equals(phased) && firstPhase == null) {
            errors.add(AnacErrors.error("REG59", "datiInizio.dataAvvioPrimaFase"));
        }
        if (Boolean.FALSE.equals(partial) && finalHandover == null) {
            errors.add(AnacErrors.error("REG60", "datiInizio.dataVerbaleConsegnaDefinitiva"));
        }

        LocalDate handover = firstHandover != null ? firstHandover : finalHandover != null ? finalHandover : start;
        List<String> warnings = new ArrayList<>();
        if (facts.signedOn() != null && handover != null && ChronoUnit.DAYS.between(facts.signedOn(), handover) > HANDOVER_DAYS) {
            warnings.add("La consegna avviene oltre " + HANDOVER_DAYS + " giorni dalla stipula (" + facts.signedOn()
                    + "): l'appaltatore può chiedere di recedere dal contratto (scheda IR1).");
        }
        if (handover != null && facts.signedOn() != null && handover.isBefore(facts.signedOn())
                && !Boolean.TRUE.equals(underReserve)) {
            warnings.add("Consegna anteriore alla stipula: è ammessa solo in via d'urgenza o sotto riserva di legge.");
        }
        if (plannedEnd == null && start != null) {
            plannedEnd = new ContractTerm(facts.durataGiorni(), start, List.of(), 0, 0).originalDeadline();
        }

        Map<String, Object> datiInizio = new LinkedHashMap<>();
        datiInizio.put("dataDisposizioneInizio", FormReader.anacDateTime(disposed));
        datiInizio.put("dataApprovazione", FormReader.anacDateTime(approved));
        datiInizio.put("consegnaFrazionata", partial);
        datiInizio.put("avvioPerFasi", phased);
        datiInizio.put("dataVerbalePrimaConsegna", FormReader.anacDateTime(firstHandover));
        datiInizio.put("dataAvvioPrimaFase", FormReader.anacDateTime(firstPhase));
        datiInizio.put("dataVerbaleConsegnaDefinitiva", FormReader.anacDateTime(finalHandover));
        datiInizio.put("consegnaSottoRiserva", underReserve);
        datiInizio.put("dataEffettivoInizio", FormReader.anacDateTime(start));
        datiInizio.put("dataFinePrevista", FormReader.anacDateTime(plannedEnd));
        datiInizio.values().removeIf(java.util.Objects::isNull);
        Map<String, Object> anacForm = new LinkedHashMap<>();
        if (facts.idContratto() != null) {
            anacForm.put("idContratto", facts.idContratto().toString());
        }
        anacForm.put("datiInizio", datiInizio);
        return new SchedaDraft(SchedaCode.I1, VERSION, handover, anacForm, errors, warnings, facts.idContratto() == null);
    }
}
