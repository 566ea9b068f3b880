package io.partnerid.core.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's keys for a {@link ResourceServerVerifier}: the JWKS from a {@link JwksSource}, parsed with
 * {@link JsonWebKeys} and cached.
 *
 * <p>Thread-safe; one fetch at a time. The rules:
 * <ul>
 *   <li>keys are refetched when the last successful fetch is {@code maxAge} old, or when a token names a kid the
 *       cache does not know; never twice within {@code minRefetchInterval} (successful or not), so made-up kids
 *       cost the issuer at most one request per interval;</li>
 *   <li>a failed fetch keeps the keys of the last successful one <em>and its time</em>: keys are trusted for at most
 *       {@code maxStaleness} after they were last fetched, then nothing verifies until a fetch succeeds (a key the
 *       issuer removed is never trusted indefinitely during an outage);</li>
 *   <li>while keys are still trusted, a refresh that another thread is already running is not waited for.</li>
 * </ul>
 */
final class JwksKeyCache implements KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(JwksKeyCache.class);

    /** The keys of the last successful fetch (empty before one), when it happened, and the last attempt. */
    private record Snapshot(List<VerificationKey> keys, Optional<Instant> fetchedAt, Optional<Instant> attemptedAt) {
    }

    private final JwksSource source;
    private final JsonWebKeys jsonWebKeys;
    private final Set<SigningAlgorithm> algorithms;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration minRefetchInterval;
    private final Duration maxStaleness;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Snapshot snapshot = new Snapshot(List.of(), Optional.empty(), Optional.empty());

    JwksKeyCache(JwksSource source, JsonWebKeys jsonWebKeys, Set<SigningAlgorithm> algorithms, Clock clock,
                 Duration maxAge, Duration minRefetchInterval, Duration maxStaleness) {
        this.source = Objects.requireNonNull(source, "source");
        this.jsonWebKeys = Objects.requireNonNull(jsonWebKeys, "jsonWebKeys");
        this.algorithms = Set.copyOf(algorithms);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.minRefetchInterval = Objects.requireNonNull(minRefetchInterval, "minRefetchInterval");
        this.maxStaleness = Objects.requireNonNull(maxStaleness, "maxStaleness");
    }

    @Override
    public List<VerificationKey> candidates(Query query) {
        Instant now = clock.instant();
        Snapshot s = snapshot;
        if (due(s, query.kid(), now)) {
            boolean usable = trusted(s, now) && knows(s, query.kid());
            s = refresh(query.kid(), usable);
        }
        if (!trusted(s, clock.instant())) {
            LOG.debug("no trusted keys: the JWKS was not fetched successfully within the maximum staleness");
            return List.of();
        }
        return s.keys();
    }

    private boolean due(Snapshot s, Optional<String> kid, Instant now) {
        boolean old = s.fetchedAt().map(at -> !now.isBefore(at.plus(maxAge))).orElse(true);
        boolean mayFetch = s.attemptedAt().map(at -> !now.isBefore(at.plus(minRefetchInterval))).orElse(true);
        return (old || !knows(s, kid)) && mayFetch;
    }

    private static boolean knows(Snapshot s, Optional<String> kid) {
        return kid.isEmpty() || s.keys().stream().anyMatch(k -> k.kid().equals(kid));
    }

    /** R9: trust ends {@code maxStaleness} after the last <em>successful</em> fetch, whatever happened since. */
    private boolean trusted(Snapshot s, Instant now) {
        return s.fetchedAt().map(at -> now.isBefore(at.plus(maxStaleness))).orElse(false);
    }

    private Snapshot refresh(Optional<String> kid, boolean usable) {
        if (usable) {
            if (!fetching.tryLock()) {
                return snapshot; // another thread refreshes; the current keys are still trusted
            }
        } else {
            fetching.lock();
        }
        try {
            Instant now = clock.instant();
            Snapshot s = snapshot;
            if (!due(s, kid, now)) {
                return s; // fetched (or attempted) meanwhile
            }
            try {
                List<VerificationKey> keys = jsonWebKeys.parse(source.fetch(), algorithms);
                LOG.debug("fetched the issuer's JWKS: {} keys", keys.size());
                s = new Snapshot(keys, Optional.of(now), Optional.of(now));
            } catch (RuntimeException e) {
                LOG.warn("the issuer's JWKS is unavailable ({}); keeping the keys fetched at {} until {}",
                        e.getMessage(), s.fetchedAt().map(Instant::toString).orElse("never"),
                        s.fetchedAt().map(at -> at.plus(maxStaleness).toString()).orElse("-"));
                s = new Snapshot(s.keys(), s.fetchedAt(), Optional.of(now));
            }
            snapshot = s;
            return s;
        } finally {
            fetching.unlock();
        }
    }
}
