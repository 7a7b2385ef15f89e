package it.openesecuzione.transmission.security;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Who calls PCP and about what, as the tracking token states it (pcp-interfaces.md §5.2).
 *
 * @param userCodiceFiscale codice fiscale of the acting user (the RUP or a delegate)
 * @param userRole          RP for the RUP, DRP for any delegate (DRP1-3 alike)
 * @param userLoa           level of assurance of the user's login
 * @param userIdpType       identity provider of the user's login
 * @param codiceAusa        AUSA code of the authority the user acts for (10 digits)
 * @param codiceFiscaleSa   codice fiscale of that authority; null for subjects without legal personality
 * @param idAppalto         the appalto ({@code businessFlowID}); {@link #NO_APPALTO} for calls tied to none
 * @param traceId           unique per HTTP request ({@code traceID})
 * @param spanId            one per user action, shared by the calls it causes ({@code spanID})
 */
public record TrackingRequest(String userCodiceFiscale, UserRole userRole, LevelOfAssurance userLoa,
        IdpType userIdpType, String codiceAusa, String codiceFiscaleSa, UUID idAppalto, String traceId,
        String spanId) {

    /** ANAC's {@code businessFlowID} for the first transaction, and our choice for calls tied to no appalto. */
    public static final UUID NO_APPALTO = new UUID(0L, 0L);

    public TrackingRequest {
        userCodiceFiscale = required(userCodiceFiscale, "userCodiceFiscale").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(userRole, "userRole");
        Objects.requireNonNull(userLoa, "userLoa");
        Objects.requireNonNull(userIdpType, "userIdpType");
        codiceAusa = required(codiceAusa, "codiceAusa");
        if (!codiceAusa.matches("\\d{10}")) {
            throw new IllegalArgumentException("Codice AUSA \"" + codiceAusa + "\" non valido: servono 10 cifre");
        }
        codiceFiscaleSa = codiceFiscaleSa == null || codiceFiscaleSa.isBlank() ? null
                : codiceFiscaleSa.trim().toUpperCase(Locale.ROOT);
        Objects.requireNonNull(idAppalto, "idAppalto (NO_APPALTO se la chiamata non riguarda un appalto)");
        traceId = required(traceId, "traceId");
        spanId = required(spanId, "spanId");
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " è obbligatorio nel tracking token");
        }
        return value.trim();
    }

    /** {@code userRole}: ANAC knows only these two; delegates DRP1, DRP2 and DRP3 are all DRP. */
    public enum UserRole {
        /** Responsabile del progetto (the RUP). */
        RP,
        /** Delegato del responsabile del progetto. */
        DRP
    }

    /** {@code userLoa}: a string, "3" or "4" (SPID level 2 is usually LoA 3, level 3 LoA 4). */
    public enum LevelOfAssurance {
        LOA3("3"),
        LOA4("4");

        private final String claim;

        LevelOfAssurance(String claim) {
            this.claim = claim;
        }

        /** The value as the claim carries it. */
        public String claim() {
            return claim;
        }
    }

    /** {@code userIdpType}; CUSTOM is a login system internal to the certified platform. */
    public enum IdpType {
        SPID, CIE, CNS, EIDAS, CUSTOM
    }
}
