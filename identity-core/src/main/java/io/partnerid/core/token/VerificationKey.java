package io.partnerid.core.token;

import com.nimbusds.jose.JWSVerifier;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A public key that verifies tokens of exactly one {@link SigningAlgorithm}: the algorithm is pinned to the key, so
 * a token's {@code alg} header can select among keys but never change how a key is used.
 *
 * <p>Immutable and thread-safe. The key type is checked against the algorithm when the key is built: P-256 for
 * ES256, Ed25519 for EdDSA, RSA of at least 2048 bits for RS256 and PS256.
 */
public final class VerificationKey {

    private static final Pattern KID = Pattern.compile("[\\x21-\\x7e]{1,256}");

    private final Optional<String> kid;
    private final SigningAlgorithm algorithm;
    private final PublicKey publicKey;
    private volatile JWSVerifier verifier;

    private VerificationKey(Optional<String> kid, SigningAlgorithm algorithm, PublicKey publicKey) {
        this.kid = Objects.requireNonNull(kid, "kid");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        kid.ifPresent(k -> {
            if (!KID.matcher(k).matches()) {
                throw new IllegalArgumentException("kid must be 1 to 256 printable ASCII characters");
            }
        });
        checkKeyType(algorithm, publicKey);
    }

    /**
     * A verification key.
     *
     * @param kid the key id, compared as an opaque string, if the key has one
     * @param algorithm the one algorithm this key verifies
     * @param publicKey the public key, of the algorithm's key type
     * @throws IllegalArgumentException when the key does not fit the algorithm
     */
    public static VerificationKey of(Optional<String> kid, SigningAlgorithm algorithm, PublicKey publicKey) {
        return new VerificationKey(kid, algorithm, publicKey);
    }

    private static void checkKeyType(SigningAlgorithm algorithm, PublicKey key) {
        switch (algorithm) {
            case ES256 -> {
                if (!(key instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                    throw new IllegalArgumentException("ES256 needs a P-256 key");
                }
            }
            case EDDSA -> Jca.ed25519Raw(key);
            case RS256, PS256 -> {
                if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
                    throw new IllegalArgumentException(algorithm + " needs an RSA key of at least 2048 bits");
                }
            }
            default -> throw new IllegalArgumentException(algorithm.name());
        }
    }

    public Optional<String> kid() {
        return kid;
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The verifier for this key, built once on first use through the given JCA plumbing. */
    JWSVerifier verifier(Jca jca) {
        JWSVerifier v = verifier;
        if (v == null) {
            v = jca.verifier(algorithm, publicKey);
            verifier = v;
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey k && k.kid.equals(kid) && k.algorithm == algorithm
                && k.publicKey.equals(publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, algorithm, publicKey);
    }

    @Override
    public String toString() {
        return "VerificationKey[" + kid.orElse("-") + " " + algorithm + "]";
    }
}
