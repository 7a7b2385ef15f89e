package it.openesecuzione.execution.web;

import it.openesecuzione.execution.CodeLists;
import it.openesecuzione.execution.SchedaCode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The page forms of the execution events, one per scheda: each field is an anacForm path with
 * its Italian label and explanation. The same path names the field in ANAC's model, in the API
 * and in the errors, so a rejected field is shown beside its input.
 */
final class EventForms {

    enum Kind { DATE, BOOLEAN, AMOUNT, INTEGER, TEXT, UUID, CODE }

    /** One input; {@code codeList} and {@code options} for coded values (ANAC's tipologiche). */
    record Field(String path, String label, String help, Kind kind, boolean required, String codeList,
            Map<String, String> options) {

        static Field of(String path, String label, String help, Kind kind, boolean required) {
            return new Field(path, label, help, kind, required, null, Map.of());
        }

        static Field code(String path, String label, String help, boolean required, String codeList, Map<String, String> options) {
            return new Field(path, label, help, Kind.CODE, required, codeList, options);
        }

        /** The HTML id and name: the path with dots, which Spring does not interpret here. */
        public String name() {
            return path;
        }
    }

    record Form(SchedaCode code, String title, String intro, List<Field> fields) {
    }

    private static final String M = "modificaContrattuale.";
    private static final String QE = M + "quadroEconomicoStandardRideterminato.";
    private static final String BASE = M + "datiBaseModificaContrattuale.";

    static final Map<SchedaCode, Form> FORMS = Map.of(
            SchedaCode.M2, new Form(SchedaCode.M2, "Modifica del contratto",
                    "Art. 120. Indicare il quadro economico rideterminato: la piattaforma confronta il nuovo valore con quello iniziale "
                            + "e con le modifiche precedenti (limite del 50% per modifica, 'de minimis', quinto d'obbligo).", List.of(
                    Field.code(BASE + "motiviModifica", "Motivo della modifica", "Tabella ANAC motiviModifica.", true, "motiviModifica", CodeLists.MOTIVI_MODIFICA),
                    Field.of(BASE + "causaModifica", "Cause della modifica", "Obbligatorie; per circostanze imprevedibili regola ANAC REG62.", Kind.TEXT, true),
                    Field.of(BASE + "dataSottoscrizione", "Sottoscrizione dell'atto aggiuntivo", null, Kind.DATE, false),
                    Field.of(M + "dataApprovazione", "Approvazione della modifica", null, Kind.DATE, false),
                    Field.of(M + "urlDocumentazione", "Indirizzo della documentazione", "Obbligatorio per circostanze imprevedibili (REG61).", Kind.TEXT, false),
                    Field.code(M + "motivoRevisionePrezzi", "Motivo della revisione prezzi", "Obbligatorio per le revisioni dei prezzi (REG54).", false, "motivoRevisionePrezzi", CodeLists.MOTIVO_REVISIONE_PREZZI),
                    Field.of(QE + "impLavori", "Nuovo importo lavori (€)", "Al netto di IVA e oneri per la sicurezza.", Kind.AMOUNT, true),
                    Field.of(QE + "impServizi", "Nuovo importo servizi (€)", null, Kind.AMOUNT, true),
                    Field.of(QE + "impForniture", "Nuovo importo forniture (€)", null, Kind.AMOUNT, true),
                    Field.of(QE + "impTotaleSicurezza", "Nuovi oneri per la sicurezza (€)", "Non soggetti a ribasso.", Kind.AMOUNT, false),
                    Field.of(QE + "sommeADisposizione", "Somme a disposizione (€)", null, Kind.AMOUNT, false),
                    Field.of(QE + "numGiorniProroga", "Giorni aggiuntivi", "Tempo aggiuntivo concesso con la modifica: sposta il termine.", Kind.INTEGER, false))),
            SchedaCode.SC1, new Form(SchedaCode.SC1, "Stipula del contratto",
                    "La piattaforma ricava dal contratto il codice AUSA dell'ente e i CIG dei lotti.", List.of(
                    Field.of("datiContratto.dataStipula", "Data di stipula", "Giorno della sottoscrizione del contratto.", Kind.DATE, true),
                    Field.of("datiContratto.dataEsecutivita", "Data di esecutività", "Solo se il contratto diventa esecutivo in un giorno diverso.", Kind.DATE, false),
                    Field.of("datiContratto.dataDecorrenza", "Data di decorrenza", "Da quando decorrono gli effetti del contratto.", Kind.DATE, true),
                    Field.of("datiContratto.dataScadenza", "Data di scadenza", "Scadenza contrattuale: deve seguire la stipula (regola ANAC REG77).", Kind.DATE, true),
                    Field.of("datiContratto.importoCauzione", "Cauzione definitiva (€)", "Importo della garanzia definitiva prestata dall'appaltatore.", Kind.AMOUNT, true),
                    Field.of("datiContratto.idPartecipante", "Identificativo ANAC dell'aggiudicatario", "idPartecipante assegnato dalla Piattaforma Contratti Pubblici nella fase di aggiudicazione (UUID).", Kind.UUID, true))),
            SchedaCode.I1, new Form(SchedaCode.I1, "Consegna dei lavori / avvio dell'esecuzione",
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
                    Field.of("datiInizio.dataApprovazione", "Approvazione del progetto esecutivo", "Non può precedere la disposizione di inizio (REG57).", Kind.DATE, false))),
            SchedaCode.SO1, new Form(SchedaCode.SO1, "Sospensione",
                    "Art. 121: il verbale di sospensione va trasmesso al RUP entro 5 giorni. I giorni di sospensione prorogano il termine.", List.of(
                    Field.of("sospensione.dataVerbaleSospensione", "Data del verbale di sospensione", null, Kind.DATE, true),
                    Field.of("sospensione.sospensioneParziale", "Sospensione parziale", "Solo una parte delle lavorazioni si ferma: alla ripresa si indica l'incidenza sul cronoprogramma.", Kind.BOOLEAN, true),
                    Field.code("sospensione.motivoSospensione", "Motivo", "Tabella ANAC motivoSospensione.", true, "motivoSospensione", CodeLists.MOTIVO_SOSPENSIONE))),
            SchedaCode.RI1, new Form(SchedaCode.RI1, "Ripresa dell'esecuzione",
                    "Il termine si sposta dei giorni di sospensione; la piattaforma calcola se le sospensioni hanno superato un quarto della durata o sei mesi.", List.of(
                    Field.of("sospensione.dataVerbaleRipresa", "Data del verbale di ripresa", null, Kind.DATE, true),
                    Field.of("sospensione.incidenzaCronoprogramma", "Incidenza sul cronoprogramma (%)", "Solo per le sospensioni parziali: quota dei lavori sospesa.", Kind.AMOUNT, false),
                    Field.of("sospensione.riserve", "Riserve dell'appaltatore", "L'appaltatore ha iscritto riserve nel verbale.", Kind.BOOLEAN, true),
                    Field.of("sospensione.verbaleNonSottoscritto", "Verbale non sottoscritto", "L'appaltatore non ha firmato il verbale di ripresa.", Kind.BOOLEAN, true))),
            SchedaCode.SQ1, new Form(SchedaCode.SQ1, "Sospensione oltre un quarto del tempo o sei mesi",
                    "La piattaforma calcola il giorno del superamento: non servono altri dati.", List.of()),
            SchedaCode.CO1, new Form(SchedaCode.CO1, "Conclusione del contratto",
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
                    Field.of("conclusione.diCuiMortali", "di cui mortali", null, Kind.INTEGER, false))));

    private EventForms() {
    }

    static Optional<Form> form(SchedaCode code) {
        return Optional.ofNullable(FORMS.get(code));
    }

    /**
     * The anacForm data of a submitted form: nested by path, typed by kind; blank fields left out.
     * Numbers in Italian notation ("1.234,56") are read; unreadable ones are passed through as text
     * so that the scheda's own checks report them beside the field.
     */
    static Map<String, Object> data(Form form, Map<String, String> submitted) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Field field : form.fields()) {
            String raw = submitted.get(field.path());
            if (raw == null || raw.isBlank()) {
                continue;
            }
            Object value = switch (field.kind()) {
                case BOOLEAN -> Boolean.valueOf(raw);
                case AMOUNT, INTEGER -> number(raw);
                case CODE -> Map.of("idTipologica", field.codeList(), "codice", raw);
                default -> raw.trim();
            };
            put(data, field.path(), value);
        }
        return data;
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

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> data, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = data;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(parts[parts.length - 1], value);
    }
}
