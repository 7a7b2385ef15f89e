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
        RecordedScheda openSuspension, boolean sq1Recorded, long modificationDays, long extensionDays,
        List<RecordedScheda> progressStatements) {

    /** Six months, for the suspension limit of art. 121 c. 4. */
    public static final Period SIX_MONTHS = Period.ofMonths(6);

    public ExecutionTimeline {
        suspensions = List.copyOf(suspensions);
        progressStatements = List.copyOf(progressStatements);
    }

    /** A timeline without proroghe and SAL (SA1), as before they were tracked. */
    public ExecutionTimeline(LocalDate signedOn, LocalDate handedOverOn, int durationDays, List<Suspension> suspensions,
            RecordedScheda openSuspension, boolean sq1Recorded, long modificationDays) {
        this(signedOn, handedOverOn, durationDays, suspensions, openSuspension, sq1Recorded, modificationDays, 0, List.of());
    }

    @SuppressWarnings("unchecked")
    public static ExecutionTimeline of(List<RecordedScheda> history, int durationDays) {
        LocalDate signed = null;
        LocalDate handover = null;
        List<Suspension> suspensions = new ArrayList<>();
        RecordedScheda open = null;
        boolean sq1 = false;
        long modificationDays = 0;
        long extensionDays = 0;
        List<RecordedScheda> progress = new ArrayList<>();
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
                case SA1 -> {
                    // Each SA1 states the proroghe granted with it (not due to modifications): they add up.
                    extensionDays += number(avanzamento(event), "numGiorniProroga").longValue();
                    progress.add(event);
                }
                default -> { }
            }
        }
        if (open != null) {
            // An open partial suspension counts in full until the resumption states its incidence.
            suspensions.add(Suspension.total(open.eventDate(), null));
        }
        return new ExecutionTimeline(signed, handover, durationDays, suspensions, open, sq1, modificationDays, extensionDays,
                progress);
    }

    /**
     * The day the contract was concluded: the date of the last CO1 recorded (completion or early
     * termination), empty before it. Acceptance (CL1) follows it, within six months (art. 116).
     */
    public static Optional<LocalDate> completedOn(List<RecordedScheda> history) {
        LocalDate completed = null;
        for (RecordedScheda event : history) {
            if (event.code() == SchedaCode.CO1) {
                completed = event.eventDate();
            }
        }
        return Optional.ofNullable(completed);
    }

    /** The extra days a modification granted (numGiorniProroga of its economic framework). */
    @SuppressWarnings("unchecked")
    private static long extraDays(java.util.Map<String, Object> anacForm) {
        Object section = anacForm.get("modificaContrattuale");
        Object framework = section instanceof java.util.Map<?, ?> map ? map.get("quadroEconomicoStandardRideterminato") : null;
        Object days = framework instanceof java.util.Map<?, ?> map ? map.get("numGiorniProroga") : null;
        return days == null ? 0 : new BigDecimal(days.toString()).longValue();
    }

    /** The cumulative impSal of a recorded SA1 (euro). */
    public static BigDecimal impSal(RecordedScheda sa1) {
        return number(avanzamento(sa1), "impSal");
    }

    /** The advance payment stated by a recorded SA1, zero when none (euro). */
    public static BigDecimal impAnticipazione(RecordedScheda sa1) {
        return number(avanzamento(sa1), "impAnticipazione");
    }

    /** The last cumulative impSal, zero before the first SA1. */
    public BigDecimal lastImpSal() {
        return progressStatements.isEmpty() ? BigDecimal.ZERO : impSal(progressStatements.get(progressStatements.size() - 1));
    }

    private static java.util.Map<?, ?> avanzamento(RecordedScheda sa1) {
        Object section = sa1.anacForm().get("avanzamento");
        return section instanceof java.util.Map<?, ?> map ? map : java.util.Map.of();
    }

    private static BigDecimal number(java.util.Map<?, ?> section, String name) {
        Object value = section.get(name);
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }

    /** The term, once the works or services have started. */
    public Optional<ContractTerm> term() {
        return handedOverOn == null ? Optional.empty()
                : Optional.of(new ContractTerm(durationDays, handedOverOn, suspensions, extensionDays, modificationDays));
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
