package io.partnerid.core;

/**
 * The one format of the SDK's identifiers (organizations, users, pools, groups, roles, clients, key ids and the
 * administration records): 1 to 64 characters from {@code [A-Za-z0-9_-]}, so that ids join into paths, URLs and
 * audit lines without escaping.
 *
 * <p>Checked by a loop over the characters rather than a regular expression: identifiers are built on every
 * request (from a token's claims, from a URL), and the loop costs a few nanoseconds where the matcher costs tens.
 * Stateless and thread-safe.
 */
public final class IdFormat {

    /** The longest identifier. */
    public static final int MAX_LENGTH = 64;

    private IdFormat() {
    }

    /** True when {@code value} is 1 to 64 characters from {@code [A-Za-z0-9_-]}; false for null. */
    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        int n = value.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns {@code value} when it is a valid identifier.
     *
     * @param value the candidate, not null
     * @param name what it identifies, for the message ({@code "UserId"}, {@code "organization id"})
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when it is not 1 to 64 characters from {@code [A-Za-z0-9_-]}; the message
     *     names the rule, not the value
     */
    public static String check(String value, String name) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        if (!isValid(value)) {
            throw new IllegalArgumentException(name + " must match [A-Za-z0-9_-]{1,64}");
        }
        return value;
    }
}
