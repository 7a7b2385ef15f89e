package it.openesecuzione.identity.oidc;

import static it.openesecuzione.identity.oidc.HttpBrowser.location;
import static it.openesecuzione.identity.oidc.HttpBrowser.queryParameter;
import static it.openesecuzione.identity.oidc.OidcTestProvider.API_CLIENT;
import static it.openesecuzione.identity.oidc.OidcTestProvider.API_REDIRECT_URI;
import static it.openesecuzione.identity.oidc.OidcTestProvider.API_SECRET;
import static it.openesecuzione.identity.oidc.OidcTestProvider.BIANCHI_LEVEL_1;
import static it.openesecuzione.identity.oidc.OidcTestProvider.FISCAL_NUMBER;
import static it.openesecuzione.identity.oidc.OidcTestProvider.GALLI_WITHOUT_ACR;
import static it.openesecuzione.identity.oidc.OidcTestProvider.PLATFORM_CLIENT;
import static it.openesecuzione.identity.oidc.OidcTestProvider.PLATFORM_SECRET;
import static it.openesecuzione.identity.oidc.OidcTestProvider.ROSSI;
import static it.openesecuzione.identity.oidc.OidcTestProvider.ROSSI_FISCAL_NUMBER;
import static it.openesecuzione.identity.oidc.OidcTestProvider.UNKNOWN;
import static it.openesecuzione.identity.oidc.OidcTestProvider.WITHOUT_FISCAL_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import it.openesecuzione.OpenEsecuzioneApplication;
import it.openesecuzione.execution.ExecutionApiTest;
import it.openesecuzione.identity.AuthenticatedUser;
import it.openesecuzione.identity.IdentityAssurance;
import it.openesecuzione.identity.PlatformUser;
import it.openesecuzione.identity.UserDirectory;
import it.openesecuzione.support.Fixtures;
import it.openesecuzione.support.Http;
import it.openesecuzione.transmission.TransmissionDelivery;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenID Connect login for SPID/CIE through a gateway, and OIDC access tokens on the API, against
 * a real OpenID Connect provider ({@link OidcTestProvider}, Spring Authorization Server) running in
 * this JVM; the platform runs whole, on its own fresh embedded PostgreSQL with the demo data.
 *
 * <p>Start-up order: the provider first, on a random port, from {@link #spidGateway}; then the
 * platform, configured with it (discovery through {@code issuer-uri}), on another random port. The
 * platform's redirect URI is registered at the provider as {@code http://127.0.0.1/...}: for loopback
 * addresses the provider accepts any port, so the platform's port need not be known in advance.
 * The tests reach the platform at {@code 127.0.0.1} and the provider at {@code localhost}, two
 * hosts with separate cookies, like a browser visiting two sites.
 *
 * <p>Everything goes over real HTTP with {@link HttpBrowser}; nothing is mocked. The platform
 * context is closed after the class: its configuration is unique to this class, and the provider it
 * points at is stopped. The OIDC login filter logs at TRACE so that a refusal's reason, which the
 * platform does not otherwise expose, can be checked in the captured output.
 */
@SpringBootTest(classes = OpenEsecuzioneApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "logging.level.org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter=trace")
@ActiveProfiles("test")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class SpidOidcIntegrationTest {

    private static final String GENOVA_CODICE_FISCALE = "00856930102";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static OidcTestProvider provider;

    @DynamicPropertySource
    static void spidGateway(DynamicPropertyRegistry properties) {
        if (provider == null) {
            provider = OidcTestProvider.start();
        }
        String registration = "spring.security.oauth2.client.registration.spid.";
        properties.add(registration + "client-id", () -> PLATFORM_CLIENT);
        properties.add(registration + "client-secret", () -> PLATFORM_SECRET);
        properties.add(registration + "client-authentication-method", () -> "client_secret_basic");
        properties.add(registration + "authorization-grant-type", () -> "authorization_code");
        properties.add(registration + "scope", () -> "openid,profile");
        properties.add(registration + "client-name", () -> "SPID / CIE");
        properties.add("spring.security.oauth2.client.provider.spid.issuer-uri", provider::issuer);
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", provider::issuer);
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
            provider = null;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    @Autowired
    UserDirectory directory;

    @Autowired
    TransmissionDelivery delivery;

    @Autowired
    JdbcClient jdbc;

    @Test
    void spidLoginAuthenticatesTheUserWithThatCodiceFiscale() {
        HttpBrowser browser = new HttpBrowser();

        HttpResponse<String> callback = loginThroughGateway(browser, ROSSI);

        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(location(callback)).isEqualTo(app("/"));
        // The session now holds an OIDC authentication of platform user genova.rup ...
        String sessionId = sessionId(browser).orElseThrow(() -> new AssertionError("No platform session cookie"));
        Authentication authentication = sessionAuthentication(sessionId)
                .orElseThrow(() -> new AssertionError("The session is not authenticated"));
        assertThat(authentication).isInstanceOf(OAuth2AuthenticationToken.class);
        assertThat(((OAuth2AuthenticationToken) authentication).getAuthorizedClientRegistrationId()).isEqualTo("spid");
        assertThat(authentication.getName()).isEqualTo("genova.rup");
        PlatformUser user = ((AuthenticatedUser) authentication.getPrincipal()).platformUser();
        assertThat(user.username()).isEqualTo("genova.rup");
        assertThat(user.codiceFiscale()).isEqualTo("RSSMRA75C12D969M");
        assertThat(authentication.getAuthorities()).extracting(Object::toString).contains("ROLE_RUP");
        // How the gateway authenticated him (acr SpidL2 = LoA 3, idp_type cie): the platform states it to ANAC.
        assertThat(((AuthenticatedUser) authentication.getPrincipal()).assurance())
                .isEqualTo(new IdentityAssurance("3", IdentityAssurance.IdentityProvider.CIE));
        assertThat(sessions.findByPrincipalName("genova.rup")).containsKey(sessionId);
        // ... so pages behind login are served to it, while a browser without it goes to /login.
        HttpResponse<String> contracts = browser.get(app("/contratti"));
        assertThat(contracts.statusCode()).isEqualTo(200);
        assertThat(contracts.body()).contains("Mario Rossi").contains("Comune di Genova")
                .contains("accesso con CIE, livello di garanzia 3");
        assertThat(location(new HttpBrowser().get(app("/contratti")))).isEqualTo(app("/login"));
        // The API is stateless: the web session is no credential there (no CSRF exposure).
        assertThat(browser.getJson(app("/api/v1/contracts"), null).statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            UNKNOWN + " | Nessun utente abilitato con codice fiscale VRNGNN80A01H501U",
            WITHOUT_FISCAL_NUMBER + " | non ha fornito il codice fiscale",
            BIANCHI_LEVEL_1 + " | Accesso di livello 1",
            GALLI_WITHOUT_ACR + " | non ha indicato il livello di autenticazione (acr)" })
    void spidLoginWithoutARegisteredCodiceFiscaleOrAnAdequateLevelIsRefused(String gatewayUser, String reason, CapturedOutput output) {
        HttpBrowser browser = new HttpBrowser();

        HttpResponse<String> callback = loginThroughGateway(browser, gatewayUser);

        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(location(callback)).isEqualTo(app("/login?oidc"));
        // Refused for that reason, not for some other failure of the flow (the failure handler
        // answers /login?oidc to all of them): the login filter traces the exception.
        assertThat(output.getAll()).contains(reason);
        assertThat(sessionId(browser).flatMap(this::sessionAuthentication)).isEmpty();
        assertThat(location(browser.get(app("/")))).isEqualTo(app("/login"));
    }

    @Test
    void apiAcceptsTheOidcAccessTokenOfAPlatformUser() throws ParseException {
        String token = accessToken(ROSSI);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim(FISCAL_NUMBER)).isEqualTo(ROSSI_FISCAL_NUMBER);

        HttpResponse<String> response = new HttpBrowser().getJson(app("/api/v1/contracts?size=100"), "Bearer " + token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long genova = directory.findAuthorityByCodiceFiscale(GENOVA_CODICE_FISCALE).orElseThrow().id();
        List<Number> authorities = JsonPath.read(response.body(), "$.items[*].authorityId");
        assertThat(authorities).isNotEmpty().allSatisfy(id -> assertThat(id.longValue()).isEqualTo(genova));
    }

    /**
     * An event recorded with an OIDC access token reaches PCP (the simulator) in that person's name and
     * with that login's level and provider, as the tracking token of crea-scheda states them.
     */
    @Test
    void aSchedaReachesPcpWithTheLoginOfWhoRecordedItsEvent() {
        Http localRup = Http.basic(port, "genova.rup");
        Map<String, Object> body = new java.util.HashMap<>(Fixtures.worksContract(
                directory.findByUsername("genova.rup").orElseThrow().id(), "Rifacimento della copertura della scuola Garaventa"));
        java.util.UUID idAppalto = java.util.UUID.randomUUID();
        body.put("idAppalto", idAppalto.toString());
        HttpResponse<String> created = localRup.postJson("/api/v1/contracts", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long contract = Http.json(created).get("id").asLong();

        HttpResponse<String> recorded = Http.bearer(port, accessToken(ROSSI)).postJson("/api/v1/contracts/" + contract
                + "/events", ExecutionApiTest.signing("2026-02-10", "2026-08-31", 1000));
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
        delivery.deliverDue();

        String creator = jdbc.sql("select created_by::text from pcpsim_scheda where id_appalto = ?").param(idAppalto)
                .query(String.class).single();
        assertThat(JsonPath.<Map<String, Object>>read(creator, "$")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "userCodiceFiscale", "RSSMRA75C12D969M", "userRole", "RP", "userLoa", "3", "userIdpType", "CIE"));
    }

    @Test
    void apiRefusesTheAccessTokenOfAnUnknownCodiceFiscale() throws ParseException {
        String token = accessToken(UNKNOWN);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim(FISCAL_NUMBER))
                .isEqualTo(OidcTestProvider.UNKNOWN_FISCAL_NUMBER);

        assertUnauthorizedProblem(new HttpBrowser().getJson(app("/api/v1/contracts"), "Bearer " + token));
    }

    @Test
    void apiRefusesAnAccessTokenWithoutAUser() throws ParseException {
        HttpResponse<String> response = new HttpBrowser().postForm(provider.issuer() + "/oauth2/token",
                Map.of("grant_type", "client_credentials", "scope", "profile"), API_CLIENT, API_SECRET);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = JsonPath.read(response.body(), "$.access_token");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getClaim(FISCAL_NUMBER)).isNull();

        assertUnauthorizedProblem(new HttpBrowser().getJson(app("/api/v1/contracts"), "Bearer " + token));
    }

    @Test
    void apiRefusesGarbageAndForgedTokens() throws Exception {
        assertUnauthorizedProblem(new HttpBrowser().getJson(app("/api/v1/contracts"), "Bearer not-a-token"));
        assertUnauthorizedProblem(new HttpBrowser().getJson(app("/api/v1/contracts"), "Bearer eyJhbGciOiJub25lIn0.e30."));

        // A genuine token's header and claims, signed with another key under the provider's key id.
        SignedJWT genuine = SignedJWT.parse(accessToken(ROSSI));
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(genuine.getHeader().getKeyID())
                .type(genuine.getHeader().getType()).build(), genuine.getJWTClaimsSet());
        forged.sign(new RSASSASigner(OidcTestProvider.ProviderApplication.rsaKeyPair().getPrivate()));
        assertUnauthorizedProblem(new HttpBrowser().getJson(app("/api/v1/contracts"), "Bearer " + forged.serialize()));
    }

    /**
     * A browser's trip: platform → provider (login form) → platform callback; returns the
     * platform's answer to the callback.
     */
    private HttpResponse<String> loginThroughGateway(HttpBrowser browser, String gatewayUser) {
        HttpResponse<String> start = browser.get(app("/oauth2/authorization/spid"));
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = location(start);
        assertThat(authorize).startsWith(provider.issuer() + "/oauth2/authorize?");
        assertThat(queryParameter(authorize, "client_id")).contains(PLATFORM_CLIENT);
        assertThat(queryParameter(authorize, "redirect_uri")).contains(app("/login/oauth2/code/spid"));

        String callback = signInAtProvider(browser, authorize, gatewayUser);

        assertThat(callback).startsWith(app("/login/oauth2/code/spid?"));
        assertThat(queryParameter(callback, "code")).isPresent();
        return browser.get(callback);
    }

    /** Follows an authorization request through the provider's login form; returns the redirect back. */
    private static String signInAtProvider(HttpBrowser browser, String authorizationRequest, String gatewayUser) {
        HttpResponse<String> toLogin = browser.get(authorizationRequest);
        assertThat(toLogin.statusCode()).as(toLogin.body()).isEqualTo(302);
        assertThat(location(toLogin)).isEqualTo(provider.issuer() + "/login");
        HttpResponse<String> form = browser.follow(toLogin);
        assertThat(form.statusCode()).isEqualTo(200);

        HttpResponse<String> loggedIn = browser.postForm(provider.issuer() + "/login", Map.of("username", gatewayUser,
                "password", OidcTestProvider.PASSWORD, "_csrf", HttpBrowser.csrfToken(form)));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(location(loggedIn)).startsWith(provider.issuer() + "/oauth2/authorize?");

        HttpResponse<String> authorized = browser.follow(loggedIn);
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(302);
        return location(authorized);
    }

    /** An access token for a gateway user, by the authorization code flow (with PKCE) of the test client. */
    private static String accessToken(String gatewayUser) {
        HttpBrowser browser = new HttpBrowser();
        String verifier = randomToken();
        String state = randomToken();
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", API_CLIENT);
        request.put("scope", "openid profile");
        request.put("redirect_uri", API_REDIRECT_URI);
        request.put("state", state);
        request.put("code_challenge", codeChallenge(verifier));
        request.put("code_challenge_method", "S256");

        String back = signInAtProvider(browser, provider.issuer() + "/oauth2/authorize?" + query(request), gatewayUser);

        assertThat(back).startsWith(API_REDIRECT_URI + "?");
        assertThat(queryParameter(back, "state")).contains(state);
        String code = queryParameter(back, "code").orElseThrow(() -> new AssertionError("No code in " + back));
        HttpResponse<String> response = browser.postForm(provider.issuer() + "/oauth2/token",
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", API_REDIRECT_URI,
                        "code_verifier", verifier),
                API_CLIENT, API_SECRET);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.access_token");
    }

    private Optional<String> sessionId(HttpBrowser browser) {
        return browser.cookie(app("/"), "SESSION")
                .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
    }

    private Optional<Authentication> sessionAuthentication(String sessionId) {
        return Optional.ofNullable(sessions.findById(sessionId))
                .map(session -> session.<SecurityContext>getAttribute(
                        HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY))
                .map(SecurityContext::getAuthentication);
    }

    private static void assertUnauthorizedProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((Integer) JsonPath.read(response.body(), "$.status")).isEqualTo(401);
    }

    private String app(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String codeChallenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }
}
