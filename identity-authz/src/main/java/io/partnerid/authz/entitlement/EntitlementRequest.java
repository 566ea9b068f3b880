package io.partnerid.authz.entitlement;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;

/**
 * One entitlement question: may {@code org} use {@code feature} and consume {@code tokens} of {@code quota} now?
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the requesting organization
 * @param feature the feature required, if any
 * @param quota the quota or rate limit to consume from, if any
 * @param tokens the units to consume (1 for a request), at least 1 when a quota is named
 */
public record EntitlementRequest(OrgId org, Optional<String> feature, Optional<String> quota, long tokens) {

    public EntitlementRequest {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(quota, "quota");
        if (quota.isPresent() && tokens < 1) {
            throw new IllegalArgumentException("tokens must be at least 1");
        }
    }

    /** A feature check without quota consumption. */
    public static EntitlementRequest feature(OrgId org, String feature) {
        return new EntitlementRequest(org, Optional.of(feature), Optional.empty(), 0);
    }

    /** One unit of a quota, with an optional feature. */
    public static EntitlementRequest consume(OrgId org, Optional<String> feature, String quota) {
        return new EntitlementRequest(org, feature, Optional.of(quota), 1);
    }
}
