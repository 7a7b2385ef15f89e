package it.openesecuzione.execution;

import it.openesecuzione.contracts.Procedura;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CO2, the conclusion of a direct award under 5,000 euro (model modello-dati-schede-CO2, rules
 * CO2.dmn): the only execution scheda of such a contract, identified by CIG (no SC1, so no
 * idContratto), with start, completion and the amount paid.
 */
final class Co2Scheda {

    static final String VERSION = "1.0";
    /** CO2 is for direct awards under this amount (ANAC flows 50 and 300, after AD5). */
    static final BigDecimal LIMIT = new BigDecimal("5000");

    private Co2Scheda() {
    }

    static SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        if (facts.procedura() != Procedura.AFFIDAMENTO_DIRETTO || facts.importoContrattuale() == null
                || facts.importoContrattuale().compareTo(LIMIT) >= 0) {
            errors.add(new SchedaError(SchedaError.STATE, "type", "La scheda CO2 riguarda solo gli affidamenti diretti di importo"
                    + " inferiore a 5.000 euro: per questo contratto la conclusione si comunica con la scheda CO1"));
        }
        String cig = cig(facts, data, errors);
        Map<String, Object> section = Schede.section(data, "conclusione", errors);
        FormReader form = new FormReader(section, "conclusione", errors);
        LocalDate started = form.date("dataInizio", true);
        LocalDate completed = form.date("dataUltimazione", true);
        BigDecimal paid = form.amount("importo", true);

        if (started != null && completed != null && completed.isBefore(started)) {
            errors.add(new SchedaError(SchedaError.DATES, "conclusione.dataUltimazione",
                    "La data di ultimazione non può precedere la data di inizio (" + started + ")"));
        }
        if (paid != null && paid.signum() < 0) {
            errors.add(new SchedaError(SchedaError.FORMAT, "conclusione.importo", "L'importo non può essere negativo"));
        }
        List<String> warnings = new ArrayList<>();
        if (paid != null && facts.importoContrattuale() != null && paid.compareTo(facts.importoContrattuale()) > 0) {
            warnings.add("Le somme liquidate (" + paid.toPlainString() + " euro) superano l'importo contrattuale ("
                    + facts.importoContrattuale().toPlainString() + " euro). Verificare.");
        }

        Map<String, Object> conclusione = new LinkedHashMap<>();
        conclusione.put("dataInizio", FormReader.anacDateTime(started));
        conclusione.put("dataUltimazione", FormReader.anacDateTime(completed));
        conclusione.put("importo", paid);
        conclusione.values().removeIf(Objects::isNull);
        Map<String, Object> anacForm = new LinkedHashMap<>();
        anacForm.put("cig", cig);
        anacForm.put("conclusione", conclusione);
        anacForm.values().removeIf(Objects::isNull);
        return new SchedaDraft(SchedaCode.CO2, VERSION, completed != null ? completed : facts.today(), anacForm, errors,
                warnings, false);
    }

    /** The CIG is the contract's: derived for a single lot, else one of its lots must be given. */
    private static String cig(ContractFacts facts, Map<String, Object> data, List<SchedaError> errors) {
        Object given = data.get("cig");
        if (given == null && facts.cigs().size() == 1) {
            return facts.cigs().get(0);
        }
        if (given == null) {
            errors.add(new SchedaError(SchedaError.REQUIRED, "cig", "Indicare il CIG del lotto concluso ("
                    + String.join(", ", facts.cigs()) + ")"));
            return null;
        }
        if (!facts.cigs().contains(given.toString())) {
            errors.add(new SchedaError(SchedaError.DERIVED, "cig", "Il CIG non è tra quelli del contratto ("
                    + String.join(", ", facts.cigs()) + ")"));
            return null;
        }
        return given.toString();
    }
}
