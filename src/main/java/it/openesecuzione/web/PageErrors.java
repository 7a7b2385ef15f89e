package it.openesecuzione.web;

import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Domain exceptions on pages: an Italian page with the reason, never a stack trace. */
@Order(Ordered.LOWEST_PRECEDENCE)
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        return page(model, "Pagina non trovata", e.getMessage());
    }

    @ExceptionHandler(NotPermittedException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(NotPermittedException e, Model model) {
        return page(model, "Operazione non consentita", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String conflict(ConflictException e, Model model) {
        return page(model, "Modifica in conflitto", e.getMessage());
    }

    /** A deadlock or lock wait the database broke by rolling the request back: nothing was written. */
    @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    String busy(org.springframework.dao.PessimisticLockingFailureException e, Model model) {
        return page(model, "Operazione da ripetere",
                "Un'altra operazione in corso sugli stessi dati ha impedito di completarla; nulla è stato registrato: riprovare");
    }

    private static String page(Model model, String title, String detail) {
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        return "error/problem";
    }
}
