package it.openesecuzione.execution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ES1, the authority's decision on a subcontract request (art. 119 c. 16; model
 * modello-dati-schede-ES1, rule REG73): the authorisation date, or the reason there is none. It
 * refers to its RSU1, whose PCP idScheda it carries when sent.
 *
 * <p>Once the term has passed without a decision the authorisation is deemed granted: the ES1 may
 * then omit both fields and the platform states the tacit authorisation, from the day after the term.
 */
final class Es1Scheda implements SchedaBuilder {

    static final String VERSION = "1.0";
    private static final String S = "subappalto";

    @Override
    public SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        return build(facts, timeline, List.of(), EventRequest.of("ES1", data));
    }

    @Override
    @SuppressWarnings("unchecked")
    public SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, List<RecordedScheda> history, EventRequest request) {
        Map<String, Object> data = request.data();
        List<SchedaError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        // ES1 has no REG0: an absent section is read as an empty one, which REG73 refuses.
        Map<String, Object> section = data.get(S) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        Schede.refuseIdScheda(data, errors);
        FormReader form = new FormReader(section, S, errors);
        LocalDate authorised = form.date("dataAutorizzazione", false);
        String reason = section.get("motivoMancatoSubappalto") == null ? null
                : Schede.coded(section, "motivoMancatoSubappalto", S + ".motivoMancatoSubappalto",
                        CodeLists.MOTIVO_MANCATO_SUBAPPALTO.keySet(), errors);
        boolean reasonGiven = section.get("motivoMancatoSubappalto") != null;

        LocalDate today = facts.today();
        Subcontract subcontract = Subcontract.pick(Subcontract.of(history, facts.importoContrattuale()), request.riferimento(),
                s -> s.outcome() == null, "in attesa di esito", errors);
        if (subcontract != null && request.riferimento() != null && subcontract.outcome() != null) {
            errors.add(new SchedaError(SchedaError.STATE, "riferimento", "La richiesta dell'evento n. " + subcontract.seq()
                    + " ha già un esito (evento n. " + subcontract.outcome().seq() + ")"));
        }

        if (authorised != null && reasonGiven) {
            errors.add(new SchedaError(SchedaError.FORMAT, S,
                    "Indicare la data di autorizzazione oppure il motivo del mancato subappalto, non entrambi"));
        } else if (authorised == null && !reasonGiven && !section.containsKey("dataAutorizzazione")) {
            if (subcontract != null && !today.isBefore(subcontract.tacitAuthorisationOn())) {
                authorised = subcontract.tacitAuthorisationOn();
                warnings.add("Autorizzazione per silenzio-assenso dal " + authorised + ": il termine di " + subcontract.decisionDays()
                        + " giorni dalla richiesta del " + subcontract.requestedOn() + " è scaduto il "
                        + subcontract.decisionDeadline() + " senza provvedimento (art. 119 c. 16).");
            } else {
                errors.add(AnacErrors.error("REG73", S));
            }
        } else if (authorised == null && !reasonGiven) {
            errors.add(AnacErrors.error("REG73", S));
        }

        if (subcontract != null && authorised != null) {
            if (authorised.isBefore(subcontract.requestedOn())) {
                errors.add(new SchedaError(SchedaError.DATES, S + ".dataAutorizzazione",
                        "L'autorizzazione non può precedere la richiesta del " + subcontract.requestedOn()));
            } else if (authorised.isAfter(today)) {
                errors.add(new SchedaError(SchedaError.DATES, S + ".dataAutorizzazione", "La data di autorizzazione non può essere futura"));
            } else if (authorised.isAfter(subcontract.tacitAuthorisationOn())) {
                warnings.add("Il termine per decidere è scaduto il " + subcontract.decisionDeadline()
                        + ": il subappalto era già autorizzato per silenzio-assenso dal " + subcontract.tacitAuthorisationOn() + ".");
            }
        }
        LocalDate day = authorised;
        if (day == null) {
            day = Schede.eventDay(request, facts, errors);
        }
        if (subcontract != null && reason != null && day != null && day.isAfter(subcontract.decisionDeadline())) {
            warnings.add("Il termine per decidere è scaduto il " + subcontract.decisionDeadline() + ": l'autorizzazione si intende "
                    + "concessa per silenzio-assenso, e un diniego tardivo richiede un provvedimento di annullamento in autotutela.");
        }

        Map<String, Object> subappalto = new LinkedHashMap<>();
        if (authorised != null) {
            subappalto.put("dataAutorizzazione", FormReader.anacDateTime(authorised));
        }
        if (reason != null) {
            subappalto.put("motivoMancatoSubappalto", Map.of("idTipologica", "motivoMancatoSubappalto", "codice", reason));
        }
        // idScheda is the RSU1's id in PCP, known once ANAC confirmed it.
        return new SchedaDraft(SchedaCode.ES1, VERSION, day != null ? day : today, Map.of(S, subappalto), errors, warnings, true,
                subcontract == null ? null : subcontract.seq(), Map.of());
    }
}
