package io.partnerid.core.token;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names a set of signing keys: one per issuer, or one per organization when organizations get their own keys.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value at most 128 characters from {@code [A-Za-z0-9_.:-]}
 */
public record KeySetId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    public KeySetId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("key set id must match [A-Za-z0-9_.:-]{1,128}");
        }
    }

    public static KeySetId of(String value) {
        return new KeySetId(value);
    }

    /** The key set of one organization, {@code org:<id>}. */
    public static KeySetId ofOrg(OrgId org) {
        return new KeySetId("org:" + org.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
