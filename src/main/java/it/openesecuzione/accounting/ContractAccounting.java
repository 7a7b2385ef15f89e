package it.openesecuzione.accounting;

import it.openesecuzione.accounting.AccountingRequests.AdvanceInput;
import it.openesecuzione.accounting.AccountingRequests.BalanceInput;
import it.openesecuzione.accounting.AccountingRequests.CertificateInput;
import it.openesecuzione.accounting.AccountingRequests.DiaryInput;
import it.openesecuzione.accounting.AccountingRequests.MeasurementInput;
import it.openesecuzione.accounting.AccountingRequests.MilestoneInput;
import it.openesecuzione.accounting.AccountingRequests.RevisionInput;
import it.openesecuzione.accounting.AccountingRequests.SalInput;
import it.openesecuzione.accounting.AccountingStore.StoredSal;
import it.openesecuzione.accounting.imports.CsvPriceListReader;
import it.openesecuzione.accounting.imports.PriceListImport;
import it.openesecuzione.accounting.imports.XlsxPriceListReader;
import it.openesecuzione.accounting.imports.XpweReader;
import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.execution.EventRequest;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.ExecutionTimeline;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.Role;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.Money;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounting use cases of a contract. Every change runs in one transaction, so a refused
 * operation (bad input, a SA1 or modification scheda the execution module refuses) leaves nothing
 * written; every change is audited.
 */
@Service
public class ContractAccounting {

    /** Who keeps the books: the works director or DEC, and the RUP's office. */
    static final Set<Role> BOOKKEEPERS = EnumSet.of(Role.DL, Role.DEC, Role.RUP, Role.SUPPORTO_RUP, Role.AMMINISTRATORE);
    /** Who issues certificates, pays, revises prices: the RUP's office. */
    static final Set<Role> CERTIFIERS = EnumSet.of(Role.RUP, Role.SUPPORTO_RUP, Role.AMMINISTRATORE);
    private static final ZoneId ROME = ZoneId.of("Europe/Rome");
    private static final DateTimeFormatter IT_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ITALIAN);
    /** Art. 125 c. 1: the advance is paid within 15 days of the actual start. */
    static final int ADVANCE_PAYMENT_DAYS = 15;

    private final AccountingStore store;
    private final ContractRegistry contracts;
    private final ExecutionLog execution;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    ContractAccounting(AccountingStore store, ContractRegistry contracts, ExecutionLog execution, ApplicationEventPublisher publisher,
            Clock clock) {
        this.store = store;
        this.contracts = contracts;
        this.execution = execution;
        this.publisher = publisher;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ROME));
    }

    // ------------------------------------------------------------------ reading

    @Transactional(readOnly = true)
    public Contract contract(long contractId) {
        return contracts.find(contractId);
    }

    @Transactional(readOnly = true)
    public AccountingSettings settings(long contractId) {
        contracts.find(contractId);
        return store.settings(contractId).orElse(AccountingSettings.defaults());
    }

    @Transactional(readOnly = true)
    public List<PriceItem> priceList(long contractId) {
        contracts.find(contractId);
        return store.items(contractId);
    }

    @Transactional(readOnly = true)
    public List<Measurement> measurements(long contractId) {
        contracts.find(contractId);
        return store.measurements(contractId);
    }

    @Transactional(readOnly = true)
    public List<DiaryEntry> diary(long contractId) {
        contracts.find(contractId);
        return store.diary(contractId);
    }

    @Transactional(readOnly = true)
    public List<Milestone> milestones(long contractId) {
        contracts.find(contractId);
        return store.milestones(contractId);
    }

    @Transactional(readOnly = true)
    public List<SalStatement> sals(long contractId) {
        contracts.find(contractId);
        return store.sals(contractId).stream().map(StoredSal::statement).toList();
    }

    @Transactional(readOnly = true)
    public SalStatement sal(long contractId, int number) {
        return sals(contractId).stream().filter(s -> s.number() == number).findFirst()
                .orElseThrow(() -> new NotFoundException("SAL n. " + number + " non trovato"));
    }

    /** The entries a SAL includes (for the register: every figure traced to its measurements). */
    @Transactional(readOnly = true)
    public List<Measurement> measurementsOf(long contractId, int salNumber) {
        return measurements(contractId).stream().filter(m -> m.salNumber() != null && m.salNumber() == salNumber).toList();
    }

    @Transactional(readOnly = true)
    public Optional<AdvancePayment> advance(long contractId) {
        contracts.find(contractId);
        return store.advance(contractId);
    }

    /** The advance's recovery certificate by certificate, and what is left to recover. */
    @Transactional(readOnly = true)
    public List<AdvanceRecovery> advanceRecovery(long contractId) {
        contracts.find(contractId);
        Optional<AdvancePayment> advance = store.advance(contractId);
        if (advance.isEmpty()) {
            return List.of();
        }
        List<AdvanceRecovery> steps = new ArrayList<>();
        Money before = Money.ZERO;
        for (PaymentCertificate c : store.certificates(contractId)) {
            if (c.kind() == CertificateKind.SAL) {
                Money cumulative = c.figures().advanceRecovered();
                steps.add(new AdvanceRecovery(c.salNumber(), cumulative.minus(before), cumulative, advance.get().amount().minus(cumulative)));
                before = cumulative;
            }
        }
        return steps;
    }

    @Transactional(readOnly = true)
    public List<PriceRevision> revisions(long contractId) {
        contracts.find(contractId);
        return store.revisions(contractId);
    }

    @Transactional(readOnly = true)
    public List<LegalRate> legalRates() {
        return store.legalRates();
    }

    /** The certificates with their deadlines, delays and late-payment interest as of today. */
    @Transactional(readOnly = true)
    public List<CertificateStatus> certificates(long contractId) {
        contracts.find(contractId);
        LocalDate today = today();
        List<LegalRate> rates = store.legalRates();
        return store.certificates(contractId).stream().map(c -> status(c, today, rates)).toList();
    }

    static CertificateStatus status(PaymentCertificate c, LocalDate today, List<LegalRate> rates) {
        LocalDate end = c.paidOn() != null ? c.paidOn() : today;
        long late = Math.max(0, ChronoUnit.DAYS.between(c.dueDate(), end));
        Money interest = LatePaymentInterest.compute(c.figures().amount(), c.dueDate(), end, rates);
        return new CertificateStatus(c, c.overdue(today), late, interest, late > 0 && LatePaymentInterest.missingRate(c.dueDate(), rates));
    }

    /** Each SAL's certificate deadline (issue within the configured days of the SAL), late ones flagged. */
    @Transactional(readOnly = true)
    public List<SalDeadline> salDeadlines(long contractId) {
        contracts.find(contractId);
        AccountingSettings settings = store.settings(contractId).orElse(AccountingSettings.defaults());
        List<PaymentCertificate> issued = store.certificates(contractId);
        LocalDate today = today();
        List<SalDeadline> deadlines = new ArrayList<>();
        for (StoredSal stored : store.sals(contractId)) {
            SalStatement sal = stored.statement();
            LocalDate due = sal.date().plusDays(settings.certificateDays());
            LocalDate certified = issued.stream().filter(c -> c.kind() == CertificateKind.SAL && c.salNumber() == sal.number())
                    .map(PaymentCertificate::issueDate).findFirst().orElse(null);
            boolean late = certified == null ? today.isAfter(due) : certified.isAfter(due);
            deadlines.add(new SalDeadline(sal.number(), sal.date(), due, certified, late));
        }
        return deadlines;
    }

    /**
     * Penalties as they stand: days late of the completion (or of today, while works run past the
     * term) after the contract term moved by suspensions, extensions and modifications.
     */
    @Transactional(readOnly = true)
    public PenaltyCalculation penalties(long contractId) {
        Contract contract = contracts.find(contractId);
        AccountingSettings settings = store.settings(contractId).orElse(AccountingSettings.defaults());
        List<RecordedScheda> history = effectiveHistory(contractId);
        ExecutionTimeline timeline = ExecutionTimeline.of(history, contract.terms().durataGiorni());
        LocalDate completed = ExecutionTimeline.completedOn(history).orElse(null);
        LocalDate asOf = completed != null ? completed : today();
        LocalDate deadline = timeline.term().map(term -> term.deadline(asOf)).orElse(null);
        return PenaltyCalculation.of(contract.terms().importoContrattuale(), settings.penaltyPerMille(), deadline, asOf);
    }

    /** The final account, once the final statement is certified. */
    @Transactional(readOnly = true)
    public Optional<FinalAccount> finalAccount(long contractId) {
        contracts.find(contractId);
        List<StoredSal> sals = store.sals(contractId);
        if (sals.isEmpty() || !sals.get(sals.size() - 1).statement().finalStatement()) {
            return Optional.empty();
        }
        int last = sals.get(sals.size() - 1).statement().number();
        Optional<PaymentCertificate> certificate = store.certificates(contractId).stream()
                .filter(c -> c.kind() == CertificateKind.SAL && c.salNumber() == last).findFirst();
        if (certificate.isEmpty()) {
            return Optional.empty();
        }
        Money advance = store.advance(contractId).map(AdvancePayment::amount).orElse(Money.ZERO);
        return Optional.of(FinalAccount.of(certificate.get().figures(), advance, penalties(contractId)));
    }

    // ------------------------------------------------------------------ settings, legal rates

    @Transactional
    public AccountingSettings updateSettings(long contractId, AccountingSettings settings) {
        Contract contract = writable(contractId, CERTIFIERS, "modificare i parametri della contabilità");
        List<FieldViolation> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (!store.saveSettings(contractId, contract.authorityId(), settings, clock.instant())) {
            throw new ConflictException("I parametri sono stati modificati da un altro utente: ricaricare la pagina");
        }
        audit(contract, "CONTABILITA_PARAMETRI", Map.of("aliquotaIva", settings.vatPercent().toPlainString(),
                "penalePerMille", settings.penaltyPerMille().toPlainString(), "anticipazionePercentuale",
                settings.advancePercent().toPlainString(), "giorniCertificato", settings.certificateDays(),
                "giorniPagamento", settings.paymentDays()));
        return store.settings(contractId).orElseThrow();
    }

    @Transactional
    public void setLegalRate(LegalRate rate) {
        PlatformUser user = CurrentUser.get();
        if (!user.allRoles().contains(Role.PLATFORM_ADMIN)) {
            throw new NotPermittedException("Solo l'amministratore della piattaforma imposta il tasso degli interessi di mora");
        }
        List<FieldViolation> problems = new ArrayList<>();
        if (rate.validFrom() == null) {
            problems.add(new FieldViolation("validoDal", null, "La data di decorrenza è obbligatoria"));
        }
        if (rate.annualPercent() == null || rate.annualPercent().signum() < 0 || rate.annualPercent().compareTo(BigDecimal.valueOf(100)) > 0
                || rate.annualPercent().stripTrailingZeros().scale() > 3) {
            problems.add(new FieldViolation("tassoAnnuo", rate.annualPercent() == null ? null : rate.annualPercent().toPlainString(),
                    "Tasso annuo in percentuale tra 0 e 100, al più tre decimali (es. 10.15)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        store.saveLegalRate(rate, user.codiceFiscale(), clock.instant());
        publisher.publishEvent(new AccountingRecorded(null, null, "TASSO_INTERESSI_MORA",
                Map.of("validoDal", rate.validFrom().toString(), "tassoAnnuo", rate.annualPercent().toPlainString())));
    }

    // ------------------------------------------------------------------ price list

    @Transactional
    public PriceItem addItem(long contractId, PriceItemInput input) {
        Contract contract = writable(contractId, BOOKKEEPERS, "modificare l'elenco prezzi");
        refuseBookForServices(contract);
        List<FieldViolation> problems = new ArrayList<>(input.problems());
        if (input.code() != null && !input.code().isBlank() && store.itemIdByCode(contractId, input.code().trim()).isPresent()) {
            problems.add(new FieldViolation("codice", input.code(), "Una voce con questo codice è già nell'elenco prezzi"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        PriceItem item = input.toItem();
        long id = store.insertItem(contractId, contract.authorityId(), item);
        audit(contract, "CONTABILITA_VOCE_AGGIUNTA", itemSummary(item));
        return item.withId(id);
    }

    @Transactional
    public PriceItem updateItem(long contractId, long itemId, PriceItemInput input) {
        Contract contract = writable(contractId, BOOKKEEPERS, "modificare l'elenco prezzi");
        PriceItem before = store.item(contractId, itemId).orElseThrow(() -> new NotFoundException("Voce " + itemId + " non trovata"));
        List<FieldViolation> problems = new ArrayList<>(input.problems());
        if (input.code() != null && !input.code().isBlank()) {
            store.itemIdByCode(contractId, input.code().trim()).filter(other -> other != itemId).ifPresent(other -> problems.add(
                    new FieldViolation("codice", input.code(), "Una voce con questo codice è già nell'elenco prezzi")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        PriceItem after = input.toItem().withId(itemId);
        boolean priced = after.unitPrice().compareTo(before.unitPrice()) != 0 || after.subjectToDiscount() != before.subjectToDiscount();
        if (priced && store.itemInSal(itemId)) {
            throw new ConflictException("La voce " + before.code() + " è già contabilizzata in un SAL: il prezzo e l'assoggettamento al "
                    + "ribasso non si possono più modificare (serve un nuovo prezzo, con una modifica contrattuale)");
        }
        store.updateItem(contractId, after);
        Map<String, Object> summary = new LinkedHashMap<>(itemSummary(after));
        summary.put("prima", itemSummary(before));
        audit(contract, "CONTABILITA_VOCE_MODIFICATA", summary);
        return after;
    }

    @Transactional
    public void deleteItem(long contractId, long itemId) {
        Contract contract = writable(contractId, BOOKKEEPERS, "modificare l'elenco prezzi");
        PriceItem item = store.item(contractId, itemId).orElseThrow(() -> new NotFoundException("Voce " + itemId + " non trovata"));
        if (store.itemUsed(itemId)) {
            throw new ConflictException("La voce " + item.code() + " ha misure nel libretto: non si può eliminare");
        }
        store.deleteItem(contractId, itemId);
        audit(contract, "CONTABILITA_VOCE_ELIMINATA", itemSummary(item));
    }

    /**
     * Imports a price list file: XPWE (PriMus, LeenO), CSV or XLSX. Rows with problems, and codes
     * already in the list, are reported row by row; then nothing is written, unless
     * {@code onlyValidRows}, which imports the others.
     */
    @Transactional
    public ImportOutcome importPriceList(long contractId, String format, byte[] content, boolean onlyValidRows) {
        Contract contract = writable(contractId, BOOKKEEPERS, "importare l'elenco prezzi");
        refuseBookForServices(contract);
        String kind = format == null ? "" : format.trim().toUpperCase(Locale.ROOT);
        PriceListImport read = switch (kind) {
            case "XPWE" -> XpweReader.read(new ByteArrayInputStream(content));
            case "CSV" -> CsvPriceListReader.read(new ByteArrayInputStream(content));
            case "XLSX" -> XlsxPriceListReader.read(new ByteArrayInputStream(content));
            default -> throw new InvalidInputException(List.of(new FieldViolation("formato", format,
                    "Formato non riconosciuto: XPWE, CSV o XLSX")));
        };
        List<PriceListImport.RowProblem> problems = new ArrayList<>(read.problems());
        Set<String> existing = new HashSet<>();
        store.items(contractId).forEach(item -> existing.add(item.code()));
        List<PriceItem> items = new ArrayList<>();
        for (PriceListImport.Row row : read.rows()) {
            PriceItem item = row.item().toItem();
            if (existing.contains(item.code())) {
                problems.add(new PriceListImport.RowProblem(row.row(), "codice", item.code(),
                        "Una voce con questo codice è già nell'elenco prezzi del contratto"));
            } else {
                items.add(item);
            }
        }
        problems.sort(java.util.Comparator.comparingInt(PriceListImport.RowProblem::row));
        int rowsRead = read.rows().size() + (int) problems.stream().map(PriceListImport.RowProblem::row).distinct().count();
        boolean apply = problems.isEmpty() || onlyValidRows;
        if (apply && items.isEmpty()) {
            apply = false;
        }
        if (apply) {
            store.insertItems(contractId, contract.authorityId(), items);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("formato", kind);
            summary.put("vociImportate", items.size());
            summary.put("righeScartate", problems.size());
            audit(contract, "CONTABILITA_ELENCO_IMPORTATO", summary);
        }
        return new ImportOutcome(kind, rowsRead, apply ? items.size() : 0, apply, problems);
    }

    // ------------------------------------------------------------------ site diary, measurement book

    @Transactional
    public DiaryEntry addDiaryEntry(long contractId, DiaryInput input) {
        Contract contract = writable(contractId, BOOKKEEPERS, "scrivere nel giornale dei lavori");
        List<FieldViolation> problems = new ArrayList<>();
        if (input.date() == null) {
            problems.add(new FieldViolation("data", null, "La data è obbligatoria"));
        } else if (input.date().isAfter(today())) {
            problems.add(new FieldViolation("data", input.date().toString(), "Il giornale non si scrive per giorni futuri"));
        }
        if (input.notes() == null || input.notes().isBlank()) {
            problems.add(new FieldViolation("annotazioni", null, "Le annotazioni sono obbligatorie"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        PlatformUser user = CurrentUser.get();
        DiaryEntry entry = new DiaryEntry(0, input.date(), blankToNull(input.weather()), blankToNull(input.workforce()),
                input.notes().trim(), user.codiceFiscale(), clock.instant());
        long id = store.insertDiary(contractId, contract.authorityId(), entry);
        audit(contract, "CONTABILITA_GIORNALE", Map.of("data", input.date().toString(), "annotazioni", entry.notes()));
        return new DiaryEntry(id, entry.date(), entry.weather(), entry.workforce(), entry.notes(), entry.recordedBy(), entry.recordedAt());
    }

    @Transactional
    public Measurement addMeasurement(long contractId, MeasurementInput input) {
        Contract contract = writable(contractId, BOOKKEEPERS, "scrivere nel libretto delle misure");
        refuseBookForServices(contract);
        List<FieldViolation> problems = new ArrayList<>(Measurement.problems(input.date(), input.parts(), input.length(), input.width(),
                input.height(), input.quantity()));
        if (input.itemId() == null) {
            problems.add(new FieldViolation("voce", null, "Indicare la voce dell'elenco prezzi"));
        } else if (store.item(contractId, input.itemId()).isEmpty()) {
            problems.add(new FieldViolation("voce", input.itemId().toString(), "Voce non presente nell'elenco prezzi del contratto"));
        }
        if (input.date() != null && input.date().isAfter(today())) {
            problems.add(new FieldViolation("data", input.date().toString(), "Non si misurano lavori di giorni futuri"));
        }
        if (input.date() != null) {
            LocalDate handover = execution.timeline(contractId).handedOverOn();
            if (handover == null) {
                problems.add(new FieldViolation("data", input.date().toString(),
                        "Le misure seguono la consegna dei lavori: registrare prima l'avvio (scheda I1)"));
            } else if (input.date().isBefore(handover)) {
                problems.add(new FieldViolation("data", input.date().toString(), "La misura precede la consegna dei lavori ("
                        + handover.format(IT_DATE) + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        BigDecimal quantity = Measurement.quantityOf(input.parts(), input.length(), input.width(), input.height(), input.quantity());
        Measurement m = new Measurement(0, input.itemId(), input.date(), blankToNull(input.description()), input.parts(), input.length(),
                input.width(), input.height(), quantity, blankToNull(input.notes()), null);
        long id = store.insertMeasurement(contractId, contract.authorityId(), m, CurrentUser.get().codiceFiscale(), clock.instant());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("voce", store.item(contractId, input.itemId()).map(PriceItem::code).orElse(""));
        summary.put("data", input.date().toString());
        summary.put("quantita", quantity.toPlainString());
        audit(contract, "CONTABILITA_MISURA", summary);
        return new Measurement(id, m.itemId(), m.date(), m.description(), m.parts(), m.length(), m.width(), m.height(), m.quantity(),
                m.notes(), null);
    }

    @Transactional
    public void deleteMeasurement(long contractId, long measurementId) {
        Contract contract = writable(contractId, BOOKKEEPERS, "modificare il libretto delle misure");
        Measurement m = store.measurement(contractId, measurementId)
                .orElseThrow(() -> new NotFoundException("Misura " + measurementId + " non trovata"));
        if (m.locked() || !store.deleteFreeMeasurement(contractId, measurementId)) {
            throw new ConflictException("La misura è compresa nel SAL n. " + m.salNumber()
                    + ": non si può modificare (si può ritirare l'ultimo SAL finché il suo certificato non è emesso)");
        }
        audit(contract, "CONTABILITA_MISURA_ELIMINATA", Map.of("data", m.date().toString(), "quantita", m.quantity().toPlainString()));
    }

    @Transactional
    public Milestone addMilestone(long contractId, MilestoneInput input) {
        Contract contract = writable(contractId, BOOKKEEPERS, "definire le fasi del contratto");
        List<FieldViolation> problems = new ArrayList<>();
        if (input.description() == null || input.description().isBlank()) {
            problems.add(new FieldViolation("descrizione", null, "La descrizione della fase è obbligatoria"));
        }
        BigDecimal total = store.milestones(contractId).stream().map(Milestone::percentage).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (input.percentage() == null || input.percentage().signum() <= 0 || input.percentage().stripTrailingZeros().scale() > 4) {
            problems.add(new FieldViolation("percentuale", input.percentage() == null ? null : input.percentage().toPlainString(),
                    "Quota del contratto in percentuale, maggiore di zero, al più quattro decimali"));
        } else if (total.add(input.percentage()).compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add(new FieldViolation("percentuale", input.percentage().toPlainString(),
                    "Le fasi superano il 100% del contratto (già definito " + total.stripTrailingZeros().toPlainString() + "%)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = store.insertMilestone(contractId, contract.authorityId(), input.description().trim(), input.percentage());
        audit(contract, "CONTABILITA_FASE", Map.of("descrizione", input.description().trim(), "percentuale",
                input.percentage().toPlainString()));
        return store.milestones(contractId).stream().filter(m -> m.id() == id).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ SAL

    /** What a SAL at the given date would be, without recording it. */
    @Transactional(readOnly = true)
    public SalStatement previewSal(long contractId, SalInput input) {
        Contract contract = contracts.find(contractId);
        return computeSal(contract, input, store.sals(contractId)).statement();
    }

    /** Records a SAL and locks the entries (or milestones) it includes. */
    @Transactional
    public SalStatement registerSal(long contractId, SalInput input) {
        Contract contract = writable(contractId, BOOKKEEPERS, "redigere lo stato di avanzamento");
        List<StoredSal> sals = store.sals(contractId);
        ComputedSal computed = computeSal(contract, input, sals);
        SalStatement sal = computed.statement();
        long salId;
        try {
            salId = store.insertSal(contractId, contract.authorityId(), sal, CurrentUser.get().codiceFiscale(), clock.instant());
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ConflictException("Un altro SAL è stato registrato nel frattempo: ricaricare la pagina");
        }
        if (sal.basis() == SalBasis.MISURE && store.lockMeasurements(contractId, salId, computed.freeEntries()) != computed.freeEntries().size()) {
            // An entry the SAL was computed from was deleted meanwhile: the SAL would not match its book.
            throw new ConflictException("Il libretto delle misure è stato modificato nel frattempo: ricalcolare il SAL");
        } else if (sal.basis() == SalBasis.MILESTONE) {
            store.reachMilestones(contractId, salId, input.milestoneIds());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("numero", sal.number());
        summary.put("data", sal.date().toString());
        summary.put("finale", sal.finalStatement());
        summary.put("importoNettoProgressivo", sal.cumulative().netWorks().toString());
        summary.put("importoNettoPeriodo", sal.period().netWorks().toString());
        audit(contract, "CONTABILITA_SAL_REGISTRATO", summary);
        return sal;
    }

    /** A SAL and the free entries of the book it includes (to be locked into it, exactly those). */
    private record ComputedSal(SalStatement statement, List<Long> freeEntries) {
    }

    private ComputedSal computeSal(Contract contract, SalInput input, List<StoredSal> sals) {
        long contractId = contract.id();
        List<FieldViolation> problems = new ArrayList<>();
        SalStatement previous = sals.isEmpty() ? null : sals.get(sals.size() - 1).statement();
        boolean finalStatement = Boolean.TRUE.equals(input.finalStatement());
        if (previous != null && previous.finalStatement()) {
            throw new ConflictException("Lo stato finale (SAL n. " + previous.number() + ") è già stato redatto: non seguono altri SAL");
        }
        if (input.date() == null) {
            problems.add(new FieldViolation("data", null, "La data del SAL è obbligatoria"));
        } else {
            if (input.date().isAfter(today())) {
                problems.add(new FieldViolation("data", input.date().toString(), "Il SAL non può avere una data futura"));
            }
            if (previous != null && input.date().isBefore(previous.date())) {
                problems.add(new FieldViolation("data", input.date().toString(), "Il SAL non può precedere il SAL n. " + previous.number()
                        + " del " + previous.date().format(IT_DATE)));
            }
            LocalDate handover = execution.timeline(contractId).handedOverOn();
            if (handover == null) {
                problems.add(new FieldViolation("data", input.date().toString(),
                        "Lo stato di avanzamento segue l'avvio dell'esecuzione: registrare prima la scheda I1"));
            } else if (input.date().isBefore(handover)) {
                problems.add(new FieldViolation("data", input.date().toString(), "Il SAL non può precedere la consegna ("
                        + handover.format(IT_DATE) + ")"));
            }
        }
        int number = previous == null ? 1 : previous.number() + 1;
        boolean works = contract.terms().tipologia() == Tipologia.LAVORI;
        SalStatement sal = null;
        List<Long> freeEntries = List.of();
        if (works) {
            if (input.percentage() != null || (input.milestoneIds() != null && !input.milestoneIds().isEmpty())) {
                problems.add(new FieldViolation("percentuale", null,
                        "Il SAL dei lavori si calcola dalle misure del libretto, non da percentuali o fasi"));
            }
            if (problems.isEmpty()) {
                List<Measurement> included = store.measurementsUpTo(contractId, input.date());
                freeEntries = included.stream().filter(m -> !m.locked()).map(Measurement::id).toList();
                boolean anyNew = !freeEntries.isEmpty();
                if (!anyNew && !finalStatement) {
                    problems.add(new FieldViolation("data", input.date().toString(),
                            "Nessuna nuova misura nel libretto fino a questa data: il SAL non avrebbe importo"));
                } else {
                    sal = SalCalculator.fromMeasurements(number, input.date(), finalStatement, contract.terms().ribasso(),
                            store.items(contractId), included, previous);
                }
            }
        } else {
            BigDecimal percentage = input.percentage();
            SalBasis basis = SalBasis.PERCENTUALE;
            if (input.milestoneIds() != null && !input.milestoneIds().isEmpty()) {
                basis = SalBasis.MILESTONE;
                if (percentage != null) {
                    problems.add(new FieldViolation("percentuale", percentage.toPlainString(),
                            "Indicare la percentuale oppure le fasi raggiunte, non entrambe"));
                }
                List<Milestone> all = store.milestones(contractId);
                List<BigDecimal> reached = new ArrayList<>();
                for (Milestone m : all) {
                    if (m.salNumber() != null) {
                        reached.add(m.percentage());
                    }
                }
                for (Long id : input.milestoneIds()) {
                    Optional<Milestone> milestone = all.stream().filter(m -> m.id() == id).findFirst();
                    if (milestone.isEmpty()) {
                        problems.add(new FieldViolation("fasi", String.valueOf(id), "Fase non definita per questo contratto"));
                    } else if (milestone.get().salNumber() != null) {
                        problems.add(new FieldViolation("fasi", String.valueOf(id), "La fase \"" + milestone.get().description()
                                + "\" è già compresa nel SAL n. " + milestone.get().salNumber()));
                    } else {
                        reached.add(milestone.get().percentage());
                    }
                }
                percentage = SalCalculator.milestoneShare(reached);
            } else if (percentage == null) {
                problems.add(new FieldViolation("percentuale", null,
                        "Indicare la percentuale complessiva di esecuzione del contratto o le fasi raggiunte"));
            } else if (percentage.signum() <= 0 || percentage.compareTo(BigDecimal.valueOf(100)) > 0
                    || percentage.stripTrailingZeros().scale() > 4) {
                problems.add(new FieldViolation("percentuale", percentage.toPlainString(),
                        "Percentuale complessiva tra 0 e 100, al più quattro decimali"));
            }
            // Whatever the basis, the share executed only grows (the stato finale may confirm the last one).
            if (percentage != null && previous != null && previous.percentage() != null
                    && (finalStatement ? percentage.compareTo(previous.percentage()) < 0 : percentage.compareTo(previous.percentage()) <= 0)) {
                problems.add(new FieldViolation(basis == SalBasis.MILESTONE ? "fasi" : "percentuale", percentage.toPlainString(),
                        "La percentuale è progressiva: deve superare quella del SAL n. " + previous.number() + " ("
                                + previous.percentage().stripTrailingZeros().toPlainString() + "%)"
                                + (basis == SalBasis.MILESTONE ? "; le fasi raggiunte danno " + percentage.stripTrailingZeros().toPlainString()
                                        + "%" : "")));
            }
            if (problems.isEmpty()) {
                sal = SalCalculator.fromPercentage(number, input.date(), finalStatement, basis, contract.terms().importoContrattuale(),
                        contract.terms().oneriSicurezza(), percentage, previous);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ComputedSal(sal, freeEntries);
    }

    /** Withdraws the last SAL, unlocking its entries, as long as its certificate is not issued. */
    @Transactional
    public void withdrawLastSal(long contractId) {
        Contract contract = writable(contractId, BOOKKEEPERS, "ritirare lo stato di avanzamento");
        List<StoredSal> sals = store.sals(contractId);
        if (sals.isEmpty()) {
            throw new ConflictException("Nessun SAL da ritirare");
        }
        StoredSal last = sals.get(sals.size() - 1);
        store.lockSal(last.id());
        boolean certified = store.certificates(contractId).stream()
                .anyMatch(c -> c.kind() == CertificateKind.SAL && c.salNumber() == last.statement().number());
        if (certified) {
            throw new ConflictException("Il certificato di pagamento del SAL n. " + last.statement().number()
                    + " è già emesso: il SAL non si può più ritirare");
        }
        store.deleteSal(contractId, last.id());
        audit(contract, "CONTABILITA_SAL_RITIRATO", Map.of("numero", last.statement().number(), "data", last.statement().date().toString()));
    }

    // ------------------------------------------------------------------ certificates

    /** What the certificate of a SAL would be, without issuing it. */
    @Transactional(readOnly = true)
    public CertificateFigures previewCertificate(long contractId, int salNumber) {
        Contract contract = contracts.find(contractId);
        return figuresFor(contract, salNumber, store.sals(contractId), store.certificates(contractId));
    }

    private CertificateFigures figuresFor(Contract contract, int salNumber, List<StoredSal> sals, List<PaymentCertificate> issued) {
        StoredSal sal = sals.stream().filter(s -> s.statement().number() == salNumber).findFirst()
                .orElseThrow(() -> new NotFoundException("SAL n. " + salNumber + " non trovato"));
        CertificateFigures previous = null;
        for (PaymentCertificate c : issued) {
            if (c.kind() == CertificateKind.SAL && c.salNumber() != null && c.salNumber() < salNumber) {
                previous = c.figures();
            }
        }
        Optional<AdvancePayment> advance = store.advance(contract.id());
        AccountingSettings settings = store.settings(contract.id()).orElse(AccountingSettings.defaults());
        return CertificateCalculator.compute(sal.statement(), previous, advance.map(AdvancePayment::amount).orElse(Money.ZERO),
                advance.map(AdvancePayment::contractAmount).orElse(contract.terms().importoContrattuale()), settings.vatPercent());
    }

    /**
     * Issues the payment certificate of a SAL and records the SA1 scheda that reports both to
     * ANAC, with the figures computed here: nobody retypes them.
     */
    @Transactional
    public PaymentCertificate issueCertificate(long contractId, int salNumber, CertificateInput input) {
        Contract contract = writable(contractId, CERTIFIERS, "emettere certificati di pagamento");
        List<StoredSal> sals = store.sals(contractId);
        StoredSal sal = sals.stream().filter(s -> s.statement().number() == salNumber).findFirst()
                .orElseThrow(() -> new NotFoundException("SAL n. " + salNumber + " non trovato"));
        store.lockSal(sal.id());
        List<PaymentCertificate> issued = store.certificates(contractId);
        if (issued.stream().anyMatch(c -> c.kind() == CertificateKind.SAL && c.salNumber() == salNumber)) {
            throw new ConflictException("Il certificato del SAL n. " + salNumber + " è già emesso");
        }
        for (StoredSal earlier : sals) {
            int n = earlier.statement().number();
            if (n < salNumber && issued.stream().noneMatch(c -> c.kind() == CertificateKind.SAL && c.salNumber() == n)) {
                throw new ConflictException("Emettere prima il certificato del SAL n. " + n);
            }
        }
        List<FieldViolation> problems = new ArrayList<>();
        LocalDate salDate = sal.statement().date();
        if (input.issueDate() == null) {
            problems.add(new FieldViolation("dataEmissione", null, "La data di emissione è obbligatoria"));
        } else if (input.issueDate().isBefore(salDate)) {
            problems.add(new FieldViolation("dataEmissione", input.issueDate().toString(),
                    "Il certificato non può precedere il SAL (" + salDate.format(IT_DATE) + ")"));
        } else if (input.issueDate().isAfter(today())) {
            problems.add(new FieldViolation("dataEmissione", input.issueDate().toString(), "Il certificato non può avere una data futura"));
        }
        String avanzamento = input.avanzamento() == null || input.avanzamento().isBlank() ? "9" : input.avanzamento().trim();
        CertificateFigures figures = figuresFor(contract, salNumber, sals, issued);
        if (figures.amount().isNegative()) {
            problems.add(new FieldViolation("importo", figures.amount().toString(), "L'importo del certificato risulta negativo ("
                    + figures.amount().formatIt() + "): verificare le misure del SAL"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        AccountingSettings settings = store.settings(contractId).orElse(AccountingSettings.defaults());
        LocalDate due = salDate.plusDays(settings.paymentDays());
        int number = (int) issued.stream().filter(c -> c.kind() == CertificateKind.SAL).count() + 1;
        long id = store.insertCertificate(contractId, contract.authorityId(), CertificateKind.SAL, sal.id(), number, input.issueDate(), due,
                figures, Money.ZERO, CurrentUser.get().codiceFiscale(), clock.instant());

        Map<String, Object> avanzamentoSection = new LinkedHashMap<>();
        avanzamentoSection.put("denominazioneAvanzamento", (sal.statement().finalStatement() ? "Stato finale" : "SAL n. " + salNumber)
                + " al " + salDate.format(IT_DATE));
        avanzamentoSection.put("modalitaPagamento", Map.of("idTipologica", "modalitaPagamento", "codice", "1"));
        avanzamentoSection.put("dataAvanzamento", salDate.toString());
        avanzamentoSection.put("impSal", figures.netWorks().amount());
        avanzamentoSection.put("dataCertificatoMandatoPagamento", input.issueDate().toString());
        avanzamentoSection.put("impCertificatoMandatoPagamento", figures.amount().amount());
        avanzamentoSection.put("avanzamento", Map.of("idTipologica", "avanzamento", "codice", avanzamento));
        if (input.numGiorniScostamento() != null) {
            avanzamentoSection.put("numGiorniScostamento", input.numGiorniScostamento());
        }
        if (input.numGiorniProroga() != null) {
            avanzamentoSection.put("numGiorniProroga", input.numGiorniProroga());
        }
        RecordedScheda sa1 = execution.record(contractId, EventRequest.of("SA1", Map.of("avanzamento", avanzamentoSection)));
        store.linkExecutionEvent(id, sa1.seq());

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sal", salNumber);
        summary.put("numero", number);
        summary.put("dataEmissione", input.issueDate().toString());
        summary.put("scadenzaPagamento", due.toString());
        summary.put("importo", figures.amount().toString());
        summary.put("iva", figures.vat().toString());
        summary.put("ritenuteProgressive", figures.withholding().toString());
        summary.put("anticipazioneRecuperata", figures.advanceRecovered().toString());
        summary.put("schedaSA1", sa1.seq());
        audit(contract, "CONTABILITA_CERTIFICATO_EMESSO", summary);
        return store.certificates(contractId).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    /** Records the day a certificate was paid: late-payment interest stops there. */
    @Transactional
    public void markPaid(long contractId, long certificateId, LocalDate paidOn) {
        Contract contract = writable(contractId, CERTIFIERS, "registrare i pagamenti");
        PaymentCertificate c = store.certificates(contractId).stream().filter(x -> x.id() == certificateId).findFirst()
                .orElseThrow(() -> new NotFoundException("Certificato " + certificateId + " non trovato"));
        if (paidOn == null) {
            throw new InvalidInputException(List.of(new FieldViolation("dataPagamento", null, "La data del pagamento è obbligatoria")));
        }
        if (paidOn.isBefore(c.issueDate()) || paidOn.isAfter(today())) {
            throw new InvalidInputException(List.of(new FieldViolation("dataPagamento", paidOn.toString(),
                    "Il pagamento segue l'emissione del certificato (" + c.issueDate().format(IT_DATE) + ") e non è futuro")));
        }
        if (!store.markPaid(contractId, certificateId, paidOn)) {
            throw new ConflictException("Il pagamento di questo certificato è già registrato");
        }
        audit(contract, "CONTABILITA_PAGAMENTO", Map.of("certificato", c.kind().label() + " n. " + c.number(), "dataPagamento",
                paidOn.toString(), "importo", c.figures().amount().toString()));
    }

    /**
     * Grants the advance against its guarantee: its certificate, and the SA1 that reports it to
     * ANAC (impAnticipazione with the certificate date, impSal as last reported).
     */
    @Transactional
    public AdvancePayment grantAdvance(long contractId, AdvanceInput input) {
        Contract contract = writable(contractId, CERTIFIERS, "concedere l'anticipazione");
        if (store.advance(contractId).isPresent()) {
            throw new ConflictException("L'anticipazione di questo contratto è già registrata");
        }
        AccountingSettings settings = store.settings(contractId).orElse(AccountingSettings.defaults());
        List<FieldViolation> problems = new ArrayList<>();
        BigDecimal percent = input.percent() == null ? settings.advancePercent() : input.percent();
        if (percent.signum() <= 0 || percent.compareTo(settings.advancePercent()) > 0 || percent.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldViolation("percentuale", percent.toPlainString(), "L'anticipazione è al più il "
                    + settings.advancePercent().stripTrailingZeros().toPlainString() + "% del contratto (parametri della contabilità; "
                    + "art. 125: 20%, fino al 30% se previsto dai documenti di gara)"));
        }
        Money contractAmount = contract.terms().importoContrattuale();
        Money amount = contractAmount.percent(percent);
        if (input.issueDate() == null) {
            problems.add(new FieldViolation("dataEmissione", null, "La data del certificato di anticipazione è obbligatoria"));
        } else if (input.issueDate().isAfter(today())) {
            problems.add(new FieldViolation("dataEmissione", input.issueDate().toString(), "Il certificato non può avere una data futura"));
        }
        if (input.guarantor() == null || input.guarantor().isBlank()) {
            problems.add(new FieldViolation("garante", null, "Indicare la banca o l'assicurazione che presta la garanzia"));
        }
        if (input.guaranteeNumber() == null || input.guaranteeNumber().isBlank()) {
            problems.add(new FieldViolation("numeroGaranzia", null, "Indicare il numero della garanzia"));
        }
        if (input.guaranteeDate() == null) {
            problems.add(new FieldViolation("dataGaranzia", null, "Indicare la data della garanzia"));
        }
        if (input.guaranteeAmount() == null || input.guaranteeAmount().compareTo(amount.amount()) < 0) {
            problems.add(new FieldViolation("importoGaranzia", input.guaranteeAmount() == null ? null : input.guaranteeAmount().toPlainString(),
                    "La garanzia deve coprire almeno l'anticipazione (" + amount.formatIt() + "; art. 125)"));
        }
        if (store.certificates(contractId).stream().anyMatch(c -> c.kind() == CertificateKind.SAL)) {
            problems.add(new FieldViolation("dataEmissione", null,
                    "L'anticipazione precede i pagamenti dei SAL: il recupero sui certificati già emessi non sarebbe più esatto"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ExecutionTimeline timeline = execution.timeline(contractId);
        LocalDate start = timeline.handedOverOn() != null ? timeline.handedOverOn() : input.issueDate();
        LocalDate due = start.plusDays(ADVANCE_PAYMENT_DAYS);
        if (due.isBefore(input.issueDate())) {
            due = input.issueDate();
        }
        CertificateFigures figures = new CertificateFigures(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, amount, settings.vatPercent(),
                amount.percent(settings.vatPercent()));
        long certificateId = store.insertCertificate(contractId, contract.authorityId(), CertificateKind.ANTICIPAZIONE, null, 1,
                input.issueDate(), due, figures, Money.ZERO, CurrentUser.get().codiceFiscale(), clock.instant());
        AdvancePayment advance = new AdvancePayment(percent, amount, contractAmount, input.guarantor().trim(), input.guaranteeNumber().trim(),
                Money.of(input.guaranteeAmount()), input.guaranteeDate(), certificateId);
        store.insertAdvance(contractId, contract.authorityId(), advance, CurrentUser.get().codiceFiscale(), clock.instant());

        Map<String, Object> section = new LinkedHashMap<>();
        section.put("denominazioneAvanzamento", "Anticipazione del prezzo (art. 125) del " + input.issueDate().format(IT_DATE));
        section.put("modalitaPagamento", Map.of("idTipologica", "modalitaPagamento", "codice", "1"));
        section.put("impAnticipazione", amount.amount());
        section.put("dataCertificatoAnticipazione", input.issueDate().toString());
        section.put("dataAvanzamento", input.issueDate().toString());
        section.put("impSal", timeline.lastImpSal().setScale(2));
        section.put("avanzamento", Map.of("idTipologica", "avanzamento", "codice", "9"));
        RecordedScheda sa1 = execution.record(contractId, EventRequest.of("SA1", Map.of("avanzamento", section)));
        store.linkExecutionEvent(certificateId, sa1.seq());

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("percentuale", percent.toPlainString());
        summary.put("importo", amount.toString());
        summary.put("garante", advance.guarantor());
        summary.put("numeroGaranzia", advance.guaranteeNumber());
        summary.put("importoGaranzia", advance.guaranteeAmount().toString());
        summary.put("schedaSA1", sa1.seq());
        audit(contract, "CONTABILITA_ANTICIPAZIONE", summary);
        return advance;
    }

    /**
     * The balance (rata di saldo) after acceptance: the withholdings released, the penalties
     * deducted. Needs the final statement certified and the collaudo or CRE (CL1) recorded.
     */
    @Transactional
    public PaymentCertificate issueBalance(long contractId, BalanceInput input) {
        Contract contract = writable(contractId, CERTIFIERS, "emettere la rata di saldo");
        FinalAccount account = finalAccount(contractId).orElseThrow(() -> new ConflictException(
                "Il conto finale richiede lo stato finale (ultimo SAL) con il suo certificato di pagamento"));
        if (store.certificates(contractId).stream().anyMatch(c -> c.kind() == CertificateKind.SALDO)) {
            throw new ConflictException("La rata di saldo è già emessa");
        }
        Optional<RecordedScheda> collaudo = effectiveHistory(contractId).stream()
                .filter(s -> s.code() == it.openesecuzione.execution.SchedaCode.CL1).reduce((a, b) -> b);
        if (collaudo.isEmpty()) {
            throw new ConflictException("Le ritenute si svincolano dopo il collaudo o il certificato di regolare esecuzione: "
                    + "registrare prima la scheda CL1");
        }
        if (input.issueDate() == null || input.issueDate().isBefore(collaudo.get().eventDate()) || input.issueDate().isAfter(today())) {
            throw new InvalidInputException(List.of(new FieldViolation("dataEmissione", input.issueDate() == null ? null
                    : input.issueDate().toString(), "La rata di saldo segue il collaudo (" + collaudo.get().eventDate().format(IT_DATE)
                    + ") e non ha data futura")));
        }
        AccountingSettings settings = store.settings(contractId).orElse(AccountingSettings.defaults());
        Money amount = account.balance();
        CertificateFigures figures = new CertificateFigures(account.netWorks(), Money.ZERO, account.advanceRecovered(),
                account.certificatesPaid(), amount, settings.vatPercent(), amount.percent(settings.vatPercent()));
        long id = store.insertCertificate(contractId, contract.authorityId(), CertificateKind.SALDO, null, 1, input.issueDate(),
                input.issueDate().plusDays(settings.paymentDays()), figures, account.penalties().amount(), CurrentUser.get().codiceFiscale(),
                clock.instant());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("importo", amount.toString());
        summary.put("ritenuteSvincolate", account.withholdings().toString());
        summary.put("penali", account.penalties().amount().toString());
        audit(contract, "CONTABILITA_RATA_SALDO", summary);
        return store.certificates(contractId).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ price revision

    /** What a revision would give, without recording it. */
    @Transactional(readOnly = true)
    public PriceRevisionCalculation previewRevision(long contractId, RevisionInput input) {
        Contract contract = contracts.find(contractId);
        return calculate(contract, input);
    }

    private static PriceRevisionCalculation calculate(Contract contract, RevisionInput input) {
        List<FieldViolation> problems = new ArrayList<>();
        if (input.basis() == null || input.basis().signum() < 0 || input.basis().stripTrailingZeros().scale() > 2) {
            problems.add(new FieldViolation("importoSoggetto", input.basis() == null ? null : input.basis().toPlainString(),
                    "Importo delle prestazioni eseguite nel periodo, non negativo, al più due decimali"));
        }
        if (input.baseIndex() == null || input.baseIndex().signum() <= 0) {
            problems.add(new FieldViolation("indiceBase", null, "Valore dell'indice al mese dell'offerta, maggiore di zero"));
        }
        if (input.currentIndex() == null || input.currentIndex().signum() <= 0) {
            problems.add(new FieldViolation("indiceCorrente", null, "Valore dell'indice al mese di esecuzione, maggiore di zero"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return PriceRevisionCalculation.of(contract.terms().tipologia() == Tipologia.LAVORI, Money.of(input.basis()), input.baseIndex(),
                input.currentIndex());
    }

    /**
     * Records a price revision. When it is due, it produces the modification event of the
     * execution module (M2 or M1, reason mod-rev, motivoRevisionePrezzi 2 "disposizioni
     * normative": art. 60) with the new economic framework; a refused scheda refuses the revision.
     */
    @Transactional
    public PriceRevision recordRevision(long contractId, RevisionInput input) {
        Contract contract = writable(contractId, CERTIFIERS, "riconoscere la revisione dei prezzi");
        List<FieldViolation> problems = new ArrayList<>();
        if (input.date() == null || input.date().isAfter(today())) {
            problems.add(new FieldViolation("data", input.date() == null ? null : input.date().toString(),
                    "Data dell'atto di riconoscimento, non futura"));
        }
        if (input.indexName() == null || input.indexName().isBlank()) {
            problems.add(new FieldViolation("indice", null, "Indicare l'indice usato (es. indice ISTAT del costo di costruzione)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        PriceRevisionCalculation calc = calculate(contract, input);
        Integer seq = null;
        if (calc.due()) {
            if (contract.terms().concessione()) {
                throw new ConflictException("La revisione dei prezzi delle concessioni si comunica con la modifica (M1_40/M2_40) "
                        + "dalla pagina degli eventi, con il quadro economico della concessione");
            }
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("quadroEconomicoStandardRideterminato", revisedFramework(contract, calc.amount()));
            section.put("dataApprovazione", input.date().toString());
            section.put("datiBaseModificaContrattuale", Map.of(
                    "motiviModifica", Map.of("idTipologica", "motiviModifica", "codice", "mod-rev"),
                    "causaModifica", "Revisione dei prezzi (art. 60): indice " + input.indexName().trim() + " da "
                            + calc.baseIndex().stripTrailingZeros().toPlainString() + " a "
                            + calc.currentIndex().stripTrailingZeros().toPlainString() + " (variazione "
                            + calc.variationPercent().stripTrailingZeros().toPlainString() + "%)"));
            section.put("motivoRevisionePrezzi", Map.of("idTipologica", "motivoRevisionePrezzi", "codice", "2"));
            if (input.urlDocumentazione() != null && !input.urlDocumentazione().isBlank()) {
                section.put("urlDocumentazione", input.urlDocumentazione().trim());
            }
            String code = ExecutionLog.modificationCode(contract).name();
            seq = execution.record(contractId, EventRequest.of(code, Map.of("modificaContrattuale", section))).seq();
        }
        long id = store.insertRevision(contractId, contract.authorityId(), input.date(), input.indexName().trim(), calc, seq,
                CurrentUser.get().codiceFiscale(), clock.instant());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("indice", input.indexName().trim());
        summary.put("variazionePercentuale", calc.variationPercent().toPlainString());
        summary.put("importo", calc.amount().toString());
        summary.put("eventoModifica", seq);
        audit(contract, "CONTABILITA_REVISIONE_PREZZI", summary);
        return new PriceRevision(id, input.date(), input.indexName().trim(), calc, seq);
    }

    /**
     * The economic framework after the revision: the last one reported with a modification, or
     * the contract's own, with the revision added to the component of the contract's type.
     */
    private Map<String, Object> revisedFramework(Contract contract, Money revision) {
        Map<String, Object> framework = new LinkedHashMap<>();
        Optional<RecordedScheda> lastModification = effectiveHistory(contract.id()).stream()
                .filter(s -> s.code().name().startsWith("M")).reduce((a, b) -> b);
        Object last = lastModification.map(s -> s.anacForm().get("modificaContrattuale")).filter(Map.class::isInstance)
                .map(m -> ((Map<?, ?>) m).get("quadroEconomicoStandardRideterminato")).orElse(null);
        if (last instanceof Map<?, ?> previous) {
            previous.forEach((k, v) -> framework.put(k.toString(), v));
            framework.remove("numGiorniProroga");
        } else {
            Money safety = contract.terms().oneriSicurezza();
            Money works = contract.terms().importoContrattuale().minus(safety);
            framework.put("impLavori", contract.terms().tipologia() == Tipologia.LAVORI ? works.amount() : BigDecimal.ZERO);
            framework.put("impServizi", contract.terms().tipologia() == Tipologia.SERVIZI ? works.amount() : BigDecimal.ZERO);
            framework.put("impForniture", contract.terms().tipologia() == Tipologia.FORNITURE ? works.amount() : BigDecimal.ZERO);
            framework.put("impTotaleSicurezza", safety.amount());
        }
        String component = switch (contract.terms().tipologia()) {
            case LAVORI -> "impLavori";
            case SERVIZI -> "impServizi";
            case FORNITURE -> "impForniture";
        };
        BigDecimal current = new BigDecimal(String.valueOf(framework.getOrDefault(component, "0")));
        framework.put(component, current.add(revision.amount()).setScale(2));
        return framework;
    }

    // ------------------------------------------------------------------ helpers

    private List<RecordedScheda> effectiveHistory(long contractId) {
        return execution.history(contractId).stream().filter(s -> !s.annulled()).toList();
    }

    /** Services and supplies are accounted by percentage or milestones: a price list or a book would count for nothing. */
    private static void refuseBookForServices(Contract contract) {
        if (contract.terms().tipologia() != Tipologia.LAVORI) {
            throw new ConflictException("Per i contratti di " + contract.terms().tipologia().label().toLowerCase(Locale.ITALIAN)
                    + " lo stato di avanzamento si determina in percentuale del contratto o per fasi, senza elenco prezzi né misure");
        }
    }

    private Contract writable(long contractId, Set<Role> roles, String action) {
        Contract contract = contracts.find(contractId);
        PlatformUser user = CurrentUser.get();
        if (user.rolesIn(contract.authorityId()).stream().noneMatch(roles::contains)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di " + action);
        }
        return contract;
    }

    /** Whether the current user may keep the books (measurements, diary, SAL) of the contract. */
    public boolean canKeepBooks(Contract contract) {
        return CurrentUser.find().map(u -> u.rolesIn(contract.authorityId()).stream().anyMatch(BOOKKEEPERS::contains)).orElse(false);
    }

    /** Whether the current user may issue certificates, grant the advance, revise prices. */
    public boolean canCertify(Contract contract) {
        return CurrentUser.find().map(u -> u.rolesIn(contract.authorityId()).stream().anyMatch(CERTIFIERS::contains)).orElse(false);
    }

    private void audit(Contract contract, String action, Map<String, Object> summary) {
        publisher.publishEvent(new AccountingRecorded(contract.authorityId(), contract.id(), action, summary));
    }

    private static Map<String, Object> itemSummary(PriceItem item) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("codice", item.code());
        summary.put("descrizione", item.description());
        summary.put("unitaMisura", item.unit());
        summary.put("prezzoUnitario", item.unitPrice().toPlainString());
        summary.put("quantita", item.quantity().toPlainString());
        summary.put("soggettoARibasso", item.subjectToDiscount());
        return summary;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
