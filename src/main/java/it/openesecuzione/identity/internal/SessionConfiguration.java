package it.openesecuzione.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Sessions live in PostgreSQL, their attributes (the login among them) serialised with Java
 * serialisation. An attribute written by another version of the platform (before an upgrade, or by
 * an older node during a rolling one) may no longer read: it is then dropped, and the user is asked to
 * log in again, instead of every request of that session failing until it expires.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SessionConfiguration.class);

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionAttributesOfOtherVersions() {
        return repository -> {
            DeserializingConverter deserializer = new DeserializingConverter(SessionConfiguration.class.getClassLoader());
            GenericConversionService conversion = new GenericConversionService();
            conversion.addConverter(Object.class, byte[].class, new SerializingConverter());
            conversion.addConverter(byte[].class, Object.class, bytes -> {
                try {
                    return deserializer.convert(bytes);
                } catch (SerializationFailedException e) {
                    log.info("Attributo di sessione non leggibile da questa versione, ignorato (nuovo accesso richiesto): {}",
                            e.getMostSpecificCause().getMessage());
                    return null;
                }
            });
            repository.setConversionService(conversion);
        };
    }
}
