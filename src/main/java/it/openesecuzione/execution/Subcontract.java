package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A subcontract as the contract's events tell it (art. 119): the request (RSU1), the authority's
 * outcome (ES1) and the end (CS1), each later one referring to the earlier by its number.
 *
 * <p>The authority decides within 30 days of the request, 15 for a subcontract under 2% of the
 * contract's value or under €100,000 (art. 119 c. 16); when the term passes without a decision
 * the authorisation is deemed granted (silenzio-assenso), from the day after the term.
 *
 * @param request       the RSU1
 * @param outcome       the ES1 that decided it, null while none is recorded
 * @param conclusion    the CS1 that ended it, null while none is recorded
 * @param contractValue the contract's value when the request was recorded (after the modifications
 *                      before it), which sets the term
 */
public record Subcontract(RecordedScheda request, RecordedScheda outcome, RecordedScheda conclusion,
        BigDecimal contractValue) {

    public static final int DECISION_DAYS = 30;
    public static final int SHORT_DECISION_DAYS = 15;
    private static final BigDecimal SMALL_SHARE = new BigDecimal("0.02");
    private static final BigDecimal SMALL_AMOUNT = new BigDecimal("100000");

    /** Where a subcontract stands on a given day. */
    public enum State {
        RICHIESTO("In attesa di autorizzazione"),
        AUTORIZZATO("Autorizzato"),
        AUTORIZZATO_SILENZIO_ASSENSO("Autorizzato per silenzio-assenso"),
        NON_AUTORIZZATO("Non autorizzato"),
        CONCLUSO("Concluso");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The subcontracts requested in a contract's history, in the order of their requests. */
    public static List<Subcontract> of(List<RecordedScheda> history, BigDecimal originalValue) {
        List<Subcontract> found = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            RecordedScheda event = history.get(i);
            switch (event.code()) {
                case RSU1 -> found.add(new Subcontract(event, null, null,
                        ModificationScheda.currentValue(originalValue, history.subList(0, i))));
                case ES1 -> replace(found, event.relatedSeq(), s -> new Subcontract(s.request, event, s.conclusion, s.contractValue));
                case CS1 -> {
                    for (int j = 0; j < found.size(); j++) {
                        Subcontract s = found.get(j);
                        if (s.outcome != null && event.relatedSeq() != null && s.outcome.seq() == event.relatedSeq()) {
                            found.set(j, new Subcontract(s.request, s.outcome, event, s.contractValue));
                        }
                    }
                }
                default -> { }
            }
        }
        return List.copyOf(found);
    }

    /**
     * The subcontract an event refers to: the one whose request is event {@code reference}, or,
     * when no reference is given, the only one that {@code fits} ({@code described} says how, for
     * the messages). Null, with the reason among the errors, when there is none or several.
     */
    static Subcontract pick(List<Subcontract> subcontracts, Integer reference, java.util.function.Predicate<Subcontract> fits,
            String described, List<SchedaError> errors) {
        if (reference != null) {
            for (Subcontract s : subcontracts) {
                if (s.seq() == reference) {
                    return s;
                }
            }
            errors.add(new SchedaError(SchedaError.STATE, "riferimento", "L'evento n. " + reference
                    + " non è una richiesta di subappalto (RSU1) di questo contratto"));
            return null;
        }
        List<Subcontract> candidates = subcontracts.stream().filter(fits).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        errors.add(new SchedaError(SchedaError.STATE, "riferimento", candidates.isEmpty()
                ? "Nessun subappalto " + described + " in questo contratto"
                : "Più subappalti " + described + " (richieste n. " + String.join(", ",
                        candidates.stream().map(s -> String.valueOf(s.seq())).toList()) + "): indicare in riferimento a quale si riferisce l'evento"));
        return null;
    }

    private static void replace(List<Subcontract> found, Integer requestSeq, java.util.function.UnaryOperator<Subcontract> change) {
        for (int j = 0; j < found.size(); j++) {
            if (requestSeq != null && found.get(j).seq() == requestSeq) {
                found.set(j, change.apply(found.get(j)));
            }
        }
    }

    /** The number of the request (RSU1) among the contract's events. */
    public int seq() {
        return request.seq();
    }

    public LocalDate requestedOn() {
        return request.eventDate();
    }

    /** The earlier subcontract this one descends from (a cascade), by the number of its request. */
    public Optional<Integer> parentSeq() {
        return Optional.ofNullable(request.relatedSeq());
    }

    public BigDecimal importoPresunto() {
        Object amount = section(request).get("importoPresunto");
        return amount == null ? BigDecimal.ZERO : new BigDecimal(amount.toString());
    }

    /** PCP's id of the subcontractor (idOE). */
    public String idOE() {
        return String.valueOf(operator().get("idOE"));
    }

    /** The subcontractor's name: the first subject listed. */
    public String subcontractor() {
        Object subjects = operator().get("elencoSoggetti");
        if (subjects instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            return String.valueOf(first.get("denominazione"));
        }
        return "";
    }

    /** 15 days for a small subcontract (under 2% of the contract or €100,000), 30 otherwise. */
    public int decisionDays() {
        return decisionDays(importoPresunto(), contractValue);
    }

    static int decisionDays(BigDecimal amount, BigDecimal contractValue) {
        boolean small = amount.compareTo(SMALL_AMOUNT) < 0
                || (contractValue != null && amount.compareTo(contractValue.multiply(SMALL_SHARE)) < 0);
        return small ? SHORT_DECISION_DAYS : DECISION_DAYS;
    }

    /** The last day the authority may decide. */
    public LocalDate decisionDeadline() {
        return requestedOn().plusDays(decisionDays());
    }

    /** The day silence becomes consent: the day after the term. */
    public LocalDate tacitAuthorisationOn() {
        return decisionDeadline().plusDays(1);
    }

    /** The authorisation date stated by the ES1, if it authorised. */
    public Optional<LocalDate> statedAuthorisation() {
        if (outcome == null) {
            return Optional.empty();
        }
        Object date = section(outcome).get("dataAutorizzazione");
        return date == null ? Optional.empty()
                : Optional.of(java.time.OffsetDateTime.parse(date.toString()).atZoneSameInstant(FormReader.ROME).toLocalDate());
    }

    /** When the subcontract was authorised, expressly or by silence, as of {@code today}. */
    public Optional<LocalDate> authorisedOn(LocalDate today) {
        if (outcome != null) {
            return statedAuthorisation();
        }
        return today.isBefore(tacitAuthorisationOn()) ? Optional.empty() : Optional.of(tacitAuthorisationOn());
    }

    public State state(LocalDate today) {
        if (conclusion != null) {
            return State.CONCLUSO;
        }
        if (outcome != null) {
            return statedAuthorisation().isPresent() ? State.AUTORIZZATO : State.NON_AUTORIZZATO;
        }
        return authorisedOn(today).isPresent() ? State.AUTORIZZATO_SILENZIO_ASSENSO : State.RICHIESTO;
    }

    private Map<?, ?> operator() {
        Object operator = section(request).get("operatoreEconomicoSubappaltatore");
        return operator instanceof Map<?, ?> map ? map : Map.of();
    }

    private static Map<?, ?> section(RecordedScheda event) {
        Object section = event.anacForm().get("subappalto");
        return section instanceof Map<?, ?> map ? map : Map.of();
    }
}
