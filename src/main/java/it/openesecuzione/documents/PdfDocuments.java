package it.openesecuzione.documents;

import it.openesecuzione.accounting.AdvancePayment;
import it.openesecuzione.accounting.CertificateFigures;
import it.openesecuzione.accounting.CertificateKind;
import it.openesecuzione.accounting.CertificateStatus;
import it.openesecuzione.accounting.FinalAccount;
import it.openesecuzione.accounting.PaymentCertificate;
import it.openesecuzione.accounting.SalLine;
import it.openesecuzione.accounting.SalStatement;
import it.openesecuzione.accounting.Totals;
import it.openesecuzione.shared.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PDF/A documents of a contract, from the records of the accounting and execution modules:
 * each method gathers what its template shows and renders it. Plain Java, so it is tested
 * without Spring.
 */
final class PdfDocuments {

    /** Rows per table section (tbody) of long tables. */
    static final int TABLE_CHUNK = 25;

    private final PdfRenderer renderer;

    PdfDocuments(PdfRenderer renderer) {
        this.renderer = renderer;
    }

    PdfDocuments() {
        this(new PdfRenderer());
    }

    // ------------------------------------------------------------------ SAL

    /** A line of the SAL with its figures already written out. */
    record SalRow(String code, String description, String unit, String price, String previousQuantity, String periodQuantity,
            String cumulativeQuantity, String previousAmount, String periodAmount, String cumulativeAmount) {

        static SalRow of(SalLine line) {
            Formats f = Formats.IT;
            return new SalRow(line.code(), line.description(), line.unit(), f.price(line.unitPrice()),
                    f.quantity(line.previousQuantity()), f.quantity(line.periodQuantity()), f.quantity(line.cumulativeQuantity()),
                    f.money(line.previousAmount()), f.money(line.periodAmount()), f.money(line.cumulativeAmount()));
        }
    }

    /** A row of a summary table: previous, period and cumulative amounts. */
    record TotalRow(String label, String previous, String period, String cumulative, String css) {

        static TotalRow of(String label, Money previous, Money period, Money cumulative, String css) {
            return new TotalRow(label, previous.formatIt(), period.formatIt(), cumulative.formatIt(), css);
        }
    }

    /**
     * The SAL: its lines (works subject to the discount, then safety costs), the totals previous,
     * of the period and cumulative, signed by the director, the contractor and the RUP.
     *
     * @param previousDate the date of the previous SAL, null for the first
     */
    byte[] sal(DocumentHeader h, SalStatement sal, LocalDate previousDate, LocalDate today) {
        Map<String, Object> model = base(h, today, salTitle(h, sal), salTitle(h, sal));
        StringBuilder subtitle = new StringBuilder("al ").append(Formats.IT.date(sal.date()));
        if (previousDate != null) {
            subtitle.append(" – periodo dal ").append(Formats.IT.date(previousDate)).append(" (SAL n. ").append(sal.number() - 1)
                    .append(")");
        }
        model.put("subtitle", subtitle.toString());
        model.put("sal", sal);
        model.put("percentage", sal.percentage() == null ? null : Formats.IT.percent(sal.percentage()));
        List<SalRow> discountRows = new ArrayList<>();
        List<SalRow> safetyRows = new ArrayList<>();
        for (SalLine line : sal.lines()) {
            (line.subjectToDiscount() ? discountRows : safetyRows).add(SalRow.of(line));
        }
        model.put("discountChunks", chunks(discountRows));
        model.put("safetyChunks", chunks(safetyRows));
        model.put("totals", totals(h, sal));
        model.put("signatures", List.of(Signature.of(h.directorTitle(), h.director()),
                new Signature("L'appaltatore", h.contractor(), "per accettazione"),
                new Signature("Il RUP", h.rup(), "visto")));
        return renderer.pdf("sal", model);
    }

    static String salTitle(DocumentHeader h, SalStatement sal) {
        String kind = h.works() ? "Stato di avanzamento lavori" : "Stato di avanzamento delle prestazioni";
        return sal.finalStatement() ? (h.works() ? "Stato finale dei lavori" : "Stato finale delle prestazioni") + " (SAL n. "
                + sal.number() + ")" : kind + " n. " + sal.number();
    }

    private static List<TotalRow> totals(DocumentHeader h, SalStatement sal) {
        Totals previous = sal.previous();
        Totals period = sal.period();
        Totals cumulative = sal.cumulative();
        List<TotalRow> rows = new ArrayList<>();
        rows.add(TotalRow.of(h.works() ? "Lavori soggetti a ribasso (importo lordo)" : "Prestazioni soggette a ribasso (importo lordo)",
                previous.grossDiscountable(), period.grossDiscountable(), cumulative.grossDiscountable(), ""));
        rows.add(TotalRow.of("a dedurre: ribasso d'asta del " + h.discount(), previous.discount(), period.discount(),
                cumulative.discount(), ""));
        rows.add(TotalRow.of("Importo al netto del ribasso", previous.grossDiscountable().minus(previous.discount()),
                period.grossDiscountable().minus(period.discount()), cumulative.grossDiscountable().minus(cumulative.discount()),
                "total"));
        rows.add(TotalRow.of("Oneri della sicurezza (non soggetti a ribasso)", previous.safety(), period.safety(),
                cumulative.safety(), ""));
        rows.add(TotalRow.of(h.works() ? "Importo netto dei lavori" : "Importo netto delle prestazioni", previous.netWorks(),
                period.netWorks(), cumulative.netWorks(), "grand"));
        return rows;
    }

    // ------------------------------------------------------------------ payment certificates

    /** A labelled amount of a calculation. */
    record AmountRow(String label, String amount, String css) {

        static AmountRow of(String label, Money amount) {
            return new AmountRow(label, amount.formatIt(), "");
        }

        static AmountRow total(String label, Money amount) {
            return new AmountRow(label, amount.formatIt(), "total");
        }

        static AmountRow grand(String label, Money amount) {
            return new AmountRow(label, amount.formatIt(), "grand");
        }
    }

    /** A labelled value. */
    record Fact(String label, String value) {
    }

    /**
     * A payment certificate: for a SAL the progressive calculation (net works, 0.50% withholding,
     * advance recovered, earlier certificates); for the advance its amount and guarantee; for the
     * balance the withholdings released and the penalties deducted. VAT is split payment.
     *
     * @param sal     the SAL certified, for a SAL certificate
     * @param advance the advance, for the advance certificate and the balance (advance paid)
     */
    byte[] certificate(DocumentHeader h, PaymentCertificate certificate, SalStatement sal, AdvancePayment advance, LocalDate today) {
        Formats f = Formats.IT;
        CertificateFigures figures = certificate.figures();
        String title = certificateTitle(certificate);
        Map<String, Object> model = base(h, today, title, title);
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Tipo", certificate.kind().label()));
        List<AmountRow> amounts = new ArrayList<>();
        String warning = null;
        switch (certificate.kind()) {
            case SAL -> {
                boolean last = sal != null && sal.finalStatement();
                String salName = (last ? "stato finale (SAL n. " + certificate.salNumber() + ")" : "SAL n. " + certificate.salNumber())
                        + (sal == null ? "" : " del " + f.date(sal.date()));
                model.put("subtitle", (last ? "relativo allo " : "relativo al ") + salName);
                facts.add(new Fact("Stato di avanzamento", salName));
                amounts.add(AmountRow.of("Importo netto progressivo dei lavori", figures.netWorks()));
                amounts.add(AmountRow.of("a dedurre: ritenuta di garanzia dello 0,50 % (progressiva)", figures.withholding()));
                amounts.add(AmountRow.of("a dedurre: anticipazione recuperata (progressiva)", figures.advanceRecovered()));
                amounts.add(AmountRow.total("Importo netto progressivo dovuto", figures.netDue()));
                amounts.add(AmountRow.of("a dedurre: pagamenti precedenti (certificati già emessi)", figures.previousPayments()));
                amounts.add(AmountRow.grand("Importo del presente certificato", figures.amount()));
            }
            case ANTICIPAZIONE -> {
                model.put("subtitle", "anticipazione del prezzo (art. 125 del D.Lgs. 36/2023)");
                if (advance != null) {
                    facts.add(new Fact("Percentuale", f.percent(advance.percent()) + " dell'importo contrattuale"));
                    facts.add(new Fact("Garanzia", advance.guarantor() + ", n. " + advance.guaranteeNumber() + " del "
                            + f.date(advance.guaranteeDate()) + ", per " + f.money(advance.guaranteeAmount())));
                    amounts.add(AmountRow.of("Importo contrattuale", advance.contractAmount()));
                    amounts.add(AmountRow.grand("Anticipazione del " + f.percent(advance.percent()), figures.amount()));
                } else {
                    amounts.add(AmountRow.grand("Anticipazione", figures.amount()));
                }
            }
            case SALDO -> {
                model.put("subtitle", "svincolo delle ritenute di garanzia dopo il collaudo, al netto delle penali");
                Money advancePaid = advance == null ? Money.ZERO : advance.amount();
                Money released = figures.netWorks().minus(advancePaid).minus(figures.previousPayments());
                amounts.add(AmountRow.of("Importo netto dei lavori (stato finale)", figures.netWorks()));
                amounts.add(AmountRow.of("a dedurre: anticipazione corrisposta", advancePaid));
                amounts.add(AmountRow.of("a dedurre: certificati di pagamento emessi", figures.previousPayments()));
                amounts.add(AmountRow.total("Ritenute di garanzia svincolate", released));
                amounts.add(AmountRow.of("a dedurre: penali per ritardo", certificate.penalties()));
                amounts.add(AmountRow.grand("Importo della rata di saldo", figures.amount()));
                if (figures.amount().isNegative()) {
                    warning = "Le penali superano le ritenute svincolate: l'importo di " + Money.ZERO.minus(figures.amount()).formatIt()
                            + " è a credito della stazione appaltante, che lo recupera sulla garanzia definitiva.";
                }
            }
            default -> throw new IllegalArgumentException("Tipo di certificato sconosciuto: " + certificate.kind());
        }
        facts.add(new Fact("Data di emissione", f.date(certificate.issueDate())));
        facts.add(new Fact("Scadenza del pagamento", f.date(certificate.dueDate())));
        if (certificate.paidOn() != null) {
            facts.add(new Fact("Pagato il", f.date(certificate.paidOn())));
        }
        String vatLabel = "IVA " + f.percent(figures.vatPercent()) + " (scissione dei pagamenti, art. 17-ter D.P.R. 633/1972)";
        amounts.add(AmountRow.of(vatLabel, figures.vat()));
        amounts.add(AmountRow.total("Totale a carico della stazione appaltante", figures.total()));
        model.put("facts", facts);
        model.put("amounts", amounts);
        model.put("warning", warning);
        model.put("statement", figures.amount().isNegative() ? "Nulla è dovuto all'appaltatore a titolo di rata di saldo."
                : "Si certifica che all'appaltatore " + h.contractor() + " può essere pagata la somma di " + figures.amount().formatIt()
                        + " (" + certificate.kind().label().toLowerCase(java.util.Locale.ITALIAN) + "), oltre IVA, entro il "
                        + f.date(certificate.dueDate()) + ".");
        model.put("vatNote", "L'IVA di " + figures.vat().formatIt() + " non è corrisposta all'appaltatore: la stazione appaltante la "
                + "versa direttamente all'Erario (scissione dei pagamenti, art. 17-ter del D.P.R. 26 ottobre 1972, n. 633).");
        model.put("signatures", List.of(Signature.of("Il Responsabile unico del progetto", h.rup())));
        return renderer.pdf("certificato", model);
    }

    static String certificateTitle(PaymentCertificate certificate) {
        return switch (certificate.kind()) {
            case SAL -> "Certificato di pagamento n. " + certificate.number();
            case ANTICIPAZIONE -> "Certificato di pagamento dell'anticipazione";
            case SALDO -> "Certificato di pagamento della rata di saldo";
        };
    }

    // ------------------------------------------------------------------ final account

    /** A certificate in the final account's list, written out. */
    record CertificateRow(String number, String kind, String issued, String due, String amount, String vat, String total,
            String paid) {

        static CertificateRow of(CertificateStatus status) {
            Formats f = Formats.IT;
            PaymentCertificate c = status.certificate();
            String kind = c.kind() == CertificateKind.SAL ? "SAL n. " + c.salNumber() : c.kind().label();
            return new CertificateRow(String.valueOf(c.number()), kind, f.date(c.issueDate()), f.date(c.dueDate()),
                    f.money(c.figures().amount()), f.money(c.figures().vat()), f.money(c.figures().total()),
                    c.paidOn() == null ? (status.overdue() ? "non pagato, scaduto" : "") : f.date(c.paidOn()));
        }
    }

    /**
     * The final account: what the works are worth, what was paid, withholdings and penalties, the
     * balance; then how the penalties were computed, the SALs and every certificate.
     */
    byte[] finalAccount(DocumentHeader h, FinalAccount account, List<SalStatement> sals, List<CertificateStatus> certificates,
            LocalDate today) {
        Formats f = Formats.IT;
        String title = h.works() ? "Conto finale dei lavori" : "Conto finale delle prestazioni";
        Map<String, Object> model = base(h, today, title, title);
        SalStatement last = sals.isEmpty() ? null : sals.get(sals.size() - 1);
        model.put("subtitle", last == null ? "" : "redatto sullo stato finale (SAL n. " + last.number() + " del " + f.date(last.date())
                + ")");
        // The account as a sum: net works, less the advance and the certificates paid, leave the
        // withholdings to release; less the penalties, the balance.
        Money released = account.netWorks().minus(account.advancePaid()).minus(account.certificatesPaid());
        List<AmountRow> amounts = new ArrayList<>();
        amounts.add(AmountRow.total(h.works() ? "Importo netto dei lavori eseguiti" : "Importo netto delle prestazioni eseguite",
                account.netWorks()));
        amounts.add(AmountRow.of("a dedurre: anticipazione corrisposta (recuperata sui certificati: "
                + account.advanceRecovered().formatIt() + ")", account.advancePaid()));
        amounts.add(AmountRow.of("a dedurre: certificati di pagamento emessi sugli stati di avanzamento", account.certificatesPaid()));
        amounts.add(AmountRow.total("Ritenute di garanzia dello 0,50 % da svincolare", released));
        amounts.add(AmountRow.of("a dedurre: penali per ritardo", account.penalties().amount()));
        amounts.add(AmountRow.grand(account.balance().isNegative() ? "Credito della stazione appaltante" : "Credito residuo "
                + "dell'appaltatore (rata di saldo)", account.balance().isNegative() ? Money.ZERO.minus(account.balance())
                : account.balance()));
        model.put("amounts", amounts);
        model.put("statement", account.balance().isNegative()
                ? "Le penali superano le ritenute: la stazione appaltante recupera " + Money.ZERO.minus(account.balance()).formatIt()
                        + " sulla garanzia definitiva."
                : "Resta il credito dell'appaltatore di " + account.balance().formatIt() + ", oltre IVA, pagabile come rata di saldo "
                        + "dopo il collaudo o il certificato di regolare esecuzione.");
        List<Fact> penalties = new ArrayList<>();
        var p = account.penalties();
        penalties.add(new Fact("Termine contrattuale", p.deadline() == null ? "non determinato" : f.date(p.deadline())));
        penalties.add(new Fact("Ultimazione", f.date(p.completedOn())));
        penalties.add(new Fact("Giorni di ritardo", f.integer(p.daysLate())));
        penalties.add(new Fact("Penale giornaliera", f.perMille(p.perMille()) + " di " + f.money(p.base())));
        penalties.add(new Fact("Penale maturata", f.money(p.accrued())));
        penalties.add(new Fact("Limite (10 %)", f.money(p.cap())));
        penalties.add(new Fact("Penale applicata", f.money(p.amount())));
        model.put("penalties", penalties);
        model.put("capReached", p.capReached());
        model.put("sals", sals);
        model.put("certificates", certificates.stream().map(CertificateRow::of).toList());
        model.put("signatures", List.of(Signature.of(h.directorTitle(), h.director()),
                new Signature("L'appaltatore", h.contractor(), "per accettazione"),
                Signature.of("Il RUP", h.rup())));
        return renderer.pdf("conto-finale", model);
    }

    // ------------------------------------------------------------------ verbali

    /** The verbale of an execution event, already written out: see {@link Minutes}. */
    byte[] minutes(DocumentHeader h, Minutes minutes, LocalDate today) {
        Map<String, Object> model = base(h, today, minutes.title(), minutes.title());
        model.put("subtitle", minutes.subtitle());
        model.put("annulled", minutes.annulled());
        model.put("paragraphs", minutes.paragraphs());
        model.put("facts", minutes.facts());
        model.put("signatures", minutes.signatures());
        return renderer.pdf("verbale", model);
    }

    // ------------------------------------------------------------------ common

    /** Rows of a long table in one tbody each: openhtmltopdf lays out a table section in quadratic time. */
    static <T> List<List<T>> chunks(List<T> rows) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += TABLE_CHUNK) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + TABLE_CHUNK)));
        }
        return chunks;
    }

    private static Map<String, Object> base(DocumentHeader h, LocalDate today, String title, String footer) {
        Map<String, Object> model = new HashMap<>();
        model.put("h", h);
        model.put("today", today);
        model.put("title", title);
        model.put("footer", footer);
        return model;
    }
}
