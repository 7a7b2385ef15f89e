package it.openesecuzione.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractTermTest {

    private static final LocalDate HANDOVER = LocalDate.of(2026, 3, 1);
    private static final Period SIX_MONTHS = Period.ofMonths(6);

    @Test
    void theDurationRunsFromTheDayAfterTheHandover() {
        ContractTerm term = new ContractTerm(30, HANDOVER, List.of(), 0, 0);

        assertThat(term.originalDeadline()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void aClosedTotalSuspensionExtendsTheTermByItsDays() {
        // Suspended on 10 April, resumed on 20 April: ten days lost, ten days more.
        ContractTerm term = new ContractTerm(365, HANDOVER,
                List.of(Suspension.total(LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 20))), 0, 0);

        assertThat(term.suspendedDays(LocalDate.of(2026, 12, 31))).isEqualTo(10);
        assertThat(term.deadline(LocalDate.of(2026, 12, 31))).isEqualTo(LocalDate.of(2027, 3, 11));
    }

    @Test
    void anOpenSuspensionKeepsMovingTheTerm() {
        ContractTerm term = new ContractTerm(100, HANDOVER, List.of(Suspension.total(LocalDate.of(2026, 3, 11), null)), 0, 0);

        assertThat(term.isSuspended(LocalDate.of(2026, 3, 15))).isTrue();
        assertThat(term.suspendedDays(LocalDate.of(2026, 3, 15))).isEqualTo(4);
        assertThat(term.suspendedDays(LocalDate.of(2026, 3, 21))).isEqualTo(10);
    }

    @Test
    void aPartialSuspensionCountsForItsIncidenceRoundedUp() {
        // 15 days at 30% = 4.5 days, which extends the term by 5.
        ContractTerm term = new ContractTerm(200, HANDOVER,
                List.of(new Suspension(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 16), new BigDecimal("30"))), 0, 0);

        assertThat(term.suspendedDays(LocalDate.of(2026, 6, 1))).isEqualTo(5);
    }

    @Test
    void proroghePlusModificationDaysExtendTheTerm() {
        ContractTerm term = new ContractTerm(60, HANDOVER, List.of(), 15, 20);

        assertThat(term.deadline(HANDOVER)).isEqualTo(HANDOVER.plusDays(95));
    }

    @Test
    void detectsTheDaySuspensionsPassAQuarterOfTheDuration() {
        // 120 days of contract: a quarter is 30 days; two suspensions of 20 days each.
        ContractTerm term = new ContractTerm(120, HANDOVER, List.of(
                Suspension.total(LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 30)),
                Suspension.total(LocalDate.of(2026, 4, 10), LocalDate.of(2026, 4, 30))), 0, 0);

        // 20 days from the first; the 31st suspended day is 21 April (11 days into the second).
        assertThat(term.quarterLimitPassed(LocalDate.of(2026, 12, 31), SIX_MONTHS)).contains(LocalDate.of(2026, 4, 21));
        assertThat(term.quarterLimitPassed(LocalDate.of(2026, 4, 20), SIX_MONTHS)).isEmpty();
    }

    @Test
    void sixMonthsIsTheLimitForLongContracts() {
        // Four years: a quarter would be a year, but six months come first.
        ContractTerm term = new ContractTerm(1460, HANDOVER, List.of(Suspension.total(LocalDate.of(2026, 6, 1), null)), 0, 0);

        assertThat(term.quarterLimitPassed(LocalDate.of(2027, 6, 1), SIX_MONTHS)).contains(LocalDate.of(2026, 12, 2));
    }

    @Test
    void rejectsAResumptionBeforeItsSuspension() {
        assertThatThrownBy(() -> Suspension.total(LocalDate.of(2026, 5, 10), LocalDate.of(2026, 5, 9)))
                .hasMessageContaining("non può precedere");
    }
}
