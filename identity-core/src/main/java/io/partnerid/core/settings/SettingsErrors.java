package io.partnerid.core.settings;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;

/**
 * Error codes of inherited settings.
 *
 * <p>Constants only; thread-safe.
 */
public final class SettingsErrors {

    /** A strict ancestor of the organization locks the setting, so it cannot be set, cleared or locked here. */
    public static final ErrorCode LOCKED_BY_ANCESTOR = ErrorCode.of("settings.locked_by_ancestor");

    /** The value violates the setting's constraint (range, vocabulary, format). */
    public static final ErrorCode INVALID_VALUE = ErrorCode.of("settings.invalid_value");

    /**
     * A stored value no longer decodes or validates (changed codec or tightened constraint); resolution fails
     * closed rather than skipping a value that might be a guardrail.
     */
    public static final ErrorCode CORRUPT_VALUE = ErrorCode.of("settings.corrupt_value");

    private SettingsErrors() {
    }

    static IdentityException lockedByAncestor(String key, OrgId org, OrgId ancestor) {
        return new IdentityException(LOCKED_BY_ANCESTOR,
                "The setting is locked by a parent organization and cannot be changed here.",
                "setting " + key + " of " + org + " is locked by ancestor " + ancestor);
    }

    static IdentityException invalidValue(String key, String constraint) {
        return new IdentityException(INVALID_VALUE, "The value of setting " + key + " is not valid: " + constraint
                + ".", "invalid value for setting " + key + " (" + constraint + ")");
    }

    static IdentityException corruptValue(String key, OrgId org, RuntimeException cause) {
        return new IdentityException(CORRUPT_VALUE, "The setting cannot be resolved.",
                "stored value of setting " + key + " at " + org + " is not valid", cause);
    }
}
