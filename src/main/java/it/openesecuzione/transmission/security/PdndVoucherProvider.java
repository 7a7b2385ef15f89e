package it.openesecuzione.transmission.security;

import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Obtains PDND vouchers (pcp-interfaces.md §5.3): a client assertion signed RS256 with the PDND
 * client's key (header {@code kid, alg, typ}; claims {@code iss}, {@code sub} = client id,
 * {@code aud}, {@code purposeId}, {@code jti}, {@code iat}, {@code exp} and optionally
 * {@code digest}, nothing else, no {@code nbf}: PDND rejects other claims), POSTed to the token
 * endpoint with the {@code client_credentials} grant.
 *
 * <p><b>Digest binding versus caching.</b> With {@code openesecuzione.pcp.bind-tracking-digest}
 * (the default) the assertion carries {@code digest = {alg: SHA256, value: hex SHA-256 of the
 * tracking token}}, and PDND copies it into the voucher: the voucher then vouches for that one
 * tracking token, which is single-use and lives 10 s, so a voucher is requested for every PCP
 * call and never cached (a PDND round trip per call). ANAC has never said whether it checks the
 * binding (npa#355); PDND's "informazioni aggiuntive" pattern and third-party PCP clients use it,
 * hence the default. With the flag off, a voucher is cached per (environment, client id, purpose)
 * and reused until {@code voucher-refresh-margin} before it expires.
 *
 * <p>The cache lives in each node's memory: a voucher is just a bearer token, PDND issues as many
 * as asked for the same client and purpose and they stay valid side by side, so nodes need not
 * share one; the cost is one token request per node per voucher lifetime (minutes). Keeping it out
 * of the database also keeps a live credential out of backups. Within a node one lock per cache
 * entry makes concurrent callers wait for a single request instead of each sending one.
 */
public final class PdndVoucherProvider {

    static final String CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final int MAX_ERROR_DETAIL = 300;
    private static final Logger log = LoggerFactory.getLogger(PdndVoucherProvider.class);

    private final PcpProperties properties;
    private final PcpEndpoints endpoints;
    private final PcpCredentials credentials;
    private final HttpClient http;
    private final Clock clock;
    private final ConcurrentMap<CacheKey, CacheEntry> cache = new ConcurrentHashMap<>();

    public PdndVoucherProvider(PcpProperties properties, PcpEndpoints endpoints, PcpCredentials credentials,
            HttpClient http, Clock clock) {
        this.properties = properties;
        this.endpoints = endpoints;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
    }

    /**
     * The voucher for a call to {@code context} on behalf of the authority {@code codiceAusa}
     * (through its own PDND client if it has one): bound to {@code trackingToken} when the binding
     * is on, otherwise the cached one while it is fresh ({@code trackingToken} is then unused and
     * may be null).
     *
     * @throws PdndVoucherException      PDND did not issue one
     * @throws PcpConfigurationException no purpose is configured for the context
     */
    public Voucher voucher(PcpContext context, String codiceAusa, TrackingToken trackingToken) {
        PdndCredentials client = credentials.forAuthority(codiceAusa);
        String purposeId = client.purposeId(context);
        if (properties.bindTrackingDigest()) {
            Objects.requireNonNull(trackingToken, "con bind-tracking-digest serve il tracking token");
            return request(client, purposeId, trackingToken.sha256Hex());
        }
        CacheKey key = new CacheKey(endpoints.environment(), client.clientId(), purposeId);
        return cache.computeIfAbsent(key, k -> new CacheEntry()).get(() -> request(client, purposeId, null));
    }

    /** Whether each voucher is bound to one tracking token (then there is no cache). */
    public boolean bindsTrackingDigest() {
        return properties.bindTrackingDigest();
    }

    /**
     * Drops a cached voucher that PCP refused (e.g. 401 after a revocation), so that the next call
     * asks for a new one. Does nothing if the cache already holds another.
     */
    public void discard(Voucher voucher) {
        CacheEntry entry = cache.get(new CacheKey(endpoints.environment(), voucher.clientId(), voucher.purposeId()));
        if (entry != null) {
            entry.discard(voucher);
        }
    }

    /** The signed client assertion; {@code digest} is the hex SHA-256 to bind, or null. */
    String clientAssertion(PdndCredentials client, String purposeId, String digest, Instant now) {
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(client.clientId())
                .subject(client.clientId())
                .audience(endpoints.tokenAudience())
                .claim("purposeId", purposeId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(properties.clientAssertionValidity())));
        if (digest != null) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("alg", "SHA256");
            value.put("value", digest);
            claims.claim("digest", value);
        }
        return client.key().sign(claims.build());
    }

    private Voucher request(PdndCredentials client, String purposeId, String digest) {
        Instant now = clock.instant();
        String assertion = clientAssertion(client, purposeId, digest, now);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", client.clientId());
        form.put("client_assertion", assertion);
        form.put("client_assertion_type", CLIENT_ASSERTION_TYPE);
        form.put("grant_type", "client_credentials");
        HttpRequest request = HttpRequest.newBuilder(endpoints.tokenEndpoint())
                .timeout(properties.tokenRequestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PdndVoucherException("PDND non raggiungibile (" + endpoints.tokenEndpoint() + "): "
                    + e.getClass().getSimpleName(), 0, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PdndVoucherException("Richiesta del voucher PDND interrotta", 0, true, e);
        }
        if (response.statusCode() != 200) {
            int status = response.statusCode();
            throw new PdndVoucherException("PDND ha rifiutato la richiesta del voucher (HTTP " + status + ", client "
                    + client.clientId() + ", finalità " + purposeId + "): "
                    + excerpt(response.body(), assertion), status, status == 429 || status >= 500, null);
        }
        Voucher voucher = parse(response.body(), now, client, purposeId, digest);
        log.debug("Voucher PDND ottenuto: client {}, finalità {}, scade {}", client.clientId(), purposeId,
                voucher.expiresAt());
        return voucher;
    }

    /** Reads {access_token, expires_in}. The body of a 200 holds the voucher: it never goes into a message. */
    private static Voucher parse(String body, Instant obtainedAt, PdndCredentials client, String purposeId,
            String digest) {
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(body);
        } catch (JacksonException e) {
            throw new PdndVoucherException("Risposta del token endpoint PDND non in JSON", 200, false, null);
        }
        String accessToken = json.path("access_token").asString("");
        long expiresIn = json.path("expires_in").asLong(0);
        if (accessToken.isBlank() || expiresIn <= 0) {
            throw new PdndVoucherException("Risposta del token endpoint PDND senza access_token o expires_in", 200,
                    false, null);
        }
        return new Voucher(accessToken, obtainedAt, obtainedAt.plusSeconds(expiresIn), client.clientId(), purposeId,
                digest);
    }

    /** PDND's error body, shortened and on one line, with the assertion cut out should it be echoed. */
    private static String excerpt(String body, String assertion) {
        if (body == null || body.isBlank()) {
            return "nessun dettaglio";
        }
        String text = body.replace(assertion, "[client_assertion]").replaceAll("\\s+", " ").trim();
        return text.length() <= MAX_ERROR_DETAIL ? text : text.substring(0, MAX_ERROR_DETAIL) + "…";
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** When to replace a voucher: the margin before expiry, but no later than half its life. */
    private Instant refreshAt(Voucher voucher) {
        Duration life = Duration.between(voucher.obtainedAt(), voucher.expiresAt());
        Duration margin = properties.voucherRefreshMargin();
        Duration half = life.dividedBy(2);
        return voucher.expiresAt().minus(margin.compareTo(half) < 0 ? margin : half);
    }

    private record CacheKey(PcpEnvironment environment, String clientId, String purposeId) {
    }

    /** One cached voucher and the lock that lets a single caller refresh it. */
    private final class CacheEntry {

        private final ReentrantLock lock = new ReentrantLock();
        private volatile Voucher current;

        Voucher get(Supplier<Voucher> fetch) {
            Voucher cached = current;
            if (isFresh(cached)) {
                return cached;
            }
            lock.lock();
            try {
                cached = current;
                if (isFresh(cached)) {
                    return cached;
                }
                current = fetch.get();
                return current;
            } finally {
                lock.unlock();
            }
        }

        void discard(Voucher voucher) {
            lock.lock();
            try {
                if (current != null && current.accessToken().equals(voucher.accessToken())) {
                    current = null;
                }
            } finally {
                lock.unlock();
            }
        }

        private boolean isFresh(Voucher voucher) {
            return voucher != null && clock.instant().isBefore(refreshAt(voucher));
        }
    }
}
