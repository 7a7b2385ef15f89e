package it.openesecuzione.identity.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginPage {

    private final ObjectProvider<ClientRegistrationRepository> oidcClients;
    private final String registration;

    LoginPage(ObjectProvider<ClientRegistrationRepository> oidcClients,
            @Value("${openesecuzione.security.oidc.registration:spid}") String registration) {
        this.oidcClients = oidcClients;
        this.registration = registration;
    }

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("oidcEnabled", oidcClients.getIfAvailable() != null);
        model.addAttribute("oidcRegistration", registration);
        return "login";
    }
}
