package it.openesecuzione.execution.web;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.execution.ContractTerm;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.ExecutionTimeline;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.execution.SchedaSequence;
import it.openesecuzione.web.Crumb;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The execution of a contract at a glance: state, key dates, the events and their schede. */
@Controller
class ExecutionPages {

    private final ExecutionLog log;
    private final ContractRegistry contracts;

    ExecutionPages(ExecutionLog log, ContractRegistry contracts) {
        this.log = log;
        this.contracts = contracts;
    }

    @GetMapping("/contratti/{id}/esecuzione")
    String execution(@PathVariable long id, Model model) {
        Contract contract = contracts.find(id);
        List<RecordedScheda> history = log.history(id);
        ExecutionTimeline timeline = log.timeline(id);
        LocalDate today = log.today();
        Optional<ContractTerm> term = timeline.term();
        SchedaCode last = history.isEmpty() ? null : history.get(history.size() - 1).code();
        model.addAttribute("section", "contratti");
        model.addAttribute("contract", contract);
        model.addAttribute("events", history);
        model.addAttribute("timeline", timeline);
        model.addAttribute("originalDeadline", term.map(ContractTerm::originalDeadline).orElse(null));
        model.addAttribute("deadline", term.map(t -> t.deadline(today)).orElse(null));
        model.addAttribute("suspendedDays", term.map(t -> t.suspendedDays(today)).orElse(0L));
        model.addAttribute("limitPassed", timeline.suspensionLimitPassed(today).orElse(null));
        model.addAttribute("sq1Due", timeline.sq1Due(today));
        model.addAttribute("next", SchedaSequence.allowedAfter(last).stream().sorted().toList());
        model.addAttribute("forms", log.canRecord(contract) ? SchedaSequence.allowedAfter(last).stream().sorted()
                .filter(code -> EventForms.offered(code, contract)).map(code -> EventForms.form(code, contract))
                .flatMap(Optional::stream).toList() : List.of());
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + id, "/contratti/" + id), new Crumb("Esecuzione", "/contratti/" + id + "/esecuzione")));
        return "execution/timeline";
    }

    @GetMapping("/contratti/{id}/esecuzione/evento")
    String eventForm(@PathVariable long id, @RequestParam("tipo") SchedaCode code, Model model) {
        Contract contract = contracts.find(id);
        EventForms.Form form = form(contract, code);
        return eventPage(model, contract, form, EventForms.initialValues(form, contract), Map.of(), null);
    }

    /** The prefix of the {@code azione} that adds a row to a repeated section (an anacForm array). */
    private static final String ADD_ROW = "aggiungiRiga:";

    @PostMapping("/contratti/{id}/esecuzione/evento")
    String record(@PathVariable long id, @RequestParam("tipo") SchedaCode code, @RequestParam Map<String, String> params,
            @RequestParam(name = "azione", required = false) String action, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Contract contract = contracts.find(id);
        EventForms.Form form = form(contract, code);
        Map<String, String> submitted = EventForms.normalized(form, params);
        if (action != null && action.startsWith(ADD_ROW)) {
            // Another row for the array: the same page with what was typed, nothing recorded.
            return eventPage(model, contract, form, submitted, Map.of(), null, action.substring(ADD_ROW.length()));
        }
        try {
            RecordedScheda recorded = log.record(id, code.name(), EventForms.data(form, submitted));
            redirect.addFlashAttribute("message", "Evento registrato (" + form.title() + "): scheda " + code + " "
                    + (recorded.state().equals("PRONTA") ? "pronta per l'invio." : "in attesa dell'identificativo ANAC."));
            redirect.addFlashAttribute("warnings", recorded.warnings());
            return "redirect:/contratti/" + id + "/esecuzione";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            Map<String, String> errors = new LinkedHashMap<>();
            e.violations().forEach(v -> errors.merge(v.field(), (v.code() == null ? "" : v.code() + ": ") + v.message(),
                    (a, b) -> a + " " + b));
            return eventPage(model, contract, form, submitted, errors, null);
        } catch (ConflictException e) {
            response.setStatus(409);
            return eventPage(model, contract, form, submitted, Map.of(), (e.code() == null ? "" : e.code() + ": ") + e.getMessage());
        }
    }

    private EventForms.Form form(Contract contract, SchedaCode code) {
        if (!log.canRecord(contract)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di registrare eventi dell'esecuzione");
        }
        return EventForms.form(code, contract).orElseThrow(() -> new NotFoundException(
                "Il modulo per l'evento " + code + " non è ancora disponibile: usare l'API"));
    }

    private String eventPage(Model model, Contract contract, EventForms.Form form, Map<String, String> values,
            Map<String, String> errors, String conflict) {
        return eventPage(model, contract, form, values, errors, conflict, null);
    }

    /** @param extraRow the array (repeated section) that gets one more empty row, or null */
    private String eventPage(Model model, Contract contract, EventForms.Form form, Map<String, String> values,
            Map<String, String> errors, String conflict, String extraRow) {
        Map<String, Integer> rows = new LinkedHashMap<>(EventForms.rows(form, values));
        if (extraRow != null) {
            rows.computeIfPresent(extraRow, (array, count) -> count + 1);
        }
        List<EventForms.Field> fields = form.fields(rows);
        model.addAttribute("section", "contratti");
        model.addAttribute("contract", contract);
        model.addAttribute("form", form);
        model.addAttribute("rows", rows);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("conflict", conflict);
        model.addAttribute("known", EventForms.known(form.code(), contract, log.history(contract.id())));
        // Errors on fields without an input (whole sections, derived fields) are listed on top.
        model.addAttribute("otherErrors", errors.entrySet().stream()
                .filter(e -> fields.stream().noneMatch(f -> f.path().equals(e.getKey()))).map(Map.Entry::getValue).toList());
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + contract.id(), "/contratti/" + contract.id()),
                new Crumb("Esecuzione", "/contratti/" + contract.id() + "/esecuzione"), new Crumb(form.title(), "")));
        return "execution/event";
    }
}
