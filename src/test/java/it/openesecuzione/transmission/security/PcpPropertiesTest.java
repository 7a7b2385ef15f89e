package it.openesecuzione.transmission.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

class PcpPropertiesTest {

    static PcpProperties bind(PropertySource<?> source) {
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate("openesecuzione.pcp",
                PcpProperties.class);
    }

    static PcpProperties bind(Map<String, Object> properties) {
        return bind(new MapPropertySource("test", properties));
    }

    @Test
    void defaultsToTheSimulatorWithTheDigestBindingOn() {
        PcpProperties properties = bind(Map.of());

        assertThat(properties.environment()).isEqualTo(PcpEnvironment.SIMULATOR);
        assertThat(properties.bindTrackingDigest()).isTrue();
        assertThat(properties.trackingTokenValidity()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.clientAssertionValidity()).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.voucherRefreshMargin()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.tokenRequestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.key().isConfigured()).isFalse();
        assertThat(properties.authorities()).isEmpty();
        assertThat(properties.versions()).containsEntry(PcpContext.COMUNICA_POST_PUBBLICAZIONE, 2)
                .containsEntry(PcpContext.SERVIZI_COMUNI, 2)
                .containsEntry(PcpContext.CODE_LIST, 2)
                .containsEntry(PcpContext.GESTIONE_UTENTI, 1)
                .containsEntry(PcpContext.COMUNICA_APPALTO, 2);
    }

    @Test
    void knowsTheObservedUrlsOfAnacsEnvironments() {
        PcpProperties properties = bind(Map.of());

        assertThat(properties.environments().get(PcpEnvironment.QUALIFICAZIONE)).isEqualTo(new PcpProperties.Endpoints(
                "https://apigw-test.anticorruzione.it", "https://auth.uat.interop.pagopa.it/token.oauth2",
                "auth.uat.interop.pagopa.it/client-assertion"));
        assertThat(properties.environments().get(PcpEnvironment.ATTESTAZIONE)).isEqualTo(new PcpProperties.Endpoints(
                "https://apigw-attestazione.anticorruzione.it", "https://auth.att.interop.pagopa.it/token.oauth2",
                "auth.att.interop.pagopa.it/client-assertion"));
        assertThat(properties.environments().get(PcpEnvironment.ESERCIZIO)).isEqualTo(new PcpProperties.Endpoints(
                "https://apigw.anticorruzione.it", "https://auth.interop.pagopa.it/token.oauth2",
                "auth.interop.pagopa.it/client-assertion"));
    }

    @Test
    void pointsTheSimulatorAtThePortTheServerTook() {
        PcpProperties properties = bind(Map.of());
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "0")
                .withProperty("local.server.port", "54321");

        PcpEndpoints endpoints = new PcpEndpoints(properties, environment::resolveRequiredPlaceholders);

        assertThat(endpoints.serviceUrl(PcpContext.COMUNICA_POST_PUBBLICAZIONE))
                .isEqualTo("http://localhost:54321/pcp-sim/modi/rest/ComunicaPostPubblicazione/v2");
        assertThat(endpoints.operationUri(PcpContext.SERVIZI_COMUNI, "esito-operazione"))
                .hasToString("http://localhost:54321/pcp-sim/modi/rest/ServiziComuni/v2/esito-operazione");
        assertThat(endpoints.tokenEndpoint()).hasToString("http://localhost:54321/pcp-sim/token");
        assertThat(endpoints.tokenAudience()).isEqualTo("http://localhost:54321/pcp-sim/token");
        assertThat(new PcpEndpoints(properties, new MockEnvironment().withProperty("server.port", "8443")
                ::resolveRequiredPlaceholders).tokenEndpoint()).hasToString("http://localhost:8443/pcp-sim/token");
    }

    @Test
    void bindsContextsWrittenAsPathSegmentsAndOverridesPerEnvironment() {
        PcpProperties properties = bind(Map.of(
                "openesecuzione.pcp.environment", "qualificazione",
                "openesecuzione.pcp.environments.qualificazione.base-url", "https://gw.example/",
                "openesecuzione.pcp.versions.GestioneUtenti", "2",
                "openesecuzione.pcp.purpose-ids.ComunicaPostPubblicazione", "p-cpp",
                "openesecuzione.pcp.purpose-ids.servizi-comuni", "p-sc",
                "openesecuzione.pcp.bind-tracking-digest", "false",
                "openesecuzione.pcp.tracking-token-validity", "5s",
                "openesecuzione.pcp.authorities.0000012345.client-id", "client-comune",
                "openesecuzione.pcp.authorities.0000012345.purpose-ids.CodeList", "p-cl"));

        assertThat(properties.environment()).isEqualTo(PcpEnvironment.QUALIFICAZIONE);
        assertThat(properties.endpoints()).isEqualTo(new PcpProperties.Endpoints("https://gw.example/",
                "https://auth.uat.interop.pagopa.it/token.oauth2", "auth.uat.interop.pagopa.it/client-assertion"));
        assertThat(properties.versions()).containsEntry(PcpContext.GESTIONE_UTENTI, 2)
                .containsEntry(PcpContext.SERVIZI_COMUNI, 2);
        assertThat(properties.purposeIds()).isEqualTo(Map.of(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "p-cpp",
                PcpContext.SERVIZI_COMUNI, "p-sc"));
        assertThat(properties.bindTrackingDigest()).isFalse();
        assertThat(properties.trackingTokenValidity()).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.authorities().get("0000012345").clientId()).isEqualTo("client-comune");
        assertThat(properties.authorities().get("0000012345").purposeIds())
                .isEqualTo(Map.of(PcpContext.CODE_LIST, "p-cl"));
        PcpEndpoints endpoints = new PcpEndpoints(properties, s -> s);
        assertThat(endpoints.baseUrl()).hasToString("https://gw.example");
        assertThat(endpoints.serviceUrl(PcpContext.fromSegment("GestioneUtenti")))
                .isEqualTo("https://gw.example/modi/rest/GestioneUtenti/v2");
    }

    @Test
    void takesSecretsFromEnvironmentVariables() {
        PcpProperties properties = bind(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "OPENESECUZIONE_PCP_ENVIRONMENT", "ESERCIZIO",
                "OPENESECUZIONE_PCP_CLIENTID", "client-env",
                "OPENESECUZIONE_PCP_KEY_KEYSTOREFILE", "/run/secrets/pcp.p12",
                "OPENESECUZIONE_PCP_KEY_PASSWORD", "from-the-environment",
                "OPENESECUZIONE_PCP_PURPOSEIDS_COMUNICAPOSTPUBBLICAZIONE", "p-cpp",
                "OPENESECUZIONE_PCP_AUTHORITIES_0000012345_KEY_PASSWORD", "authority-secret")));

        assertThat(properties.environment()).isEqualTo(PcpEnvironment.ESERCIZIO);
        assertThat(properties.clientId()).isEqualTo("client-env");
        assertThat(properties.key().keystoreFile()).isEqualTo("/run/secrets/pcp.p12");
        assertThat(properties.key().keystoreType()).isEqualTo("PKCS12");
        assertThat(properties.key().password()).isEqualTo("from-the-environment");
        assertThat(properties.purposeIds()).containsEntry(PcpContext.COMUNICA_POST_PUBBLICAZIONE, "p-cpp");
        assertThat(properties.authorities().get("0000012345").key().password()).isEqualTo("authority-secret");
        assertThat(properties.toString()).doesNotContain("from-the-environment").doesNotContain("authority-secret")
                .contains("/run/secrets/pcp.p12");
    }

    @Test
    void refusesATrackingTokenLongerThanAnacAccepts() {
        assertThatThrownBy(() -> bind(Map.of("openesecuzione.pcp.tracking-token-validity", "30s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("tracking-token-validity");
    }

    @Test
    void refusesAKeyGivenBothAsPemAndAsKeystore() {
        assertThatThrownBy(() -> bind(Map.of("openesecuzione.pcp.key.pem-file", "/a.pem",
                "openesecuzione.pcp.key.keystore-file", "/a.p12")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("non entrambi");
    }
}
