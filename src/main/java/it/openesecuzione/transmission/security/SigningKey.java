package it.openesecuzione.transmission.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * An RSA key registered on a PDND client, under its {@code kid}: it signs the client assertion and
 * the tracking token (RS256, header {@code kid}, {@code typ: JWT}). The private half never leaves
 * this class: there is no accessor for it and {@link #toString()} shows only the kid, where the key
 * came from and the public key's thumbprint.
 */
public final class SigningKey {

    private static final int MIN_RSA_BITS = 2048;

    private final String kid;
    private final String source;
    private final RSAPublicKey publicKey;
    private final RSASSASigner signer;

    private SigningKey(String kid, String source, RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        if (kid == null || kid.isBlank()) {
            throw new IllegalArgumentException("kid obbligatorio per la chiave " + source);
        }
        if (privateKey.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException("La chiave " + source + " è troppo corta: RS256 richiede almeno "
                    + MIN_RSA_BITS + " bit");
        }
        this.kid = kid;
        this.source = source;
        this.publicKey = publicKey;
        this.signer = new RSASSASigner(privateKey);
    }

    /** Reads the private key from a PEM file or a keystore; the message of a failure names the file only. */
    public static SigningKey load(String kid, PcpProperties.KeyLocation location) {
        if (!location.isConfigured()) {
            throw new PcpConfigurationException("Nessuna chiave privata configurata (pem-file o keystore-file)");
        }
        try {
            return location.pemFile() != null ? fromPem(kid, location) : fromKeystore(kid, location);
        } catch (IOException | GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
            // The JDK's and Spring's messages name the problem (wrong password, unknown format), never the content.
            throw new PcpConfigurationException("Impossibile leggere la chiave privata PCP (" + location.describe()
                    + "): " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        }
    }

    /**
     * A fresh RSA 2048 key pair that lives as long as the process: for the SIMULATOR environment
     * when no key is configured, so that the default start works with no configuration. Its kid,
     * when not configured, is the RFC 7638 thumbprint of the public key.
     */
    public static SigningKey ephemeral(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(MIN_RSA_BITS);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            String id = kid != null ? kid : new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
            return new SigningKey(id, "effimera (simulatore)", (RSAPrivateKey) pair.getPrivate(), publicKey);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Impossibile generare la chiave RSA effimera del simulatore", e);
        }
    }

    public String kid() {
        return kid;
    }

    /** Where the key came from: a path or "effimera"; never its content. */
    public String source() {
        return source;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The public half as a JWK with this kid, e.g. for the simulator to verify signatures. */
    public RSAKey publicJwk() {
        return new RSAKey.Builder(publicKey).keyID(kid).algorithm(JWSAlgorithm.RS256).build();
    }

    /** RFC 7638 thumbprint of the public key, to identify the key in logs. */
    public String thumbprint() {
        try {
            return new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A compact JWS of these claims: RS256, header {@code kid} and {@code typ: JWT}. */
    String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).type(JOSEObjectType.JWT).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Firma RS256 non riuscita con la chiave " + kid, e);
        }
        return jwt.serialize();
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", source=" + source + ", thumbprint=" + thumbprint() + "]";
    }

    private static SigningKey fromPem(String kid, PcpProperties.KeyLocation location)
            throws IOException, GeneralSecurityException {
        PemContent pem = PemContent.load(Path.of(location.pemFile()));
        PrivateKey key = location.password() == null ? pem.getPrivateKey() : pem.getPrivateKey(location.password());
        if (key == null) {
            throw new GeneralSecurityException("nessuna chiave privata nel file");
        }
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new GeneralSecurityException("la chiave non è RSA (RS256 richiede RSA)");
        }
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        requireMatching(crt, publicKey);
        return new SigningKey(kid, "PEM " + location.pemFile(), crt, publicKey);
    }

    private static SigningKey fromKeystore(String kid, PcpProperties.KeyLocation location)
            throws IOException, GeneralSecurityException {
        if (location.password() == null) {
            throw new GeneralSecurityException("password del keystore mancante");
        }
        char[] password = location.password().toCharArray();
        KeyStore store = KeyStore.getInstance(location.keystoreType());
        try (InputStream in = Files.newInputStream(Path.of(location.keystoreFile()))) {
            store.load(in, password);
        }
        String alias = location.alias() != null ? location.alias() : onlyKeyAlias(store);
        Key key = store.getKey(alias, password);
        Certificate certificate = store.getCertificate(alias);
        if (!(key instanceof RSAPrivateKey privateKey) || certificate == null) {
            throw new GeneralSecurityException("nessuna chiave privata RSA con certificato sotto l'alias " + alias);
        }
        if (!(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
            throw new GeneralSecurityException("il certificato dell'alias " + alias + " non ha una chiave RSA");
        }
        requireMatching(privateKey, publicKey);
        return new SigningKey(kid, location.describe(), privateKey, publicKey);
    }

    /** A damaged file, or a certificate of another key, would otherwise surface only as PDND's refusals. */
    private static void requireMatching(RSAPrivateKey privateKey, RSAPublicKey publicKey)
            throws GeneralSecurityException {
        byte[] probe = "openesecuzione".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("la chiave privata non corrisponde alla chiave pubblica"
                    + " (file danneggiato o certificato di un'altra chiave)");
        }
    }

    private static String onlyKeyAlias(KeyStore store) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (keys.size() != 1) {
            throw new GeneralSecurityException("il keystore contiene " + keys.size()
                    + " chiavi: indicare l'alias (key.alias)");
        }
        return keys.get(0);
    }
}
