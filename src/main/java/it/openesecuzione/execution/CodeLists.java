package it.openesecuzione.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ANAC's code lists (tipologiche) used by the execution schede: code → Italian meaning, in ANAC's
 * order. The schede check codes against them and the forms offer them; a test keeps them equal
 * to ANAC's files.
 */
public final class CodeLists {

    public static final Map<String, String> MOTIVO_SOSPENSIONE = ordered(
            "1", "Cause di forza maggiore",
            "2", "Interferenze di natura tecnica",
            "3", "Interferenze di natura amministrativa",
            "4", "Redazione di varianti in corso di esecuzione",
            "5", "Intervento Autorità giudiziaria",
            "6", "Avverse condizioni climatiche",
            "7", "Pubblico interesse o necessità");

    public static final Map<String, String> CAUSA_INTERRUZIONE_ANTICIPATA = ordered(
            "1", "Revoca dell'aggiudicazione definitiva",
            "2", "Risoluzione contrattuale",
            "4", "Recesso della stazione appaltante",
            "5", "Recesso dell'appaltatore",
            "6", "Recesso dal contratto (codice antimafia)",
            "7", "Fallimento, liquidazione coatta o concordato preventivo, insolvenza concorsuale o liquidazione dell'appaltatore)",
            "8", "Dichiarazione giudiziale di inefficacia del contratto",
            "9", "Annullata in autotutela per errore amministrativo");

    public static final Map<String, String> MOTIVI_RISOLUZIONE = ordered(
            "1", "Accordo consensuale",
            "2", "Grave inosservanza alle norme in materia di sicurezza",
            "4", "Reati accertati",
            "5", "Grave inadempimento, grave irregolarità o grave ritardo",
            "6", "Superamento delle soglie delle modifiche contrattuali",
            "7", "Modifica sostanziale del contratto",
            "8", "Carenza dei requisiti al momento dell’aggiudicazione",
            "9", "Violazione degli obblighi derivanti dai trattati");

    public static final Map<String, String> ONERI_ECONOMICI_RISOLUZIONE_RECESSO = ordered(
            "0", "Senza Oneri",
            "1", "Riconoscimenti del mancato utile",
            "2", "Addebito all’appaltatore delle maggiori spese sostenute");

    public static final Map<String, String> MOTIVI_MODIFICA = ordered(
            "add-wss", "Necessità di ulteriori lavori, forniture e servizi eseguiti dall'appaltatore originale.",
            "mod-cir", "Necessità di modifiche dovute a circostante non prevedibili da un committente diligente.",
            "mod-minv", "Modifiche inferiori a una soglia minima ('de minimis').",
            "mod-nons", "Le modifiche non sono sostanziali.",
            "mod-repl", "Modifiche dovute al fatto che un nuovo contraente sostituisce l'aggiudicatario iniziale perché gli succede "
                    + "o perché il committente si assume gli obblighi del contraente principale nei confronti dei suoi subappaltatori.",
            "mod-rev", "Modifiche basate su clausole di revisione dei prezzi o opzioni.");

    public static final Map<String, String> MOTIVO_REVISIONE_PREZZI = ordered(
            "1", "Revisione dei prezzi sulla base di una clausola presente nel bando di gara",
            "2", "Revisione dei prezzi sulla base di disposizioni normative",
            "3", "Compensazioni per variazioni dei prezzi ",
            "4", "Eccessiva onerosità sopravvenuta contratti energia",
            "5", "Altro");

    /** By ANAC's name of the tipologica. */
    public static final Map<String, Map<String, String>> BY_NAME = Map.of(
            "motivoSospensione", MOTIVO_SOSPENSIONE,
            "causaInterruzioneAnticipata", CAUSA_INTERRUZIONE_ANTICIPATA,
            "motiviRisoluzione", MOTIVI_RISOLUZIONE,
            "oneriEconomiciRisoluzioneRecesso", ONERI_ECONOMICI_RISOLUZIONE_RECESSO,
            "motiviModifica", MOTIVI_MODIFICA,
            "motivoRevisionePrezzi", MOTIVO_REVISIONE_PREZZI);

    private CodeLists() {
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
