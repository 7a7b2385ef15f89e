package it.openesecuzione.pcpsim.web;

import it.openesecuzione.pcpsim.internal.PcpResponses;
import it.openesecuzione.pcpsim.internal.Simulator;
import it.openesecuzione.pcpsim.internal.SimulatorGate;
import it.openesecuzione.pcpsim.internal.SimulatorStore.StoredScheda;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The simulated e-service {@code ComunicaPostPubblicazione}: the execution schede (pcp-interfaces.md §3.1–3.5, 3.9, 3.10). */
@RestController
@ConditionalOnBooleanProperty(name = "openesecuzione.pcp-sim.enabled", matchIfMissing = true)
@RequestMapping("${openesecuzione.pcp-sim.base-path:/pcp-sim}/modi/rest/ComunicaPostPubblicazione/v{version:[0-9]+}")
class ComunicaPostPubblicazioneApi extends PcpEndpoint {

    private final Simulator simulator;

    ComunicaPostPubblicazioneApi(Simulator simulator) {
        this.simulator = simulator;
    }

    @PostMapping("/crea-scheda")
    ResponseEntity<String> creaScheda(@RequestBody(required = false) String body,
            @RequestAttribute(name = SimulatorGate.USER, required = false) Map<String, String> user) {
        UUID idScheda = simulator.crea(json(body), user);
        return ok(envelope("Operazione Effettuata", "Creazione eseguita con successo").put("idScheda", idScheda.toString()));
    }

    @PostMapping("/modifica-scheda")
    ResponseEntity<String> modificaScheda(@RequestBody(required = false) String body,
            @RequestAttribute(name = SimulatorGate.USER, required = false) Map<String, String> user) {
        UUID idScheda = simulator.modifica(json(body), user);
        return ok(envelope("Operazione Effettuata", "Modifica eseguita con successo").put("idScheda", idScheda.toString()));
    }

    @PostMapping("/cancella-scheda")
    ResponseEntity<String> cancellaScheda(@RequestBody(required = false) String body) {
        simulator.cancella(json(body));
        return ok(envelope("Operazione Effettuata", "Cancellazione eseguita con successo"));
    }

    @PostMapping("/verifica-scheda")
    ResponseEntity<String> verificaScheda(@RequestBody(required = false) String body) {
        simulator.verifica(json(body));
        return ok(envelope("OK", "Richiesta acquisita"));
    }

    @PostMapping("/conferma-scheda")
    ResponseEntity<String> confermaScheda(@RequestBody(required = false) String body) {
        simulator.conferma(json(body));
        return ok(envelope("OK", "Richiesta acquisita"));
    }

    @GetMapping("/ricerca-scheda")
    ResponseEntity<String> ricercaScheda(@RequestParam(required = false) String idAppalto,
            @RequestParam(required = false) String cig, @RequestParam(required = false) String stato,
            @RequestParam(required = false) String dataCreazioneDa, @RequestParam(required = false) String dataCreazioneA,
            @RequestParam(required = false) String codiceScheda, @RequestParam(required = false) String statoScheda,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer perPage) {
        Simulator.SearchResult found = simulator.ricerca(idAppalto, cig, codiceScheda, statoScheda, dataCreazioneDa,
                dataCreazioneA, page, perPage);
        ObjectNode body = envelope("OK", "Operazione eseguita con successo");
        body.put("totRows", found.total());
        body.put("totPages", (found.total() + found.perPage() - 1) / found.perPage());
        body.put("currentPage", found.page());
        body.put("elementPage", found.schede().size());
        ArrayNode result = body.putArray("result");
        for (StoredScheda scheda : found.schede()) {
            result.add(schedaType(scheda));
        }
        return ok(body);
    }

    @GetMapping("/consulta-scheda")
    ResponseEntity<String> consultaScheda(@RequestParam(required = false) String idScheda) {
        StoredScheda scheda = simulator.consulta(idScheda);
        ObjectNode body = envelope("OK", "Operazione eseguita con successo");
        ObjectNode out = schedaType(scheda);
        if (scheda.modifiedAt() != null) {
            out.put("_dataModifica", PcpResponses.time(scheda.modifiedAt()));
        }
        out.set("body", scheda.scheda().path("body").deepCopy());
        body.set("scheda", out);
        return ok(body);
    }

    /** {@code SchedaType}: {@code _idScheda, codice, versione, _stato, _dataCreazione}. */
    private static ObjectNode schedaType(StoredScheda scheda) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("_idScheda", scheda.idScheda().toString());
        out.set("codice", tipologica("codiceScheda", scheda.codice()));
        out.put("versione", scheda.versione());
        out.set("_stato", tipologica("statoScheda", scheda.stato()));
        out.put("_dataCreazione", PcpResponses.time(scheda.createdAt()));
        return out;
    }

    static ObjectNode tipologica(String list, String code) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("idTipologica", list);
        node.put("codice", code);
        return node;
    }
}
