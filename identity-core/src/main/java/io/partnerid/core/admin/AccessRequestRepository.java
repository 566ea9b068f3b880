package io.partnerid.core.admin;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of access requests.
 *
 * <p>Implementations must be thread-safe. Updates use optimistic concurrency: two admins deciding the same request
 * at once cannot both succeed.
 */
public interface AccessRequestRepository {

    /**
     * Stores a new request (version 0).
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id exists
     */
    void insert(AccessRequest request);

    /**
     * Stores a decided request if its stored version equals {@code request.version()}.
     *
     * @return the stored request with its new version
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when it does not exist
     */
    AccessRequest update(AccessRequest request);

    /** Looks a request up; empty when it does not exist. */
    Optional<AccessRequest> findById(AccessRequestId id);

    /** The PENDING requests of an organization, ordered by id; the cursor is the last id. */
    Page<AccessRequest> findPendingByOrg(OrgId orgId, PageRequest page);

    /** The requests of a user in any state, ordered by id; the cursor is the last id. */
    Page<AccessRequest> findByRequester(UserId requester, PageRequest page);

    /** At most {@code limit} PENDING requests whose expiry is at or before {@code now}, oldest expiry first. */
    List<AccessRequest> findPendingExpiredAt(Instant now, int limit);
}
