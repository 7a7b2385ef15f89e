package it.openesecuzione.transmission.security;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this installation talks to PCP ({@code openesecuzione.pcp.*}): the environment, the PDND
 * client that obtains the vouchers (client id, key id, private key, one purpose per context), the
 * platform's codes in ANAC's registry, and per-authority PDND clients. See docs/operations.md,
 * "PCP credentials". Private keys are never in these properties, only where to read them.
 *
 * @param environment             where to send: QUALIFICAZIONE, ATTESTAZIONE, ESERCIZIO or SIMULATOR (default)
 * @param environments            per-environment overrides of the default URLs ({@link PcpEnvironment})
 * @param versions                version of each context's e-service, defaults in {@link PcpContext}
 * @param clientId                the platform's PDND client id; {@code iss}/{@code sub} of the client assertion
 * @param kid                     id of the public key uploaded to that PDND client
 * @param key                     where the matching private key is
 * @param purposeIds              the PDND purpose of each context (each context is its own e-service)
 * @param codicePiattaforma       {@code regCodicePiattaforma}, assigned by ANAC's registry of platforms
 * @param codiceComponente        {@code regCodiceComponente}, assigned likewise
 * @param bindTrackingDigest      whether the client assertion carries the SHA-256 of the tracking token
 *                                (then one voucher per call, no cache); default true, see {@link PdndVoucherProvider}
 * @param trackingTokenValidity   {@code exp - iat} of the tracking token; ANAC accepts at most 10 s (default 10 s)
 * @param clientAssertionValidity {@code exp - iat} of the client assertion (default 2 min)
 * @param voucherRefreshMargin    a cached voucher is replaced this long before it expires (default 60 s)
 * @param tokenRequestTimeout     connect and response timeout of the PDND token request (default 5 s:
 *                                with the digest binding the tracking token must still be valid afterwards)
 * @param authorities             by AUSA code: an authority that uses its own PDND client
 */
@ConfigurationProperties("openesecuzione.pcp")
public record PcpProperties(
        PcpEnvironment environment,
        Map<PcpEnvironment, Endpoints> environments,
        Map<PcpContext, Integer> versions,
        String clientId,
        String kid,
        KeyLocation key,
        Map<PcpContext, String> purposeIds,
        String codicePiattaforma,
        String codiceComponente,
        Boolean bindTrackingDigest,
        Duration trackingTokenValidity,
        Duration clientAssertionValidity,
        Duration voucherRefreshMargin,
        Duration tokenRequestTimeout,
        Map<String, AuthorityClient> authorities) {

    /** ANAC checks "durata massima del token fissata a 10 secondi" (pcp-interfaces.md §5.5). */
    public static final Duration MAX_TRACKING_TOKEN_VALIDITY = Duration.ofSeconds(10);

    public PcpProperties {
        environment = environment == null ? PcpEnvironment.SIMULATOR : environment;
        Map<PcpEnvironment, Endpoints> mergedEnvironments = new EnumMap<>(PcpEnvironment.class);
        for (PcpEnvironment each : PcpEnvironment.values()) {
            Endpoints override = environments == null ? null : environments.get(each);
            mergedEnvironments.put(each, Endpoints.defaultsOf(each).overriddenBy(override));
        }
        environments = Map.copyOf(mergedEnvironments);
        Map<PcpContext, Integer> mergedVersions = new EnumMap<>(PcpContext.class);
        for (PcpContext each : PcpContext.values()) {
            Integer override = versions == null ? null : versions.get(each);
            if (override != null && override < 1) {
                throw new IllegalArgumentException("openesecuzione.pcp.versions." + each.segment()
                        + " deve essere un numero di versione positivo, non " + override);
            }
            mergedVersions.put(each, override == null ? each.defaultVersion() : override);
        }
        versions = Map.copyOf(mergedVersions);
        clientId = blankToNull(clientId);
        kid = blankToNull(kid);
        key = key == null ? KeyLocation.NONE : key;
        purposeIds = purposesOf(purposeIds);
        codicePiattaforma = blankToNull(codicePiattaforma);
        codiceComponente = blankToNull(codiceComponente);
        bindTrackingDigest = bindTrackingDigest == null || bindTrackingDigest;
        trackingTokenValidity = trackingTokenValidity == null ? MAX_TRACKING_TOKEN_VALIDITY : trackingTokenValidity;
        if (trackingTokenValidity.isNegative() || trackingTokenValidity.isZero()
                || trackingTokenValidity.compareTo(MAX_TRACKING_TOKEN_VALIDITY) > 0) {
            throw new IllegalArgumentException("openesecuzione.pcp.tracking-token-validity deve essere tra 1 e 10"
                    + " secondi (ANAC rifiuta token più lunghi), non " + trackingTokenValidity.toSeconds() + " s");
        }
        clientAssertionValidity = positiveOr(clientAssertionValidity, Duration.ofMinutes(2),
                "client-assertion-validity");
        voucherRefreshMargin = voucherRefreshMargin == null ? Duration.ofSeconds(60) : voucherRefreshMargin;
        if (voucherRefreshMargin.isNegative()) {
            throw new IllegalArgumentException("openesecuzione.pcp.voucher-refresh-margin non può essere negativo");
        }
        tokenRequestTimeout = positiveOr(tokenRequestTimeout, Duration.ofSeconds(5), "token-request-timeout");
        Map<String, AuthorityClient> byAusa = new LinkedHashMap<>();
        if (authorities != null) {
            authorities.forEach((ausa, client) -> byAusa.put(ausa.trim(), client));
        }
        authorities = Map.copyOf(byAusa);
    }

    /** The URLs of the selected environment, as configured (placeholders not yet resolved). */
    public Endpoints endpoints() {
        return environments.get(environment);
    }

    /** The installation's PDND client, as configured. */
    AuthorityClient installationClient() {
        return new AuthorityClient(clientId, kid, key, purposeIds);
    }

    private static Map<PcpContext, String> purposesOf(Map<PcpContext, String> configured) {
        Map<PcpContext, String> purposes = new EnumMap<>(PcpContext.class);
        if (configured != null) {
            configured.forEach((context, purpose) -> {
                if (blankToNull(purpose) != null) {
                    purposes.put(context, purpose.trim());
                }
            });
        }
        return Map.copyOf(purposes);
    }

    private static Duration positiveOr(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("openesecuzione.pcp." + name + " deve essere positivo");
        }
        return value;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The URLs of one environment.
     *
     * @param baseUrl       PCP gateway, without {@code /modi/rest}
     * @param tokenEndpoint PDND token endpoint
     * @param tokenAudience {@code aud} of the client assertion
     */
    public record Endpoints(String baseUrl, String tokenEndpoint, String tokenAudience) {

        static Endpoints defaultsOf(PcpEnvironment environment) {
            return new Endpoints(environment.defaultBaseUrl(), environment.defaultTokenEndpoint(),
                    environment.defaultTokenAudience());
        }

        Endpoints overriddenBy(Endpoints override) {
            if (override == null) {
                return this;
            }
            return new Endpoints(
                    firstNonBlank(override.baseUrl(), baseUrl),
                    firstNonBlank(override.tokenEndpoint(), tokenEndpoint),
                    firstNonBlank(override.tokenAudience(), tokenAudience));
        }

        private static String firstNonBlank(String preferred, String fallback) {
            String value = blankToNull(preferred);
            return value == null ? fallback : value;
        }
    }

    /**
     * Where a private key is: a PEM file (PKCS#8 or PKCS#1, optionally encrypted) or a keystore
     * (PKCS#12 by default) with the entry's alias. The password comes from an environment variable
     * (e.g. {@code OPENESECUZIONE_PCP_KEY_PASSWORD}), never from a file in the repository.
     *
     * @param pemFile      path of a PEM file with the RSA private key
     * @param keystoreFile path of a keystore with the private key and its certificate
     * @param keystoreType PKCS12 (default) or another type the JVM knows
     * @param alias        entry in the keystore; may be omitted when it holds a single key
     * @param password     of the keystore and its entry, or of an encrypted PEM
     */
    public record KeyLocation(String pemFile, String keystoreFile, String keystoreType, String alias, String password) {

        static final KeyLocation NONE = new KeyLocation(null, null, null, null, null);

        public KeyLocation {
            pemFile = blankToNull(pemFile);
            keystoreFile = blankToNull(keystoreFile);
            keystoreType = keystoreType == null || keystoreType.isBlank() ? "PKCS12" : keystoreType.trim();
            alias = blankToNull(alias);
            if (pemFile != null && keystoreFile != null) {
                throw new IllegalArgumentException("Indicare la chiave privata PCP come file PEM (pem-file) oppure come"
                        + " keystore (keystore-file), non entrambi");
            }
        }

        public boolean isConfigured() {
            return pemFile != null || keystoreFile != null;
        }

        /** Where the key is, for logs and messages: never the password, never the key. */
        public String describe() {
            if (pemFile != null) {
                return "PEM " + pemFile;
            }
            if (keystoreFile != null) {
                return keystoreType + " " + keystoreFile + (alias == null ? "" : " (alias " + alias + ")");
            }
            return "nessuna";
        }

        @Override
        public String toString() {
            return "KeyLocation[pemFile=" + pemFile + ", keystoreFile=" + keystoreFile + ", keystoreType="
                    + keystoreType + ", alias=" + alias + ", password=" + (password == null ? "null" : "******") + "]";
        }
    }

    /**
     * A PDND client: the installation's, or an authority's own. An authority that has its own
     * client states all of it (client id, kid, key and purposes): a purpose belongs to the PDND
     * consumer that registered it, so nothing falls back to the installation's client.
     */
    public record AuthorityClient(String clientId, String kid, KeyLocation key, Map<PcpContext, String> purposeIds) {

        public AuthorityClient {
            clientId = blankToNull(clientId);
            kid = blankToNull(kid);
            key = key == null ? KeyLocation.NONE : key;
            purposeIds = purposesOf(purposeIds);
        }
    }
}
