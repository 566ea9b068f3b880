package io.partnerid.authz.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A permission pattern with an optional CEL condition.
 *
 * <p>Immutable and thread-safe. The pattern is {@code <type>:<action>} where type may be {@code *} and action may be
 * {@code *} or a transaction class {@code @read}, {@code @write}, {@code @admin}. The condition is a CEL expression
 * over {@code subject}, {@code resource}, {@code action} and {@code context} that must yield a boolean.
 *
 * @param pattern the permission pattern
 * @param condition the CEL condition, if any
 */
public record PermissionDef(String pattern, Optional<String> condition) {

    public PermissionDef {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(condition, "condition");
    }

    /** An unconditional permission. */
    public static PermissionDef of(String pattern) {
        return new PermissionDef(pattern, Optional.empty());
    }

    /** A conditional permission. */
    public static PermissionDef when(String pattern, String celCondition) {
        return new PermissionDef(pattern, Optional.of(celCondition));
    }
}
