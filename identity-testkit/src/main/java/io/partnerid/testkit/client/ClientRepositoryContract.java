package io.partnerid.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.client.ClientApplication;
import io.partnerid.core.client.ClientId;
import io.partnerid.core.client.ClientRepository;
import io.partnerid.core.client.GrantTypes;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.RepositoryContractSupport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ClientRepository} implementation must pass: extend it and return the repository under
 * test from {@link #repository()}.
 *
 * <p>Not thread-safe; one instance per test. Ids are unique per test, so a shared database works.
 */
public abstract class ClientRepositoryContract extends RepositoryContractSupport {

    private static final String HASH =
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";

    private ClientRepository repo;
    private OrgId org;

    /** The repository under test; called once before each test. */
    protected abstract ClientRepository repository();

    @BeforeEach
    final void setUpRepository() {
        repo = repository();
        org = org("o");
    }

    private ClientApplication client(String suffix, Optional<String> hash) {
        return new ClientApplication(ClientId.of(id(suffix)), org, "Client " + suffix,
                Set.of(GrantTypes.AUTHORIZATION_CODE, GrantTypes.REFRESH_TOKEN),
                Set.of("https://app.example/callback", "com.example.app:/cb"), Set.of("openid", "orders:read"),
                Set.of("https://api.example"), hash, T0.plusNanos(5_000), 0);
    }

    private ClientApplication stored(String suffix) {
        ClientApplication c = client(suffix, Optional.of(HASH));
        repo.insert(c);
        return c;
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void insertThenFindReturnsTheSameClientConfidentialOrPublic() {
        ClientApplication confidential = stored("c");
        ClientApplication publicClient = new ClientApplication(ClientId.of(id("p")), org, "SPA",
                Set.of(GrantTypes.AUTHORIZATION_CODE), Set.of("https://spa.example/cb"), Set.of(), Set.of(),
                Optional.empty(), T0, 0);
        repo.insert(publicClient);
        assertThat(repo.findById(confidential.id())).contains(confidential);
        assertThat(repo.findById(confidential.id()).orElseThrow().secretHash()).contains(HASH);
        assertThat(repo.findById(publicClient.id())).contains(publicClient);
        assertThat(repo.findById(ClientId.of(id("none")))).isEmpty();
    }

    @Test
    void insertWhenIdExistsThenDuplicate() {
        stored("c");
        assertCode(() -> repo.insert(client("c", Optional.empty())), StoreErrors.DUPLICATE);
        assertThat(repo.findById(ClientId.of(id("c"))).orElseThrow().secretHash()).contains(HASH);
    }

    @Test
    void insertWhenVersionIsNotZeroThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> repo.insert(client("c", Optional.empty())
                .withVersion(1)));
    }

    @Test
    void updateWhenVersionCurrentThenEverythingButIdentityReplaced() {
        ClientApplication c = stored("c");
        ClientApplication changed = new ClientApplication(c.id(), org("elsewhere"), "Renamed",
                Set.of(GrantTypes.CLIENT_CREDENTIALS), Set.of(), Set.of("orders:write"), Set.of("urn:api:b"),
                Optional.of(HASH.replace("t=2", "t=3")), T0.plusSeconds(60), 0);
        ClientApplication updated = repo.update(changed);
        assertThat(updated).isEqualTo(new ClientApplication(c.id(), org, "Renamed",
                Set.of(GrantTypes.CLIENT_CREDENTIALS), Set.of(), Set.of("orders:write"), Set.of("urn:api:b"),
                Optional.of(HASH.replace("t=2", "t=3")), c.createdAt(), 1));
        assertThat(repo.findById(c.id())).contains(updated);
        assertThat(repo.update(updated.withSecretHash(Optional.empty())).secretHash()).isEmpty();
    }

    @Test
    void updateWhenStaleThenConflictAndWhenMissingThenMissing() {
        ClientApplication c = stored("c");
        ClientApplication rotated = repo.update(c.withSecretHash(Optional.of(HASH + "A")));
        assertCode(() -> repo.update(c.withSecretHash(Optional.of(HASH + "B"))), StoreErrors.CONFLICT);
        assertThat(repo.findById(c.id())).contains(rotated);
        assertCode(() -> repo.update(client("ghost", Optional.empty())), StoreErrors.MISSING);
    }

    @Test
    void deleteWhenPresentThenTrueOnceAndGoneFromListing() {
        ClientApplication c = stored("c");
        assertThat(repo.delete(c.id())).isTrue();
        assertThat(repo.delete(c.id())).isFalse();
        assertThat(repo.findById(c.id())).isEmpty();
        assertListing(p -> repo.findByOrg(org, p), x -> x.id().value(), List.of());
    }

    @Test
    void findByOrgWhenPagedThenBinaryIdOrder() {
        for (String s : List.of("b", "Zed", "abe", "_x", "-m", "9")) {
            stored(s);
        }
        OrgId other = org("other");
        repo.insert(new ClientApplication(ClientId.of(id("a-other")), other, "Other",
                Set.of(GrantTypes.CLIENT_CREDENTIALS), Set.of(), Set.of(), Set.of(), Optional.of(HASH), T0, 0));
        assertListing(p -> repo.findByOrg(org, p), c -> c.id().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("abe"), id("b")));
    }
}
