package io.partnerid.authz.entitlement;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A partner organization's contract: its tier, its validity window (trial or contract term), and per-contract
 * extras.
 *
 * <p>Immutable and thread-safe. A contract covers the organization's whole subtree unless a descendant has its own.
 *
 * @param org the contract holder
 * @param tier the tier name
 * @param notBefore when access starts, if bounded
 * @param notAfter when access ends (exclusive), if bounded
 * @param extraFeatures features added on top of the tier
 * @param quotaOverrides quotas replacing the tier's (same name) or added
 */
public record Contract(OrgId org, String tier, Optional<Instant> notBefore, Optional<Instant> notAfter,
                       Set<String> extraFeatures, Map<String, QuotaLimit> quotaOverrides) {

    public Contract {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        extraFeatures = Set.copyOf(Objects.requireNonNull(extraFeatures, "extraFeatures"));
        quotaOverrides = Map.copyOf(Objects.requireNonNull(quotaOverrides, "quotaOverrides"));
        if (notBefore.isPresent() && notAfter.isPresent() && !notBefore.get().isBefore(notAfter.get())) {
            throw new IllegalArgumentException("notAfter must be later than notBefore");
        }
    }

    /** An open-ended contract on a tier. */
    public static Contract of(OrgId org, String tier) {
        return new Contract(org, tier, Optional.empty(), Optional.empty(), Set.of(), Map.of());
    }

    /** A time-bound contract (a trial, a fixed term). */
    public static Contract between(OrgId org, String tier, Instant notBefore, Instant notAfter) {
        return new Contract(org, tier, Optional.of(notBefore), Optional.of(notAfter), Set.of(), Map.of());
    }

    boolean activeAt(Instant now) {
        return notBefore.map(nb -> !now.isBefore(nb)).orElse(true) && notAfter.map(now::isBefore).orElse(true);
    }
}
