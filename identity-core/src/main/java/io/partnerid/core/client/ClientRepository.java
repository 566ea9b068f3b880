package io.partnerid.core.client;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of client applications.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships {@link InMemoryClientRepository}
 * (for tests and local development); JDBC implementations pass the same {@code ClientRepositoryContract} from
 * {@code identity-testkit}. Only the encoded secret <em>hash</em> is ever stored (never the secret); sets are stored
 * as sets (order and duplicates are not preserved).
 *
 * <p>Optimistic concurrency: every update increments {@code version}; a stale version fails with
 * {@code store.conflict}, so two concurrent secret rotations never both succeed.
 */
public interface ClientRepository {

    /**
     * Stores a new client; called at registration. The version must be 0. Not idempotent.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id exists
     */
    void insert(ClientApplication client);

    /**
     * Replaces everything but the id, organization and creation time of an existing client (metadata and secret
     * hash) provided its stored version equals {@code client.version()}.
     *
     * @return the stored client with its version incremented
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when the client does not exist
     */
    ClientApplication update(ClientApplication client);

    /**
     * Removes a client; called when it is deleted.
     *
     * @return true when a client was removed, false when there was none
     */
    boolean delete(ClientId id);

    /** Looks a client up by id; empty when it does not exist. Called on every client authentication. */
    Optional<ClientApplication> findById(ClientId id);

    /** The clients of an organization, ordered by id (binary order); the cursor is the last id. */
    Page<ClientApplication> findByOrg(OrgId orgId, PageRequest page);
}
