package it.openesecuzione.pcpsim.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two shapes of PCP's answers (pcp-interfaces.md §2.3, §2.4): PCP's own envelope
 * ({@code BaseResponse}: status, title, detail, type; {@code ErrorResponse} adds {@code errori}) and
 * the problem details of ANAC's GovWay gateway ({@code type https://govway.org/handling-errors/…},
 * title, status, detail, {@code govway_id}).
 */
public final class PcpResponses {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String PROBLEM_JSON = "application/problem+json";
    /** PCP writes times with milliseconds and an offset: {@code 2023-11-30T09:15:54.152+00:00}. */
    private static final DateTimeFormatter PCP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private PcpResponses() {
    }

    /** {@code BaseResponse}: {@code {"status", "title", "detail", "type": "about:blank"}}. */
    public static ObjectNode envelope(int status, String title, String detail) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", status);
        body.put("title", title);
        body.put("detail", detail);
        body.put("type", "about:blank");
        return body;
    }

    /** {@code ErrorResponse}: the envelope with title KO and {@code errori}. */
    public static ObjectNode errorResponse(int status, String detail, List<PcpError> errori) {
        ObjectNode body = envelope(status, "KO", detail);
        ArrayNode list = body.putArray("errori");
        errori.forEach(error -> list.add(error.toJson()));
        return body;
    }

    /** GovWay's problem: {@code {"type", "title", "status", "detail", "govway_id"}}. */
    public static ObjectNode govWay(int status, String title, String detail, String govwayId) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "https://govway.org/handling-errors/" + status + "/" + title + ".html");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("govway_id", govwayId);
        return body;
    }

    /** Writes a GovWay error with its headers ({@code GovWay-Transaction-ErrorType}). */
    public static void writeGovWay(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        String id = transactionId(response);
        response.setHeader("GovWay-Transaction-ErrorType", title);
        write(response, status, govWay(status, title, detail, id), PROBLEM_JSON);
    }

    public static void write(HttpServletResponse response, int status, ObjectNode body, String contentType)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /** The gateway's transaction id of this exchange (set by the gate on every answer). */
    public static String transactionId(HttpServletResponse response) {
        String id = response.getHeader("GovWay-Transaction-ID");
        if (id == null) {
            id = UUID.randomUUID().toString();
            response.setHeader("GovWay-Transaction-ID", id);
        }
        return id;
    }

    public static String time(Instant instant) {
        return PCP_TIME.format(instant);
    }
}
