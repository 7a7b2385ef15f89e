package it.openesecuzione.accounting;

import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/**
 * Interest on a late payment: simple interest on the amount from the day after it was due to the
 * day it was paid (or today), each day at the rate in force that day, on a 365-day year, rounded
 * once to the cent at the end.
 */
public final class LatePaymentInterest {

    private static final BigDecimal YEAR = BigDecimal.valueOf(36500);

    private LatePaymentInterest() {
    }

    /**
     * @param rates the rates entered; days before the first one earn nothing (the UI says the rate is missing)
     */
    public static Money compute(Money amount, LocalDate due, LocalDate paidOrToday, List<LegalRate> rates) {
        if (!paidOrToday.isAfter(due) || amount.compareTo(Money.ZERO) <= 0) {
            return Money.ZERO;
        }
        List<LegalRate> sorted = rates.stream().sorted(Comparator.comparing(LegalRate::validFrom)).toList();
        BigDecimal interest = BigDecimal.ZERO;
        // Days late run from due+1 to paidOrToday inclusive: [due+1, paidOrToday+1).
        LocalDate from = due.plusDays(1);
        LocalDate end = paidOrToday.plusDays(1);
        for (int i = 0; i < sorted.size(); i++) {
            LocalDate rateStart = sorted.get(i).validFrom();
            LocalDate rateEnd = i + 1 < sorted.size() ? sorted.get(i + 1).validFrom() : end;
            LocalDate start = rateStart.isAfter(from) ? rateStart : from;
            LocalDate stop = rateEnd.isBefore(end) ? rateEnd : end;
            long days = ChronoUnit.DAYS.between(start, stop);
            if (days > 0) {
                interest = interest.add(amount.amount().multiply(sorted.get(i).annualPercent())
                        .multiply(BigDecimal.valueOf(days)).divide(YEAR, MathContext.DECIMAL64));
            }
        }
        return Money.of(interest);
    }

    /** Days of the period not covered by any rate entered: the interest on them is unknown. */
    public static boolean missingRate(LocalDate due, List<LegalRate> rates) {
        return rates.stream().noneMatch(rate -> !rate.validFrom().isAfter(due.plusDays(1)));
    }
}
