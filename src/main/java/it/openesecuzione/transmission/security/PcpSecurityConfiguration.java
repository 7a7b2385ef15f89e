package it.openesecuzione.transmission.security;

import it.openesecuzione.pcpsim.PcpSimulatorTrust;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the PCP security from {@code openesecuzione.pcp.*}; the keys are read at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PcpProperties.class)
class PcpSecurityConfiguration {

    @Bean
    PcpEndpoints pcpEndpoints(PcpProperties properties, Environment environment) {
        return new PcpEndpoints(properties, environment::resolveRequiredPlaceholders);
    }

    @Bean
    PcpCredentials pcpCredentials(PcpProperties properties) {
        return PcpCredentials.from(properties);
    }

    @Bean
    TrackingEvidence trackingEvidence(PcpProperties properties, PcpEndpoints endpoints, PcpCredentials credentials,
            Clock clock) {
        return new TrackingEvidence(properties, endpoints, credentials, clock);
    }

    @Bean
    PdndVoucherProvider pdndVoucherProvider(PcpProperties properties, PcpEndpoints endpoints,
            PcpCredentials credentials, Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.tokenRequestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new PdndVoucherProvider(properties, endpoints, credentials, http, clock);
    }

    @Bean
    PcpCallSecurity pcpCallSecurity(TrackingEvidence trackingEvidence, PdndVoucherProvider vouchers) {
        return new PcpCallSecurity(trackingEvidence, vouchers);
    }

    /**
     * Lets the local PCP simulator verify what this platform signs, the ephemeral key of the
     * SIMULATOR environment included (its public half only).
     */
    @Bean
    PcpSimulatorTrust pcpSimulatorTrust(PcpCredentials credentials) {
        return credentials::publicJwkSet;
    }
}
