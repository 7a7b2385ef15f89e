package it.openesecuzione;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import it.openesecuzione.support.TestClockConfiguration;

/**
 * The whole application on a fresh embedded PostgreSQL, seeded with the demo data (which the
 * tests use as fixtures), on a random port, with a {@link it.openesecuzione.support.TestClock}. Test classes with no further configuration share one
 * context, hence one database: tests create their own data rather than assume an empty one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
public @interface IntegrationTest {
}
