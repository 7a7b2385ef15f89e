package it.openesecuzione.documents;

import it.openesecuzione.accounting.AdvancePayment;
import it.openesecuzione.accounting.CertificateKind;
import it.openesecuzione.accounting.CertificateStatus;
import it.openesecuzione.accounting.ContractAccounting;
import it.openesecuzione.accounting.FinalAccount;
import it.openesecuzione.accounting.Measurement;
import it.openesecuzione.accounting.PaymentCertificate;
import it.openesecuzione.accounting.PriceItem;
import it.openesecuzione.accounting.SalStatement;
import it.openesecuzione.contracts.Contract;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.StazioniAppaltanti;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.shared.NotFoundException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads what a document needs, each document in one read-only transaction (one consistent view),
 * through the public services of the other modules, which check that the user may see the
 * contract: another authority's contract is simply not found.
 */
@Component
class DocumentSources {

    private final ContractAccounting accounting;
    private final ExecutionLog execution;
    private final StazioniAppaltanti authorities;
    private final UserDirectory users;

    DocumentSources(ContractAccounting accounting, ExecutionLog execution, StazioniAppaltanti authorities, UserDirectory users) {
        this.accounting = accounting;
        this.execution = execution;
        this.authorities = authorities;
        this.users = users;
    }

    record SalSource(DocumentHeader header, SalStatement sal, LocalDate previousDate) {
    }

    record SalSheetSource(DocumentHeader header, SalStatement sal, List<Measurement> measurements, Map<Long, PriceItem> items) {
    }

    record CertificateSource(DocumentHeader header, PaymentCertificate certificate, SalStatement sal, AdvancePayment advance) {
    }

    record FinalAccountSource(DocumentHeader header, FinalAccount account, List<SalStatement> sals,
            List<CertificateStatus> certificates) {
    }

    record RegisterSource(DocumentHeader header, List<SalStatement> sals, List<Measurement> measurements, Map<Long, PriceItem> items,
            List<CertificateStatus> certificates) {
    }

    record EventSource(DocumentHeader header, RecordedScheda event, List<RecordedScheda> history) {
    }

    @Transactional(readOnly = true)
    public SalSource sal(long contractId, int number) {
        DocumentHeader header = header(contractId);
        List<SalStatement> sals = accounting.sals(contractId);
        SalStatement sal = find(sals, number);
        LocalDate previous = sals.stream().filter(s -> s.number() == number - 1).map(SalStatement::date).findFirst().orElse(null);
        return new SalSource(header, sal, previous);
    }

    @Transactional(readOnly = true)
    public SalSheetSource salSheet(long contractId, int number) {
        DocumentHeader header = header(contractId);
        SalStatement sal = find(accounting.sals(contractId), number);
        return new SalSheetSource(header, sal, accounting.measurementsOf(contractId, number), items(contractId));
    }

    @Transactional(readOnly = true)
    public CertificateSource certificate(long contractId, long certificateId) {
        DocumentHeader header = header(contractId);
        PaymentCertificate certificate = accounting.certificates(contractId).stream().map(CertificateStatus::certificate)
                .filter(c -> c.id() == certificateId).findFirst()
                .orElseThrow(() -> new NotFoundException("Certificato di pagamento " + certificateId + " non trovato"));
        SalStatement sal = certificate.kind() == CertificateKind.SAL && certificate.salNumber() != null
                ? find(accounting.sals(contractId), certificate.salNumber()) : null;
        AdvancePayment advance = certificate.kind() == CertificateKind.SAL ? null : accounting.advance(contractId).orElse(null);
        return new CertificateSource(header, certificate, sal, advance);
    }

    @Transactional(readOnly = true)
    public FinalAccountSource finalAccount(long contractId) {
        DocumentHeader header = header(contractId);
        FinalAccount account = accounting.finalAccount(contractId).orElseThrow(() -> new NotFoundException(
                "Il conto finale non è ancora disponibile: serve lo stato finale (ultimo SAL) con il suo certificato di pagamento"));
        return new FinalAccountSource(header, account, accounting.sals(contractId), accounting.certificates(contractId));
    }

    @Transactional(readOnly = true)
    public RegisterSource register(long contractId) {
        DocumentHeader header = header(contractId);
        return new RegisterSource(header, accounting.sals(contractId), accounting.measurements(contractId), items(contractId),
                accounting.certificates(contractId));
    }

    @Transactional(readOnly = true)
    public EventSource event(long contractId, int seq) {
        DocumentHeader header = header(contractId);
        List<RecordedScheda> history = execution.history(contractId);
        RecordedScheda event = history.stream().filter(s -> s.seq() == seq).findFirst()
                .orElseThrow(() -> new NotFoundException("Evento n. " + seq + " del contratto " + contractId + " non trovato"));
        return new EventSource(header, event, history);
    }

    /** The authority, the contract and the names of its RUP and director; checks the contract is visible. */
    private DocumentHeader header(long contractId) {
        Contract contract = accounting.contract(contractId);
        var authority = authorities.find(contract.authorityId())
                .orElseThrow(() -> new NotFoundException("Stazione appaltante del contratto " + contractId + " non trovata"));
        return DocumentHeader.of(authority, contract, name(contract.terms().rupId()), name(contract.terms().direttoreId()));
    }

    private String name(Long userId) {
        return userId == null ? "" : users.findById(userId).map(PlatformUser::displayName).orElse("");
    }

    private Map<Long, PriceItem> items(long contractId) {
        return accounting.priceList(contractId).stream()
                .collect(Collectors.toMap(PriceItem::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private static SalStatement find(List<SalStatement> sals, int number) {
        return sals.stream().filter(s -> s.number() == number).findFirst()
                .orElseThrow(() -> new NotFoundException("SAL n. " + number + " non trovato"));
    }
}
