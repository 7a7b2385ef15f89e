package it.openesecuzione.identity;

import java.util.Objects;
import java.util.Set;

/**
 * How a user proved who they are when they logged in, in the terms ANAC's tracking token uses
 * ({@code userLoa}, {@code userIdpType}): the platform records it with every event the user
 * records, so that the scheda reaches PCP stating the login of the person who acted, not of
 * whoever happens to send it.
 *
 * @param levelOfAssurance "3" or "4", the only levels PCP accepts (SPID/CIE level 2 is LoA 3, level 3 LoA 4)
 * @param provider         the kind of identity provider; CUSTOM is the platform's own login
 */
public record IdentityAssurance(String levelOfAssurance, IdentityProvider provider) implements java.io.Serializable {

    private static final Set<String> LEVELS = Set.of("3", "4");

    /** A platform credential (local password, personal API token): the platform vouches for it at level 3. */
    public static final IdentityAssurance PLATFORM_ACCOUNT = new IdentityAssurance("3", IdentityProvider.CUSTOM);

    public IdentityAssurance {
        Objects.requireNonNull(provider, "provider");
        if (!LEVELS.contains(levelOfAssurance)) {
            throw new IllegalArgumentException("Livello di garanzia \"" + levelOfAssurance + "\" non ammesso da PCP: 3 o 4");
        }
    }

    /** As stored with an event; null when the event predates the recording of the login (or was recorded by the system). */
    public static IdentityAssurance stored(String levelOfAssurance, String provider) {
        if (levelOfAssurance == null || provider == null) {
            return null;
        }
        return new IdentityAssurance(levelOfAssurance, IdentityProvider.valueOf(provider));
    }

    /** ANAC's {@code userIdpType} values. */
    public enum IdentityProvider {
        SPID, CIE, CNS, EIDAS,
        /** A login system internal to the certified platform. */
        CUSTOM
    }
}
