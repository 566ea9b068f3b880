package io.partnerid.core.client;

/**
 * Turns a client secret into a salted, slow, self-describing hash and checks a presented secret against one.
 *
 * <p>Implementations must be thread-safe. The encoded hash carries the algorithm, its cost parameters and the salt,
 * so that parameters can be raised later without invalidating stored hashes ({@link #needsRehash(String)}). The
 * SDK stores only the encoded hash; the plaintext is shown once at registration or rotation and never kept.
 * Implementations must not log secrets.
 *
 * @see Argon2SecretHasher
 */
public interface SecretHasher {

    /** Hashes {@code secret} with a fresh salt from the injected random source. */
    String hash(String secret);

    /**
     * True when {@code secret} hashes to {@code encoded}; the final comparison is constant-time. A malformed or
     * foreign encoding yields false, never an exception.
     */
    boolean verify(String secret, String encoded);

    /** True when {@code encoded} was made with other (typically weaker) parameters than this hasher's. */
    boolean needsRehash(String encoded);
}
