package it.openesecuzione.transmission.security;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A PDND token endpoint on a local port: records each request and answers as told. */
final class TokenEndpointStub implements AutoCloseable {

    /** A request as received. */
    record Received(String method, String contentType, Map<String, String> form) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile int status = 200;
    private volatile String body;
    private volatile long expiresIn = 600;

    TokenEndpointStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token.oauth2", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> fields = parse(form);
            received.add(new Received(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), fields));
            String answer = body != null ? body.replace("{assertion}", fields.getOrDefault("client_assertion", ""))
                    : "{\"access_token\":\"voucher-" + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\","
                            + "\"expires_in\":" + expiresIn + "}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/token.oauth2");
    }

    /** Endpoints of {@code environment} with the token endpoint here. */
    Map<PcpEnvironment, PcpProperties.Endpoints> endpointsFor(PcpEnvironment environment) {
        return Map.of(environment, new PcpProperties.Endpoints(null, uri().toString(), null));
    }

    /** Answers with this status and body from now on; "{assertion}" in the body echoes the client assertion. */
    void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    void expiresIn(long seconds) {
        this.expiresIn = seconds;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
