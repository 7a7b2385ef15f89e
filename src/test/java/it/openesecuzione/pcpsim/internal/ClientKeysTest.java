package it.openesecuzione.pcpsim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import it.openesecuzione.pcpsim.PcpSimulatorTrust;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Which signatures the simulator verifies, and what it does with keys it does not know. */
class ClientKeysTest {

    private final RSAKey configured = key("configured");
    private final RSAKey trusted = key("trusted");
    private final RSAKey stranger = key("stranger");

    @Test
    void verifiesTokensOfConfiguredAndTrustedKeys() throws Exception {
        ClientKeys keys = keys(false);

        assertThat(keys.check(signed(configured, configured))).isEqualTo(ClientKeys.Outcome.VERIFIED);
        assertThat(keys.check(signed(trusted, trusted))).isEqualTo(ClientKeys.Outcome.VERIFIED);
        assertThat(keys.check(signed(configured, stranger))).isEqualTo(ClientKeys.Outcome.INVALID);
    }

    @Test
    void refusesUnknownKeysWhenKeysAreConfiguredUnlessToldOtherwise() throws Exception {
        assertThat(keys(false).check(signed(stranger, stranger))).isEqualTo(ClientKeys.Outcome.INVALID);
        assertThat(keys(true).check(signed(stranger, stranger))).isEqualTo(ClientKeys.Outcome.UNVERIFIED_UNKNOWN_KEY);
        assertThat(new ClientKeys(Map.of(), true, Stream::empty).check(signed(stranger, stranger)))
                .isEqualTo(ClientKeys.Outcome.UNVERIFIED_UNKNOWN_KEY);
    }

    private ClientKeys keys(boolean acceptUnknown) throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(configured.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        PcpSimulatorTrust trust = () -> new JWKSet(trusted.toPublicJWK());
        return new ClientKeys(Map.of("configured", pem), acceptUnknown, () -> Stream.of(trust));
    }

    /** A token whose header names {@code named} and which {@code signer} signed. */
    private static SignedJWT signed(RSAKey named, RSAKey signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(named.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("x").build());
        jwt.sign(new RSASSASigner(signer));
        return SignedJWT.parse(jwt.serialize());
    }

    private static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
