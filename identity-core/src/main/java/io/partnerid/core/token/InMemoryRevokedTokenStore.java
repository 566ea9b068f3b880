package io.partnerid.core.token;

import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bounded {@link RevokedTokenStore} in memory, for tests and local development.
 *
 * <p>Thread-safe: every method holds the store's monitor; lookups are O(1). Records are keyed by organization and
 * token id (a revocation for one organization never touches another's token). Entries live until their token expires
 * and {@link #purgeExpired} removes them. When full, the issued (not revoked) record that expires soonest is
 * dropped; revocations are never dropped before expiry: a store full of them refuses new ones (fail closed).
 */
public final class InMemoryRevokedTokenStore implements RevokedTokenStore {

    private final int capacity;
    private final Map<Key, Entry> entries = new HashMap<>();
    /** The issued, not revoked records ordered by expiry: the eviction order when the store is full. */
    private final TreeSet<Slot> evictable = new TreeSet<>();

    /** A record's identity: the organization and the token id. */
    private record Key(OrgId org, String jti) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = jti.compareTo(o.jti);
            return c != 0 ? c : org.compareTo(o.org);
        }
    }

    private record Slot(Instant expiresAt, Key key) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot o) {
            int c = expiresAt.compareTo(o.expiresAt);
            return c != 0 ? c : key.compareTo(o.key);
        }
    }

    /** A store holding at most {@code capacity} token records. */
    public InMemoryRevokedTokenStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** A store for 100,000 token records. */
    public InMemoryRevokedTokenStore() {
        this(100_000);
    }

    private record Entry(Instant expiresAt, boolean revoked) {
    }

    @Override
    public synchronized void recordIssued(String jti, OrgId org, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Key key = new Key(org, jti);
        if (entries.containsKey(key)) {
            return;
        }
        if (!makeRoom()) {
            return;
        }
        entries.put(key, new Entry(expiresAt, false));
        evictable.add(new Slot(expiresAt, key));
    }

    @Override
    public synchronized boolean revoke(String jti, OrgId org, Instant expiresAt) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Key key = new Key(org, jti);
        Entry existing = entries.get(key);
        if (existing != null && existing.revoked) {
            return false;
        }
        if (existing == null && !makeRoom()) {
            throw new IdentityException(TokenErrors.REVOCATION_STORE_FULL, "Revocation is unavailable.",
                    "the in-memory revocation store is full of unexpired revocations");
        }
        if (existing != null) {
            evictable.remove(new Slot(existing.expiresAt, key));
        }
        Instant until = existing == null ? expiresAt : max(existing.expiresAt, expiresAt);
        entries.put(key, new Entry(until, true));
        return true;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Frees one slot if needed by dropping the issued (not revoked) record that expires soonest. */
    private boolean makeRoom() {
        if (entries.size() < capacity) {
            return true;
        }
        Slot victim = evictable.pollFirst();
        if (victim == null) {
            return false;
        }
        entries.remove(victim.key());
        return true;
    }

    @Override
    public synchronized boolean isRevoked(String jti, OrgId org, Instant now) {
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(now, "now");
        Entry e = entries.get(new Key(org, jti));
        return e != null && e.revoked && now.isBefore(e.expiresAt);
    }

    @Override
    public synchronized List<String> revokeAllOf(Set<OrgId> orgs, Instant now) {
        Objects.requireNonNull(orgs, "orgs");
        List<String> revoked = new ArrayList<>();
        for (Map.Entry<Key, Entry> e : entries.entrySet()) {
            Entry v = e.getValue();
            if (!v.revoked && orgs.contains(e.getKey().org()) && now.isBefore(v.expiresAt)) {
                e.setValue(new Entry(v.expiresAt, true));
                evictable.remove(new Slot(v.expiresAt, e.getKey()));
                revoked.add(e.getKey().jti());
            }
        }
        revoked.sort(Comparator.naturalOrder());
        return List.copyOf(revoked);
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = entries.size();
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt));
        evictable.removeIf(slot -> !now.isBefore(slot.expiresAt()));
        return before - entries.size();
    }
}
