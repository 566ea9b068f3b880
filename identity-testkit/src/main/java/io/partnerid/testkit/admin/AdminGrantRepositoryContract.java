package io.partnerid.testkit.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.admin.AdminCapability;
import io.partnerid.core.admin.AdminGrant;
import io.partnerid.core.admin.AdminGrantId;
import io.partnerid.core.admin.AdminGrantRepository;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AdminGrantRepository} must pass; implementations extend it and provide the repository.
 *
 * <p>Each test uses fresh ids, so one repository (and one database) may serve every test. Pinned semantics: grants
 * round-trip exactly (capability sets, actors, timestamps at millisecond precision); duplicates are
 * {@code store.duplicate}; delete answers whether something was deleted; {@code findByPrincipal} returns all of a
 * principal's grants ordered by id; {@code findByScope} pages by id with the last id as cursor.
 */
public abstract class AdminGrantRepositoryContract {

    private static final Instant AT = Instant.parse("2026-01-01T10:00:00.123Z");

    /** The repository under test. */
    protected abstract AdminGrantRepository repository();

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static AdminGrant grant(String id, Actor principal, OrgId scope, EnumSet<AdminCapability> caps) {
        return new AdminGrant(new AdminGrantId(id), principal, scope, caps, Actor.system("bootstrap"), AT);
    }

    @Test
    void insertWhenNewThenFoundByIdAndPrincipal() {
        Actor alice = Actor.user(unique("alice"));
        AdminGrant g = grant(unique("g"), alice, OrgId.of(unique("org")),
                EnumSet.of(AdminCapability.MANAGE_USERS, AdminCapability.VIEW_AUDIT));
        repository().insert(g);
        assertThat(repository().findById(g.id())).contains(g);
        assertThat(repository().findByPrincipal(alice)).containsExactly(g);
    }

    @Test
    void insertWhenIdExistsThenDuplicate() {
        AdminGrant g = grant(unique("g"), Actor.user(unique("u")), OrgId.of(unique("org")),
                EnumSet.of(AdminCapability.SUSPEND));
        repository().insert(g);
        assertThatThrownBy(() -> repository().insert(g)).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(StoreErrors.DUPLICATE);
    }

    @Test
    void findByPrincipalWhenSeveralThenOnlyThatPrincipalsOrderedById() {
        Actor bob = Actor.user(unique("bob"));
        Actor service = Actor.service(bob.id());
        String base = unique("g");
        AdminGrant second = grant(base + "-b", bob, OrgId.of(unique("o")), EnumSet.of(AdminCapability.MANAGE_ROLES));
        AdminGrant first = grant(base + "-a", bob, OrgId.of(unique("o")), EnumSet.of(AdminCapability.MANAGE_USERS));
        AdminGrant other = grant(base + "-c", service, OrgId.of(unique("o")),
                EnumSet.of(AdminCapability.MANAGE_USERS));
        repository().insert(second);
        repository().insert(first);
        repository().insert(other);
        assertThat(repository().findByPrincipal(bob)).containsExactly(first, second);
        assertThat(repository().findByPrincipal(service)).containsExactly(other);
    }

    @Test
    void deleteWhenPresentThenTrueAndGone() {
        AdminGrant g = grant(unique("g"), Actor.user(unique("u")), OrgId.of(unique("org")),
                EnumSet.of(AdminCapability.MANAGE_CLIENTS));
        repository().insert(g);
        assertThat(repository().delete(g.id())).isTrue();
        assertThat(repository().delete(g.id())).isFalse();
        assertThat(repository().findById(g.id())).isEmpty();
    }

    @Test
    void findByScopeWhenMoreThanAPageThenKeysetPagesInIdOrder() {
        OrgId scope = OrgId.of(unique("scope"));
        String base = unique("g");
        for (int i = 0; i < 5; i++) {
            repository().insert(grant(base + "-" + i, Actor.user(unique("u")), scope,
                    EnumSet.of(AdminCapability.APPROVE_REQUESTS)));
        }
        Page<AdminGrant> first = repository().findByScope(scope, PageRequest.first(2));
        assertThat(first.items()).extracting(g -> g.id().value()).containsExactly(base + "-0", base + "-1");
        assertThat(first.next()).contains(base + "-1");
        List<AdminGrant> all = Page.all(p -> repository().findByScope(scope, p), 2);
        assertThat(all).extracting(g -> g.id().value())
                .containsExactly(base + "-0", base + "-1", base + "-2", base + "-3", base + "-4");
        assertThat(repository().findByScope(scope, PageRequest.first(5)).next()).isEmpty();
    }
}
