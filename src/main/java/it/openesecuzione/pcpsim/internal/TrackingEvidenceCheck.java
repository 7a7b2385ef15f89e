package it.openesecuzione.pcpsim.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks ANAC's gateway makes on {@code Agid-JWT-TrackingEvidence} (pcp-interfaces.md §5.2,
 * §5.5): a compact RS256 JWS (signature verified when its key is known), every required claim,
 * {@code nbf}/{@code exp}, at most {@code tracking-max-age} (10 s) of life and of age, {@code aud}
 * naming the called e-service ({@code …/modi/rest/<Context>/v<N>}), the enumerations of
 * {@code userRole}, {@code userLoa}, {@code userIdpType}, and a {@code jti} never seen before.
 */
public final class TrackingEvidenceCheck {

    public static final String HEADER = "Agid-JWT-TrackingEvidence";

    static final List<String> REQUIRED = List.of("iat", "nbf", "exp", "jti", "aud", "userCodiceFiscale", "userRole",
            "userLoa", "userIdpType", "SAcodiceAUSA", "regCodicePiattaforma", "regCodiceComponente", "businessFlowID",
            "traceID", "spanID");
    private static final Set<String> ROLES = Set.of("RP", "DRP");
    private static final Set<String> LOA = Set.of("3", "4");
    private static final Set<String> IDP = Set.of("SPID", "CIE", "CNS", "EIDAS", "CUSTOM");

    private final ClientKeys keys;
    private final Jtis jtis;
    private final Duration maxAge;
    private final Duration skew;

    public TrackingEvidenceCheck(ClientKeys keys, Jtis jtis, PcpSimProperties properties) {
        this.keys = keys;
        this.jtis = jtis;
        this.maxAge = properties.trackingMaxAge();
        this.skew = properties.clockSkew();
    }

    /**
     * Why the token is refused, or empty when it is accepted (its jti is then spent).
     *
     * @param servicePath the called e-service, {@code /modi/rest/<Context>/v<N>}, which {@code aud} must end with
     */
    public Optional<String> problem(String compact, String servicePath, Instant now) {
        if (compact == null || compact.isBlank()) {
            return Optional.of("Header HTTP '" + HEADER + "' non presente");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(compact.trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.of(HEADER + " non è un JWS compatto valido (da non ricodificare in base64): " + e.getMessage());
        }
        Map<String, Object> values = claims.getClaims();
        List<String> missing = REQUIRED.stream().filter(name -> values.get(name) == null).toList();
        if (!missing.isEmpty()) {
            return Optional.of(HEADER + ": claim obbligatori assenti " + missing);
        }
        for (String name : List.of("iat", "nbf", "exp")) {
            if (!(values.get(name) instanceof java.util.Date)) {
                return Optional.of(HEADER + ": " + name + " deve essere un numero (secondi)");
            }
        }
        Instant iat = claims.getIssueTime().toInstant();
        Instant nbf = claims.getNotBeforeTime().toInstant();
        Instant exp = claims.getExpirationTime().toInstant();
        if (nbf.isAfter(now.plus(skew)) || iat.isAfter(now.plus(skew))) {
            return Optional.of(HEADER + " non ancora valido (nbf/iat nel futuro)");
        }
        if (!exp.isAfter(now.minus(skew))) {
            return Optional.of(HEADER + " scaduto");
        }
        if (Duration.between(iat, exp).compareTo(maxAge) > 0) {
            return Optional.of(HEADER + ": durata massima " + maxAge.toSeconds() + " s (exp - iat)");
        }
        if (Duration.between(iat, now).compareTo(maxAge.plus(skew)) > 0) {
            return Optional.of(HEADER + " emesso da più di " + maxAge.toSeconds() + " s (iat)");
        }
        List<String> audience = claims.getAudience();
        if (audience.stream().noneMatch(aud -> stripSlash(aud).endsWith(servicePath))) {
            return Optional.of(HEADER + ": aud " + audience + " non è l'e-service chiamato (…" + servicePath + ")");
        }
        if (!ROLES.contains(String.valueOf(values.get("userRole")))) {
            return Optional.of(HEADER + ": userRole deve essere RP o DRP");
        }
        if (!(values.get("userLoa") instanceof String loa) || !LOA.contains(loa)) {
            return Optional.of(HEADER + ": userLoa deve essere la stringa \"3\" o \"4\"");
        }
        if (!IDP.contains(String.valueOf(values.get("userIdpType")))) {
            return Optional.of(HEADER + ": userIdpType deve essere uno tra " + IDP);
        }
        ClientKeys.Outcome signature = keys.check(jwt);
        if (signature == ClientKeys.Outcome.INVALID) {
            return Optional.of(HEADER + ": firma non valida (RS256, kid " + jwt.getHeader().getKeyID() + ")");
        }
        if (!jtis.firstUse("tracking", claims.getJWTID(), exp.plus(skew), now)) {
            return Optional.of(HEADER + ": jti già usato " + claims.getJWTID());
        }
        return Optional.empty();
    }

    /** The user claims of an accepted token: userCodiceFiscale, userRole, userLoa, userIdpType. */
    public static Map<String, String> user(String compact) {
        try {
            Map<String, Object> claims = SignedJWT.parse(compact.trim()).getJWTClaimsSet().getClaims();
            Map<String, String> user = new java.util.LinkedHashMap<>();
            for (String name : List.of("userCodiceFiscale", "userRole", "userLoa", "userIdpType")) {
                user.put(name, String.valueOf(claims.get(name)));
            }
            return user;
        } catch (ParseException e) {
            throw new IllegalArgumentException("Tracking token non leggibile", e);
        }
    }

    private static String stripSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
