package io.partnerid.authz.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.testkit.entitlement.QuotaStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryQuotaStoreTests extends QuotaStoreContract {

    private final InMemoryQuotaStore store = new InMemoryQuotaStore(clock);

    @Override
    protected QuotaStore store() {
        return store;
    }

    @Override
    protected QuotaStore anotherNode() {
        return store;
    }

    @Test
    void tryConsumeWhenStoreFullThenNewKeysRefused() {
        InMemoryQuotaStore tiny = new InMemoryQuotaStore(clock, 1);
        QuotaLimit limit = QuotaLimit.of(5, Duration.ofMinutes(1));
        assertThat(tiny.tryConsume("a", limit, 1)).isTrue();
        assertThat(tiny.tryConsume("b", limit, 1)).isFalse();
        assertThat(tiny.tryConsume("a", limit, 1)).isTrue();
    }
}
