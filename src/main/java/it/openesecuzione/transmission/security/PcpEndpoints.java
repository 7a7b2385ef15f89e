package it.openesecuzione.transmission.security;

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * The URLs of the selected environment: each context's e-service (which is also the tracking
 * token's {@code aud}), its operations, and the PDND token endpoint. Placeholders (the simulator's
 * port) are resolved at each call, so the port the server actually took is used.
 */
public final class PcpEndpoints {

    private final PcpProperties properties;
    private final UnaryOperator<String> placeholders;

    /**
     * @param placeholders resolves {@code ${…}} placeholders, normally
     *                     {@code environment::resolveRequiredPlaceholders} of the Spring environment
     */
    public PcpEndpoints(PcpProperties properties, UnaryOperator<String> placeholders) {
        this.properties = properties;
        this.placeholders = placeholders;
    }

    public PcpEnvironment environment() {
        return properties.environment();
    }

    /** The gateway (or simulator) root, without {@code /modi/rest}: {@code https://apigw-test.anticorruzione.it}. */
    public URI baseUrl() {
        return URI.create(stripTrailingSlash(resolve(properties.endpoints().baseUrl())));
    }

    /**
     * The base URL of a context's e-service, e.g.
     * {@code https://apigw-test.anticorruzione.it/modi/rest/ComunicaPostPubblicazione/v2}: the
     * tracking token's {@code aud}, and the prefix of its operations.
     */
    public String serviceUrl(PcpContext context) {
        return baseUrl() + "/modi/rest/" + context.segment() + "/v"
                + properties.versions().get(context);
    }

    /** An operation of a context, e.g. {@code …/ComunicaPostPubblicazione/v2/crea-scheda}. */
    public URI operationUri(PcpContext context, String operation) {
        return URI.create(serviceUrl(context) + "/" + operation);
    }

    public URI tokenEndpoint() {
        return URI.create(resolve(properties.endpoints().tokenEndpoint()));
    }

    /** The {@code aud} of the client assertion. */
    public String tokenAudience() {
        return resolve(properties.endpoints().tokenAudience());
    }

    private String resolve(String value) {
        return placeholders.apply(value);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
