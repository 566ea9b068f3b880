package io.partnerid.core.domain;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An organization's claim on an email domain: pending until the DNS challenge is found, then verified.
 *
 * <p>Immutable and thread-safe. Several organizations may hold pending claims on the same domain; at most one claim
 * per domain is verified (the {@link DomainClaimRepository} enforces it atomically). Only verified claims are used
 * for routing or provisioning.
 *
 * @param orgId the claiming organization
 * @param domain the claimed domain
 * @param status pending or verified
 * @param challenge the exact TXT record value the organization must publish
 *     ({@code partnerid-domain-verification=…}); not a secret, since it is published in DNS
 * @param createdAt when the claim was first made
 * @param verifiedAt when it was verified; present exactly when the status is VERIFIED
 * @param challengeExpiresAt until when the current challenge may be used to verify
 * @param version the optimistic-concurrency version maintained by the repository, starting at 0
 */
public record DomainClaim(OrgId orgId, DomainName domain, Status status, String challenge, Instant createdAt,
                          Optional<Instant> verifiedAt, Instant challengeExpiresAt, long version) {

    /** The state of a claim. */
    public enum Status {
        /** Claimed, not (yet) proven: never used for routing or provisioning. */
        PENDING,
        /** Proven by the DNS challenge. */
        VERIFIED
    }

    public DomainClaim {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(challengeExpiresAt, "challengeExpiresAt");
        if (challenge.isBlank() || challenge.length() > 255) {
            throw new IllegalArgumentException("challenge must have 1 to 255 characters");
        }
        if ((status == Status.VERIFIED) != verifiedAt.isPresent()) {
            throw new IllegalArgumentException("verifiedAt is present exactly for a verified claim");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** True when the claim is verified. */
    public boolean isVerified() {
        return status == Status.VERIFIED;
    }

    /** The claim verified at {@code at}. */
    public DomainClaim verified(Instant at) {
        return new DomainClaim(orgId, domain, Status.VERIFIED, challenge, createdAt, Optional.of(at),
                challengeExpiresAt, version);
    }

    /** The pending claim with a new challenge valid until {@code expiresAt}. */
    public DomainClaim withChallenge(String newChallenge, Instant expiresAt) {
        return new DomainClaim(orgId, domain, Status.PENDING, newChallenge, createdAt, Optional.empty(), expiresAt,
                version);
    }

    /** The same claim at the version the repository assigned after a write. */
    public DomainClaim withVersion(long newVersion) {
        return new DomainClaim(orgId, domain, status, challenge, createdAt, verifiedAt, challengeExpiresAt,
                newVersion);
    }
}
