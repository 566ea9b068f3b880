package io.partnerid.core.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of signing keys, grouped in key sets.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships
 * {@link InMemorySigningKeyRepository} (for tests and local development) and a JDBC implementation; both pass
 * {@code SigningKeyRepositoryContract} from {@code identity-testkit}. Private keys arrive already sealed by the
 * {@link PrivateKeyProtector}; a repository stores the bytes as given and never sees a plain private key.
 * Rotation rules (one CURRENT key per set) are enforced by {@link SigningKeyService}; the repository stores what it
 * is given and keeps versions.
 */
public interface SigningKeyRepository {

    /**
     * Stores a new key, called when the service generates one. The given version must be 0.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the key set already holds the kid
     */
    void insert(SigningKey key);

    /**
     * Replaces the status and retirement time of an existing key, called on rotation, provided its stored version
     * equals {@code key.version()}.
     *
     * @return the stored key with its new version
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when the key does not exist
     */
    SigningKey update(SigningKey key);

    /**
     * Every key of a key set, oldest first (by creation time, then kid); called when the service loads or reloads
     * a key set. Empty when the set has no keys.
     */
    List<SigningKey> findByKeySet(KeySetId keySet);

    /** One key by kid; empty when the key set has no such key. */
    Optional<SigningKey> findByKid(KeySetId keySet, String kid);

    /**
     * Deletes the RETIRED keys of a key set that retired strictly before {@code retiredBefore}; called by
     * {@link SigningKeyService#purgeRetired}. Other states are never deleted.
     *
     * @return how many keys were deleted
     */
    int deleteRetiredBefore(KeySetId keySet, Instant retiredBefore);
}
