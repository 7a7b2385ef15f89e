package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two filter chains: the API (stateless; HTTP Basic, personal API tokens, OIDC access tokens) and
 * the web pages (form login with lockout, OpenID Connect login when a provider is configured).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Transactions of the HTTP session store (Spring Session JDBC, which picks this bean by its
     * name). Sessions are not tenant data (no row-level security), and they must not go through the
     * application's transaction manager: that one asks the current user for the tenant scope, the
     * current user is read from the session, and so the first load of a session in a request
     * recursed (one pooled connection per level) until the pool ran dry. Not a default candidate,
     * so that it neither replaces Boot's {@code TransactionTemplate} nor is injected elsewhere.
     */
    @Bean(defaultCandidate = false)
    TransactionOperations springSessionTransactionOperations(DataSource dataSource) {
        TransactionTemplate template = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template::execute;
    }

    @Bean
    FiscalCodeClaim fiscalCodeClaim(@Value("${openesecuzione.security.oidc.fiscal-code-claim:fiscalNumber}") String claim) {
        return new FiscalCodeClaim(claim);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, UserDirectory directory, FiscalCodeClaim claim,
            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();
        AuthenticationManager personalTokens = authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            PlatformUser user = tokens.authenticate(token)
                    .orElseThrow(() -> new InvalidBearerTokenException("Token non valido, scaduto o revocato"));
            return UsernamePasswordAuthenticationToken.authenticated(new TokenUser(user, "token personale"), null,
                    Authorities.of(user));
        };
        AuthenticationManager accessTokens = accessTokenManager(jwtDecoder.getIfAvailable(), directory, claim);
        AuthenticationManagerResolver<HttpServletRequest> bearer = request -> {
            String header = request.getHeader("Authorization");
            boolean personal = header != null && header.regionMatches(true, 0, "Bearer " + ApiTokens.PREFIX, 0, 10);
            return personal || accessTokens == null ? personalTokens : accessTokens;
        };
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/openapi/**", "/api/v1/docs/**", "/api/v1/swagger-ui/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .oauth2ResourceServer(resource -> resource.authenticationManagerResolver(bearer)
                        .authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /** OIDC access tokens (JWT) of the configured issuer, mapped to users by codice fiscale. */
    private static AuthenticationManager accessTokenManager(JwtDecoder decoder, UserDirectory directory,
            FiscalCodeClaim claim) {
        if (decoder == null) {
            return null;
        }
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(jwt -> {
            PlatformUser user = claim.read(jwt.getClaims()).flatMap(directory::findByCodiceFiscale)
                    .orElseThrow(() -> new InvalidBearerTokenException("Il token non identifica un utente della piattaforma"));
            return UsernamePasswordAuthenticationToken.authenticated(new TokenUser(user, "OIDC"), jwt, Authorities.of(user));
        });
        return provider::authenticate;
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidcClients,
            UserDirectory directory, FiscalCodeClaim claim) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                                "/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler((request, response, exception) -> response.sendRedirect(
                                request.getContextPath() + "/login?" + (exception instanceof LockedException ? "bloccato"
                                        : exception instanceof DisabledException ? "disabilitato" : "errore"))))
                .logout(logout -> logout.logoutSuccessUrl("/login?uscito"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                + "script-src 'self'; frame-ancestors 'none'")));
        if (oidcClients.getIfAvailable() != null) {
            http.oauth2Login(oauth -> oauth.loginPage("/login")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcUserService(directory, claim)))
                    .failureHandler((request, response, exception) -> response.sendRedirect(
                            request.getContextPath() + "/login?oidc")));
        }
        return http.build();
    }

    static OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(UserDirectory directory, FiscalCodeClaim claim) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser oidc = delegate.loadUser(request);
            String codiceFiscale = claim.read(oidc.getClaims()).orElseThrow(() -> new OAuth2AuthenticationException(
                    new OAuth2Error("codice_fiscale_assente", "Il gestore dell'identità non ha fornito il codice fiscale", null)));
            PlatformUser user = directory.findByCodiceFiscale(codiceFiscale).orElseThrow(() -> new OAuth2AuthenticationException(
                    new OAuth2Error("utente_sconosciuto", "Nessun utente abilitato con codice fiscale " + codiceFiscale, null)));
            return new PlatformOidcUser(user, oidc.getIdToken(), oidc.getUserInfo());
        };
    }
}
