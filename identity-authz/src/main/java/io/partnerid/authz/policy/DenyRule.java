package io.partnerid.authz.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A deny rule set at an organization; it applies to the organization's whole subtree and no descendant can override
 * it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id a name for the rule, unique within the organization (it appears in reasons and explanations)
 * @param pattern the permission pattern it denies
 * @param condition a CEL condition restricting when it denies, if any
 */
public record DenyRule(String id, String pattern, Optional<String> condition) {

    public DenyRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(condition, "condition");
    }
}
