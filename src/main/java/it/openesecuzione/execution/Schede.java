package it.openesecuzione.execution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the scheda builders share: sections, derived identifiers, coded values. */
final class Schede {

    private Schede() {
    }

    /**
     * The anacForm section the scheda's DMN rules read; missing, it is ANAC's REG0 ("Dati non
     * presenti") and null is returned, so that its fields are not reported one by one.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> data, String name, List<SchedaError> errors) {
        if (data.get(name) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        errors.add(AnacErrors.error("REG0", name));
        return null;
    }

    /** idContratto is ANAC's: it may be omitted, and if given must be the one ANAC assigned. */
    static void checkIdContratto(ContractFacts facts, Map<String, Object> data, List<SchedaError> errors) {
        Object given = data.get("idContratto");
        if (given != null && facts.idContratto() != null && !facts.idContratto().toString().equals(given.toString())) {
            errors.add(new SchedaError(SchedaError.DERIVED, "idContratto",
                    "L'idContratto è quello assegnato da ANAC alla stipula (" + facts.idContratto() + ")"));
        }
    }

    static Map<String, Object> withIdContratto(ContractFacts facts, String section, Map<String, Object> content) {
        Map<String, Object> anacForm = new LinkedHashMap<>();
        if (facts.idContratto() != null) {
            anacForm.put("idContratto", facts.idContratto().toString());
        }
        anacForm.put(section, content);
        return anacForm;
    }

    /** A value of an ANAC code list, given as {"idTipologica": …, "codice": …} or as the bare code. */
    static String coded(Map<String, Object> section, String name, String path, Set<String> codes, List<SchedaError> errors) {
        Object value = section.get(name);
        if (value == null) {
            errors.add(new SchedaError(SchedaError.REQUIRED, path, "Campo obbligatorio"));
            return null;
        }
        String code = value instanceof Map<?, ?> map ? String.valueOf(map.get("codice")) : value.toString();
        if (!codes.contains(code)) {
            errors.add(new SchedaError(SchedaError.FORMAT, path, "Codice \"" + code + "\" non previsto dalla tabella ANAC "
                    + name + " (valori: " + String.join(", ", codes.stream().sorted().toList()) + ")"));
            return null;
        }
        return code;
    }

    /** A section ANAC's schema requires and no DMN rule guards: missing, it is a required field. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> requiredSection(Map<String, Object> data, String name, List<SchedaError> errors) {
        if (data.get(name) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        errors.add(new SchedaError(SchedaError.REQUIRED, name, "Campo obbligatorio"));
        return null;
    }

    /**
     * The day of an event whose scheda has no date of its own (RSU1, S4): the dataEvento given,
     * today when omitted; neither in the future nor before the signing.
     */
    static java.time.LocalDate eventDay(EventRequest request, ContractFacts facts, List<SchedaError> errors) {
        java.time.LocalDate day = request.dataEvento() != null ? request.dataEvento() : facts.today();
        if (day.isAfter(facts.today())) {
            errors.add(new SchedaError(SchedaError.DATES, "dataEvento", "La data dell'evento non può essere futura"));
            return null;
        }
        if (facts.signedOn() != null && day.isBefore(facts.signedOn())) {
            errors.add(new SchedaError(SchedaError.DATES, "dataEvento",
                    "La data dell'evento non può precedere la stipula del contratto (" + facts.signedOn() + ")"));
            return null;
        }
        return day;
    }

    /**
     * idScheda of ES1, CS1 (and RI1, SQ1) is the id PCP gave the earlier scheda: the platform fills
     * it in when sending, from the event the new one refers to.
     */
    static void refuseIdScheda(Map<String, Object> data, List<SchedaError> errors) {
        if (data.get("idScheda") != null) {
            errors.add(new SchedaError(SchedaError.DERIVED, "idScheda", "L'idScheda è quello assegnato da PCP alla scheda "
                    + "precedente e lo inserisce la piattaforma all'invio: indicare invece il numero dell'evento in \"riferimento\""));
        }
    }
}
