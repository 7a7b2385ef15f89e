package it.openesecuzione.execution;

import java.util.Map;

/**
 * ANAC's texts for the rule codes the platform checks (tipologica "errori"), so that a user sees
 * the same message PCP would return. A test keeps them equal to ANAC's list.
 */
public final class AnacErrors {

    static final Map<String, String> TEXTS = Map.of(
            "ERR2", "scheda non ammessa in questa fase dell'appalto",
            "REG57", "Data approvazione antecedente la data di inizio progettazione esecutiva",
            "REG58", "Indicare la data del verbale di prima consegna lavori",
            "REG59", "Indicare la data di avvio della prima fase dell'esecuzione del contratto",
            "REG60", "Indicare la data del verbale di consegna definitiva",
            "REG77", "La data di scadenza del contratto deve essere superiore alla data di stipula.",
            "REG117", "Il campo importo cauzione deve essere >= 0.");

    private AnacErrors() {
    }

    public static String text(String code) {
        String text = TEXTS.get(code);
        if (text == null) {
            throw new IllegalArgumentException("Codice di errore ANAC sconosciuto: " + code);
        }
        return text;
    }

    static SchedaError error(String code, String field) {
        return new SchedaError(code, field, text(code));
    }
}
