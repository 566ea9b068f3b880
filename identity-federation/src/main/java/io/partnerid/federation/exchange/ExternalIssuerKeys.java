package io.partnerid.federation.exchange;

import io.partnerid.core.token.JsonWebKeys;
import io.partnerid.core.token.KeySource;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.VerificationKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys of partner issuers, fetched only from each issuer's configured {@code jwks_uri} and cached per
 * (issuer, jwks_uri): a refetch is attempted when the last successful fetch is older than {@code maxAge} or a token
 * names an unknown kid, never more often than {@code minRefetch} per issuer (J4: rotation without a fetch storm).
 * When a fetch fails the last good keys are kept, but only until {@code maxStale} after the fetch that produced
 * them (R9): from then on the issuer has no keys, so its tokens are refused, until a fetch succeeds. A key the
 * partner removed therefore stays trusted at most {@code maxStale} (at most {@code maxAge} while fetches work).
 *
 * <p>Thread-safe.
 */
final class ExternalIssuerKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalIssuerKeys.class);

    private record CacheKey(String issuer, URI jwksUri, Set<SigningAlgorithm> algorithms) {
    }

    /**
     * @param keys the last good keys (empty before the first successful fetch)
     * @param fetchedAt when {@code keys} were fetched; empty before the first successful fetch
     * @param attemptedAt the last fetch attempt, successful or not (the rate limit)
     */
    private record Cached(List<VerificationKey> keys, Optional<Instant> fetchedAt, Instant attemptedAt) {
    }

    private final JwksFetcher fetcher;
    private final JsonWebKeys jsonWebKeys;
    private final Clock clock;
    private final Duration minRefetch;
    private final Duration maxAge;
    private final Duration maxStale;
    private final ConcurrentHashMap<CacheKey, Cached> cache = new ConcurrentHashMap<>();

    ExternalIssuerKeys(JwksFetcher fetcher, JsonWebKeys jsonWebKeys, Clock clock, Duration minRefetch,
                       Duration maxAge, Duration maxStale) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.jsonWebKeys = Objects.requireNonNull(jsonWebKeys, "jsonWebKeys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minRefetch = Objects.requireNonNull(minRefetch, "minRefetch");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.maxStale = Objects.requireNonNull(maxStale, "maxStale");
        if (maxStale.compareTo(maxAge) < 0) {
            throw new IllegalArgumentException("maxStale must be at least maxAge");
        }
    }

    /** A key source for one trusted issuer. */
    KeySource source(TrustedIssuer issuer) {
        CacheKey key = new CacheKey(issuer.issuer(), issuer.jwksUri(), issuer.algorithms());
        return query -> candidates(key, query.kid());
    }

    private List<VerificationKey> candidates(CacheKey key, Optional<String> kid) {
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        boolean stale = cached == null || cached.fetchedAt.map(t -> !now.isBefore(t.plus(maxAge))).orElse(true);
        boolean unknownKid = cached != null && kid.isPresent()
                && cached.keys.stream().noneMatch(k -> k.kid().equals(kid));
        boolean mayRefetch = cached == null || !now.isBefore(cached.attemptedAt.plus(minRefetch));
        if ((stale || unknownKid) && mayRefetch) {
            cached = cache.compute(key, (k, old) -> {
                if (old != null && now.isBefore(old.attemptedAt.plus(minRefetch))) {
                    return old; // another thread just fetched
                }
                return fetch(k, old, now);
            });
        }
        // R9: keys last confirmed more than maxStale ago are no longer trusted
        if (cached == null || cached.fetchedAt.map(t -> !now.isBefore(t.plus(maxStale))).orElse(true)) {
            return List.of();
        }
        return cached.keys;
    }

    private Cached fetch(CacheKey key, Cached old, Instant now) {
        try {
            List<VerificationKey> keys = jsonWebKeys.parse(fetcher.fetch(key.jwksUri()), key.algorithms());
            LOG.debug("fetched {} keys for issuer {}", keys.size(), key.issuer());
            return new Cached(keys, Optional.of(now), now);
        } catch (RuntimeException e) {
            // fail closed on anything the fetcher throws; the last good keys serve until maxStale after their fetch
            LOG.warn("JWKS of issuer {} unavailable ({}); last good keys fetched {}, trusted until {}",
                    key.issuer(), e.getMessage(),
                    old == null ? "never" : old.fetchedAt.map(Instant::toString).orElse("never"),
                    old == null ? "never" : old.fetchedAt.map(t -> t.plus(maxStale).toString()).orElse("never"));
            return old == null ? new Cached(List.of(), Optional.empty(), now)
                    : new Cached(old.keys, old.fetchedAt, now);
        }
    }
}
