package it.openesecuzione.pcpsim.internal;

import it.openesecuzione.pcpsim.PcpSimulatorStatus;
import it.openesecuzione.pcpsim.PcpSimulatorTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the PCP simulator. The status always exists (pages may ask whether the simulator runs);
 * the rest only with {@code openesecuzione.pcp-sim.enabled} (default true).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PcpSimProperties.class)
class PcpSimConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PcpSimConfiguration.class);

    @Bean
    AnacMaterial pcpSimAnacMaterial(PcpSimProperties properties) {
        return properties.enabled() ? AnacMaterial.at(properties.anacFolder()) : AnacMaterial.at(null);
    }

    @Bean
    Chronology pcpSimChronology(AnacMaterial anac) {
        Optional<Path> sheet = anac.files().map(files -> files.chronologyFile()).filter(Files::isRegularFile);
        if (sheet.isPresent()) {
            try {
                return SheetChronology.read(sheet.get());
            } catch (RuntimeException e) {
                log.warn("Simulatore PCP: foglio {} illeggibile ({}), uso la tabella d'ordine della piattaforma",
                        sheet.get(), e.getMessage());
            }
        }
        return new FallbackChronology();
    }

    @Bean
    ClientKeys pcpSimClientKeys(PcpSimProperties properties, ObjectProvider<PcpSimulatorTrust> trusted) {
        return new ClientKeys(properties.clientKeys(), properties.acceptUnknownKeys(), trusted::orderedStream);
    }

    @Bean
    PcpSimulatorStatus pcpSimulatorStatus(PcpSimProperties properties, AnacMaterial anac, Chronology chronology,
            ClientKeys keys) {
        String description;
        if (!properties.enabled()) {
            description = "Simulatore PCP disattivato (openesecuzione.pcp-sim.enabled=false).";
        } else {
            description = "Simulatore PCP locale su " + properties.basePath() + " (nessuna trasmissione ad ANAC). "
                    + (anac.configured()
                            ? "Schede verificate con schemi JSON, regole DMN e liste di codici di ANAC da " + anac.root().get()
                            : "Cartella ANAC non configurata (openesecuzione.pcp-sim.anac-dir): nessuna verifica di schema,"
                                    + " regole DMN o liste di codici")
                    + "; ordine delle schede: " + chronology.source() + "; "
                    + (keys.strict() ? "firme RS256 verificate con " + keys.configuredCount() + " chiavi configurate"
                            : keys.configuredCount() + " chiavi configurate: firme verificate per le chiavi note, per le"
                                    + " altre solo struttura e claim")
                    + ".";
        }
        log.info(description);
        Optional<Path> dir = anac.root();
        String basePath = properties.basePath();
        boolean enabled = properties.enabled();
        return new PcpSimulatorStatus() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public String basePath() {
                return basePath;
            }

            @Override
            public Optional<Path> anacDir() {
                return dir;
            }

            @Override
            public String description() {
                return description;
            }
        };
    }

    /** The simulator proper, only when enabled. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "openesecuzione.pcp-sim.enabled", matchIfMissing = true)
    static class Enabled {

        @Bean
        SimulatorStore pcpSimStore(JdbcClient jdbc) {
            return new SimulatorStore(jdbc);
        }

        @Bean
        Simulator pcpSimulator(SimulatorStore store, AnacMaterial anac, Chronology chronology, Clock clock,
                PlatformTransactionManager transactionManager, PcpSimProperties properties) {
            return new Simulator(store, anac, chronology, clock, transactionManager, properties);
        }

        @Bean
        Jtis pcpSimJtis(JdbcClient jdbc) {
            return new Jtis(jdbc);
        }

        @Bean
        Vouchers pcpSimVouchers(JdbcClient jdbc, ClientKeys keys, Jtis jtis, Clock clock, PcpSimProperties properties) {
            return new Vouchers(jdbc, keys, jtis, clock, properties);
        }

        @Bean
        TrackingEvidenceCheck pcpSimTrackingEvidence(ClientKeys keys, Jtis jtis, PcpSimProperties properties) {
            return new TrackingEvidenceCheck(keys, jtis, properties);
        }

        @Bean
        FaultSettings pcpSimFaults(JdbcClient jdbc, PcpSimProperties properties, Clock clock) {
            return new FaultSettings(jdbc, properties.faults(), clock);
        }

        @Bean
        RateLimits pcpSimRateLimits(JdbcClient jdbc, PcpSimProperties properties) {
            return new RateLimits(jdbc, properties.rateLimit());
        }

        /**
         * The simulator's own chain, before the platform's API and page chains: no login, no
         * session, no CSRF; the gate checks vouchers and tracking tokens as ANAC's gateway does.
         */
        @Bean
        @Order(0)
        SecurityFilterChain pcpSimulatorChain(HttpSecurity http, PcpSimProperties properties, FaultSettings faults,
                Vouchers vouchers, TrackingEvidenceCheck tracking, RateLimits rateLimits, Clock clock) throws Exception {
            SimulatorGate gate = new SimulatorGate(properties, faults, vouchers, tracking, rateLimits, clock);
            return http.securityMatcher(properties.basePath() + "/**")
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .logout(logout -> logout.disable())
                    .requestCache(cache -> cache.disable())
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .addFilterBefore(gate, AuthorizationFilter.class)
                    .build();
        }

        @Bean
        @ConditionalOnClass(name = "org.apache.catalina.Valve")
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> pcpSimDroppedConnections() {
            return factory -> factory.addContextCustomizers(context -> context.getPipeline()
                    .addValve(new DroppedConnectionValve()));
        }
    }
}
