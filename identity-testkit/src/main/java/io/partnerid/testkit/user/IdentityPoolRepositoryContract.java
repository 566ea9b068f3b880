package io.partnerid.testkit.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.IdentityPoolRepository;
import io.partnerid.core.user.PoolId;
import io.partnerid.testkit.RepositoryContractSupport;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link IdentityPoolRepository} implementation must pass: extend it and return the repository
 * under test from {@link #repository()}.
 *
 * <p>Not thread-safe; one instance per test. Ids are unique per test, so a shared database works.
 */
public abstract class IdentityPoolRepositoryContract extends RepositoryContractSupport {

    private IdentityPoolRepository repo;

    /** The repository under test; called once before each test. */
    protected abstract IdentityPoolRepository repository();

    @BeforeEach
    final void setUpRepository() {
        repo = repository();
    }

    private IdentityPool pool(String suffix, OrgId org) {
        return new IdentityPool(PoolId.of(id(suffix)), org, "Pool " + suffix, T0, 0);
    }

    private IdentityPool stored(String suffix, OrgId org) {
        IdentityPool pool = pool(suffix, org);
        repo.insert(pool);
        return pool;
    }

    @Test
    void insertThenFindByIdReturnsTheSamePool() {
        IdentityPool pool = stored("p", org("o"));
        assertThat(repo.findById(pool.id())).contains(pool);
    }

    @Test
    void findByIdWhenAbsentThenEmpty() {
        assertThat(repo.findById(PoolId.of(id("nobody")))).isEmpty();
    }

    @Test
    void insertWhenIdExistsThenDuplicate() {
        OrgId org = org("o");
        IdentityPool pool = stored("p", org);
        assertThatThrownBy(() -> repo.insert(pool.withName("Other")))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.DUPLICATE));
    }

    @Test
    void insertWhenVersionIsNotZeroThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> repo.insert(pool("p", org("o")).withVersion(3)));
    }

    @Test
    void updateWhenVersionCurrentThenNameChangedAndVersionIncremented() {
        IdentityPool pool = stored("p", org("o"));
        IdentityPool updated = repo.update(pool.withName("Renamed"));
        assertThat(updated.version()).isEqualTo(1);
        assertThat(updated.name()).isEqualTo("Renamed");
        assertThat(repo.findById(pool.id())).contains(updated);
        assertThat(repo.update(updated.withName("Again")).version()).isEqualTo(2);
    }

    @Test
    void updateWhenVersionStaleThenConflictAndNothingChanges() {
        IdentityPool pool = stored("p", org("o"));
        IdentityPool first = repo.update(pool.withName("First"));
        assertThatThrownBy(() -> repo.update(pool.withName("Second")))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT));
        assertThat(repo.findById(pool.id())).contains(first);
    }

    @Test
    void updateWhenMissingThenMissing() {
        assertThatThrownBy(() -> repo.update(pool("ghost", org("o"))))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.MISSING));
    }

    @Test
    void updateNeverChangesOrganizationOrCreationTime() {
        OrgId org = org("o");
        IdentityPool pool = stored("p", org);
        IdentityPool tampered = new IdentityPool(pool.id(), org("other"), "Renamed", T0.plusSeconds(60), 0);
        IdentityPool updated = repo.update(tampered);
        assertThat(updated.orgId()).isEqualTo(org);
        assertThat(updated.createdAt()).isEqualTo(T0);
        assertThat(repo.findById(pool.id()).orElseThrow().orgId()).isEqualTo(org);
    }

    @Test
    void findByOrgWhenPagedThenBinaryIdOrderAndOnlyThatOrganization() {
        OrgId org = org("o");
        OrgId other = org("other");
        for (String s : List.of("b", "Zed", "abe", "_x", "-m", "9")) {
            stored(s, org);
        }
        stored("a-other", other);
        assertListing(p -> repo.findByOrg(org, p), p -> p.id().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("abe"), id("b")));
    }

    @Test
    void findByOrgWhenNoPoolsThenEmptyLastPage() {
        assertListing(p -> repo.findByOrg(org("empty"), p), p -> p.id().value(), List.of());
    }
}
