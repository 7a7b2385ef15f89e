package it.openesecuzione.documents;

import it.openesecuzione.documents.PdfDocuments.Fact;
import it.openesecuzione.execution.CodeLists;
import it.openesecuzione.execution.ContractTerm;
import it.openesecuzione.execution.ExecutionTimeline;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The verbale of an execution event, written from its scheda: the handover (verbale di consegna,
 * I1), a suspension (SO1), the resumption (RI1) with the new term, the completion (certificato di
 * ultimazione, CO1) with the days late. The anacForm fields are all listed, with Italian labels.
 */
record Minutes(String title, String subtitle, boolean annulled, List<String> paragraphs, List<Fact> facts,
        List<Signature> signatures) {

    /** The events that have a verbale. */
    static final Set<SchedaCode> CODES = EnumSet.of(SchedaCode.I1, SchedaCode.SO1, SchedaCode.RI1, SchedaCode.CO1);

    private enum Kind { DATE, BOOLEAN, CODE, MONEY, PERCENT, NUMBER, TEXT }

    private record Field(String name, String label, Kind kind) {
    }

    private static final List<Field> I1_FIELDS = List.of(
            new Field("dataDisposizioneInizio", "Disposizione di avvio dell'esecuzione", Kind.DATE),
            new Field("dataApprovazione", "Approvazione", Kind.DATE),
            new Field("consegnaFrazionata", "Consegna frazionata (parziale)", Kind.BOOLEAN),
            new Field("avvioPerFasi", "Avvio per fasi", Kind.BOOLEAN),
            new Field("dataVerbalePrimaConsegna", "Verbale di prima consegna", Kind.DATE),
            new Field("dataAvvioPrimaFase", "Avvio della prima fase", Kind.DATE),
            new Field("dataVerbaleConsegnaDefinitiva", "Verbale di consegna definitiva", Kind.DATE),
            new Field("consegnaSottoRiserva", "Consegna sotto riserva di legge", Kind.BOOLEAN),
            new Field("dataEffettivoInizio", "Effettivo inizio dell'esecuzione", Kind.DATE),
            new Field("dataFinePrevista", "Termine previsto per l'ultimazione", Kind.DATE));
    private static final List<Field> SO1_FIELDS = List.of(
            new Field("dataVerbaleSospensione", "Data del verbale di sospensione", Kind.DATE),
            new Field("sospensioneParziale", "Sospensione parziale", Kind.BOOLEAN),
            new Field("motivoSospensione", "Motivo della sospensione", Kind.CODE));
    private static final List<Field> RI1_FIELDS = List.of(
            new Field("dataVerbaleRipresa", "Data del verbale di ripresa", Kind.DATE),
            new Field("incidenzaCronoprogramma", "Incidenza della sospensione parziale sul cronoprogramma", Kind.PERCENT),
            new Field("superatoTempo", "Sospensioni oltre un quarto della durata o sei mesi (art. 121 c. 4)", Kind.BOOLEAN),
            new Field("riserve", "Riserve dell'appaltatore", Kind.BOOLEAN),
            new Field("verbaleNonSottoscritto", "Verbale non sottoscritto dall'appaltatore", Kind.BOOLEAN));
    private static final List<Field> CO1_FIELDS = List.of(
            new Field("dataUltimazione", "Data di ultimazione", Kind.DATE),
            new Field("dataInterruzioneAnticipata", "Data di interruzione anticipata", Kind.DATE),
            new Field("causaInterruzioneAnticipata", "Causa dell'interruzione anticipata", Kind.CODE),
            new Field("motiviRisoluzione", "Motivi della risoluzione", Kind.CODE),
            new Field("oneriEconomiciRisoluzioneRecesso", "Oneri economici della risoluzione o del recesso", Kind.CODE),
            new Field("importo", "Importo degli oneri", Kind.MONEY),
            new Field("incamerataPolizza", "Garanzia incamerata", Kind.BOOLEAN),
            new Field("dataStipula", "Data di stipula", Kind.DATE),
            new Field("numeroInfortuni", "Infortuni in cantiere", Kind.NUMBER),
            new Field("diCuiPostumiPermanenti", "di cui con postumi permanenti", Kind.NUMBER),
            new Field("diCuiMortali", "di cui mortali", Kind.NUMBER));

    /**
     * The verbale of {@code event}.
     *
     * @param history every event of the contract (annulled ones included), for the suspension a
     *                resumption ends and for the term as it stood on the event's day
     * @throws IllegalArgumentException for an event without a verbale (see {@link #CODES})
     */
    static Minutes of(DocumentHeader h, RecordedScheda event, List<RecordedScheda> history) {
        Formats f = Formats.IT;
        boolean works = h.works();
        String director = h.director().isEmpty() ? h.directorTitle().replace("Il D", "il D")
                : h.directorTitle().replace("Il D", "il D") + " " + h.director();
        String subtitle = "Evento n. " + event.seq() + " – scheda ANAC " + event.code().name() + " del " + f.date(event.eventDate());
        List<String> paragraphs = new ArrayList<>();
        List<Fact> facts = new ArrayList<>();
        List<Signature> signatures = new ArrayList<>();
        signatures.add(Signature.of(h.directorTitle(), h.director()));
        signatures.add(Signature.of("L'appaltatore", h.contractor()));
        String title;
        String object = works ? "dei lavori" : "delle prestazioni";
        switch (event.code()) {
            case I1 -> {
                Map<String, Object> section = section(event, "datiInizio");
                title = works ? "Verbale di consegna dei lavori" : "Verbale di avvio dell'esecuzione del contratto";
                boolean partial = Boolean.TRUE.equals(section.get("consegnaFrazionata"));
                boolean reserve = Boolean.TRUE.equals(section.get("consegnaSottoRiserva"));
                paragraphs.add("Il giorno " + f.date(event.eventDate()) + " " + director + ", alla presenza dell'appaltatore "
                        + h.contractor() + ", ha proceduto " + (works ? "alla consegna " + (partial ? "parziale " : "")
                        + "dei lavori in oggetto" : "all'avvio dell'esecuzione del contratto in oggetto")
                        + (reserve ? ", in via d'urgenza sotto riserva di legge" : "") + ".");
                LocalDate end = date(section.get("dataFinePrevista"));
                if (end != null) {
                    paragraphs.add("Il termine per l'ultimazione " + object + " è fissato al " + f.date(end) + ": " + h.durationDays()
                            + " giorni naturali e consecutivi dalla data del presente verbale.");
                }
                facts.add(new Fact("Durata contrattuale", h.durationDays() + " giorni naturali e consecutivi"));
                facts.addAll(facts(section, I1_FIELDS));
            }
            case SO1 -> {
                Map<String, Object> section = section(event, "sospensione");
                title = works ? "Verbale di sospensione dei lavori" : "Verbale di sospensione dell'esecuzione";
                boolean partial = Boolean.TRUE.equals(section.get("sospensioneParziale"));
                String reason = value(section.get("motivoSospensione"), Kind.CODE, "motivoSospensione");
                paragraphs.add("Il giorno " + f.date(event.eventDate()) + " " + director + ", ai sensi dell'art. 121 del D.Lgs. 36/2023, "
                        + "dispone la sospensione " + (partial ? "parziale" : "totale") + " " + object
                        + (reason.isEmpty() ? "." : " per il seguente motivo: " + reason.toLowerCase(java.util.Locale.ITALIAN) + "."));
                paragraphs.add("Il presente verbale è trasmesso al RUP entro cinque giorni. La ripresa " + object + " è disposta con "
                        + "apposito verbale, venute meno le cause della sospensione.");
                facts.addAll(facts(section, SO1_FIELDS));
                signatures.add(new Signature("Il RUP", h.rup(), "visto"));
            }
            case RI1 -> {
                Map<String, Object> section = section(event, "sospensione");
                title = works ? "Verbale di ripresa dei lavori" : "Verbale di ripresa dell'esecuzione";
                Optional<RecordedScheda> suspension = suspensionEndedBy(event, history);
                StringBuilder text = new StringBuilder("Il giorno " + f.date(event.eventDate()) + " " + director + ", venute meno le cause ");
                text.append(suspension.map(s -> "della sospensione disposta il " + f.date(s.eventDate()) + " (evento n. " + s.seq() + ")")
                        .orElse("della sospensione")).append(", dispone la ripresa ").append(object).append('.');
                paragraphs.add(text.toString());
                if (suspension.isPresent()) {
                    long days = ChronoUnit.DAYS.between(suspension.get().eventDate(), event.eventDate());
                    facts.add(new Fact("Sospensione disposta il", f.date(suspension.get().eventDate())));
                    facts.add(new Fact("Durata della sospensione", days + " giorni"));
                }
                termAsOf(h, event, history).ifPresent(term -> {
                    LocalDate deadline = term.deadline(event.eventDate());
                    paragraphs.add("Tenuto conto delle sospensioni, delle proroghe e delle modifiche, il nuovo termine per l'ultimazione "
                            + object + " è fissato al " + f.date(deadline) + ".");
                    facts.add(new Fact("Nuovo termine per l'ultimazione", f.date(deadline)));
                });
                facts.addAll(facts(section, RI1_FIELDS));
                signatures.add(new Signature("Il RUP", h.rup(), "visto"));
            }
            case CO1 -> {
                Map<String, Object> section = section(event, "conclusione");
                LocalDate completed = date(section.get("dataUltimazione"));
                if (completed != null) {
                    title = works ? "Certificato di ultimazione dei lavori" : "Certificato di ultimazione delle prestazioni";
                    paragraphs.add(capitalised(director) + ", eseguiti i necessari accertamenti in contraddittorio con l'appaltatore, "
                            + "certifica che " + (works ? "i lavori in oggetto sono stati ultimati" : "le prestazioni in oggetto sono "
                            + "state ultimate") + " il giorno " + f.date(completed) + ".");
                    termAsOf(h, event, history).ifPresent(term -> {
                        LocalDate deadline = term.deadline(completed);
                        long late = Math.max(0, ChronoUnit.DAYS.between(deadline, completed));
                        paragraphs.add("Il termine contrattuale, tenuto conto delle sospensioni, delle proroghe e delle modifiche, era "
                                + "fissato al " + f.date(deadline) + ": " + (late == 0 ? "l'ultimazione è avvenuta nel termine."
                                : "l'ultimazione è avvenuta con " + late + " giorni di ritardo, per i quali si applicano le penali "
                                        + "previste dal contratto (art. 126)."));
                        facts.add(new Fact("Termine contrattuale", f.date(deadline)));
                        facts.add(new Fact("Giorni di ritardo", String.valueOf(late)));
                    });
                } else {
                    title = "Verbale di conclusione anticipata del contratto";
                    String cause = value(section.get("causaInterruzioneAnticipata"), Kind.CODE, "causaInterruzioneAnticipata");
                    paragraphs.add("Il contratto si è concluso anticipatamente il giorno " + f.date(event.eventDate())
                            + (cause.isEmpty() ? "." : " per la seguente causa: " + cause.toLowerCase(java.util.Locale.ITALIAN) + "."));
                }
                facts.addAll(facts(section, CO1_FIELDS));
                signatures.add(new Signature("Il RUP", h.rup(), "visto"));
            }
            default -> throw new IllegalArgumentException("Per l'evento " + event.code() + " non è previsto un verbale");
        }
        return new Minutes(title, subtitle, event.annulled(), paragraphs, facts, signatures);
    }

    /** The suspension a resumption ends: the event it refers to, else the last SO1 before it. */
    private static Optional<RecordedScheda> suspensionEndedBy(RecordedScheda resumption, List<RecordedScheda> history) {
        if (resumption.relatedSeq() != null) {
            Optional<RecordedScheda> related = history.stream().filter(s -> s.seq() == resumption.relatedSeq()).findFirst();
            if (related.isPresent()) {
                return related;
            }
        }
        return history.stream().filter(s -> s.code() == SchedaCode.SO1 && s.seq() < resumption.seq() && !s.annulled())
                .reduce((a, b) -> b);
    }

    /** The term as the events up to this one (not annulled) set it. */
    private static Optional<ContractTerm> termAsOf(DocumentHeader h, RecordedScheda event, List<RecordedScheda> history) {
        List<RecordedScheda> upTo = history.stream().filter(s -> !s.annulled() && s.seq() <= event.seq()).toList();
        try {
            return ExecutionTimeline.of(upTo, h.durationDays()).term();
        } catch (RuntimeException e) {
            // An event recorded without the sections the timeline reads: the verbale goes without the term.
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(RecordedScheda event, String name) {
        Object section = event.anacForm() == null ? null : event.anacForm().get(name);
        return section instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The fields of a section with their labels, known ones first in ANAC's order, then any other. */
    private static List<Fact> facts(Map<String, Object> section, List<Field> known) {
        List<Fact> facts = new ArrayList<>();
        Map<String, Object> rest = new LinkedHashMap<>(section);
        for (Field field : known) {
            Object value = rest.remove(field.name());
            String text = value(value, field.kind(), field.name());
            if (!text.isEmpty()) {
                facts.add(new Fact(field.label(), text));
            }
        }
        rest.forEach((name, value) -> {
            String text = value(value, value instanceof Map<?, ?> ? Kind.CODE : Kind.TEXT, name);
            if (!text.isEmpty()) {
                facts.add(new Fact(name, text));
            }
        });
        return facts;
    }

    private static String value(Object value, Kind kind, String name) {
        if (value == null) {
            return "";
        }
        Formats f = Formats.IT;
        return switch (kind) {
            case DATE -> {
                LocalDate date = date(value);
                yield date == null ? value.toString() : f.date(date);
            }
            case BOOLEAN -> value instanceof Boolean b ? f.yesNo(b) : value.toString();
            case CODE -> {
                if (value instanceof Map<?, ?> coded) {
                    Object list = coded.get("idTipologica");
                    Object code = coded.get("codice");
                    Map<String, String> labels = CodeLists.BY_NAME.get(list == null ? name : list.toString());
                    String label = labels == null || code == null ? null : labels.get(code.toString());
                    yield label != null ? label : String.valueOf(code);
                }
                yield value.toString();
            }
            case MONEY -> f.money(new BigDecimal(value.toString()));
            case PERCENT -> f.percent(new BigDecimal(value.toString()));
            case NUMBER -> value.toString();
            case TEXT -> value instanceof Boolean b ? f.yesNo(b) : value.toString();
        };
    }

    /** A legal date from an anacForm value: "2026-03-02" or "2026-03-02T00:00:00Z"; null if it is not one. */
    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        try {
            return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
