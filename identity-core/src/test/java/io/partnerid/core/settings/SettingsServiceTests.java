package io.partnerid.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.settings.EffectiveSetting.Source;
import io.partnerid.core.settings.SettingExplanation.Outcome;
import io.partnerid.core.settings.SettingExplanation.Step;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SettingsServiceTests {

    private static final SettingKey<Duration> LIFETIME = SettingKey.SESSION_LIFETIME;

    private final InMemoryOrganizationRepository orgRepository = new InMemoryOrganizationRepository();
    private final OrganizationService orgs = new OrganizationService(orgRepository,
            TestRuntimes.on(MutableClock.standard()));
    private final CountingRepository repository = new CountingRepository(new InMemoryOrgSettingsRepository());
    private final SettingsService settings = new SettingsService(repository, orgs);

    /** level.get(i) is the organization at depth i + 1 of a 12-level chain. */
    private final List<Organization> level = chain(12);

    private List<Organization> chain(int depth) {
        List<Organization> chain = new ArrayList<>();
        chain.add(orgs.createRoot(new NewOrganization("Level 1")));
        for (int d = 2; d <= depth; d++) {
            chain.add(orgs.createChild(chain.get(chain.size() - 1).id(), new NewOrganization("Level " + d)));
        }
        return chain;
    }

    private OrgId at(int depth) {
        return level.get(depth - 1).id();
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void effectiveWhenNothingSetThenDefault() {
        assertThat(settings.effective(at(12), LIFETIME))
                .isEqualTo(new EffectiveSetting<>(Duration.ofHours(8), Source.DEFAULT, Optional.empty()));
    }

    @Test
    void effectiveWhenSeveralOrgsSetValuesThenTheDeepestOnThePathWins() {
        settings.set(at(1), LIFETIME, Duration.ofHours(1));
        settings.set(at(5), LIFETIME, Duration.ofHours(2));
        settings.set(at(10), LIFETIME, Duration.ofHours(3));

        assertThat(settings.effective(at(12), LIFETIME))
                .isEqualTo(new EffectiveSetting<>(Duration.ofHours(3), Source.org(at(10)), Optional.empty()));
        assertThat(settings.effective(at(7), LIFETIME).value()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.effective(at(7), LIFETIME).source()).isEqualTo(Source.org(at(5)));
        assertThat(settings.effective(at(1), LIFETIME).value()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void lockAtLevelThreeOverridesValuesSetAtLevelsFiveAndTen() {
        settings.set(at(5), LIFETIME, Duration.ofHours(2));
        settings.set(at(10), LIFETIME, Duration.ofHours(3));
        settings.set(at(3), LIFETIME, Duration.ofMinutes(30));
        settings.lock(at(3), LIFETIME);

        EffectiveSetting<Duration> expected = new EffectiveSetting<>(Duration.ofMinutes(30), Source.org(at(3)),
                Optional.of(at(3)));
        for (int depth = 3; depth <= 12; depth++) {
            assertThat(settings.effective(at(depth), LIFETIME)).as("depth %d", depth).isEqualTo(expected);
        }
        assertThat(settings.effective(at(2), LIFETIME))
                .isEqualTo(new EffectiveSetting<>(Duration.ofHours(8), Source.DEFAULT, Optional.empty()));
    }

    @Test
    void explainWhenLockedAtLevelThreeThenEveryStepSaysWhatHappened() {
        settings.set(at(5), LIFETIME, Duration.ofHours(2));
        settings.set(at(10), LIFETIME, Duration.ofHours(3));
        settings.set(at(3), LIFETIME, Duration.ofMinutes(30));
        settings.lock(at(3), LIFETIME);

        SettingExplanation<Duration> explanation = settings.explain(at(12), LIFETIME);

        assertThat(explanation.steps()).hasSize(12);
        assertThat(explanation.steps()).extracting(Step::org)
                .containsExactlyElementsOf(level.stream().map(Organization::id).toList());
        assertThat(explanation.step(at(3))).contains(
                new Step<>(at(3), 3, Optional.of(Duration.ofMinutes(30)), true, Outcome.USED));
        assertThat(explanation.step(at(5))).contains(
                new Step<>(at(5), 5, Optional.of(Duration.ofHours(2)), false, Outcome.IGNORED_BECAUSE_LOCKED));
        assertThat(explanation.step(at(10))).contains(
                new Step<>(at(10), 10, Optional.of(Duration.ofHours(3)), false, Outcome.IGNORED_BECAUSE_LOCKED));
        for (int depth : List.of(1, 2, 4, 6, 7, 8, 9, 11, 12)) {
            assertThat(explanation.step(at(depth)).orElseThrow().outcome()).as("depth %d", depth)
                    .isEqualTo(Outcome.NOT_SET);
        }
        assertThat(explanation.effective().lockedBy()).contains(at(3));
        List<String> text = explanation.describe();
        assertThat(text).hasSize(13);
        assertThat(text.get(2)).isEqualTo("3. " + at(3) + ": sets PT30M, locks -> its value is used");
        assertThat(text.get(4)).isEqualTo("5. " + at(5) + ": sets PT2H -> ignored: an ancestor locks the setting");
        assertThat(text.get(12)).isEqualTo("session.lifetime = PT30M from ORG(" + at(3) + "), locked by " + at(3));
    }

    @Test
    void explainWhenNoLockThenShallowerValuesAreOverridden() {
        settings.set(at(1), LIFETIME, Duration.ofHours(1));
        settings.set(at(4), LIFETIME, Duration.ofHours(2));
        SettingExplanation<Duration> explanation = settings.explain(at(6), LIFETIME);
        assertThat(explanation.steps()).extracting(Step::outcome).containsExactly(Outcome.OVERRIDDEN,
                Outcome.NOT_SET, Outcome.NOT_SET, Outcome.USED, Outcome.NOT_SET, Outcome.NOT_SET);
    }

    @Test
    void lockWithoutValueFixesTheInheritedValue() {
        settings.set(at(1), LIFETIME, Duration.ofHours(4));
        settings.set(at(5), LIFETIME, Duration.ofHours(2));
        settings.lock(at(3), LIFETIME);

        assertThat(settings.effective(at(12), LIFETIME))
                .isEqualTo(new EffectiveSetting<>(Duration.ofHours(4), Source.org(at(1)), Optional.of(at(3))));
        SettingExplanation<Duration> explanation = settings.explain(at(12), LIFETIME);
        assertThat(explanation.step(at(1)).orElseThrow().outcome()).isEqualTo(Outcome.USED);
        assertThat(explanation.step(at(3)).orElseThrow().outcome()).isEqualTo(Outcome.LOCKS_INHERITED_VALUE);
        assertThat(explanation.step(at(5)).orElseThrow().outcome()).isEqualTo(Outcome.IGNORED_BECAUSE_LOCKED);
    }

    @Test
    void lockWithoutValueAndNothingAboveThenLocksTheDefault() {
        settings.set(at(8), LIFETIME, Duration.ofDays(20));
        settings.lock(at(2), LIFETIME);
        assertThat(settings.effective(at(12), LIFETIME))
                .isEqualTo(new EffectiveSetting<>(Duration.ofHours(8), Source.DEFAULT, Optional.of(at(2))));
    }

    @Test
    void setWhenAStrictAncestorLocksThenLockedByAncestor() {
        settings.lock(at(3), LIFETIME);

        assertCode(() -> settings.set(at(5), LIFETIME, Duration.ofHours(1)), SettingsErrors.LOCKED_BY_ANCESTOR);
        assertCode(() -> settings.set(at(4), LIFETIME, Duration.ofHours(1)), SettingsErrors.LOCKED_BY_ANCESTOR);
        assertCode(() -> settings.clear(at(12), LIFETIME), SettingsErrors.LOCKED_BY_ANCESTOR);
        assertCode(() -> settings.lock(at(6), LIFETIME), SettingsErrors.LOCKED_BY_ANCESTOR);
        assertThat(repository.delegate.find(at(5))).isEmpty();
        // other keys and the locking organization itself are unaffected
        settings.set(at(5), SettingKey.MFA_REQUIRED, true);
        settings.set(at(3), LIFETIME, Duration.ofMinutes(45));
        settings.set(at(2), LIFETIME, Duration.ofHours(2));
        assertThat(settings.effective(at(12), LIFETIME).value()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void lockedByAncestorErrorDoesNotNameTheAncestorToTheClient() {
        settings.lock(at(3), LIFETIME);
        assertThatThrownBy(() -> settings.set(at(5), LIFETIME, Duration.ofHours(1)))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.clientDescription()).doesNotContain(at(3).value()));
    }

    @Test
    void unlockThenValuesBelowTakeEffectAgain() {
        settings.set(at(5), LIFETIME, Duration.ofHours(2));
        settings.set(at(10), LIFETIME, Duration.ofHours(3));
        settings.set(at(3), LIFETIME, Duration.ofMinutes(30));
        settings.lock(at(3), LIFETIME);

        EffectiveSetting<Duration> afterUnlock = settings.unlock(at(3), LIFETIME);

        assertThat(afterUnlock).isEqualTo(new EffectiveSetting<>(Duration.ofMinutes(30), Source.org(at(3)),
                Optional.empty()));
        assertThat(settings.effective(at(12), LIFETIME))
                .isEqualTo(new EffectiveSetting<>(Duration.ofHours(3), Source.org(at(10)), Optional.empty()));
        assertThat(settings.effective(at(7), LIFETIME).value()).isEqualTo(Duration.ofHours(2));
        settings.set(at(5), LIFETIME, Duration.ofHours(5)); // writable again
        assertThat(settings.effective(at(7), LIFETIME).value()).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void unlockWhenAnAncestorAlsoLocksThenAllowedAndTheAncestorLockStillGoverns() {
        settings.lock(at(6), LIFETIME);
        settings.set(at(2), LIFETIME, Duration.ofHours(1));
        settings.lock(at(2), LIFETIME);

        assertThat(settings.explain(at(12), LIFETIME).step(at(6)).orElseThrow().outcome())
                .isEqualTo(Outcome.IGNORED_BECAUSE_LOCKED);
        settings.unlock(at(6), LIFETIME);
        assertThat(repository.delegate.find(at(6)).orElseThrow().entries()).isEmpty();
        assertThat(settings.effective(at(12), LIFETIME).lockedBy()).contains(at(2));
    }

    @Test
    void lockWhenAppliedTwiceThenIdempotent() {
        settings.lock(at(3), LIFETIME);
        long version = repository.delegate.find(at(3)).orElseThrow().version();
        settings.lock(at(3), LIFETIME);
        assertThat(repository.delegate.find(at(3)).orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void clearThenTheOrgInheritsAgainAndKeepsItsLock() {
        settings.set(at(1), LIFETIME, Duration.ofHours(1));
        settings.set(at(2), LIFETIME, Duration.ofHours(2));
        settings.lock(at(2), LIFETIME);

        assertThat(settings.clear(at(2), LIFETIME))
                .isEqualTo(new EffectiveSetting<>(Duration.ofHours(1), Source.org(at(1)), Optional.of(at(2))));
    }

    @Test
    void lockInOneSubtreeDoesNotAffectASiblingSubtree() {
        Organization sibling = orgs.createChild(at(2), new NewOrganization("Sibling"));
        settings.set(at(3), LIFETIME, Duration.ofMinutes(10));
        settings.lock(at(3), LIFETIME);
        settings.set(sibling.id(), LIFETIME, Duration.ofHours(12));
        assertThat(settings.effective(sibling.id(), LIFETIME).value()).isEqualTo(Duration.ofHours(12));
        assertThat(settings.effective(sibling.id(), LIFETIME).lockedBy()).isEmpty();
    }

    @Test
    void setWhenValueViolatesTheConstraintThenInvalidValue() {
        assertCode(() -> settings.set(at(1), SettingKey.RISK_DENY_THRESHOLD, 101), SettingsErrors.INVALID_VALUE);
        assertCode(() -> settings.set(at(1), SettingKey.RISK_STEP_UP_THRESHOLD, -1), SettingsErrors.INVALID_VALUE);
        assertCode(() -> settings.set(at(1), LIFETIME, Duration.ZERO), SettingsErrors.INVALID_VALUE);
        assertCode(() -> settings.set(at(1), LIFETIME, Duration.ofDays(31)), SettingsErrors.INVALID_VALUE);
        assertCode(() -> settings.set(at(1), SettingKey.ALLOWED_LOGIN_METHODS, Set.of()),
                SettingsErrors.INVALID_VALUE);
        assertCode(() -> settings.set(at(1), SettingKey.ALLOWED_LOGIN_METHODS, Set.of("password", "telepathy")),
                SettingsErrors.INVALID_VALUE);
        assertThat(repository.delegate.find(at(1))).isEmpty();

        settings.set(at(1), SettingKey.ALLOWED_LOGIN_METHODS, Set.of("passkey", "oidc"));
        assertThat(settings.effective(at(4), SettingKey.ALLOWED_LOGIN_METHODS).value())
                .isEqualTo(Set.of("oidc", "passkey"));
    }

    @Test
    void setWhenOrgSuspendedThenRefusedButReadsStillWork() {
        settings.set(at(4), SettingKey.MFA_REQUIRED, true);
        orgRepository.suspendSubtree(level.get(2).path(), at(3));
        assertCode(() -> settings.set(at(4), SettingKey.MFA_REQUIRED, false), OrgErrors.SUSPENDED);
        assertCode(() -> settings.lock(at(3), SettingKey.MFA_REQUIRED), OrgErrors.SUSPENDED);
        assertThat(settings.effective(at(6), SettingKey.MFA_REQUIRED).value()).isTrue();
    }

    @Test
    void effectiveWhenOrgUnknownThenNotFound() {
        assertCode(() -> settings.effective(OrgId.of("nobody"), LIFETIME), OrgErrors.NOT_FOUND);
        assertCode(() -> settings.set(OrgId.of("nobody"), LIFETIME, Duration.ofHours(1)), OrgErrors.NOT_FOUND);
    }

    @Test
    void effectiveWhenStoredValueNoLongerDecodesThenFailsClosed() {
        repository.delegate.save(OrgSettings.empty(at(2)).with("risk.deny_threshold", Optional.of("high"), true));
        assertCode(() -> settings.effective(at(5), SettingKey.RISK_DENY_THRESHOLD), SettingsErrors.CORRUPT_VALUE);
    }

    @Test
    void effectiveWhenKeyDefinedByAnotherModuleThenResolvedLikeBuiltIns() {
        SettingKey<Integer> maxSessions = SettingKey.of("session.max_per_user", SettingCodec.INTEGER, 10,
                n -> n >= 1 && n <= 100, "1 to 100");
        settings.set(at(2), maxSessions, 3);
        assertThat(settings.effective(at(9), maxSessions))
                .isEqualTo(new EffectiveSetting<>(3, Source.org(at(2)), Optional.empty()));
    }

    @Test
    void effectiveCostsOneSettingsReadForTheWholePath() {
        settings.set(at(4), LIFETIME, Duration.ofHours(2));
        repository.findAllCalls.clear();
        settings.effective(at(12), LIFETIME);
        assertThat(repository.findAllCalls).hasSize(1);
        assertThat(repository.findAllCalls.get(0)).isEqualTo(12);
    }

    /** Counts how the service reads, to pin the O(depth), one-round-trip resolution. */
    private static final class CountingRepository implements OrgSettingsRepository {
        private final InMemoryOrgSettingsRepository delegate;
        private final List<Integer> findAllCalls = new ArrayList<>();

        CountingRepository(InMemoryOrgSettingsRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<OrgSettings> find(OrgId org) {
            return delegate.find(org);
        }

        @Override
        public Map<OrgId, OrgSettings> findAll(Collection<OrgId> orgs) {
            findAllCalls.add(orgs.size());
            return delegate.findAll(orgs);
        }

        @Override
        public OrgSettings save(OrgSettings settings) {
            return delegate.save(settings);
        }
    }
}
