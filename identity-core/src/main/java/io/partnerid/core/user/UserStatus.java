package io.partnerid.core.user;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The lifecycle state of a {@link User}, with the transitions the SDK allows between states.
 *
 * <p>Immutable and thread-safe. Allowed transitions:
 * <ul>
 *   <li>{@code INVITED → ACTIVE} (the invitation was accepted) and {@code INVITED → DISABLED};</li>
 *   <li>{@code ACTIVE → LOCKED} and {@code LOCKED → ACTIVE} (lock-out and unlock);</li>
 *   <li>any state {@code → DISABLED};</li>
 *   <li>{@code DISABLED → ACTIVE} only, and only through an explicit status change by an administrator
 *       (a disabled user is never re-invited or locked).</li>
 * </ul>
 * Every other change, for example {@code ACTIVE → INVITED} or {@code INVITED → LOCKED}, is refused with
 * {@code user.invalid_transition}. Only {@link #ACTIVE} users can sign in or hold effective roles.
 */
public enum UserStatus {
    /** Created by an invitation that has not been accepted yet; cannot sign in. */
    INVITED,
    /** May sign in and hold effective roles. */
    ACTIVE,
    /** Temporarily locked (for example after repeated failures); can be unlocked. */
    LOCKED,
    /** Switched off by an administrator; only an explicit reactivation brings the user back. */
    DISABLED;

    /** The states this state may change to; a state never "changes" to itself. */
    public Set<UserStatus> allowedTransitions() {
        return switch (this) {
            case INVITED -> EnumSet.of(ACTIVE, DISABLED);
            case ACTIVE -> EnumSet.of(LOCKED, DISABLED);
            case LOCKED -> EnumSet.of(ACTIVE, DISABLED);
            case DISABLED -> EnumSet.of(ACTIVE);
        };
    }

    /** True when a user in this state may be moved to {@code target}. */
    public boolean canTransitionTo(UserStatus target) {
        Objects.requireNonNull(target, "target");
        return allowedTransitions().contains(target);
    }
}
