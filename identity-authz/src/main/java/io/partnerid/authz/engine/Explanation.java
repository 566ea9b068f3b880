package io.partnerid.authz.engine;

import io.partnerid.authz.Decision;
import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Objects;

/**
 * Why the engine decided as it did: every rule considered along the organization paths of the subject and the
 * resource, and whether it applied.
 *
 * <p>Immutable and thread-safe. Explanations are for operators and support tools; computing one is slower than a
 * decision and allocates.
 *
 * @param decision the decision (identical to what {@link PolicyEngine#decide} returns for the request)
 * @param steps every rule considered, root first
 */
public record Explanation(Decision decision, List<Step> steps) {

    public Explanation {
        Objects.requireNonNull(decision, "decision");
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }

    /** Whether a rule took part in the decision. */
    public enum Outcome {
        /** The rule matched and counted (a permit that allowed, a deny that refused, a ceiling that cut). */
        APPLIED,
        /** The rule was considered and did not match; {@link Step#why()} says why. */
        NOT_APPLICABLE
    }

    /**
     * One rule considered.
     *
     * @param org the organization that defines the rule
     * @param rule the rule, for example {@code role editor}, {@code deny no-delete}, {@code ceiling}
     * @param outcome whether it applied
     * @param why the reason
     */
    public record Step(OrgId org, String rule, Outcome outcome, String why) {
        public Step {
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String toString() {
            return org + " " + rule + " " + outcome + ": " + why;
        }
    }
}
