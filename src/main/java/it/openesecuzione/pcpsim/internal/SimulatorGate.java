package it.openesecuzione.pcpsim.internal;

import it.openesecuzione.pcpsim.internal.PcpSimProperties.Faults;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What ANAC's GovWay gateway does before PCP sees a call to {@code <base>/modi/rest/<Context>/v<N>/<op>}:
 * refuses operations the context does not have (404), injects the configured faults (a dropped
 * connection, 429, 500, a delay), checks the PDND voucher (401, 403) and the tracking token (400
 * {@code InteroperabilityInvalidRequest}), counts the client's budget ({@code X-RateLimit-*}), and
 * stamps {@code GovWay-Transaction-ID} / {@code GovWay-Message-ID} on the answer.
 */
public final class SimulatorGate extends OncePerRequestFilter {

    /** Request attribute asking {@link DroppedConnectionValve} to close the connection without an answer. */
    public static final String DROP = SimulatorGate.class.getName() + ".DROP";
    /** Request attribute holding the PDND client id of the voucher. */
    public static final String CLIENT = SimulatorGate.class.getName() + ".CLIENT";
    /** Request attribute: the user claims of the accepted tracking token ({@link TrackingEvidenceCheck#user}). */
    public static final String USER = "it.openesecuzione.pcpsim.internal.SimulatorGate.USER";

    private static final Logger log = LoggerFactory.getLogger(SimulatorGate.class);
    private static final Pattern SERVICE = Pattern.compile("/modi/rest/([^/]+)/v([0-9]+)/([^/]+)/?");

    /** The operations of each context and their method (pcp-interfaces.md §1.2, §2.1). */
    static final Map<String, Map<String, String>> OPERATIONS = Map.of(
            "ComunicaPostPubblicazione", Map.of("crea-scheda", "POST", "modifica-scheda", "POST", "cancella-scheda", "POST",
                    "verifica-scheda", "POST", "conferma-scheda", "POST", "ricerca-scheda", "GET", "consulta-scheda", "GET",
                    "status", "GET"),
            "ServiziComuni", Map.of("esito-operazione", "GET", "stato-appalto", "GET", "rollback-scheda", "POST",
                    "status", "GET"),
            "CodeList", Map.of("recupera-elenco-tipologiche", "GET", "recupera-tipologica", "GET",
                    "recupera-valore-tipologica", "GET", "status", "GET"));

    private final String basePath;
    private final FaultSettings faults;
    private final Vouchers vouchers;
    private final TrackingEvidenceCheck tracking;
    private final RateLimits rateLimits;
    private final Clock clock;
    private final boolean requireDigest;

    public SimulatorGate(PcpSimProperties properties, FaultSettings faults, Vouchers vouchers,
            TrackingEvidenceCheck tracking, RateLimits rateLimits, Clock clock) {
        this.basePath = properties.basePath();
        this.faults = faults;
        this.vouchers = vouchers;
        this.tracking = tracking;
        this.rateLimits = rateLimits;
        this.clock = clock;
        this.requireDigest = properties.requireDigest();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith(basePath + "/modi/rest/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String transaction = UUID.randomUUID().toString();
        response.setHeader("GovWay-Transaction-ID", transaction);
        response.setHeader("GovWay-Message-ID", UUID.randomUUID().toString());
        Matcher service = SERVICE.matcher(path(request).substring(basePath.length()));
        String expectedMethod = service.matches()
                ? OPERATIONS.getOrDefault(service.group(1), Map.of()).get(service.group(3)) : null;
        if (expectedMethod == null || !expectedMethod.equals(request.getMethod())) {
            PcpResponses.writeGovWay(response, 404, "OperationUndefined",
                    "Operation undefined in the API specification: " + request.getMethod() + " " + path(request));
            return;
        }
        String context = service.group(1);
        String servicePath = "/modi/rest/" + context + "/v" + service.group(2);

        Faults current = faults.current();
        switch (FaultSettings.draw(current)) {
            case DROP -> {
                log.info("Simulatore PCP: connessione chiusa senza risposta (guasto simulato) per {}", path(request));
                request.setAttribute(DROP, Boolean.TRUE);
                return;
            }
            case TOO_MANY_REQUESTS -> {
                tooManyRequests(response, current.retryAfterSeconds(), 100, current.retryAfterSeconds());
                return;
            }
            case INTERNAL_ERROR -> {
                PcpResponses.write(response, 500, PcpResponses.errorResponse(500, "errore generico",
                        List.of(new PcpError("ERR9999", "errore generico: guasto simulato"))), PcpResponses.PROBLEM_JSON);
                return;
            }
            case NONE -> { }
        }
        if (current.delayMs() > 0) {
            sleep(current.delayMs());
        }

        Instant now = clock.instant();
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            PcpResponses.writeGovWay(response, 401, "AuthenticationRequired",
                    "Authentication required: Authorization Bearer (voucher PDND) non presente");
            return;
        }
        Optional<Vouchers.Voucher> voucher = vouchers.find(authorization.substring(7).trim(), now);
        if (voucher.isEmpty()) {
            PcpResponses.writeGovWay(response, 401, "TokenAuthenticationFailed",
                    "Voucher non emesso dal simulatore o scaduto");
            return;
        }
        Optional<String> purposeContext = vouchers.contextOf(voucher.get().purposeId());
        if (purposeContext.isPresent() && !purposeContext.get().equals(context)) {
            PcpResponses.writeGovWay(response, 403, "AuthorizationTokenDeny",
                    "Insufficient token claims: purposeId " + voucher.get().purposeId() + " non è per l'e-service " + context);
            return;
        }
        String evidence = request.getHeader(TrackingEvidenceCheck.HEADER);
        Optional<String> problem = tracking.problem(evidence, servicePath, now);
        if (problem.isEmpty() && voucher.get().digest() != null
                && !voucher.get().digest().equals(Vouchers.sha256Hex(evidence.trim()))) {
            problem = Optional.of("il digest del voucher non corrisponde all'SHA-256 di " + TrackingEvidenceCheck.HEADER);
        }
        if (problem.isEmpty() && requireDigest && voucher.get().digest() == null) {
            problem = Optional.of("il voucher non è legato al tracking token (digest assente)");
        }
        if (problem.isPresent()) {
            PcpResponses.writeGovWay(response, 400, "InteroperabilityInvalidRequest",
                    "Received request is not conform to the required interoperability profile: " + problem.get());
            return;
        }
        Optional<RateLimits.Budget> budget = rateLimits.consume(voucher.get().clientId(), now);
        if (budget.isPresent()) {
            if (budget.get().exceeded()) {
                tooManyRequests(response, budget.get().resetSeconds(), budget.get().limit(), budget.get().resetSeconds());
                return;
            }
            response.setHeader("X-RateLimit-Limit", String.valueOf(budget.get().limit()));
            response.setHeader("X-RateLimit-Remaining", String.valueOf(budget.get().remaining()));
            response.setHeader("X-RateLimit-Reset", String.valueOf(budget.get().resetSeconds()));
        }
        request.setAttribute(CLIENT, voucher.get().clientId());
        request.setAttribute(USER, TrackingEvidenceCheck.user(evidence));
        chain.doFilter(request, response);
    }

    private static void tooManyRequests(HttpServletResponse response, long retryAfter, int limit, long reset)
            throws IOException {
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        response.setHeader("X-RateLimit-Limit", String.valueOf(limit));
        response.setHeader("X-RateLimit-Remaining", "0");
        response.setHeader("X-RateLimit-Reset", String.valueOf(reset));
        PcpResponses.writeGovWay(response, 429, "TooManyRequests", "Too many requests detected");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
