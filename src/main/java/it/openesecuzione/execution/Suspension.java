package it.openesecuzione.execution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A suspension of the works or services (art. 121 D.Lgs. 36/2023), from the day of the verbale di
 * sospensione to the day of the verbale di ripresa (null while it lasts). A partial suspension
 * stops only part of the work: it extends the term in proportion to its incidence on the
 * schedule ({@code incidenzaCronoprogramma}, percent).
 */
public record Suspension(LocalDate from, LocalDate to, BigDecimal incidencePercent) {

    private static final BigDecimal HUNDRED = new BigDecimal("100");

    public Suspension {
        Objects.requireNonNull(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("La ripresa (" + to + ") non può precedere la sospensione (" + from + ")");
        }
        incidencePercent = incidencePercent == null ? HUNDRED : incidencePercent;
        if (incidencePercent.signum() <= 0 || incidencePercent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("L'incidenza della sospensione parziale va da 0 a 100%, non " + incidencePercent);
        }
    }

    public static Suspension total(LocalDate from, LocalDate to) {
        return new Suspension(from, to, HUNDRED);
    }

    public boolean isOpen() {
        return to == null;
    }

    public boolean isPartial() {
        return incidencePercent.compareTo(HUNDRED) < 0;
    }

    /** Calendar days stopped up to {@code asOf} (the resumption day is a working day again). */
    public long calendarDays(LocalDate asOf) {
        LocalDate end = to == null || to.isAfter(asOf) ? asOf : to;
        return Math.max(0, ChronoUnit.DAYS.between(from, end));
    }

    /**
     * Days by which this suspension extends the contract term: all of them for a total
     * suspension, the incidence's share for a partial one, rounded up to a whole day (a term is
     * counted in whole days, and rounding down would shorten what the contractor is owed).
     */
    public long extensionDays(LocalDate asOf) {
        long days = calendarDays(asOf);
        if (!isPartial()) {
            return days;
        }
        return BigDecimal.valueOf(days).multiply(incidencePercent).divide(HUNDRED, 0, RoundingMode.CEILING).longValueExact();
    }
}
