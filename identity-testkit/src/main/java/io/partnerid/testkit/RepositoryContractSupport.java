package io.partnerid.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.group.Group;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.Role;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Shared support of the repository contract suites: per-test unique ids, fixed instants, paging assertions and the
 * hooks through which an implementation with foreign keys creates the rows a test refers to.
 *
 * <p>Not thread-safe; JUnit creates one instance per test method. Every id a contract uses starts with a prefix that
 * is unique to the test ({@link #id(String)}), so implementations may share one database across tests without
 * cleaning it; listings are always scoped by an id the test created. Instants are whole microseconds, the precision
 * every supported database keeps.
 */
public abstract class RepositoryContractSupport {

    /** The base instant of the contracts. */
    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final String prefix = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
            .toLowerCase(Locale.ROOT) + "-";

    /** A per-test unique id ending in {@code suffix}; ids of one test order by their suffixes. */
    protected final String id(String suffix) {
        return prefix + suffix;
    }

    /** A per-test unique organization id, after {@link #givenOrganization} has been called for it. */
    protected final OrgId org(String suffix) {
        OrgId id = OrgId.of(id(suffix));
        givenOrganization(id);
        return id;
    }

    /**
     * Called before a test stores a row that refers to organization {@code id}. Implementations whose schema has
     * foreign keys insert the organization here; the default does nothing.
     */
    protected void givenOrganization(OrgId id) {
    }

    /** Called before a test stores a row that refers to {@code pool}; the default does nothing. */
    protected void givenPool(IdentityPool pool) {
    }

    /** Called before a test stores a row that refers to {@code user}; the default does nothing. */
    protected void givenUser(User user) {
    }

    /** Called before a test stores a row that refers to {@code group}; the default does nothing. */
    protected void givenGroup(Group group) {
    }

    /** Called before a test stores a row that refers to {@code role}; the default does nothing. */
    protected void givenRole(Role role) {
    }

    /**
     * Asserts that a listing returns exactly {@code expectedKeys}, in that order, whatever the page size: pages hold
     * at most {@code limit} items, every page but the last carries a cursor, and the last carries none.
     */
    protected static <T> void assertListing(Function<PageRequest, Page<T>> listing, Function<T, String> key,
                                            List<String> expectedKeys) {
        for (int limit : new int[] {1, 2, 3, expectedKeys.size() == 0 ? 1 : expectedKeys.size(), 1000}) {
            List<String> seen = new ArrayList<>();
            Page<T> page = listing.apply(PageRequest.first(limit));
            int pages = 1;
            while (true) {
                assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
                page.items().forEach(item -> seen.add(key.apply(item)));
                if (page.next().isEmpty()) {
                    break;
                }
                assertThat(page.items()).as("a page with a cursor is full").hasSize(limit);
                page = listing.apply(PageRequest.after(page.next().get(), limit));
                assertThat(++pages).as("paging terminates").isLessThanOrEqualTo(expectedKeys.size() + 1);
            }
            assertThat(seen).as("listing with page size " + limit).containsExactlyElementsOf(expectedKeys);
            if (expectedKeys.size() == limit) {
                assertThat(pages).as("an exactly full last page carries no cursor").isEqualTo(1);
            }
        }
    }
}
