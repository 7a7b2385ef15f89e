package it.openesecuzione.transmission.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcpCredentialsTest {

    @TempDir
    static Path directory;
    static TestKeys keys;
    static Path pem;

    @BeforeAll
    static void keys() throws Exception {
        keys = TestKeys.generate();
        pem = keys.writePem(directory);
    }

    static PcpProperties.KeyLocation pemKey(Path file) {
        return new PcpProperties.KeyLocation(file.toString(), null, null, null, null);
    }

    static PcpProperties installation(PcpEnvironment environment, String clientId, String kid,
            PcpProperties.KeyLocation key) {
        return new PcpProperties(environment, null, null, clientId, kid, key, null, "0000123", "0000456", null, null,
                null, null, null, null);
    }

    static boolean signs(SigningKey key, java.security.interfaces.RSAPublicKey publicKey) throws Exception {
        return SignedJWT.parse(key.sign(new JWTClaimsSet.Builder().subject("x").build()))
                .verify(new RSASSAVerifier(publicKey));
    }

    @Test
    void readsAPemKey() throws Exception {
        PcpCredentials credentials = PcpCredentials.from(installation(PcpEnvironment.ESERCIZIO, "client", "kid-1",
                pemKey(pem)));

        SigningKey key = credentials.installation().key();
        assertThat(key.kid()).isEqualTo("kid-1");
        assertThat(key.publicKey()).isEqualTo(keys.publicKey());
        assertThat(signs(key, keys.publicKey())).isTrue();
        assertThat(credentials.codicePiattaforma()).isEqualTo("0000123");
        assertThat(credentials.codiceComponente()).isEqualTo("0000456");
    }

    @Test
    void readsAPkcs12KeystoreWithItsAliasAndPassword() throws Exception {
        Path keystore = TestKeys.keystore(directory, "pcp");
        PcpProperties properties = installation(PcpEnvironment.QUALIFICAZIONE, "client", "kid-ks",
                new PcpProperties.KeyLocation(null, keystore.toString(), null, "pcp", TestKeys.KEYSTORE_PASSWORD));

        SigningKey key = PcpCredentials.from(properties).installation().key();

        assertThat(key.kid()).isEqualTo("kid-ks");
        assertThat(signs(key, key.publicKey())).isTrue();
        assertThat(key.source()).contains(keystore.toString()).doesNotContain(TestKeys.KEYSTORE_PASSWORD);
    }

    @Test
    void findsTheOnlyKeyOfAKeystoreWithoutAlias() throws Exception {
        Path keystore = TestKeys.keystore(directory, "solo");
        SigningKey key = SigningKey.load("kid", new PcpProperties.KeyLocation(null, keystore.toString(), "PKCS12", null,
                TestKeys.KEYSTORE_PASSWORD));

        assertThat(signs(key, key.publicKey())).isTrue();
    }

    @Test
    void saysWhichFileItCouldNotReadButNotWhatIsInIt() throws Exception {
        Path corrupted = Files.writeString(directory.resolve("corrupted.pem"),
                keys.pem.replace(keys.pem.lines().skip(3).findFirst().orElseThrow(), "A".repeat(64)));
        Path truncated = Files.writeString(directory.resolve("truncated.pem"),
                keys.pem.lines().limit(4).collect(java.util.stream.Collectors.joining("\n"))
                        + "\n-----END PRIVATE KEY-----\n");
        Path keystore = TestKeys.keystore(directory, "wrong-password");

        for (Path bad : new Path[] {corrupted, truncated}) {
            assertThatThrownBy(() -> SigningKey.load("kid", pemKey(bad)))
                    .isInstanceOf(PcpConfigurationException.class)
                    .hasMessageContaining(bad.toString())
                    .satisfies(e -> keys.material().forEach(s -> assertThat(e.getMessage()).doesNotContain(s)));
        }
        assertThatThrownBy(() -> SigningKey.load("kid", new PcpProperties.KeyLocation(null, keystore.toString(), null,
                null, "not-the-password")))
                .isInstanceOf(PcpConfigurationException.class)
                .hasMessageContaining(keystore.toString())
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void refusesToStartAnAnacEnvironmentWithoutCredentials() {
        PcpProperties properties = new PcpProperties(PcpEnvironment.ESERCIZIO, null, null, null, null, null, null,
                null, null, null, null, null, null, null,
                Map.of("0000012345", new PcpProperties.AuthorityClient("client-comune", null, null, null)));

        assertThatThrownBy(() -> PcpCredentials.from(properties))
                .isInstanceOf(PcpConfigurationException.class)
                .hasMessageContaining("ESERCIZIO")
                .hasMessageContaining("openesecuzione.pcp.client-id")
                .hasMessageContaining("openesecuzione.pcp.kid")
                .hasMessageContaining("openesecuzione.pcp.key.pem-file")
                .hasMessageContaining("openesecuzione.pcp.codice-piattaforma")
                .hasMessageContaining("openesecuzione.pcp.codice-componente")
                .hasMessageContaining("openesecuzione.pcp.authorities.0000012345.kid")
                .hasMessageContaining("openesecuzione.pcp.authorities.0000012345.key.pem-file");
    }

    @Test
    void startsTheSimulatorWithNoConfigurationOnAnEphemeralKey() throws Exception {
        PcpCredentials credentials = PcpCredentials.from(PcpPropertiesTest.bind(Map.of()));

        PdndCredentials client = credentials.installation();
        assertThat(client.clientId()).isEqualTo(PcpCredentials.SIMULATOR_CLIENT_ID);
        assertThat(client.kid()).isEqualTo(client.key().thumbprint());
        assertThat(client.key().source()).contains("effimera");
        assertThat(client.purposeId(PcpContext.COMUNICA_POST_PUBBLICAZIONE))
                .isEqualTo("simulator-ComunicaPostPubblicazione");
        assertThat(credentials.codicePiattaforma()).isEqualTo("0000001");
        assertThat(credentials.codiceComponente()).isEqualTo("0000001");
        RSAKey published = (RSAKey) credentials.publicJwkSet().getKeyByKeyId(client.kid());
        assertThat(published.isPrivate()).isFalse();
        assertThat(signs(client.key(), published.toRSAPublicKey())).isTrue();
        assertThat(PcpCredentials.from(PcpPropertiesTest.bind(Map.of())).installation().kid())
                .as("a new key at each start").isNotEqualTo(client.kid());
    }

    @Test
    void keepsWhatIsConfiguredForTheSimulator() {
        PcpProperties properties = new PcpProperties(PcpEnvironment.SIMULATOR, null, null, "my-client", "my-kid",
                pemKey(pem), Map.of(PcpContext.CODE_LIST, "my-purpose"), null, null, null, null, null, null, null,
                null);

        PdndCredentials client = PcpCredentials.from(properties).installation();

        assertThat(client.clientId()).isEqualTo("my-client");
        assertThat(client.kid()).isEqualTo("my-kid");
        assertThat(client.key().publicKey()).isEqualTo(keys.publicKey());
        assertThat(client.purposeId(PcpContext.CODE_LIST)).isEqualTo("my-purpose");
        assertThat(client.purposeId(PcpContext.SERVIZI_COMUNI)).isEqualTo("simulator-ServiziComuni");
    }

    @Test
    void answersForAnAuthorityWithItsOwnClientOrTheInstallations() throws Exception {
        TestKeys own = TestKeys.generate();
        Path ownPem = Files.writeString(directory.resolve("own.pem"), own.pem);
        PcpProperties properties = new PcpProperties(PcpEnvironment.QUALIFICAZIONE, null, null, "client", "kid",
                pemKey(pem), null, "0000123", "0000456", null, null, null, null, null,
                Map.of("0000012345", new PcpProperties.AuthorityClient("client-comune", "kid-comune", pemKey(ownPem),
                        Map.of(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "purpose-comune"))));

        PcpCredentials credentials = PcpCredentials.from(properties);

        assertThat(credentials.forAuthority("0000012345").clientId()).isEqualTo("client-comune");
        assertThat(credentials.forAuthority("0000012345").key().publicKey()).isEqualTo(own.publicKey());
        assertThat(credentials.forAuthority("0000099999").clientId()).isEqualTo("client");
        assertThat(credentials.publicJwkSet().getKeys()).extracting(k -> k.getKeyID())
                .containsExactlyInAnyOrder("kid", "kid-comune");
    }
}
