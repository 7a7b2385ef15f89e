package it.openesecuzione.transmission.security;

/**
 * Where the platform sends the schede: ANAC's three environments, each paired with a PDND
 * environment (pcp-interfaces.md §1.1, all values observed, not published by ANAC), or the local
 * PCP simulator. The URLs here are defaults; {@code openesecuzione.pcp.environments.<name>.*}
 * overrides each of them, because PDND says they may change.
 */
public enum PcpEnvironment {

    /** Development and certification; PDND collaudo (UAT). */
    QUALIFICAZIONE("https://apigw-test.anticorruzione.it",
            "https://auth.uat.interop.pagopa.it/token.oauth2",
            "auth.uat.interop.pagopa.it/client-assertion"),

    /** Aligned with production, used for the conformity tests; PDND attestazione. */
    ATTESTAZIONE("https://apigw-attestazione.anticorruzione.it",
            "https://auth.att.interop.pagopa.it/token.oauth2",
            "auth.att.interop.pagopa.it/client-assertion"),

    /** Production; PDND produzione. */
    ESERCIZIO("https://apigw.anticorruzione.it",
            "https://auth.interop.pagopa.it/token.oauth2",
            "auth.interop.pagopa.it/client-assertion"),

    /**
     * The PCP simulator served by this application under {@code /pcp-sim}, with its own token
     * endpoint. The port is resolved at each call, so a random test port works. The
     * client-assertion audience is the token endpoint URL, as RFC 7523 suggests.
     */
    SIMULATOR(PcpEnvironment.SIMULATOR_BASE,
            PcpEnvironment.SIMULATOR_BASE + "/token",
            PcpEnvironment.SIMULATOR_BASE + "/token");

    /** Resolved against the Spring environment when used: the actual port once the server runs. */
    static final String SIMULATOR_BASE = "http://localhost:${local.server.port:${server.port:8080}}/pcp-sim";

    private final String defaultBaseUrl;
    private final String defaultTokenEndpoint;
    private final String defaultTokenAudience;

    PcpEnvironment(String defaultBaseUrl, String defaultTokenEndpoint, String defaultTokenAudience) {
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultTokenEndpoint = defaultTokenEndpoint;
        this.defaultTokenAudience = defaultTokenAudience;
    }

    /** PCP gateway host, e.g. {@code https://apigw-test.anticorruzione.it}; services live under /modi/rest. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** PDND token endpoint that issues the vouchers. */
    public String defaultTokenEndpoint() {
        return defaultTokenEndpoint;
    }

    /** The {@code aud} PDND expects in the client assertion. */
    public String defaultTokenAudience() {
        return defaultTokenAudience;
    }
}
