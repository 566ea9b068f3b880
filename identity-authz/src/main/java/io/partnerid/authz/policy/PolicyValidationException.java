package io.partnerid.authz.policy;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import java.util.List;

/**
 * Thrown when a policy document is malformed or violates a guardrail; lists every violation with its path.
 *
 * <p>Immutable once thrown. The code is {@link AuthzErrors#POLICY_INVALID}.
 */
public final class PolicyValidationException extends IdentityException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public PolicyValidationException(List<Violation> violations) {
        super(AuthzErrors.POLICY_INVALID, "The policy document is invalid.", describe(violations));
        this.violations = List.copyOf(violations);
    }

    private static String describe(List<Violation> violations) {
        StringBuilder sb = new StringBuilder("policy document invalid:");
        for (Violation v : violations) {
            sb.append("\n  ").append(v);
        }
        return sb.toString();
    }

    /** The violations, in document order. */
    public List<Violation> violations() {
        return violations;
    }
}
