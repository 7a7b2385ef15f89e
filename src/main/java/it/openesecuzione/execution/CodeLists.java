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

    public static final Map<String, String> RUOLO_OE = ordered(
            "1", "Mandatario in RTI",
            "2", "Mandante in RTI",
            "3", "Operatore Economico monosoggettivo",
            "4", "Impresa Ausiliaria",
            "5", "Mandatario di GEIE",
            "6", "Consorzio ordinario",
            "7", "Consorzio stabile",
            "8", "Consorzio fra società cooperative di produzione e lavoro",
            "9", "Consorzio tra imprese artigiane",
            "10", "Mandante",
            "11", "Consorziato esecutore di un consorzio o consorziato non esecutore che fornisce requisiti al consorzio",
            "12", "Mandante di GEIE",
            "13", "Mandatario",
            "14", "Operatore Economico",
            "15", "Impresa cooptata",
            "16", "Subappaltatore qualificante in offerta",
            "17", "Progettista incaricato");

    public static final Map<String, String> TIPO_OE = ordered(
            "1", "imprenditori individuali, anche artigiani, e le società, anche cooperative; professionisti singoli, società di professionisti, società di ingegneria",
            "2", "consorzi fra società cooperative di produzione e lavoro; consorzi tra imprese artigiane;",
            "3", "consorzi stabili, costituiti anche in forma di società consortili",
            "4", "i raggruppamenti temporanei di concorrenti, costituiti o costituendi; professionisti associati",
            "5", "consorzi ordinari di concorrenti",
            "6", "aggregazioni tra le imprese aderenti al contratto di rete",
            "7", "GEIE");

    public static final Map<String, String> CATEGORIA = ordered(
            "999", "OO.CC. - Categoria non definita",
            "AA", "ALTRO (Stazioni appaltanti con sistema di qualificazione proprio)",
            "FB", "FORNITURA DI BENI",
            "FS", "FORNITURA DI SERVIZI",
            "OG 1", "OG 1 - EDIFICI CIVILI E INDUSTRIALI ",
            "OG 10", "OG 10 - IMPIANTI PER LA TRASFORMAZIONE ALTA/MEDIA TENSIONE E PER LA DISTRIBUZIONE DI ENERGIA ELETTRICA IN CORRENTE ALTERNATA E CONTINUA ED IMPIANTI DI PUBBLICA ILLUMINAZIONE",
            "OG 11", "OG 11 - IMPIANTI TECNOLOGICI",
            "OG 12", "OG 12 - OPERE ED IMPIANTI DI BONIFICA E PROTEZIONE AMBIENTALE",
            "OG 13", "OG 13 - OPERE DI INGEGNERIA NATURALISTICA",
            "OG 2", "OG 2 - RESTAURO E MANUTENZIONE DEI BENI IMMOBILI SOTTOPOSTI A TUTELA",
            "OG 3", "OG 3 - STRADE, AUTOSTRADE, PONTI, VIADOTTI, FERROVIE, METROPOLITANE",
            "OG 4", "OG 4 - OPERE D’ARTE NEL SOTTOSUOLO",
            "OG 5", "OG 5 - DIGHE",
            "OG 6", "OG 6 - ACQUEDOTTI, GASDOTTI , OLEODOTTI, OPERE DI IRRIGAZIONE E DI EVACUAZIONE",
            "OG 7", "OG 7 - OPERE MARITTIME E LAVORI DI DRAGAGGIO",
            "OG 8", "OG 8 - OPERE FLUVIALI, DI DIFESA, DI SISTEMAZIONE IDRAULICA E DI BONIFICA",
            "OG 9", "OG 9 - IMPIANTI PER LA PRODUZIONE DI ENERGIA ELETTRICA",
            "OS 1", "OS 1 - LAVORI IN TERRA ",
            "OS 10", "OS 10 - SEGNALETICA STRADALE NON LUMINOSA",
            "OS 11", "OS 11 - APPARECCHIATURE STRUTTURALI SPECIALI",
            "OS 12-A", "OS 12-A - BARRIERE STRADALI DI SICUREZZA",
            "OS 12-B", "OS 12-B - BARRIERE PARAMASSI, FERMANEVE E SIMILI",
            "OS 13", "OS 13 - STRUTTURE PREFABBRICATE IN CEMENTO ARMATO",
            "OS 14", "OS 14 - IMPIANTI DI SMALTIMENTO E RECUPERO RIFIUTI",
            "OS 15", "OS 15 - PULIZIA DI ACQUE MARINE, LACUSTRI, FLUVIALI",
            "OS 16", "OS 16 - IMPIANTI PER CENTRALI PRODUZIONE ENERGIA ELETTRICA",
            "OS 17", "OS 17 - LINEE TELEFONICHE ED IMPIANTI DI TELEFONIA",
            "OS 18-A", "OS 18-A - COMPONENTI STRUTTURALI IN ACCIAIO",
            "OS 18-B", "OS 18-B - COMPONENTI PER FACCIATE CONTINUE",
            "OS 19", "OS 19 - IMPIANTI DI RETI DI TELECOMUNICAZIONE E DI TRASMISSIONI E TRATTAMENTO",
            "OS 20-A", "OS 20-A - RILEVAMENTI TOPOGRAFICI",
            "OS 20-B", "OS 20-B - INDAGINI GEOGNOSTICHE",
            "OS 21", "OS 21 - OPERE STRUTTURALI SPECIALI",
            "OS 22", "OS 22 - IMPIANTI DI POTABILIZZAZIONE E DEPURAZIONE",
            "OS 23", "OS 23 - DEMOLIZIONE DI OPERE",
            "OS 24", "OS 24 - VERDE E ARREDO URBANO",
            "OS 25", "OS 25 - SCAVI ARCHEOLOGICI",
            "OS 26", "OS 26 - PAVIMENTAZIONI E SOVRASTRUTTURE SPECIALI",
            "OS 27", "OS 27 - IMPIANTI PER LA TRAZIONE ELETTRICA",
            "OS 28", "OS 28 - IMPIANTI TERMICI E DI CONDIZIONAMENTO",
            "OS 29", "OS 29 - ARMAMENTO FERROVIARIO",
            "OS 2-A", "OS 2-A - SUPERFICI DECORATE DI BENI IMMOBILI DEL PATRIMONIO CULTURALE E BENI CULTURALI MOBILI DI INTERESSE STORICO, ARTISTICO, ARCHEOLOGICO ED ETNOANTROPOLOGICO",
            "OS 2-B", "OS 2-B - BENI CULTURALI MOBILI DI INTERESSE ARCHIVISTICO E LIBRARIO",
            "OS 3", "OS 3 - IMPIANTI IDRICO-SANITARIO, CUCINE, LAVANDERIE",
            "OS 30", "OS 30 - IMPIANTI INTERNI ELETTRICI, TELEFONICI, RADIOTELEFONICI E TELEVISIVI",
            "OS 31", "OS 31 - IMPIANTI PER LA MOBILITÀ SOSPESA",
            "OS 32", "OS 32 - STRUTTURE IN LEGNO",
            "OS 33", "OS 33 - COPERTURE SPECIALI",
            "OS 34", "OS 34 - SISTEMI ANTIRUMORE PER INFRASTRUTTURE DI MOBILITÀ",
            "OS 35", "OS 35 - INTERVENTI A BASSO IMPATTO AMBIENTALE",
            "OS 4", "OS 4 - IMPIANTI ELETTROMECCANICI TRASPORTATORI",
            "OS 5", "OS 5 - IMPIANTI PNEUMATICI E ANTINTRUSIONE",
            "OS 6", "OS 6 - FINITURE DI OPERE GENERALI IN MATERIALI LIGNEI, PLASTICI, METALLICI E VETROSI",
            "OS 7", "OS 7 - FINITURE DI OPERE GENERALI DI NATURA EDILE E TECNICA",
            "OS 8", "OS 8 - OPERE DI IMPERMEABILIZZAZIONE",
            "OS 9", "OS 9 - IMPIANTI PER LA SEGNALETICA LUMINOSA E LA SICUREZZA DEL TRAFFICO");

    public static final Map<String, String> MOTIVO_MANCATO_SUBAPPALTO = ordered(
            "1", "Mancata approvazione",
            "2", "Revoca della richiesta di subappalto");

    public static final Map<String, String> MOTIVO_MANCATA_ESECUZIONE_SUBAPPALTO = ordered(
            "1", "Revoca autorizzazione",
            "2", "Annullamento in autotutela");

    public static final Map<String, String> MOTIVO_VARIAZIONE = ordered(
            "1", "ATI con più di due partecipanti",
            "2", "Cessione di azienda, trasformazione, fusione e scissione",
            "3", "Trasferimento e affitto di azienda",
            "4", "Errore materiale",
            "5", "Costituzione/variazione società di scopo");

    public static final Map<String, String> TIPOLOGIA_AVVALIMENTO = ordered(
            "1", "Requisito",
            "2", "Miglioramento offerta");

    public static final Map<String, String> MODALITA_PAGAMENTO = ordered(
            "1", "Somme in denaro",
            "2", "Trasferimento in proprietà  di  beni immobili",
            "3", "Somme in denaro e trasferimento in proprietà di beni immobili");

    public static final Map<String, String> AVANZAMENTO = ordered(
            "9", "Puntuale",
            "10", "Anticipo",
            "11", "Ritardo");

    public static final Map<String, String> TIPO_COMUNICAZIONE = ordered(
            "R", "ritardo",
            "S", "sospensione");

    public static final Map<String, String> MODO_COLLAUDO = ordered(
            "1", "Collaudo finale",
            "2", "Collaudo in corso d’opera");

    /**
     * ruoloOE codes ANAC closed (dataFine 2025-07-31, exclusive), replaced by 13-16: PCP refuses
     * them in a scheda sent from that day on.
     */
    public static final java.util.Set<String> RUOLO_OE_ENDED = java.util.Set.of("1", "2", "3", "6", "7", "8", "9");

    /** The first day the closed ruoloOE codes are no longer valid. */
    public static final java.time.LocalDate RUOLO_OE_ENDED_ON = java.time.LocalDate.of(2025, 7, 31);

    /** By ANAC's name of the tipologica. */
    public static final Map<String, Map<String, String>> BY_NAME = Map.ofEntries(
            Map.entry("motivoSospensione", MOTIVO_SOSPENSIONE),
            Map.entry("causaInterruzioneAnticipata", CAUSA_INTERRUZIONE_ANTICIPATA),
            Map.entry("motiviRisoluzione", MOTIVI_RISOLUZIONE),
            Map.entry("oneriEconomiciRisoluzioneRecesso", ONERI_ECONOMICI_RISOLUZIONE_RECESSO),
            Map.entry("motiviModifica", MOTIVI_MODIFICA),
            Map.entry("motivoRevisionePrezzi", MOTIVO_REVISIONE_PREZZI),
            Map.entry("ruoloOE", RUOLO_OE),
            Map.entry("tipoOE", TIPO_OE),
            Map.entry("categoria", CATEGORIA),
            Map.entry("motivoMancatoSubappalto", MOTIVO_MANCATO_SUBAPPALTO),
            Map.entry("motivoMancataEsecuzioneSubappalto", MOTIVO_MANCATA_ESECUZIONE_SUBAPPALTO),
            Map.entry("motivoVariazione", MOTIVO_VARIAZIONE),
            Map.entry("tipologiaAvvalimento", TIPOLOGIA_AVVALIMENTO),
            Map.entry("modalitaPagamento", MODALITA_PAGAMENTO),
            Map.entry("avanzamento", AVANZAMENTO),
            Map.entry("tipoComunicazione", TIPO_COMUNICAZIONE),
            Map.entry("modoCollaudo", MODO_COLLAUDO));

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
