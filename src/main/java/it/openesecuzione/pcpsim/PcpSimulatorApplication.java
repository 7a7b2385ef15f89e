package it.openesecuzione.pcpsim;

import it.openesecuzione.platform.DatabaseScope;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The PCP simulator alone, without the platform: only this module and the platform's database
 * foundation (embedded PostgreSQL by default, Flyway, the clock), with the profile
 * {@code pcp-sim} (port 8089, its own data directory). Run it with
 * {@code ./mvnw spring-boot:run -Dspring-boot.run.main-class=it.openesecuzione.pcpsim.PcpSimulatorApplication}
 * or {@code java -cp <the jar> -Dloader.main=it.openesecuzione.pcpsim.PcpSimulatorApplication
 * org.springframework.boot.loader.launch.PropertiesLauncher}.
 *
 * <p>Deliberately not a {@code @SpringBootApplication}: the platform's application stays the only
 * Spring Boot configuration of the code base (tests and the Maven plugin find it unambiguously),
 * and the platform's component scan does not pick this class up.
 */
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = {PcpSimulatorApplication.class, DatabaseScope.class}, excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
public class PcpSimulatorApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(PcpSimulatorApplication.class);
        application.setAdditionalProfiles("pcp-sim");
        application.run(args);
    }
}
