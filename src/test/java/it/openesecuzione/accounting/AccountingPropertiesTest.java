package it.openesecuzione.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.Percentage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the measurements, prices, ribasso, advance and VAT: the certificates, the withholding and
 * the advance recovered add up to the net works amount to the cent; the advance is recovered
 * exactly by the final statement; period figures add up to the cumulative ones.
 */
class AccountingPropertiesTest {

    record Entry(int item, BigDecimal quantity) {
    }

    @Provide
    Arbitrary<List<List<Entry>>> periods() {
        Arbitrary<Entry> entry = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("5000")).ofScale(3)).as(Entry::new);
        return entry.list().ofMinSize(1).ofMaxSize(8).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<BigDecimal>> prices() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("999.9999")).ofScale(4).list().ofSize(5);
    }

    @Property(tries = 300)
    void certificatesWithholdingAndAdvanceAddUpToTheNetWorks(@ForAll("periods") List<List<Entry>> periods,
            @ForAll("prices") List<BigDecimal> prices,
            @ForAll @BigRange(min = "0", max = "40") BigDecimal ribassoRaw,
            @ForAll @IntRange(min = 0, max = 30) int advancePercent,
            @ForAll @BigRange(min = "0", max = "22") BigDecimal vatRaw) {
        Percentage ribasso = Percentage.of(ribassoRaw.setScale(3, java.math.RoundingMode.DOWN));
        BigDecimal vat = vatRaw.setScale(2, java.math.RoundingMode.DOWN);
        List<PriceItem> items = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            items.add(new PriceItem(i + 1, "V." + i, "Voce " + i, "u", prices.get(i), BigDecimal.ZERO, i != 4));
        }
        List<Measurement> book = new ArrayList<>();
        SalStatement previousSal = null;
        CertificateFigures previous = null;
        // The contract amount: what all periods measure, plus a margin, as a bill of quantities would state it.
        Money estimate = Money.ZERO;
        for (List<Entry> period : periods) {
            for (Entry e : period) {
                estimate = estimate.plus(items.get(e.item()).amountOf(e.quantity()));
            }
        }
        Money contract = estimate.plus(Money.of("1000.00"));
        Money advance = contract.percent(BigDecimal.valueOf(advancePercent));
        Money certificates = Money.ZERO;
        Money periodNetSum = Money.ZERO;
        LocalDate day = LocalDate.parse("2026-01-31");
        for (int p = 0; p < periods.size(); p++) {
            for (Entry e : periods.get(p)) {
                book.add(new Measurement(book.size() + 1, e.item() + 1, day.minusDays(1), null, null, null, null, null, e.quantity(), null, null));
            }
            boolean last = p == periods.size() - 1;
            SalStatement sal = SalCalculator.fromMeasurements(p + 1, day, last, ribasso, items, book, previousSal);
            CertificateFigures figures = CertificateCalculator.compute(sal, previous, advance, contract, vat);
            certificates = certificates.plus(figures.amount());
            periodNetSum = periodNetSum.plus(sal.period().netWorks());
            assertThat(figures.advanceRecovered()).isLessThanOrEqualTo(advance);
            assertThat(figures.vat()).isEqualTo(figures.amount().percent(vat));
            previousSal = sal;
            previous = figures;
            day = day.plusMonths(1);
        }
        Money net = previousSal.cumulative().netWorks();
        assertThat(previous.advanceRecovered()).isEqualTo(advance);
        assertThat(certificates.plus(previous.withholding()).plus(previous.advanceRecovered())).isEqualTo(net);
        assertThat(periodNetSum).isEqualTo(net);
        // Line amounts add up to the gross totals of each part.
        Money discountable = previousSal.lines().stream().filter(SalLine::subjectToDiscount).map(SalLine::cumulativeAmount)
                .reduce(Money.ZERO, Money::plus);
        assertThat(discountable).isEqualTo(previousSal.cumulative().grossDiscountable());
    }

    @Property(tries = 200)
    void advanceRecoveryNeverDecreasesAndNeverExceedsTheAdvance(@ForAll @Size(min = 1, max = 10) List<@BigRange(min = "0", max = "100000") BigDecimal> increments,
            @ForAll @IntRange(min = 1, max = 30) int advancePercent) {
        Money contract = Money.of("500000.00");
        Money advance = contract.percent(BigDecimal.valueOf(advancePercent));
        Money cumulative = Money.ZERO;
        CertificateFigures previous = null;
        SalStatement previousSal = null;
        for (int i = 0; i < increments.size(); i++) {
            cumulative = cumulative.plus(Money.of(increments.get(i).setScale(2, java.math.RoundingMode.DOWN)));
            SalStatement sal = new SalStatement(i + 1, LocalDate.parse("2026-01-01").plusMonths(i), SalBasis.PERCENTUALE,
                    i == increments.size() - 1, BigDecimal.ONE, List.of(), new Totals(cumulative, Money.ZERO, Money.ZERO, cumulative),
                    previousSal == null ? Totals.ZERO : previousSal.cumulative());
            CertificateFigures figures = CertificateCalculator.compute(sal, previous, advance, contract, BigDecimal.TEN);
            if (previous != null) {
                assertThat(figures.advanceRecovered()).isGreaterThanOrEqualTo(previous.advanceRecovered());
            }
            assertThat(figures.advanceRecovered()).isLessThanOrEqualTo(advance);
            previous = figures;
            previousSal = sal;
        }
        assertThat(previous.advanceRecovered()).isEqualTo(advance);
    }
}
