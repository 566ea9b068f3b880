package io.partnerid.core.admin;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of invitations.
 *
 * <p>Implementations must be thread-safe. Only token hashes are stored. Updates use optimistic concurrency, which
 * makes redemption single-use: of two concurrent redemptions of one token, only one can move the invitation out of
 * PENDING.
 */
public interface InvitationRepository {

    /**
     * Stores a new invitation (version 0).
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id or the token hash exists
     */
    void insert(Invitation invitation);

    /**
     * Stores a changed invitation if its stored version equals {@code invitation.version()}.
     *
     * @return the stored invitation with its new version
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when it does not exist
     */
    Invitation update(Invitation invitation);

    /** Looks an invitation up; empty when it does not exist. */
    Optional<Invitation> findById(InvitationId id);

    /** Looks an invitation up by the hex SHA-256 of its token; empty when none matches. */
    Optional<Invitation> findByTokenHash(String tokenHash);

    /** The invitations of an organization in any state, ordered by id; the cursor is the last id. */
    Page<Invitation> findByOrg(OrgId orgId, PageRequest page);
}
