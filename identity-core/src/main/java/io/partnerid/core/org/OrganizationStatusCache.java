package io.partnerid.core.org;

import io.partnerid.core.IdentityRuntime;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A node's cache of organization status for the hot paths (token verification, authorization decisions, token
 * exchange), kept coherent across nodes by the repository's {@link OrganizationRepository#statusVersion() status
 * counter}.
 *
 * <p>Thread-safe. Every look-up first makes sure the cache was validated within the last {@code maxStaleness}: if
 * not, one caller reads the status counter (a single-row read) and, when it moved, drops everything cached. So a
 * suspension, resumption or move committed on any node is honoured here at most {@code maxStaleness} plus one
 * counter read later (default 500 ms; at most one second is allowed), and a node reads the counter at most once per
 * period whatever its traffic. A change made through this node's own {@link io.partnerid.core.governance.KillSwitch}
 * invalidates the cache at once.
 *
 * <p>Only what changes with status and placement is served: {@link #isActive} and {@link #find} answer from an
 * {@link Organization} that may be up to the bound old in its other fields (name, version). Never use it for a
 * versioned write. Unknown organizations are remembered too (organization ids arrive unverified in tokens), in a
 * separate, smaller map; both maps are bounded and simply emptied when full, so an attacker sending made-up
 * organization ids costs one repository read per id and no memory growth.
 *
 * <pre>{@code
 * OrganizationStatusCache status = OrganizationStatusCache.builder(repository, runtime).build();
 * if (!status.isActive(orgId)) { ... refuse ... }
 * }</pre>
 */
public final class OrganizationStatusCache {

    /** The default validation period: a change on another node is seen within this plus one counter read. */
    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofMillis(500);
    /** The largest allowed validation period. */
    public static final Duration MAX_STALENESS_LIMIT = Duration.ofSeconds(1);

    private final OrganizationRepository repository;
    private final IdentityRuntime runtime;
    private final long maxStalenessMillis;
    private final int maximumSize;
    private final int maximumUnknown;
    private final ConcurrentHashMap<OrgId, Organization> known = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OrgId, Boolean> unknown = new ConcurrentHashMap<>();
    private final ReentrantLock validating = new ReentrantLock();
    private volatile long validatedAtMillis = Long.MIN_VALUE;
    private volatile long version = Long.MIN_VALUE;

    private OrganizationStatusCache(Builder b) {
        this.repository = b.repository;
        this.runtime = b.runtime;
        this.maxStalenessMillis = b.maxStaleness.toMillis();
        this.maximumSize = b.maximumSize;
        this.maximumUnknown = Math.max(1, b.maximumSize / 10);
    }

    /** Starts a builder over the repository that holds the organizations. */
    public static Builder builder(OrganizationRepository repository, IdentityRuntime runtime) {
        return new Builder(repository, runtime);
    }

    /** True when the organization exists and is active, as of at most the staleness bound ago. */
    public boolean isActive(OrgId org) {
        return find(org).filter(Organization::isActive).isPresent();
    }

    /**
     * The organization as of at most the staleness bound ago (status, path and tenant current within the bound),
     * or empty when it does not exist.
     */
    public Optional<Organization> find(OrgId org) {
        Objects.requireNonNull(org, "org");
        validate();
        Organization cached = known.get(org);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (unknown.containsKey(org)) {
            return Optional.empty();
        }
        long before = version;
        Optional<Organization> loaded = repository.findById(org);
        if (before == version) {
            // not an answer from before an invalidation that ran meanwhile
            remember(org, loaded);
        }
        return loaded;
    }

    /** Drops everything cached; the next look-ups read the repository. Called after a change made on this node. */
    public void invalidate() {
        validating.lock();
        try {
            version = Long.MIN_VALUE;
            validatedAtMillis = Long.MIN_VALUE;
            known.clear();
            unknown.clear();
        } finally {
            validating.unlock();
        }
    }

    /** How many organizations and unknown ids are held (for tests). */
    int size() {
        return known.size() + unknown.size();
    }

    private void remember(OrgId org, Optional<Organization> loaded) {
        if (loaded.isPresent()) {
            if (known.size() >= maximumSize) {
                known.clear();
            }
            known.put(org, loaded.get());
        } else {
            if (unknown.size() >= maximumUnknown) {
                unknown.clear();
            }
            unknown.put(org, Boolean.TRUE);
        }
    }

    private void validate() {
        long now = runtime.clock().millis();
        if (now - validatedAtMillis < maxStalenessMillis && validatedAtMillis != Long.MIN_VALUE) {
            return;
        }
        validating.lock();
        try {
            if (now - validatedAtMillis < maxStalenessMillis && validatedAtMillis != Long.MIN_VALUE) {
                return; // another caller validated while this one waited
            }
            long current = repository.statusVersion();
            if (current != version) {
                known.clear();
                unknown.clear();
                version = current;
            }
            validatedAtMillis = now;
        } finally {
            validating.unlock();
        }
    }

    /**
     * Builds an {@link OrganizationStatusCache}.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private final OrganizationRepository repository;
        private final IdentityRuntime runtime;
        private Duration maxStaleness = DEFAULT_MAX_STALENESS;
        private int maximumSize = 100_000;

        private Builder(OrganizationRepository repository, IdentityRuntime runtime) {
            this.repository = Objects.requireNonNull(repository, "repository");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
        }

        /**
         * How long a validation holds before the status counter is read again (default 500 ms, at most 1 s; zero
         * reads the counter on every look-up).
         */
        public Builder maxStaleness(Duration value) {
            Objects.requireNonNull(value, "maxStaleness");
            if (value.isNegative() || value.compareTo(MAX_STALENESS_LIMIT) > 0) {
                throw new IllegalArgumentException("maxStaleness must be between 0 and " + MAX_STALENESS_LIMIT);
            }
            this.maxStaleness = value;
            return this;
        }

        /** The most organizations held (default 100,000); a tenth of it bounds the remembered unknown ids. */
        public Builder maximumSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maximumSize must be positive");
            }
            this.maximumSize = value;
            return this;
        }

        public OrganizationStatusCache build() {
            return new OrganizationStatusCache(this);
        }
    }
}
