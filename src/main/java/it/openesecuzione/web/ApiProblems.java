package it.openesecuzione.web;

import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Maps domain exceptions of every module to RFC 9457 problem details for the API: a stable
 * {@code type}, an Italian title, a precise detail, and the fields at fault.
 */
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://openesecuzione.it/problemi/";
    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        List<FieldViolation> violations = e.violations();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "dati-non-validi", "Dati non validi",
                violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        problem.setProperty("field", violations.get(0).field());
        problem.setProperty("errors", violations.stream().map(ApiProblems::error).toList());
        violations.stream().filter(v -> v.field().endsWith("cig") && v.value() != null).findFirst()
                .ifPresent(v -> problem.setProperty("cig", v.value()));
        return problem;
    }

    private static Map<String, String> error(FieldViolation violation) {
        Map<String, String> error = new java.util.LinkedHashMap<>();
        error.put("field", violation.field());
        if (violation.code() != null) {
            error.put("code", violation.code());
        }
        if (violation.value() != null) {
            error.put("value", violation.value());
        }
        error.put("message", violation.message());
        return error;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "non-trovato", "Risorsa non trovata", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "conflitto", "Operazione in conflitto con lo stato attuale",
                e.getMessage());
        if (e.code() != null) {
            problem.setProperty("codice", e.code());
        }
        return problem;
    }

    /**
     * Two requests raced for the same thing (two certificates of one SAL, two advances): the database's
     * unique constraint refused the second, whose transaction rolled back whole.
     */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ProblemDetail duplicate(org.springframework.dao.DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "conflitto", "Operazione in conflitto con lo stato attuale",
                "Un'operazione concorrente ha già modificato questi dati: ricaricare e riprovare");
    }

    /**
     * The database broke a deadlock or a lock wait by rolling this request's transaction back whole:
     * nothing was written, and the same request succeeds when sent again.
     */
    @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> busy(org.springframework.dao.PessimisticLockingFailureException e) {
        log.warn("Richiesta annullata dal database per un conflitto di lock, da ripetere: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "riprovare", "Operazione da ripetere",
                        "Un'altra operazione in corso sugli stessi dati ha impedito di completarla; nulla è stato registrato: riprovare"));
    }

    @ExceptionHandler(NotPermittedException.class)
    ProblemDetail forbidden(NotPermittedException e) {
        return problem(HttpStatus.FORBIDDEN, "accesso-negato", "Operazione non consentita", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "dati-non-validi", "Dati non validi",
                "Valore non valido per il parametro " + e.getName() + ": " + e.getValue());
        problem.setProperty("field", e.getName());
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Errore imprevisto nell'API", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "errore-interno", "Errore interno",
                "Si è verificato un errore imprevisto; l'operazione non è stata eseguita.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = null;
        if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining()).replaceFirst("^\\.", "");
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "richiesta-illeggibile", "Richiesta non leggibile",
                field == null ? "Il corpo della richiesta non è un JSON valido per questa operazione"
                        : "Valore non valido o di tipo errato per il campo " + field);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.badRequest().body(problem);
    }
}
