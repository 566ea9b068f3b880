package io.partnerid.federation.exchange;

import io.partnerid.core.IdentityException;
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
 * (issuer, jwks_uri): a refetch happens when the cache is older than {@code maxAge} or a token names an unknown
 * kid, never more often than {@code minRefetch} per issuer (J4: rotation without a fetch storm).
 *
 * <p>Thread-safe.
 */
final class ExternalIssuerKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalIssuerKeys.class);

    private record CacheKey(String issuer, URI jwksUri, Set<SigningAlgorithm> algorithms) {
    }

    private record Cached(List<VerificationKey> keys, Instant fetchedAt) {
    }

    private final JwksFetcher fetcher;
    private final JsonWebKeys jsonWebKeys;
    private final Clock clock;
    private final Duration minRefetch;
    private final Duration maxAge;
    private final ConcurrentHashMap<CacheKey, Cached> cache = new ConcurrentHashMap<>();

    ExternalIssuerKeys(JwksFetcher fetcher, JsonWebKeys jsonWebKeys, Clock clock, Duration minRefetch,
                       Duration maxAge) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.jsonWebKeys = Objects.requireNonNull(jsonWebKeys, "jsonWebKeys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.minRefetch = Objects.requireNonNull(minRefetch, "minRefetch");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    /** A key source for one trusted issuer. */
    KeySource source(TrustedIssuer issuer) {
        CacheKey key = new CacheKey(issuer.issuer(), issuer.jwksUri(), issuer.algorithms());
        return query -> candidates(key, query.kid());
    }

    private List<VerificationKey> candidates(CacheKey key, Optional<String> kid) {
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        boolean stale = cached == null || !now.isBefore(cached.fetchedAt.plus(maxAge));
        boolean unknownKid = cached != null && kid.isPresent()
                && cached.keys.stream().noneMatch(k -> k.kid().equals(kid));
        boolean mayRefetch = cached == null || !now.isBefore(cached.fetchedAt.plus(minRefetch));
        if ((stale || unknownKid) && mayRefetch) {
            cached = cache.compute(key, (k, old) -> {
                if (old != null && now.isBefore(old.fetchedAt.plus(minRefetch))) {
                    return old; // another thread just fetched
                }
                return fetch(k, old, now);
            });
        }
        return cached == null ? List.of() : cached.keys;
    }

    private Cached fetch(CacheKey key, Cached old, Instant now) {
        try {
            List<VerificationKey> keys = jsonWebKeys.parse(fetcher.fetch(key.jwksUri()), key.algorithms());
            LOG.debug("fetched {} keys for issuer {}", keys.size(), key.issuer());
            return new Cached(keys, now);
        } catch (IdentityException | IllegalArgumentException e) {
            LOG.warn("JWKS of issuer {} unavailable: {}", key.issuer(), e.getMessage());
            return new Cached(old == null ? List.of() : old.keys, now);
        }
    }
}
