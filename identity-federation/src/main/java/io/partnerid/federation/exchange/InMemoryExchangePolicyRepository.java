package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ExchangePolicyRepository} in memory, for tests and local development (one node; nothing survives a
 * restart).
 *
 * <p>Thread-safe: policies are immutable and kept in a concurrent map, so a save replaces the whole policy
 * atomically and the last save wins.
 */
public final class InMemoryExchangePolicyRepository implements ExchangePolicyRepository {

    private final ConcurrentHashMap<OrgId, ExchangePolicy> policies = new ConcurrentHashMap<>();

    @Override
    public Optional<ExchangePolicy> find(OrgId org) {
        return Optional.ofNullable(policies.get(Objects.requireNonNull(org, "org")));
    }

    @Override
    public void save(ExchangePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        policies.put(policy.org(), policy);
    }
}
