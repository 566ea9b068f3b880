package io.partnerid.testkit.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.settings.OrgSettings;
import io.partnerid.core.settings.OrgSettingsRepository;
import io.partnerid.core.settings.SettingEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link OrgSettingsRepository} implementation must pass; implementations extend it.
 *
 * <p>Each test uses fresh organization ids, so one repository (and one database) may serve every test without
 * cleaning. Pinned semantics: nothing stored reads as empty; {@code save} compares the given version with the stored
 * one (0 when nothing is stored), replaces the whole entry set and returns it with version + 1, or fails with
 * {@code store.conflict}; entries round-trip exactly (value-only, lock-only, value and lock; unicode; values of
 * {@link SettingEntry#MAX_VALUE_LENGTH} characters); an empty entry set is stored and read back as such;
 * {@code findAll} returns only organizations with stored settings; organizations are independent; of concurrent
 * saves from the same version exactly one wins.
 */
public abstract class OrgSettingsRepositoryContract {

    /** The repository under test; may be the same instance for every test. */
    protected abstract OrgSettingsRepository repository();

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private OrgId org(String name) {
        return OrgId.of(name + "-" + run);
    }

    private static OrgSettings settings(OrgId org, long version, Map<String, SettingEntry> entries) {
        return new OrgSettings(org, entries, version);
    }

    @Test
    void findWhenNothingSavedThenEmpty() {
        assertThat(repository().find(org("none"))).isEmpty();
        assertThat(repository().findAll(List.of(org("none"), org("none2")))).isEmpty();
    }

    @Test
    void saveWhenFirstTimeThenVersionOneAndEntriesRoundTrip() {
        OrgId org = org("a");
        Map<String, SettingEntry> entries = Map.of(
                "session.lifetime", new SettingEntry(Optional.of("PT1H"), false),
                "mfa.required", new SettingEntry(Optional.of("true"), true),
                "login.allowed_methods", new SettingEntry(Optional.empty(), true),
                "custom.motto", new SettingEntry(Optional.of("Grüße — 東京 'x' \"y\""), false),
                "custom.long", new SettingEntry(Optional.of("z".repeat(SettingEntry.MAX_VALUE_LENGTH)), false));

        OrgSettings saved = repository().save(settings(org, 0, entries));

        assertThat(saved.version()).isEqualTo(1);
        assertThat(saved.entries()).isEqualTo(entries);
        assertThat(repository().find(org)).contains(saved);
    }

    @Test
    void saveWhenVersionMatchesThenReplacesAllEntriesAndIncrementsVersion() {
        OrgId org = org("a");
        OrgSettings first = repository().save(settings(org, 0, Map.of(
                "session.lifetime", new SettingEntry(Optional.of("PT1H"), false),
                "mfa.required", new SettingEntry(Optional.of("true"), false))));
        OrgSettings second = repository().save(first.with("mfa.required", Optional.empty(), false)
                .with("risk.deny_threshold", Optional.of("70"), true));

        assertThat(second.version()).isEqualTo(2);
        assertThat(repository().find(org).orElseThrow().entries()).isEqualTo(Map.of(
                "session.lifetime", new SettingEntry(Optional.of("PT1H"), false),
                "risk.deny_threshold", new SettingEntry(Optional.of("70"), true)));
    }

    @Test
    void saveWhenEntriesEmptyThenStoredEmptyAndVersionKeepsCounting() {
        OrgId org = org("a");
        OrgSettings first = repository().save(settings(org, 0, Map.of(
                "mfa.required", new SettingEntry(Optional.of("true"), false))));
        OrgSettings emptied = repository().save(first.with("mfa.required", Optional.empty(), false));
        assertThat(emptied.version()).isEqualTo(2);
        assertThat(repository().find(org)).contains(emptied);
        assertThat(repository().find(org).orElseThrow().entries()).isEmpty();
    }

    @Test
    void saveWhenVersionStaleThenConflictAndNothingChanges() {
        OrgId org = org("a");
        OrgSettings first = repository().save(settings(org, 0, Map.of(
                "mfa.required", new SettingEntry(Optional.of("true"), false))));
        repository().save(first.with("mfa.required", Optional.of("false"), false));

        assertThatThrownBy(() -> repository().save(first.with("mfa.required", Optional.empty(), true)))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT));
        assertThat(repository().find(org).orElseThrow().entries())
                .containsEntry("mfa.required", new SettingEntry(Optional.of("false"), false));
    }

    @Test
    void saveWhenVersionZeroButSettingsExistThenConflict() {
        OrgId org = org("a");
        repository().save(settings(org, 0, Map.of("mfa.required", new SettingEntry(Optional.of("true"), false))));
        assertThatThrownBy(() -> repository().save(settings(org, 0, Map.of())))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT));
    }

    @Test
    void saveWhenVersionAheadOfStoredThenConflict() {
        OrgId org = org("a");
        assertThatThrownBy(() -> repository().save(settings(org, 3, Map.of())))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT));
        assertThat(repository().find(org)).isEmpty();
    }

    @Test
    void findAllWhenSomeOrgsHaveSettingsThenOnlyThoseAreReturned() {
        OrgId a = org("a");
        OrgId b = org("b");
        OrgId c = org("c");
        OrgSettings savedA = repository().save(settings(a, 0, Map.of(
                "mfa.required", new SettingEntry(Optional.of("true"), true))));
        OrgSettings savedC = repository().save(settings(c, 0, Map.of(
                "mfa.required", new SettingEntry(Optional.of("false"), false))));

        Map<OrgId, OrgSettings> found = repository().findAll(List.of(a, b, c));

        assertThat(found).containsOnlyKeys(a, c);
        assertThat(found.get(a)).isEqualTo(savedA);
        assertThat(found.get(c)).isEqualTo(savedC);
        assertThat(repository().findAll(List.of())).isEmpty();
    }

    @Test
    void saveWhenTwoOrgsThenIndependent() {
        OrgId a = org("a");
        OrgId b = org("b");
        repository().save(settings(a, 0, Map.of("mfa.required", new SettingEntry(Optional.of("true"), true))));
        OrgSettings savedB = repository().save(settings(b, 0, Map.of()));
        assertThat(savedB.version()).isEqualTo(1);
        assertThat(repository().find(b).orElseThrow().entries()).isEmpty();
        assertThat(repository().find(a).orElseThrow().entries()).hasSize(1);
    }

    @Test
    void saveWhenManyWritersRaceFromTheSameVersionThenExactlyOneWins() throws Exception {
        OrgId org = org("race");
        OrgSettings base = repository().save(settings(org, 0, Map.of()));
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String value = Integer.toString(i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        repository().save(base.with("risk.deny_threshold", Optional.of(value), false));
                        return true;
                    } catch (IdentityException e) {
                        assertThat(e.code()).isEqualTo(StoreErrors.CONFLICT);
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : outcomes) {
                winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(repository().find(org).orElseThrow().version()).isEqualTo(2);
    }
}
