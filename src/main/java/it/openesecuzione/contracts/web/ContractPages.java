package it.openesecuzione.contracts.web;

import it.openesecuzione.audit.AuditEntry;
import it.openesecuzione.audit.AuditTrail;
import it.openesecuzione.contracts.Contract;
import it.openesecuzione.contracts.ContractInput;
import it.openesecuzione.contracts.ContractPage;
import it.openesecuzione.contracts.ContractQuery;
import it.openesecuzione.contracts.ContractRegistry;
import it.openesecuzione.contracts.Procedura;
import it.openesecuzione.contracts.RtiMember;
import it.openesecuzione.contracts.Settore;
import it.openesecuzione.contracts.StatoContratto;
import it.openesecuzione.contracts.Tipologia;
import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.Role;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.shared.ConflictException;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotPermittedException;
import it.openesecuzione.web.Crumb;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/contratti")
class ContractPages {

    private final ContractRegistry registry;
    private final UserDirectory directory;
    private final AuditTrail audit;

    ContractPages(ContractRegistry registry, UserDirectory directory, AuditTrail audit) {
        this.registry = registry;
        this.directory = directory;
        this.audit = audit;
    }

    @ModelAttribute("section")
    String section() {
        return "contratti";
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) Tipologia tipologia,
            @RequestParam(required = false) StatoContratto stato, @RequestParam(defaultValue = "0") int page,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        ContractQuery query = new ContractQuery(q, tipologia, stato, page, 20);
        ContractPage result = registry.search(query);
        model.addAttribute("query", query);
        model.addAttribute("result", result);
        model.addAttribute("tipologie", Tipologia.values());
        model.addAttribute("stati", StatoContratto.values());
        model.addAttribute("canCreate", registry.canRegister());
        // Observers and platform administrators see several authorities: name them in the list.
        boolean severalAuthorities = CurrentUser.find().map(u -> u.primaryAuthority().isEmpty()).orElse(false);
        model.addAttribute("authorityNames", severalAuthorities ? directory.all().stream()
                .collect(java.util.stream.Collectors.toMap(a -> a.id(), a -> a.denominazione())) : Map.of());
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti")));
        return htmx != null ? "contracts/list :: risultati" : "contracts/list";
    }

    @GetMapping("/nuovo")
    String newForm(Model model) {
        PlatformUser user = CurrentUser.get();
        if (!registry.canRegister()) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di registrare contratti");
        }
        ContractForm form = new ContractForm();
        long authority = user.primaryAuthority().orElseThrow();
        if (user.hasRoleIn(authority, Role.RUP)) {
            form.setRupId(user.id());
        }
        return form(model, form, null, Map.of());
    }

    @PostMapping
    String create(@ModelAttribute("form") ContractForm form, @RequestParam(name = "azione", required = false) String action,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (addRow(form, action)) {
            return form(model, form, null, Map.of());
        }
        List<FieldViolation> violations = new ArrayList<>();
        ContractInput input = form.toInput(violations);
        try {
            rejectIfUnreadable(input, violations);
            Contract contract = registry.register(input);
            redirect.addFlashAttribute("message", "Contratto registrato.");
            return "redirect:/contratti/" + contract.id();
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return form(model, form, null, errors(e));
        }
    }

    @GetMapping("/{id}")
    String detail(@PathVariable long id, Model model) {
        Contract contract = registry.find(id);
        model.addAttribute("contract", contract);
        model.addAttribute("t", contract.terms());
        model.addAttribute("canEdit", registry.canEdit(contract));
        model.addAttribute("people", people(contract));
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + id, "/contratti/" + id)));
        return "contracts/detail";
    }

    @GetMapping("/{id}/modifica")
    String editForm(@PathVariable long id, Model model) {
        Contract contract = registry.find(id);
        if (!registry.canEdit(contract)) {
            throw new NotPermittedException("Il ruolo dell'utente non consente di modificare questo contratto");
        }
        return form(model, ContractForm.of(contract), contract, Map.of());
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") ContractForm form,
            @RequestParam(name = "azione", required = false) String action, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        Contract contract = registry.find(id);
        if (addRow(form, action)) {
            return form(model, form, contract, Map.of());
        }
        List<FieldViolation> violations = new ArrayList<>();
        ContractInput input = form.toInput(violations);
        try {
            rejectIfUnreadable(input, violations);
            registry.update(id, form.getVersion(), input);
            redirect.addFlashAttribute("message", "Modifiche salvate.");
            return "redirect:/contratti/" + id;
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return form(model, form, contract, errors(e));
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("conflict", e.getMessage());
            return form(model, form, contract, Map.of());
        }
    }

    @GetMapping("/{id}/cronologia")
    String history(@PathVariable long id, Model model) {
        Contract contract = registry.find(id);
        model.addAttribute("contract", contract);
        List<AuditEntry> entries = audit.forContract(id);
        Map<Long, List<HistoryRow>> rows = new LinkedHashMap<>();
        Map<Long, String> times = new LinkedHashMap<>();
        for (AuditEntry entry : entries) {
            rows.put(entry.id(), HistoryRow.of(entry.summary()));
            times.put(entry.id(), ROME_TIME.format(entry.occurredAt()));
        }
        model.addAttribute("entries", entries);
        model.addAttribute("rows", rows);
        model.addAttribute("times", times);
        model.addAttribute("crumbs", List.of(new Crumb("Contratti", "/contratti"),
                new Crumb("Contratto n. " + id, "/contratti/" + id), new Crumb("Cronologia", "/contratti/" + id + "/cronologia")));
        return "contracts/history";
    }

    /** One line of an audit summary: a plain value, or a change from one value to another. */
    record HistoryRow(String field, Object value, Object before, Object after, boolean change) {

        static List<HistoryRow> of(Map<String, Object> summary) {
            List<HistoryRow> rows = new ArrayList<>();
            summary.forEach((field, value) -> {
                if (value instanceof Map<?, ?> change) {
                    rows.add(new HistoryRow(field, null, change.get("prima"), change.get("dopo"), true));
                } else {
                    rows.add(new HistoryRow(field, value, null, null, false));
                }
            });
            return rows;
        }
    }

    private static final java.time.format.DateTimeFormatter ROME_TIME = java.time.format.DateTimeFormatter
            .ofPattern("dd/MM/yyyy HH:mm:ss").withZone(java.time.ZoneId.of("Europe/Rome"));

    private static boolean addRow(ContractForm form, String action) {
        if ("aggiungiLotto".equals(action)) {
            form.getLotti().add(new ContractForm.LotRow());
            return true;
        }
        if ("aggiungiRti".equals(action)) {
            if (form.getRti().isEmpty()) {
                form.getRti().add(new ContractForm.RtiRow());
            }
            form.getRti().add(new ContractForm.RtiRow());
            return true;
        }
        return false;
    }

    private String form(Model model, ContractForm form, Contract contract, Map<String, String> errors) {
        long authority = contract != null ? contract.authorityId() : CurrentUser.get().primaryAuthority().orElseThrow();
        if (form.getLotti().isEmpty()) {
            form.getLotti().add(new ContractForm.LotRow());
        }
        model.addAttribute("form", form);
        model.addAttribute("contract", contract);
        model.addAttribute("errors", errors);
        model.addAttribute("tipologie", Tipologia.values());
        model.addAttribute("settori", Settore.values());
        model.addAttribute("procedure", Procedura.values());
        model.addAttribute("ruoliRti", RtiMember.Ruolo.values());
        model.addAttribute("rups", directory.usersWithRole(authority, Role.RUP));
        List<PlatformUser> directors = new ArrayList<>(directory.usersWithRole(authority, Role.DL));
        directory.usersWithRole(authority, Role.DEC).stream().filter(u -> !directors.contains(u)).forEach(directors::add);
        model.addAttribute("direttori", directors);
        model.addAttribute("collaudatori", directory.usersWithRole(authority, Role.COLLAUDATORE));
        model.addAttribute("utenti", directory.usersOf(authority));
        List<Crumb> crumbs = new ArrayList<>(List.of(new Crumb("Contratti", "/contratti")));
        if (contract != null) {
            crumbs.add(new Crumb("Contratto n. " + contract.id(), "/contratti/" + contract.id()));
            crumbs.add(new Crumb("Modifica", "/contratti/" + contract.id() + "/modifica"));
        } else {
            crumbs.add(new Crumb("Nuovo contratto", "/contratti/nuovo"));
        }
        model.addAttribute("crumbs", crumbs);
        return "contracts/form";
    }

    /**
     * Texts that are not numbers are reported together with every other problem of the form,
     * so the user fixes everything in one go.
     */
    private static void rejectIfUnreadable(ContractInput input, List<FieldViolation> unreadable) {
        if (unreadable.isEmpty()) {
            return;
        }
        List<FieldViolation> all = new ArrayList<>(unreadable);
        try {
            input.validate();
        } catch (InvalidInputException e) {
            all.addAll(e.violations());
        }
        throw new InvalidInputException(all);
    }

    /** Field → message, with the form's field names, the first message per field. */
    private static Map<String, String> errors(InvalidInputException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldViolation v : e.violations()) {
            String field = switch (v.field()) {
                case "aggiudicatario.denominazione" -> "aggiudicatarioDenominazione";
                case "aggiudicatario.codiceFiscale" -> "aggiudicatarioCodiceFiscale";
                case "aggiudicatario.partitaIva" -> "aggiudicatarioPartitaIva";
                default -> v.field();
            };
            errors.putIfAbsent(field, v.message());
        }
        return errors;
    }

    private Map<String, String> people(Contract contract) {
        Map<String, String> people = new LinkedHashMap<>();
        people.put("RUP", name(contract.terms().rupId()));
        people.put(contract.terms().tipologia() == Tipologia.LAVORI ? "Direttore dei lavori" : "Direttore dell'esecuzione",
                name(contract.terms().direttoreId()));
        people.put("Collaudatore", name(contract.terms().collaudatoreId()));
        people.put("Delegato all'esecuzione (DRP3)", name(contract.terms().delegatoId()));
        return people;
    }

    private String name(Long userId) {
        return Optional.ofNullable(userId).flatMap(directory::findById)
                .map(u -> u.displayName() + " (" + u.codiceFiscale() + ")").orElse("—");
    }
}
