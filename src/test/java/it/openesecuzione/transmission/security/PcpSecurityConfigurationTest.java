package it.openesecuzione.transmission.security;

import static org.assertj.core.api.Assertions.assertThat;

import it.openesecuzione.pcpsim.PcpSimulatorTrust;
import it.openesecuzione.support.TestClock;
import java.time.Clock;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PcpSecurityConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(PcpSecurityConfiguration.class)
            .withBean(Clock.class, () -> new TestClock(ZoneId.of("Europe/Rome")));

    @Test
    void startsWithNoConfigurationAgainstTheSimulator() {
        context.withPropertyValues("server.port=8089").run(started -> {
            assertThat(started).hasNotFailed().hasSingleBean(PcpCallSecurity.class);
            PcpEndpoints endpoints = started.getBean(PcpEndpoints.class);
            assertThat(endpoints.environment()).isEqualTo(PcpEnvironment.SIMULATOR);
            assertThat(endpoints.tokenEndpoint()).hasToString("http://localhost:8089/pcp-sim/token");
            TrackingToken token = started.getBean(TrackingEvidence.class)
                    .issue(PcpContext.COMUNICA_POST_PUBBLICAZIONE, TrackingEvidenceTest.request());
            assertThat(token.claims()).containsEntry("aud",
                    "http://localhost:8089/pcp-sim/modi/rest/ComunicaPostPubblicazione/v2");
            assertThat(started.getBean(PdndVoucherProvider.class).bindsTrackingDigest()).isTrue();
            String kid = started.getBean(PcpCredentials.class).installation().kid();
            assertThat(started.getBean(PcpSimulatorTrust.class).publicKeys().getKeyByKeyId(kid))
                    .satisfies(key -> assertThat(key.isPrivate()).isFalse());
        });
    }

    @Test
    void refusesToStartAgainstAnacWithoutCredentials() {
        context.withPropertyValues("openesecuzione.pcp.environment=ATTESTAZIONE").run(started ->
                assertThat(started).getFailure().rootCause()
                        .isInstanceOf(PcpConfigurationException.class)
                        .hasMessageContaining("openesecuzione.pcp.client-id"));
    }

    @Test
    void ignoresTheDeliveryPropertiesThatShareItsPrefix() {
        context.withPropertyValues("openesecuzione.pcp.delivery.enabled=false", "openesecuzione.pcp.delivery.threads=2")
                .run(started -> assertThat(started).hasNotFailed());
    }
}
