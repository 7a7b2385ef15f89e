package it.openesecuzione.transmission.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Throw-away RSA keys for the tests, written where the configuration expects them. */
final class TestKeys {

    static final String KEYSTORE_PASSWORD = "s3gret0-Keystore!";

    final KeyPair pair;
    final String pem;

    private TestKeys(KeyPair pair) {
        this.pair = pair;
        this.pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    static TestKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestKeys(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }

    Path writePem(Path directory) throws IOException {
        return Files.writeString(directory.resolve("pcp-key.pem"), pem);
    }

    /** Strings that must never appear in a toString, a message or a log line. */
    List<String> material() {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
        List<String> secrets = new ArrayList<>();
        secrets.add(Base64.getEncoder().encodeToString(key.getEncoded()));
        secrets.add(pem.lines().skip(1).findFirst().orElseThrow());   // the first line of the PEM body
        secrets.add(pem.lines().skip(5).findFirst().orElseThrow());
        secrets.add(key.getPrivateExponent().toString());
        secrets.add(key.getPrivateExponent().toString(16));
        secrets.add(key.getPrimeP().toString());
        secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.getPrivateExponent().toByteArray())
                .substring(0, 40));
        return secrets;
    }

    /** A PKCS#12 keystore made by the JDK's keytool, with one RSA key under {@code alias}. */
    static Path keystore(Path directory, String alias) throws IOException, InterruptedException {
        Path file = directory.resolve("pcp-" + alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=openesecuzione-test", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD,
                "-noprompt")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return file;
    }

    /** Properties of an installation in {@code environment} whose key is this PEM file. */
    static PcpProperties properties(PcpEnvironment environment, Path pemFile, boolean bindDigest,
            Map<PcpEnvironment, PcpProperties.Endpoints> environments,
            Map<String, PcpProperties.AuthorityClient> authorities) {
        return new PcpProperties(environment, environments, null, "client-installazione", "kid-installazione",
                new PcpProperties.KeyLocation(pemFile.toString(), null, null, null, null),
                Map.of(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "purpose-cpp", PcpContext.SERVIZI_COMUNI, "purpose-sc"),
                "0000123", "0000456", bindDigest, null, null, null, null, authorities);
    }
}
