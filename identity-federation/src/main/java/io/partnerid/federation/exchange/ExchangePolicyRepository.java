package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of per-organization exchange policies: which clients may exchange at an organization, which
 * partner issuers and organizations it trusts, which audiences it reaches and its limits.
 *
 * <p>Implementations must be thread-safe and may be shared by several nodes. {@link InMemoryExchangePolicyRepository}
 * is for tests and local development; {@link JdbcExchangePolicyRepository} stores policies in PostgreSQL or H2.
 * Both pass one contract suite ({@code ExchangePolicyRepositoryContract} in identity-testkit-federation).
 *
 * <p>Nothing secret is stored: a policy names partner issuers, their JWKS URIs (keys are fetched from there by
 * {@link JwksFetcher} and never stored), audiences, client ids and limits. It is integrity-critical, though: whoever
 * can write it decides whose tokens the organization accepts, so hosts restrict and audit writes to the store.
 * Policies hold no instants; the maximum lifetime round-trips to the nanosecond.
 */
public interface ExchangePolicyRepository {

    /**
     * The policy of {@code org}; empty when it has none, which means that the organization allows no exchange at
     * all (every request is refused as {@code unauthorized_client}).
     *
     * <p>Called by {@link TokenExchangeService#exchange} on every exchange request to an active organization, before
     * any token is validated: keep it to one indexed read. The result must reflect every save that completed before
     * the call, on any node: an issuer or client removed from a policy must stop being accepted at once, so an
     * implementation that caches must be invalidated across nodes, not only on the node that saved. A policy that is
     * stored but cannot be read back whole fails with {@code store.failure} (the exchange is then refused), never
     * with a default or a partial policy.
     *
     * @throws io.partnerid.core.IdentityException {@code store.failure} when the store is unavailable or holds a
     *     value it cannot read
     */
    Optional<ExchangePolicy> find(OrgId org);

    /**
     * Stores the policy of its organization, replacing any previous one as a whole; idempotent.
     *
     * <p>Called by the host's administration (there is no delete: to stop exchanges at an organization, save a
     * policy without allowed clients, the builder's default). The policy round-trips exactly: every field, the
     * trusted issuers in order. Concurrent saves of one organization, from threads or nodes, all succeed and the
     * last to commit wins whole: a later {@link #find} returns exactly one of the saved policies, never a mix.
     *
     * @throws io.partnerid.core.IdentityException {@code store.failure} when the store is unavailable
     */
    void save(ExchangePolicy policy);
}
