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
}
