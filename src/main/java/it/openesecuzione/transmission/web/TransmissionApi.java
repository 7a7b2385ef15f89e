package it.openesecuzione.transmission.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import it.openesecuzione.transmission.QueueStatus;
import it.openesecuzione.transmission.Transmission;
import it.openesecuzione.transmission.TransmissionDelivery;
import it.openesecuzione.transmission.TransmissionStatus;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/transmissions")
@Tag(name = "Trasmissione", description = "Invio delle schede a PCP di ANAC")
class TransmissionApi {

    private final TransmissionStatus status;
    private final TransmissionDelivery delivery;
    private final ContractRegistry contracts;
    private final ExecutionLog executions;

    TransmissionApi(TransmissionStatus status, TransmissionDelivery delivery, ContractRegistry contracts, ExecutionLog executions) {
        this.status = status;
        this.delivery = delivery;
        this.contracts = contracts;
        this.executions = executions;
    }

    @GetMapping("/status")
    @Operation(summary = "Stato della coda di invio", description = "Per ente: in coda, in corso, confermate, rifiutate; gli ultimi problemi.")
    QueueStatus queue() {
        return status.status();
    }

    @PostMapping("/{id}/resend")
    @Operation(summary = "Rimette in coda una scheda rifiutata da PCP")
    Map<String, Object> resend(@PathVariable long id) {
        Transmission transmission = status.find(id).orElseThrow(() -> new NotFoundException("Invio non trovato"));
        if (!executions.canRecord(contracts.find(transmission.contractId()))) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di inviare le schede di questo contratto");
        }
        if (!delivery.resend(id)) {
            throw new ConflictException("Si può rinviare solo una scheda rifiutata da PCP");
        }
        return Map.of("id", id, "stato", status.find(id).orElseThrow().state().name());
    }
}
