package it.openesecuzione.identity.web;

import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.Role;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.identity.UserInput;
import it.openesecuzione.shared.CodiceFiscale;
import it.openesecuzione.shared.FieldViolation;
import it.openesecuzione.shared.InvalidInputException;
import it.openesecuzione.shared.NotFoundException;
import it.openesecuzione.shared.NotPermittedException;
import it.openesecuzione.web.Crumb;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration: an authority's administrator manages its users and their roles; the platform
 * administrator registers authorities and records their seat.
 */
@Controller
@RequestMapping("/amministrazione")
class AdministrationPages {

    static final List<Role> AUTHORITY_ROLES = Arrays.stream(Role.values()).filter(Role::perAuthority).toList();

    private final UserDirectory directory;

    AdministrationPages(UserDirectory directory) {
        this.directory = directory;
    }

    @ModelAttribute("section")
    String section() {
        return "amministrazione";
    }

    @GetMapping("/utenti")
    String users(Model model) {
        return usersPage(model, administeredAuthority(), new UserForm(), Map.of());
    }

    @PostMapping("/utenti")
    String register(@ModelAttribute("form") UserForm form, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        long authority = administeredAuthority();
        try {
            PlatformUser user = directory.registerAtAuthority(authority, form.toInput());
            redirect.addFlashAttribute("message", "Utente " + user.username() + " registrato.");
            return "redirect:/amministrazione/utenti";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            Map<String, String> errors = new LinkedHashMap<>();
            e.violations().forEach(v -> errors.putIfAbsent(v.field(), v.message()));
            form.setPassword(null);
            return usersPage(model, authority, form, errors);
        }
    }

    @PostMapping("/utenti/{id}/ruoli")
    String roles(@PathVariable long id, @RequestParam(name = "ruoli", required = false) List<Role> roles,
            RedirectAttributes redirect) {
        long authority = administeredAuthority();
        PlatformUser user = directory.findById(id).filter(u -> !u.rolesIn(authority).isEmpty())
                .orElseThrow(() -> new NotFoundException("Utente " + id + " non trovato presso l'ente"));
        Set<Role> wanted = roles == null ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        wanted.removeIf(role -> !role.perAuthority());
        if (user.id() == CurrentUser.get().id() && !wanted.contains(Role.AMMINISTRATORE)) {
            redirect.addFlashAttribute("error", "Non è possibile togliere a sé stessi il ruolo di amministratore.");
            return "redirect:/amministrazione/utenti";
        }
        if (wanted.isEmpty()) {
            redirect.addFlashAttribute("error", "Lasciare almeno un ruolo: per escludere una persona, disabilitarne l'utenza.");
            return "redirect:/amministrazione/utenti";
        }
        wanted.stream().filter(role -> !user.hasRoleIn(authority, role)).forEach(role -> directory.grant(id, authority, role));
        user.rolesIn(authority).stream().filter(role -> !wanted.contains(role)).forEach(role -> directory.revoke(id, authority, role));
        redirect.addFlashAttribute("message", "Ruoli di " + user.displayName() + " aggiornati.");
        return "redirect:/amministrazione/utenti";
    }

    @GetMapping("/enti")
    String authorities(Model model) {
        requirePlatformAdmin();
        return authoritiesPage(model, new AuthorityForm(), Map.of());
    }

    @PostMapping("/enti")
    String registerAuthority(@ModelAttribute("form") AuthorityForm form, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        requirePlatformAdmin();
        List<FieldViolation> violations = form.violations();
        if (violations.isEmpty() && directory.findAuthorityByCodiceFiscale(new CodiceFiscale(form.getCodiceFiscale()).value()).isPresent()) {
            violations.add(new FieldViolation("codiceFiscale", form.getCodiceFiscale(), "Ente già registrato"));
        }
        if (violations.isEmpty() && directory.all().stream().anyMatch(a -> a.codiceAusa().equals(form.getCodiceAusa().strip()))) {
            violations.add(new FieldViolation("codiceAusa", form.getCodiceAusa(), "Codice AUSA già registrato"));
        }
        if (!violations.isEmpty()) {
            response.setStatus(400);
            Map<String, String> errors = new LinkedHashMap<>();
            violations.forEach(v -> errors.putIfAbsent(v.field(), v.message()));
            return authoritiesPage(model, form, errors);
        }
        StazioneAppaltante authority = directory.createAuthority(form.getDenominazione().strip(),
                new CodiceFiscale(form.getCodiceFiscale()), form.getCodiceAusa().strip(), form.getTipo(), form.getRegione(),
                form.getCitta(), form.getCodiceNuts(), form.getEmail());
        redirect.addFlashAttribute("message", authority.denominazione() + " registrato.");
        return "redirect:/amministrazione/enti";
    }

    @GetMapping("/enti/{id}")
    String authority(@PathVariable long id, Model model) {
        requirePlatformAdmin();
        StazioneAppaltante authority = existingAuthority(id);
        return seatPage(model, authority, SeatForm.of(authority), Map.of());
    }

    @PostMapping("/enti/{id}")
    String updateSeat(@PathVariable long id, @ModelAttribute("form") SeatForm form, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        requirePlatformAdmin();
        StazioneAppaltante authority = existingAuthority(id);
        try {
            directory.updateAuthoritySeat(id, form.getCitta(), form.getCodiceNuts(), form.getEmail());
        } catch (InvalidInputException e) {
            response.setStatus(400);
            Map<String, String> errors = new LinkedHashMap<>();
            e.violations().forEach(v -> errors.putIfAbsent(v.field(), v.message()));
            return seatPage(model, authority, form, errors);
        }
        redirect.addFlashAttribute("message", "Sede di " + authority.denominazione() + " aggiornata.");
        return "redirect:/amministrazione/enti";
    }

    private String usersPage(Model model, long authority, UserForm form, Map<String, String> errors) {
        List<PlatformUser> users = directory.usersOf(authority);
        Map<Long, Set<Role>> roles = new LinkedHashMap<>();
        users.forEach(user -> roles.put(user.id(), user.rolesIn(authority)));
        model.addAttribute("authority", directory.find(authority).orElseThrow());
        model.addAttribute("users", users);
        model.addAttribute("roles", roles);
        model.addAttribute("allRoles", AUTHORITY_ROLES);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("crumbs", List.of(new Crumb("Amministrazione", "/amministrazione/utenti"),
                new Crumb("Utenti", "/amministrazione/utenti")));
        return "identity/users";
    }

    private String authoritiesPage(Model model, AuthorityForm form, Map<String, String> errors) {
        model.addAttribute("authorities", directory.all());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("regioni", AuthorityForm.REGIONI);
        model.addAttribute("crumbs", List.of(new Crumb("Amministrazione", "/amministrazione/enti"),
                new Crumb("Stazioni appaltanti", "/amministrazione/enti")));
        return "identity/authorities";
    }

    private String seatPage(Model model, StazioneAppaltante authority, SeatForm form, Map<String, String> errors) {
        model.addAttribute("authority", authority);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("crumbs", List.of(new Crumb("Amministrazione", "/amministrazione/enti"),
                new Crumb("Stazioni appaltanti", "/amministrazione/enti"),
                new Crumb(authority.denominazione(), "/amministrazione/enti/" + authority.id())));
        return "identity/authority";
    }

    private StazioneAppaltante existingAuthority(long id) {
        return directory.find(id).orElseThrow(() -> new NotFoundException("Stazione appaltante " + id + " non trovata"));
    }

    /** The authority the current user administers; others may not be here. */
    private static long administeredAuthority() {
        PlatformUser user = CurrentUser.get();
        return user.rolesByAuthority().entrySet().stream().filter(e -> e.getValue().contains(Role.AMMINISTRATORE))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new NotPermittedException("La gestione degli utenti è riservata agli amministratori dell'ente"));
    }

    private static void requirePlatformAdmin() {
        if (!CurrentUser.get().platformAdmin()) {
            throw new NotPermittedException("La gestione degli enti è riservata all'amministratore della piattaforma");
        }
    }

    /** The new-user form as submitted. */
    public static class UserForm {
        private String username;
        private String codiceFiscale;
        private String nome;
        private String cognome;
        private String email;
        private String password;
        private List<Role> ruoli = new ArrayList<>();

        UserInput toInput() {
            return new UserInput(username, codiceFiscale, nome, cognome, email, password,
                    ruoli == null ? Set.of() : Set.copyOf(ruoli));
        }

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getCodiceFiscale() { return codiceFiscale; }
        public void setCodiceFiscale(String codiceFiscale) { this.codiceFiscale = codiceFiscale; }
        public String getNome() { return nome; }
        public void setNome(String nome) { this.nome = nome; }
        public String getCognome() { return cognome; }
        public void setCognome(String cognome) { this.cognome = cognome; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public List<Role> getRuoli() { return ruoli; }
        public void setRuoli(List<Role> ruoli) { this.ruoli = ruoli; }
    }

    /** The new-authority form as submitted. */
    public static class AuthorityForm {
        static final List<String> REGIONI = List.of("Abruzzo", "Basilicata", "Calabria", "Campania", "Emilia-Romagna",
                "Friuli-Venezia Giulia", "Lazio", "Liguria", "Lombardia", "Marche", "Molise", "Piemonte", "Puglia",
                "Sardegna", "Sicilia", "Toscana", "Trentino-Alto Adige", "Umbria", "Valle d'Aosta", "Veneto");

        private String denominazione;
        private String codiceFiscale;
        private String codiceAusa;
        private String tipo = "COMUNE";
        private String regione;
        private String citta;
        private String codiceNuts;
        private String email;

        List<FieldViolation> violations() {
            List<FieldViolation> violations = new ArrayList<>();
            if (denominazione == null || denominazione.isBlank()) {
                violations.add(new FieldViolation("denominazione", denominazione, "La denominazione è obbligatoria"));
            }
            CodiceFiscale.problemWith(codiceFiscale).ifPresentOrElse(
                    reason -> violations.add(new FieldViolation("codiceFiscale", codiceFiscale, "Codice fiscale non valido: " + reason)),
                    () -> {
                        if (new CodiceFiscale(codiceFiscale).isPersonal()) {
                            violations.add(new FieldViolation("codiceFiscale", codiceFiscale,
                                    "Un ente ha un codice fiscale numerico di 11 cifre"));
                        }
                    });
            if (codiceAusa == null || !codiceAusa.strip().matches("\\d{10}")) {
                violations.add(new FieldViolation("codiceAusa", codiceAusa, "Il codice AUSA è composto da 10 cifre"));
            }
            if (tipo == null || tipo.isBlank()) {
                violations.add(new FieldViolation("tipo", tipo, "Indicare il tipo di ente"));
            }
            if (regione == null || !REGIONI.contains(regione)) {
                violations.add(new FieldViolation("regione", regione, "Scegliere la regione"));
            }
            violations.addAll(StazioneAppaltante.seatViolations(citta, codiceNuts, email));
            return violations;
        }

        public String getDenominazione() { return denominazione; }
        public void setDenominazione(String denominazione) { this.denominazione = denominazione; }
        public String getCodiceFiscale() { return codiceFiscale; }
        public void setCodiceFiscale(String codiceFiscale) { this.codiceFiscale = codiceFiscale; }
        public String getCodiceAusa() { return codiceAusa; }
        public void setCodiceAusa(String codiceAusa) { this.codiceAusa = codiceAusa; }
        public String getTipo() { return tipo; }
        public void setTipo(String tipo) { this.tipo = tipo; }
        public String getRegione() { return regione; }
        public void setRegione(String regione) { this.regione = regione; }
        public String getCitta() { return citta; }
        public void setCitta(String citta) { this.citta = citta; }
        public String getCodiceNuts() { return codiceNuts; }
        public void setCodiceNuts(String codiceNuts) { this.codiceNuts = codiceNuts; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
    }

    /** The seat of an existing authority as submitted. */
    public static class SeatForm {
        private String citta;
        private String codiceNuts;
        private String email;

        static SeatForm of(StazioneAppaltante authority) {
            SeatForm form = new SeatForm();
            form.citta = authority.citta();
            form.codiceNuts = authority.codiceNuts();
            form.email = authority.email();
            return form;
        }

        public String getCitta() { return citta; }
        public void setCitta(String citta) { this.citta = citta; }
        public String getCodiceNuts() { return codiceNuts; }
        public void setCodiceNuts(String codiceNuts) { this.codiceNuts = codiceNuts; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
    }
}
