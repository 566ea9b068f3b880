package io.partnerid.core.token;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map that holds at most {@code capacity} entries and, when full, evicts by second chance (an approximation of
 * least recently used): the oldest entry goes unless it was read since it was last considered.
 *
 * <p>Thread-safe. Reads are lock-free ({@link ConcurrentHashMap}); a read marks its entry only when it is not marked
 * yet, so hot entries cost no write. Writes and evictions hold the cache's monitor; they are rare (a miss or a
 * reload). Values are never null.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class BoundedCache<K, V> {

    private final int capacity;
    private final ConcurrentHashMap<K, Slot<V>> map = new ConcurrentHashMap<>();
    /** The keys in insertion order (re-queued on a second chance); guarded by {@code this}. */
    private final ArrayDeque<K> order = new ArrayDeque<>();

    private static final class Slot<V> {
        final V value;
        volatile boolean used;

        Slot(V value) {
            this.value = value;
        }
    }

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** The value of {@code key}, or null. */
    V get(K key) {
        Slot<V> slot = map.get(key);
        if (slot == null) {
            return null;
        }
        if (!slot.used) {
            slot.used = true;
        }
        return slot.value;
    }

    /** Stores {@code value} under {@code key}, evicting another entry first when the cache is full. */
    synchronized void put(K key, V value) {
        Objects.requireNonNull(value, "value");
        if (map.containsKey(key)) {
            map.put(key, new Slot<>(value));
            return;
        }
        while (map.size() >= capacity) {
            evictOne();
        }
        map.put(key, new Slot<>(value));
        order.addLast(key);
    }

    /** Removes {@code key}, if present. */
    synchronized void remove(K key) {
        if (map.remove(key) != null) {
            order.remove(key);
        }
    }

    /** How many entries the cache holds. */
    int size() {
        return map.size();
    }

    /** Evicts the oldest entry not read since it was last considered; at most two passes over the queue. */
    private void evictOne() {
        while (true) {
            K oldest = order.pollFirst();
            if (oldest == null) {
                return;
            }
            Slot<V> slot = map.get(oldest);
            if (slot != null && slot.used) {
                slot.used = false;
                order.addLast(oldest);
            } else {
                map.remove(oldest);
                return;
            }
        }
    }
}
