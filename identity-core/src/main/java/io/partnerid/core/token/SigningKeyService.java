package io.partnerid.core.token;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64URL;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing keys per key set: generation, rotation with overlap (NEXT → CURRENT → RETIRED), purging, and the public
 * JWKS view.
 *
 * <p>Thread-safe. Loaded key sets are cached in memory (private keys opened once, for the CURRENT key only) and
 * reloaded from the repository after {@code reloadInterval}, or sooner (at most once per {@code missReloadInterval})
 * when a token names a kid the cache does not know: a rotation made by another node is therefore picked up without
 * a restart. Rotation through this service refreshes the cache at once. The cache holds at most
 * {@code maxCachedKeySets} key sets (default {@value #DEFAULT_MAX_CACHED_KEY_SETS}); beyond that the least recently
 * used set is dropped and read again when next needed, so a flood of requests naming different key sets cannot grow
 * memory without bound. A key set that has no keys is cached like any other (it counts against the same bound).
 *
 * <pre>{@code
 * SigningKeyService keys = SigningKeyService.builder(repository, PrivateKeyProtector.aesGcm(kek, random), runtime)
 *         .build();
 * keys.initialize(KeySetId.of("default"), SigningAlgorithm.ES256); // CURRENT + NEXT
 * String jwks = keys.jwks(KeySetId.of("default"));                 // serve at /.well-known/jwks.json
 * keys.rotate(KeySetId.of("default"));                              // NEXT → CURRENT → RETIRED
 * }</pre>
 */
public final class SigningKeyService {

    /** How many key sets the cache holds unless the builder says otherwise. */
    public static final int DEFAULT_MAX_CACHED_KEY_SETS = 10_000;

    private final SigningKeyRepository repository;
    private final PrivateKeyProtector protector;
    private final IdentityRuntime runtime;
    private final Duration reloadInterval;
    private final Duration missReloadInterval;
    private final Jca jca;
    private final JsonWebKeys jsonWebKeys;
    private final BoundedCache<KeySetId, LoadedKeySet> cache;

    private SigningKeyService(Builder b) {
        this.repository = b.repository;
        this.protector = b.protector;
        this.runtime = b.runtime;
        this.reloadInterval = b.reloadInterval;
        this.missReloadInterval = b.missReloadInterval;
        this.jca = new Jca();
        this.jsonWebKeys = new JsonWebKeys(jca);
        this.cache = new BoundedCache<>(b.maxCachedKeySets);
    }

    /** A builder with the required collaborators. */
    public static Builder builder(SigningKeyRepository repository, PrivateKeyProtector protector,
                                  IdentityRuntime runtime) {
        return new Builder(repository, protector, runtime);
    }

    /**
     * Makes sure the key set has a CURRENT and a NEXT key of {@code algorithm}; idempotent (an initialized set is
     * left as it is).
     */
    public synchronized List<SigningKeyInfo> initialize(KeySetId keySet, SigningAlgorithm algorithm) {
        Objects.requireNonNull(keySet, "keySet");
        Objects.requireNonNull(algorithm, "algorithm");
        List<SigningKey> keys = repository.findByKeySet(keySet);
        if (keys.stream().noneMatch(k -> k.status() == KeyStatus.CURRENT)) {
            generate(keySet, algorithm, KeyStatus.CURRENT);
        }
        if (keys.stream().noneMatch(k -> k.status() == KeyStatus.NEXT)) {
            generate(keySet, algorithm, KeyStatus.NEXT);
        }
        cache.remove(keySet);
        return keys(keySet);
    }

    /** Rotates with the algorithm of the key that becomes current for the new NEXT key. */
    public List<SigningKeyInfo> rotate(KeySetId keySet) {
        return rotate(keySet, Optional.empty());
    }

    /**
     * Rotates a key set: CURRENT becomes RETIRED (still verifying), NEXT becomes CURRENT (already published), and a
     * new NEXT key is generated with {@code nextAlgorithm} or, when absent, the algorithm of the promoted key.
     *
     * @throws IdentityException {@code token.no_signing_key} when the set was never initialized
     */
    public synchronized List<SigningKeyInfo> rotate(KeySetId keySet, Optional<SigningAlgorithm> nextAlgorithm) {
        Objects.requireNonNull(keySet, "keySet");
        List<SigningKey> keys = repository.findByKeySet(keySet);
        Optional<SigningKey> current = keys.stream().filter(k -> k.status() == KeyStatus.CURRENT).findFirst();
        Optional<SigningKey> next = keys.stream().filter(k -> k.status() == KeyStatus.NEXT).findFirst();
        if (current.isEmpty() || next.isEmpty()) {
            throw new IdentityException(TokenErrors.NO_SIGNING_KEY, "Signing is unavailable.",
                    "key set " + keySet + " is not initialized");
        }
        Instant now = runtime.now();
        repository.update(current.get().withStatus(KeyStatus.RETIRED, Optional.of(now)));
        repository.update(next.get().withStatus(KeyStatus.CURRENT, Optional.empty()));
        generate(keySet, nextAlgorithm.orElse(next.get().algorithm()), KeyStatus.NEXT);
        cache.remove(keySet);
        return keys(keySet);
    }

    /**
     * Deletes keys that retired more than {@code retiredFor} ago; choose at least the longest token lifetime so that
     * no live token loses its key.
     */
    public int purgeRetired(KeySetId keySet, Duration retiredFor) {
        int deleted = repository.deleteRetiredBefore(keySet, runtime.now().minus(retiredFor));
        cache.remove(keySet);
        return deleted;
    }

    /** The keys of a set, oldest first, without private material. */
    public List<SigningKeyInfo> keys(KeySetId keySet) {
        return repository.findByKeySet(keySet).stream().map(SigningKeyInfo::of).toList();
    }

    /** The public JWKS document of a key set: NEXT, CURRENT and RETIRED keys, public halves only. */
    public String jwks(KeySetId keySet) {
        return jsonWebKeys.toJson(load(keySet, false).verificationKeys);
    }

    /** The verification keys of a set, for a {@link KeySource}; reloads (rate-limited) on an unknown kid. */
    List<VerificationKey> verificationKeys(KeySetId keySet, Optional<String> kid) {
        LoadedKeySet loaded = load(keySet, false);
        if (kid.isPresent()) {
            LoadedKey key = loaded.byKid.get(kid.get());
            if (key == null && !runtime.now().isBefore(loaded.loadedAt.plus(missReloadInterval))) {
                loaded = load(keySet, true);
                key = loaded.byKid.get(kid.get());
            }
            return key == null ? List.of() : List.of(key.verification);
        }
        return loaded.verificationKeys;
    }

    /** The CURRENT key with its signer. */
    ActiveKey currentKey(KeySetId keySet) {
        LoadedKeySet loaded = load(keySet, false);
        if (loaded.current == null) {
            throw new IdentityException(TokenErrors.NO_SIGNING_KEY, "Signing is unavailable.",
                    "key set " + keySet + " has no current key");
        }
        return loaded.current;
    }

    Jca jca() {
        return jca;
    }

    /** How many key sets are cached now (for tests of the bound). */
    int cachedKeySets() {
        return cache.size();
    }

    private LoadedKeySet load(KeySetId keySet, boolean force) {
        Instant now = runtime.now();
        LoadedKeySet loaded = cache.get(keySet);
        if (!force && loaded != null && now.isBefore(loaded.loadedAt.plus(reloadInterval))) {
            return loaded;
        }
        LoadedKeySet fresh = read(keySet, now, loaded);
        cache.put(keySet, fresh);
        return fresh;
    }

    private LoadedKeySet read(KeySetId keySet, Instant now, LoadedKeySet previous) {
        Map<String, LoadedKey> byKid = new LinkedHashMap<>();
        List<VerificationKey> all = new ArrayList<>();
        ActiveKey current = null;
        for (SigningKey key : repository.findByKeySet(keySet)) {
            LoadedKey reused = previous == null ? null : previous.byKid.get(key.kid());
            VerificationKey verification = reused != null ? reused.verification
                    : VerificationKey.of(Optional.of(key.kid()), key.algorithm(),
                    jca.publicKey(key.algorithm(), key.publicKey()));
            byKid.put(key.kid(), new LoadedKey(key, verification));
            all.add(verification);
            if (key.status() == KeyStatus.CURRENT) {
                if (previous != null && previous.current != null && previous.current.kid.equals(key.kid())) {
                    current = previous.current;
                } else {
                    byte[] pkcs8 = protector.open(keySet, key.kid(), key.sealedPrivateKey());
                    try {
                        current = new ActiveKey(key.kid(), key.algorithm(),
                                jca.signer(key.algorithm(), jca.privateKey(key.algorithm(), pkcs8)));
                    } finally {
                        Arrays.fill(pkcs8, (byte) 0);
                    }
                }
            }
        }
        return new LoadedKeySet(now, Map.copyOf(byKid), List.copyOf(all), current);
    }

    private void generate(KeySetId keySet, SigningAlgorithm algorithm, KeyStatus status) {
        KeyPair pair = jca.generate(algorithm, runtime.random());
        String kid = Base64URL.encode(runtime.randomBytes(16)).toString();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] sealed;
        try {
            sealed = protector.seal(keySet, kid, pkcs8);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        repository.insert(new SigningKey(keySet, kid, algorithm, status, pair.getPublic().getEncoded(), sealed,
                runtime.now(), Optional.empty(), 0));
    }

    /** The key that signs, with its signer (thread-safe). */
    record ActiveKey(String kid, SigningAlgorithm algorithm, JWSSigner signer) {
    }

    private record LoadedKey(SigningKey key, VerificationKey verification) {
    }

    private record LoadedKeySet(Instant loadedAt, Map<String, LoadedKey> byKid, List<VerificationKey> verificationKeys,
                                ActiveKey current) {
    }

    /**
     * Builds a {@link SigningKeyService}; each setting may be set once.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private final SigningKeyRepository repository;
        private final PrivateKeyProtector protector;
        private final IdentityRuntime runtime;
        private Duration reloadInterval = Duration.ofSeconds(60);
        private Duration missReloadInterval = Duration.ofSeconds(5);
        private int maxCachedKeySets = DEFAULT_MAX_CACHED_KEY_SETS;

        private Builder(SigningKeyRepository repository, PrivateKeyProtector protector, IdentityRuntime runtime) {
            this.repository = Objects.requireNonNull(repository, "repository");
            this.protector = Objects.requireNonNull(protector, "protector");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
        }

        /** How long a loaded key set is used before it is read again (default 60 s). */
        public Builder reloadInterval(Duration interval) {
            this.reloadInterval = positive(interval);
            return this;
        }

        /** The least time between two reloads caused by unknown kids (default 5 s). */
        public Builder missReloadInterval(Duration interval) {
            this.missReloadInterval = positive(interval);
            return this;
        }

        /**
         * The most key sets held in memory at once (default {@value #DEFAULT_MAX_CACHED_KEY_SETS}); with a key set
         * per organization, choose at least the number of organizations active at the same time.
         */
        public Builder maxCachedKeySets(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxCachedKeySets must be positive");
            }
            this.maxCachedKeySets = value;
            return this;
        }

        private static Duration positive(Duration d) {
            Objects.requireNonNull(d, "interval");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("interval must be positive");
            }
            return d;
        }

        public SigningKeyService build() {
            return new SigningKeyService(this);
        }
    }
}
