package io.partnerid.core.org;

/**
 * Lifecycle status of an organization.
 *
 * <p>Immutable and thread-safe.
 */
public enum OrgStatus {
    /** Normal operation. */
    ACTIVE,
    /**
     * Cut off by the kill switch (its own suspension or an ancestor's): administration is refused, decisions deny,
     * tokens stop verifying, connections stop accepting logins.
     */
    SUSPENDED
}
