package it.openesecuzione.transmission.security;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.support.TestClock;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Private keys, keystore passwords and vouchers never show in toString, messages or logs. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotExposedTest {

    @TempDir
    Path directory;

    @Test
    void keysPasswordsAndVouchersAppearInNoToStringAndNoLogLine(CapturedOutput output) throws Exception {
        TestKeys installationKey = TestKeys.generate();
        TestKeys authorityKey = TestKeys.generate();
        Path installationPem = installationKey.writePem(directory);
        Path authorityPem = java.nio.file.Files.writeString(directory.resolve("authority.pem"), authorityKey.pem);
        Path keystore = TestKeys.keystore(directory, "pcp");
        TestClock clock = new TestClock(ZoneId.of("Europe/Rome"));

        try (TokenEndpointStub pdnd = new TokenEndpointStub()) {
            var authorityClient = new PcpProperties.AuthorityClient("client-comune", "kid-comune",
                    new PcpProperties.KeyLocation(authorityPem.toString(), null, null, null, "pem-passphrase"),
                    Map.of(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "purpose-comune"));
            var keystoreClient = new PcpProperties.AuthorityClient("client-provincia", "kid-provincia",
                    new PcpProperties.KeyLocation(null, keystore.toString(), null, "pcp", TestKeys.KEYSTORE_PASSWORD),
                    Map.of(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "purpose-provincia"));
            PcpProperties properties = TestKeys.properties(PcpEnvironment.ATTESTAZIONE, installationPem, true,
                    pdnd.endpointsFor(PcpEnvironment.ATTESTAZIONE),
                    Map.of("0000000002", keystoreClient));
            // An unencrypted PEM with a passphrase configured is read as is; the passphrase is still a secret.
            PcpProperties withPassphrase = new PcpProperties(properties.environment(), properties.environments(), null,
                    properties.clientId(), properties.kid(), properties.key(), properties.purposeIds(),
                    properties.codicePiattaforma(), properties.codiceComponente(), true, null, null, null, null,
                    Map.of("0000000002", keystoreClient, "0000000003", authorityClient));

            PcpCredentials credentials = PcpCredentials.from(withPassphrase);
            PcpEndpoints endpoints = new PcpEndpoints(withPassphrase, UnaryOperator.identity());
            PdndVoucherProvider vouchers = new PdndVoucherProvider(withPassphrase, endpoints, credentials,
                    HttpClient.newHttpClient(), clock);
            PcpCallSecurity security = new PcpCallSecurity(
                    new TrackingEvidence(withPassphrase, endpoints, credentials, clock), vouchers);
            SecurityHeaders headers = security.secure(PcpContext.COMUNICA_POST_PUBBLICAZIONE,
                    TrackingEvidenceTest.request());
            pdnd.answer(401, "{\"detail\":\"refused\"}");
            String refusal = "";
            try {
                security.secure(PcpContext.COMUNICA_POST_PUBBLICAZIONE, TrackingEvidenceTest.request());
            } catch (PdndVoucherException e) {
                refusal = e.getMessage();
            }

            List<String> printed = new ArrayList<>(List.of(
                    withPassphrase.toString(), withPassphrase.key().toString(), keystoreClient.toString(),
                    authorityClient.toString(), credentials.toString(), credentials.installation().toString(),
                    credentials.forAuthority("0000000002").key().toString(), headers.toString(),
                    headers.voucher().toString(), headers.forAudit().toString(), refusal, output.toString()));
            List<String> secrets = new ArrayList<>();
            secrets.addAll(installationKey.material());
            secrets.addAll(authorityKey.material());
            secrets.add(TestKeys.KEYSTORE_PASSWORD);
            secrets.add("pem-passphrase");
            secrets.add(headers.voucher().accessToken());
            secrets.add(pdnd.received().get(0).form().get("client_assertion"));

            for (String text : printed) {
                for (String secret : secrets) {
                    assertThat(text).doesNotContain(secret);
                }
            }
            assertThat(refusal).contains("HTTP 401");
            assertThat(output).as("the start-up line names the key by file and kid")
                    .contains("kid-installazione", installationPem.toString(), "client-provincia");
            assertThat(withPassphrase.toString()).contains(installationPem.toString(), "******");
        }
    }
}
