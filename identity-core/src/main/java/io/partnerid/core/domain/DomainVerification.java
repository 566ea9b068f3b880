package io.partnerid.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of {@link DomainVerificationService#verify}: {@link Verified}, {@link Pending} (try again later, or
 * claim again for a fresh challenge) or {@link Refused}.
 *
 * <p>Immutable and thread-safe. {@link #clientDescription()} is safe to show to the organization's administrator;
 * it never names the organization that owns a domain.
 */
public sealed interface DomainVerification {

    /** The domain the verification concerned. */
    DomainName domain();

    /** Text safe to show to the claiming organization's administrator. */
    String clientDescription();

    /**
     * The claim is verified (now or earlier).
     *
     * @param claim the verified claim
     */
    record Verified(DomainClaim claim) implements DomainVerification {
        public Verified {
            Objects.requireNonNull(claim, "claim");
            if (!claim.isVerified()) {
                throw new IllegalArgumentException("the claim is not verified");
            }
        }

        @Override
        public DomainName domain() {
            return claim.domain();
        }

        @Override
        public String clientDescription() {
            return "The domain is verified.";
        }
    }

    /**
     * The claim stays pending.
     *
     * @param domain the domain
     * @param reason why
     * @param challengeExpiresAt when the current challenge expires (or expired)
     */
    record Pending(DomainName domain, PendingReason reason, Instant challengeExpiresAt) implements DomainVerification {
        public Pending {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(challengeExpiresAt, "challengeExpiresAt");
        }

        @Override
        public String clientDescription() {
            return switch (reason) {
                case NOT_FOUND_IN_DNS -> "The challenge TXT record was not found yet; DNS changes can take time to "
                        + "propagate.";
                case EXPIRED -> "The challenge has expired; claim the domain again to get a new one.";
                case LAPSED -> "The domain's challenge record is no longer published; publish the new challenge and "
                        + "verify the domain again.";
            };
        }
    }

    /**
     * The verification is refused.
     *
     * @param domain the domain
     * @param reason why (for the host's logs and audit; the client text does not tell who owns the domain)
     */
    record Refused(DomainName domain, RefusalReason reason) implements DomainVerification {
        public Refused {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String clientDescription() {
            return switch (reason) {
                case NO_CLAIM -> "The organization has no claim on this domain; claim it first.";
                case VERIFIED_BY_ANOTHER_ORG -> "The domain cannot be verified for this organization. Contact "
                        + "support if you control it.";
            };
        }
    }

    /** Why a claim stays pending. */
    enum PendingReason {
        /** No TXT record at the challenge name holds the challenge value (yet). */
        NOT_FOUND_IN_DNS,
        /** The challenge expired; a new claim issues a new challenge. */
        EXPIRED,
        /**
         * The domain was verified, but a re-check found its challenge record gone: the claim is pending again with a
         * new challenge, and the domain no longer routes to the organization until it is verified again.
         */
        LAPSED
    }

    /** Why a verification is refused. */
    enum RefusalReason {
        /** Another organization holds the verified claim; it must release it first. */
        VERIFIED_BY_ANOTHER_ORG,
        /** The organization has not claimed the domain (or released it). */
        NO_CLAIM
    }
}
