package it.openesecuzione.pcpsim.web;

import it.openesecuzione.pcpsim.internal.PcpError;
import it.openesecuzione.pcpsim.internal.PcpException;
import it.openesecuzione.pcpsim.internal.PcpResponses;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every simulated PCP service shares: PCP's envelope for answers and {@code ErrorResponse}
 * for refusals, written as PCP writes them (the handlers here win over the platform's problem
 * details, which would answer in another shape).
 */
abstract class PcpEndpoint {

    private static final Logger log = LoggerFactory.getLogger(PcpEndpoint.class);

    static ResponseEntity<String> ok(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(PcpResponses.JSON.writeValueAsString(body));
    }

    static ObjectNode envelope(String title, String detail) {
        return PcpResponses.envelope(200, title, detail);
    }

    /** The request body as JSON; a body that is not JSON is a 400 ERR4. */
    static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            throw new PcpException(400, "Richiesta malformattata", List.of(new PcpError("ERR4",
                    "errore nella conversione della scheda secondo il json schema definito: corpo della richiesta assente")));
        }
        try {
            return PcpResponses.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new PcpException(400, "Richiesta malformattata", List.of(new PcpError("ERR4",
                    "errore nella conversione della scheda secondo il json schema definito: JSON non valido")));
        }
    }

    /** {@code GET …/status} (serviziTecnici): PCP declares its 200 as {@code application/problem+json}. */
    @org.springframework.web.bind.annotation.GetMapping("/status")
    ResponseEntity<String> serviceStatus() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(PcpResponses.PROBLEM_JSON))
                .body(PcpResponses.JSON.writeValueAsString(PcpResponses.envelope(200, "OK", "Servizio disponibile")));
    }

    @ExceptionHandler(PcpException.class)
    ResponseEntity<String> refused(PcpException e) {
        return error(e.status(), e.detail(), e.errori());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<String> badParameter(Exception e) {
        return error(400, "Richiesta malformattata", List.of(new PcpError("AUT12", "Filtro non valido: " + e.getMessage())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> failed(Exception e) {
        log.error("Simulatore PCP: errore inatteso", e);
        return error(500, "errore generico", List.of(new PcpError("ERR9999", "errore generico")));
    }

    static ResponseEntity<String> error(int status, String detail, List<PcpError> errori) {
        return ResponseEntity.status(HttpStatus.valueOf(status)).contentType(MediaType.parseMediaType(PcpResponses.PROBLEM_JSON))
                .body(PcpResponses.JSON.writeValueAsString(PcpResponses.errorResponse(status, detail, errori)));
    }
}
