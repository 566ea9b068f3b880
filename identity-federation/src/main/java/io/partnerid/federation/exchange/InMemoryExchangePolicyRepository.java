package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ExchangePolicyRepository} in memory, for tests and local development.
 *
 * <p>Thread-safe.
 */
public final class InMemoryExchangePolicyRepository implements ExchangePolicyRepository {

    private final ConcurrentHashMap<OrgId, ExchangePolicy> policies = new ConcurrentHashMap<>();

    @Override
    public Optional<ExchangePolicy> find(OrgId org) {
        return Optional.ofNullable(policies.get(Objects.requireNonNull(org, "org")));
    }

    @Override
    public void save(ExchangePolicy policy) {
        policies.put(policy.org(), Objects.requireNonNull(policy, "policy"));
    }
}
