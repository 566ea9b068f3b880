package io.partnerid.testkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.admin.Invitation;
import io.partnerid.core.admin.InvitationId;
import io.partnerid.core.admin.InvitationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link InvitationRepository} must pass.
 *
 * <p>Each test uses fresh ids. Pinned semantics: invitations round-trip exactly (role sets, timestamps at
 * millisecond precision); id and token hash are both unique ({@code store.duplicate}); an update changes only the
 * status and the accepting user, increments the version, and is {@code store.conflict} on a stale version — which is
 * what makes redemption single-use.
 */
public abstract class InvitationRepositoryContract {

    private static final Instant AT = Instant.parse("2026-02-01T12:00:00.500Z");

    /** The repository under test. */
    protected abstract InvitationRepository repository();

    static String randomHash() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putLong(a.getMostSignificantBits())
                .putLong(a.getLeastSignificantBits()).putLong(b.getMostSignificantBits())
                .putLong(b.getLeastSignificantBits()).array());
    }

    static Invitation invitation(String id, OrgId org, String hash) {
        return new Invitation(new InvitationId(id), org, PoolId.of("pool-" + id), "new.hire@partner.example",
                Set.of(RoleId.of("viewer"), RoleId.of("trader")), hash, Invitation.Status.PENDING,
                Actor.user("admin-7"), AT, AT.plus(Duration.ofHours(72)), Optional.empty(), 0);
    }

    @Test
    void insertWhenNewThenFoundByIdAndTokenHash() {
        String hash = randomHash();
        Invitation i = invitation(AdminGrantRepositoryContract.unique("i"), OrgId.of("o"), hash);
        repository().insert(i);
        assertThat(repository().findById(i.id())).contains(i);
        assertThat(repository().findByTokenHash(hash)).contains(i);
        assertThat(repository().findByTokenHash(randomHash())).isEmpty();
    }

    @Test
    void insertWhenIdOrTokenHashExistsThenDuplicate() {
        String hash = randomHash();
        Invitation i = invitation(AdminGrantRepositoryContract.unique("i"), OrgId.of("o"), hash);
        repository().insert(i);
        assertThatThrownBy(() -> repository().insert(i)).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(StoreErrors.DUPLICATE);
        Invitation sameHash = invitation(AdminGrantRepositoryContract.unique("i"), OrgId.of("o"), hash);
        assertThatThrownBy(() -> repository().insert(sameHash)).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(StoreErrors.DUPLICATE);
    }

    @Test
    void updateWhenTwoRedemptionsRaceThenOnlyOneClaims() {
        Invitation i = invitation(AdminGrantRepositoryContract.unique("i"), OrgId.of("o"), randomHash());
        repository().insert(i);
        Invitation claimed = repository().update(i.claimed());
        assertThat(claimed.version()).isEqualTo(1);
        assertThat(claimed.status()).isEqualTo(Invitation.Status.ACCEPTED);
        assertThatThrownBy(() -> repository().update(i.claimed())).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(StoreErrors.CONFLICT);
        Invitation accepted = repository().update(claimed.accepted(UserId.of("user-9")));
        assertThat(accepted.acceptedBy()).contains(UserId.of("user-9"));
        assertThat(repository().findById(i.id())).contains(accepted);
    }

    @Test
    void updateWhenMissingThenMissing() {
        Invitation i = invitation(AdminGrantRepositoryContract.unique("i"), OrgId.of("o"), randomHash());
        assertThatThrownBy(() -> repository().update(i)).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(StoreErrors.MISSING);
    }

    @Test
    void findByOrgWhenSeveralThenPagedById() {
        OrgId org = OrgId.of(AdminGrantRepositoryContract.unique("o"));
        String base = AdminGrantRepositoryContract.unique("i");
        for (int i = 0; i < 3; i++) {
            repository().insert(invitation(base + "-" + i, org, randomHash()));
        }
        repository().insert(invitation(AdminGrantRepositoryContract.unique("i"), OrgId.of("elsewhere"),
                randomHash()));
        assertThat(Page.all(p -> repository().findByOrg(org, p), 2)).extracting(i -> i.id().value())
                .containsExactly(base + "-0", base + "-1", base + "-2");
    }
}
