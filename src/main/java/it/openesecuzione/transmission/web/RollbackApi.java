package it.openesecuzione.transmission.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.transmission.Transmission;
import it.openesecuzione.transmission.TransmissionStatus;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Annulment of a confirmed CO1 or CO2 (PCP's rollback-scheda). */
@RestController
@RequestMapping("/api/v1/transmissions")
@Tag(name = "Trasmissione", description = "Invio delle schede a PCP di ANAC")
class RollbackApi {

    private final TransmissionStatus status;
    private final Rollbacks rollbacks;

    RollbackApi(TransmissionStatus status, Rollbacks rollbacks) {
        this.status = status;
        this.rollbacks = rollbacks;
    }

    /** @param motivazione ANAC's motivoAnnullamentoComunicazione: 1 judicial authority, 2 software anomaly */
    record RollbackRequest(String motivazione) {
    }

    @PostMapping("/{id}/rollback")
    @Operation(summary = "Chiede ad ANAC di annullare una scheda confermata (CO1, CO2)",
            description = "rollback-scheda con il motivo ANAC (motivoAnnullamentoComunicazione: 1 intervento dell'autorità "
                    + "giudiziaria, 2 anomalia software); si annulla solo l'ultima scheda confermata del contratto.")
    Map<String, Object> rollback(@PathVariable long id, @RequestBody RollbackRequest request) {
        Transmission transmission = status.find(id).orElseThrow(() -> new it.openesecuzione.shared.NotFoundException("Invio non trovato"));
        rollbacks.request(rollbacks.permitted(transmission.contractId(), id), request == null ? null : request.motivazione());
        return Map.of("id", id, "stato", status.find(id).orElseThrow().state().name());
    }
}
