package it.openesecuzione.execution.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.execution.ContractTerm;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.ExecutionTimeline;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.execution.SchedaSequence;
import it.openesecuzione.execution.RecordedScheda;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/contracts/{contractId}")
@Tag(name = "Esecuzione", description = "Eventi della fase di esecuzione e schede ANAC prodotte")
class ExecutionApi {

    private final ExecutionLog log;
    private final ContractRegistry contracts;

    ExecutionApi(ExecutionLog log, ContractRegistry contracts) {
        this.log = log;
        this.contracts = contracts;
    }

    /** An event to record: the scheda code and its anacForm data, with ANAC's field names. */
    record EventInput(String type, Map<String, Object> data) {
    }

    record EventView(long id, int seq, String type, LocalDate eventDate, Instant recordedAt, String recordedBy,
            Map<String, Object> data, List<String> warnings) {

        static EventView of(RecordedScheda s) {
            return new EventView(s.id(), s.seq(), s.code().name(), s.eventDate(), s.recordedAt(), s.recordedBy(),
                    s.anacForm(), s.warnings());
        }
    }

    record SchedaView(long eventId, String codice, String versione, String stato, List<Map<String, String>> errori,
            List<String> avvisi, Map<String, Object> payload) {
    }

    @PostMapping("/events")
    @Operation(summary = "Registra un evento dell'esecuzione",
            description = "type è il codice della scheda ANAC (SC1, I1, …); data usa i nomi dei campi dell'anacForm di ANAC. "
                    + "I campi che la piattaforma ricava (idContratto, CIG, codice AUSA) si possono omettere; se presenti devono coincidere.")
    ResponseEntity<EventView> record(@PathVariable long contractId, @RequestBody EventInput input) {
        RecordedScheda recorded = log.record(contractId, input.type(), input.data());
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + contractId + "/events/" + recorded.id()))
                .body(EventView.of(recorded));
    }

    @GetMapping("/events")
    @Operation(summary = "Elenca gli eventi registrati, dal primo")
    List<EventView> events(@PathVariable long contractId) {
        return log.history(contractId).stream().map(EventView::of).toList();
    }

    /** The execution at a glance: state, key dates, suspensions, what may come next. */
    record ExecutionStatus(String stato, LocalDate dataStipula, LocalDate dataConsegna, int durataGiorni,
            LocalDate terminoOriginale, long giorniSospesi, LocalDate terminoAttuale, boolean sospeso,
            LocalDate limiteSospensioniSuperato, boolean sq1Dovuta, List<String> schedeAmmesse) {
    }

    @GetMapping("/execution")
    @Operation(summary = "Stato dell'esecuzione e date chiave",
            description = "Termine contrattuale dalla consegna più i giorni di sospensione; segnala quando è dovuta la scheda SQ1.")
    ExecutionStatus status(@PathVariable long contractId) {
        var contract = contracts.find(contractId);
        ExecutionTimeline timeline = log.timeline(contractId);
        LocalDate today = log.today();
        var term = timeline.term();
        List<RecordedScheda> history = log.history(contractId);
        SchedaCode last = history.isEmpty() ? null : history.get(history.size() - 1).code();
        return new ExecutionStatus(contract.stato().name(), timeline.signedOn(), timeline.handedOverOn(),
                timeline.durationDays(), term.map(ContractTerm::originalDeadline).orElse(null),
                term.map(t -> t.suspendedDays(today)).orElse(0L), term.map(t -> t.deadline(today)).orElse(null),
                timeline.suspended(), timeline.suspensionLimitPassed(today).orElse(null), timeline.sq1Due(today),
                SchedaSequence.allowedAfter(last).stream().map(Enum::name).sorted().toList());
    }

    @GetMapping("/schede")
    @Operation(summary = "Elenca le schede prodotte",
            description = "payload è il corpo della crea-scheda di PCP: {\"idAppalto\": …, \"scheda\": {…}}.")
    List<SchedaView> schede(@PathVariable long contractId) {
        var idAppalto = contracts.find(contractId).terms().idAppalto();
        return log.history(contractId).stream().map(s -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("idAppalto", idAppalto == null ? null : idAppalto.toString());
            payload.put("scheda", s.scheda());
            return new SchedaView(s.id(), s.code().name(), s.versione(), s.state(), List.of(), s.warnings(), payload);
        }).toList();
    }
}
