package it.openesecuzione.execution;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The contract term and what moves it: the duration runs from the handover (verbale di consegna,
 * or actual start of services), extended by suspended days, extensions (proroghe) and the extra
 * days granted by modifications.
 *
 * <p>Days are counted the civil-law way (art. 2963 c.c.): the starting day is not counted, so a
 * 30-day contract handed over on 1 March ends on 31 March.
 *
 * @param durationDays     contractual duration in calendar days
 * @param start            handover / actual start, the day the duration starts to run
 * @param suspensions      every suspension, in order
 * @param extensionDays    proroghe granted (not due to modifications): {@code numGiorniProroga}
 * @param modificationDays extra days granted by contract modifications
 */
public record ContractTerm(int durationDays, LocalDate start, List<Suspension> suspensions, long extensionDays,
        long modificationDays) {

    public ContractTerm {
        if (durationDays <= 0) {
            throw new IllegalArgumentException("La durata contrattuale deve essere positiva");
        }
        Objects.requireNonNull(start, "start");
        suspensions = List.copyOf(suspensions);
        if (extensionDays < 0 || modificationDays < 0) {
            throw new IllegalArgumentException("Proroghe e giorni aggiuntivi non possono essere negativi");
        }
    }

    /** The original deadline, before suspensions and extensions. */
    public LocalDate originalDeadline() {
        return start.plusDays(durationDays);
    }

    /** Suspended days that extend the term as of a day (open suspensions count up to it). */
    public long suspendedDays(LocalDate asOf) {
        return suspensions.stream().mapToLong(s -> s.extensionDays(asOf)).sum();
    }

    /** The deadline as of a day: original, plus suspended days, proroghe and modification days. */
    public LocalDate deadline(LocalDate asOf) {
        return originalDeadline().plusDays(suspendedDays(asOf) + extensionDays + modificationDays);
    }

    public boolean isSuspended(LocalDate asOf) {
        return suspensions.stream().anyMatch(s -> !s.from().isAfter(asOf) && (s.to() == null || s.to().isAfter(asOf)));
    }

    /**
     * The day on which suspensions together passed the limit of art. 121 c. 4 — a quarter of the
     * contract duration, or in any case six months (counted from the first suspension) — so that
     * the SQ1 scheda is due and the contractor may ask to terminate. Partial suspensions count for
     * their incidence. Empty if the limit was not passed by {@code asOf}.
     *
     * @param sixMonths the "six months", configurable, since the law gives no day count
     */
    public Optional<LocalDate> quarterLimitPassed(LocalDate asOf, Period sixMonths) {
        if (suspensions.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = suspensions.get(0).from();
        long sixMonthsDays = ChronoUnit.DAYS.between(first, first.plus(sixMonths));
        for (LocalDate day = first.plusDays(1); !day.isAfter(asOf); day = day.plusDays(1)) {
            long suspended = suspendedDays(day);
            if (suspended * 4 > durationDays || suspended > sixMonthsDays) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }
}
