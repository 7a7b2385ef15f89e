package it.openesecuzione.execution.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.execution.ContractTerm;
import io.swagger.v3.oas.annotations.media.Schema;
import it.openesecuzione.execution.EventRequest;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.Subcontract;
import java.math.BigDecimal;
import it.openesecuzione.execution.ExecutionTimeline;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.execution.SchedaSequence;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaDeliveries;
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
    private final org.springframework.beans.factory.ObjectProvider<SchedaDeliveries> deliveries;

    ExecutionApi(ExecutionLog log, ContractRegistry contracts,
            org.springframework.beans.factory.ObjectProvider<SchedaDeliveries> deliveries) {
        this.log = log;
        this.contracts = contracts;
        this.deliveries = deliveries;
    }

    /**
     * An event to record: the scheda code and its anacForm data, with ANAC's field names; for the
     * subcontract events the event referred to, the day of the request and the ESPD.
     */
    record EventInput(
            @Schema(description = "Codice della scheda ANAC", example = "SA1") String type,
            @Schema(description = "anacForm della scheda, con i nomi dei campi di ANAC") Map<String, Object> data,
            @Schema(description = "Numero (seq) dell'evento a cui si riferisce: la richiesta di subappalto (RSU1) per l'esito (ES1) "
                    + "e per la conclusione (CS1), la richiesta precedente per un subappalto a cascata. Facoltativo se ve n'è una sola.")
            Integer riferimento,
            @Schema(description = "Giorno dell'evento per le schede che non hanno una data propria: ricezione della richiesta di "
                    + "subappalto (RSU1), diniego (ES1), variazione dell'aggiudicatario (S4). Se omesso, oggi.")
            LocalDate dataEvento,
            @Schema(description = "Richiesta DGUE (ESPD Request) del subappaltatore, XML codificato Base64: obbligatoria per RSU1")
            String espd) {
    }

    record EventView(long id, int seq, String type, LocalDate eventDate, Instant recordedAt, String recordedBy,
            Map<String, Object> data, Integer riferimento, List<String> warnings, boolean annullato) {

        static EventView of(RecordedScheda s) {
            return new EventView(s.id(), s.seq(), s.code().name(), s.eventDate(), s.recordedAt(), s.recordedBy(),
                    s.anacForm(), s.relatedSeq(), s.warnings(), s.annulled());
        }
    }

    /**
     * @param stato        PRONTA, or IN_ATTESA of an identifier PCP assigns to an earlier scheda
     * @param trasmissione its delivery to PCP (null before the transmission module takes it)
     * @param errori       ANAC's codes and texts when PCP rejected it
     */
    record SchedaView(long eventId, int seq, String codice, String versione, String stato, SchedaDeliveries.Delivery trasmissione,
            List<SchedaDeliveries.Error> errori, List<String> avvisi, Map<String, Object> payload) {
    }

    @PostMapping("/events")
    @Operation(summary = "Registra un evento dell'esecuzione",
            description = "type è il codice della scheda ANAC (SC1, I1, …); data usa i nomi dei campi dell'anacForm di ANAC. "
                    + "I campi che la piattaforma ricava (idContratto, CIG, codice AUSA) si possono omettere; se presenti devono coincidere.")
    ResponseEntity<EventView> record(@PathVariable long contractId, @RequestBody EventInput input) {
        RecordedScheda recorded = log.record(contractId,
                new EventRequest(input.type(), input.data(), input.riferimento(), input.dataEvento(), input.espd()));
        return ResponseEntity.created(URI.create("/api/v1/contracts/" + contractId + "/events/" + recorded.id()))
                .body(EventView.of(recorded));
    }

    @org.springframework.web.bind.annotation.PutMapping("/events/{seq}")
    @Operation(summary = "Corregge la scheda di un evento non ancora confermato da PCP",
            description = "Per esempio dopo un rifiuto di PCP: la scheda è ricostruita e verificata con gli eventi precedenti; "
                    + "se PCP la conserva già in lavorazione la piattaforma la sostituisce (modifica-scheda) e la conferma di nuovo. "
                    + "Una scheda confermata non si corregge (409).")
    EventView correct(@PathVariable long contractId, @PathVariable int seq, @RequestBody EventInput input) {
        return EventView.of(log.correct(contractId, seq,
                new EventRequest(input.type(), input.data(), input.riferimento(), input.dataEvento(), input.espd())));
    }

    @GetMapping("/events")
    @Operation(summary = "Elenca gli eventi registrati, dal primo")
    List<EventView> events(@PathVariable long contractId) {
        return log.history(contractId).stream().map(EventView::of).toList();
    }

    /** The execution at a glance: state, key dates, suspensions, what may come next. */
    record ExecutionStatus(String stato, LocalDate dataStipula, LocalDate dataConsegna, int durataGiorni,
            LocalDate terminoOriginale, long giorniSospesi, LocalDate terminoAttuale, boolean sospeso,
            LocalDate limiteSospensioniSuperato, boolean sq1Dovuta, List<String> schedeAmmesse, List<SubcontractView> subappalti) {
    }

    /** A subcontract and its authorisation term (art. 119 c. 16). */
    record SubcontractView(int richiesta, String subappaltatore, BigDecimal importoPresunto, LocalDate dataRichiesta,
            int giorniPerDecidere, LocalDate termineDecisione, String stato, String descrizioneStato, LocalDate dataAutorizzazione,
            Integer esito, Integer conclusione, Integer richiestaPrecedente) {

        static SubcontractView of(Subcontract s, LocalDate today) {
            Subcontract.State state = s.state(today);
            return new SubcontractView(s.seq(), s.subcontractor(), s.importoPresunto(), s.requestedOn(), s.decisionDays(),
                    s.decisionDeadline(), state.name(), state.label(), s.authorisedOn(today).orElse(null),
                    s.outcome() == null ? null : s.outcome().seq(), s.conclusion() == null ? null : s.conclusion().seq(),
                    s.parentSeq().orElse(null));
        }
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
                SchedaSequence.allowedAfter(last).stream().map(Enum::name).sorted().toList(),
                Subcontract.of(history, contract.terms().importoContrattuale().amount()).stream()
                        .map(s -> SubcontractView.of(s, today)).toList());
    }

    @GetMapping("/schede")
    @Operation(summary = "Elenca le schede prodotte",
            description = "payload è il corpo della crea-scheda di PCP: {\"idAppalto\": …, \"scheda\": {…}}.")
    List<SchedaView> schede(@PathVariable long contractId) {
        var idAppalto = contracts.find(contractId).terms().idAppalto();
        Map<Integer, SchedaDeliveries.Delivery> deliveries = this.deliveries.getIfAvailable(() -> id -> Map.of()).of(contractId);
        return log.history(contractId).stream().map(s -> {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("idAppalto", idAppalto == null ? null : idAppalto.toString());
            payload.put("scheda", s.scheda());
            SchedaDeliveries.Delivery delivery = deliveries.get(s.seq());
            return new SchedaView(s.id(), s.seq(), s.code().name(), s.versione(), s.state(), delivery,
                    delivery == null ? List.of() : delivery.errori(), s.warnings(), payload);
        }).toList();
    }
}
