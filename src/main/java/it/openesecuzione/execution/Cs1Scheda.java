package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CS1, the end of a subcontract (model modello-dati-schede-CS1, rule REG0): the amount actually
 * carried out, the day it ended and, if it was not carried out, why. It refers to the ES1 that
 * authorised the subcontract, whose PCP idScheda it carries when sent.
 */
final class Cs1Scheda implements SchedaBuilder {

    static final String VERSION = "1.0";
    private static final String S = "subappalto";

    @Override
    public SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        return build(facts, timeline, List.of(), EventRequest.of("CS1", data));
    }

    @Override
    public SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, List<RecordedScheda> history, EventRequest request) {
        Map<String, Object> data = request.data();
        List<SchedaError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Object> section = Schede.section(data, S, errors);
        Schede.refuseIdScheda(data, errors);
        FormReader form = new FormReader(section, S, errors);
        BigDecimal amount = form.amount("importoEffettivo", true);
        LocalDate ended = form.date("dataUltimazione", true);
        String reason = section == null || section.get("motivoMancataEsecuzioneSubappalto") == null ? null
                : Schede.coded(section, "motivoMancataEsecuzioneSubappalto", S + ".motivoMancataEsecuzioneSubappalto",
                        CodeLists.MOTIVO_MANCATA_ESECUZIONE_SUBAPPALTO.keySet(), errors);
        if (amount != null && (amount.signum() < 0 || amount.scale() > 2)) {
            errors.add(new SchedaError(SchedaError.FORMAT, S + ".importoEffettivo",
                    "Importo in euro, non negativo, con al massimo due decimali"));
            amount = null;
        }

        List<Subcontract> subcontracts = Subcontract.of(history, facts.importoContrattuale());
        // The reference may name the ES1 or, more naturally for the user, the request itself.
        Integer reference = request.riferimento();
        if (reference != null) {
            for (Subcontract s : subcontracts) {
                if (s.outcome() != null && s.outcome().seq() == reference) {
                    reference = s.seq();
                }
            }
        }
        Subcontract subcontract = Subcontract.pick(subcontracts, reference,
                s -> s.conclusion() == null && s.statedAuthorisation().isPresent(), "autorizzato e in corso", errors);
        if (subcontract != null) {
            if (subcontract.outcome() == null) {
                errors.add(new SchedaError(SchedaError.STATE, "riferimento", "Registrare prima l'esito (ES1) della richiesta dell'evento n. "
                        + subcontract.seq() + (subcontract.state(facts.today()) == Subcontract.State.AUTORIZZATO_SILENZIO_ASSENSO
                                ? ", autorizzata per silenzio-assenso" : "")));
                subcontract = null;
            } else if (subcontract.statedAuthorisation().isEmpty()) {
                errors.add(new SchedaError(SchedaError.STATE, "riferimento", "Il subappalto dell'evento n. " + subcontract.seq()
                        + " non è stato autorizzato (evento n. " + subcontract.outcome().seq() + ")"));
                subcontract = null;
            } else if (subcontract.conclusion() != null) {
                errors.add(new SchedaError(SchedaError.STATE, "riferimento", "Il subappalto dell'evento n. " + subcontract.seq()
                        + " è già concluso (evento n. " + subcontract.conclusion().seq() + ")"));
                subcontract = null;
            }
        }
        if (subcontract != null && ended != null) {
            LocalDate authorised = subcontract.statedAuthorisation().orElseThrow();
            if (ended.isBefore(authorised)) {
                errors.add(new SchedaError(SchedaError.DATES, S + ".dataUltimazione",
                        "La conclusione non può precedere l'autorizzazione del " + authorised));
            }
        }
        if (ended != null && ended.isAfter(facts.today())) {
            errors.add(new SchedaError(SchedaError.DATES, S + ".dataUltimazione", "La data di ultimazione non può essere futura"));
        }
        if (subcontract != null && amount != null && amount.compareTo(subcontract.importoPresunto()) > 0) {
            warnings.add("L'importo effettivo (" + amount.toPlainString() + " euro) supera quello presunto della richiesta ("
                    + subcontract.importoPresunto().toPlainString() + " euro): verificare se occorreva una nuova autorizzazione.");
        }

        Map<String, Object> subappalto = new LinkedHashMap<>();
        subappalto.put("importoEffettivo", amount);
        subappalto.put("dataUltimazione", FormReader.anacDateTime(ended));
        subappalto.put("motivoMancataEsecuzioneSubappalto", reason == null ? null
                : Map.of("idTipologica", "motivoMancataEsecuzioneSubappalto", "codice", reason));
        subappalto.values().removeIf(java.util.Objects::isNull);
        // idScheda is the ES1's id in PCP, known once ANAC confirmed it.
        return new SchedaDraft(SchedaCode.CS1, VERSION, ended != null ? ended : facts.today(), Map.of(S, subappalto), errors,
                warnings, true, subcontract == null || subcontract.outcome() == null ? null : subcontract.outcome().seq(), Map.of());
    }
}
