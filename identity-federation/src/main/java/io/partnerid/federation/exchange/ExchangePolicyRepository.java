package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of per-organization exchange policies.
 *
 * <p>Implementations must be thread-safe. {@link TokenExchangeService} calls {@link #find} on every exchange request
 * (implementations may cache, invalidating on save). Absence means the organization allows no exchange at all.
 * {@link InMemoryExchangePolicyRepository} is for tests and local development.
 */
public interface ExchangePolicyRepository {

    /** The policy of {@code org}; empty when it has none. */
    Optional<ExchangePolicy> find(OrgId org);

    /** Stores or replaces the policy of its organization; idempotent. */
    void save(ExchangePolicy policy);
}
