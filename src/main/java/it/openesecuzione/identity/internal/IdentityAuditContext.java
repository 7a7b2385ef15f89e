package it.openesecuzione.identity.internal;

import it.openesecuzione.audit.AuditActor;
import it.openesecuzione.audit.AuditContext;
import it.openesecuzione.identity.CurrentUser;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.Role;
import it.openesecuzione.identity.StazioneAppaltante;
import it.openesecuzione.identity.UserDirectory;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Tells the audit trail who is acting, in which role, and where authorities are. */
@Component
class IdentityAuditContext implements AuditContext {

    private final UserDirectory directory;

    IdentityAuditContext(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public AuditActor currentActor(Long authorityId) {
        return CurrentUser.find().map(user -> new AuditActor(user.codiceFiscale(), user.displayName(), role(user, authorityId)))
                .orElse(AuditActor.SYSTEM);
    }

    private static String role(PlatformUser user, Long authorityId) {
        if (authorityId != null && !user.rolesIn(authorityId).isEmpty()) {
            return user.rolesIn(authorityId).stream().map(Role::name).sorted().collect(Collectors.joining(","));
        }
        if (user.platformAdmin()) {
            return Role.PLATFORM_ADMIN.name();
        }
        if (user.isObserver()) {
            return Role.OSSERVATORIO.name();
        }
        return user.allRoles().stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    @Override
    public String regionOf(Long authorityId) {
        return authorityId == null ? null : directory.find(authorityId).map(StazioneAppaltante::regione).orElse(null);
    }

    @Override
    public boolean currentUserMayVerify() {
        return CurrentUser.find().map(PlatformUser::isAdministrator).orElse(false);
    }

    @Override
    public String chainLabel(long chainId) {
        return chainId == 0 ? "Piattaforma"
                : directory.find(chainId).map(StazioneAppaltante::denominazione).orElse("Ente " + chainId);
    }
}
