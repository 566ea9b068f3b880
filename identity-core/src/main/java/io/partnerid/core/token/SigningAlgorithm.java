package io.partnerid.core.token;

import java.util.Objects;
import java.util.Optional;

/**
 * The JWS algorithms the SDK signs and verifies with; symmetric ({@code HS*}) algorithms and {@code none} are
 * deliberately absent, so a token naming them never finds a verifier.
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-3.1">RFC 7518 §3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8037">RFC 8037 (EdDSA)</a>
 */
public enum SigningAlgorithm {
    /** ECDSA with P-256 and SHA-256, on Bouncy Castle; the default. */
    ES256("ES256", "EC"),
    /** EdDSA with Ed25519, on Bouncy Castle. */
    EDDSA("EdDSA", "OKP"),
    /** RSASSA-PKCS1-v1_5 with SHA-256 (RSA 2048 bits or more). */
    RS256("RS256", "RSA"),
    /** RSASSA-PSS with SHA-256 (RSA 2048 bits or more). */
    PS256("PS256", "RSA");

    private final String jwsName;
    private final String keyType;

    SigningAlgorithm(String jwsName, String keyType) {
        this.jwsName = jwsName;
        this.keyType = keyType;
    }

    /** The {@code alg} header value. */
    public String jwsName() {
        return jwsName;
    }

    /** The JWK {@code kty} of keys for this algorithm. */
    public String keyType() {
        return keyType;
    }

    /** The algorithm named {@code alg} in a JOSE header, empty for anything else (including {@code none}). */
    public static Optional<SigningAlgorithm> fromJwsName(String alg) {
        Objects.requireNonNull(alg, "alg");
        for (SigningAlgorithm a : values()) {
            if (a.jwsName.equals(alg)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
