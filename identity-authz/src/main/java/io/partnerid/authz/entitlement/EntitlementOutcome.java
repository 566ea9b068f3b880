package io.partnerid.authz.entitlement;

import io.partnerid.core.org.OrgId;
import java.util.Objects;

/**
 * The answer of an entitlement check: granted under a contract, or refused with a reason.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface EntitlementOutcome permits EntitlementOutcome.Granted, EntitlementOutcome.Refused {

    /** True when granted. */
    default boolean granted() {
        return this instanceof Granted;
    }

    /**
     * The request is within the contract.
     *
     * @param contractHolder the organization whose contract applied (the requester or an ancestor)
     * @param tier the tier
     */
    record Granted(OrgId contractHolder, String tier) implements EntitlementOutcome {
        public Granted {
            Objects.requireNonNull(contractHolder, "contractHolder");
            Objects.requireNonNull(tier, "tier");
        }
    }

    /** Why a request is outside the contract. */
    enum Why {
        /** No contract covers the organization. */
        NO_CONTRACT,
        /** The contract's window has not started or has ended. */
        OUTSIDE_WINDOW,
        /** The tier does not include the feature. */
        FEATURE_NOT_IN_TIER,
        /** The contract has no such quota. */
        UNKNOWN_QUOTA,
        /** The quota or rate limit is used up for now. */
        QUOTA_EXCEEDED
    }

    /**
     * The request is outside the contract.
     *
     * @param why the reason
     * @param detail operator detail (contract holder, feature or quota name)
     */
    record Refused(Why why, String detail) implements EntitlementOutcome {
        public Refused {
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
