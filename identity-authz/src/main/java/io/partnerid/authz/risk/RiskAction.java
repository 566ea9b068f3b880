package io.partnerid.authz.risk;

/**
 * What a risk score escalates to, from the mildest to the strictest.
 *
 * <p>Immutable and thread-safe. An alert is not an action of its own: it accompanies any of these
 * ({@link RiskAssessment#alert()}).
 */
public enum RiskAction {
    /** Proceed. */
    ALLOW,
    /** Proceed only after a stronger authentication. */
    STEP_UP,
    /** Proceed with read-only privileges (adaptive least privilege). */
    READ_ONLY,
    /** Refuse. */
    DENY
}
