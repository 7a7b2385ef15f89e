package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.PlatformUser;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Spring Security authorities of a platform user: one ROLE_x per role held anywhere. */
final class Authorities {

    private Authorities() {
    }

    static List<GrantedAuthority> of(PlatformUser user) {
        return user.allRoles().stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name()))
                .toList();
    }
}
