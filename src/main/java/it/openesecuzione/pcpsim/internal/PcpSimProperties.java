package it.openesecuzione.pcpsim.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the local PCP simulator ({@code openesecuzione.pcp-sim.*}).
 *
 * @param enabled                whether this application serves the simulator (default true)
 * @param basePath               where: {@code /pcp-sim} by default
 * @param anacDir                ANAC's material ({@code ../shared/anac-npa}); absent: no schema, DMN or code-list
 *                               checks, ordering from the platform's own table
 * @param confirmationDelay      how long conferma, verifica and rollback stay WT before they are evaluated (200 ms)
 * @param voucherLifetime        {@code expires_in} of the vouchers of the token endpoint (600 s, as PDND)
 * @param trackingMaxAge         the longest life of a tracking token, {@code exp - iat} and {@code now - iat} (10 s, ANAC)
 * @param clockSkew              tolerance on every time check (5 s)
 * @param assertionAudiences     accepted {@code aud} of the client assertions; empty: any non-empty value
 * @param clientKeys             public keys of the PDND clients by {@code kid}: PEM text, the path of a PEM file or
 *                               {@code classpath:…}; a token signed with a known key (these, or those of a
 *                               {@link it.openesecuzione.pcpsim.PcpSimulatorTrust} bean) must verify
 * @param acceptUnknownKeys      accept tokens whose {@code kid} names no known key on their structure and claims
 *                               alone; default: true when no key is configured, false otherwise
 * @param purposes               purposeId → the context it is valid for; empty: any purposeId for any context
 * @param requireDigest          refuse vouchers without the tracking token's {@code digest}
 * @param rollbackOncePerAppalto one rollback per appalto (ERR144), as some ANAC answers say
 * @param controlEnabled         serve {@code <basePath>/_control/faults} to change faults at run time
 * @param faults                 the faults injected from the start (and after a reset)
 * @param rateLimit              per-client budget; limit 0: none
 */
@ConfigurationProperties("openesecuzione.pcp-sim")
public record PcpSimProperties(Boolean enabled, String basePath, String anacDir, Duration confirmationDelay,
        Duration voucherLifetime, Duration trackingMaxAge, Duration clockSkew, List<String> assertionAudiences,
        Map<String, String> clientKeys, Boolean acceptUnknownKeys, Map<String, String> purposes, boolean requireDigest,
        boolean rollbackOncePerAppalto, boolean controlEnabled, Faults faults, RateLimit rateLimit) {

    public PcpSimProperties {
        enabled = enabled == null || enabled;
        basePath = normalise(basePath == null || basePath.isBlank() ? "/pcp-sim" : basePath);
        anacDir = anacDir == null || anacDir.isBlank() ? null : anacDir.trim();
        confirmationDelay = confirmationDelay == null ? Duration.ofMillis(200) : confirmationDelay;
        voucherLifetime = voucherLifetime == null ? Duration.ofSeconds(600) : voucherLifetime;
        trackingMaxAge = trackingMaxAge == null ? Duration.ofSeconds(10) : trackingMaxAge;
        clockSkew = clockSkew == null ? Duration.ofSeconds(5) : clockSkew;
        assertionAudiences = assertionAudiences == null ? List.of() : List.copyOf(assertionAudiences);
        clientKeys = clientKeys == null ? Map.of() : Map.copyOf(clientKeys);
        acceptUnknownKeys = acceptUnknownKeys == null ? clientKeys.isEmpty() : acceptUnknownKeys;
        purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
        faults = faults == null ? Faults.NONE : faults;
        rateLimit = rateLimit == null ? new RateLimit(0, null) : rateLimit;
    }

    /** The ANAC folder as a path (relative paths from the working directory), or null. */
    public Path anacFolder() {
        return anacDir == null ? null : Path.of(anacDir);
    }

    private static String normalise(String path) {
        String withSlash = path.startsWith("/") ? path : "/" + path;
        return withSlash.endsWith("/") ? withSlash.substring(0, withSlash.length() - 1) : withSlash;
    }

    /**
     * Faults injected into the service calls ({@code <basePath>/modi/rest/**}), each drawn
     * independently per request, in this order: dropped connection, 429, 500, then the delay.
     *
     * @param rate429           probability (0–1) of a 429 with {@code Retry-After} and {@code X-RateLimit-*}
     * @param retryAfterSeconds the {@code Retry-After} of those 429s
     * @param rate500           probability of a 500 with PCP's {@code ErrorResponse} (ERR9999)
     * @param delayMs           delay added to every answer (slow answers)
     * @param dropRate          probability that the connection is closed with no answer at all
     */
    public record Faults(double rate429, int retryAfterSeconds, double rate500, long delayMs, double dropRate) {

        public static final Faults NONE = new Faults(0, 0, 0, 0, 0);

        public Faults {
            rate429 = probability(rate429, "rate429");
            rate500 = probability(rate500, "rate500");
            dropRate = probability(dropRate, "dropRate");
            retryAfterSeconds = retryAfterSeconds <= 0 ? 5 : retryAfterSeconds;
            if (delayMs < 0 || delayMs > 120_000) {
                throw new IllegalArgumentException("delayMs deve essere compreso tra 0 e 120000");
            }
        }

        private static double probability(double value, String name) {
            if (value < 0 || value > 1 || Double.isNaN(value)) {
                throw new IllegalArgumentException(name + " deve essere una probabilità tra 0 e 1");
            }
            return value;
        }

        public boolean none() {
            return rate429 == 0 && rate500 == 0 && delayMs == 0 && dropRate == 0;
        }
    }

    /**
     * A fixed-window budget of service calls per PDND client: beyond {@code limit} calls in a
     * {@code window}, 429 {@code TooManyRequests} until the window ends.
     */
    public record RateLimit(int limit, Duration window) {

        public RateLimit {
            window = window == null ? Duration.ofMinutes(1) : window;
        }
    }
}
