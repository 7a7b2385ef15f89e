package it.openesecuzione.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client against the running platform: API calls with Basic or Bearer credentials,
 * and browser-like sessions (cookies, CSRF token) for pages.
 */
public final class Http {

    public static final String PASSWORD = "Demo-2026!";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client;
    private final String authorization;
    private String csrf;

    private Http(int port, String authorization, boolean cookies) {
        this.base = "http://localhost:" + port;
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
        if (cookies) {
            builder.cookieHandler(new CookieManager());
        }
        this.client = builder.build();
        this.authorization = authorization;
    }

    public static Http basic(int port, String username) {
        return basic(port, username, PASSWORD);
    }

    public static Http basic(int port, String username, String password) {
        return new Http(port, "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8)), false);
    }

    public static Http bearer(int port, String token) {
        return new Http(port, "Bearer " + token, false);
    }

    public static Http anonymous(int port) {
        return new Http(port, null, true);
    }

    /** A browser-like session logged in through the login form. */
    public static Http browser(int port, String username) {
        return browser(port, username, PASSWORD);
    }

    public static Http browser(int port, String username, String password) {
        Http http = new Http(port, null, true);
        HttpResponse<String> response = http.login(username, password);
        if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("/login")) {
            throw new IllegalStateException("Login failed for " + username + ": " + response.headers().map());
        }
        return http;
    }

    public HttpResponse<String> login(String username, String password) {
        get("/login");
        return postForm("/login", Map.of("username", username, "password", password));
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> response = send(request(path).GET());
        remember(response);
        return response;
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    public HttpResponse<String> postJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    public HttpResponse<String> putJson(String path, Object body, String ifMatch) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body)));
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return send(builder);
    }

    /** Posts a form with the CSRF token of the last page read. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields) {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        remember(response);
        return response;
    }

    /**
     * Posts a multipart form, as a browser does for a form with a file input, with the CSRF token
     * of the last page read. {@code fileName} null: the file input left empty.
     */
    public HttpResponse<String> postMultipart(String path, Map<String, String> fields, String fileField, String fileName,
            byte[] content) {
        String boundary = "----OpenEsecuzione" + Long.toHexString(System.nanoTime());
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        all.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + (fileName == null ? "" : fileName) + "\"\r\nContent-Type: " + (fileName == null ? "application/octet-stream"
                : "text/xml") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        if (content != null) {
            body.writeBytes(content);
        }
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        remember(response);
        return response;
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String json(Object body) {
        return body instanceof String text ? text : JSON.writeValueAsString(body);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "it");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private void remember(HttpResponse<String> response) {
        Matcher matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
