package io.partnerid.core.governance;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the kill switch cut: the suspended organizations and one section per module that cut something of its own
 * (admin grants, tokens, sessions, connections, …).
 *
 * <p>Immutable and thread-safe. New modules extend the report by contributing sections; the record's shape does
 * not change.
 *
 * @param root the organization whose subtree was suspended
 * @param suspendedOrganizations the organizations that changed from ACTIVE to SUSPENDED, the root first when it
 *     changed
 * @param sections what each contributor cut
 * @param at when the switch was pulled
 */
public record SuspensionReport(OrgId root, List<OrgId> suspendedOrganizations, List<Section> sections, Instant at) {

    public SuspensionReport {
        Objects.requireNonNull(root, "root");
        suspendedOrganizations = List.copyOf(suspendedOrganizations);
        sections = List.copyOf(sections);
        Objects.requireNonNull(at, "at");
    }

    /** True when every contributor succeeded. */
    public boolean complete() {
        return sections.stream().allMatch(s -> s.failure().isEmpty());
    }

    /** The section of the contributor named {@code name}. */
    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * One contributor's part of the report.
     *
     * @param name the contributor's name
     * @param count how many items it cut
     * @param ids the ids of what it cut (may be truncated for very large counts; {@code count} is exact)
     * @param failure a client-safe failure description when the contributor failed
     */
    public record Section(String name, long count, List<String> ids, Optional<String> failure) {
        public Section {
            Objects.requireNonNull(name, "name");
            ids = List.copyOf(ids);
            Objects.requireNonNull(failure, "failure");
        }

        /** A successful section. */
        public static Section of(String name, List<String> ids) {
            return new Section(name, ids.size(), ids, Optional.empty());
        }

        /** A failed section. */
        public static Section failed(String name, String failure) {
            return new Section(name, 0, List.of(), Optional.of(failure));
        }
    }
}
