package it.openesecuzione.execution;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.Role;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.StazioniAppaltanti;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotPermittedException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records the execution events of a contract: checks the order ANAC admits, builds and checks the
 * scheda, stores both, and moves the contract's state. A refused event leaves nothing behind.
 */
@Service
@org.springframework.boot.context.properties.EnableConfigurationProperties(ModificationLimits.class)
public class ExecutionLog {

    /**
     * The events whose scheda the platform builds so far; the others follow (issue P2). One entry
     * per scheda: Map.ofEntries because Map.of takes at most ten pairs.
     */
    static final Map<SchedaCode, SchedaBuilder> BUILDERS = Map.ofEntries(
            Map.entry(SchedaCode.SC1, (facts, timeline, data) -> Sc1Scheda.build(facts, data)),
            Map.entry(SchedaCode.I1, (facts, timeline, data) -> I1Scheda.build(facts, data)),
            Map.entry(SchedaCode.SO1, So1Scheda::build),
            Map.entry(SchedaCode.RI1, Ri1Scheda::build),
            Map.entry(SchedaCode.SQ1, Sq1Scheda::build),
            Map.entry(SchedaCode.SA1, Sa1Scheda::build),
            Map.entry(SchedaCode.CO1, Co1Scheda::build),
            Map.entry(SchedaCode.AC1, Ac1Scheda::build),
            Map.entry(SchedaCode.IR1, Ir1Scheda::build),
            Map.entry(SchedaCode.CL1, Cl1Scheda::build),
            Map.entry(SchedaCode.CO2, Co2Scheda::build),
            Map.entry(SchedaCode.RSU1, new Rsu1Scheda()),
            Map.entry(SchedaCode.ES1, new Es1Scheda()),
            Map.entry(SchedaCode.CS1, new Cs1Scheda()),
            Map.entry(SchedaCode.S4, new S4Scheda()));

    /** The events that refer to an earlier one (EventRequest.riferimento). */
    static final Set<SchedaCode> REFERRING = EnumSet.of(SchedaCode.RSU1, SchedaCode.ES1, SchedaCode.CS1);
    /** The events whose scheda has no date of their own, or not always (a refusal in ES1). */
    static final Set<SchedaCode> DATED_BY_REQUEST = EnumSet.of(SchedaCode.RSU1, SchedaCode.ES1, SchedaCode.S4);

    /** Who records execution events: the RUP and staff, and the directors for the works they direct. */
    static final Set<Role> RECORDERS = EnumSet.of(Role.RUP, Role.SUPPORTO_RUP, Role.AMMINISTRATORE, Role.DL, Role.DEC);

    private final Map<SchedaCode, SchedaBuilder> builders;
    private final ContractRegistry contracts;
    private final StazioniAppaltanti authorities;
    private final ExecutionEvents events;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    ExecutionLog(ContractRegistry contracts, StazioniAppaltanti authorities, ExecutionEvents events,
            ApplicationEventPublisher publisher, Clock clock, ModificationLimits limits) {
        // The builders that need configuration join the fixed ones.
        Map<SchedaCode, SchedaBuilder> all = new java.util.EnumMap<>(BUILDERS);
        all.put(SchedaCode.M2, new ModificationScheda(ModificationScheda.Variant.M2, limits)::build);
        all.put(SchedaCode.M2_40, new ModificationScheda(ModificationScheda.Variant.M2_40, limits)::build);
        ModificationNoticeWriter writer = new ModificationNoticeWriter(clock);
        all.put(SchedaCode.M1, new ModificationScheda(ModificationScheda.Variant.M1, limits, writer, this::noticeContext)::build);
        all.put(SchedaCode.M1_40, new ModificationScheda(ModificationScheda.Variant.M1_40, limits, writer, this::noticeContext)::build);
        this.builders = Map.copyOf(all);
        this.contracts = contracts;
        this.authorities = authorities;
        this.events = events;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Transactional
    public RecordedScheda record(long contractId, String type, Map<String, Object> data) {
        return record(contractId, EventRequest.of(type, data));
    }

    @Transactional
    public RecordedScheda record(long contractId, EventRequest request) {
        String type = request.type();
        Contract contract = contracts.find(contractId);
        PlatformUser user = recorder(contract, "registrare");
        SchedaCode code = code(type);
        SchedaCode modification = modificationCode(contract);
        if (MODIFICATIONS.contains(code) && code != modification) {
            throw new InvalidInputException(List.of(new FieldViolation("type", type, "Per questo contratto ("
                    + (contract.terms().sopraSoglia() ? "sopra" : "sotto") + " soglia" + (contract.terms().concessione()
                    ? ", concessione" : "") + ") la modifica si comunica con la scheda " + modification)));
        }
        var builder = builders.get(code);
        if (builder == null) {
            throw new InvalidInputException(List.of(new FieldViolation("type", type,
                    "La registrazione dell'evento " + code + " (" + code.description().toLowerCase(Locale.ITALIAN)
                            + ") non è ancora disponibile sulla piattaforma")));
        }
        refuseUnused(code, request);
        List<RecordedScheda> all = events.history(contractId);
        List<RecordedScheda> history = effective(all);
        SchedaCode previous = history.isEmpty() ? null : history.get(history.size() - 1).code();
        SchedaSequence.problem(previous, code).ifPresent(reason -> {
            throw new ConflictException("ERR2", reason);
        });

        SchedaDraft draft = builder.build(facts(contract, history), ExecutionTimeline.of(history, contract.terms().durataGiorni()),
                history, request);
        refuseInvalid(draft);
        RecordedScheda recorded;
        try {
            recorded = events.insert(contractId, contract.authorityId(), all.size() + 1, draft, clock.instant(),
                    user.codiceFiscale(), CurrentUser.assurance().orElseThrow());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Un altro evento è stato registrato nel frattempo su questo contratto: riprovare");
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scheda", code.name());
        summary.put("data", draft.eventDate());
        summary.put("anacForm", draft.anacForm());
        if (!draft.warnings().isEmpty()) {
            summary.put("avvisi", draft.warnings());
        }
        publisher.publishEvent(new SchedaRecorded(contractId, contract.authorityId(), code, recorded.seq(), code.newState(),
                summary));
        return recorded;
    }

    /**
     * Corrects the scheda of event {@code seq}, rebuilt and checked with the events before it as
     * they were. Allowed while PCP has not confirmed the scheda (the transmission refuses otherwise).
     * Later events are not recomputed: the warning says so.
     */
    @Transactional
    public RecordedScheda correct(long contractId, int seq, EventRequest request) {
        Contract contract = contracts.find(contractId);
        PlatformUser corrector = recorder(contract, "correggere");
        List<RecordedScheda> all = events.history(contractId);
        RecordedScheda event = all.stream().filter(e -> e.seq() == seq).findFirst()
                .orElseThrow(() -> new it.openesecuzione.shared.NotFoundException("Evento n. " + seq + " non trovato"));
        if (event.annulled()) {
            throw new ConflictException("L'evento n. " + seq + " è stato annullato da ANAC: non si corregge");
        }
        SchedaCode code = code(request.type() == null ? event.code().name() : request.type());
        if (code != event.code()) {
            throw new InvalidInputException(List.of(new FieldViolation("type", request.type(),
                    "L'evento n. " + seq + " è una scheda " + event.code() + ": la correzione non ne cambia il tipo")));
        }
        refuseUnused(code, request);
        List<RecordedScheda> before = effective(all.stream().filter(e -> e.seq() < seq).toList());
        SchedaDraft draft = builders.get(code).build(facts(contract, before), ExecutionTimeline.of(before, contract.terms().durataGiorni()),
                before, request);
        refuseInvalid(draft);
        List<String> warnings = new java.util.ArrayList<>(draft.warnings());
        if (all.stream().anyMatch(e -> e.seq() > seq && !e.annulled())) {
            warnings.add("Gli eventi registrati dopo questo non sono stati ricalcolati: verificarli.");
        }
        SchedaDraft corrected = new SchedaDraft(draft.code(), draft.versione(), draft.eventDate(), draft.anacForm(), draft.errors(),
                warnings, draft.waitsForAnacId(), draft.relatedSeq(), draft.bodyParts());
        RecordedScheda replaced = events.replace(contractId, seq, corrected, corrector.codiceFiscale(),
                CurrentUser.assurance().orElseThrow());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scheda", code.name());
        summary.put("evento", seq);
        summary.put("prima", event.anacForm());
        summary.put("dopo", corrected.anacForm());
        publisher.publishEvent(new SchedaCorrected(contractId, contract.authorityId(), code, seq, summary));
        return replaced;
    }

    /** The events that count: those whose scheda ANAC did not annul. */
    static List<RecordedScheda> effective(List<RecordedScheda> history) {
        return history.stream().filter(event -> !event.annulled()).toList();
    }

    /**
     * ANAC annulled the scheda of an event (rollback-scheda, CO1 or CO2): the event stays in the
     * history, no rule counts it any more, and the contract returns to the state the events
     * still counting give it.
     */
    @org.springframework.context.event.EventListener
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void on(SchedaAnnulment annulment) {
        List<RecordedScheda> before = events.history(annulment.contractId());
        RecordedScheda event = before.stream().filter(e -> e.seq() == annulment.seq()).findFirst().orElseThrow();
        events.annul(annulment.contractId(), annulment.seq(), clock.instant());
        it.openesecuzione.contracts.StatoContratto state = it.openesecuzione.contracts.StatoContratto.AGGIUDICATO;
        for (RecordedScheda counting : effective(events.history(annulment.contractId()))) {
            if (counting.code().newState() != null) {
                state = counting.code().newState();
            }
        }
        Contract contract = contracts.findForBackgroundWork(annulment.contractId());
        publisher.publishEvent(new SchedaAnnulled(contract.id(), contract.authorityId(), event.code(), event.seq(), state,
                annulment.motivazione()));
    }

    /** The current user, if they may record (or correct) the contract's events. */
    private static PlatformUser recorder(Contract contract, String action) {
        PlatformUser user = CurrentUser.get();
        if (user.rolesIn(contract.authorityId()).stream().noneMatch(RECORDERS::contains)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di " + action + " eventi dell'esecuzione");
        }
        return user;
    }

    /** A scheda ANAC would reject is refused with every error, field by field. */
    private static void refuseInvalid(SchedaDraft draft) {
        if (!draft.valid()) {
            throw new InvalidInputException(draft.errors().stream()
                    .map(error -> new FieldViolation(error.field(), null, error.message(), error.code())).toList());
        }
    }

    /** What an event does not use is refused rather than silently dropped. */
    private static void refuseUnused(SchedaCode code, EventRequest request) {
        List<FieldViolation> unused = new java.util.ArrayList<>();
        if (request.riferimento() != null && !REFERRING.contains(code)) {
            unused.add(new FieldViolation("riferimento", request.riferimento().toString(),
                    "La scheda " + code + " non si riferisce a un evento precedente"));
        }
        if (request.dataEvento() != null && !DATED_BY_REQUEST.contains(code)) {
            unused.add(new FieldViolation("dataEvento", request.dataEvento().toString(),
                    "La data della scheda " + code + " è quella indicata nei suoi campi"));
        }
        if (request.espd() != null && code != SchedaCode.RSU1) {
            unused.add(new FieldViolation("espd", null, "Il DGUE (espd) si allega solo alla richiesta di subappalto (RSU1)"));
        }
        if (!unused.isEmpty()) {
            throw new InvalidInputException(unused);
        }
    }

    /** May the current user record execution events of this contract? For showing the forms. */
    public boolean canRecord(Contract contract) {
        return CurrentUser.find().map(user -> user.rolesIn(contract.authorityId()).stream().anyMatch(RECORDERS::contains))
                .orElse(false);
    }

    /** The key dates of the contract's execution, from its events. */
    @Transactional(readOnly = true)
    public ExecutionTimeline timeline(long contractId) {
        Contract contract = contracts.find(contractId);
        return ExecutionTimeline.of(effective(events.history(contractId)), contract.terms().durataGiorni());
    }

    /** Today in Rome, for what depends on the day (open suspensions, deadlines). */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(FormReader.ROME));
    }

    /** One event of a contract for background work (no user): the database scope alone applies. */
    @Transactional(readOnly = true)
    public RecordedScheda eventForBackgroundWork(long contractId, int seq) {
        return events.find(contractId, seq).orElseThrow(() -> new it.openesecuzione.shared.NotFoundException(
                "Evento n. " + seq + " del contratto " + contractId + " non trovato"));
    }

    @Transactional(readOnly = true)
    public List<RecordedScheda> history(long contractId) {
        contracts.find(contractId);
        return events.history(contractId);
    }

    private ContractFacts facts(Contract contract, List<RecordedScheda> history) {
        String ausa = authorities.find(contract.authorityId()).map(StazioneAppaltante::codiceAusa).orElseThrow();
        LocalDate signedOn = history.stream().filter(s -> s.code() == SchedaCode.SC1).reduce((a, b) -> b)
                .map(RecordedScheda::eventDate).orElse(null);
        return new ContractFacts(contract.id(), ausa, contract.terms().lotti().stream().map(l -> l.cig().value()).toList(),
                contract.terms().idContratto(), contract.terms().durataGiorni(), contract.terms().tipologia(), signedOn,
                LocalDate.now(clock.withZone(FormReader.ROME)), contract.terms().importoContrattuale().amount(),
                contract.terms().procedura(), contract.terms().sopraSoglia(), contract.terms().concessione(),
                ModificationScheda.currentValue(contract.terms().importoContrattuale().amount(), history),
                ExecutionTimeline.completedOn(history).orElse(null));
    }

    /** What the eForm of an above-threshold modification needs: the authority's seat, the contract's particulars. */
    private NoticeContext noticeContext(long contractId) {
        Contract contract = contracts.find(contractId);
        StazioneAppaltante authority = authorities.find(contract.authorityId()).orElseThrow();
        var terms = contract.terms();
        return new NoticeContext(authority.denominazione(), authority.codiceFiscale(), authority.citta(), authority.codiceNuts(),
                authority.email(), terms.oggetto(), terms.settore() == it.openesecuzione.contracts.Settore.SPECIALE, terms.cup(),
                terms.idAppalto(), terms.aggiudicatario(), terms.lotti());
    }

    static final Set<SchedaCode> MODIFICATIONS = EnumSet.of(SchedaCode.M1, SchedaCode.M2, SchedaCode.M1_40, SchedaCode.M2_40);

    /** The modification scheda of a contract: above or below the EU threshold, contract or concession. */
    public static SchedaCode modificationCode(Contract contract) {
        boolean above = contract.terms().sopraSoglia();
        if (contract.terms().concessione()) {
            return above ? SchedaCode.M1_40 : SchedaCode.M2_40;
        }
        return above ? SchedaCode.M1 : SchedaCode.M2;
    }

    private static SchedaCode code(String type) {
        try {
            return SchedaCode.valueOf(type == null ? "" : type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldViolation("type", type,
                    "Tipo di evento sconosciuto: indicare il codice della scheda ANAC (SC1, I1, SA1, SO1, …)")));
        }
    }
}
