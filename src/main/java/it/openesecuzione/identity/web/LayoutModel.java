package it.openesecuzione.identity.web;

import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.IdentityAssurance;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.Role;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.StazioniAppaltanti;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header needs: the user, their authority and roles. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

    private final StazioniAppaltanti authorities;
    private final String platformName;

    LayoutModel(StazioniAppaltanti authorities, @Value("${openesecuzione.platform-name:OpenEsecuzione}") String platformName) {
        this.authorities = authorities;
        this.platformName = platformName;
    }

    @ModelAttribute("platformName")
    String platformName() {
        return platformName;
    }

    @ModelAttribute("me")
    PlatformUser me() {
        return CurrentUser.find().orElse(null);
    }

    @ModelAttribute("currentAuthority")
    StazioneAppaltante currentAuthority() {
        return CurrentUser.find().flatMap(PlatformUser::primaryAuthority).flatMap(authorities::find).orElse(null);
    }

    @ModelAttribute("roleLabels")
    String roleLabels() {
        return CurrentUser.find().map(user -> user.allRoles().stream().map(Role::label).collect(Collectors.joining(", ")))
                .orElse("");
    }

    /** How the user logged in, as the platform states it to ANAC with every scheda they record. */
    @ModelAttribute("loginLabel")
    String loginLabel() {
        return CurrentUser.assurance().map(assurance -> assurance.provider() == IdentityAssurance.IdentityProvider.CUSTOM
                ? "accesso con le credenziali della piattaforma"
                : "accesso con " + assurance.provider() + ", livello di garanzia " + assurance.levelOfAssurance()).orElse("");
    }

    @ModelAttribute("canAdministerUsers")
    boolean canAdministerUsers() {
        return CurrentUser.find().map(user -> user.rolesByAuthority().values().stream()
                .anyMatch(roles -> roles.contains(Role.AMMINISTRATORE))).orElse(false);
    }

    @ModelAttribute("canVerifyAudit")
    boolean canVerifyAudit() {
        return CurrentUser.find().map(PlatformUser::isAdministrator).orElse(false);
    }
}
