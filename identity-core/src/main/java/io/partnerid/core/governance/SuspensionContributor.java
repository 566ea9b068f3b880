package io.partnerid.core.governance;

/**
 * Lets a module cut what it owns when the kill switch suspends an organization subtree: revoke tokens, end
 * sessions, disable connections.
 *
 * <p>Implementations must be thread-safe. The governance service calls every registered contributor after the
 * subtree is marked suspended, in registration order, and adds each returned section to the
 * {@link SuspensionReport}. A contributor that fails does not undo the suspension: its section reports the failure
 * and the report is marked incomplete.
 */
public interface SuspensionContributor {

    /** A short name for the report section, for example {@code tokens}. */
    String name();

    /** Cuts what this module holds for the suspended organizations. */
    SuspensionReport.Section suspend(SuspensionContext context);

    /** Undoes what can be undone when the subtree is resumed (revoked tokens stay revoked); a no-op by default. */
    default void resume(SuspensionContext context) {
    }
}
