package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * IR1, the contractor's request to withdraw (model modello-dati-schede-IR1, rules IR1.dmn): for a
 * late handover (tipoComunicazione R) or a long suspension (S), and what the SA decided.
 */
final class Ir1Scheda {

    static final String VERSION = "1.0";
    /** ANAC's list tipoComunicazione: R ritardo (late handover), S sospensione. */
    static final Set<String> TIPO_COMUNICAZIONE = Set.of("R", "S");

    private Ir1Scheda() {
    }

    static SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        Map<String, Object> section = Schede.section(data, "ritardo", errors);
        Schede.checkIdContratto(facts, data, errors);
        FormReader form = new FormReader(section, "ritardo", errors);
        LocalDate due = form.date("dataTermine", true);
        String kind = section == null ? null : Schede.coded(section, "tipoComunicazione", "ritardo.tipoComunicazione",
                TIPO_COMUNICAZIONE, errors);
        Integer suspendedDays = form.count("durataSospensione", false);
        String reason = form.has("motivoSospensione") ? section.get("motivoSospensione").toString().trim() : null;
        LocalDate requested = form.date("dataIstanzaRecesso", true);
        Boolean accepted = form.bool("istanzaAccolta", true);
        Boolean lateHandover = form.bool("istanzaTardiva", true);
        Boolean resumed = form.bool("istanzaRipresa", true);
        Boolean reserves = form.bool("istanzaRiserva", true);
        BigDecimal expenses = form.amount("impSpese", true);
        BigDecimal charges = form.amount("impOneri", false);

        // The model does not tie the fields to the kind of request; the law does: a suspension
        // has a length and may end with a resumption, a late handover may end with the handover.
        if ("S".equals(kind) && suspendedDays == null) {
            errors.add(new SchedaError(SchedaError.REQUIRED, "ritardo.durataSospensione",
                    "Indicare la durata della sospensione per un'istanza dovuta a sospensione"));
        }
        if ("R".equals(kind) && Boolean.TRUE.equals(resumed)) {
            errors.add(new SchedaError(SchedaError.STATE, "ritardo.istanzaRipresa",
                    "La ripresa dei lavori riguarda le istanze per sospensione, non per ritardo nella consegna"));
        }
        if ("S".equals(kind) && Boolean.TRUE.equals(lateHandover)) {
            errors.add(new SchedaError(SchedaError.STATE, "ritardo.istanzaTardiva",
                    "La consegna tardiva riguarda le istanze per ritardo nella consegna, non per sospensione"));
        }
        if (suspendedDays != null && suspendedDays < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, "ritardo.durataSospensione", "Il numero non può essere negativo"));
        }
        for (var amount : Map.of("impSpese", expenses == null ? BigDecimal.ZERO : expenses,
                "impOneri", charges == null ? BigDecimal.ZERO : charges).entrySet()) {
            if (amount.getValue().signum() < 0) {
                errors.add(new SchedaError(SchedaError.FORMAT, "ritardo." + amount.getKey(), "L'importo non può essere negativo"));
            }
        }
        if (requested != null && facts.signedOn() != null && requested.isBefore(facts.signedOn())) {
            errors.add(new SchedaError(SchedaError.DATES, "ritardo.dataIstanzaRecesso",
                    "L'istanza di recesso non può precedere la stipula del contratto (" + facts.signedOn() + ")"));
        }

        Map<String, Object> ritardo = new LinkedHashMap<>();
        ritardo.put("dataTermine", FormReader.anacDateTime(due));
        ritardo.put("tipoComunicazione", kind == null ? null : Map.of("idTipologica", "tipoComunicazione", "codice", kind));
        ritardo.put("durataSospensione", suspendedDays);
        ritardo.put("motivoSospensione", reason);
        ritardo.put("dataIstanzaRecesso", FormReader.anacDateTime(requested));
        ritardo.put("istanzaAccolta", accepted);
        ritardo.put("istanzaTardiva", lateHandover);
        ritardo.put("istanzaRipresa", resumed);
        ritardo.put("istanzaRiserva", reserves);
        ritardo.put("impSpese", expenses);
        ritardo.put("impOneri", charges);
        ritardo.values().removeIf(Objects::isNull);
        List<String> warnings = Boolean.TRUE.equals(accepted)
                ? List.of("Istanza accolta: registrare la conclusione del contratto (CO1, recesso dell'appaltatore).")
                : List.of();
        return new SchedaDraft(SchedaCode.IR1, VERSION, requested != null ? requested : facts.today(),
                Schede.withIdContratto(facts, "ritardo", ritardo), errors, warnings, facts.idContratto() == null);
    }
}
