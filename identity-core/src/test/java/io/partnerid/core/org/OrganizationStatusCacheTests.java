package io.partnerid.core.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.governance.KillSwitch;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationStatusCacheTests {

    private final MutableClock clock = MutableClock.standard();
    private final IdentityRuntime runtime = TestRuntimes.on(clock);
    private final CountingRepository repository = new CountingRepository(new InMemoryOrganizationRepository());
    private final OrganizationService organizations = new OrganizationService(repository, runtime);
    private final Organization acme = organizations.createRoot(new NewOrganization("Acme"));
    private final Organization desk = organizations.createChild(acme.id(), new NewOrganization("Desk"));
    private final OrganizationStatusCache cache = OrganizationStatusCache.builder(repository, runtime).build();

    @BeforeEach
    void countFromHere() {
        repository.finds.set(0);
        repository.versionReads.set(0);
    }

    @Test
    void isActiveWhenAskedTwiceThenTheRepositoryIsReadOnce() {
        assertThat(cache.isActive(desk.id())).isTrue();
        assertThat(cache.isActive(desk.id())).isTrue();
        clock.advance(Duration.ofMillis(100));
        assertThat(cache.isActive(desk.id())).isTrue();

        assertThat(repository.finds.get()).isEqualTo(1);
        assertThat(repository.versionReads.get()).isEqualTo(1);
    }

    @Test
    void isActiveWhenAnotherNodeSuspendsThenRefusedWithinTheBoundAndNotBefore() {
        assertThat(cache.isActive(desk.id())).isTrue();

        // another node: the change reaches the shared repository, not this cache
        repository.suspendSubtree(acme.path(), acme.id());

        clock.advance(OrganizationStatusCache.DEFAULT_MAX_STALENESS.minusMillis(1));
        assertThat(cache.isActive(desk.id())).as("still within the validation period").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.isActive(desk.id())).as("the bound has passed").isFalse();
        assertThat(cache.isActive(acme.id())).isFalse();

        repository.resumeSubtree(acme.path(), acme.id());
        clock.advance(OrganizationStatusCache.DEFAULT_MAX_STALENESS);
        assertThat(cache.isActive(desk.id())).isTrue();
    }

    @Test
    void isActiveWhenManyLookUpsInOnePeriodThenTheCounterIsReadOnce() {
        for (int i = 0; i < 1_000; i++) {
            cache.isActive(i % 2 == 0 ? acme.id() : desk.id());
        }
        assertThat(repository.versionReads.get()).isEqualTo(1);
        clock.advance(OrganizationStatusCache.DEFAULT_MAX_STALENESS);
        cache.isActive(acme.id());
        assertThat(repository.versionReads.get()).isEqualTo(2);
        assertThat(repository.finds.get()).as("nothing changed: nothing dropped").isEqualTo(2);
    }

    @Test
    void killSwitchWhenPulledOnThisNodeThenRefusedAtOnce() {
        KillSwitch killSwitch = new KillSwitch(repository, cache, List.of(), event -> { }, runtime);
        assertThat(cache.isActive(desk.id())).isTrue();

        killSwitch.suspend(Actor.system("test"), acme.id(), "breach");
        assertThat(cache.isActive(desk.id())).isFalse();

        killSwitch.resume(Actor.system("test"), acme.id(), "settled");
        assertThat(cache.isActive(desk.id())).isTrue();
    }

    @Test
    void findWhenUnknownIdsFloodThenMemoryStaysBoundedAndUnknownIsNeverActive() {
        OrganizationStatusCache small = OrganizationStatusCache.builder(repository, runtime).maximumSize(100).build();
        for (int i = 0; i < 5_000; i++) {
            assertThat(small.isActive(OrgId.of("forged-" + i))).isFalse();
            assertThat(small.size()).isLessThanOrEqualTo(100 + 10);
        }
        assertThat(small.isActive(acme.id())).isTrue();
    }

    @Test
    void findWhenUnknownIdAskedAgainThenNotReadAgainWithinThePeriod() {
        OrgId forged = OrgId.of("forged");
        assertThat(cache.find(forged)).isEmpty();
        assertThat(cache.find(forged)).isEmpty();
        assertThat(repository.finds.get()).isEqualTo(1);
    }

    @Test
    void builderWhenStalenessAboveOneSecondThenRefused() {
        assertThatThrownBy(() -> OrganizationStatusCache.builder(repository, runtime)
                .maxStaleness(Duration.ofMillis(1_001))).isInstanceOf(IllegalArgumentException.class);
        OrganizationStatusCache everyTime = OrganizationStatusCache.builder(repository, runtime)
                .maxStaleness(Duration.ZERO).build();
        everyTime.isActive(acme.id());
        everyTime.isActive(acme.id());
        assertThat(repository.versionReads.get()).isEqualTo(2);
    }

    /** Counts the reads the cache makes, to show what it saves. */
    static final class CountingRepository implements OrganizationRepository {
        final OrganizationRepository delegate;
        final AtomicInteger finds = new AtomicInteger();
        final AtomicInteger versionReads = new AtomicInteger();

        CountingRepository(OrganizationRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public void insert(Organization organization) {
            delegate.insert(organization);
        }

        @Override
        public Organization update(Organization organization) {
            return delegate.update(organization);
        }

        @Override
        public java.util.Optional<Organization> findById(OrgId id) {
            finds.incrementAndGet();
            return delegate.findById(id);
        }

        @Override
        public io.partnerid.core.Page<Organization> findRoots(io.partnerid.core.PageRequest page) {
            return delegate.findRoots(page);
        }

        @Override
        public io.partnerid.core.Page<Organization> findChildren(OrgId parent, io.partnerid.core.PageRequest page) {
            return delegate.findChildren(parent, page);
        }

        @Override
        public io.partnerid.core.Page<Organization> findSubtree(OrgPath path, io.partnerid.core.PageRequest page) {
            return delegate.findSubtree(path, page);
        }

        @Override
        public long countSubtree(OrgPath path) {
            return delegate.countSubtree(path);
        }

        @Override
        public int moveSubtree(OrgPath from, OrgPath to, OrgId newParent, long expectedVersion) {
            return delegate.moveSubtree(from, to, newParent, expectedVersion);
        }

        @Override
        public List<OrgId> suspendSubtree(OrgPath path, OrgId suspensionRoot) {
            return delegate.suspendSubtree(path, suspensionRoot);
        }

        @Override
        public List<OrgId> resumeSubtree(OrgPath path, OrgId suspensionRoot) {
            return delegate.resumeSubtree(path, suspensionRoot);
        }

        @Override
        public long statusVersion() {
            versionReads.incrementAndGet();
            return delegate.statusVersion();
        }
    }
}
