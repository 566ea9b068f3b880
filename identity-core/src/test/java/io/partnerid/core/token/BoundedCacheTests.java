package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BoundedCacheTests {

    @Test
    void putWhenFullThenSizeStaysAtCapacity() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(3);
        for (int i = 0; i < 100; i++) {
            cache.put(i, "v" + i);
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        assertThat(cache.get(99)).isEqualTo("v99");
    }

    @Test
    void putWhenFullThenEntryReadSinceLastConsideredSurvivesAndOldestUnreadGoes() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        cache.put("a", "A");
        cache.put("b", "B");
        assertThat(cache.get("a")).isEqualTo("A");
        cache.put("c", "C");
        assertThat(cache.get("a")).isEqualTo("A");
        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("c")).isEqualTo("C");
    }

    @Test
    void putWhenKeyPresentThenReplacedWithoutEviction() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        cache.put("a", "A");
        cache.put("b", "B");
        cache.put("a", "A2");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a")).isEqualTo("A2");
        assertThat(cache.get("b")).isEqualTo("B");
    }

    @Test
    void removeWhenPresentThenGoneAndRoomFreed() {
        BoundedCache<String, String> cache = new BoundedCache<>(2);
        cache.put("a", "A");
        cache.put("b", "B");
        cache.remove("a");
        cache.put("c", "C");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isEqualTo("B");
        assertThat(cache.get("c")).isEqualTo("C");
    }

    @Test
    void constructorWhenCapacityNotPositiveThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BoundedCache<String, String>(0));
    }
}
