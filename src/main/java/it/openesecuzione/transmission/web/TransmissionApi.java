package it.openesecuzione.transmission.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import it.openesecuzione.transmission.QueueStatus;
import it.openesecuzione.transmission.Transmission;
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
    private final Resends resends;

    TransmissionApi(TransmissionStatus status, Resends resends) {
        this.status = status;
        this.resends = resends;
    }

    @GetMapping("/status")
    @Operation(summary = "Stato della coda di invio", description = "Per ente: in coda, in corso, confermate, rifiutate; gli ultimi problemi.")
    QueueStatus queue() {
        return status.status();
    }

    @PostMapping("/{id}/resend")
    @Operation(summary = "Rimette in coda una scheda rifiutata da PCP")
    Map<String, Object> resend(@PathVariable long id) {
        Transmission resent = resends.resend(resends.permitted(id));
        return Map.of("id", id, "stato", resent.state().name());
    }
}
