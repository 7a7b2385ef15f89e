package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SC1, the signing of the contract (model modello-dati-schede-SC1, rules SC1.dmn). The platform
 * derives the authority's AUSA code and the contract's CIGs; the user gives the dates, the
 * definitive guarantee and the awardee's id in PCP ({@code idPartecipante}).
 */
final class Sc1Scheda {

    static final String VERSION = "1.0";

    private Sc1Scheda() {
    }

    @SuppressWarnings("unchecked")
    static SchedaDraft build(ContractFacts facts, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        Map<String, Object> section = data.get("datiContratto") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        if (!(data.get("datiContratto") instanceof Map<?, ?>)) {
            errors.add(new SchedaError(SchedaError.REQUIRED, "datiContratto", "Campo obbligatorio"));
        }
        FormReader form = new FormReader(section, "datiContratto", errors);
        agree(form, "codiceAusa", List.of(facts.codiceAusa()), errors);
        agree(form, "cig", facts.cigs(), errors);
        UUID participant = form.uuid("idPartecipante", true);
        LocalDate signed = form.date("dataStipula", true);
        LocalDate executive = form.date("dataEsecutivita", false);
        LocalDate from = form.date("dataDecorrenza", true);
        LocalDate to = form.date("dataScadenza", true);
        BigDecimal guarantee = form.amount("importoCauzione", true);

        if (signed != null && to != null && to.isBefore(signed)) {
            errors.add(AnacErrors.error("REG77", "datiContratto.dataScadenza"));
        }
        if (guarantee != null && guarantee.signum() < 0) {
            errors.add(AnacErrors.error("REG117", "datiContratto.importoCauzione"));
        }
        List<String> warnings = new ArrayList<>();
        if (signed != null && from != null && from.isBefore(signed)) {
            warnings.add("La decorrenza del contratto precede la stipula: verificare le date.");
        }

        Map<String, Object> datiContratto = new LinkedHashMap<>();
        datiContratto.put("codiceAusa", List.of(facts.codiceAusa()));
        datiContratto.put("idPartecipante", participant == null ? null : participant.toString());
        datiContratto.put("cig", facts.cigs());
        datiContratto.put("dataStipula", FormReader.anacDateTime(signed));
        datiContratto.put("dataEsecutivita", FormReader.anacDateTime(executive));
        datiContratto.put("dataDecorrenza", FormReader.anacDateTime(from));
        datiContratto.put("dataScadenza", FormReader.anacDateTime(to));
        datiContratto.put("importoCauzione", guarantee == null ? null : guarantee.setScale(2, java.math.RoundingMode.HALF_UP));
        datiContratto.values().removeIf(java.util.Objects::isNull);
        return new SchedaDraft(SchedaCode.SC1, VERSION, signed, Map.of("datiContratto", datiContratto), errors, warnings, false);
    }

    /** A field the platform derives may be omitted; if given it must say the same. */
    private static void agree(FormReader form, String name, List<String> derived, List<SchedaError> errors) {
        List<Object> given = form.list(name);
        if (form.has(name) && (given == null || !given.stream().map(String::valueOf).toList().equals(derived))) {
            errors.add(new SchedaError(SchedaError.DERIVED, form.path(name),
                    "Il valore è ricavato dal contratto (" + String.join(", ", derived) + "): ometterlo o indicarlo uguale"));
        }
    }
}
