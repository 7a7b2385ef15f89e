package it.openesecuzione.execution;

import java.util.Map;

/**
 * ANAC's texts for the rule codes the platform checks (tipologica "errori"), so that a user sees
 * the same message PCP would return. A test keeps them equal to ANAC's list.
 */
public final class AnacErrors {

    static final Map<String, String> TEXTS = Map.ofEntries(
            Map.entry("ERR2", "scheda non ammessa in questa fase dell'appalto"),
            Map.entry("REG0", "Dati non presenti"),
            Map.entry("REG2", "Attenzione, non è stato indicato il codice fiscale del soggetto"),
            Map.entry("REG54", "Selezionare un motivo di revisione prezzi"),
            Map.entry("REG57", "Data approvazione antecedente la data di inizio progettazione esecutiva"),
            Map.entry("REG58", "Indicare la data del verbale di prima consegna lavori"),
            Map.entry("REG59", "Indicare la data di avvio della prima fase dell'esecuzione del contratto"),
            Map.entry("REG60", "Indicare la data del verbale di consegna definitiva"),
            Map.entry("REG61", "Il campo urlDocumentazione è obbligatorio se si seleziona come motivo di modifica la voce 'mod-cir', 'Necessità di modifiche dovute a circostante non prevedibili da un committente diligente'."),
            Map.entry("REG62", "In caso di Altre cause impreviste ed imprevedibili indicare una motivazione nel campo Cause della modifica contrattuale"),
            Map.entry("REG64", "Non è stata valorizzata la data del certificato di pagamento relativo all'anticipazione"),
            Map.entry("REG72", "Campo data del certificato di pagamento relativo all'anticipazione non previsto"),
            Map.entry("REG73", "Valorizzare almeno uno dei due campi: Data di autorizzazione del subappalto, Motivo del mancato subappalto"),
            Map.entry("REG74", "Non è stato valorizzato il campo oneri derivanti"),
            Map.entry("REG75", "Il campo motivi di risoluzione è obbligatorio in caso di interruzione anticipata per risoluzione contrattuale"),
            Map.entry("REG76", "Il campo oneri economici derivanti dalla risoluzione-recesso è obbligatorio in caso di: interruzione anticipata per risoluzione contrattuale, recesso della stazione appaltante, recesso dell'appaltatore"),
            Map.entry("REG77", "La data di scadenza del contratto deve essere superiore alla data di stipula."),
            Map.entry("REG79", "L'importo è obbligatorio se è valorizzato il campo oneri economici derivanti dalla risoluzione-recesso"),
            Map.entry("REG80", "Risoluzione/rescissione senza oneri, dunque non va indicato l'importo. Verificare."),
            Map.entry("REG81", "E' necessario indicare la data di ultimazione o la data di interruzione anticipata."),
            Map.entry("REG82", "Numero totale degli infortuni incoerente rispetto al numero degli infortuni mortali e con postumi permanenti"),
            Map.entry("REG83", "Il campo incamerata polizza è obbligatorio in caso di interruzione anticipata"),
            Map.entry("REG84", "il campo di cui postumi permanenti deve essere maggiore o uguale a 0"),
            Map.entry("REG85", "il campo di cui mortali deve essere maggiore o uguale a 0"),
            Map.entry("REG86", "Certificato di regolare esecuzione non previsto in caso di collaudo tecnico/amministrativo"),
            Map.entry("REG87", "Specificare data del certificato di regolare esecuzione o le modalità del collaudo tecnico amministrativo"),
            Map.entry("REG88", "Non è stata indicata la data di nomina del collaudatore, Commissione"),
            Map.entry("REG89", "Non è stata indicata la data di inizio delle operazioni di collaudo"),
            // ANAC's text has two spaces after "data".
            Map.entry("REG90", "Data inizio operazioni di collaudo antecedente la data  di nomina della commissione di collaudo/collaudatore"),
            Map.entry("REG91", "Non è stata indicata la data di redazione del certificato di collaudo"),
            Map.entry("REG92", "Data redazione certificato antecedente la data di inizio operazioni di collaudo"),
            Map.entry("REG93", "Data delibera di ammissibilità antecedente la data di redazione del certificato di collaudo"),
            Map.entry("REG94", "Oneri complessivi derivanti è obbligatorio se il numero totale riserve è maggiore di zero."),
            Map.entry("REG117", "Il campo importo cauzione deve essere >= 0."),
            Map.entry("REG129", "Attenzione, non è stata indicata la denominazione del soggetto."),
            Map.entry("REG138", "I campi di tipo testo non possono essere vuoti."),
            Map.entry("REG139", "Definire almeno un conferente subappalto."),
            Map.entry("REG140", "Definire un solo conferente subappalto."),
            Map.entry("REG141", "In caso di subappalto a cascata deve essere indicato l'idSubappalto."),
            Map.entry("REG142", "Indicare almeno un soggetto."));

    private AnacErrors() {
    }

    public static String text(String code) {
        String text = TEXTS.get(code);
        if (text == null) {
            throw new IllegalArgumentException("Codice di errore ANAC sconosciuto: " + code);
        }
        return text;
    }

    /** ANAC's text of a code, when the platform knows it. */
    public static java.util.Optional<String> find(String code) {
        return java.util.Optional.ofNullable(code == null ? null : TEXTS.get(code));
    }

    static SchedaError error(String code, String field) {
        return new SchedaError(code, field, text(code));
    }
}
