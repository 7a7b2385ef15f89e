package it.openesecuzione.execution.web;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.Lot;
import it.openesecuzione.contracts.Procedura;
import it.openesecuzione.execution.CodeLists;
import it.openesecuzione.execution.EventRequest;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.ExecutionTimeline;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.execution.Subcontract;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page forms of the execution events, one per scheda: each field is an anacForm path with
 * its Italian label and explanation. The same path names the field in ANAC's model, in the API
 * and in the errors, so a rejected field is shown beside its input. An anacForm array (the
 * modalitaDefinizione of CL1) is a repeated section: its rows are named {@code path[i].field},
 * as the builders name them in their errors. The fields of the event request that are not in the
 * anacForm (riferimento, dataEvento, espd: see EventRequest) are inputs like the others, under the
 * names the API and the errors give them.
 */
final class EventForms {

    /**
     * CHOICE: a closed list sent as the plain value (not an ANAC tipologica), e.g. esito, CIG.
     * LIST: codes typed in one box, separated by commas (an anacForm array of plain values, the
     * CPVs of RSU1). FILE: an uploaded file (the ESPD of RSU1), sent Base64.
     */
    enum Kind { DATE, BOOLEAN, AMOUNT, INTEGER, TEXT, UUID, CODE, CHOICE, LIST, FILE }

    /** One input; {@code codeList} and {@code options} for coded values (ANAC's tipologiche). */
    record Field(String path, String label, String help, Kind kind, boolean required, String codeList,
            Map<String, String> options) {

        static Field of(String path, String label, String help, Kind kind, boolean required) {
            return new Field(path, label, help, kind, required, null, Map.of());
        }

        static Field code(String path, String label, String help, boolean required, String codeList, Map<String, String> options) {
            return new Field(path, label, help, Kind.CODE, required, codeList, options);
        }

        static Field choice(String path, String label, String help, boolean required, Map<String, String> options) {
            return new Field(path, label, help, Kind.CHOICE, required, null, options);
        }

        /** The HTML id and name: the path with dots, which Spring does not interpret here. */
        public String name() {
            return path;
        }

        /** Whether the input is a list to choose from rather than a text box. */
        public boolean select() {
            return kind == Kind.BOOLEAN || kind == Kind.CODE || kind == Kind.CHOICE;
        }

        /** The field of row {@code row} of the array {@code array}: {@code array[row].path}. */
        public Field at(String array, int row) {
            return new Field(array + "[" + row + "]." + path, label, help, kind, required, codeList, options);
        }
    }

    /**
     * Fields under a legend. A repeated section stands for an anacForm array: {@code array} is its
     * path, its fields' paths are relative to one element, {@code item} names one row.
     */
    record Section(String legend, String help, String array, String item, List<Field> fields) {

        static Section of(String legend, String help, Field... fields) {
            return new Section(legend, help, null, null, List.of(fields));
        }

        static Section repeated(String array, String legend, String item, String help, Field... fields) {
            return new Section(legend, help, array, item, List.of(fields));
        }

        public boolean repeated() {
            return array != null;
        }
    }

    record Form(SchedaCode code, String title, String intro, List<Section> sections) {

        /** A form of a few fields, without legends. */
        static Form of(SchedaCode code, String title, String intro, List<Field> fields) {
            return new Form(code, title, intro, fields.isEmpty() ? List.of() : List.of(new Section(null, null, null, null, fields)));
        }

        /** The inputs shown: every field, the repeated ones once per row ({@code rows}: array path → rows). */
        List<Field> fields(Map<String, Integer> rows) {
            List<Field> all = new ArrayList<>();
            for (Section section : sections) {
                if (!section.repeated()) {
                    all.addAll(section.fields());
                    continue;
                }
                for (int row = 0; row < rows.getOrDefault(section.array(), 1); row++) {
                    for (Field field : section.fields()) {
                        all.add(field.at(section.array(), row));
                    }
                }
            }
            return all;
        }
    }


    /** CO2 is for direct awards under 5,000 euro (Co2Scheda.LIMIT): other contracts are not offered its form. */
    private static final BigDecimal DIRECT_AWARD_LIMIT = new BigDecimal("5000");
    // Art. 125 c. 1 (as Sa1Scheda), art. 210 (as Ac1Scheda): shown to the user, checked by the builders.
    private static final BigDecimal ADVANCE = new BigDecimal("20");
    private static final BigDecimal MAX_ADVANCE = new BigDecimal("30");
    private static final int ADVANCE_DAYS = 15;
    private static final BigDecimal SETTLEMENT_FROM = new BigDecimal("5");
    private static final BigDecimal SETTLEMENT_TO = new BigDecimal("15");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    /** Art. 119 c. 16, as Subcontract: under 2% of the contract the term is halved. */
    private static final BigDecimal SMALL_SUBCONTRACT_SHARE = new BigDecimal("2");

    static final Map<SchedaCode, Form> FORMS = Map.ofEntries(
            Map.entry(SchedaCode.SC1, Form.of(SchedaCode.SC1, "Stipula del contratto",
                    "La piattaforma ricava dal contratto il codice AUSA dell'ente e i CIG dei lotti.", List.of(
                    Field.of("datiContratto.dataStipula", "Data di stipula", "Giorno della sottoscrizione del contratto.", Kind.DATE, true),
                    Field.of("datiContratto.dataEsecutivita", "Data di esecutività", "Solo se il contratto diventa esecutivo in un giorno diverso.", Kind.DATE, false),
                    Field.of("datiContratto.dataDecorrenza", "Data di decorrenza", "Da quando decorrono gli effetti del contratto.", Kind.DATE, true),
                    Field.of("datiContratto.dataScadenza", "Data di scadenza", "Scadenza contrattuale: deve seguire la stipula (regola ANAC REG77).", Kind.DATE, true),
                    Field.of("datiContratto.importoCauzione", "Cauzione definitiva (€)", "Importo della garanzia definitiva prestata dall'appaltatore.", Kind.AMOUNT, true),
                    Field.of("datiContratto.idPartecipante", "Identificativo ANAC dell'aggiudicatario", "idPartecipante assegnato dalla Piattaforma Contratti Pubblici nella fase di aggiudicazione (UUID).", Kind.UUID, true)))),
            Map.entry(SchedaCode.I1, Form.of(SchedaCode.I1, "Consegna dei lavori / avvio dell'esecuzione",
                    "Il termine contrattuale decorre dalla consegna; la consegna va fatta entro 45 giorni dalla stipula.", List.of(
                    Field.of("datiInizio.consegnaFrazionata", "Consegna frazionata", "La consegna avviene per parti (regola ANAC REG58: serve la data della prima consegna).", Kind.BOOLEAN, false),
                    Field.of("datiInizio.dataVerbalePrimaConsegna", "Verbale di prima consegna", "Per la consegna frazionata.", Kind.DATE, false),
                    Field.of("datiInizio.dataVerbaleConsegnaDefinitiva", "Verbale di consegna definitiva", "Obbligatoria se la consegna non è frazionata (REG60).", Kind.DATE, false),
                    Field.of("datiInizio.avvioPerFasi", "Avvio per fasi", "L'esecuzione inizia per fasi (REG59: serve la data di avvio della prima fase).", Kind.BOOLEAN, false),
                    Field.of("datiInizio.dataAvvioPrimaFase", "Avvio della prima fase", null, Kind.DATE, false),
                    Field.of("datiInizio.consegnaSottoRiserva", "Consegna sotto riserva di legge", "Consegna in via d'urgenza, prima della stipula.", Kind.BOOLEAN, true),
                    Field.of("datiInizio.dataEffettivoInizio", "Data di effettivo inizio", "Consegna completa o avvio di tutte le prestazioni.", Kind.DATE, true),
                    Field.of("datiInizio.dataFinePrevista", "Data di fine prevista", "Se vuota la piattaforma la calcola dalla durata contrattuale.", Kind.DATE, false),
                    Field.of("datiInizio.dataDisposizioneInizio", "Disposizione di inizio della progettazione esecutiva", "Solo per gli appalti integrati.", Kind.DATE, false),
                    Field.of("datiInizio.dataApprovazione", "Approvazione del progetto esecutivo", "Non può precedere la disposizione di inizio (REG57).", Kind.DATE, false)))),
            Map.entry(SchedaCode.SO1, Form.of(SchedaCode.SO1, "Sospensione",
                    "Art. 121: il verbale di sospensione va trasmesso al RUP entro 5 giorni. I giorni di sospensione prorogano il termine.", List.of(
                    Field.of("sospensione.dataVerbaleSospensione", "Data del verbale di sospensione", null, Kind.DATE, true),
                    Field.of("sospensione.sospensioneParziale", "Sospensione parziale", "Solo una parte delle lavorazioni si ferma: alla ripresa si indica l'incidenza sul cronoprogramma.", Kind.BOOLEAN, true),
                    Field.code("sospensione.motivoSospensione", "Motivo", "Tabella ANAC motivoSospensione.", true, "motivoSospensione", CodeLists.MOTIVO_SOSPENSIONE)))),
            Map.entry(SchedaCode.RI1, Form.of(SchedaCode.RI1, "Ripresa dell'esecuzione",
                    "Il termine si sposta dei giorni di sospensione; la piattaforma calcola se le sospensioni hanno superato un quarto della durata o sei mesi.", List.of(
                    Field.of("sospensione.dataVerbaleRipresa", "Data del verbale di ripresa", null, Kind.DATE, true),
                    Field.of("sospensione.incidenzaCronoprogramma", "Incidenza sul cronoprogramma (%)", "Solo per le sospensioni parziali: quota dei lavori sospesa.", Kind.AMOUNT, false),
                    Field.of("sospensione.riserve", "Riserve dell'appaltatore", "L'appaltatore ha iscritto riserve nel verbale.", Kind.BOOLEAN, true),
                    Field.of("sospensione.verbaleNonSottoscritto", "Verbale non sottoscritto", "L'appaltatore non ha firmato il verbale di ripresa.", Kind.BOOLEAN, true)))),
            Map.entry(SchedaCode.SQ1, Form.of(SchedaCode.SQ1, "Sospensione oltre un quarto del tempo o sei mesi",
                    "La piattaforma calcola il giorno del superamento: non servono altri dati.", List.of())),
            Map.entry(SchedaCode.CO1, Form.of(SchedaCode.CO1, "Conclusione del contratto",
                    "Ultimazione delle prestazioni, oppure interruzione anticipata (risoluzione art. 122, recesso art. 123, …).", List.of(
                    Field.of("conclusione.dataUltimazione", "Data di ultimazione", "Certificato di ultimazione. Oppure indicare l'interruzione anticipata (REG81).", Kind.DATE, false),
                    Field.of("conclusione.dataInterruzioneAnticipata", "Data di interruzione anticipata", null, Kind.DATE, false),
                    Field.code("conclusione.causaInterruzioneAnticipata", "Causa dell'interruzione anticipata", null, false, "causaInterruzioneAnticipata", CodeLists.CAUSA_INTERRUZIONE_ANTICIPATA),
                    Field.code("conclusione.motiviRisoluzione", "Motivo della risoluzione", "Obbligatorio per la risoluzione contrattuale (REG75).", false, "motiviRisoluzione", CodeLists.MOTIVI_RISOLUZIONE),
                    Field.code("conclusione.oneriEconomiciRisoluzioneRecesso", "Oneri economici", "Obbligatori per risoluzione e recessi (REG76).", false, "oneriEconomiciRisoluzioneRecesso", CodeLists.ONERI_ECONOMICI_RISOLUZIONE_RECESSO),
                    Field.of("conclusione.importo", "Importo degli oneri (€)", null, Kind.AMOUNT, false),
                    Field.of("conclusione.incamerataPolizza", "Polizza incamerata", "Obbligatorio in caso di interruzione anticipata (REG83).", Kind.BOOLEAN, false),
                    Field.of("conclusione.numeroInfortuni", "Numero di infortuni", null, Kind.INTEGER, false),
                    Field.of("conclusione.diCuiPostumiPermanenti", "di cui con postumi permanenti", null, Kind.INTEGER, false),
                    Field.of("conclusione.diCuiMortali", "di cui mortali", null, Kind.INTEGER, false)))),
            Map.entry(SchedaCode.SA1, progressForm()),
            Map.entry(SchedaCode.AC1, settlementForm()),
            Map.entry(SchedaCode.IR1, withdrawalForm()));

    private static final String SAL = "avanzamento.";

    /** SA1: see Sa1Scheda for the rules. */
    private static Form progressForm() {
        return new Form(SchedaCode.SA1, "Stato di avanzamento (SAL)",
                "Lo stato di avanzamento (SAL) riassume le prestazioni eseguite dall'inizio del contratto e ne consente il pagamento: "
                        + "per i lavori il direttore dei lavori lo adotta e il RUP emette il certificato di pagamento entro 7 giorni "
                        + "(art. 125). Con la stessa scheda si comunicano l'anticipazione, l'avanzamento rispetto al cronoprogramma "
                        + "e le proroghe del termine.", List.of(
                Section.of("Stato di avanzamento", null,
                        Field.of(SAL + "denominazioneAvanzamento", "Denominazione del SAL",
                                "Il nome con cui il SAL è indicato negli atti, ad esempio «SAL n. 2 al 30/06/2026».", Kind.TEXT, true),
                        Field.of(SAL + "dataAvanzamento", "Data dello stato di avanzamento",
                                "Giorno in cui il SAL è adottato. Non può precedere la consegna (scheda I1) né un SAL già registrato.",
                                Kind.DATE, true),
                        Field.of(SAL + "impSal", "Importo progressivo del SAL (€)",
                                "Importo cumulato di tutte le prestazioni eseguite dall'inizio fino a questo SAL, non solo dell'ultimo "
                                        + "periodo: non può essere inferiore a quello del SAL precedente. Per comunicare solo "
                                        + "l'anticipazione indicare l'importo dell'ultimo SAL (0 se non ce ne sono).", Kind.AMOUNT, true),
                        Field.code(SAL + "modalitaPagamento", "Modalità di pagamento",
                                "Come è pagato il corrispettivo: in denaro o, se previsto dai documenti di gara, anche con il "
                                        + "trasferimento all'appaltatore della proprietà di beni immobili.", true, "modalitaPagamento",
                                CodeLists.MODALITA_PAGAMENTO)),
                Section.of("Certificato o mandato di pagamento",
                        "Per i lavori il certificato di pagamento emesso dal RUP; per servizi e forniture il mandato di pagamento.",
                        Field.of(SAL + "dataCertificatoMandatoPagamento", "Data del certificato o del mandato",
                                "Non può precedere il SAL; il certificato di pagamento va emesso entro 7 giorni dal SAL (art. 125). "
                                        + "Obbligatoria se si indica l'importo.", Kind.DATE, false),
                        Field.of(SAL + "impCertificatoMandatoPagamento", "Importo del certificato o del mandato (€)",
                                "Quanto si paga con questo SAL: di norma l'incremento rispetto al SAL precedente, al netto delle "
                                        + "ritenute e del recupero dell'anticipazione.", Kind.AMOUNT, false)),
                Section.of("Anticipazione",
                        "Art. 125 c. 1: all'appaltatore spetta un'anticipazione del 20% del valore del contratto (fino al 30% se "
                                + "previsto dai documenti di gara), garantita da fideiussione e corrisposta entro 15 giorni "
                                + "dall'effettivo inizio della prestazione; è poi recuperata sui pagamenti. Indicarla solo nel SAL "
                                + "con cui è stata pagata: oltre il 30% la piattaforma la rifiuta.",
                        Field.of(SAL + "impAnticipazione", "Importo dell'anticipazione (€)",
                                "Lasciare vuoto se con questo SAL non si paga l'anticipazione.", Kind.AMOUNT, false),
                        Field.of(SAL + "dataCertificatoAnticipazione", "Data del certificato di pagamento dell'anticipazione",
                                "Obbligatoria se si indica l'anticipazione (regola ANAC REG64), da lasciare vuota altrimenti (REG72). "
                                        + "Non può precedere l'effettivo inizio della prestazione.", Kind.DATE, false)),
                Section.of("Tempi di esecuzione", null,
                        Field.code(SAL + "avanzamento", "Avanzamento rispetto al cronoprogramma",
                                "Se alla data del SAL le prestazioni sono in linea con il cronoprogramma, in anticipo o in ritardo.",
                                true, "avanzamento", CodeLists.AVANZAMENTO),
                        Field.of(SAL + "numGiorniScostamento", "Scostamento dal cronoprogramma (giorni)",
                                "Giorni di anticipo o di ritardo: obbligatorio in caso di ritardo, da lasciare vuoto (o 0) se "
                                        + "l'avanzamento è puntuale.", Kind.INTEGER, false),
                        Field.of(SAL + "numGiorniProroga", "Giorni di proroga concessi",
                                "Proroga del termine concessa all'appaltatore che non può ultimare in tempo per cause a lui non "
                                        + "imputabili (art. 121), non dovuta a modifiche del contratto: sposta il termine di "
                                        + "esecuzione di altrettanti giorni.", Kind.INTEGER, false))));
    }

    /** AC1: see Ac1Scheda. */
    private static Form settlementForm() {
        return Form.of(SchedaCode.AC1, "Accordo bonario",
                "Artt. 210 (lavori) e 211 (servizi e forniture): se le riserve iscritte dall'appaltatore possono far variare l'importo "
                        + "del contratto tra il 5% e il 15%, il RUP avvia l'accordo bonario per definirle senza ricorrere al giudice. "
                        + "L'accordo sottoscritto dalle parti ha natura di transazione.", List.of(
                Field.of("accordoBonario.dataAccordo", "Data dell'accordo bonario",
                        "Giorno in cui le parti hanno sottoscritto l'accordo; non può precedere la stipula del contratto.", Kind.DATE, true),
                Field.of("accordoBonario.oneriDerivanti", "Oneri derivanti dall'accordo (€)",
                        "Somma riconosciuta all'appaltatore con l'accordo. ANAC la richiede sempre (regola REG74): indicare 0 se "
                                + "l'accordo non comporta oneri.", Kind.AMOUNT, true),
                Field.of("accordoBonario.numeroRiserve", "Numero di riserve definite",
                        "Quante riserve iscritte dall'appaltatore sono state definite (transatte) con l'accordo.", Kind.INTEGER, false)));
    }

    private static final String IR = "ritardo.";

    /** IR1: see Ir1Scheda. */
    private static Form withdrawalForm() {
        return new Form(SchedaCode.IR1, "Istanza di recesso dell'appaltatore",
                "L'appaltatore può chiedere di recedere dal contratto se la consegna dei lavori non avviene nel termine per fatto "
                        + "della stazione appaltante (allegato II.14), o se la sospensione supera un quarto della durata complessiva "
                        + "o sei mesi (art. 121 c. 4). La scheda comunica l'istanza e la decisione della stazione appaltante.", List.of(
                Section.of("Istanza", null,
                        Field.code(IR + "tipoComunicazione", "Motivo dell'istanza",
                                "R: ritardo nella consegna dei lavori; S: sospensione oltre i limiti di legge.", true,
                                "tipoComunicazione", CodeLists.TIPO_COMUNICAZIONE),
                        Field.of(IR + "dataIstanzaRecesso", "Data di presentazione dell'istanza",
                                "Giorno in cui l'appaltatore ha presentato l'istanza di recesso; non può precedere la stipula.",
                                Kind.DATE, true),
                        Field.of(IR + "dataTermine", "Termine previsto per la consegna",
                                "Il giorno entro cui la consegna dei lavori doveva avvenire secondo il contratto. ANAC lo chiede "
                                        + "per entrambi i motivi.", Kind.DATE, true),
                        Field.of(IR + "durataSospensione", "Durata della sospensione (giorni)",
                                "Obbligatoria se l'istanza è dovuta alla sospensione (S).", Kind.INTEGER, false),
                        Field.of(IR + "motivoSospensione", "Motivazione del ritardo o della sospensione",
                                "Testo libero: le ragioni del ritardo nella consegna o della sospensione.", Kind.TEXT, false)),
                Section.of("Decisione della stazione appaltante", null,
                        Field.of(IR + "istanzaAccolta", "Istanza accolta",
                                "Se l'istanza è accolta il contratto si scioglie: registrare poi la conclusione (scheda CO1, causa "
                                        + "«Recesso dell'appaltatore»).", Kind.BOOLEAN, true),
                        Field.of(IR + "istanzaTardiva", "Consegna tardiva",
                                "Solo per il ritardo (R): pur non accogliendo l'istanza, la stazione appaltante ha proceduto alla "
                                        + "consegna in ritardo. Per la sospensione indicare No.", Kind.BOOLEAN, true),
                        Field.of(IR + "istanzaRipresa", "Ripresa dei lavori",
                                "Solo per la sospensione (S): i lavori sono stati ripresi. Per il ritardo nella consegna indicare No.",
                                Kind.BOOLEAN, true),
                        Field.of(IR + "istanzaRiserva", "Riserve dell'appaltatore",
                                "L'appaltatore ha formulato riserve (ad esempio nel verbale di consegna) per i maggiori oneri subiti.",
                                Kind.BOOLEAN, true),
                        Field.of(IR + "impSpese", "Rimborso delle spese (€)",
                                "Spese contrattuali e spese sostenute e documentate rimborsate all'appaltatore se l'istanza è "
                                        + "accolta. ANAC lo richiede sempre: indicare 0 se non c'è rimborso.", Kind.AMOUNT, true),
                        Field.of(IR + "impOneri", "Compenso per i maggiori oneri (€)",
                                "Eventuale compenso riconosciuto all'appaltatore per gli oneri dovuti al ritardo o alla sospensione.",
                                Kind.AMOUNT, false))));
    }

    private static final String CL = "collaudo.";
    private static final Map<String, String> ESITO = ordered("POSITIVO", "Positivo", "NEGATIVO", "Negativo");

    /** CL1: see Cl1Scheda; the final economic framework is the one of a concession or of a contract. */
    private static Form acceptanceForm(boolean concessione) {
        return new Form(SchedaCode.CL1, "Collaudo o certificato di regolare esecuzione",
                "Art. 116: il collaudo (lavori) o la verifica di conformità (servizi e forniture) accerta che la prestazione è stata "
                        + "eseguita a regola d'arte e secondo il contratto; segue l'ultimazione (scheda CO1) e si conclude entro sei "
                        + "mesi, un anno per le opere particolarmente complesse. Compilare il certificato di regolare esecuzione "
                        + "oppure il collaudo, non entrambi.", List.of(
                Section.of("Certificato di regolare esecuzione",
                        "Per i lavori fino a 1 milione di euro e per servizi e forniture sotto la soglia europea la stazione "
                                + "appaltante può sostituire il collaudo o la verifica di conformità con il certificato di regolare "
                                + "esecuzione, emesso dal direttore dei lavori o dell'esecuzione e confermato dal RUP.",
                        Field.of(CL + "dataCertificato", "Data del certificato di regolare esecuzione",
                                "Da lasciare vuota in caso di collaudo (regola ANAC REG86); se non c'è collaudo è obbligatoria "
                                        + "(REG87). Non può precedere l'ultimazione.", Kind.DATE, false)),
                Section.of("Collaudo tecnico-amministrativo o verifica di conformità", null,
                        Field.code(CL + "modoCollaudo", "Modalità del collaudo",
                                "Collaudo finale, dopo l'ultimazione, o in corso d'opera, durante l'esecuzione (il solo ammesso prima "
                                        + "della conclusione). Se indicata servono le date di nomina, di inizio delle operazioni e di "
                                        + "redazione del certificato (REG88, REG89, REG91).", false, "modoCollaudo",
                                CodeLists.MODO_COLLAUDO),
                        Field.of(CL + "dataNomina", "Nomina del collaudatore o della commissione",
                                "Data dell'atto con cui la stazione appaltante ha nominato il collaudatore o la commissione di collaudo.",
                                Kind.DATE, false),
                        Field.of(CL + "dataInizio", "Inizio delle operazioni di collaudo",
                                "Non può precedere la nomina (REG90).", Kind.DATE, false),
                        Field.of(CL + "dataRedazioneCertificato", "Redazione del certificato di collaudo o di verifica di conformità",
                                "Non può precedere l'inizio delle operazioni (REG92) né, per il collaudo finale, l'ultimazione.",
                                Kind.DATE, false),
                        Field.of(CL + "dataDeliberaAmmissibilita", "Delibera di ammissibilità del certificato",
                                "Solo se prevista: l'atto con cui la stazione appaltante si pronuncia sull'ammissibilità del "
                                        + "certificato di collaudo. Non può precedere la redazione del certificato (REG93).",
                                Kind.DATE, false)),
                Section.of("Esito", null,
                        Field.choice(CL + "esito", "Esito",
                                "Esito del collaudo, della verifica di conformità o del certificato di regolare esecuzione.", true, ESITO),
                        Field.of(CL + "dataCollaudo", "Data del collaudo statico",
                                "Solo se ricorre: il collaudo delle strutture (cemento armato, acciaio…) previsto dalle norme "
                                        + "tecniche per le costruzioni (d.P.R. 380/2001, art. 67).", Kind.DATE, false)),
                concessione ? concessionFramework() : standardFramework(),
                Section.of("Riserve", "Le riserve sono le contestazioni che l'appaltatore iscrive nei documenti contabili per "
                                + "chiedere maggiori compensi.",
                        Field.of(CL + "numeroTotaleRiserve", "Numero di riserve definite con accordo bonario",
                                "Numero totale delle riserve definite con accordo bonario (scheda AC1).", Kind.INTEGER, false),
                        Field.of(CL + "oneri", "Oneri complessivi derivanti (€)",
                                "Somma complessiva riconosciuta per le riserve: obbligatoria, e diversa da zero, se il numero di "
                                        + "riserve è maggiore di zero (REG94).", Kind.AMOUNT, false)),
                Section.repeated(CL + "modalitaDefinizione", "Modalità di definizione delle riserve", "Modalità di definizione",
                        "Facoltativo: una riga per ciascun modo in cui le riserve sono state o saranno definite (accordo bonario, "
                                + "transazione, arbitrato, giudizio…). Per eliminare una riga svuotarne i campi.",
                        Field.of("ulterioriRiserve", "Ulteriori riserve",
                                "Vi sono altre riserve, definite o da definire con una modalità diversa.", Kind.BOOLEAN, false),
                        Field.of("numeroRiserveDefinite", "Riserve definite", null, Kind.INTEGER, false),
                        Field.of("numeroRiserveDaDefinire", "Riserve ancora da definire", null, Kind.INTEGER, false),
                        Field.of("impTotaleRichiesto", "Importo totale richiesto (€)",
                                "Quanto l'appaltatore ha chiesto con queste riserve.", Kind.AMOUNT, false),
                        Field.of("impTotaleDefinizione", "Importo totale della definizione (€)",
                                "Quanto gli è stato eventualmente riconosciuto.", Kind.AMOUNT, false))));
    }

    private static final String QS = CL + "quadroEconomicoStandard.";
    private static final String QC = CL + "quadroEconomicoConcessioni.";

    private static Section standardFramework() {
        return Section.of("Quadro economico finale",
                "Facoltativo: gli importi a consuntivo del contratto come risultano dal collaudo o dal certificato. Se si compila "
                        + "il quadro, le somme a disposizione sono obbligatorie.",
                Field.of(QS + "impLavori", "Lavori (€)", null, Kind.AMOUNT, false),
                Field.of(QS + "impServizi", "Servizi (€)", null, Kind.AMOUNT, false),
                Field.of(QS + "impForniture", "Forniture (€)", null, Kind.AMOUNT, false),
                Field.of(QS + "impTotaleSicurezza", "Oneri per la sicurezza (€)",
                        "Costi per l'attuazione dei piani di sicurezza, non soggetti a ribasso.", Kind.AMOUNT, false),
                Field.of(QS + "ulterioriSommeNoRibasso", "Ulteriori somme non soggette a ribasso (€)", null, Kind.AMOUNT, false),
                Field.of(QS + "impProgettazione", "Progettazione (€)",
                        "Solo per l'appalto integrato (progettazione esecutiva ed esecuzione).", Kind.AMOUNT, false),
                Field.of(QS + "sommeOpzioniRinnovi", "Opzioni e rinnovi (€)", null, Kind.AMOUNT, false),
                Field.of(QS + "sommeRipetizioni", "Ripetizioni e consegne complementari (€)",
                        "Somme per la ripetizione di lavori, servizi o forniture analoghi e per le consegne complementari.",
                        Kind.AMOUNT, false),
                Field.of(QS + "sommeADisposizione", "Somme a disposizione: IVA, altre imposte e tasse (€)",
                        "Obbligatorie se si compila il quadro economico.", Kind.AMOUNT, false));
    }

    private static Section concessionFramework() {
        return Section.of("Quadro economico finale della concessione",
                "Facoltativo: gli importi a consuntivo della concessione come risultano dal collaudo o dal certificato.",
                Field.of(QC + "impLavori", "Lavori (€)", null, Kind.AMOUNT, false),
                Field.of(QC + "impServizi", "Servizi (€)", null, Kind.AMOUNT, false),
                Field.of(QC + "impForniture", "Forniture (€)", null, Kind.AMOUNT, false),
                Field.of(QC + "finanziamentiCanoniPA", "Finanziamenti o canoni della pubblica amministrazione (€)",
                        "Quanto l'amministrazione paga al concessionario.", Kind.AMOUNT, false),
                Field.of(QC + "entrateUtenza", "Entrate dall'utenza (€)",
                        "Ricavi della gestione pagati dagli utenti al concessionario.", Kind.AMOUNT, false),
                Field.of(QC + "introitoAttivo", "Introito attivo per l'amministrazione (€)",
                        "Quanto il concessionario versa all'amministrazione (ad esempio il canone di concessione).", Kind.AMOUNT, false),
                Field.of(QC + "impTotaleSicurezza", "Oneri per la sicurezza (€)",
                        "Costi per l'attuazione dei piani di sicurezza, non soggetti a ribasso.", Kind.AMOUNT, false),
                Field.of(QC + "ulterioriSommeNoRibasso", "Ulteriori somme non soggette a ribasso (€)", null, Kind.AMOUNT, false),
                Field.of(QC + "sommeOpzioniRinnovi", "Opzioni e rinnovi (€)", null, Kind.AMOUNT, false),
                Field.of(QC + "sommeADisposizione", "Somme a disposizione: IVA, altre imposte e tasse (€)", null, Kind.AMOUNT, false));
    }

    /** CO2: see Co2Scheda; the CIG is chosen among the contract's lots. */
    private static Form directConclusionForm(List<Lot> lots) {
        Map<String, String> cigs = lotOptions(lots);
        return Form.of(SchedaCode.CO2, "Conclusione dell'affidamento diretto sotto 5.000 euro",
                "Per gli affidamenti diretti di importo inferiore a 5.000 euro la scheda CO2 è l'unica dell'esecuzione: non si "
                        + "comunicano la stipula né gli altri eventi. Si identifica con il CIG e conclude il contratto.", List.of(
                Field.choice("cig", "CIG del lotto concluso", lots.size() == 1 ? "Il contratto ha un solo lotto: la piattaforma "
                        + "ne ricava il CIG." : "Il lotto a cui si riferisce la conclusione.", lots.size() > 1, cigs),
                Field.of("conclusione.dataInizio", "Data di inizio della prestazione",
                        "Giorno in cui l'operatore economico ha iniziato i lavori, il servizio o la fornitura.", Kind.DATE, true),
                Field.of("conclusione.dataUltimazione", "Data di ultimazione",
                        "Giorno in cui la prestazione è stata completata; non può precedere l'inizio.", Kind.DATE, true),
                Field.of("conclusione.importo", "Somme liquidate (€)",
                        "Importo complessivamente pagato all'operatore economico; se supera l'importo contrattuale la "
                                + "piattaforma lo segnala.", Kind.AMOUNT, true)));
    }

    private static final String M = "modificaContrattuale.";
    private static final String BASE = M + "datiBaseModificaContrattuale.";
    private static final String QE = M + "quadroEconomicoStandardRideterminato.";
    private static final String QEC = M + "quadroEconomicoConcessioniRideterminato.";

    /**
     * M1, M2, M1_40, M2_40: see ModificationScheda. The same request for the four: reason and
     * cause (which M1 and M1_40 carry in the eForm the platform writes), dates, the new framework
     * (a concession's one for M1_40 and M2_40, optional and without extra days).
     */
    private static Form modificationForm(SchedaCode code) {
        boolean concession = code == SchedaCode.M1_40 || code == SchedaCode.M2_40;
        boolean above = code == SchedaCode.M1 || code == SchedaCode.M1_40;
        String law = concession ? "Art. 189" : "Art. 120";
        String title = concession ? "Modifica della concessione" : "Modifica del contratto";
        String intro = law + ". " + (above
                ? (concession ? "Concessione" : "Contratto") + " di importo pari o superiore alla soglia europea: la modifica "
                        + "si pubblica anche nella Gazzetta ufficiale dell'Unione europea con un avviso di modifica (eForms, modello "
                        + (concession ? "40" : "38, o 39 nei settori speciali") + "). La piattaforma genera l'avviso dai dati "
                        + "del contratto e da quelli indicati qui e lo trasmette con la scheda " + code + " ad ANAC, che lo pubblica: "
                        + "il motivo e le cause della modifica vanno nell'avviso, non nella scheda. L'avviso richiede la sede dell'ente "
                        + "(città e codice NUTS), che registra l'amministratore della piattaforma (Amministrazione › Enti), l'idAppalto "
                        + "del contratto e l'idContratto che ANAC assegna confermando la stipula."
                : (concession ? "Concessione" : "Contratto") + " di importo inferiore alla soglia europea: la modifica si "
                        + "comunica ad ANAC con la scheda " + code + ", senza avviso europeo.")
                + (concession
                        ? " Il quadro economico della concessione è facoltativo: se lo si indica, la piattaforma confronta il nuovo "
                                + "valore (lavori, servizi, forniture e oneri per la sicurezza) con quello iniziale e con le modifiche "
                                + "precedenti (limite del 50% per modifica, 'de minimis' del 10%)."
                        : " Indicare il quadro economico rideterminato: la piattaforma confronta il nuovo valore con quello iniziale "
                                + "e con le modifiche precedenti (limite del 50% per modifica, 'de minimis', quinto d'obbligo).");
        String noticeNote = above ? " Va nell'avviso di modifica europeo (eForms) che la piattaforma genera, non nella scheda." : "";
        List<Section> sections = new ArrayList<>();
        sections.add(Section.of("Motivo della modifica", null,
                Field.code(BASE + "motiviModifica", "Motivo della modifica", "Tabella ANAC motiviModifica." + noticeNote, true,
                        "motiviModifica", CodeLists.MOTIVI_MODIFICA),
                Field.of(BASE + "causaModifica", "Cause della modifica",
                        "Obbligatorie; per circostanze imprevedibili regola ANAC REG62." + noticeNote, Kind.TEXT, true),
                Field.of(M + "urlDocumentazione", "Indirizzo della documentazione", "Obbligatorio per circostanze imprevedibili (REG61).",
                        Kind.TEXT, false),
                Field.code(M + "motivoRevisionePrezzi", "Motivo della revisione prezzi", "Obbligatorio per le revisioni dei prezzi (REG54).",
                        false, "motivoRevisionePrezzi", CodeLists.MOTIVO_REVISIONE_PREZZI),
                Field.of(M + "cigNuovaProcedura", "CIG della nuova procedura",
                        "Solo se per le prestazioni oggetto della modifica è stata avviata una nuova procedura.", Kind.TEXT, false)));
        sections.add(Section.of("Atti", null,
                Field.of(BASE + "dataSottoscrizione", "Sottoscrizione dell'atto aggiuntivo",
                        "Atto aggiuntivo o di sottomissione, se c'è." + (above ? " Nell'avviso europeo è la data di conclusione "
                                + "del contratto modificato." : ""), Kind.DATE, false),
                Field.of(M + "dataApprovazione", "Approvazione della modifica", null, Kind.DATE, false)));
        sections.add(concession ? Section.of("Quadro economico rideterminato della concessione",
                "Facoltativo. Il valore della concessione è la somma di lavori, servizi, forniture e oneri per la sicurezza. La "
                        + "concessione non ha giorni aggiuntivi: la durata resta quella della concessione.",
                Field.of(QEC + "impLavori", "Lavori (€)", null, Kind.AMOUNT, false),
                Field.of(QEC + "impServizi", "Servizi (€)", null, Kind.AMOUNT, false),
                Field.of(QEC + "impForniture", "Forniture (€)", null, Kind.AMOUNT, false),
                Field.of(QEC + "finanziamentiCanoniPA", "Finanziamenti o canoni della pubblica amministrazione (€)",
                        "Quanto l'amministrazione paga al concessionario.", Kind.AMOUNT, false),
                Field.of(QEC + "entrateUtenza", "Entrate dall'utenza (€)",
                        "Ricavi della gestione pagati dagli utenti al concessionario.", Kind.AMOUNT, false),
                Field.of(QEC + "introitoAttivo", "Introito attivo per l'amministrazione (€)",
                        "Quanto il concessionario versa all'amministrazione (ad esempio il canone di concessione).", Kind.AMOUNT, false),
                Field.of(QEC + "impTotaleSicurezza", "Oneri per la sicurezza (€)", "Non soggetti a ribasso.", Kind.AMOUNT, false),
                Field.of(QEC + "ulterioriSommeNoRibasso", "Ulteriori somme non soggette a ribasso (€)", null, Kind.AMOUNT, false),
                Field.of(QEC + "sommeOpzioniRinnovi", "Opzioni e rinnovi (€)", null, Kind.AMOUNT, false),
                Field.of(QEC + "sommeADisposizione", "Somme a disposizione: IVA, altre imposte e tasse (€)", null, Kind.AMOUNT, false))
                : Section.of("Quadro economico rideterminato", null,
                Field.of(QE + "impLavori", "Nuovo importo lavori (€)", "Al netto di IVA e oneri per la sicurezza.", Kind.AMOUNT, true),
                Field.of(QE + "impServizi", "Nuovo importo servizi (€)", null, Kind.AMOUNT, true),
                Field.of(QE + "impForniture", "Nuovo importo forniture (€)", null, Kind.AMOUNT, true),
                Field.of(QE + "impTotaleSicurezza", "Nuovi oneri per la sicurezza (€)", "Non soggetti a ribasso.", Kind.AMOUNT, false),
                Field.of(QE + "impProgettazione", "Progettazione (€)", "Solo per l'appalto integrato.", Kind.AMOUNT, false),
                Field.of(QE + "ulterioriSommeNoRibasso", "Ulteriori somme non soggette a ribasso (€)", null, Kind.AMOUNT, false),
                Field.of(QE + "sommeADisposizione", "Somme a disposizione (€)", null, Kind.AMOUNT, false),
                Field.of(QE + "numGiorniProroga", "Giorni aggiuntivi", "Tempo aggiuntivo concesso con la modifica: sposta il termine.",
                        Kind.INTEGER, false)));
        return new Form(code, title + (above ? " (sopra soglia)" : ""), intro, sections);
    }

    // The request-level fields of EventRequest: not in the anacForm, named as in the API and the errors.
    static final String RIFERIMENTO = "riferimento";
    static final String DATA_EVENTO = "dataEvento";
    static final String ESPD = "espd";
    private static final java.util.Set<String> REQUEST_FIELDS = java.util.Set.of(RIFERIMENTO, DATA_EVENTO, ESPD);

    private static final String SUB = "subappalto.";
    private static final String OE = SUB + "operatoreEconomicoSubappaltatore.";

    /** The subcontracts that may still be decided: no outcome (ES1) yet, pending or authorised by silence. */
    private static List<Subcontract> awaitingOutcome(List<Subcontract> subcontracts) {
        return subcontracts.stream().filter(s -> s.outcome() == null).toList();
    }

    /** The subcontracts a CS1 may end: authorised by an ES1 and not concluded. */
    private static List<Subcontract> authorisedRunning(List<Subcontract> subcontracts) {
        return subcontracts.stream().filter(s -> s.conclusion() == null && s.statedAuthorisation().isPresent()).toList();
    }

    /** The subcontracts a cascade may descend from: authorised, expressly or by silence, and running. */
    private static List<Subcontract> cascadeParents(List<Subcontract> subcontracts, LocalDate today) {
        return subcontracts.stream().filter(s -> s.state(today) == Subcontract.State.AUTORIZZATO
                || s.state(today) == Subcontract.State.AUTORIZZATO_SILENZIO_ASSENSO).toList();
    }

    /** The options of a riferimento list: the request's number, the subcontractor, {@code detail}. */
    private static Map<String, String> references(List<Subcontract> subcontracts, java.util.function.Function<Subcontract, String> detail) {
        Map<String, String> options = new LinkedHashMap<>();
        subcontracts.forEach(s -> options.put(String.valueOf(s.seq()), "Richiesta n. " + s.seq() + " – " + s.subcontractor() + ", "
                + Money.of(s.importoPresunto()).formatIt() + detail.apply(s)));
        return options;
    }

    private static String received(Subcontract s) {
        return ", ricevuta il " + day(s.requestedOn());
    }

    /** RSU1: see Rsu1Scheda. */
    private static Form subcontractRequestForm(List<Subcontract> subcontracts, LocalDate today) {
        Map<String, String> parents = references(cascadeParents(subcontracts, today), s -> ", " + s.state(today).label()
                .toLowerCase(java.util.Locale.ITALIAN));
        List<Field> request = new ArrayList<>();
        request.add(Field.of(DATA_EVENTO, "Data di ricezione della richiesta",
                "Il giorno in cui la richiesta di autorizzazione, completa, è pervenuta alla stazione appaltante: da qui decorre il "
                        + "termine per decidere. Se vuota, oggi; non può precedere la stipula.", Kind.DATE, false));
        if (!parents.isEmpty()) {
            request.add(Field.choice(RIFERIMENTO, "Subappalto a cascata di…",
                    "Solo se chi affida il subappalto è a sua volta un subappaltatore autorizzato (subappalto a cascata): "
                            + "scegliere il suo subappalto. Lasciare vuoto se il subappalto è conferito dall'aggiudicatario.",
                    false, parents));
        }
        Map<String, String> roles = new LinkedHashMap<>(CodeLists.RUOLO_OE);
        roles.keySet().removeAll(CodeLists.RUOLO_OE_ENDED);
        return new Form(SchedaCode.RSU1, "Richiesta di autorizzazione al subappalto",
                "Art. 119: l'appaltatore chiede l'autorizzazione ad affidare in subappalto parte delle prestazioni. La stazione "
                        + "appaltante decide entro 30 giorni dalla richiesta, 15 per i subappalti di importo inferiore al 2% del "
                        + "valore del contratto o a 100.000 euro (c. 16); trascorso il termine senza provvedimento l'autorizzazione "
                        + "si intende concessa (silenzio-assenso). La piattaforma indica come conferente l'aggiudicatario (dalla "
                        + "stipula o dall'ultima variazione S4) o, per un subappalto a cascata, il subappaltatore scelto.",
                List.of(new Section("Richiesta", null, null, null, List.copyOf(request)),
                        Section.of("Subappaltatore", null,
                                Field.of(OE + "idOE", "Identificativo PCP del subappaltatore (idOE)",
                                        "L'identificativo che la Piattaforma Contratti Pubblici assegna all'operatore economico "
                                                + "(UUID, ad esempio 7a9e5c1b-3d2f-4e6a-8b0c-1d2e3f4a5b6c).", Kind.UUID, true)),
                        Section.repeated(OE + "elencoSoggetti", "Soggetti del subappaltatore", "Soggetto",
                                "Almeno uno: l'impresa subappaltatrice o, per un raggruppamento, ciascuna impresa. Per eliminare una "
                                        + "riga svuotarne i campi.",
                                Field.of("codiceFiscale", "Codice fiscale", "Per un operatore estero, il codice fiscale del suo paese.",
                                        Kind.TEXT, true),
                                Field.of("denominazione", "Denominazione", null, Kind.TEXT, true),
                                Field.code("ruoloOE", "Ruolo", "Tabella ANAC ruoloOE (i codici chiusi il 31/07/2025 non sono proposti).",
                                        true, "ruoloOE", roles),
                                Field.code("tipoOE", "Tipo di operatore", "Tabella ANAC tipoOE (art. 65).", true, "tipoOE", CodeLists.TIPO_OE),
                                Field.of("operatoreEstero", "Operatore estero", "Ha sede fuori dall'Italia.", Kind.BOOLEAN, true)),
                        Section.of("Prestazioni subappaltate", null,
                                Field.of(SUB + "oggetto", "Oggetto del subappalto", "Lavori, servizi o forniture affidati in subappalto.",
                                        Kind.TEXT, false),
                                Field.of(SUB + "importoPresunto", "Importo presunto (€)",
                                        "Sotto il 2% del valore del contratto o sotto 100.000 euro il termine per decidere è di 15 giorni.",
                                        Kind.AMOUNT, true),
                                Field.code(SUB + "categoria", "Categoria", "Categoria SOA prevalente del subappalto, oppure FB "
                                        + "(forniture) o FS (servizi).", true, "categoria", CodeLists.CATEGORIA),
                                Field.of(SUB + "categoriaScorporabile", "Categorie scorporabili",
                                        "Facoltative: codici separati da virgola, come nella tabella delle categorie (ad esempio "
                                                + "OS 3, OS 28).", Kind.LIST, false),
                                Field.of(SUB + "cpv", "Codici CPV", "Almeno uno: codici di otto cifre separati da virgola, con o "
                                        + "senza cifra di controllo (ad esempio 45261420, 45262000-1).", Kind.LIST, true)),
                        Section.of("DGUE",
                                "Il Documento di gara unico europeo (DGUE, in inglese ESPD) del subappaltatore: ANAC lo richiede "
                                        + "con ogni richiesta di subappalto.",
                                Field.of(ESPD, "Richiesta DGUE (file XML ESPD Request)",
                                        "Il file XML della richiesta DGUE relativa al subappalto, con i criteri di esclusione e di "
                                                + "selezione su cui il subappaltatore dichiara i requisiti. La "
                                                + "piattaforma lo invia ad ANAC con la scheda.", Kind.FILE, true))));
    }

    /** ES1: see Es1Scheda. */
    private static Form subcontractOutcomeForm(List<Subcontract> subcontracts, LocalDate today) {
        Map<String, String> pending = references(awaitingOutcome(subcontracts), s -> received(s) + "; termine per decidere "
                + day(s.decisionDeadline()) + (s.state(today) == Subcontract.State.AUTORIZZATO_SILENZIO_ASSENSO
                        ? " (scaduto: autorizzata per silenzio-assenso)" : ""));
        return Form.of(SchedaCode.ES1, "Esito della richiesta di subappalto",
                "Art. 119 c. 16: la stazione appaltante autorizza il subappalto, o lo nega, entro 30 giorni dalla richiesta (15 per "
                        + "i subappalti inferiori al 2% del valore del contratto o a 100.000 euro). Indicare la data di autorizzazione "
                        + "oppure il motivo del mancato subappalto. Se il termine è scaduto senza provvedimento lasciare vuoti "
                        + "entrambi: la piattaforma comunica l'autorizzazione per silenzio-assenso, dal giorno successivo alla scadenza.",
                List.of(Field.choice(RIFERIMENTO, "Richiesta di subappalto", "La richiesta (RSU1) di cui si comunica l'esito.", true,
                                pending),
                        Field.of(SUB + "dataAutorizzazione", "Data di autorizzazione",
                                "Il giorno del provvedimento di autorizzazione: non può precedere la richiesta.", Kind.DATE, false),
                        Field.code(SUB + "motivoMancatoSubappalto", "Motivo del mancato subappalto",
                                "Solo se il subappalto non è autorizzato: diniego o revoca della richiesta da parte dell'appaltatore.",
                                false, "motivoMancatoSubappalto", CodeLists.MOTIVO_MANCATO_SUBAPPALTO),
                        Field.of(DATA_EVENTO, "Data del diniego o della revoca",
                                "Solo se il subappalto non è autorizzato: il giorno del provvedimento di diniego o della revoca. Se "
                                        + "vuota, oggi.", Kind.DATE, false)));
    }

    /** CS1: see Cs1Scheda. */
    private static Form subcontractEndForm(List<Subcontract> subcontracts) {
        Map<String, String> running = references(authorisedRunning(subcontracts), s -> ", autorizzato il "
                + day(s.statedAuthorisation().orElseThrow()));
        return Form.of(SchedaCode.CS1, "Conclusione del subappalto",
                "Il subappalto autorizzato è concluso: importo effettivamente eseguito e data di ultimazione. Se non è stato eseguito "
                        + "(autorizzazione revocata o annullata in autotutela) indicarne il motivo, con l'importo eseguito (anche 0) "
                        + "e la data della revoca o dell'annullamento.",
                List.of(Field.choice(RIFERIMENTO, "Subappalto concluso",
                                "Il subappalto autorizzato (con l'esito ES1) a cui si riferisce la conclusione.", true, running),
                        Field.of(SUB + "importoEffettivo", "Importo effettivo (€)",
                                "Importo delle prestazioni eseguite in subappalto; se supera quello presunto la piattaforma lo segnala.",
                                Kind.AMOUNT, true),
                        Field.of(SUB + "dataUltimazione", "Data di ultimazione",
                                "Il giorno in cui il subappaltatore ha completato le prestazioni: non può precedere l'autorizzazione.",
                                Kind.DATE, true),
                        Field.code(SUB + "motivoMancataEsecuzioneSubappalto", "Motivo della mancata esecuzione",
                                "Solo se il subappalto non è stato eseguito.", false, "motivoMancataEsecuzioneSubappalto",
                                CodeLists.MOTIVO_MANCATA_ESECUZIONE_SUBAPPALTO)));
    }

    private static final String P = "partecipante.";

    /** S4: see S4Scheda; the CIG is chosen among the contract's lots. */
    private static Form awardeeChangeForm(List<Lot> lots) {
        Map<String, String> roles = new LinkedHashMap<>(CodeLists.RUOLO_OE);
        roles.keySet().removeAll(CodeLists.RUOLO_OE_ENDED);
        return new Form(SchedaCode.S4, "Variazione dell'aggiudicatario",
                "Il lotto passa a un nuovo aggiudicatario: cessione d'azienda, trasformazione, fusione o scissione, trasferimento o "
                        + "affitto d'azienda (art. 120 c. 1 lett. d), raggruppamento con più di due partecipanti, correzione di un "
                        + "errore materiale, costituzione o variazione della società di scopo. La scheda si può inviare in ogni "
                        + "momento dopo l'aggiudicazione, anche prima della stipula; il nuovo partecipante conferisce i subappalti "
                        + "richiesti dopo la variazione.",
                List.of(Section.of(null, null,
                                Field.of(DATA_EVENTO, "Data della variazione",
                                        "Il giorno da cui la variazione ha effetto. Se vuota, oggi; non può precedere la stipula.",
                                        Kind.DATE, false),
                                Field.choice("cig", "CIG del lotto", lots.size() == 1 ? "Il contratto ha un solo lotto: la "
                                        + "piattaforma ne ricava il CIG." : "Il lotto di cui cambia l'aggiudicatario.", lots.size() > 1,
                                        lotOptions(lots)),
                                Field.code("motivoVariazione", "Motivo della variazione", "Tabella ANAC motivoVariazione.", true,
                                        "motivoVariazione", CodeLists.MOTIVO_VARIAZIONE)),
                        Section.of("Nuovo aggiudicatario", null,
                                Field.of(P + "denominazione", "Denominazione", null, Kind.TEXT, true),
                                Field.of(P + "codiceFiscale", "Codice fiscale",
                                        "Per un operatore estero, il codice fiscale del suo paese.", Kind.TEXT, true),
                                Field.of(P + "paeseOperatoreEconomico", "Paese", "Il paese della sede, ad esempio ITA per l'Italia.",
                                        Kind.TEXT, true),
                                Field.of(P + "idPartecipante", "Identificativo ANAC del partecipante (idPartecipante)",
                                        "Assegnato dalla Piattaforma Contratti Pubblici (UUID).", Kind.UUID, true),
                                Field.code(P + "ruoloOE", "Ruolo", "Tabella ANAC ruoloOE (i codici chiusi il 31/07/2025 non sono "
                                        + "proposti).", true, "ruoloOE", roles),
                                Field.code(P + "tipoOE", "Tipo di operatore", "Tabella ANAC tipoOE (art. 65).", true, "tipoOE",
                                        CodeLists.TIPO_OE),
                                Field.of(P + "avvalimento", "Avvalimento",
                                        "Il nuovo aggiudicatario si avvale dei requisiti di un'altra impresa (art. 104).", Kind.BOOLEAN, true),
                                Field.code(P + "tipologiaAvvalimento", "Tipologia di avvalimento",
                                        "Solo con l'avvalimento: per un requisito o per migliorare l'offerta.", false,
                                        "tipologiaAvvalimento", CodeLists.TIPOLOGIA_AVVALIMENTO))));
    }

    private static Map<String, String> lotOptions(List<Lot> lots) {
        Map<String, String> cigs = new LinkedHashMap<>();
        lots.forEach(lot -> cigs.put(lot.cig().value(), lot.cig().value()
                + (lot.descrizione() == null || lot.descrizione().isBlank() ? "" : " – " + lot.descrizione())));
        return cigs;
    }

    private EventForms() {
    }

    /**
     * The form of an event for a contract as it stands: CL1's economic framework and the
     * modification's depend on the contract, the lots of CO2 and S4 too, the subcontracts an RSU1, ES1
     * or CS1 may refer to on its events ({@code today} decides silence-as-consent).
     */
    static Optional<Form> form(SchedaCode code, Contract contract, List<RecordedScheda> history, LocalDate today) {
        List<Subcontract> subcontracts = Subcontract.of(history, contract.terms().importoContrattuale().amount());
        return switch (code) {
            case CL1 -> Optional.of(acceptanceForm(contract.terms().concessione()));
            case CO2 -> Optional.of(directConclusionForm(contract.terms().lotti()));
            case M1, M2, M1_40, M2_40 -> Optional.of(modificationForm(code));
            case RSU1 -> Optional.of(subcontractRequestForm(subcontracts, today));
            case ES1 -> Optional.of(subcontractOutcomeForm(subcontracts, today));
            case CS1 -> Optional.of(subcontractEndForm(subcontracts));
            case S4 -> Optional.of(awardeeChangeForm(contract.terms().lotti()));
            default -> Optional.ofNullable(FORMS.get(code));
        };
    }

    /** Whether a direct award under 5,000 euro, whose only execution scheda is CO2. */
    static boolean directAwardUnderLimit(Contract contract) {
        return contract.terms().procedura() == Procedura.AFFIDAMENTO_DIRETTO
                && contract.terms().importoContrattuale().amount().compareTo(DIRECT_AWARD_LIMIT) < 0;
    }

    /**
     * Whether the form is offered for the contract now. CO2 only to a direct award under 5,000
     * euro, and SC1 not to it; of the four modification schede the contract's own (above or below
     * the threshold, contract or concession); ES1 only while a subcontract awaits its outcome, CS1
     * while one authorised is running. The scheda's builder has the last word: this keeps the
     * buttons that cannot lead anywhere off the page.
     */
    static boolean offered(SchedaCode code, Contract contract, List<RecordedScheda> history, LocalDate today) {
        List<Subcontract> subcontracts = Subcontract.of(history, contract.terms().importoContrattuale().amount());
        return switch (code) {
            case CO2 -> directAwardUnderLimit(contract);
            case SC1 -> !directAwardUnderLimit(contract);
            case M1, M2, M1_40, M2_40 -> code == ExecutionLog.modificationCode(contract);
            case ES1 -> !awaitingOutcome(subcontracts).isEmpty();
            case CS1 -> !authorisedRunning(subcontracts).isEmpty();
            default -> true;
        };
    }

    /**
     * What the platform fills in for the user: the CIG of a single-lot contract, the only
     * subcontract an ES1 or CS1 may refer to.
     */
    static Map<String, String> initialValues(Form form, Contract contract) {
        Map<String, String> values = new LinkedHashMap<>();
        if ((form.code() == SchedaCode.CO2 || form.code() == SchedaCode.S4) && contract.terms().lotti().size() == 1) {
            values.put("cig", contract.terms().lotti().get(0).cig().value());
        }
        if (form.code() == SchedaCode.ES1 || form.code() == SchedaCode.CS1) {
            form.fields(Map.of()).stream().filter(f -> f.path().equals(RIFERIMENTO) && f.options().size() == 1)
                    .forEach(f -> values.put(RIFERIMENTO, f.options().keySet().iterator().next()));
        }
        return values;
    }

    /** A day as the anacForm stores it ("2026-03-10T00:00:00Z") or as typed ("2026-03-10"). */
    private static final Pattern STORED_DAY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(T.*)?");

    /**
     * The form filled in with an event as recorded, for its correction: the anacForm read back
     * along the fields' paths (days as days, coded values as the chosen code, arrays as the rows of
     * their repeated section, amounts in Italian notation), the event referred to and the day of
     * the event as stored. The ESPD is not a value: the page keeps the stored one.
     */
    static Map<String, String> recordedValues(Form form, RecordedScheda event) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Section section : form.sections()) {
            if (section.repeated()) {
                if (valueAt(event.anacForm(), section.array()) instanceof List<?> rows) {
                    for (int row = 0; row < rows.size(); row++) {
                        if (rows.get(row) instanceof Map<?, ?> element) {
                            for (Field field : section.fields()) {
                                String shown = shown(field, valueAt(element, field.path()));
                                if (shown != null) {
                                    values.put(field.at(section.array(), row).path(), shown);
                                }
                            }
                        }
                    }
                }
                continue;
            }
            for (Field field : section.fields()) {
                String shown = switch (field.path()) {
                    case RIFERIMENTO -> event.relatedSeq() == null ? null : event.relatedSeq().toString();
                    case DATA_EVENTO -> event.eventDate() == null ? null : event.eventDate().toString();
                    case ESPD -> null;
                    default -> shown(field, valueAt(event.anacForm(), field.path()));
                };
                if (shown != null) {
                    values.put(field.path(), shown);
                }
            }
        }
        return values;
    }

    /** An amount in Italian notation, as typed: whole euros without decimals, else with the cents ("89950", "1250,50"). */
    private static String amount(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? plain.toPlainString()
                : plain.setScale(Math.max(2, plain.scale())).toPlainString().replace('.', ',');
    }

    /** The value at a dotted path of the anacForm; null where a step is missing. */
    private static Object valueAt(Map<?, ?> node, String path) {
        Object value = node;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    /** A stored value as its input shows it; null if there is none. */
    private static String shown(Field field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> coded) {
            // A tipologica {idTipologica, codice}: the code is the option.
            Object code = coded.get("codice");
            return code == null ? null : code.toString();
        }
        if (value instanceof List<?> list) {
            List<String> items = list.stream().map(item -> item instanceof Map<?, ?> coded ? coded.get("codice") : item)
                    .filter(java.util.Objects::nonNull).map(Object::toString).toList();
            return items.isEmpty() ? null : String.join(", ", items);
        }
        return switch (field.kind()) {
            case DATE -> {
                Matcher day = STORED_DAY.matcher(value.toString().trim());
                yield day.matches() ? day.group(1) : value.toString();
            }
            case AMOUNT -> value instanceof Number || value.toString().matches("-?\\d+(\\.\\d+)?")
                    ? amount(new BigDecimal(value.toString())) : value.toString();
            case INTEGER -> value instanceof Number number ? new BigDecimal(number.toString()).stripTrailingZeros().toPlainString()
                    : value.toString();
            default -> value.toString();
        };
    }

    /** What the platform knows that helps to fill in the form, in Italian: amounts, limits, earlier events. */
    static List<String> known(SchedaCode code, Contract contract, List<RecordedScheda> history, LocalDate today) {
        Money value = contract.terms().importoContrattuale();
        List<Subcontract> subcontracts = Subcontract.of(history, value.amount());
        ExecutionTimeline timeline = ExecutionTimeline.of(history, contract.terms().durataGiorni());
        List<String> known = new ArrayList<>();
        switch (code) {
            case SA1 -> {
                known.add("Importo contrattuale: " + value.formatIt() + ". Anticipazione: 20% = " + value.percent(ADVANCE).formatIt()
                        + "; al massimo 30% = " + value.percent(MAX_ADVANCE).formatIt() + " se previsto dai documenti di gara.");
                known.add(timeline.handedOverOn() == null
                        ? "Consegna / avvio non ancora registrati: lo stato di avanzamento richiede prima la scheda I1."
                        : "Effettivo inizio: " + day(timeline.handedOverOn()) + "; l'anticipazione va corrisposta entro il "
                                + day(timeline.handedOverOn().plusDays(ADVANCE_DAYS)) + ".");
                List<RecordedScheda> statements = timeline.progressStatements();
                known.add(statements.isEmpty() ? "Nessuno stato di avanzamento registrato finora."
                        : "Ultimo SAL registrato: " + Money.of(timeline.lastImpSal()).formatIt() + " (progressivo) del "
                                + day(statements.get(statements.size() - 1).eventDate()) + ".");
            }
            case AC1 -> known.add("Importo contrattuale: " + value.formatIt() + ": l'accordo bonario riguarda riserve tra il 5% ("
                    + value.percent(SETTLEMENT_FROM).formatIt() + ") e il 15% (" + value.percent(SETTLEMENT_TO).formatIt() + ").");
            case IR1 -> {
                known.add(timeline.signedOn() == null ? "Stipula non registrata."
                        : "Stipula: " + day(timeline.signedOn()) + ".");
                known.add(timeline.handedOverOn() == null ? "Consegna / avvio non ancora registrati."
                        : "Consegna / avvio: " + day(timeline.handedOverOn()) + ".");
                if (timeline.suspended()) {
                    known.add("Esecuzione sospesa dal " + day(timeline.openSuspension().eventDate()) + ".");
                }
            }
            case CL1 -> {
                Optional<LocalDate> completed = ExecutionTimeline.completedOn(history);
                known.add(completed.map(on -> "Ultimazione registrata (CO1): " + day(on) + "; il collaudo va concluso entro il "
                        + day(on.plus(ExecutionTimeline.SIX_MONTHS)) + " (un anno per le opere particolarmente complesse).")
                        .orElse("La conclusione (CO1) non è ancora registrata: ora è ammesso solo il collaudo in corso d'opera."));
                known.add(contract.terms().concessione() ? "Contratto di concessione: il quadro economico è quello delle concessioni."
                        : "Importo contrattuale: " + value.formatIt() + ".");
            }
            case CO2 -> known.add("Importo contrattuale: " + value.formatIt() + ".");
            case RSU1 -> {
                known.add("Importo contrattuale iniziale: " + value.formatIt() + ". Termine di 15 giorni per i subappalti sotto "
                        + value.percent(SMALL_SUBCONTRACT_SHARE).formatIt() + " (2%) o sotto € 100.000,00, di 30 giorni per gli "
                        + "altri; dopo una modifica del contratto la piattaforma calcola il 2% sul valore modificato.");
                if (contract.terms().aggiudicatario() != null) {
                    known.add(sentence("Aggiudicatario in anagrafica: " + contract.terms().aggiudicatario().denominazione()));
                }
                List<Subcontract> parents = cascadeParents(subcontracts, today);
                known.add(parents.isEmpty() ? "Nessun subappalto autorizzato in corso: la richiesta non può essere a cascata."
                        : "Subappalti autorizzati in corso, da cui può derivare un subappalto a cascata: " + String.join("; ",
                                parents.stream().map(s -> "n. " + s.seq() + " " + s.subcontractor()).toList()) + ".");
            }
            case ES1 -> awaitingOutcome(subcontracts).forEach(s -> known.add("Richiesta n. " + s.seq() + " (" + s.subcontractor()
                    + ", " + Money.of(s.importoPresunto()).formatIt() + ") ricevuta il " + day(s.requestedOn()) + ": "
                    + s.decisionDays() + " giorni per decidere, entro il " + day(s.decisionDeadline()) + "; "
                    + (s.state(today) == Subcontract.State.AUTORIZZATO_SILENZIO_ASSENSO
                            ? "il termine è scaduto: autorizzata per silenzio-assenso dal " + day(s.tacitAuthorisationOn()) + "."
                            : "in mancanza di provvedimento sarà autorizzata per silenzio-assenso dal "
                                    + day(s.tacitAuthorisationOn()) + ".")));
            case CS1 -> authorisedRunning(subcontracts).forEach(s -> known.add("Subappalto n. " + s.seq() + " (" + s.subcontractor()
                    + "): importo presunto " + Money.of(s.importoPresunto()).formatIt() + ", autorizzato il "
                    + day(s.statedAuthorisation().orElseThrow()) + "."));
            case S4 -> {
                if (contract.terms().aggiudicatario() != null) {
                    known.add("Aggiudicatario in anagrafica: " + contract.terms().aggiudicatario().denominazione() + " (codice fiscale "
                            + contract.terms().aggiudicatario().codiceFiscale().value() + "). Dopo la variazione aggiornare "
                            + "l'anagrafica del contratto.");
                }
            }
            case M1, M2, M1_40, M2_40 -> {
                known.add((contract.terms().concessione() ? "Valore iniziale della concessione: " : "Importo contrattuale iniziale: ")
                        + value.formatIt() + ".");
                if (code == SchedaCode.M1 || code == SchedaCode.M1_40) {
                    known.add(contract.terms().idAppalto() == null
                            ? "Manca l'idAppalto del contratto: indicarlo nell'anagrafica prima di registrare la modifica."
                            : "idAppalto: " + contract.terms().idAppalto() + ".");
                    known.add(contract.terms().idContratto() == null
                            ? "ANAC non ha ancora assegnato l'idContratto (conferma della stipula): l'avviso di modifica non si può "
                                    + "ancora generare."
                            : "idContratto ANAC: " + contract.terms().idContratto() + ".");
                }
            }
            default -> { }
        }
        return known;
    }

    /** The text with a full stop, unless it ends with one already ("S.r.l."). */
    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    private static String day(LocalDate date) {
        return date.format(DAY);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** An element of an anacForm array in a field name: {@code modalitaDefinizione[2]}. */
    private static final Pattern INDEXED = Pattern.compile("(\\w+)\\[(\\d{1,3})\\]");

    /**
     * The submitted values with the rows of each repeated section renumbered from 0, blank rows
     * left out: the rows sent to the builder are then the rows shown, and an error on
     * {@code array[i].field} is shown beside that row's input.
     */
    static Map<String, String> normalized(Form form, Map<String, String> submitted) {
        Map<String, String> values = new LinkedHashMap<>(submitted);
        for (Section section : form.sections()) {
            if (!section.repeated()) {
                continue;
            }
            Pattern element = Pattern.compile(Pattern.quote(section.array()) + "\\[(\\d{1,3})\\]\\.(\\w+)");
            TreeMap<Integer, Map<String, String>> rows = new TreeMap<>();
            for (var entry : submitted.entrySet()) {
                Matcher matcher = element.matcher(entry.getKey());
                if (matcher.matches()) {
                    values.remove(entry.getKey());
                    rows.computeIfAbsent(Integer.parseInt(matcher.group(1)), k -> new LinkedHashMap<>())
                            .put(matcher.group(2), entry.getValue());
                }
            }
            int row = 0;
            for (Map<String, String> given : rows.values()) {
                boolean blank = section.fields().stream().map(f -> given.get(f.path())).allMatch(v -> v == null || v.isBlank());
                if (blank) {
                    continue;
                }
                for (Field field : section.fields()) {
                    if (given.containsKey(field.path())) {
                        values.put(field.at(section.array(), row).path(), given.get(field.path()));
                    }
                }
                row++;
            }
        }
        return values;
    }

    /** The rows of each repeated section to show: those with values (normalized), at least one. */
    static Map<String, Integer> rows(Form form, Map<String, String> values) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (Section section : form.sections()) {
            if (section.repeated()) {
                Pattern element = Pattern.compile(Pattern.quote(section.array()) + "\\[(\\d{1,3})\\]\\..+");
                int count = (int) values.keySet().stream().map(element::matcher).filter(Matcher::matches)
                        .map(m -> m.group(1)).distinct().count();
                rows.put(section.array(), Math.max(1, count));
            }
        }
        return rows;
    }

    /**
     * The anacForm data of a submitted form: nested by path, typed by kind; blank fields left out.
     * Numbers in Italian notation ("1.234,56") are read; unreadable ones are passed through as text
     * so that the scheda's own checks report them beside the field. Rows of a repeated section
     * become the elements of its array. The form's top sections are always there, even empty: a
     * blank form then gets "required" beside each required input, not "no data" for the section.
     */
    static Map<String, Object> data(Form form, Map<String, String> submitted) {
        Map<String, String> values = normalized(form, submitted);
        Map<String, Object> data = new LinkedHashMap<>();
        for (Field field : form.fields(rows(form, values))) {
            if (REQUEST_FIELDS.contains(field.path())) {
                continue;
            }
            if (field.path().indexOf('.') > 0) {
                data.computeIfAbsent(field.path().substring(0, field.path().indexOf('.')), k -> new LinkedHashMap<String, Object>());
            }
            if (field.required() && field.path().indexOf('[') < 0) {
                // The object that holds a required input is there too: "required" then shows beside the input.
                String[] parts = field.path().split("\\.");
                Map<String, Object> node = data;
                for (int i = 0; i < parts.length - 1; i++) {
                    node = child(node, parts[i]);
                }
            }
            String raw = values.get(field.path());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            Object value = switch (field.kind()) {
                case BOOLEAN -> Boolean.valueOf(raw);
                case AMOUNT, INTEGER -> number(raw);
                case CODE -> Map.of("idTipologica", field.codeList(), "codice", raw);
                case LIST -> items(raw);
                default -> raw.trim();
            };
            put(data, field.path(), value);
        }
        return data;
    }

    /** The codes typed in a LIST box: separated by commas, semicolons or new lines, blanks left out. */
    private static List<String> items(String raw) {
        return java.util.Arrays.stream(raw.split("[,;\\n]")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /**
     * What the event request carries besides the anacForm: the event referred to, the day of the
     * event, the ESPD ({@code espd}, Base64, from the uploaded file). An unreadable value is
     * reported beside its field.
     */
    static EventRequest request(Form form, Map<String, String> submitted, String espd) {
        List<FieldViolation> problems = new ArrayList<>();
        Integer reference = null;
        String referenceText = submitted.get(RIFERIMENTO);
        if (referenceText != null && !referenceText.isBlank()) {
            try {
                reference = Integer.valueOf(referenceText.trim());
            } catch (NumberFormatException e) {
                problems.add(new FieldViolation(RIFERIMENTO, referenceText, "Indicare il numero di un evento registrato", "FORMATO"));
            }
        }
        LocalDate day = null;
        String dayText = submitted.get(DATA_EVENTO);
        if (dayText != null && !dayText.isBlank()) {
            try {
                day = LocalDate.parse(dayText.trim());
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(new FieldViolation(DATA_EVENTO, dayText, "Data non valida: attesa nella forma aaaa-mm-gg", "FORMATO"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new EventRequest(form.code().name(), data(form, submitted), reference, day, espd);
    }

    /**
     * The input an error is shown beside: its path, or for an element of a LIST box
     * ({@code subappalto.cpv[1]}) the box.
     */
    static String inputOf(Form form, String errorPath) {
        Matcher element = Pattern.compile("(.+)\\[\\d{1,3}\\]").matcher(errorPath);
        if (element.matches()) {
            String list = element.group(1);
            boolean isList = form.sections().stream().filter(s -> !s.repeated()).flatMap(s -> s.fields().stream())
                    .anyMatch(f -> f.kind() == Kind.LIST && f.path().equals(list));
            if (isList) {
                return list;
            }
        }
        return errorPath;
    }

    private static Object number(String raw) {
        String value = raw.trim().replace(" ", "").replace("€", "");
        if (value.contains(",")) {
            value = value.replace(".", "").replace(',', '.');
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return raw.trim();
        }
    }

    private static void put(Map<String, Object> data, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = data;
        for (int i = 0; i < parts.length - 1; i++) {
            node = child(node, parts[i]);
        }
        node.put(parts[parts.length - 1], value);
    }

    /** The object at {@code part} of {@code node}: a nested object, or an element of an array ({@code name[i]}). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> node, String part) {
        Matcher element = INDEXED.matcher(part);
        if (!element.matches()) {
            return (Map<String, Object>) node.computeIfAbsent(part, k -> new LinkedHashMap<String, Object>());
        }
        List<Object> list = (List<Object>) node.computeIfAbsent(element.group(1), k -> new ArrayList<Object>());
        int index = Integer.parseInt(element.group(2));
        while (list.size() <= index) {
            list.add(new LinkedHashMap<String, Object>());
        }
        return (Map<String, Object>) list.get(index);
    }
}
