package io.partnerid.testkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.admin.AccessRequest;
import io.partnerid.core.admin.AccessRequestId;
import io.partnerid.core.admin.AccessRequestRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AccessRequestRepository} must pass.
 *
 * <p>Each test uses fresh ids. Pinned semantics: requests round-trip exactly (timestamps at millisecond precision);
 * new requests have version 0 and every update increments it; an update naming a stale version is
 * {@code store.conflict}, of a missing request {@code store.missing}; pending listings page by id; the expiry query
 * returns only PENDING requests with {@code expiresAt <= now}, oldest expiry first, at most {@code limit}.
 */
public abstract class AccessRequestRepositoryContract {

    private static final Instant AT = Instant.parse("2026-03-01T08:00:00.250Z");

    /** The repository under test. */
    protected abstract AccessRequestRepository repository();

    static AccessRequest request(String id, UserId user, OrgId org, Duration lifetime) {
        return new AccessRequest(new AccessRequestId(id), user, org, RoleId.of("role-" + id), "needs access",
                Optional.of(AT.plus(Duration.ofDays(30))), AccessRequest.Status.PENDING, AT, AT.plus(lifetime),
                Optional.empty(), Optional.empty(), 0);
    }

    @Test
    void insertWhenNewThenFoundByIdWithVersionZero() {
        AccessRequest r = request(AdminGrantRepositoryContract.unique("r"),
                UserId.of(AdminGrantRepositoryContract.unique("u")), OrgId.of(AdminGrantRepositoryContract.unique("o")),
                Duration.ofDays(7));
        repository().insert(r);
        assertThat(repository().findById(r.id())).contains(r);
        assertThatThrownBy(() -> repository().insert(r)).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(StoreErrors.DUPLICATE);
    }

    @Test
    void updateWhenCurrentVersionThenStoredAndVersionIncremented() {
        AccessRequest r = request(AdminGrantRepositoryContract.unique("r"),
                UserId.of(AdminGrantRepositoryContract.unique("u")), OrgId.of(AdminGrantRepositoryContract.unique("o")),
                Duration.ofDays(7));
        repository().insert(r);
        Actor admin = Actor.user("admin-1");
        AccessRequest stored = repository().update(r.decided(AccessRequest.Status.APPROVED, admin, AT.plusSeconds(60)));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.status()).isEqualTo(AccessRequest.Status.APPROVED);
        assertThat(stored.decidedBy()).contains(admin);
        assertThat(repository().findById(r.id())).contains(stored);
    }

    @Test
    void updateWhenStaleVersionThenConflictAndNothingLost() {
        AccessRequest r = request(AdminGrantRepositoryContract.unique("r"),
                UserId.of(AdminGrantRepositoryContract.unique("u")), OrgId.of(AdminGrantRepositoryContract.unique("o")),
                Duration.ofDays(7));
        repository().insert(r);
        AccessRequest approved = repository().update(r.decided(AccessRequest.Status.APPROVED, Actor.user("a"), AT));
        assertThatThrownBy(() -> repository().update(r.decided(AccessRequest.Status.DENIED, Actor.user("b"), AT)))
                .isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(StoreErrors.CONFLICT);
        assertThat(repository().findById(r.id())).contains(approved);
    }

    @Test
    void updateWhenMissingThenMissing() {
        AccessRequest r = request(AdminGrantRepositoryContract.unique("r"), UserId.of("u"), OrgId.of("o"),
                Duration.ofDays(1));
        assertThatThrownBy(() -> repository().update(r)).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(StoreErrors.MISSING);
    }

    @Test
    void findPendingByOrgWhenMixedStatesThenOnlyPendingPagedById() {
        OrgId org = OrgId.of(AdminGrantRepositoryContract.unique("o"));
        UserId user = UserId.of(AdminGrantRepositoryContract.unique("u"));
        String base = AdminGrantRepositoryContract.unique("r");
        for (int i = 0; i < 4; i++) {
            repository().insert(request(base + "-" + i, user, org, Duration.ofDays(7)));
        }
        AccessRequest decided = repository().findById(new AccessRequestId(base + "-1")).orElseThrow();
        repository().update(decided.decided(AccessRequest.Status.DENIED, Actor.user("a"), AT));
        List<AccessRequest> pending = Page.all(p -> repository().findPendingByOrg(org, p), 2);
        assertThat(pending).extracting(r -> r.id().value()).containsExactly(base + "-0", base + "-2", base + "-3");
        assertThat(Page.all(p -> repository().findByRequester(user, p), 3)).hasSize(4);
        assertThat(repository().findPendingByOrg(org, PageRequest.first(1)).next()).contains(base + "-0");
    }

    @Test
    void findPendingExpiredAtWhenSomeDueThenOldestFirstWithinLimit() {
        OrgId org = OrgId.of(AdminGrantRepositoryContract.unique("o"));
        UserId user = UserId.of(AdminGrantRepositoryContract.unique("u"));
        String base = AdminGrantRepositoryContract.unique("r");
        // Far-past expiries, so that requests of other tests (which expire after AT) never interfere.
        Instant created = Instant.parse("2001-01-01T00:00:00Z");
        for (int i = 0; i < 3; i++) {
            repository().insert(new AccessRequest(new AccessRequestId(base + "-" + i), user, org, RoleId.of("r"),
                    "", Optional.empty(), AccessRequest.Status.PENDING, created,
                    created.plus(Duration.ofHours(3 - i)), Optional.empty(), Optional.empty(), 0));
        }
        Instant now = created.plus(Duration.ofHours(2));
        assertThat(repository().findPendingExpiredAt(now, 10)).extracting(r -> r.id().value())
                .containsExactly(base + "-2", base + "-1");
        assertThat(repository().findPendingExpiredAt(now, 1)).extracting(r -> r.id().value())
                .containsExactly(base + "-2");
    }
}
