package it.openesecuzione.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.openesecuzione.identity.IdentityAssurance;
import it.openesecuzione.identity.IdentityAssurance.IdentityProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OidcAssuranceTest {

    private final OidcAssurance gateway = new OidcAssurance("idp_type", IdentityProvider.SPID, null);

    @ParameterizedTest
    @CsvSource({
            "https://www.spid.gov.it/SpidL2, 3",
            "https://www.spid.gov.it/SpidL3, 4",
            "CieL3, 4",
            "http://eidas.europa.eu/LoA/substantial, 3",
            "http://eidas.europa.eu/LoA/high, 4" })
    void theLevelComesFromAcr(String acr, String level) {
        assertThat(gateway.read(Map.of("acr", acr)).levelOfAssurance()).isEqualTo(level);
    }

    @ParameterizedTest
    @CsvSource({ "https://www.spid.gov.it/SpidL1", "http://eidas.europa.eu/LoA/low" })
    void levelOneIsRefused(String acr) {
        assertThatThrownBy(() -> gateway.read(Map.of("acr", acr)))
                .isInstanceOfSatisfying(OidcAssurance.Insufficient.class, e -> assertThat(e.code()).isEqualTo("livello_insufficiente"))
                .hasMessageContaining("livello 2 o 3");
    }

    @Test
    void anUnknownAcrIsRefusedNamingIt() {
        assertThatThrownBy(() -> gateway.read(Map.of("acr", "urn:example:mfa")))
                .isInstanceOfSatisfying(OidcAssurance.Insufficient.class, e -> assertThat(e.code()).isEqualTo("acr_sconosciuto"))
                .hasMessageContaining("urn:example:mfa");
    }

    @Test
    void withoutAcrTheLoginIsRefusedUnlessTheInstallationStatesTheLevel() {
        assertThatThrownBy(() -> gateway.read(Map.of("sub", "x")))
                .isInstanceOfSatisfying(OidcAssurance.Insufficient.class, e -> assertThat(e.code()).isEqualTo("acr_assente"));

        OidcAssurance stated = new OidcAssurance("idp_type", IdentityProvider.CIE, "4");
        assertThat(stated.read(Map.of("sub", "x"))).isEqualTo(new IdentityAssurance("4", IdentityProvider.CIE));
    }

    @ParameterizedTest
    @CsvSource({ "cie, CIE", "SPID, SPID", "spid-idp, SPID", "CNS, CNS", "eidas, EIDAS" })
    void theProviderComesFromTheConfiguredClaim(String stated, IdentityProvider provider) {
        assertThat(gateway.read(Map.of("acr", "https://www.spid.gov.it/SpidL2", "idp_type", stated)).provider())
                .isEqualTo(provider);
    }

    @ParameterizedTest
    @CsvSource({ "password", "CUSTOM" })
    void aProviderThePlatformCannotNameIsRefusedNotGuessed(String stated) {
        assertThatThrownBy(() -> gateway.read(Map.of("acr", "https://www.spid.gov.it/SpidL2", "idp_type", stated)))
                .isInstanceOfSatisfying(OidcAssurance.Insufficient.class, e -> assertThat(e.code()).isEqualTo("idp_sconosciuto"))
                .hasMessageContaining(stated);
    }

    @Test
    void aWrongStatedLevelStopsTheStartNotTheFirstLogin() {
        assertThatThrownBy(() -> new OidcAssurance("idp_type", IdentityProvider.SPID, "2")).hasMessageContaining("3 o 4");
    }

    @Test
    void withoutTheClaimAnEidasAcrMeansEidasAndAnythingElseTheDefault() {
        assertThat(gateway.read(Map.of("acr", "http://eidas.europa.eu/LoA/high")).provider()).isEqualTo(IdentityProvider.EIDAS);
        assertThat(gateway.read(Map.of("acr", "https://www.spid.gov.it/SpidL2")).provider()).isEqualTo(IdentityProvider.SPID);
    }

    @Test
    void onlyTheLevelsPcpAcceptsExist() {
        assertThatThrownBy(() -> new IdentityAssurance("2", IdentityProvider.SPID)).hasMessageContaining("3 o 4");
        assertThat(IdentityAssurance.stored(null, null)).isNull();
        assertThat(IdentityAssurance.stored("4", "CIE")).isEqualTo(new IdentityAssurance("4", IdentityProvider.CIE));
    }
}
