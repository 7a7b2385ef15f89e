package it.openesecuzione.identity.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect provider for the tests, playing the SPID/CIE gateway: Spring Authorization
 * Server in its own small Spring Boot application on a random port, in the test JVM.
 *
 * <p>It publishes the codice fiscale as SPID gateways do: claim {@code fiscalNumber} with the ETSI
 * prefix {@code TINIT-}, in the ID token, the userinfo response and the (JWT) access token.
 *
 * <p>Its Spring configuration is the nested {@link ProviderApplication}, which is deliberately
 * <em>not</em> a stereotype ({@code @Configuration}, {@code @Component}, {@code @SpringBootConfiguration}):
 * this package lies inside the platform's component scan, which picks up only stereotype-annotated
 * classes, so the provider's beans never leak into the platform's context. The class is only ever
 * a source of the provider's own {@link SpringApplicationBuilder}; its {@code @Bean} methods run in
 * "lite" mode, which is why they get their collaborators as parameters.
 */
final class OidcTestProvider implements AutoCloseable {

    static final String FISCAL_NUMBER = "fiscalNumber";
    static final String PASSWORD = "Spid-Test-2026!";

    /** The demo RUP of Comune di Genova (platform user genova.rup). */
    static final String ROSSI = "sso.rossi";
    static final String ROSSI_FISCAL_NUMBER = "TINIT-RSSMRA75C12D969M";
    /** A citizen with a well-formed codice fiscale that no platform user has. */
    static final String UNKNOWN = "sso.ignoto";
    static final String UNKNOWN_FISCAL_NUMBER = "TINIT-VRNGNN80A01H501U";
    /** An identity for which the gateway releases no codice fiscale at all. */
    static final String WITHOUT_FISCAL_NUMBER = "sso.senzacf";

    /** The platform's registration (spring.security.oauth2.client.registration.spid). */
    static final String PLATFORM_CLIENT = "openesecuzione";
    static final String PLATFORM_SECRET = "openesecuzione-secret";
    /** A second client, driven directly by the tests to obtain access tokens for the API. */
    static final String API_CLIENT = "api-test";
    static final String API_SECRET = "api-test-secret";
    /**
     * Loopback redirect URIs: for 127.0.0.1 the server accepts any port at request time (RFC 8252
     * §7.3, OAuth 2.1 §8.4.2), so the platform may run on a random port unknown at registration.
     */
    static final String PLATFORM_REDIRECT_URI = "http://127.0.0.1/login/oauth2/code/spid";
    static final String API_REDIRECT_URI = "http://127.0.0.1/callback";

    /** The demo works director of Comune di Genova (genova.dl), who authenticates at SPID level 1 only. */
    static final String BIANCHI_LEVEL_1 = "sso.bianchi";
    /** The demo DL of Comune di Savona (savona.dl), through a gateway that states no acr at all. */
    static final String GALLI_WITHOUT_ACR = "sso.galli";

    /** How the gateway says it authenticated each person: {@code acr}, and {@code idp_type} for the provider. */
    static final String ROSSI_ACR = "https://www.spid.gov.it/SpidL2";
    static final String ROSSI_IDP_TYPE = "cie";

    private static final Map<String, String> FISCAL_NUMBERS = Map.of(ROSSI, ROSSI_FISCAL_NUMBER,
            UNKNOWN, UNKNOWN_FISCAL_NUMBER, BIANCHI_LEVEL_1, "TINIT-BNCLRA80A41D969I",
            GALLI_WITHOUT_ACR, "TINIT-GLLFNC82T55I480G");
    private static final Map<String, String> ACR = Map.of(ROSSI, ROSSI_ACR,
            UNKNOWN, "https://www.spid.gov.it/SpidL2", WITHOUT_FISCAL_NUMBER, "https://www.spid.gov.it/SpidL2",
            BIANCHI_LEVEL_1, "https://www.spid.gov.it/SpidL1");

    private final ConfigurableApplicationContext context;
    private final String issuer;

    private OidcTestProvider(ConfigurableApplicationContext context) {
        this.context = context;
        // The issuer is not fixed in AuthorizationServerSettings: the server derives it from the
        // request, so everybody (platform and tests) must call it under this same host name.
        this.issuer = "http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    /** Starts the provider on a random port. */
    static OidcTestProvider start() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ProviderApplication.class)
                .web(WebApplicationType.SERVLET)
                // Command-line arguments win over everything: the provider reads none of the
                // platform's application*.yml, binds a random port and stays quiet.
                .run("--spring.config.name=oidc-test-provider", "--server.port=0", "--spring.main.banner-mode=off",
                        "--spring.application.name=oidc-test-provider", "--logging.level.root=warn",
                        "--spring.jmx.enabled=false");
        return new OidcTestProvider(context);
    }

    /** {@code http://localhost:<port>}: issuer, discovery base and endpoints' base. */
    String issuer() {
        return issuer;
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * Only what the provider needs: Tomcat, a DispatcherServlet (without any servlet Tomcat answers
     * 404 before the filters run) and the registration of Spring Security's filter chain; none of
     * the platform's auto-configuration (data source, Flyway, sessions, ...).
     */
    @EnableWebSecurity
    @ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class })
    static class ProviderApplication {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(oidc -> oidc.userInfoEndpoint(userInfo -> userInfo.userInfoMapper(
                                context -> userInfo(context.getAuthorization()))));
                    })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    // Browsers (Accept: text/html) go to the login form; the userinfo endpoint
                    // authenticates the access token.
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), htmlRequests()))
                    .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername(ROSSI).password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername(UNKNOWN).password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername(WITHOUT_FISCAL_NUMBER).password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername(BIANCHI_LEVEL_1).password("{noop}" + PASSWORD).roles("USER").build(),
                    User.withUsername(GALLI_WITHOUT_ACR).password("{noop}" + PASSWORD).roles("USER").build());
        }

        @Bean
        RegisteredClientRepository clients() {
            RegisteredClient platform = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(PLATFORM_CLIENT)
                    .clientSecret("{noop}" + PLATFORM_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .redirectUri(PLATFORM_REDIRECT_URI)
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    // The platform sends PKCE (S256) although it is a confidential client, as the
                    // SPID/CIE OIDC rules ask: the provider demands it to prove that.
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).requireProofKey(true)
                            .build())
                    .build();
            RegisteredClient tests = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(API_CLIENT)
                    .clientSecret("{noop}" + API_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .redirectUri(API_REDIRECT_URI)
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).requireProofKey(true)
                            .build())
                    .build();
            return new InMemoryRegisteredClientRepository(platform, tests);
        }

        /**
         * fiscalNumber in every token issued for a user who has one, and acr with idp_type as the
         * gateway states how it authenticated them: ID token and JWT access token alike.
         */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> fiscalNumberClaim() {
            return context -> {
                String name = context.getPrincipal().getName();
                String fiscalNumber = FISCAL_NUMBERS.get(name);
                if (fiscalNumber != null) {
                    context.getClaims().claim(FISCAL_NUMBER, fiscalNumber);
                }
                if (ACR.containsKey(name)) {
                    context.getClaims().claim("acr", ACR.get(name));
                }
                if (ROSSI.equals(name)) {
                    context.getClaims().claim("idp_type", ROSSI_IDP_TYPE);
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> jwkSource() {
            KeyPair keys = rsaKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        /** Validates the provider's own access tokens at its userinfo endpoint. */
        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }

        private static OidcUserInfo userInfo(OAuth2Authorization authorization) {
            OidcIdToken idToken = authorization.getToken(OidcIdToken.class).getToken();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", idToken.getSubject());
            if (idToken.hasClaim(FISCAL_NUMBER)) {
                claims.put(FISCAL_NUMBER, idToken.getClaimAsString(FISCAL_NUMBER));
            }
            return new OidcUserInfo(claims);
        }

        private static MediaTypeRequestMatcher htmlRequests() {
            MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
            matcher.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
            return matcher;
        }

        static KeyPair rsaKeyPair() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
