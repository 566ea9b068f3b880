package io.partnerid.testkit;

import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.org.OrganizationStatusCache;
import java.time.Duration;

/**
 * Organization status caches for tests.
 *
 * <p>Stateless and thread-safe.
 */
public final class OrganizationStatusCaches {

    private OrganizationStatusCaches() {
    }

    /**
     * A cache that re-reads the repository's status counter on every look-up (staleness zero): a test that suspends
     * an organization directly in the repository, as another node would, sees it at once without moving the clock.
     * Tests of the cache's bound build it with its default staleness instead.
     */
    public static OrganizationStatusCache readThrough(OrganizationRepository repository, IdentityRuntime runtime) {
        return OrganizationStatusCache.builder(repository, runtime).maxStaleness(Duration.ZERO).build();
    }
}
