package it.openesecuzione.pcpsim.web;

import static it.openesecuzione.pcpsim.web.ComunicaPostPubblicazioneApi.tipologica;

import it.openesecuzione.pcpsim.internal.PcpResponses;
import it.openesecuzione.pcpsim.internal.Simulator;
import it.openesecuzione.pcpsim.internal.SimulatorStore.Operation;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The simulated e-service {@code ServiziComuni}: esito-operazione, stato-appalto, rollback-scheda (§3.6–3.8). */
@RestController
@ConditionalOnBooleanProperty(name = "openesecuzione.pcp-sim.enabled", matchIfMissing = true)
@RequestMapping("${openesecuzione.pcp-sim.base-path:/pcp-sim}/modi/rest/ServiziComuni/v{version:[0-9]+}")
class ServiziComuniApi extends PcpEndpoint {

    private final Simulator simulator;
    private final Clock clock;

    ServiziComuniApi(Simulator simulator, Clock clock) {
        this.simulator = simulator;
        this.clock = clock;
    }

    @GetMapping("/esito-operazione")
    ResponseEntity<String> esitoOperazione(@RequestParam(required = false) String idAppalto,
            @RequestParam(required = false) String idPianificazione, @RequestParam(required = false) String tipoOperazione,
            @RequestParam(required = false) String tipoRicerca, @RequestParam(required = false) String esito) {
        ObjectNode body = envelope("OK", "Esecuzione avvenuta con successo");
        ArrayNode list = body.putArray("listaEsiti");
        for (Operation operation : simulator.esiti(idAppalto, tipoOperazione, tipoRicerca, esito)) {
            ObjectNode entry = list.addObject();
            entry.put("idAppalto", operation.idAppalto().toString());
            entry.put("idScheda", operation.idScheda().toString());
            entry.put("codiceScheda", operation.codiceScheda());
            if (operation.idContratto() != null) {
                entry.put("idContratto", operation.idContratto().toString());
            }
            if (operation.idAvviso() != null) {
                entry.put("idAvviso", operation.idAvviso().toString());
            }
            entry.set("esito", tipologica("esito", operation.esito()));
            entry.set("tipoOperazione", tipologica("tipoOperazione", operation.tipo()));
            entry.set("dettaglio", tipologica("esitoOperazione", operation.dettaglio()));
            entry.put("dataControllo", PcpResponses.time("WT".equals(operation.esito()) ? clock.instant()
                    : operation.checkedAt()));
            if (!operation.errori().isEmpty()) {
                entry.set("errori", operation.errori());
            }
        }
        return ok(body);
    }

    @GetMapping("/stato-appalto")
    ResponseEntity<String> statoAppalto(@RequestParam(required = false) String idAppalto,
            @RequestParam(required = false) String cig, @RequestParam(required = false) String idContratto) {
        Simulator.State state = simulator.stato(idAppalto, cig, idContratto);
        ObjectNode body = envelope("OK", "Operazione eseguita con successo");
        ObjectNode esitoStato = body.putObject("esitoStato");
        switch (state.kind()) {
            case "appalto" -> esitoStato.put("idAppalto", state.id());
            case "lotto" -> esitoStato.put("cig", state.id());
            default -> esitoStato.put("idContratto", state.id());
        }
        esitoStato.put("dataControllo", PcpResponses.time(state.checkedAt()));
        String list = switch (state.kind()) {
            case "appalto" -> "statoAppalto";
            case "lotto" -> "statoLotto";
            default -> "statoContratto";
        };
        esitoStato.set("stato", tipologica(list, state.stato()));
        return ok(body);
    }

    @PostMapping("/rollback-scheda")
    ResponseEntity<String> rollbackScheda(@RequestBody(required = false) String body) {
        simulator.rollback(json(body));
        return ok(envelope("OK", "Richiesta acquisita"));
    }
}
