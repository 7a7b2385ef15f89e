package it.openesecuzione.transmission.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDND clients of the installation, read once at start-up: the platform's own, and those of
 * the authorities that use their own (by AUSA code). A missing or unreadable key stops the start,
 * with a message that names the property, so that a misconfiguration is not discovered at the
 * first transmission.
 *
 * <p>In the SIMULATOR environment whatever is not configured gets a default, so that the default
 * start works with no configuration at all: client id {@value #SIMULATOR_CLIENT_ID}, a purpose
 * {@code simulator-<Context>} per context, registry codes {@value #SIMULATOR_REGISTRY_CODE}, and
 * an <em>ephemeral</em> RSA key pair generated at start-up (lost at restart; the simulator reads
 * the public half from {@link #publicJwkSet()}).
 */
public final class PcpCredentials {

    public static final String SIMULATOR_CLIENT_ID = "openesecuzione-simulator";
    public static final String SIMULATOR_REGISTRY_CODE = "0000001";

    private static final Logger log = LoggerFactory.getLogger(PcpCredentials.class);

    private final PdndCredentials installation;
    private final Map<String, PdndCredentials> byAusa;
    private final String codicePiattaforma;
    private final String codiceComponente;

    private PcpCredentials(PdndCredentials installation, Map<String, PdndCredentials> byAusa,
            String codicePiattaforma, String codiceComponente) {
        this.installation = installation;
        this.byAusa = Map.copyOf(byAusa);
        this.codicePiattaforma = codicePiattaforma;
        this.codiceComponente = codiceComponente;
    }

    /** Reads the keys and checks that everything the environment needs is there. */
    public static PcpCredentials from(PcpProperties properties) {
        boolean simulator = properties.environment() == PcpEnvironment.SIMULATOR;
        List<String> missing = new ArrayList<>();
        PcpProperties.AuthorityClient configured = properties.installationClient();
        if (!simulator) {
            requirePresent(configured.clientId(), "openesecuzione.pcp.client-id", missing);
            requirePresent(configured.kid(), "openesecuzione.pcp.kid", missing);
            if (!configured.key().isConfigured()) {
                missing.add("openesecuzione.pcp.key.pem-file (o key.keystore-file)");
            }
            requirePresent(properties.codicePiattaforma(), "openesecuzione.pcp.codice-piattaforma", missing);
            requirePresent(properties.codiceComponente(), "openesecuzione.pcp.codice-componente", missing);
        }
        properties.authorities().forEach((ausa, client) -> {
            String prefix = "openesecuzione.pcp.authorities." + ausa + ".";
            requirePresent(client.clientId(), prefix + "client-id", missing);
            requirePresent(client.kid(), prefix + "kid", missing);
            if (!client.key().isConfigured()) {
                missing.add(prefix + "key.pem-file (o key.keystore-file)");
            }
        });
        if (!missing.isEmpty()) {
            throw new PcpConfigurationException("Configurazione PCP incompleta per l'ambiente "
                    + properties.environment() + ": mancano " + String.join(", ", missing));
        }

        PdndCredentials installation = simulator ? simulatorClient(configured) : credentialsOf(null, configured);
        Map<String, PdndCredentials> byAusa = new LinkedHashMap<>();
        properties.authorities().forEach((ausa, client) -> byAusa.put(ausa, credentialsOf(ausa, client)));
        String codicePiattaforma = orSimulatorDefault(properties.codicePiattaforma());
        String codiceComponente = orSimulatorDefault(properties.codiceComponente());

        log.info("PCP: ambiente {}, client PDND {} (kid {}, chiave {}, impronta {}), piattaforma {}/{}, "
                + "digest del tracking token nel voucher: {}", properties.environment(), installation.clientId(),
                installation.kid(), installation.key().source(), installation.key().thumbprint(), codicePiattaforma,
                codiceComponente, properties.bindTrackingDigest() ? "sì" : "no");
        byAusa.forEach((ausa, client) -> log.info("PCP: la stazione appaltante AUSA {} usa il proprio client PDND {}"
                + " (kid {}, chiave {})", ausa, client.clientId(), client.kid(), client.key().source()));
        return new PcpCredentials(installation, byAusa, codicePiattaforma, codiceComponente);
    }

    /** The PDND client that calls PCP for the authority: its own if configured, otherwise the installation's. */
    public PdndCredentials forAuthority(String codiceAusa) {
        PdndCredentials own = codiceAusa == null ? null : byAusa.get(codiceAusa.trim());
        return own != null ? own : installation;
    }

    public PdndCredentials installation() {
        return installation;
    }

    /** {@code regCodicePiattaforma} of the tracking token. */
    public String codicePiattaforma() {
        return codicePiattaforma;
    }

    /** {@code regCodiceComponente} of the tracking token. */
    public String codiceComponente() {
        return codiceComponente;
    }

    /** The public keys of every client, with their kid: what the simulator needs to verify the tokens. */
    public JWKSet publicJwkSet() {
        List<JWK> keys = new ArrayList<>();
        keys.add(installation.key().publicJwk());
        byAusa.values().forEach(client -> keys.add(client.key().publicJwk()));
        return new JWKSet(keys);
    }

    @Override
    public String toString() {
        return "PcpCredentials[installation=" + installation + ", authorities=" + byAusa + "]";
    }

    private static PdndCredentials credentialsOf(String codiceAusa, PcpProperties.AuthorityClient client) {
        return new PdndCredentials(codiceAusa, client.clientId(), SigningKey.load(client.kid(), client.key()),
                client.purposeIds());
    }

    private static PdndCredentials simulatorClient(PcpProperties.AuthorityClient configured) {
        SigningKey key;
        if (configured.key().isConfigured()) {
            key = SigningKey.load(configured.kid() != null ? configured.kid() : "simulator", configured.key());
        } else {
            key = SigningKey.ephemeral(configured.kid());
            log.info("PCP: ambiente SIMULATOR senza chiave configurata, generata una coppia di chiavi RSA effimera"
                    + " (kid {}), valida fino al riavvio", key.kid());
        }
        Map<PcpContext, String> purposes = new EnumMap<>(PcpContext.class);
        for (PcpContext context : PcpContext.values()) {
            purposes.put(context, configured.purposeIds().getOrDefault(context, "simulator-" + context.segment()));
        }
        String clientId = configured.clientId() != null ? configured.clientId() : SIMULATOR_CLIENT_ID;
        return new PdndCredentials(null, clientId, key, purposes);
    }

    private static String orSimulatorDefault(String code) {
        return code != null ? code : SIMULATOR_REGISTRY_CODE;
    }

    private static void requirePresent(String value, String property, List<String> missing) {
        if (value == null) {
            missing.add(property);
        }
    }
}
