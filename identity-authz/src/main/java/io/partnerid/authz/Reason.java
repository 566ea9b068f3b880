package io.partnerid.authz;

import java.util.Objects;

/**
 * One reason behind a {@link Decision}: a stable machine code and a human-readable detail naming the rule and the
 * organization it came from.
 *
 * <p>Immutable and thread-safe. The detail names rules and organization ids; it is meant for operators and the audit
 * trail, not for the end user (it may reveal the shape of the policy).
 *
 * @param code a stable code such as {@code role.permit}, {@code deny.rule}, {@code ceiling.exceeded}
 * @param detail the rule and organization that produced the reason
 */
public record Reason(String code, String detail) {

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    /** No role, grant or rule gave the permission. */
    public static final Reason NO_MATCHING_PERMISSION = new Reason("no_permission",
            "no role assignment of the subject grants this action on this resource");
}
