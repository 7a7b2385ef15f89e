package it.openesecuzione.pcpsim.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import it.openesecuzione.pcpsim.PcpSimulatorTrust;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The public keys of the PDND clients the simulator knows, by {@code kid}: those configured in
 * {@code openesecuzione.pcp-sim.client-keys} (PEM text, a file path, or {@code classpath:...}) and
 * those of {@link PcpSimulatorTrust} beans, asked at each use.
 *
 * <p>A token whose {@code kid} names a known key must carry a valid RS256 signature. A token of an
 * unknown {@code kid} is refused when keys are configured (the PDND client is not registered),
 * unless {@code accept-unknown-keys} says otherwise; with no key configured it is accepted on its
 * structure and claims alone, which is what the default run needs when the platform's key is
 * ephemeral and not shared.
 */
public final class ClientKeys {

    /** What a signature check concluded. */
    public enum Outcome { VERIFIED, UNVERIFIED_UNKNOWN_KEY, INVALID }

    private final Map<String, RSAPublicKey> configured;
    private final Supplier<Stream<PcpSimulatorTrust>> trusted;
    private final boolean acceptUnknown;

    public ClientKeys(Map<String, String> keys, boolean acceptUnknown, Supplier<Stream<PcpSimulatorTrust>> trusted) {
        Map<String, RSAPublicKey> parsed = new LinkedHashMap<>();
        keys.forEach((kid, value) -> parsed.put(kid, parse(kid, value)));
        this.configured = Map.copyOf(parsed);
        this.trusted = trusted;
        this.acceptUnknown = acceptUnknown;
    }

    /** Whether every token must be signed by a known key. */
    public boolean strict() {
        return !acceptUnknown;
    }

    public int configuredCount() {
        return configured.size();
    }

    /** Checks an RS256 signature against the key named by the token's {@code kid}. */
    public Outcome check(SignedJWT jwt) {
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return Outcome.INVALID;
        }
        String kid = jwt.getHeader().getKeyID();
        Optional<RSAPublicKey> key = kid == null ? Optional.empty() : find(kid);
        if (key.isEmpty()) {
            return strict() ? Outcome.INVALID : Outcome.UNVERIFIED_UNKNOWN_KEY;
        }
        try {
            return jwt.verify(new RSASSAVerifier(key.get())) ? Outcome.VERIFIED : Outcome.INVALID;
        } catch (JOSEException e) {
            return Outcome.INVALID;
        }
    }

    private Optional<RSAPublicKey> find(String kid) {
        RSAPublicKey key = configured.get(kid);
        if (key != null) {
            return Optional.of(key);
        }
        return trusted.get().flatMap(trust -> trust.publicKeys().getKeys().stream())
                .filter(jwk -> kid.equals(jwk.getKeyID())).map(ClientKeys::rsa).flatMap(Optional::stream).findFirst();
    }

    private static Optional<RSAPublicKey> rsa(JWK jwk) {
        try {
            return jwk instanceof RSAKey rsa ? Optional.of(rsa.toRSAPublicKey()) : Optional.empty();
        } catch (JOSEException e) {
            return Optional.empty();
        }
    }

    static RSAPublicKey parse(String kid, String value) {
        String pem = value.strip().startsWith("-----BEGIN") ? value : read(value);
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("openesecuzione.pcp-sim.client-keys." + kid
                    + ": non è una chiave pubblica RSA in PEM (-----BEGIN PUBLIC KEY-----)", e);
        }
    }

    private static String read(String location) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
                try (InputStream in = ClientKeys.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("Chiave non trovata: " + location);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            }
            return Files.readString(Path.of(location.replaceFirst("^file:", "")), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Chiave non leggibile: " + location, e);
        }
    }
}
