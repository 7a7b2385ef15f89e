package it.openesecuzione.identity.web;

import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.internal.ApiTokens;
import it.openesecuzione.web.Crumb;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's personal API tokens: create (shown once), list, revoke. */
@Controller
@RequestMapping("/profilo/token")
class ApiTokenPages {

    private static final ZoneId ROME = ZoneId.of("Europe/Rome");

    private final ApiTokens tokens;
    private final Clock clock;

    ApiTokenPages(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping
    String list(Model model) {
        PlatformUser user = CurrentUser.get();
        model.addAttribute("section", "token");
        model.addAttribute("tokens", tokens.list(user.id()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("crumbs", List.of(new Crumb("Token API", "/profilo/token")));
        return "identity/tokens";
    }

    @PostMapping
    String create(@RequestParam String nome, @RequestParam(required = false) String scadenza, RedirectAttributes redirect) {
        PlatformUser user = CurrentUser.get();
        if (nome == null || nome.isBlank()) {
            redirect.addFlashAttribute("error", "Indicare un nome che ricordi a cosa serve il token.");
            return "redirect:/profilo/token";
        }
        java.time.Instant expires = null;
        if (scadenza != null && !scadenza.isBlank()) {
            try {
                LocalDate date = LocalDate.parse(scadenza);
                if (!date.isAfter(LocalDate.now(clock.withZone(ROME)))) {
                    redirect.addFlashAttribute("error", "La scadenza deve essere una data futura.");
                    return "redirect:/profilo/token";
                }
                expires = date.plusDays(1).atStartOfDay(ROME).toInstant();
            } catch (DateTimeParseException e) {
                redirect.addFlashAttribute("error", "Data di scadenza non valida.");
                return "redirect:/profilo/token";
            }
        }
        redirect.addFlashAttribute("newToken", tokens.create(user.id(), nome, expires));
        return "redirect:/profilo/token";
    }

    @PostMapping("/{id}/revoca")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        boolean revoked = tokens.revoke(CurrentUser.get().id(), id);
        redirect.addFlashAttribute(revoked ? "message" : "error", revoked ? "Token revocato." : "Token non trovato o già revocato.");
        return "redirect:/profilo/token";
    }
}
