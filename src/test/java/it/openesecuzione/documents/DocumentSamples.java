package it.openesecuzione.documents;

import it.openesecuzione.accounting.AdvancePayment;
import it.openesecuzione.accounting.CertificateCalculator;
import it.openesecuzione.accounting.CertificateFigures;
import it.openesecuzione.accounting.CertificateKind;
import it.openesecuzione.accounting.CertificateStatus;
import it.openesecuzione.accounting.FinalAccount;
import it.openesecuzione.accounting.Measurement;
import it.openesecuzione.accounting.PaymentCertificate;
import it.openesecuzione.accounting.PenaltyCalculation;
import it.openesecuzione.accounting.PriceItem;
import it.openesecuzione.accounting.SalBasis;
import it.openesecuzione.accounting.SalLine;
import it.openesecuzione.accounting.SalStatement;
import it.openesecuzione.accounting.Totals;
import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractTerms;
import it.openesecuzione.contracts.Lot;
import it.openesecuzione.contracts.OperatoreEconomico;
import it.openesecuzione.contracts.Procedura;
import it.openesecuzione.contracts.Settore;
import it.openesecuzione.contracts.StatoContratto;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.shared.Cig;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.Cup;
import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.PartitaIva;
import it.openesecuzione.shared.Percentage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Realistic records for the document tests: the Comune di Genova's works contract for the
 * Mazzini school (€ 449.750,00, ribasso 10,5 %), and its SALs.
 */
final class DocumentSamples {

    static final Percentage RIBASSO = Percentage.of(new BigDecimal("10.5"));
    static final String CIG = Cig.generate(Cig.Format.SIMOG_V2_PCP, 'C', 0x51234L).value();

    private DocumentSamples() {
    }

    static StazioneAppaltante genova() {
        return new StazioneAppaltante(1, "Comune di Genova", new CodiceFiscale("00856930102"), "0000234567", "Comune", "Liguria",
                "Genova", "ITC33", "appalti@comune.genova.it");
    }

    static Contract contract(Tipologia tipologia) {
        ContractTerms terms = new ContractTerms("Riqualificazione energetica della scuola primaria Mazzini (PNRR M2C3)", tipologia,
                Settore.ORDINARIO, false, false, Procedura.NEGOZIATA_SENZA_BANDO, Money.of(new BigDecimal("500000.00")), RIBASSO,
                Money.of(new BigDecimal("449750.00")), Money.of(new BigDecimal("15000.00")), 180, new Cup("B31B24000990001"),
                List.of(new Lot(new Cig(CIG), "Lotto unico")),
                new OperatoreEconomico("Edilizia Ligure S.r.l.", new CodiceFiscale("01172530105"), new PartitaIva("01172530105")),
                List.of(), 10L, 11L, null, null, UUID.fromString("3f0e8b8a-0000-4000-8000-000000000001"), null);
        return new Contract(42, 1, "Liguria", terms, StatoContratto.IN_ESEC, 3, Instant.parse("2026-02-01T10:00:00Z"),
                Instant.parse("2026-02-01T10:00:00Z"));
    }

    static DocumentHeader header() {
        return DocumentHeader.of(genova(), contract(Tipologia.LAVORI), "Mario Rossi", "Laura Bianchi");
    }

    /** A line of a SAL: amounts at list price on the quantities, rounded once. */
    static SalLine line(long id, String code, String description, String unit, String price, boolean discountable,
            String previousQuantity, String cumulativeQuantity) {
        BigDecimal unitPrice = new BigDecimal(price).setScale(4);
        BigDecimal previous = new BigDecimal(previousQuantity).setScale(3);
        BigDecimal cumulative = new BigDecimal(cumulativeQuantity).setScale(3);
        return new SalLine(id, code, description, unit, unitPrice, discountable, previous, cumulative,
                Money.of(unitPrice.multiply(previous)), Money.of(unitPrice.multiply(cumulative)), 3);
    }

    /** A SAL of works with the given lines: totals computed as the accounting module does. */
    static SalStatement sal(int number, LocalDate date, boolean finalStatement, List<SalLine> lines) {
        Money previousGross = Money.ZERO;
        Money previousSafety = Money.ZERO;
        Money gross = Money.ZERO;
        Money safety = Money.ZERO;
        for (SalLine line : lines) {
            if (line.subjectToDiscount()) {
                previousGross = previousGross.plus(line.previousAmount());
                gross = gross.plus(line.cumulativeAmount());
            } else {
                previousSafety = previousSafety.plus(line.previousAmount());
                safety = safety.plus(line.cumulativeAmount());
            }
        }
        Totals previous = number == 1 ? Totals.ZERO : Totals.of(previousGross, previousSafety, RIBASSO);
        return new SalStatement(number, date, SalBasis.MISURE, finalStatement, null, lines, Totals.of(gross, safety, RIBASSO),
                previous);
    }

    static final Money CONTRACT_AMOUNT = Money.of(new BigDecimal("449750.00"));
    static final Money ADVANCE = Money.of(new BigDecimal("89950.00"));
    static final BigDecimal VAT = new BigDecimal("10");

    /** SAL n. 1 of 10 April 2026: excavation, concrete, scaffolding. */
    static SalStatement sal1() {
        return sal(1, LocalDate.of(2026, 4, 10), false, List.of(
                line(1, "A.01.001", EXCAVATION, "m³", "8.50", true, "0", "120.000"),
                line(2, "B.02.010", CONCRETE, "m³", "142.30", true, "0", "18.400"),
                line(5, "S.01.001", SCAFFOLDING, "m²", "12.80", false, "0", "850.000")));
    }

    /** SAL n. 2 of 15 May 2026: excavation, concrete, insulation, windows and scaffolding. */
    static SalStatement sal2() {
        return sal(2, LocalDate.of(2026, 5, 15), false, List.of(
                line(1, "A.01.001", EXCAVATION, "m³", "8.50", true, "120.000", "245.500"),
                line(2, "B.02.010", CONCRETE, "m³", "142.30", true, "18.400", "52.750"),
                line(3, "C.05.120", INSULATION, "m²", "58.7500", true, "0", "612.300"),
                line(4, "D.07.004", WINDOWS, "m²", "412.00", true, "0", "96.450"),
                line(5, "S.01.001", SCAFFOLDING, "m²", "12.80", false, "850.000", "1420.000")));
    }

    /** SAL n. 3 of 20 September 2026, the final statement. */
    static SalStatement sal3() {
        return sal(3, LocalDate.of(2026, 9, 20), true, List.of(
                line(1, "A.01.001", EXCAVATION, "m³", "8.50", true, "245.500", "410.000"),
                line(2, "B.02.010", CONCRETE, "m³", "142.30", true, "52.750", "160.000"),
                line(3, "C.05.120", INSULATION, "m²", "58.7500", true, "612.300", "1480.000"),
                line(4, "D.07.004", WINDOWS, "m²", "412.00", true, "96.450", "212.000"),
                line(6, "E.09.001", "Impianto fotovoltaico da 20 kWp su copertura, chiavi in mano", "cad", "24500.00", true, "0", "1"),
                line(5, "S.01.001", SCAFFOLDING, "m²", "12.80", false, "1420.000", "1420.000"),
                line(7, "S.02.004", "Recinzione di cantiere con pannelli grigliati su basi in calcestruzzo", "m", "9.60", false, "0",
                        "320.000")));
    }

    static final String EXCAVATION = "Scavo di sbancamento eseguito con mezzi meccanici, compreso il carico sui mezzi di trasporto";
    static final String CONCRETE = "Calcestruzzo per strutture in elevazione C25/30, classe di esposizione XC2";
    static final String INSULATION = "Isolamento termico a cappotto con pannelli in EPS 100 mm, rasatura armata";
    static final String WINDOWS = "Serramento in PVC con vetrocamera basso emissivo, Uw ≤ 1,3 W/m²K";
    static final String SCAFFOLDING = "Ponteggio metallico fisso, montaggio, nolo per il primo mese e smontaggio";

    static CertificateFigures figures1() {
        return CertificateCalculator.compute(sal1(), null, ADVANCE, CONTRACT_AMOUNT, VAT);
    }

    static CertificateFigures figures2() {
        return CertificateCalculator.compute(sal2(), figures1(), ADVANCE, CONTRACT_AMOUNT, VAT);
    }

    static CertificateFigures figures3() {
        return CertificateCalculator.compute(sal3(), figures2(), ADVANCE, CONTRACT_AMOUNT, VAT);
    }

    static AdvancePayment advance() {
        return new AdvancePayment(new BigDecimal("20"), ADVANCE, CONTRACT_AMOUNT, "Banca Carige S.p.A.", "FG-2026-0042", ADVANCE,
                LocalDate.of(2026, 3, 5), 5L);
    }

    static PaymentCertificate advanceCertificate() {
        CertificateFigures figures = new CertificateFigures(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, ADVANCE, VAT,
                ADVANCE.percent(VAT));
        return new PaymentCertificate(5, CertificateKind.ANTICIPAZIONE, null, 1, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 17),
                figures, Money.ZERO, LocalDate.of(2026, 3, 16), 3);
    }

    static PaymentCertificate certificate1() {
        return new PaymentCertificate(6, CertificateKind.SAL, 1, 1, LocalDate.of(2026, 4, 15), LocalDate.of(2026, 5, 10), figures1(),
                Money.ZERO, LocalDate.of(2026, 5, 8), 6);
    }

    static PaymentCertificate certificate2() {
        return new PaymentCertificate(7, CertificateKind.SAL, 2, 2, LocalDate.of(2026, 5, 20), LocalDate.of(2026, 6, 14), figures2(),
                Money.ZERO, null, 8);
    }

    static PaymentCertificate certificate3() {
        return new PaymentCertificate(8, CertificateKind.SAL, 3, 3, LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 20), figures3(),
                Money.ZERO, LocalDate.of(2026, 10, 15), 11);
    }

    /** Completed on 16 September, three days after the term (13 September): 0.5 per mille a day. */
    static PenaltyCalculation penalties() {
        return PenaltyCalculation.of(CONTRACT_AMOUNT, new BigDecimal("0.5"), LocalDate.of(2026, 9, 13), LocalDate.of(2026, 9, 16));
    }

    static FinalAccount finalAccount() {
        return FinalAccount.of(figures3(), ADVANCE, penalties());
    }

    static PaymentCertificate balanceCertificate() {
        FinalAccount account = finalAccount();
        CertificateFigures figures = new CertificateFigures(account.netWorks(), Money.ZERO, account.advanceRecovered(),
                account.certificatesPaid(), account.balance(), VAT, account.balance().percent(VAT));
        return new PaymentCertificate(9, CertificateKind.SALDO, null, 1, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), figures,
                account.penalties().amount(), null, null);
    }

    static List<CertificateStatus> statuses() {
        return List.of(status(advanceCertificate()), status(certificate1()), status(certificate2()), status(certificate3()));
    }

    private static CertificateStatus status(PaymentCertificate certificate) {
        return new CertificateStatus(certificate, false, 0, Money.ZERO, false);
    }

    static Map<Long, PriceItem> items() {
        Map<Long, PriceItem> items = new LinkedHashMap<>();
        items.put(1L, item(1, "A.01.001", EXCAVATION, "m³", "8.50", "450", true));
        items.put(2L, item(2, "B.02.010", CONCRETE, "m³", "142.30", "170", true));
        items.put(3L, item(3, "C.05.120", INSULATION, "m²", "58.75", "1500", true));
        items.put(4L, item(4, "D.07.004", WINDOWS, "m²", "412", "215", true));
        items.put(5L, item(5, "S.01.001", SCAFFOLDING, "m²", "12.80", "1420", false));
        return items;
    }

    private static PriceItem item(long id, String code, String description, String unit, String price, String quantity,
            boolean discountable) {
        return new PriceItem(id, code, description, unit, new BigDecimal(price), new BigDecimal(quantity), discountable);
    }

    /** The entries of the measurement book that SAL n. 2 includes. */
    static List<Measurement> measurementsOfSal2() {
        return List.of(
                measurement(11, 1, "2026-04-20", "Sbancamento lato nord", "1", "25", "5.02", "1", "125.5"),
                measurement(12, 2, "2026-04-28", "Pilastri del piano terra", null, null, null, null, "34.35"),
                measurement(13, 3, "2026-05-05", "Facciata sud", "1", "61.23", null, "10", "612.3"),
                measurement(14, 4, "2026-05-10", "Finestre delle aule", "15", "2.5", null, "2.572", "96.45"),
                measurement(15, 5, "2026-05-12", "Ponteggio della facciata sud", null, "71.25", null, "8", "570"));
    }

    private static Measurement measurement(long id, long item, String date, String description, String parts, String length,
            String width, String height, String quantity) {
        return new Measurement(id, item, LocalDate.parse(date), description, decimal(parts), decimal(length), decimal(width),
                decimal(height), new BigDecimal(quantity), null, 2);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    // ------------------------------------------------------------------ execution events

    /** Signing (1), handover (2), the advance's SA1 (3), suspension (4) and resumption (5), completion (7). */
    static List<RecordedScheda> history() {
        return List.of(
                event(1, SchedaCode.SC1, "2026-02-10", Map.of("datiContratto", Map.of("dataStipula", "2026-02-10T00:00:00Z")), null),
                event(2, SchedaCode.I1, "2026-03-02", Map.of("datiInizio", Map.of("consegnaFrazionata", false,
                        "consegnaSottoRiserva", false, "dataVerbaleConsegnaDefinitiva", "2026-03-02T00:00:00Z",
                        "dataEffettivoInizio", "2026-03-02T00:00:00Z", "dataFinePrevista", "2026-08-29T00:00:00Z")), null),
                event(3, SchedaCode.SA1, "2026-03-10", Map.of("avanzamento", Map.of("impAnticipazione", 89950.00, "impSal", 0)), null),
                event(4, SchedaCode.SO1, "2026-06-03", Map.of("sospensione", Map.of("sospensioneParziale", false,
                        "dataVerbaleSospensione", "2026-06-03T00:00:00Z",
                        "motivoSospensione", Map.of("idTipologica", "motivoSospensione", "codice", "6"))), null),
                event(5, SchedaCode.RI1, "2026-06-18", Map.of("sospensione", Map.of("dataVerbaleRipresa", "2026-06-18T00:00:00Z",
                        "superatoTempo", false, "riserve", false, "verbaleNonSottoscritto", false)), 4),
                event(7, SchedaCode.CO1, "2026-09-16", Map.of("conclusione", Map.of("dataUltimazione", "2026-09-16T00:00:00Z",
                        "dataStipula", "2026-02-10T00:00:00Z", "numeroInfortuni", 0)), null));
    }

    static RecordedScheda event(int seq) {
        return history().stream().filter(e -> e.seq() == seq).findFirst().orElseThrow();
    }

    private static RecordedScheda event(int seq, SchedaCode code, String date, Map<String, Object> anacForm, Integer related) {
        return new RecordedScheda(100 + seq, 42, seq, code, "1.0", LocalDate.parse(date), anacForm, "PRONTA", List.of(),
                Instant.parse(date + "T10:00:00Z"), "RSSMRA75C12D969M", related, Map.of(), false);
    }

    /** A SAL with {@code count} lines, to time the rendering of a large one. */
    static SalStatement largeSal(int count) {
        String[] units = {"m", "m²", "m³", "kg", "cad", "h"};
        List<SalLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String code = String.format("%s.%02d.%03d", (char) ('A' + i % 8), i / 100, i % 1000);
            String description = "Lavorazione n. " + (i + 1) + ": fornitura e posa in opera di materiale conforme al capitolato"
                    + (i % 3 == 0 ? ", compresi oneri per la sicurezza, trasporti, sfridi e quanto necessario a dare l'opera finita" : "");
            String price = BigDecimal.valueOf(1 + (i * 37L) % 5000, 2).toPlainString();
            String previous = BigDecimal.valueOf((i * 13L) % 700, 1).toPlainString();
            String cumulative = new BigDecimal(previous).add(BigDecimal.valueOf(1 + (i * 7L) % 300, 1)).toPlainString();
            lines.add(line(i + 1, code, description, units[i % units.length], price, i % 10 != 9, previous, cumulative));
        }
        return sal(3, LocalDate.of(2026, 7, 31), false, lines);
    }
}
