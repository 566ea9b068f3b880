package io.partnerid.core.token;

import io.partnerid.core.StoreErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SigningKeyRepository} in memory, for tests and local development.
 *
 * <p>Thread-safe: each key set is a map guarded by its own monitor. Keys live only in this process's heap (sealed as
 * the configured protector seals them) and are lost on restart.
 */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {

    private final ConcurrentHashMap<KeySetId, Map<String, SigningKey>> sets = new ConcurrentHashMap<>();

    private Map<String, SigningKey> set(KeySetId keySet) {
        return sets.computeIfAbsent(keySet, k -> new LinkedHashMap<>());
    }

    @Override
    public void insert(SigningKey key) {
        Objects.requireNonNull(key, "key");
        if (key.version() != 0) {
            throw new IllegalArgumentException("a new key has version 0");
        }
        Map<String, SigningKey> set = set(key.keySet());
        synchronized (set) {
            if (set.containsKey(key.kid())) {
                throw StoreErrors.duplicate("signing key " + key.kid());
            }
            set.put(key.kid(), key);
        }
    }

    @Override
    public SigningKey update(SigningKey key) {
        Objects.requireNonNull(key, "key");
        Map<String, SigningKey> set = set(key.keySet());
        synchronized (set) {
            SigningKey stored = set.get(key.kid());
            if (stored == null) {
                throw StoreErrors.missing("signing key " + key.kid());
            }
            if (stored.version() != key.version()) {
                throw StoreErrors.conflict("signing key " + key.kid());
            }
            SigningKey updated = stored.withStatus(key.status(), key.retiredAt()).withVersion(key.version() + 1);
            set.put(key.kid(), updated);
            return updated;
        }
    }

    @Override
    public List<SigningKey> findByKeySet(KeySetId keySet) {
        Objects.requireNonNull(keySet, "keySet");
        Map<String, SigningKey> set = sets.get(keySet);
        if (set == null) {
            return List.of();
        }
        List<SigningKey> keys;
        synchronized (set) {
            keys = new ArrayList<>(set.values());
        }
        keys.sort(Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::kid));
        return List.copyOf(keys);
    }

    @Override
    public Optional<SigningKey> findByKid(KeySetId keySet, String kid) {
        Objects.requireNonNull(keySet, "keySet");
        Objects.requireNonNull(kid, "kid");
        Map<String, SigningKey> set = sets.get(keySet);
        if (set == null) {
            return Optional.empty();
        }
        synchronized (set) {
            return Optional.ofNullable(set.get(kid));
        }
    }

    @Override
    public int deleteRetiredBefore(KeySetId keySet, Instant retiredBefore) {
        Objects.requireNonNull(keySet, "keySet");
        Objects.requireNonNull(retiredBefore, "retiredBefore");
        Map<String, SigningKey> set = sets.get(keySet);
        if (set == null) {
            return 0;
        }
        synchronized (set) {
            int before = set.size();
            set.values().removeIf(k -> k.status() == KeyStatus.RETIRED
                    && k.retiredAt().orElseThrow().isBefore(retiredBefore));
            return before - set.size();
        }
    }
}
