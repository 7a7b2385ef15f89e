package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AC1, the amicable settlement of reserves (arts. 210-211; model modello-dati-schede-AC1, rules
 * AC1.dmn): the date of the agreement, the charges it brings and the reserves it settles.
 */
final class Ac1Scheda {

    static final String VERSION = "1.0";
    /** Art. 210: the accordo bonario applies when reserves move the amount between 5% and 15%. */
    private static final BigDecimal LOWER = new BigDecimal("0.05");
    private static final BigDecimal UPPER = new BigDecimal("0.15");

    private Ac1Scheda() {
    }

    static SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        // AC1.dmn has no REG0: a missing section is refused by ANAC's schema (required).
        Map<String, Object> section = Schede.requiredSection(data, "accordoBonario", errors);
        Schede.checkIdContratto(facts, data, errors);
        FormReader form = new FormReader(section, "accordoBonario", errors);
        LocalDate agreed = form.date("dataAccordo", true);
        BigDecimal charges = form.amount("oneriDerivanti", false);
        Integer reserves = form.count("numeroRiserve", false);

        // ANAC's rule (AC1.dmn): the optional oneriDerivanti is in fact mandatory (0 when none).
        if (section != null && !form.has("oneriDerivanti")) {
            errors.add(AnacErrors.error("REG74", "accordoBonario.oneriDerivanti"));
        }
        if (charges != null && charges.signum() < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, "accordoBonario.oneriDerivanti", "L'importo non può essere negativo"));
        }
        if (reserves != null && reserves < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, "accordoBonario.numeroRiserve", "Il numero non può essere negativo"));
        }
        if (agreed != null && facts.signedOn() != null && agreed.isBefore(facts.signedOn())) {
            errors.add(new SchedaError(SchedaError.DATES, "accordoBonario.dataAccordo",
                    "L'accordo bonario non può precedere la stipula del contratto (" + facts.signedOn() + ")"));
        }

        List<String> warnings = new ArrayList<>();
        BigDecimal base = facts.importoContrattuale();
        if (charges != null && base != null && base.signum() > 0) {
            BigDecimal share = charges.divide(base, 6, RoundingMode.HALF_UP);
            if (share.compareTo(LOWER) < 0 || share.compareTo(UPPER) > 0) {
                warnings.add("Gli oneri derivanti (" + charges.toPlainString() + " euro) sono pari al "
                        + share.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString()
                        + "% dell'importo contrattuale: l'accordo bonario si applica quando le riserve comportano una variazione"
                        + " tra il 5% e il 15% (art. 210). Verificare.");
            }
        }

        Map<String, Object> accordo = new LinkedHashMap<>();
        accordo.put("dataAccordo", FormReader.anacDateTime(agreed));
        accordo.put("oneriDerivanti", charges);
        accordo.put("numeroRiserve", reserves);
        accordo.values().removeIf(Objects::isNull);
        return new SchedaDraft(SchedaCode.AC1, VERSION, agreed != null ? agreed : facts.today(),
                Schede.withIdContratto(facts, "accordoBonario", accordo), errors, warnings, facts.idContratto() == null);
    }
}
