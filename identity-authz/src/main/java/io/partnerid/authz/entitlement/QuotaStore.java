package io.partnerid.authz.entitlement;

/**
 * Holds the token buckets behind quotas and rate limits (short-lived state).
 *
 * <p>Called by {@link EntitlementService} once per quota check on the request path. A key that was never seen starts
 * with a full bucket of {@code limit}; a key is never shared between two limits (the service puts the limit's
 * signature into the key). Implementations must be thread-safe and <strong>atomic</strong>: concurrent consumers,
 * also on other nodes for a distributed store, never get more than the bucket holds in total. Infrastructure failures
 * are reported as an {@link io.partnerid.core.IdentityException} with
 * {@link io.partnerid.authz.AuthzErrors#QUOTA_STORE_FAILED}; the service then fails closed.
 */
public interface QuotaStore {

    /** Consumes {@code tokens} if that many are available; true when consumed, false when refused. */
    boolean tryConsume(String key, QuotaLimit limit, long tokens);

    /** The tokens left in the bucket right now. */
    long available(String key, QuotaLimit limit);
}
