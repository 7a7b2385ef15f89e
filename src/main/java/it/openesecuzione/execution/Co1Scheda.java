package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CO1, the conclusion of the contract (model modello-dati-schede-CO1, rules CO1.dmn): completion
 * (dataUltimazione) or early termination (dataInterruzioneAnticipata with its cause: termination
 * art. 122, withdrawal art. 123, …), the economic consequences and the accidents on site.
 */
final class Co1Scheda {

    static final String VERSION = "1.0";
    /** Causes that require the economic consequences: termination, withdrawal by either party. */
    private static final Set<String> CAUSES_WITH_CHARGES = Set.of("2", "4", "5");

    private Co1Scheda() {
    }

    static SchedaDraft build(ContractFacts facts, ExecutionTimeline timeline, Map<String, Object> data) {
        List<SchedaError> errors = new ArrayList<>();
        Map<String, Object> section = Schede.section(data, "conclusione", errors);
        Schede.checkIdContratto(facts, data, errors);
        FormReader form = new FormReader(section, "conclusione", errors);
        String cause = optionalCode(section, "causaInterruzioneAnticipata", errors);
        String reason = optionalCode(section, "motiviRisoluzione", errors);
        String charges = optionalCode(section, "oneriEconomiciRisoluzioneRecesso", errors);
        LocalDate interrupted = form.date("dataInterruzioneAnticipata", false);
        LocalDate completed = form.date("dataUltimazione", false);
        BigDecimal amount = form.amount("importo", false);
        Boolean guaranteeForfeited = form.bool("incamerataPolizza", false);
        Integer accidents = form.count("numeroInfortuni", false);
        Integer permanent = form.count("diCuiPostumiPermanenti", false);
        Integer fatal = form.count("diCuiMortali", false);

        // ANAC's rules (CO1.dmn), with ANAC's codes.
        if ("2".equals(cause) && reason == null) {
            errors.add(AnacErrors.error("REG75", "conclusione.motiviRisoluzione"));
        }
        if (cause != null && CAUSES_WITH_CHARGES.contains(cause) && charges == null) {
            errors.add(AnacErrors.error("REG76", "conclusione.oneriEconomiciRisoluzioneRecesso"));
        }
        if (charges != null && (amount == null || amount.signum() == 0)) {
            errors.add(AnacErrors.error("REG79", "conclusione.importo"));
        }
        if ("0".equals(charges) && amount != null && amount.signum() > 0) {
            errors.add(AnacErrors.error("REG80", "conclusione.importo"));
        }
        if (interrupted == null && completed == null) {
            errors.add(AnacErrors.error("REG81", "conclusione.dataUltimazione"));
        }
        if (accidents != null && accidents < (permanent == null ? 0 : permanent) + (fatal == null ? 0 : fatal)) {
            errors.add(AnacErrors.error("REG82", "conclusione.numeroInfortuni"));
        }
        if (cause != null && guaranteeForfeited == null) {
            errors.add(AnacErrors.error("REG83", "conclusione.incamerataPolizza"));
        }
        if (permanent != null && permanent < 0) {
            errors.add(AnacErrors.error("REG84", "conclusione.diCuiPostumiPermanenti"));
        }
        if (fatal != null && fatal < 0) {
            errors.add(AnacErrors.error("REG85", "conclusione.diCuiMortali"));
        }
        LocalDate end = completed != null ? completed : interrupted;
        if (end != null && timeline.handedOverOn() != null && end.isBefore(timeline.handedOverOn())) {
            errors.add(new SchedaError(SchedaError.DATES, completed != null ? "conclusione.dataUltimazione"
                    : "conclusione.dataInterruzioneAnticipata", "La conclusione non può precedere la consegna (" + timeline.handedOverOn() + ")"));
        }

        List<String> warnings = new ArrayList<>();
        if (timeline.suspended()) {
            warnings.add("Risulta ancora in corso la sospensione del " + timeline.openSuspension().eventDate()
                    + ": registrare la ripresa o verificare la conclusione.");
        }
        if (completed != null && timeline.term().isPresent()) {
            LocalDate deadline = timeline.term().get().deadline(completed);
            long late = ChronoUnit.DAYS.between(deadline, completed);
            if (late > 0) {
                warnings.add("Ultimazione " + late + " giorni dopo il termine contrattuale (" + deadline
                        + "): si applicano le penali per ritardo (art. 126).");
            }
        }

        Map<String, Object> conclusione = new LinkedHashMap<>();
        conclusione.put("causaInterruzioneAnticipata", coded("causaInterruzioneAnticipata", cause));
        conclusione.put("motiviRisoluzione", coded("motiviRisoluzione", reason));
        conclusione.put("dataStipula", FormReader.anacDateTime(facts.signedOn()));
        conclusione.put("dataInterruzioneAnticipata", FormReader.anacDateTime(interrupted));
        conclusione.put("oneriEconomiciRisoluzioneRecesso", coded("oneriEconomiciRisoluzioneRecesso", charges));
        conclusione.put("importo", amount);
        conclusione.put("incamerataPolizza", guaranteeForfeited);
        conclusione.put("dataUltimazione", FormReader.anacDateTime(completed));
        conclusione.put("numeroInfortuni", accidents);
        conclusione.put("diCuiPostumiPermanenti", permanent);
        conclusione.put("diCuiMortali", fatal);
        conclusione.values().removeIf(Objects::isNull);
        Map<String, Object> anacForm = new LinkedHashMap<>();
        if (facts.idContratto() != null) {
            anacForm.put("idContratto", facts.idContratto().toString());
        }
        if (facts.cigs().size() == 1) {
            anacForm.put("cig", facts.cigs().get(0));
        }
        anacForm.put("conclusione", conclusione);
        return new SchedaDraft(SchedaCode.CO1, VERSION, end, anacForm, errors, warnings, facts.idContratto() == null);
    }

    private static String optionalCode(Map<String, Object> section, String name, List<SchedaError> errors) {
        return section == null || section.get(name) == null ? null
                : Schede.coded(section, name, "conclusione." + name, CodeLists.BY_NAME.get(name).keySet(), errors);
    }

    private static Map<String, Object> coded(String list, String code) {
        return code == null ? null : Map.of("idTipologica", list, "codice", code);
    }
}
