package io.partnerid.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.token.KeySetId;
import io.partnerid.core.token.KeyStatus;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.SigningKey;
import io.partnerid.core.token.SigningKeyRepository;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SigningKeyRepository} passes; implementations extend it and supply a fresh, empty
 * repository.
 *
 * <p>Not thread-safe (a JUnit test class).
 */
public abstract class SigningKeyRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final KeySetId SET = KeySetId.of("default");
    private static final KeySetId OTHER = KeySetId.ofOrg(io.partnerid.core.org.OrgId.of("acme"));

    private SigningKeyRepository repository;

    /** A new, empty repository. */
    protected abstract SigningKeyRepository repository();

    @BeforeEach
    void setUpRepository() {
        repository = repository();
    }

    private static SigningKey key(KeySetId set, String kid, KeyStatus status, Instant createdAt) {
        return new SigningKey(set, kid, SigningAlgorithm.ES256, status, new byte[] {1, 2, 3}, new byte[] {9, 8, 7},
                createdAt, status == KeyStatus.RETIRED ? Optional.of(createdAt) : Optional.empty(), 0);
    }

    @Test
    void insertThenFindByKidWhenStoredThenSameKeyWithAllBytes() {
        SigningKey key = key(SET, "k1", KeyStatus.CURRENT, T0);
        repository.insert(key);
        assertThat(repository.findByKid(SET, "k1")).contains(key);
        assertThat(repository.findByKid(SET, "k1").orElseThrow().sealedPrivateKey()).containsExactly(9, 8, 7);
    }

    @Test
    void insertWhenKidExistsInSetThenDuplicate() {
        repository.insert(key(SET, "k1", KeyStatus.CURRENT, T0));
        assertThatThrownBy(() -> repository.insert(key(SET, "k1", KeyStatus.NEXT, T0)))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.DUPLICATE));
    }

    @Test
    void insertWhenSameKidInOtherSetThenBothStored() {
        repository.insert(key(SET, "k1", KeyStatus.CURRENT, T0));
        repository.insert(key(OTHER, "k1", KeyStatus.CURRENT, T0));
        assertThat(repository.findByKeySet(SET)).hasSize(1);
        assertThat(repository.findByKeySet(OTHER)).hasSize(1);
    }

    @Test
    void findByKeySetWhenSeveralThenOldestFirst() {
        repository.insert(key(SET, "b", KeyStatus.NEXT, T0.plusSeconds(10)));
        repository.insert(key(SET, "a", KeyStatus.CURRENT, T0));
        repository.insert(key(SET, "c", KeyStatus.RETIRED, T0.plusSeconds(10)));
        assertThat(repository.findByKeySet(SET)).extracting(SigningKey::kid).containsExactly("a", "b", "c");
    }

    @Test
    void findWhenUnknownThenEmpty() {
        assertThat(repository.findByKeySet(SET)).isEmpty();
        assertThat(repository.findByKid(SET, "nope")).isEmpty();
    }

    @Test
    void updateWhenVersionMatchesThenStatusChangesAndVersionIncrements() {
        repository.insert(key(SET, "k1", KeyStatus.CURRENT, T0));
        SigningKey stored = repository.findByKid(SET, "k1").orElseThrow();
        SigningKey updated = repository.update(stored.withStatus(KeyStatus.RETIRED, Optional.of(T0.plusSeconds(5))));
        assertThat(updated.version()).isEqualTo(1);
        assertThat(repository.findByKid(SET, "k1")).contains(updated);
        assertThat(updated.retiredAt()).contains(T0.plusSeconds(5));
    }

    @Test
    void updateWhenVersionStaleThenConflict() {
        repository.insert(key(SET, "k1", KeyStatus.NEXT, T0));
        SigningKey stored = repository.findByKid(SET, "k1").orElseThrow();
        repository.update(stored.withStatus(KeyStatus.CURRENT, Optional.empty()));
        assertThatThrownBy(() -> repository.update(stored.withStatus(KeyStatus.RETIRED, Optional.of(T0))))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT));
    }

    @Test
    void updateWhenMissingThenMissing() {
        assertThatThrownBy(() -> repository.update(key(SET, "ghost", KeyStatus.CURRENT, T0)))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.MISSING));
    }

    @Test
    void deleteRetiredBeforeWhenMixedThenOnlyOldRetiredDeleted() {
        repository.insert(key(SET, "old", KeyStatus.RETIRED, T0));
        repository.insert(key(SET, "recent", KeyStatus.RETIRED, T0.plusSeconds(100)));
        repository.insert(key(SET, "cur", KeyStatus.CURRENT, T0));
        repository.insert(key(OTHER, "old", KeyStatus.RETIRED, T0));
        assertThat(repository.deleteRetiredBefore(SET, T0.plusSeconds(50))).isEqualTo(1);
        assertThat(repository.findByKeySet(SET)).extracting(SigningKey::kid).containsExactly("cur", "recent");
        assertThat(repository.findByKeySet(OTHER)).hasSize(1);
    }
}
