package io.partnerid.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA plumbing of the token feature: one Bouncy Castle provider instance (never registered globally), key
 * generation and decoding, and Nimbus signers and verifiers bound to that provider.
 *
 * <p>Thread-safe: the provider is immutable once built and every signer/verifier creates its own {@link Signature}.
 */
final class Jca {

    /** The X.509 SubjectPublicKeyInfo prefix of an Ed25519 public key (RFC 8410), followed by the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};

    private final Provider bc;

    Jca() {
        this.bc = new BouncyCastleProvider();
    }

    Provider provider() {
        return bc;
    }

    KeyPair generate(SigningAlgorithm algorithm, SecureRandom random) {
        try {
            KeyPairGenerator generator;
            switch (algorithm) {
                case ES256 -> {
                    generator = KeyPairGenerator.getInstance("EC", bc);
                    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                }
                case EDDSA -> {
                    generator = KeyPairGenerator.getInstance("Ed25519", bc);
                    generator.initialize(255, random);
                }
                case RS256, PS256 -> {
                    generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, random);
                }
                default -> throw new IllegalArgumentException(algorithm.name());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    private KeyFactory factory(SigningAlgorithm algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case ES256 -> KeyFactory.getInstance("EC", bc);
            case EDDSA -> KeyFactory.getInstance("Ed25519", bc);
            case RS256, PS256 -> KeyFactory.getInstance("RSA");
        };
    }

    PublicKey publicKey(SigningAlgorithm algorithm, byte[] spki) {
        try {
            return factory(algorithm).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a " + algorithm + " public key", e);
        }
    }

    PrivateKey privateKey(SigningAlgorithm algorithm, byte[] pkcs8) {
        try {
            return factory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a " + algorithm + " private key", e);
        }
    }

    /** An Ed25519 public key from its 32 raw bytes (the JWK {@code x}). */
    PublicKey ed25519FromRaw(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
        }
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
        return publicKey(SigningAlgorithm.EDDSA, spki);
    }

    /** The 32 raw bytes of an Ed25519 public key. */
    static byte[] ed25519Raw(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != ED25519_SPKI_PREFIX.length + 32
                || !Arrays.equals(spki, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0,
                ED25519_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    JWSSigner signer(SigningAlgorithm algorithm, PrivateKey key) {
        try {
            return switch (algorithm) {
                case ES256 -> {
                    ECDSASigner signer = new ECDSASigner(key, Curve.P_256);
                    signer.getJCAContext().setProvider(bc);
                    yield signer;
                }
                case EDDSA -> new Ed25519Signer(key, bc);
                case RS256, PS256 -> new RSASSASigner(key);
            };
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable " + algorithm + " signing key", e);
        }
    }

    JWSVerifier verifier(SigningAlgorithm algorithm, PublicKey key) {
        try {
            return switch (algorithm) {
                case ES256 -> {
                    ECDSAVerifier verifier = new ECDSAVerifier((ECPublicKey) key);
                    verifier.getJCAContext().setProvider(bc);
                    yield verifier;
                }
                case EDDSA -> new Ed25519Verifier(key, bc);
                case RS256, PS256 -> new RSASSAVerifier((RSAPublicKey) key);
            };
        } catch (JOSEException | ClassCastException e) {
            throw new IllegalArgumentException("unusable " + algorithm + " verification key", e);
        }
    }

    static JWSAlgorithm jws(SigningAlgorithm algorithm) {
        return JWSAlgorithm.parse(algorithm.jwsName());
    }

    /** EdDSA (Ed25519) signing through the given provider; Nimbus's own Ed25519 signer needs Google Tink. */
    private static final class Ed25519Signer implements JWSSigner {
        private final PrivateKey key;
        private final Provider provider;
        private final JCAContext context = new JCAContext();

        Ed25519Signer(PrivateKey key, Provider provider) {
            this.key = Objects.requireNonNull(key, "key");
            this.provider = provider;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                throw new JOSEException("EdDSA only");
            }
            try {
                Signature signature = Signature.getInstance("Ed25519", provider);
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed", e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }

    /** EdDSA (Ed25519) verification through the given provider. */
    private static final class Ed25519Verifier implements JWSVerifier {
        private final PublicKey key;
        private final Provider provider;
        private final JCAContext context = new JCAContext();

        Ed25519Verifier(PublicKey key, Provider provider) {
            this.key = Objects.requireNonNull(key, "key");
            this.provider = provider;
            ed25519Raw(key); // fails for a key of another type
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                return false;
            }
            if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
                return false;
            }
            byte[] sig = signature.decode();
            if (sig.length != 64) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519", provider);
                verifier.initVerify(key);
                verifier.update(signedContent);
                return verifier.verify(sig);
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
