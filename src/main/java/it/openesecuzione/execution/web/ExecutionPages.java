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
        // Correggi: a scheda PCP has not confirmed (queued, created or rejected) whose event has a form.
        model.addAttribute("correctable", canRecord ? history.stream()
                .filter(e -> !e.annulled() && delivered.containsKey(e.seq()) && delivered.get(e.seq()).correctable())
                .filter(e -> EventForms.form(e.code(), contract, before(history, e.seq()), today).isPresent())
                .map(RecordedScheda::seq).collect(java.util.stream.Collectors.toSet()) : Set.of());
        // Chiedi l'annullamento: a confirmed CO1 or CO2 that is the last event still counting.
        List<RecordedScheda> counting = history.stream().filter(e -> !e.annulled()).toList();
        RecordedScheda lastCounting = counting.isEmpty() ? null : counting.get(counting.size() - 1);
        boolean annullable = canRecord && lastCounting != null && ANNULLABLE.contains(lastCounting.code())
                && delivered.containsKey(lastCounting.seq()) && "CONFERMATA".equals(delivered.get(lastCounting.seq()).delivery().stato());
        model.addAttribute("annullable", annullable ? lastCounting.seq() : null);
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

    /** The schede ANAC annuls on request (rollback-scheda), as TransmissionDelivery. */
    private static final Set<SchedaCode> ANNULLABLE = EnumSet.of(SchedaCode.CO1, SchedaCode.CO2);

    /** The events before {@code seq}: a correction rebuilds the scheda with them, as they were. */
    private static List<RecordedScheda> before(List<RecordedScheda> history, int seq) {
        return history.stream().filter(e -> e.seq() < seq).toList();
    }

    /** The event to correct, once the user is known to be allowed to. */
    private RecordedScheda correctable(Contract contract, int seq) {
        if (!log.canRecord(contract)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di correggere eventi dell'esecuzione");
        }
        RecordedScheda event = log.history(contract.id()).stream().filter(e -> e.seq() == seq).findFirst()
                .orElseThrow(() -> new NotFoundException("Evento n. " + seq + " non trovato"));
        if (event.annulled()) {
            throw new NotFoundException("L'evento n. " + seq + " è stato annullato da ANAC: non si corregge");
        }
        return event;
    }

    /** Why the scheda of the event may not be corrected any more, or null: PCP confirmed it, or is confirming it. */
    private String notCorrectable(long contractId, int seq) {
        SchedaDeliveries.Delivery delivery = deliveries.getIfAvailable(() -> contract -> Map.of()).of(contractId).get(seq);
        if (delivery == null || DeliveryView.of(delivery).correctable()) {
            return null;
        }
        return "La scheda dell'evento n. " + seq + " non si può più correggere: su PCP è «"
                + DeliveryView.of(delivery).label().toLowerCase(java.util.Locale.ITALIAN) + "».";
    }

    /** "Correggi": the event's form filled in with what was recorded. */
    @GetMapping("/contratti/{id}/esecuzione/eventi/{seq}/correzione")
    String correctionForm(@PathVariable long id, @PathVariable int seq, Model model, RedirectAttributes redirect) {
        Contract contract = contracts.find(id);
        RecordedScheda event = correctable(contract, seq);
        String refused = notCorrectable(id, seq);
        if (refused != null) {
            redirect.addFlashAttribute("errorMessage", refused);
            return "redirect:/contratti/" + id + "/esecuzione";
        }
        EventForms.Form form = correctionForm(contract, event);
        return correctionPage(model, contract, event, form, EventForms.recordedValues(form, event), Map.of(), null, null);
    }

    @PostMapping("/contratti/{id}/esecuzione/eventi/{seq}/correzione")
    String correct(@PathVariable long id, @PathVariable int seq, @RequestParam Map<String, String> params,
            @RequestParam(name = "azione", required = false) String action,
            @RequestParam(name = EventForms.ESPD, required = false) MultipartFile espdFile, Model model,
            HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        Contract contract = contracts.find(id);
        RecordedScheda event = correctable(contract, seq);
        EventForms.Form form = correctionForm(contract, event);
        Map<String, String> submitted = new LinkedHashMap<>(EventForms.normalized(form, params));
        String espd = espd(submitted, espdFile);
        if (espd == null && event.code() == SchedaCode.RSU1) {
            // No new file: the ESPD stored with the event stays.
            espd = event.bodyParts().get(EventForms.ESPD);
        }
        if (action != null && action.startsWith(ADD_ROW)) {
            return correctionPage(model, contract, event, form, submitted, Map.of(), null, action.substring(ADD_ROW.length()));
        }
        try {
            RecordedScheda corrected = log.correct(id, seq, EventForms.request(form, submitted, espd));
            redirect.addFlashAttribute("message", "Evento n. " + seq + " corretto (" + form.title() + "): la scheda " + event.code()
                    + " corretta sarà inviata a PCP al posto della precedente.");
            redirect.addFlashAttribute("warnings", corrected.warnings());
            return "redirect:/contratti/" + id + "/esecuzione";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            Map<String, String> errors = errors(form, e);
            if (errors.containsKey(EventForms.ESPD)) {
                submitted.remove(ESPD_CONTENT);
                submitted.remove(ESPD_NAME);
            }
            return correctionPage(model, contract, event, form, submitted, errors, null, null);
        } catch (ConflictException e) {
            response.setStatus(409);
            return correctionPage(model, contract, event, form, submitted, Map.of(), "L'evento non è stato corretto. "
                    + (e.code() == null ? "" : e.code() + ": ") + e.getMessage() + ".", null);
        }
    }

    /** The form of the event as it was recorded: its lists (the subcontracts it may refer to) from the events before it. */
    private EventForms.Form correctionForm(Contract contract, RecordedScheda event) {
        return EventForms.form(event.code(), contract, before(log.history(contract.id()), event.seq()), log.today())
                .orElseThrow(() -> new NotFoundException("Il modulo per l'evento " + event.code()
                        + " non è ancora disponibile: correggerlo con l'API"));
    }

    private String correctionPage(Model model, Contract contract, RecordedScheda event, EventForms.Form form,
            Map<String, String> values, Map<String, String> errors, String conflict, String extraRow) {
        String page = eventPage(model, contract, form, values, errors, conflict, extraRow, before(log.history(contract.id()),
                event.seq()));
        model.addAttribute("correction", event.seq());
        model.addAttribute("action", "/contratti/" + contract.id() + "/esecuzione/eventi/" + event.seq() + "/correzione");
        model.addAttribute("storedEspd", event.bodyParts().containsKey(EventForms.ESPD));
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + contract.id(), "/contratti/" + contract.id()),
                new Crumb("Esecuzione", "/contratti/" + contract.id() + "/esecuzione"),
                new Crumb("Correzione dell'evento n. " + event.seq(), "")));
        return page;
    }

    private static Map<String, String> errors(EventForms.Form form, InvalidInputException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.violations().forEach(v -> errors.merge(EventForms.inputOf(form, v.field()),
                (v.code() == null ? "" : v.code() + ": ") + v.message(), (a, b) -> a + " " + b));
        return errors;
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
            Map<String, String> errors = errors(form, e);
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
        return eventPage(model, contract, form, values, errors, conflict, extraRow, log.history(contract.id()));
    }

    /** @param history the events the form is filled in after: all of them, or those before the event corrected */
    private String eventPage(Model model, Contract contract, EventForms.Form form, Map<String, String> values,
            Map<String, String> errors, String conflict, String extraRow, List<RecordedScheda> history) {
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
        model.addAttribute("known", EventForms.known(form.code(), contract, history, log.today()));
        model.addAttribute("action", "/contratti/" + contract.id() + "/esecuzione/evento?tipo=" + form.code());
        model.addAttribute("correction", null);
        model.addAttribute("storedEspd", false);
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
