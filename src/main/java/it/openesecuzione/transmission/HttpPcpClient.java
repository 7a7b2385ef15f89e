package it.openesecuzione.transmission;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PCP's services over HTTP (docs/design/pcp-interfaces.md): ANAC's URL shape
 * {@code <base>/modi/rest/<Context>/v<N>/<operation>}, the two error shapes (PCP's errori, the
 * GovWay gateway's problem details), 429 with Retry-After and the X-RateLimit headers.
 */
@Component
class HttpPcpClient implements PcpClient {

    static final String SCHEDE = "ComunicaPostPubblicazione";
    static final String COMMON = "ServiziComuni";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PcpGateway gateway;
    private final Clock clock;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    /**
     * When PCP asked this node to wait — a 429 (or 503) with Retry-After, or the quota used up
     * (X-RateLimit-Remaining 0) — from when, until when; in between this node does not call. Per
     * node, as the quota is PCP's answer to this node's calls. A clock set back before the answer
     * (a corrected clock) lifts the pause.
     */
    private record Quota(Instant noticedAt, Instant resetsAt) {
    }

    private final AtomicReference<Quota> quota = new AtomicReference<>(new Quota(Instant.EPOCH, Instant.EPOCH));

    HttpPcpClient(PcpGateway gateway, Clock clock) {
        this.gateway = gateway;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public UUID creaScheda(PcpCall call, Map<String, Object> scheda) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idAppalto", call.idAppalto().toString());
        body.put("scheda", scheda);
        JsonNode answer = post(call, SCHEDE, "crea-scheda", body);
        return UUID.fromString(answer.path("idScheda").asString());
    }

    @Override
    public void modificaScheda(PcpCall call, UUID idScheda, Map<String, Object> scheda) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idScheda", idScheda.toString());
        body.put("idAppalto", call.idAppalto().toString());
        body.put("scheda", scheda);
        post(call, SCHEDE, "modifica-scheda", body);
    }

    @Override
    public void confermaScheda(PcpCall call, UUID idScheda) {
        post(call, SCHEDE, "conferma-scheda", Map.of("idScheda", idScheda.toString(), "idAppalto", call.idAppalto().toString()));
    }

    @Override
    public List<PcpOutcome> esitiConferma(PcpCall call) {
        return esiti(call, "SC_CONF");
    }

    @Override
    public void rollbackScheda(PcpCall call, UUID idScheda, String motivazione) {
        post(call, COMMON, "rollback-scheda", Map.of("idScheda", idScheda.toString(),
                "motivazione", Map.of("idTipologica", "motivoAnnullamentoComunicazione", "codice", motivazione)));
    }

    @Override
    public List<PcpOutcome> esitiRollback(PcpCall call) {
        return esiti(call, "SC_ROLLBACK");
    }

    private List<PcpOutcome> esiti(PcpCall call, String operation) {
        JsonNode answer = get(call, COMMON, "esito-operazione", Map.of("idAppalto", call.idAppalto().toString(),
                "tipoOperazione", operation, "tipoRicerca", "TUTTI_ESITI"));
        List<PcpOutcome> outcomes = new ArrayList<>();
        for (JsonNode entry : answer.path("listaEsiti")) {
            outcomes.add(new PcpOutcome(uuid(entry.path("idScheda")), text(entry.path("codiceScheda")),
                    text(entry.path("esito").path("codice")), text(entry.path("dettaglio").path("codice")),
                    uuid(entry.path("idContratto")), errors(entry.path("errori")), instant(entry.path("dataControllo"))));
        }
        return outcomes;
    }

    @Override
    public List<UUID> schedeInLavorazione(PcpCall call, String codiceScheda, Instant createdFrom) {
        JsonNode answer = get(call, SCHEDE, "ricerca-scheda", Map.of("idAppalto", call.idAppalto().toString(),
                "codiceScheda", codiceScheda, "statoScheda", "IN_LAV",
                "dataCreazioneDa", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(createdFrom.atOffset(ZoneOffset.UTC)),
                "perPage", "20"));
        List<UUID> found = new ArrayList<>();
        for (JsonNode scheda : answer.path("result")) {
            UUID id = uuid(scheda.path("_idScheda"));
            if (id != null) {
                found.add(id);
            }
        }
        return found;
    }

    @Override
    public void cancellaScheda(PcpCall call, UUID idScheda, String motivo) {
        post(call, SCHEDE, "cancella-scheda", Map.of("idScheda", idScheda.toString(), "idAppalto", call.idAppalto().toString(),
                "motivo", motivo));
    }

    @Override
    public String statoContratto(PcpCall call, UUID idContratto) {
        JsonNode answer = get(call, COMMON, "stato-appalto", Map.of("idContratto", idContratto.toString()));
        return text(answer.path("esitoStato").path("stato").path("codice"));
    }

    @Override
    public List<PcpScheda> schede(PcpCall call) {
        List<PcpScheda> found = new ArrayList<>();
        // ANAC pages by at most 20: a contract's schede fit in a few pages.
        for (int page = 1; page <= 10; page++) {
            JsonNode answer = get(call, SCHEDE, "ricerca-scheda", Map.of("idAppalto", call.idAppalto().toString(),
                    "page", String.valueOf(page), "perPage", "20"));
            for (JsonNode scheda : answer.path("result")) {
                found.add(new PcpScheda(uuid(scheda.path("_idScheda")), text(scheda.path("codice").path("codice")),
                        text(scheda.path("versione")), text(scheda.path("_stato").path("codice")) != null
                                ? text(scheda.path("_stato").path("codice")) : text(scheda.path("_stato")),
                        text(scheda.path("_dataCreazione"))));
            }
            if (page >= answer.path("totPages").asInt(1)) {
                break;
            }
        }
        return found;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> consultaScheda(PcpCall call, UUID idScheda) {
        JsonNode answer = get(call, SCHEDE, "consulta-scheda", Map.of("idScheda", idScheda.toString()));
        return json.treeToValue(answer.path("scheda"), Map.class);
    }

    private JsonNode post(PcpCall call, String context, String operation, Map<String, Object> body) {
        HttpRequest.Builder request = request(call, context, operation, Map.of())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        return send(request);
    }

    private JsonNode get(PcpCall call, String context, String operation, Map<String, String> query) {
        return send(request(call, context, operation, query).GET());
    }

    private HttpRequest.Builder request(PcpCall call, String context, String operation, Map<String, String> query) {
        Duration wait = pause();
        if (!wait.isZero()) {
            throw new PcpException.Throttled(wait, true);
        }
        String parameters = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway.operationUri(context, operation) + parameters))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        Map<String, String> headers;
        try {
            headers = gateway.headers(call, context);
        } catch (RuntimeException e) {
            // No voucher (PDND unreachable or refusing) or credentials missing: not the scheda's fault.
            throw new PcpException.Unavailable("Credenziali PDND: " + e.getMessage(), e);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PcpException.Unavailable("PCP non raggiungibile: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PcpException.Unavailable("Invio interrotto", e);
        }
        noteQuota(response);
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            return body;
        }
        if (status == 429 || status == 503) {
            Duration wait = retryAfter(response);
            pauseFor(wait);
            throw new PcpException.Throttled(wait);
        }
        boolean gatewayError = body.path("type").asString("").startsWith("https://govway.org") || body.has("govway_id");
        String detail = text(body.path("detail"));
        String title = text(body.path("title"));
        if ((status == 400 || status == 404 || status == 409 || status == 422) && !gatewayError) {
            List<PcpError> errori = errors(body.path("errori"));
            throw new PcpException.Rejected(status, "PCP ha rifiutato la richiesta (" + status + (detail == null ? "" : ", " + detail)
                    + ")", errori);
        }
        // The gateway's refusals (voucher, tracking token, purpose) and PCP's faults are not the
        // scheda's: retried, and shown on the queue's page.
        throw new PcpException.Unavailable("PCP ha risposto " + status + (title == null ? "" : " " + title)
                + (detail == null ? "" : ": " + detail), null);
    }

    @Override
    public Duration pause() {
        Quota exhausted = quota.get();
        Instant now = clock.instant();
        boolean paused = !now.isBefore(exhausted.noticedAt()) && now.isBefore(exhausted.resetsAt());
        return paused ? Duration.between(now, exhausted.resetsAt()) : Duration.ZERO;
    }

    /** Keeps the later end of the pauses PCP asked for (a clock set back starts afresh). */
    private void pauseFor(Duration wait) {
        Instant now = clock.instant();
        quota.accumulateAndGet(new Quota(now, now.plus(wait)), (previous, next) ->
                next.resetsAt().isAfter(previous.resetsAt()) || next.noticedAt().isBefore(previous.noticedAt()) ? next : previous);
    }

    private void noteQuota(HttpResponse<?> response) {
        var remaining = response.headers().firstValue("X-RateLimit-Remaining");
        var reset = response.headers().firstValue("X-RateLimit-Reset");
        if (remaining.isPresent() && reset.isPresent() && remaining.get().trim().equals("0")) {
            Instant now = clock.instant();
            seconds(reset.get()).ifPresent(this::pauseFor);
        }
    }

    /** Retry-After in seconds or as an HTTP date; one second when absent. */
    private Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            var seconds = seconds(value);
            if (seconds.isPresent()) {
                return seconds;
            }
            try {
                Instant at = java.time.ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return java.util.Optional.of(Duration.between(clock.instant(), at).isNegative() ? Duration.ZERO
                        : Duration.between(clock.instant(), at));
            } catch (DateTimeParseException e) {
                return java.util.Optional.empty();
            }
        }).orElse(Duration.ofSeconds(1));
    }

    private static java.util.Optional<Duration> seconds(String value) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    private static List<PcpError> errors(JsonNode errori) {
        List<PcpError> errors = new ArrayList<>();
        for (JsonNode error : errori) {
            errors.add(new PcpError(text(error.path("codice")), text(error.path("dettaglio"))));
        }
        return errors;
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    private static UUID uuid(JsonNode node) {
        String text = text(node);
        try {
            return text == null || text.isBlank() ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode node) {
        String text = text(node);
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
