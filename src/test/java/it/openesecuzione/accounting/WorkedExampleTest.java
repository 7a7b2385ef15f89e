package it.openesecuzione.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.Percentage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A works contract as a direttore dei lavori and a RUP account it by hand: price list with a 10%
 * ribasso and safety costs, a 20% advance, three SALs (the third the stato finale), their payment
 * certificates with the 0.50% withholding and 10% VAT in split payment, and the final account with
 * penalties. Every figure below was computed by hand in the comments; rounding is half up to the
 * cent, once, on cumulative figures.
 *
 * <p>Contract: works 500,000.00 at tender prices, 10% ribasso → 450,000.00, plus safety costs
 * 20,000.00 → importo contrattuale 470,000.00.
 */
class WorkedExampleTest {

    static final Percentage RIBASSO = Percentage.of("10");
    static final Money CONTRACT = Money.of("470000.00");
    static final Money ADVANCE = CONTRACT.percent(new BigDecimal("20")); // 94,000.00
    static final BigDecimal VAT = new BigDecimal("10");

    static final PriceItem SCAVO = new PriceItem(1, "A.01", "Scavo a sezione obbligata", "m³", new BigDecimal("12.50"),
            new BigDecimal("4000"), true);
    static final PriceItem CLS = new PriceItem(2, "A.02", "Calcestruzzo C25/30 per fondazioni", "m³", new BigDecimal("120.00"),
            new BigDecimal("2500"), true);
    static final PriceItem ACCIAIO = new PriceItem(3, "A.03", "Acciaio B450C per armature", "kg", new BigDecimal("1.35"),
            new BigDecimal("65000"), true);
    static final PriceItem PONTEGGIO = new PriceItem(4, "S.01", "Ponteggio (oneri della sicurezza)", "m²", new BigDecimal("8.40"),
            new BigDecimal("2600"), false);
    static final List<PriceItem> LIST = List.of(SCAVO, CLS, ACCIAIO, PONTEGGIO);

    private final List<Measurement> book = new ArrayList<>();

    private void measure(PriceItem item, String date, String parts, String length, String width, String height) {
        BigDecimal q = Measurement.quantityOf(dec(parts), dec(length), dec(width), dec(height), null);
        book.add(new Measurement(book.size() + 1, item.id(), LocalDate.parse(date), null, dec(parts), dec(length), dec(width),
                dec(height), q, null, null));
    }

    private void measure(PriceItem item, String date, String quantity) {
        book.add(new Measurement(book.size() + 1, item.id(), LocalDate.parse(date), null, null, null, null, null,
                new BigDecimal(quantity), null, null));
    }

    private static BigDecimal dec(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static Money euro(String text) {
        return Money.of(text);
    }

    @Test
    void threeSalsAdvanceWithholdingVatAndFinalAccountAddUpToTheCent() {
        // --- SAL 1 at 30 April 2026
        measure(SCAVO, "2026-04-10", "1", "850.00", "2.40", "1.50");   // 3,060.000 m³
        measure(CLS, "2026-04-20", "1", "420.00", "0.60", "0.50");     //   126.000 m³
        measure(CLS, "2026-04-21", "4", "15.00", "1.20", "0.30");      //    21.600 m³ → 147.600
        measure(ACCIAIO, "2026-04-22", "12345.678");                   // 12,345.678 kg
        measure(PONTEGGIO, "2026-04-05", "1", "320.00", "6.50", null); // 2,080.000 m²
        SalStatement sal1 = SalCalculator.fromMeasurements(1, LocalDate.parse("2026-04-30"), false, RIBASSO, LIST, book, null);

        // Scavo 3,060 × 12.50 = 38,250.00; cls 147.6 × 120 = 17,712.00; acciaio 12,345.678 × 1.35 = 16,666.6653 → 16,666.67
        assertThat(line(sal1, SCAVO).cumulativeAmount()).isEqualTo(euro("38250.00"));
        assertThat(line(sal1, CLS).cumulativeQuantity()).isEqualByComparingTo("147.600");
        assertThat(line(sal1, CLS).entries()).isEqualTo(2);
        assertThat(line(sal1, ACCIAIO).cumulativeAmount()).isEqualTo(euro("16666.67"));
        // Gross subject to ribasso 72,628.67; ribasso 10% = 7,262.867 → 7,262.87; safety 2,080 × 8.40 = 17,472.00
        // Net works 72,628.67 − 7,262.87 + 17,472.00 = 82,837.80
        assertThat(sal1.cumulative()).isEqualTo(new Totals(euro("72628.67"), euro("7262.87"), euro("17472.00"), euro("82837.80")));

        // Certificate 1: withholding 0.5% of 82,837.80 = 414.189 → 414.19; advance recovered
        // 94,000 × 82,837.80 / 470,000 = 16,567.56; amount 82,837.80 − 414.19 − 16,567.56 = 65,856.05;
        // VAT 10% = 6,585.605 → 6,585.61 (half up); total 72,441.66
        CertificateFigures c1 = CertificateCalculator.compute(sal1, null, ADVANCE, CONTRACT, VAT);
        assertThat(c1.withholding()).isEqualTo(euro("414.19"));
        assertThat(c1.advanceRecovered()).isEqualTo(euro("16567.56"));
        assertThat(c1.amount()).isEqualTo(euro("65856.05"));
        assertThat(c1.vat()).isEqualTo(euro("6585.61"));
        assertThat(c1.total()).isEqualTo(euro("72441.66"));

        // --- SAL 2 at 30 June 2026: more concrete and steel, and a deduction on the scaffolding.
        book.replaceAll(m -> new Measurement(m.id(), m.itemId(), m.date(), m.description(), m.parts(), m.length(), m.width(), m.height(),
                m.quantity(), m.notes(), 1));
        measure(CLS, "2026-05-15", "1", "1150.00", "0.60", "0.50");    // 345.000 → 492.600 m³
        measure(ACCIAIO, "2026-05-20", "30000");                       // → 42,345.678 kg
        measure(PONTEGGIO, "2026-06-10", "-1", "20.00", "6.50", null); // −130.000 → 1,950.000 m²
        SalStatement sal2 = SalCalculator.fromMeasurements(2, LocalDate.parse("2026-06-30"), false, RIBASSO, LIST, book, sal1);

        // cls 492.6 × 120 = 59,112.00 (period 41,400.00); acciaio 42,345.678 × 1.35 = 57,166.6653 → 57,166.67;
        // ponteggio 1,950 × 8.40 = 16,380.00 (period −1,092.00)
        assertThat(line(sal2, CLS).periodAmount()).isEqualTo(euro("41400.00"));
        assertThat(line(sal2, PONTEGGIO).periodQuantity()).isEqualByComparingTo("-130.000");
        assertThat(line(sal2, PONTEGGIO).periodAmount()).isEqualTo(euro("-1092.00"));
        assertThat(line(sal2, SCAVO).periodAmount()).isEqualTo(Money.ZERO);
        // Gross 38,250.00 + 59,112.00 + 57,166.67 = 154,528.67; ribasso 15,452.867 → 15,452.87;
        // net 154,528.67 − 15,452.87 + 16,380.00 = 155,455.80; period net 155,455.80 − 82,837.80 = 72,618.00
        assertThat(sal2.cumulative()).isEqualTo(new Totals(euro("154528.67"), euro("15452.87"), euro("16380.00"), euro("155455.80")));
        assertThat(sal2.period().netWorks()).isEqualTo(euro("72618.00"));

        // Certificate 2: withholding 777.279 → 777.28; recovered 0.2 × 155,455.80 = 31,091.16;
        // cumulative due 155,455.80 − 777.28 − 31,091.16 = 123,587.36; minus 65,856.05 = 57,731.31; VAT 5,773.131 → 5,773.13
        CertificateFigures c2 = CertificateCalculator.compute(sal2, c1, ADVANCE, CONTRACT, VAT);
        assertThat(c2.withholding()).isEqualTo(euro("777.28"));
        assertThat(c2.advanceRecovered()).isEqualTo(euro("31091.16"));
        assertThat(c2.previousPayments()).isEqualTo(euro("65856.05"));
        assertThat(c2.amount()).isEqualTo(euro("57731.31"));
        assertThat(c2.vat()).isEqualTo(euro("5773.13"));

        // --- SAL 3, the stato finale, at 15 October 2026.
        book.replaceAll(m -> m.salNumber() != null ? m : new Measurement(m.id(), m.itemId(), m.date(), m.description(), m.parts(),
                m.length(), m.width(), m.height(), m.quantity(), m.notes(), 2));
        measure(SCAVO, "2026-07-10", "1", "200.00", "2.40", "1.50");   // 720.000 → 3,780.000 m³
        measure(CLS, "2026-08-20", "2000");                            // → 2,492.600 m³
        measure(ACCIAIO, "2026-09-01", "20000");                       // → 62,345.678 kg
        measure(PONTEGGIO, "2026-09-15", "1", "100.00", "6.50", null); // 650.000 → 2,600.000 m²
        SalStatement sal3 = SalCalculator.fromMeasurements(3, LocalDate.parse("2026-10-15"), true, RIBASSO, LIST, book, sal2);

        // scavo 3,780 × 12.50 = 47,250.00; cls 2,492.6 × 120 = 299,112.00; acciaio 62,345.678 × 1.35 = 84,166.6653 → 84,166.67;
        // gross 430,528.67; ribasso 43,052.867 → 43,052.87; ponteggio 2,600 × 8.40 = 21,840.00;
        // net 430,528.67 − 43,052.87 + 21,840.00 = 409,315.80
        assertThat(sal3.cumulative()).isEqualTo(new Totals(euro("430528.67"), euro("43052.87"), euro("21840.00"), euro("409315.80")));

        // Certificate 3 (final): withholding 2,046.579 → 2,046.58; the whole advance 94,000.00 recovered
        // (pro rata would give 81,863.16); cumulative due 409,315.80 − 2,046.58 − 94,000.00 = 313,269.22;
        // minus 123,587.36 = 189,681.86; VAT 18,968.186 → 18,968.19
        CertificateFigures c3 = CertificateCalculator.compute(sal3, c2, ADVANCE, CONTRACT, VAT);
        assertThat(c3.withholding()).isEqualTo(euro("2046.58"));
        assertThat(c3.advanceRecovered()).isEqualTo(ADVANCE);
        assertThat(c3.amount()).isEqualTo(euro("189681.86"));
        assertThat(c3.vat()).isEqualTo(euro("18968.19"));

        // Σ certificates + withholding + advance recovered = net works: 65,856.05 + 57,731.31 + 189,681.86
        // = 313,269.22; + 2,046.58 + 94,000.00 = 409,315.80
        assertThat(c1.amount().plus(c2.amount()).plus(c3.amount()).plus(c3.withholding()).plus(c3.advanceRecovered()))
                .isEqualTo(sal3.cumulative().netWorks());

        // Final account: 3 days late at 0.5‰ of 470,000.00 = 235.00 a day → 705.00 (cap 47,000.00).
        // Balance = 409,315.80 − 94,000.00 (advance) − 313,269.22 (certificates) − 705.00 = 1,341.58,
        // i.e. the withholdings 2,046.58 released less the penalties.
        PenaltyCalculation penalties = PenaltyCalculation.of(CONTRACT, new BigDecimal("0.5"), LocalDate.parse("2026-10-12"),
                LocalDate.parse("2026-10-15"));
        assertThat(penalties.daysLate()).isEqualTo(3);
        assertThat(penalties.amount()).isEqualTo(euro("705.00"));
        assertThat(penalties.cap()).isEqualTo(euro("47000.00"));
        assertThat(penalties.capReached()).isFalse();
        FinalAccount account = FinalAccount.of(c3, ADVANCE, penalties);
        assertThat(account.withholdings()).isEqualTo(euro("2046.58"));
        assertThat(account.balance()).isEqualTo(euro("1341.58"));
    }

    @Test
    void penaltiesStopAtTenPercentAndWarn() {
        // 1.5‰ of 470,000.00 = 705.00 a day; 10% = 47,000.00, reached after 66.67 days: at 70 days 49,350.00 → capped.
        PenaltyCalculation p = PenaltyCalculation.of(CONTRACT, new BigDecimal("1.5"), LocalDate.parse("2026-10-01"),
                LocalDate.parse("2026-12-10"));
        assertThat(p.daysLate()).isEqualTo(70);
        assertThat(p.accrued()).isEqualTo(euro("49350.00"));
        assertThat(p.amount()).isEqualTo(euro("47000.00"));
        assertThat(p.capReached()).isTrue();
    }

    @Test
    void noPenaltyWhenCompletedWithinTheTerm() {
        PenaltyCalculation p = PenaltyCalculation.of(CONTRACT, BigDecimal.ONE, LocalDate.parse("2026-10-01"), LocalDate.parse("2026-09-20"));
        assertThat(p.daysLate()).isZero();
        assertThat(p.amount()).isEqualTo(Money.ZERO);
    }

    @Test
    void rejectsPenaltyRateOutsideTheLegalRange() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PenaltyCalculation.of(CONTRACT, new BigDecimal("2"), null, null))
                .hasMessageContaining("0,5 e l'1,5 per mille");
    }

    @Test
    void lateInterestAccruesDayByDayAtTheRateInForce() {
        // 100,000.00 due 31 May, paid 30 July: 1–30 June at 10.15% (30 days) = 834.246..., 1–30 July at 10.40%
        // (30 days) = 854.794...; total 1,689.04
        List<LegalRate> rates = List.of(new LegalRate(LocalDate.parse("2026-01-01"), new BigDecimal("10.15")),
                new LegalRate(LocalDate.parse("2026-07-01"), new BigDecimal("10.40")));
        Money interest = LatePaymentInterest.compute(euro("100000.00"), LocalDate.parse("2026-05-31"), LocalDate.parse("2026-07-30"), rates);
        assertThat(interest).isEqualTo(euro("1689.04"));
        assertThat(LatePaymentInterest.compute(euro("100000.00"), LocalDate.parse("2026-05-31"), LocalDate.parse("2026-05-31"), rates))
                .isEqualTo(Money.ZERO);
    }

    @Test
    void priceRevisionRecognisesNinetyPercentOfWorksExcessBeyondThreePercent() {
        // Index 100.0 → 107.5: +7.5%; excess 4.5%; 90% of it on 200,000.00 = 200,000 × 0.045 × 0.9 = 8,100.00
        PriceRevisionCalculation works = PriceRevisionCalculation.of(true, euro("200000.00"), new BigDecimal("100.0"), new BigDecimal("107.5"));
        assertThat(works.variationPercent()).isEqualByComparingTo("7.5");
        assertThat(works.amount()).isEqualTo(euro("8100.00"));
        // Services: 5% threshold, 80%: +7.5% → 2.5% × 0.8 × 200,000 = 4,000.00; a fall is recognised too: −7.5% → −4,000.00
        assertThat(PriceRevisionCalculation.of(false, euro("200000.00"), new BigDecimal("100"), new BigDecimal("107.5")).amount())
                .isEqualTo(euro("4000.00"));
        assertThat(PriceRevisionCalculation.of(false, euro("200000.00"), new BigDecimal("100"), new BigDecimal("92.5")).amount())
                .isEqualTo(euro("-4000.00"));
        // Within the threshold nothing is due.
        PriceRevisionCalculation small = PriceRevisionCalculation.of(true, euro("200000.00"), new BigDecimal("100"), new BigDecimal("102.9"));
        assertThat(small.due()).isFalse();
        assertThat(small.amount()).isEqualTo(Money.ZERO);
    }

    @Test
    void servicesStatementTakesTheShareOfTheContractWithoutFurtherDiscount() {
        // 120,000.00 of which safety 2,000.00: 35% → 42,000.00 with safety 700.00
        SalStatement s = SalCalculator.fromPercentage(1, LocalDate.parse("2026-06-30"), false, SalBasis.PERCENTUALE, euro("120000.00"),
                euro("2000.00"), new BigDecimal("35"), null);
        assertThat(s.cumulative().netWorks()).isEqualTo(euro("42000.00"));
        assertThat(s.cumulative().safety()).isEqualTo(euro("700.00"));
        assertThat(s.cumulative().discount()).isEqualTo(Money.ZERO);
    }

    @Test
    void measurementMultipliesPartsAndDimensions() {
        assertThat(Measurement.quantityOf(new BigDecimal("4"), new BigDecimal("15.00"), new BigDecimal("1.20"), new BigDecimal("0.30"), null))
                .isEqualByComparingTo("21.600");
        assertThat(Measurement.quantityOf(null, null, null, null, new BigDecimal("12.5"))).isEqualByComparingTo("12.500");
        assertThat(Measurement.problems(LocalDate.parse("2026-04-01"), BigDecimal.ONE, null, null, null, BigDecimal.TEN))
                .extracting(it.openesecuzione.shared.FieldViolation::field).containsExactly("quantita");
    }

    private static SalLine line(SalStatement sal, PriceItem item) {
        return sal.lines().stream().filter(l -> l.itemId() == item.id()).findFirst().orElseThrow();
    }
}
