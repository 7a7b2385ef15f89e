package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The key dates of a contract's execution, read from its recorded events: signing, handover, the
 * suspensions (SO1 … RI1), the term as it stands, and when suspensions passed the limit that makes
 * SQ1 due.
 */
public record ExecutionTimeline(LocalDate signedOn, LocalDate handedOverOn, int durationDays, List<Suspension> suspensions,
        RecordedScheda openSuspension, boolean sq1Recorded, long modificationDays) {

    /** Six months, for the suspension limit of art. 121 c. 4. */
    public static final Period SIX_MONTHS = Period.ofMonths(6);

    public ExecutionTimeline {
        suspensions = List.copyOf(suspensions);
    }

    @SuppressWarnings("unchecked")
    public static ExecutionTimeline of(List<RecordedScheda> history, int durationDays) {
        LocalDate signed = null;
        LocalDate handover = null;
        List<Suspension> suspensions = new ArrayList<>();
        RecordedScheda open = null;
        boolean sq1 = false;
        long modificationDays = 0;
        for (RecordedScheda event : history) {
            switch (event.code()) {
                case SC1 -> signed = event.eventDate();
                case I1 -> handover = handover == null ? event.eventDate() : handover;
                case SO1 -> open = event;
                case RI1 -> {
                    if (open != null) {
                        Object incidence = ((java.util.Map<String, Object>) event.anacForm().get("sospensione"))
                                .get("incidenzaCronoprogramma");
                        suspensions.add(new Suspension(open.eventDate(), event.eventDate(),
                                incidence == null ? null : new BigDecimal(incidence.toString())));
                        open = null;
                        sq1 = false;
                    }
                }
                case SQ1 -> sq1 = true;
                case M1, M2, M1_40, M2_40 -> modificationDays += extraDays(event.anacForm());
                default -> { }
            }
        }
        if (open != null) {
            // An open partial suspension counts in full until the resumption states its incidence.
            suspensions.add(Suspension.total(open.eventDate(), null));
        }
        return new ExecutionTimeline(signed, handover, durationDays, suspensions, open, sq1, modificationDays);
    }

    /** The extra days a modification granted (numGiorniProroga of its economic framework). */
    @SuppressWarnings("unchecked")
    private static long extraDays(java.util.Map<String, Object> anacForm) {
        Object section = anacForm.get("modificaContrattuale");
        Object framework = section instanceof java.util.Map<?, ?> map ? map.get("quadroEconomicoStandardRideterminato") : null;
        Object days = framework instanceof java.util.Map<?, ?> map ? map.get("numGiorniProroga") : null;
        return days == null ? 0 : new BigDecimal(days.toString()).longValue();
    }

    /** The term, once the works or services have started. */
    public Optional<ContractTerm> term() {
        return handedOverOn == null ? Optional.empty()
                : Optional.of(new ContractTerm(durationDays, handedOverOn, suspensions, 0, modificationDays));
    }

    public boolean suspended() {
        return openSuspension != null;
    }

    /** When the current suspension(s) passed the limit, if they did by {@code asOf}. */
    public Optional<LocalDate> suspensionLimitPassed(LocalDate asOf) {
        if (handedOverOn == null) {
            return new ContractTerm(durationDays, suspensions.isEmpty() ? asOf : suspensions.get(0).from(), suspensions, 0, 0)
                    .quarterLimitPassed(asOf, SIX_MONTHS);
        }
        return term().flatMap(term -> term.quarterLimitPassed(asOf, SIX_MONTHS));
    }

    /** SQ1 is due: a suspension is in progress, passed the limit, and SQ1 was not sent for it. */
    public boolean sq1Due(LocalDate asOf) {
        return suspended() && !sq1Recorded && suspensionLimitPassed(asOf).isPresent();
    }
}
