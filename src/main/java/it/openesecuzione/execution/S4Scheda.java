package it.openesecuzione.execution;

import it.openesecuzione.shared.CodiceFiscale;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * S4, a change of the awardee (merger, transfer or lease of the business, a temporary grouping of
 * more than two, a material error) or the setting up of a special-purpose company, for a lot
 * (model modello-dati-schede-S4; S4.dmn has no rules). ANAC requires only the CIG; the platform
 * also requires the new participant and the reason, without which the scheda says nothing.
 * The participant's idPartecipante then grants later subcontracts.
 */
final class S4Scheda implements SchedaBuilder {

    static final String VERSION = "1.0";
    private static final String P = "partecipante";
    /** The names an Italian operator's country is given with. */
    private static final Set<String> ITALY = Set.of("IT", "ITA", "ITALIA", "ITALY");

    @Override
    public SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        return build(facts, timeline, List.of(), EventRequest.of("S4", data));
    }

    @Override
    @SuppressWarnings("unchecked")
    public SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, List<RecordedScheda> history, EventRequest request) {
        Map<String, Object> data = request.data();
        List<SchedaError> errors = new ArrayList<>();
        LocalDate day = Schede.eventDay(request, facts, errors);
        String cig = cig(facts, data.get("cig"), errors);

        Map<String, Object> given = Schede.requiredSection(data, P, errors);
        FormReader form = new FormReader(given, P, errors);
        Map<String, Object> participant = new LinkedHashMap<>();
        if (given != null) {
            String country = form.has("paeseOperatoreEconomico") ? given.get("paeseOperatoreEconomico").toString().trim() : null;
            form.missing("paeseOperatoreEconomico", country == null);
            String taxCode = form.has("codiceFiscale") ? given.get("codiceFiscale").toString().trim().toUpperCase(Locale.ROOT) : null;
            form.missing("codiceFiscale", taxCode == null);
            // A foreign operator has its own country's tax code, which Italian rules cannot check.
            if (taxCode != null && (country == null || ITALY.contains(country.toUpperCase(Locale.ROOT)))) {
                CodiceFiscale.problemWith(taxCode).ifPresent(problem -> errors.add(new SchedaError(SchedaError.FORMAT,
                        P + ".codiceFiscale", "Codice fiscale non valido: " + problem)));
            }
            String name = form.has("denominazione") ? given.get("denominazione").toString().trim() : null;
            form.missing("denominazione", name == null);
            String role = Rsu1Scheda.ruoloOE(given, P, day, errors);
            String kind = Schede.coded(given, "tipoOE", P + ".tipoOE", CodeLists.TIPO_OE.keySet(), errors);
            var id = form.uuid("idPartecipante", true);
            Boolean reliance = form.bool("avvalimento", true);
            String relianceKind = given.get("tipologiaAvvalimento") == null ? null
                    : Schede.coded(given, "tipologiaAvvalimento", P + ".tipologiaAvvalimento", CodeLists.TIPOLOGIA_AVVALIMENTO.keySet(), errors);
            if (Boolean.TRUE.equals(reliance) && given.get("tipologiaAvvalimento") == null) {
                errors.add(new SchedaError(SchedaError.REQUIRED, P + ".tipologiaAvvalimento",
                        "Con l'avvalimento indicare se riguarda un requisito o il miglioramento dell'offerta"));
            } else if (Boolean.FALSE.equals(reliance) && relianceKind != null) {
                errors.add(new SchedaError(SchedaError.FORMAT, P + ".tipologiaAvvalimento",
                        "La tipologia di avvalimento si indica solo con l'avvalimento"));
            }
            participant.put("codiceFiscale", taxCode);
            participant.put("denominazione", name);
            participant.put("ruoloOE", role == null ? null : Map.of("idTipologica", "ruoloOE", "codice", role));
            participant.put("tipoOE", kind == null ? null : Map.of("idTipologica", "tipoOE", "codice", kind));
            participant.put("idPartecipante", id == null ? null : id.toString());
            participant.put("paeseOperatoreEconomico", country);
            participant.put("avvalimento", reliance);
            participant.put("tipologiaAvvalimento", relianceKind == null ? null
                    : Map.of("idTipologica", "tipologiaAvvalimento", "codice", relianceKind));
            participant.values().removeIf(Objects::isNull);
        }
        String reason = data.get("motivoVariazione") == null ? null
                : Schede.coded(data, "motivoVariazione", "motivoVariazione", CodeLists.MOTIVO_VARIAZIONE.keySet(), errors);
        if (data.get("motivoVariazione") == null) {
            errors.add(new SchedaError(SchedaError.REQUIRED, "motivoVariazione", "Indicare il motivo della variazione"));
        }

        Map<String, Object> anacForm = new LinkedHashMap<>();
        anacForm.put("cig", cig);
        anacForm.put(P, given == null ? null : participant);
        anacForm.put("motivoVariazione", reason == null ? null : Map.of("idTipologica", "motivoVariazione", "codice", reason));
        anacForm.values().removeIf(Objects::isNull);
        List<String> warnings = List.of("Aggiornare l'anagrafica del contratto con il nuovo aggiudicatario, se cambia.");
        // S4 goes by CIG: it needs no identifier from an earlier scheda.
        return new SchedaDraft(SchedaCode.S4, VERSION, day != null ? day : facts.today(), anacForm, errors, warnings, false);
    }

    /** The lot's CIG: one of the contract's, which may be omitted when the contract has one lot. */
    private static String cig(ContractFacts facts, Object given, List<SchedaError> errors) {
        if (given == null || given.toString().isBlank()) {
            if (facts.cigs().size() == 1) {
                return facts.cigs().get(0);
            }
            errors.add(new SchedaError(SchedaError.REQUIRED, "cig", "Indicare il CIG del lotto (" + String.join(", ", facts.cigs()) + ")"));
            return null;
        }
        String cig = given.toString().trim().toUpperCase(Locale.ROOT);
        if (!facts.cigs().contains(cig)) {
            errors.add(new SchedaError(SchedaError.DERIVED, "cig", "Il CIG non è di questo contratto (" + String.join(", ", facts.cigs()) + ")"));
            return null;
        }
        return cig;
    }
}
