package io.partnerid.testkit.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.role.RoleRepository;
import io.partnerid.testkit.RepositoryContractSupport;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RoleRepository} implementation must pass: extend it and return the repository under
 * test from {@link #repository()}.
 *
 * <p>Not thread-safe; one instance per test. Ids are unique per test, so a shared database works.
 */
public abstract class RoleRepositoryContract extends RepositoryContractSupport {

    private RoleRepository repo;
    private OrgId org;

    /** The repository under test; called once before each test. */
    protected abstract RoleRepository repository();

    @BeforeEach
    final void setUpRepository() {
        repo = repository();
        org = org("o");
    }

    private Role role(String suffix, String name) {
        return new Role(RoleId.of(id(suffix)), org, name, Set.of("orders:read", "orders:write"), true, T0, 0);
    }

    private Role stored(String suffix, String name) {
        Role role = role(suffix, name);
        repo.insert(role);
        return role;
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void insertThenFindByIdAndByNameReturnTheSameRole() {
        Role role = stored("r", "trader");
        Role empty = new Role(RoleId.of(id("e")), org, "nothing", Set.of(), false, T0.plusMillis(1), 0);
        repo.insert(empty);
        assertThat(repo.findById(role.id())).contains(role);
        assertThat(repo.findByName(org, "trader")).contains(role);
        assertThat(repo.findById(empty.id())).contains(empty);
        assertThat(repo.findById(empty.id()).orElseThrow().permissions()).isEmpty();
    }

    @Test
    void findWhenAbsentThenEmpty() {
        stored("r", "trader");
        assertThat(repo.findById(RoleId.of(id("none")))).isEmpty();
        assertThat(repo.findByName(org, "viewer")).isEmpty();
        assertThat(repo.findByName(org("other"), "trader")).isEmpty();
    }

    @Test
    void insertWhenIdExistsThenDuplicate() {
        stored("r", "trader");
        assertCode(() -> repo.insert(role("r", "other")), StoreErrors.DUPLICATE);
    }

    @Test
    void insertWhenNameTakenInOrganizationThenDuplicateButCaseAndOtherOrganizationsDiffer() {
        stored("r", "trader");
        assertCode(() -> repo.insert(role("r2", "trader")), StoreErrors.DUPLICATE);
        assertThat(repo.findById(RoleId.of(id("r2")))).isEmpty();
        stored("r3", "Trader"); // names compare exactly
        Role elsewhere = new Role(RoleId.of(id("r4")), org("other"), "trader", Set.of(), false, T0, 0);
        repo.insert(elsewhere);
        assertThat(repo.findByName(elsewhere.orgId(), "trader")).contains(elsewhere);
    }

    @Test
    void insertWhenVersionIsNotZeroThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> repo.insert(role("r", "x").withVersion(1)));
    }

    @Test
    void updateWhenVersionCurrentThenDefinitionChangedAndVersionIncremented() {
        Role role = stored("r", "trader");
        Role updated = repo.update(role.withDefinition("senior-trader", Set.of("orders:*"), false));
        assertThat(updated).isEqualTo(role.withDefinition("senior-trader", Set.of("orders:*"), false).withVersion(1));
        assertThat(repo.findById(role.id())).contains(updated);
        assertThat(repo.findByName(org, "trader")).isEmpty();
        assertThat(repo.findByName(org, "senior-trader")).contains(updated);
        stored("r2", "trader"); // the old name is free again
    }

    @Test
    void updateWhenStaleThenConflictWhenMissingThenMissing() {
        Role role = stored("r", "trader");
        Role first = repo.update(role.withDefinition("a", Set.of(), true));
        assertCode(() -> repo.update(role.withDefinition("b", Set.of(), true)), StoreErrors.CONFLICT);
        assertThat(repo.findById(role.id())).contains(first);
        assertCode(() -> repo.update(role("ghost", "ghost")), StoreErrors.MISSING);
    }

    @Test
    void updateWhenNameTakenThenDuplicateAndNothingChanges() {
        Role a = stored("a", "trader");
        stored("b", "viewer");
        assertCode(() -> repo.update(a.withDefinition("viewer", Set.of(), true)), StoreErrors.DUPLICATE);
        assertThat(repo.findById(a.id())).contains(a);
    }

    @Test
    void updateNeverChangesOrganizationOrCreationTime() {
        Role role = stored("r", "trader");
        Role tampered = new Role(role.id(), org("other"), "trader", Set.of(), true, T0.plusSeconds(5), 0);
        Role updated = repo.update(tampered);
        assertThat(updated.orgId()).isEqualTo(org);
        assertThat(updated.createdAt()).isEqualTo(T0);
    }

    @Test
    void findByOrgWhenPagedThenBinaryIdOrder() {
        for (String s : List.of("b", "Zed", "abe", "_x", "-m", "9")) {
            stored(s, "role" + s);
        }
        repo.insert(new Role(RoleId.of(id("a-other")), org("other"), "x", Set.of(), false, T0, 0));
        assertListing(p -> repo.findByOrg(org, p), r -> r.id().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("abe"), id("b")));
    }
}
