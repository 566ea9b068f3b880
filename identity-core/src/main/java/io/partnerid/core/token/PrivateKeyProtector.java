package io.partnerid.core.token;

import java.security.SecureRandom;
import javax.crypto.SecretKey;

/**
 * Seals private signing keys before they reach the {@link SigningKeyRepository} and opens them when a key is loaded
 * for signing: the protection of key material at rest.
 *
 * <p>Implementations must be thread-safe. {@link SigningKeyService} calls {@link #seal} once when it generates a
 * key and {@link #open} when it (re)loads a key set; opened keys are then held in the service's memory only. Hosts
 * with an HSM or a cloud KMS implement this interface with an envelope encryption call; {@link #aesGcm} wraps with a
 * host-supplied AES key-encryption key; {@link #unprotected()} stores keys in the clear and is only for tests and
 * local development (the in-memory repository never persists anything anyway).
 */
public interface PrivateKeyProtector {

    /**
     * Seals a PKCS#8 private key. The key set and kid are bound to the result (as associated data where the scheme
     * supports it) so that a sealed key copied to another row does not open.
     */
    byte[] seal(KeySetId keySet, String kid, byte[] pkcs8);

    /**
     * Opens what {@link #seal} produced for the same key set and kid.
     *
     * @throws io.partnerid.core.IdentityException {@code token.key_unsealing_failed} when the bytes were not sealed by
     *     this protector for this key
     */
    byte[] open(KeySetId keySet, String kid, byte[] sealed);

    /** AES-GCM with a 256-bit key-encryption key from the host, a random 96-bit nonce per key, key id as AAD. */
    static PrivateKeyProtector aesGcm(SecretKey keyEncryptionKey, SecureRandom random) {
        return new AesGcmPrivateKeyProtector(keyEncryptionKey, random);
    }

    /** Stores private keys in the clear: only for tests and local development. */
    static PrivateKeyProtector unprotected() {
        return new PrivateKeyProtector() {
            @Override
            public byte[] seal(KeySetId keySet, String kid, byte[] pkcs8) {
                return pkcs8.clone();
            }

            @Override
            public byte[] open(KeySetId keySet, String kid, byte[] sealed) {
                return sealed.clone();
            }
        };
    }
}
