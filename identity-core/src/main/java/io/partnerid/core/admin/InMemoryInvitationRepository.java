package io.partnerid.core.admin;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link InvitationRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: inserts are serialized so that id and token-hash uniqueness hold together; updates use the
 * map's atomic {@code compute} for the version check.
 */
public final class InMemoryInvitationRepository implements InvitationRepository {

    private final Map<InvitationId, Invitation> invitations = new ConcurrentHashMap<>();
    private final Map<String, InvitationId> byTokenHash = new ConcurrentHashMap<>();

    @Override
    public synchronized void insert(Invitation invitation) {
        if (invitation.version() != 0) {
            throw new IllegalArgumentException("a new invitation has version 0");
        }
        if (invitations.containsKey(invitation.id()) || byTokenHash.containsKey(invitation.tokenHash())) {
            throw StoreErrors.duplicate("invitation " + invitation.id());
        }
        invitations.put(invitation.id(), invitation);
        byTokenHash.put(invitation.tokenHash(), invitation.id());
    }

    @Override
    public Invitation update(Invitation invitation) {
        Invitation stored = invitations.computeIfPresent(invitation.id(), (id, current) -> {
            if (current.version() != invitation.version()) {
                throw StoreErrors.conflict("invitation " + id);
            }
            return new Invitation(id, current.orgId(), current.poolId(), current.email(), current.roles(),
                    current.tokenHash(), invitation.status(), current.invitedBy(), current.createdAt(),
                    current.expiresAt(), invitation.acceptedBy(), current.version() + 1);
        });
        if (stored == null) {
            throw StoreErrors.missing("invitation " + invitation.id());
        }
        return stored;
    }

    @Override
    public Optional<Invitation> findById(InvitationId id) {
        return Optional.ofNullable(invitations.get(id));
    }

    @Override
    public Optional<Invitation> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(byTokenHash.get(tokenHash)).map(invitations::get);
    }

    @Override
    public Page<Invitation> findByOrg(OrgId orgId, PageRequest page) {
        List<Invitation> matches = invitations.values().stream().filter(i -> i.orgId().equals(orgId))
                .filter(i -> page.after().map(a -> i.id().value().compareTo(a) > 0).orElse(true))
                .sorted(Comparator.comparing(i -> i.id().value()))
                .limit(page.limit() + 1L).toList();
        return Page.of(matches, page.limit(), i -> i.id().value());
    }
}
