package it.openesecuzione.identity.internal;

import it.openesecuzione.identity.IdentityAssurance;
import it.openesecuzione.identity.IdentityAssurance.IdentityProvider;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
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
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two filter chains: the API (stateless; HTTP Basic, personal API tokens, OIDC access tokens) and
 * the web pages (form login with lockout, OpenID Connect login when a provider is configured).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    FiscalCodeClaim fiscalCodeClaim(@Value("${openesecuzione.security.oidc.fiscal-code-claim:fiscalNumber}") String claim) {
        return new FiscalCodeClaim(claim);
    }

    @Bean
    OidcAssurance oidcAssurance(@Value("${openesecuzione.security.oidc.idp-type-claim:idp_type}") String idpTypeClaim,
            @Value("${openesecuzione.security.oidc.default-idp-type:SPID}") IdentityProvider defaultProvider,
            @Value("${openesecuzione.security.oidc.default-level-of-assurance:}") String defaultLevel) {
        return new OidcAssurance(idpTypeClaim, defaultProvider, defaultLevel);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, UserDirectory directory, FiscalCodeClaim claim,
            OidcAssurance assurance, ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint();
        AuthenticationManager personalTokens = authentication -> {
            String token = ((BearerTokenAuthenticationToken) authentication).getToken();
            PlatformUser user = tokens.authenticate(token)
                    .orElseThrow(() -> new InvalidBearerTokenException("Token non valido, scaduto o revocato"));
            return UsernamePasswordAuthenticationToken.authenticated(new TokenUser(user, "token personale",
                    IdentityAssurance.PLATFORM_ACCOUNT), null,
                    Authorities.of(user));
        };
        AuthenticationManager accessTokens = accessTokenManager(jwtDecoder.getIfAvailable(), directory, claim, assurance);
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
            FiscalCodeClaim claim, OidcAssurance assurance) {
        if (decoder == null) {
            return null;
        }
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(jwt -> {
            PlatformUser user = claim.read(jwt.getClaims()).flatMap(directory::findByCodiceFiscale)
                    .orElseThrow(() -> new InvalidBearerTokenException("Il token non identifica un utente della piattaforma"));
            IdentityAssurance level;
            try {
                level = assurance.read(jwt.getClaims());
            } catch (OidcAssurance.Insufficient e) {
                throw new InvalidBearerTokenException(e.getMessage());
            }
            return UsernamePasswordAuthenticationToken.authenticated(new TokenUser(user, "OIDC", level), jwt,
                    Authorities.of(user));
        });
        return provider::authenticate;
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidcClients,
            UserDirectory directory, FiscalCodeClaim claim, OidcAssurance assurance) throws Exception {
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
        ClientRegistrationRepository clients = oidcClients.getIfAvailable();
        if (clients != null) {
            // PKCE (S256) even for this confidential client, as the SPID/CIE OIDC rules require.
            DefaultOAuth2AuthorizationRequestResolver requests = new DefaultOAuth2AuthorizationRequestResolver(clients,
                    OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
            requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            http.oauth2Login(oauth -> oauth.loginPage("/login")
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(requests))
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcUserService(directory, claim, assurance)))
                    .failureHandler((request, response, exception) -> {
                        log.warn("Accesso OIDC rifiutato: {}", exception instanceof OAuth2AuthenticationException refused
                                ? refused.getError().getErrorCode() + " - " + refused.getError().getDescription()
                                : exception.getMessage());
                        response.sendRedirect(request.getContextPath() + "/login?oidc");
                    }));
        }
        return http.build();
    }

    static OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(UserDirectory directory, FiscalCodeClaim claim,
            OidcAssurance assurance) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser oidc = delegate.loadUser(request);
            String codiceFiscale = claim.read(oidc.getClaims()).orElseThrow(() -> new OAuth2AuthenticationException(
                    new OAuth2Error("codice_fiscale_assente", "Il gestore dell'identità non ha fornito il codice fiscale", null)));
            PlatformUser user = directory.findByCodiceFiscale(codiceFiscale).orElseThrow(() -> new OAuth2AuthenticationException(
                    new OAuth2Error("utente_sconosciuto", "Nessun utente abilitato con codice fiscale " + codiceFiscale, null)));
            IdentityAssurance level;
            try {
                level = assurance.read(oidc.getIdToken().getClaims());
            } catch (OidcAssurance.Insufficient e) {
                throw new OAuth2AuthenticationException(new OAuth2Error(e.code(), e.getMessage(), null));
            }
            return new PlatformOidcUser(user, oidc.getIdToken(), oidc.getUserInfo(), level);
        };
    }
}
