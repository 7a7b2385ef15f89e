package it.openesecuzione.identity;

import it.openesecuzione.platform.DatabaseScope;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An authenticated person and what they may do: roles per stazione appaltante, or read-only
 * oversight of a region (osservatorio), or platform administration.
 */
public record PlatformUser(long id, String username, String codiceFiscale, String nome, String cognome,
        String email, Map<Long, Set<Role>> rolesByAuthority, String observatoryRegion, boolean platformAdmin)
        implements Serializable {

    public PlatformUser {
        Map<Long, Set<Role>> copy = new LinkedHashMap<>();
        rolesByAuthority.forEach((authority, roles) -> copy.put(authority, Set.copyOf(roles)));
        rolesByAuthority = java.util.Collections.unmodifiableMap(copy);
    }

    public String displayName() {
        return nome + " " + cognome;
    }

    /** The authority the user works in by default (the first one assigned). */
    public Optional<Long> primaryAuthority() {
        return rolesByAuthority.keySet().stream().findFirst();
    }

    public Set<Role> rolesIn(long authorityId) {
        return rolesByAuthority.getOrDefault(authorityId, Set.of());
    }

    public boolean hasRoleIn(long authorityId, Role role) {
        return rolesIn(authorityId).contains(role);
    }

    public boolean isObserver() {
        return observatoryRegion != null;
    }

    /** Every role held anywhere, including the platform-wide ones. */
    public Set<Role> allRoles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        rolesByAuthority.values().forEach(roles::addAll);
        if (isObserver()) {
            roles.add(Role.OSSERVATORIO);
        }
        if (platformAdmin) {
            roles.add(Role.PLATFORM_ADMIN);
        }
        return roles;
    }

    /** An administrator of some authority, or of the platform. */
    public boolean isAdministrator() {
        return platformAdmin || rolesByAuthority.values().stream().anyMatch(roles -> roles.contains(Role.AMMINISTRATORE));
    }

    /** May this user change data of that authority? Observers never may. */
    public boolean canWrite(long authorityId) {
        return rolesByAuthority.containsKey(authorityId);
    }

    /** May this user read data of that authority, which lies in that region? */
    public boolean canRead(long authorityId, String region) {
        return platformAdmin || canWrite(authorityId) || (observatoryRegion != null && observatoryRegion.equals(region));
    }

    /** The row-level-security scope of this user's transactions. */
    public DatabaseScope databaseScope() {
        if (platformAdmin) {
            return DatabaseScope.SYSTEM;
        }
        return new DatabaseScope(false, rolesByAuthority.keySet(), observatoryRegion);
    }
}
