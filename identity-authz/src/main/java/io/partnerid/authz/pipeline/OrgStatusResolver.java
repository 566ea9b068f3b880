package io.partnerid.authz.pipeline;

import io.partnerid.core.org.OrgId;

/**
 * Tells the pipeline whether an organization is active (the kill switch suspends an organization and its subtree).
 *
 * <p>Called for the subject's and the resource's organizations on every request by {@link ZeroTrustPipeline};
 * unknown organizations must answer {@code false}. Must be thread-safe and fast (a cache in front of the
 * organization repository), for example {@code org -> organizations.find(org).map(Organization::isActive)
 * .orElse(false)}.
 */
@FunctionalInterface
public interface OrgStatusResolver {

    /** True when the organization exists and is active. */
    boolean isActive(OrgId org);
}
