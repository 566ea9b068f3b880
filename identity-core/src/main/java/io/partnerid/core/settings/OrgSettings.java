package io.partnerid.core.settings;

import io.partnerid.core.org.OrgId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings one organization sets or locks itself (not the inherited ones), as stored.
 *
 * <p>Immutable and thread-safe. {@code version} is the optimistic-concurrency counter of the
 * {@link OrgSettingsRepository}: 0 for an organization whose settings were never saved.
 *
 * @param org the organization
 * @param entries setting name to entry, sorted by name
 * @param version the stored version
 */
public record OrgSettings(OrgId org, Map<String, SettingEntry> entries, long version) {

    public OrgSettings {
        Objects.requireNonNull(org, "org");
        TreeMap<String, SettingEntry> copy = new TreeMap<>(Objects.requireNonNull(entries, "entries"));
        for (Map.Entry<String, SettingEntry> e : copy.entrySet()) {
            if (!SettingKey.isValidName(e.getKey())) {
                throw new IllegalArgumentException("invalid setting name: " + e.getKey());
            }
            Objects.requireNonNull(e.getValue(), "entry " + e.getKey());
        }
        entries = Collections.unmodifiableSortedMap(copy);
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** The settings of an organization that never saved any. */
    public static OrgSettings empty(OrgId org) {
        return new OrgSettings(org, Map.of(), 0);
    }

    /** The entry of setting {@code name}, if this organization sets or locks it. */
    public Optional<SettingEntry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** These settings with the entry of {@code name} replaced; no value and no lock removes the entry. */
    public OrgSettings with(String name, Optional<String> value, boolean locked) {
        TreeMap<String, SettingEntry> copy = new TreeMap<>(entries);
        if (value.isEmpty() && !locked) {
            copy.remove(name);
        } else {
            copy.put(name, new SettingEntry(value, locked));
        }
        return new OrgSettings(org, copy, version);
    }

    /** The same settings at the version the repository assigned after a write. */
    public OrgSettings withVersion(long newVersion) {
        return new OrgSettings(org, entries, newVersion);
    }
}
