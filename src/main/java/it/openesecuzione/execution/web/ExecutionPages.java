package it.openesecuzione.execution.web;

import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.execution.ContractTerm;
import it.openesecuzione.execution.ExecutionLog;
import it.openesecuzione.execution.ExecutionTimeline;
import it.openesecuzione.execution.RecordedScheda;
import it.openesecuzione.execution.SchedaCode;
import it.openesecuzione.execution.SchedaDeliveries;
import it.openesecuzione.execution.SchedaSequence;
import it.openesecuzione.execution.Subcontract;
import it.openesecuzione.web.Crumb;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The execution of a contract at a glance: state, key dates, the events and their schede. */
@Controller
class ExecutionPages {

    private final ExecutionLog log;
    private final ContractRegistry contracts;
    private final ObjectProvider<SchedaDeliveries> deliveries;

    ExecutionPages(ExecutionLog log, ContractRegistry contracts, ObjectProvider<SchedaDeliveries> deliveries) {
        this.log = log;
        this.contracts = contracts;
        this.deliveries = deliveries;
    }

    @GetMapping("/contratti/{id}/esecuzione")
    String execution(@PathVariable long id, Model model) {
        Contract contract = contracts.find(id);
        List<RecordedScheda> history = log.history(id);
        ExecutionTimeline timeline = log.timeline(id);
        LocalDate today = log.today();
        Optional<ContractTerm> term = timeline.term();
        SchedaCode last = history.isEmpty() ? null : history.get(history.size() - 1).code();
        boolean canRecord = log.canRecord(contract);
        model.addAttribute("section", "contratti");
        model.addAttribute("contract", contract);
        model.addAttribute("events", history);
        // How each scheda is doing on its way to PCP (none without the transmission module).
        Map<Integer, DeliveryView> delivered = new LinkedHashMap<>();
        deliveries.getIfAvailable(() -> contractId -> Map.of()).of(id)
                .forEach((seq, delivery) -> delivered.put(seq, DeliveryView.of(delivery)));
        model.addAttribute("deliveries", delivered);
        model.addAttribute("canRecord", canRecord);
        model.addAttribute("timeline", timeline);
        model.addAttribute("originalDeadline", term.map(ContractTerm::originalDeadline).orElse(null));
        model.addAttribute("deadline", term.map(t -> t.deadline(today)).orElse(null));
        model.addAttribute("suspendedDays", term.map(t -> t.suspendedDays(today)).orElse(0L));
        model.addAttribute("limitPassed", timeline.suspensionLimitPassed(today).orElse(null));
        model.addAttribute("sq1Due", timeline.sq1Due(today));
        model.addAttribute("next", SchedaSequence.allowedAfter(last).stream().sorted().toList());
        model.addAttribute("forms", canRecord ? SchedaSequence.allowedAfter(last).stream().sorted()
                .filter(code -> EventForms.offered(code, contract, history, today))
                .map(code -> EventForms.form(code, contract, history, today)).flatMap(Optional::stream).toList() : List.of());
        // The same rows as the API's subappalti (ExecutionApi.status).
        model.addAttribute("subcontracts", Subcontract.of(history, contract.terms().importoContrattuale().amount()).stream()
                .map(s -> ExecutionApi.SubcontractView.of(s, today)).toList());
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

    // The ESPD uploaded with a refused RSU1 travels back with the page, so it need not be chosen again.
    private static final String ESPD_CONTENT = EventForms.ESPD + "_contenuto";
    private static final String ESPD_NAME = EventForms.ESPD + "_nome";

    /** The prefix of the {@code azione} that adds a row to a repeated section (an anacForm array). */
    private static final String ADD_ROW = "aggiungiRiga:";

    @PostMapping("/contratti/{id}/esecuzione/evento")
    String record(@PathVariable long id, @RequestParam("tipo") SchedaCode code, @RequestParam Map<String, String> params,
            @RequestParam(name = "azione", required = false) String action,
            @RequestParam(name = EventForms.ESPD, required = false) MultipartFile espdFile, Model model,
            HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        Contract contract = contracts.find(id);
        EventForms.Form form = form(contract, code);
        Map<String, String> submitted = new LinkedHashMap<>(EventForms.normalized(form, params));
        String espd = espd(submitted, espdFile);
        if (action != null && action.startsWith(ADD_ROW)) {
            // Another row for the array: the same page with what was typed, nothing recorded.
            return eventPage(model, contract, form, submitted, Map.of(), null, action.substring(ADD_ROW.length()));
        }
        try {
            RecordedScheda recorded = log.record(id, EventForms.request(form, submitted, espd));
            redirect.addFlashAttribute("message", "Evento registrato (" + form.title() + "): scheda " + code + " "
                    + (recorded.state().equals("PRONTA") ? "pronta per l'invio." : "in attesa dell'identificativo ANAC."));
            redirect.addFlashAttribute("warnings", recorded.warnings());
            return "redirect:/contratti/" + id + "/esecuzione";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            Map<String, String> errors = new LinkedHashMap<>();
            e.violations().forEach(v -> errors.merge(EventForms.inputOf(form, v.field()),
                    (v.code() == null ? "" : v.code() + ": ") + v.message(), (a, b) -> a + " " + b));
            if (errors.containsKey(EventForms.ESPD)) {
                // A file refused is not kept: the user chooses another.
                submitted.remove(ESPD_CONTENT);
                submitted.remove(ESPD_NAME);
            }
            return eventPage(model, contract, form, submitted, errors, null);
        } catch (ConflictException e) {
            response.setStatus(409);
            return eventPage(model, contract, form, submitted, Map.of(), (e.code() == null ? "" : e.code() + ": ") + e.getMessage());
        }
    }

    /**
     * The ESPD of an RSU1, Base64: the file uploaded now, or the one uploaded with the refused
     * submission before (kept in {@code values}, with its name, to show it again); null if none.
     */
    private static String espd(Map<String, String> values, MultipartFile file) throws IOException {
        if (file != null && !file.isEmpty()) {
            String content = Base64.getEncoder().encodeToString(file.getBytes());
            values.put(ESPD_CONTENT, content);
            values.put(ESPD_NAME, file.getOriginalFilename() == null ? "DGUE" : file.getOriginalFilename());
            return content;
        }
        String kept = values.get(ESPD_CONTENT);
        return kept == null || kept.isBlank() ? null : kept.trim();
    }

    private EventForms.Form form(Contract contract, SchedaCode code) {
        if (!log.canRecord(contract)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di registrare eventi dell'esecuzione");
        }
        if (MODIFICATIONS.contains(code) && !EventForms.offered(code, contract, List.of(), log.today())) {
            throw new NotFoundException("Per questo contratto la modifica si comunica con la scheda "
                    + ExecutionLog.modificationCode(contract));
        }
        return EventForms.form(code, contract, log.history(contract.id()), log.today()).orElseThrow(() -> new NotFoundException(
                "Il modulo per l'evento " + code + " non è ancora disponibile: usare l'API"));
    }

    private static final Set<SchedaCode> MODIFICATIONS = EnumSet.of(SchedaCode.M1, SchedaCode.M2, SchedaCode.M1_40, SchedaCode.M2_40);

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
        model.addAttribute("known", EventForms.known(form.code(), contract, log.history(contract.id()), log.today()));
        // Errors on fields without an input (whole sections, derived fields) are listed on top; those
        // on a repeated section as a whole (no rows given) in the section.
        model.addAttribute("otherErrors", errors.entrySet().stream()
                .filter(e -> fields.stream().noneMatch(f -> f.path().equals(e.getKey())))
                .filter(e -> form.sections().stream().noneMatch(s -> s.repeated() && s.array().equals(e.getKey())))
                .map(Map.Entry::getValue).toList());
        model.addAttribute("multipart", fields.stream().anyMatch(f -> f.kind() == EventForms.Kind.FILE));
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + contract.id(), "/contratti/" + contract.id()),
                new Crumb("Esecuzione", "/contratti/" + contract.id() + "/esecuzione"), new Crumb(form.title(), "")));
        return "execution/event";
    }
}
