package io.partnerid.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JDBC admin grant repository behaves like the in-memory one, on PostgreSQL and H2 (until the admin feature's
 * contract suite lands, this differential test pins the semantics).
 */
class JdbcAdminGrantRepositoryTests {

    static Stream<Supplier<TestDatabase>> databases() {
        return Stream.of(TestDatabases::postgres, TestDatabases::h2);
    }

    private static AdminGrant grant(String id, Actor principal, String scope, AdminCapability... caps) {
        return new AdminGrant(new AdminGrantId(id), principal, OrgId.of(scope), EnumSet.of(caps[0], caps),
                Actor.system("bootstrap"), Instant.parse("2026-01-01T00:00:00.250Z"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void operationsWhenSameSequenceThenSameResultsAsInMemory(Supplier<TestDatabase> factory) {
        try (TestDatabase db = factory.get()) {
            for (AdminGrantRepository repo : List.of(new InMemoryAdminGrantRepository(),
                    new JdbcAdminGrantRepository(db.dataSource()))) {
                Actor alice = Actor.user("alice");
                Actor svc = Actor.service("alice");
                AdminGrant g1 = grant("g-1", alice, "acme", AdminCapability.MANAGE_USERS, AdminCapability.SUSPEND);
                AdminGrant g2 = grant("G_2", alice, "desk", AdminCapability.VIEW_AUDIT);
                AdminGrant g3 = grant("g-3", svc, "acme", AdminCapability.MANAGE_ROLES);
                AdminGrant g4 = grant("g-0", Actor.user("bob"), "acme", AdminCapability.values());
                for (AdminGrant g : List.of(g1, g2, g3, g4)) {
                    repo.insert(g);
                }
                IdentityException dup = catchThrowableOfType(IdentityException.class, () -> repo.insert(g1));
                assertThat(dup.code()).isEqualTo(StoreErrors.DUPLICATE);

                assertThat(repo.findById(g1.id())).contains(g1);
                assertThat(repo.findById(g4.id())).contains(g4);
                assertThat(repo.findById(new AdminGrantId("nope"))).isEmpty();
                assertThat(repo.findByPrincipal(alice)).containsExactly(g2, g1);
                assertThat(repo.findByPrincipal(svc)).containsExactly(g3);
                Page<AdminGrant> first = repo.findByScope(OrgId.of("acme"), PageRequest.first(2));
                assertThat(first.items()).containsExactly(g4, g1);
                assertThat(first.next()).contains("g-1");
                assertThat(Page.all(p -> repo.findByScope(OrgId.of("acme"), p), 2)).containsExactly(g4, g1, g3);
                assertThat(repo.delete(g1.id())).isTrue();
                assertThat(repo.delete(g1.id())).isFalse();
                assertThat(repo.findByPrincipal(alice)).containsExactly(g2);
            }
        }
    }
}
