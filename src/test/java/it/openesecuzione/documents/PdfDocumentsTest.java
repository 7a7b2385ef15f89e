package it.openesecuzione.documents;

import static it.openesecuzione.documents.DocumentSamples.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.openesecuzione.accounting.CertificateFigures;
import it.openesecuzione.accounting.FinalAccount;
import it.openesecuzione.accounting.SalBasis;
import it.openesecuzione.accounting.SalStatement;
import it.openesecuzione.accounting.Totals;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.shared.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PDF/A documents, generated from realistic records without Spring and read back with
 * PDFBox: the figures in Italian form, the authority on every page, "Pagina X di Y", and what
 * PDF/A-3b requires (XMP identification and title, sRGB output intent, embedded fonts).
 */
class PdfDocumentsTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final PdfDocuments DOCUMENTS = new PdfDocuments();

    @Test
    void salListsEveryLineWithPreviousPeriodAndCumulativeFiguresAndTheTotals() {
        SalStatement sal = DocumentSamples.sal2();
        byte[] pdf = DOCUMENTS.sal(header(), sal, LocalDate.of(2026, 4, 10), TODAY);

        PdfChecks.assertPdfA(pdf, "Stato di avanzamento lavori n. 2");
        String text = PdfChecks.text(pdf);
        assertThat(text).contains("Stato di avanzamento lavori n. 2", "al 15/05/2026 – periodo dal 10/04/2026 (SAL n. 1)",
                "Riqualificazione energetica della scuola primaria Mazzini (PNRR M2C3)", DocumentSamples.CIG, "B31B24000990001",
                "Edilizia Ligure S.r.l.", "01172530105", "Mario Rossi", "Laura Bianchi");
        // Windows: 96,45 m² × € 412,00 = € 39.737,40, all in this period.
        assertThat(text).contains("D.07.004", "Serramento in PVC", "m²", "€ 412,00", "96,45", "€ 39.737,40");
        // Excavation: 120 before, 125,5 in the period, 245,5 in all; € 1.020,00 + € 1.066,75 = € 2.086,75.
        assertThat(text).contains("120,00 125,50 245,50 € 1.020,00 € 1.066,75 € 2.086,75");
        // A price stated to the tenth of a cent keeps its decimals.
        assertThat(text).contains("€ 58,75");
        // Totals: gross subject to the discount € 85.303,11, ribasso 10,5 % € 8.956,83, safety € 18.176,00.
        Totals cumulative = sal.cumulative();
        assertThat(cumulative.grossDiscountable()).isEqualTo(Money.of(new BigDecimal("85303.11")));
        assertThat(text).contains("Lavori soggetti a ribasso (importo lordo) € 3.638,32 € 81.664,79 € 85.303,11",
                "a dedurre: ribasso d'asta del 10,5 % € 382,02 € 8.574,81 € 8.956,83",
                "Oneri della sicurezza (non soggetti a ribasso) € 10.880,00 € 7.296,00 € 18.176,00");
        assertThat(text).contains("Importo netto dei lavori " + sal.previous().netWorks().formatIt() + " "
                + sal.period().netWorks().formatIt() + " " + cumulative.netWorks().formatIt());
        assertThat(cumulative.netWorks().formatIt()).isEqualTo("€ 94.522,28");
        assertThat(text).contains("Il Direttore dei lavori", "L'appaltatore", "per accettazione", "Il RUP");
    }

    @Test
    void everyPageCarriesTheAuthorityAndItsNumberOutOfTheTotal() {
        byte[] pdf = DOCUMENTS.sal(header(), DocumentSamples.largeSal(150), LocalDate.of(2026, 5, 15), TODAY);

        List<String> pages = PdfChecks.pages(pdf);
        assertThat(pages.size()).isGreaterThan(3);
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i)).contains("Comune di Genova", "C.F. 00856930102 – Codice AUSA 0000234567",
                    "Genova – appalti@comune.genova.it", "Pagina " + (i + 1) + " di " + pages.size(), "CIG " + DocumentSamples.CIG);
        }
    }

    @Test
    void salOfServicesShowsThePercentageInsteadOfLines() {
        Totals cumulative = Totals.of(Money.of(new BigDecimal("196875.00")), Money.of(new BigDecimal("6750.00")), DocumentSamples.RIBASSO);
        SalStatement sal = new SalStatement(1, LocalDate.of(2026, 6, 30), SalBasis.PERCENTUALE, false, new BigDecimal("45"), List.of(),
                cumulative, Totals.ZERO);
        DocumentHeader services = DocumentHeader.of(DocumentSamples.genova(), DocumentSamples.contract(Tipologia.SERVIZI), "Mario Rossi",
                "Laura Bianchi");

        byte[] pdf = DOCUMENTS.sal(services, sal, null, TODAY);

        PdfChecks.assertPdfA(pdf, "Stato di avanzamento delle prestazioni n. 1");
        assertThat(PdfChecks.text(pdf)).contains("Percentuale di esecuzione", "45 %", "Direttore dell'esecuzione",
                "Importo netto delle prestazioni € 0,00 " + cumulative.netWorks().formatIt() + " " + cumulative.netWorks().formatIt())
                .doesNotContain("Lavorazioni contabilizzate");
    }

    @Test
    void certificateOfASalShowsTheProgressiveCalculationAndSplitPaymentVat() {
        CertificateFigures f = DocumentSamples.figures2();
        byte[] pdf = DOCUMENTS.certificate(header(), DocumentSamples.certificate2(), DocumentSamples.sal2(), null, TODAY);

        PdfChecks.assertPdfA(pdf, "Certificato di pagamento n. 2");
        String text = PdfChecks.text(pdf);
        // Withholding 0,50 % of € 94.522,28 = € 472,61; advance recovered 89.950 × 94.522,28 / 449.750 = € 18.904,46.
        assertThat(f.withholding().formatIt()).isEqualTo("€ 472,61");
        assertThat(f.advanceRecovered().formatIt()).isEqualTo("€ 18.904,46");
        assertThat(text).contains("relativo al SAL n. 2 del 15/05/2026",
                "Importo netto progressivo dei lavori € 94.522,28",
                "a dedurre: ritenuta di garanzia dello 0,50 % (progressiva) € 472,61",
                "a dedurre: anticipazione recuperata (progressiva) € 18.904,46",
                "Importo netto progressivo dovuto " + f.netDue().formatIt(),
                "a dedurre: pagamenti precedenti (certificati già emessi) " + f.previousPayments().formatIt(),
                "Importo del presente certificato " + f.amount().formatIt(),
                "IVA 10 % (scissione dei pagamenti, art. 17-ter D.P.R. 633/1972) " + f.vat().formatIt(),
                "Totale a carico della stazione appaltante " + f.total().formatIt(),
                "Scadenza del pagamento 14/06/2026", "Data di emissione 20/05/2026",
                "può essere pagata la somma di " + f.amount().formatIt(), "Il Responsabile unico del progetto", "Mario Rossi");
        assertThat(f.previousPayments()).isEqualTo(DocumentSamples.figures1().netDue());
    }

    @Test
    void certificateOfTheAdvanceShowsItsGuarantee() {
        byte[] pdf = DOCUMENTS.certificate(header(), DocumentSamples.advanceCertificate(), null, DocumentSamples.advance(), TODAY);

        PdfChecks.assertPdfA(pdf, "Certificato di pagamento dell'anticipazione");
        assertThat(PdfChecks.text(pdf)).contains("art. 125 del D.Lgs. 36/2023", "Importo contrattuale € 449.750,00",
                "Anticipazione del 20 % € 89.950,00", "€ 8.995,00", "€ 98.945,00",
                "Banca Carige S.p.A., n. FG-2026-0042 del 05/03/2026, per € 89.950,00", "Pagato il 16/03/2026");
    }

    @Test
    void certificateOfTheBalanceReleasesTheWithholdingsLessThePenalties() {
        FinalAccount account = DocumentSamples.finalAccount();
        // 0,50 % of € 222.665,06 = € 1.113,33 withheld; 3 days × 0,5 ‰ × € 449.750,00 = € 674,63 of penalties.
        assertThat(account.netWorks().formatIt()).isEqualTo("€ 222.665,06");
        assertThat(account.withholdings().formatIt()).isEqualTo("€ 1.113,33");
        assertThat(account.penalties().amount().formatIt()).isEqualTo("€ 674,63");
        assertThat(account.balance().formatIt()).isEqualTo("€ 438,70");

        byte[] pdf = DOCUMENTS.certificate(header(), DocumentSamples.balanceCertificate(), null, DocumentSamples.advance(), TODAY);

        PdfChecks.assertPdfA(pdf, "Certificato di pagamento della rata di saldo");
        assertThat(PdfChecks.text(pdf)).contains("Importo netto dei lavori (stato finale) € 222.665,06",
                "a dedurre: anticipazione corrisposta € 89.950,00",
                "a dedurre: certificati di pagamento emessi " + account.certificatesPaid().formatIt(),
                "Ritenute di garanzia svincolate € 1.113,33", "a dedurre: penali per ritardo € 674,63",
                "Importo della rata di saldo € 438,70", "IVA 10 % (scissione dei pagamenti, art. 17-ter D.P.R. 633/1972) € 43,87",
                "€ 482,57");
    }

    @Test
    void finalAccountSummarisesPaymentsPenaltiesAndCertificates() {
        FinalAccount account = DocumentSamples.finalAccount();
        byte[] pdf = DOCUMENTS.finalAccount(header(), account, List.of(DocumentSamples.sal1(), DocumentSamples.sal2(),
                DocumentSamples.sal3()), DocumentSamples.statuses(), TODAY);

        PdfChecks.assertPdfA(pdf, "Conto finale dei lavori");
        String text = PdfChecks.text(pdf);
        assertThat(text).contains("redatto sullo stato finale (SAL n. 3 del 20/09/2026)",
                "Importo netto dei lavori eseguiti € 222.665,06",
                "a dedurre: anticipazione corrisposta (recuperata sui certificati: € 89.950,00) € 89.950,00",
                "a dedurre: certificati di pagamento emessi sugli stati di avanzamento " + account.certificatesPaid().formatIt(),
                "Ritenute di garanzia dello 0,50 % da svincolare € 1.113,33", "a dedurre: penali per ritardo € 674,63",
                "Credito residuo dell'appaltatore (rata di saldo) € 438,70",
                "Termine contrattuale 13/09/2026", "Ultimazione 16/09/2026", "Giorni di ritardo 3",
                "Penale giornaliera 0,5 ‰ di € 449.750,00", "Limite (10 %) € 44.975,00", "Penale applicata € 674,63");
        // The SALs and every certificate.
        assertThat(text).contains("3 20/09/2026 € 222.665,06", "stato finale", "Anticipazione 10/03/2026 17/03/2026 € 89.950,00",
                "SAL n. 2 20/05/2026 14/06/2026 " + DocumentSamples.figures2().amount().formatIt());
    }

    @Test
    void verbaleDiConsegnaStatesTheHandoverAndTheTerm() {
        Minutes minutes = Minutes.of(header(), DocumentSamples.event(2), DocumentSamples.history());
        byte[] pdf = DOCUMENTS.minutes(header(), minutes, TODAY);

        PdfChecks.assertPdfA(pdf, "Verbale di consegna dei lavori");
        assertThat(PdfChecks.text(pdf)).contains("Evento n. 2 – scheda ANAC I1 del 02/03/2026",
                "Il giorno 02/03/2026 il Direttore dei lavori Laura Bianchi, alla presenza dell'appaltatore Edilizia Ligure S.r.l., "
                        + "ha proceduto alla consegna dei lavori in oggetto.",
                "fissato al 29/08/2026: 180 giorni naturali e consecutivi", "Consegna frazionata (parziale) No",
                "Verbale di consegna definitiva 02/03/2026", "Consegna sotto riserva di legge No",
                "Termine previsto per l'ultimazione 29/08/2026");
    }

    @Test
    void verbaliDiSospensioneERipresaGiveTheReasonTheDaysAndTheNewTerm() {
        byte[] suspension = DOCUMENTS.minutes(header(), Minutes.of(header(), DocumentSamples.event(4), DocumentSamples.history()), TODAY);
        PdfChecks.assertPdfA(suspension, "Verbale di sospensione dei lavori");
        assertThat(PdfChecks.text(suspension)).contains("dispone la sospensione totale dei lavori per il seguente motivo: "
                + "avverse condizioni climatiche.", "Motivo della sospensione Avverse condizioni climatiche",
                "Data del verbale di sospensione 03/06/2026");

        byte[] resumption = DOCUMENTS.minutes(header(), Minutes.of(header(), DocumentSamples.event(5), DocumentSamples.history()), TODAY);
        PdfChecks.assertPdfA(resumption, "Verbale di ripresa dei lavori");
        // 15 days of suspension move the term from 29 August to 13 September.
        assertThat(PdfChecks.text(resumption)).contains("della sospensione disposta il 03/06/2026 (evento n. 4), dispone la ripresa dei "
                + "lavori", "Durata della sospensione 15 giorni", "Nuovo termine per l'ultimazione 13/09/2026",
                "Riserve dell'appaltatore No");
    }

    @Test
    void certificatoDiUltimazioneCountsTheDaysLate() {
        byte[] pdf = DOCUMENTS.minutes(header(), Minutes.of(header(), DocumentSamples.event(7), DocumentSamples.history()), TODAY);

        PdfChecks.assertPdfA(pdf, "Certificato di ultimazione dei lavori");
        assertThat(PdfChecks.text(pdf)).contains("certifica che i lavori in oggetto sono stati ultimati il giorno 16/09/2026",
                "era fissato al 13/09/2026: l'ultimazione è avvenuta con 3 giorni di ritardo", "Termine contrattuale 13/09/2026",
                "Giorni di ritardo 3", "Data di ultimazione 16/09/2026", "Infortuni in cantiere 0");
    }

    @Test
    void whatTheFontCannotDrawBecomesAQuestionMarkAndControlCharactersAreDropped() {
        // A description pasted from a spreadsheet with a control character, and characters DejaVu Sans lacks.
        SalStatement sal = DocumentSamples.sal(1, LocalDate.of(2026, 4, 10), false, List.of(DocumentSamples.line(1, "X.01",
                "Fornitura \u0007campione 漢字 conforme", "m", "1", true, "0", "1")));

        byte[] pdf = DOCUMENTS.sal(header(), sal, null, TODAY);

        PdfChecks.assertPdfA(pdf, "Stato di avanzamento lavori n. 1");
        assertThat(PdfChecks.text(pdf)).contains("Fornitura campione ?? conforme");
    }

    @Test
    void onlyHandoverSuspensionResumptionAndCompletionHaveAVerbale() {
        assertThat(Minutes.CODES).containsExactlyInAnyOrder(SchedaCode.I1, SchedaCode.SO1, SchedaCode.RI1, SchedaCode.CO1);
        assertThatThrownBy(() -> Minutes.of(header(), DocumentSamples.event(3), DocumentSamples.history()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
