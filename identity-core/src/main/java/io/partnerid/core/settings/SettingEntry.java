package io.partnerid.core.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * What one organization says about one setting: a value, a lock, or both.
 *
 * <p>Immutable and thread-safe. An entry with neither value nor lock says nothing and is not stored.
 *
 * @param value the encoded value set at this organization, if any
 * @param locked whether this organization locks the setting for its whole subtree
 */
public record SettingEntry(Optional<String> value, boolean locked) {

    /** The longest encoded value a repository must store. */
    public static final int MAX_VALUE_LENGTH = 4_000;

    public SettingEntry {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() && !locked) {
            throw new IllegalArgumentException("an entry holds a value, a lock or both");
        }
        if (value.isPresent() && value.get().length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("setting values have at most " + MAX_VALUE_LENGTH + " characters");
        }
    }
}
