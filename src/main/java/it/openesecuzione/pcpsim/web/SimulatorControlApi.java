package it.openesecuzione.pcpsim.web;

import it.openesecuzione.pcpsim.PcpSimulatorStatus;
import it.openesecuzione.pcpsim.internal.FaultSettings;
import it.openesecuzione.pcpsim.internal.PcpResponses;
import it.openesecuzione.pcpsim.internal.PcpSimProperties;
import it.openesecuzione.pcpsim.internal.PcpSimProperties.Faults;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's own endpoints, outside ANAC's contract: its status ({@code GET <base>} and
 * {@code <base>/_status}) and, when {@code openesecuzione.pcp-sim.control-enabled}, the faults
 * injected at run time ({@code GET|POST|DELETE <base>/_control/faults}, JSON
 * {@code {rate429, retryAfterSeconds, rate500, delayMs, dropRate}}; DELETE returns to the
 * configured faults).
 */
@RestController
@ConditionalOnBooleanProperty(name = "openesecuzione.pcp-sim.enabled", matchIfMissing = true)
class SimulatorControlApi {

    private final PcpSimulatorStatus status;
    private final FaultSettings faults;
    private final PcpSimProperties properties;

    SimulatorControlApi(PcpSimulatorStatus status, FaultSettings faults, PcpSimProperties properties) {
        this.status = status;
        this.faults = faults;
        this.properties = properties;
    }

    @GetMapping({"${openesecuzione.pcp-sim.base-path:/pcp-sim}", "${openesecuzione.pcp-sim.base-path:/pcp-sim}/_status"})
    ResponseEntity<String> status() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("simulatore", "PCP (ANAC) locale: non trasmette nulla ad ANAC");
        body.put("enabled", status.enabled());
        body.put("basePath", status.basePath());
        body.put("anacDirConfigured", status.anacDirConfigured());
        status.anacDir().ifPresent(dir -> body.put("anacDir", dir.toString()));
        body.put("description", status.description());
        body.put("confirmationDelayMs", properties.confirmationDelay().toMillis());
        body.put("controlEnabled", properties.controlEnabled());
        body.set("faults", PcpResponses.JSON.valueToTree(faults.current()));
        return json(200, body);
    }

    @GetMapping("${openesecuzione.pcp-sim.base-path:/pcp-sim}/_control/faults")
    ResponseEntity<String> current() {
        if (!properties.controlEnabled()) {
            return disabled();
        }
        return json(200, PcpResponses.JSON.valueToTree(faults.current()));
    }

    @PostMapping(path = "${openesecuzione.pcp-sim.base-path:/pcp-sim}/_control/faults")
    ResponseEntity<String> set(@RequestBody(required = false) String body) {
        if (!properties.controlEnabled()) {
            return disabled();
        }
        try {
            JsonNode json = PcpResponses.JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            Faults requested = new Faults(json.path("rate429").asDouble(0), json.path("retryAfterSeconds").asInt(0),
                    json.path("rate500").asDouble(0), json.path("delayMs").asLong(0), json.path("dropRate").asDouble(0));
            return json(200, PcpResponses.JSON.valueToTree(faults.set(requested)));
        } catch (IllegalArgumentException | JacksonException e) {
            ObjectNode problem = JsonNodeFactory.instance.objectNode();
            problem.put("status", 400);
            problem.put("title", "Guasti non validi");
            problem.put("detail", e.getMessage());
            return json(400, problem);
        }
    }

    @DeleteMapping("${openesecuzione.pcp-sim.base-path:/pcp-sim}/_control/faults")
    ResponseEntity<String> reset() {
        if (!properties.controlEnabled()) {
            return disabled();
        }
        return json(200, PcpResponses.JSON.valueToTree(faults.reset()));
    }

    private static ResponseEntity<String> disabled() {
        ObjectNode problem = JsonNodeFactory.instance.objectNode();
        problem.put("status", 404);
        problem.put("title", "Controllo dei guasti non attivo");
        problem.put("detail", "Impostare openesecuzione.pcp-sim.control-enabled=true per usare <base>/_control/faults");
        return json(404, problem);
    }

    private static ResponseEntity<String> json(int status, JsonNode body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(PcpResponses.JSON.writeValueAsString(body));
    }
}
