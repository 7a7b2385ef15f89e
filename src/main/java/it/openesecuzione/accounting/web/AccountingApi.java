package it.openesecuzione.accounting.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.accounting.AccountingRequests.AdvanceInput;
import it.openesecuzione.accounting.AccountingRequests.BalanceInput;
import it.openesecuzione.accounting.AccountingRequests.CertificateInput;
import it.openesecuzione.accounting.AccountingRequests.DiaryInput;
import it.openesecuzione.accounting.AccountingRequests.MeasurementInput;
import it.openesecuzione.accounting.AccountingRequests.MilestoneInput;
import it.openesecuzione.accounting.AccountingRequests.RevisionInput;
import it.openesecuzione.accounting.AccountingRequests.SalInput;
import it.openesecuzione.accounting.AccountingSettings;
import it.openesecuzione.accounting.AdvancePayment;
import it.openesecuzione.accounting.CertificateFigures;
import it.openesecuzione.accounting.CertificateStatus;
import it.openesecuzione.accounting.ContractAccounting;
import it.openesecuzione.accounting.DiaryEntry;
import it.openesecuzione.accounting.FinalAccount;
import it.openesecuzione.accounting.ImportOutcome;
import it.openesecuzione.accounting.LegalRate;
import it.openesecuzione.accounting.Measurement;
import it.openesecuzione.accounting.Milestone;
import it.openesecuzione.accounting.PaymentCertificate;
import it.openesecuzione.accounting.PenaltyCalculation;
import it.openesecuzione.accounting.PriceItem;
import it.openesecuzione.accounting.PriceItemInput;
import it.openesecuzione.accounting.PriceRevision;
import it.openesecuzione.accounting.PriceRevisionCalculation;
import it.openesecuzione.accounting.SalLine;
import it.openesecuzione.accounting.SalStatement;
import it.openesecuzione.accounting.Totals;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The contabilità of a contract as JSON: amounts are plain decimals in euro ("1234.50"). */
@RestController
@Tag(name = "Contabilità", description = "Elenco prezzi, libretto delle misure, SAL, certificati di pagamento, anticipazione, "
        + "penali, revisione prezzi, conto finale")
class AccountingApi {

    private static final String BASE = "/api/v1/contracts/{contractId}/accounting";

    private final ContractAccounting accounting;

    AccountingApi(ContractAccounting accounting) {
        this.accounting = accounting;
    }

    // ---------------------------------------------------------------- views

    record ItemView(long id, String codice, String descrizione, String unitaMisura, BigDecimal prezzoUnitario, BigDecimal quantita,
            boolean soggettoARibasso, BigDecimal importoComputo) {
        static ItemView of(PriceItem i) {
            return new ItemView(i.id(), i.code(), i.description(), i.unit(), i.unitPrice(), i.quantity(), i.subjectToDiscount(),
                    i.computoAmount().amount());
        }
    }

    record ItemInput(String codice, String descrizione, String unitaMisura, BigDecimal prezzoUnitario, BigDecimal quantita,
            Boolean soggettoARibasso) {
        PriceItemInput toInput() {
            return new PriceItemInput(codice, descrizione, unitaMisura, prezzoUnitario, quantita, soggettoARibasso);
        }
    }

    record MeasurementView(long id, long voce, LocalDate data, String descrizione, BigDecimal partiUguali, BigDecimal lunghezza,
            BigDecimal larghezza, BigDecimal altezza, BigDecimal quantita, String note, Integer sal) {
        static MeasurementView of(Measurement m) {
            return new MeasurementView(m.id(), m.itemId(), m.date(), m.description(), m.parts(), m.length(), m.width(), m.height(),
                    m.quantity(), m.notes(), m.salNumber());
        }
    }

    record MeasurementBody(Long voce, LocalDate data, String descrizione, BigDecimal partiUguali, BigDecimal lunghezza,
            BigDecimal larghezza, BigDecimal altezza, BigDecimal quantita, String note) {
        MeasurementInput toInput() {
            return new MeasurementInput(voce, data, descrizione, partiUguali, lunghezza, larghezza, altezza, quantita, note);
        }
    }

    record TotalsView(BigDecimal lordoSoggettoARibasso, BigDecimal ribasso, BigDecimal sicurezza, BigDecimal netto) {
        static TotalsView of(Totals t) {
            return new TotalsView(t.grossDiscountable().amount(), t.discount().amount(), t.safety().amount(), t.netWorks().amount());
        }
    }

    record LineView(long voce, String codice, String descrizione, String unitaMisura, BigDecimal prezzoUnitario, boolean soggettoARibasso,
            BigDecimal quantitaPrecedente, BigDecimal quantitaPeriodo, BigDecimal quantitaProgressiva, BigDecimal importoPrecedente,
            BigDecimal importoPeriodo, BigDecimal importoProgressivo, int misure) {
        static LineView of(SalLine l) {
            return new LineView(l.itemId(), l.code(), l.description(), l.unit(), l.unitPrice(), l.subjectToDiscount(),
                    l.previousQuantity(), l.periodQuantity(), l.cumulativeQuantity(), l.previousAmount().amount(),
                    l.periodAmount().amount(), l.cumulativeAmount().amount(), l.entries());
        }
    }

    record SalView(int numero, LocalDate data, String base, boolean statoFinale, BigDecimal percentuale, TotalsView progressivo,
            TotalsView precedente, TotalsView periodo, List<LineView> righe) {
        static SalView of(SalStatement s) {
            return new SalView(s.number(), s.date(), s.basis().name(), s.finalStatement(), s.percentage(), TotalsView.of(s.cumulative()),
                    TotalsView.of(s.previous()), TotalsView.of(s.period()), s.lines().stream().map(LineView::of).toList());
        }
    }

    record SalBody(LocalDate data, Boolean statoFinale, BigDecimal percentuale, List<Long> fasi) {
        SalInput toInput() {
            return new SalInput(data, statoFinale, percentuale, fasi);
        }
    }

    record FiguresView(BigDecimal nettoLavoriProgressivo, BigDecimal ritenuteProgressive, BigDecimal anticipazioneRecuperata,
            BigDecimal pagamentiPrecedenti, BigDecimal importo, BigDecimal aliquotaIva, BigDecimal iva, BigDecimal totale) {
        static FiguresView of(CertificateFigures f) {
            return new FiguresView(f.netWorks().amount(), f.withholding().amount(), f.advanceRecovered().amount(),
                    f.previousPayments().amount(), f.amount().amount(), f.vatPercent(), f.vat().amount(), f.total().amount());
        }
    }

    record CertificateView(long id, String tipo, Integer sal, int numero, LocalDate dataEmissione, LocalDate scadenzaPagamento,
            FiguresView importi, BigDecimal penali, LocalDate dataPagamento, Integer eventoSA1, boolean scaduto, long giorniRitardo,
            BigDecimal interessiMora, boolean tassoMancante) {
        static CertificateView of(CertificateStatus s) {
            PaymentCertificate c = s.certificate();
            return new CertificateView(c.id(), c.kind().name(), c.salNumber(), c.number(), c.issueDate(), c.dueDate(),
                    FiguresView.of(c.figures()), c.penalties().amount(), c.paidOn(), c.executionSeq(), s.overdue(), s.daysLate(),
                    s.interest().amount(), s.rateMissing());
        }
    }

    record PenaltyView(BigDecimal base, BigDecimal penalePerMille, LocalDate termine, LocalDate ultimazione, long giorniRitardo,
            BigDecimal maturate, BigDecimal limite, BigDecimal importo, boolean limiteRaggiunto) {
        static PenaltyView of(PenaltyCalculation p) {
            return new PenaltyView(p.base().amount(), p.perMille(), p.deadline(), p.completedOn(), p.daysLate(), p.accrued().amount(),
                    p.cap().amount(), p.amount().amount(), p.capReached());
        }
    }

    record FinalAccountView(BigDecimal nettoLavori, BigDecimal anticipazionePagata, BigDecimal anticipazioneRecuperata,
            BigDecimal certificatiPagati, BigDecimal ritenuteDaSvincolare, PenaltyView penali, BigDecimal creditoResiduo) {
        static FinalAccountView of(FinalAccount a) {
            return new FinalAccountView(a.netWorks().amount(), a.advancePaid().amount(), a.advanceRecovered().amount(),
                    a.certificatesPaid().amount(), a.withholdings().amount(), PenaltyView.of(a.penalties()), a.balance().amount());
        }
    }

    record AdvanceView(BigDecimal percentuale, BigDecimal importo, BigDecimal importoContratto, String garante, String numeroGaranzia,
            BigDecimal importoGaranzia, LocalDate dataGaranzia, Long certificato) {
        static AdvanceView of(AdvancePayment a) {
            return new AdvanceView(a.percent(), a.amount().amount(), a.contractAmount().amount(), a.guarantor(), a.guaranteeNumber(),
                    a.guaranteeAmount().amount(), a.guaranteeDate(), a.certificateId());
        }
    }

    record AdvanceBody(BigDecimal percentuale, LocalDate dataEmissione, String garante, String numeroGaranzia, BigDecimal importoGaranzia,
            LocalDate dataGaranzia) {
    }

    record RevisionView(Long id, LocalDate data, String indice, boolean lavori, BigDecimal importoSoggetto, BigDecimal indiceBase,
            BigDecimal indiceCorrente, BigDecimal variazionePercentuale, BigDecimal soglia, BigDecimal quotaRiconosciuta,
            BigDecimal eccedenzaPercentuale, BigDecimal importo, boolean dovuta, Integer eventoModifica) {
        static RevisionView of(Long id, LocalDate date, String index, PriceRevisionCalculation c, Integer seq) {
            return new RevisionView(id, date, index, c.works(), c.basis().amount(), c.baseIndex(), c.currentIndex(), c.variationPercent(),
                    c.thresholdPercent(), c.sharePercent(), c.excessPercent(), c.amount().amount(), c.due(), seq);
        }
    }

    record RevisionBody(LocalDate data, String indice, BigDecimal importoSoggetto, BigDecimal indiceBase, BigDecimal indiceCorrente,
            String urlDocumentazione) {
        RevisionInput toInput() {
            return new RevisionInput(data, indice, importoSoggetto, indiceBase, indiceCorrente, urlDocumentazione);
        }
    }

    record SettingsView(BigDecimal aliquotaIva, BigDecimal penaleGiornalieraPerMille, BigDecimal percentualeAnticipazione,
            int giorniCertificato, int giorniPagamento, int versione) {
        static SettingsView of(AccountingSettings s) {
            return new SettingsView(s.vatPercent(), s.penaltyPerMille(), s.advancePercent(), s.certificateDays(), s.paymentDays(), s.version());
        }

        AccountingSettings toSettings() {
            return new AccountingSettings(aliquotaIva, penaleGiornalieraPerMille, percentualeAnticipazione, giorniCertificato,
                    giorniPagamento, versione);
        }
    }

    record DiaryBody(LocalDate data, String meteo, String personale, String annotazioni) {
    }

    record DiaryView(long id, LocalDate data, String meteo, String personale, String annotazioni, String registratoDa,
            java.time.Instant registratoIl) {
        static DiaryView of(DiaryEntry e) {
            return new DiaryView(e.id(), e.date(), e.weather(), e.workforce(), e.notes(), e.recordedBy(), e.recordedAt());
        }
    }

    record MilestoneBody(String descrizione, BigDecimal percentuale) {
    }

    record MilestoneView(long id, int posizione, String descrizione, BigDecimal percentuale, Integer sal) {
        static MilestoneView of(Milestone m) {
            return new MilestoneView(m.id(), m.position(), m.description(), m.percentage(), m.salNumber());
        }
    }

    record BalanceBody(LocalDate dataEmissione) {
    }

    record CertificateBody(LocalDate dataEmissione, String avanzamento, Integer numGiorniScostamento, Integer numGiorniProroga) {
    }

    record PaymentBody(LocalDate dataPagamento) {
    }

    record RateBody(LocalDate validoDal, BigDecimal tassoAnnuo) {
    }

    // ---------------------------------------------------------------- settings

    @GetMapping(BASE + "/settings")
    @Operation(summary = "Parametri della contabilità del contratto (IVA, penale, anticipazione, termini)")
    SettingsView settings(@PathVariable long contractId) {
        return SettingsView.of(accounting.settings(contractId));
    }

    @PutMapping(BASE + "/settings")
    @Operation(summary = "Modifica i parametri (versione per il controllo delle modifiche concorrenti)")
    SettingsView updateSettings(@PathVariable long contractId, @RequestBody SettingsView body) {
        return SettingsView.of(accounting.updateSettings(contractId, body.toSettings()));
    }

    // ---------------------------------------------------------------- price list

    @GetMapping(BASE + "/items")
    @Operation(summary = "Elenco prezzi e computo metrico")
    List<ItemView> items(@PathVariable long contractId) {
        return accounting.priceList(contractId).stream().map(ItemView::of).toList();
    }

    @PostMapping(BASE + "/items")
    @Operation(summary = "Aggiunge una voce all'elenco prezzi")
    ResponseEntity<ItemView> addItem(@PathVariable long contractId, @RequestBody ItemInput body) {
        PriceItem item = accounting.addItem(contractId, body.toInput());
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + contractId + "/accounting/items/" + item.id()))
                .body(ItemView.of(item));
    }

    @PutMapping(BASE + "/items/{itemId}")
    @Operation(summary = "Modifica una voce (prezzo e ribasso non più modificabili dopo un SAL che la contabilizza)")
    ItemView updateItem(@PathVariable long contractId, @PathVariable long itemId, @RequestBody ItemInput body) {
        return ItemView.of(accounting.updateItem(contractId, itemId, body.toInput()));
    }

    @DeleteMapping(BASE + "/items/{itemId}")
    @Operation(summary = "Elimina una voce senza misure")
    ResponseEntity<Void> deleteItem(@PathVariable long contractId, @PathVariable long itemId) {
        accounting.deleteItem(contractId, itemId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = BASE + "/items/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Importa l'elenco prezzi da XPWE (PriMus, LeenO), CSV o XLSX, con il resoconto riga per riga. "
            + "Con errori non importa nulla (422), salvo soloRigheValide=true")
    ResponseEntity<ImportOutcome> importItems(@PathVariable long contractId, @RequestParam("formato") String format,
            @RequestParam("file") MultipartFile file, @RequestParam(name = "soloRigheValide", defaultValue = "false") boolean onlyValid)
            throws IOException {
        if (file.isEmpty()) {
            throw new InvalidInputException(List.of(new FieldViolation("file", null, "Il file è vuoto")));
        }
        ImportOutcome outcome = accounting.importPriceList(contractId, format, file.getBytes(), onlyValid);
        return ResponseEntity.status(outcome.applied() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(outcome);
    }

    // ---------------------------------------------------------------- book

    @GetMapping(BASE + "/measurements")
    @Operation(summary = "Libretto delle misure")
    List<MeasurementView> measurements(@PathVariable long contractId) {
        return accounting.measurements(contractId).stream().map(MeasurementView::of).toList();
    }

    @PostMapping(BASE + "/measurements")
    @Operation(summary = "Registra una misura: quantità, oppure parti uguali e dimensioni che si moltiplicano")
    ResponseEntity<MeasurementView> addMeasurement(@PathVariable long contractId, @RequestBody MeasurementBody body) {
        Measurement m = accounting.addMeasurement(contractId, body.toInput());
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + contractId + "/accounting/measurements/" + m.id()))
                .body(MeasurementView.of(m));
    }

    @DeleteMapping(BASE + "/measurements/{measurementId}")
    @Operation(summary = "Elimina una misura non ancora compresa in un SAL")
    ResponseEntity<Void> deleteMeasurement(@PathVariable long contractId, @PathVariable long measurementId) {
        accounting.deleteMeasurement(contractId, measurementId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(BASE + "/diary")
    @Operation(summary = "Giornale dei lavori")
    List<DiaryView> diary(@PathVariable long contractId) {
        return accounting.diary(contractId).stream().map(DiaryView::of).toList();
    }

    @PostMapping(BASE + "/diary")
    @Operation(summary = "Annotazione nel giornale dei lavori")
    ResponseEntity<DiaryView> addDiary(@PathVariable long contractId, @RequestBody DiaryBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(DiaryView.of(accounting.addDiaryEntry(contractId,
                new DiaryInput(body.data(), body.meteo(), body.personale(), body.annotazioni()))));
    }

    @GetMapping(BASE + "/milestones")
    @Operation(summary = "Fasi del contratto di servizi o forniture")
    List<MilestoneView> milestones(@PathVariable long contractId) {
        return accounting.milestones(contractId).stream().map(MilestoneView::of).toList();
    }

    @PostMapping(BASE + "/milestones")
    @Operation(summary = "Aggiunge una fase, con la sua quota percentuale del contratto")
    ResponseEntity<MilestoneView> addMilestone(@PathVariable long contractId, @RequestBody MilestoneBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(MilestoneView.of(accounting.addMilestone(contractId,
                new MilestoneInput(body.descrizione(), body.percentuale()))));
    }

    // ---------------------------------------------------------------- SAL and certificates

    @GetMapping(BASE + "/sal")
    @Operation(summary = "Stati di avanzamento, con le righe del registro di contabilità")
    List<SalView> sals(@PathVariable long contractId) {
        return accounting.sals(contractId).stream().map(SalView::of).toList();
    }

    record DeadlineView(int sal, LocalDate dataSal, LocalDate scadenzaCertificato, LocalDate dataCertificato, boolean inRitardo) {
    }

    @GetMapping(BASE + "/sal-deadlines")
    @Operation(summary = "Termini di emissione dei certificati di pagamento dei SAL, con quelli in ritardo")
    List<DeadlineView> deadlines(@PathVariable long contractId) {
        return accounting.salDeadlines(contractId).stream().map(d -> new DeadlineView(d.salNumber(), d.salDate(), d.certificateDue(),
                d.certifiedOn(), d.late())).toList();
    }

    @GetMapping(BASE + "/sal/{number}")
    SalView sal(@PathVariable long contractId, @PathVariable int number) {
        return SalView.of(accounting.sal(contractId, number));
    }

    @GetMapping(BASE + "/sal/{number}/measurements")
    @Operation(summary = "Le misure comprese nel SAL: ogni importo è riconducibile alle sue misure")
    List<MeasurementView> salMeasurements(@PathVariable long contractId, @PathVariable int number) {
        return accounting.measurementsOf(contractId, number).stream().map(MeasurementView::of).toList();
    }

    @PostMapping(BASE + "/sal/preview")
    @Operation(summary = "Calcola un SAL senza registrarlo")
    SalView previewSal(@PathVariable long contractId, @RequestBody SalBody body) {
        return SalView.of(accounting.previewSal(contractId, body.toInput()));
    }

    @PostMapping(BASE + "/sal")
    @Operation(summary = "Registra un SAL: le misure comprese si bloccano")
    ResponseEntity<SalView> registerSal(@PathVariable long contractId, @RequestBody SalBody body) {
        SalStatement sal = accounting.registerSal(contractId, body.toInput());
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + contractId + "/accounting/sal/" + sal.number()))
                .body(SalView.of(sal));
    }

    @DeleteMapping(BASE + "/sal/last")
    @Operation(summary = "Ritira l'ultimo SAL (finché il certificato non è emesso), sbloccandone le misure")
    ResponseEntity<Void> withdrawSal(@PathVariable long contractId) {
        accounting.withdrawLastSal(contractId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(BASE + "/sal/{number}/certificate-preview")
    @Operation(summary = "Importi del certificato di pagamento del SAL, senza emetterlo")
    FiguresView previewCertificate(@PathVariable long contractId, @PathVariable int number) {
        return FiguresView.of(accounting.previewCertificate(contractId, number));
    }

    @PostMapping(BASE + "/sal/{number}/certificate")
    @Operation(summary = "Emette il certificato di pagamento del SAL e registra la scheda SA1 con i suoi importi")
    ResponseEntity<CertificateView> issueCertificate(@PathVariable long contractId, @PathVariable int number,
            @RequestBody CertificateBody body) {
        PaymentCertificate c = accounting.issueCertificate(contractId, number,
                new CertificateInput(body.dataEmissione(), body.avanzamento(), body.numGiorniScostamento(), body.numGiorniProroga()));
        return ResponseEntity.status(HttpStatus.CREATED).body(certificate(contractId, c.id()));
    }

    @GetMapping(BASE + "/certificates")
    @Operation(summary = "Certificati di pagamento con scadenze, ritardi e interessi di mora")
    List<CertificateView> certificates(@PathVariable long contractId) {
        return accounting.certificates(contractId).stream().map(CertificateView::of).toList();
    }

    @PostMapping(BASE + "/certificates/{certificateId}/payment")
    @Operation(summary = "Registra la data del pagamento di un certificato")
    CertificateView pay(@PathVariable long contractId, @PathVariable long certificateId, @RequestBody PaymentBody body) {
        accounting.markPaid(contractId, certificateId, body.dataPagamento());
        return certificate(contractId, certificateId);
    }

    private CertificateView certificate(long contractId, long id) {
        return accounting.certificates(contractId).stream().filter(s -> s.certificate().id() == id).map(CertificateView::of)
                .findFirst().orElseThrow();
    }

    @GetMapping(BASE + "/advance")
    @Operation(summary = "Anticipazione del prezzo, se concessa")
    ResponseEntity<AdvanceView> advance(@PathVariable long contractId) {
        return accounting.advance(contractId).map(AdvanceView::of).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    record RecoveryView(int sal, BigDecimal recuperatoNelCertificato, BigDecimal recuperatoProgressivo, BigDecimal residuo) {
    }

    @GetMapping(BASE + "/advance/recovery")
    @Operation(summary = "Recupero dell'anticipazione certificato per certificato, con il residuo da recuperare")
    List<RecoveryView> recovery(@PathVariable long contractId) {
        return accounting.advanceRecovery(contractId).stream().map(r -> new RecoveryView(r.salNumber(), r.recovered().amount(),
                r.cumulative().amount(), r.remaining().amount())).toList();
    }

    @PostMapping(BASE + "/advance")
    @Operation(summary = "Concede l'anticipazione contro la garanzia: certificato e scheda SA1")
    ResponseEntity<AdvanceView> grantAdvance(@PathVariable long contractId, @RequestBody AdvanceBody body) {
        AdvancePayment a = accounting.grantAdvance(contractId, new AdvanceInput(body.percentuale(), body.dataEmissione(), body.garante(),
                body.numeroGaranzia(), body.importoGaranzia(), body.dataGaranzia()));
        return ResponseEntity.status(HttpStatus.CREATED).body(AdvanceView.of(a));
    }

    @GetMapping(BASE + "/penalties")
    @Operation(summary = "Penali per ritardo (art. 126) alla data di ultimazione o a oggi")
    PenaltyView penalties(@PathVariable long contractId) {
        return PenaltyView.of(accounting.penalties(contractId));
    }

    @GetMapping(BASE + "/final-account")
    @Operation(summary = "Conto finale, dopo il certificato dello stato finale")
    ResponseEntity<FinalAccountView> finalAccount(@PathVariable long contractId) {
        return accounting.finalAccount(contractId).map(FinalAccountView::of).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping(BASE + "/final-account/balance")
    @Operation(summary = "Emette la rata di saldo dopo il collaudo: ritenute svincolate, penali detratte")
    ResponseEntity<CertificateView> balance(@PathVariable long contractId, @RequestBody BalanceBody body) {
        PaymentCertificate c = accounting.issueBalance(contractId, new BalanceInput(body.dataEmissione()));
        return ResponseEntity.status(HttpStatus.CREATED).body(certificate(contractId, c.id()));
    }

    // ---------------------------------------------------------------- price revision

    @GetMapping(BASE + "/price-revisions")
    List<RevisionView> revisions(@PathVariable long contractId) {
        return accounting.revisions(contractId).stream()
                .map(r -> RevisionView.of(r.id(), r.date(), r.indexName(), r.calculation(), r.executionSeq())).toList();
    }

    @PostMapping(BASE + "/price-revisions/preview")
    @Operation(summary = "Calcola la revisione dei prezzi (art. 60) senza registrarla")
    RevisionView previewRevision(@PathVariable long contractId, @RequestBody RevisionBody body) {
        PriceRevisionCalculation c = accounting.previewRevision(contractId, body.toInput());
        return RevisionView.of(null, body.data(), body.indice(), c, null);
    }

    @PostMapping(BASE + "/price-revisions")
    @Operation(summary = "Riconosce la revisione dei prezzi; se dovuta registra la modifica contrattuale (M1/M2, mod-rev)")
    ResponseEntity<RevisionView> recordRevision(@PathVariable long contractId, @RequestBody RevisionBody body) {
        PriceRevision r = accounting.recordRevision(contractId, body.toInput());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(RevisionView.of(r.id(), r.date(), r.indexName(), r.calculation(), r.executionSeq()));
    }

    // ---------------------------------------------------------------- legal rates (platform)

    @GetMapping("/api/v1/accounting/legal-rates")
    @Operation(summary = "Tassi degli interessi di mora (D.Lgs. 231/2002) inseriti dall'amministratore")
    List<LegalRate> rates() {
        return accounting.legalRates();
    }

    @PostMapping("/api/v1/accounting/legal-rates")
    @Operation(summary = "Imposta il tasso in vigore da una data (amministratore della piattaforma)")
    ResponseEntity<List<LegalRate>> setRate(@RequestBody RateBody body) {
        accounting.setLegalRate(new LegalRate(body.validoDal(), body.tassoAnnuo()));
        return ResponseEntity.status(HttpStatus.CREATED).body(accounting.legalRates());
    }
}
