package io.partnerid.core.settings;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of a setting for an organization after inheritance, where it came from and who locks it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the effective value
 * @param source the default, or the organization on the path whose value it is
 * @param lockedBy the organization (the organization itself or an ancestor) whose lock fixes the value, if any
 * @param <T> the value type
 */
public record EffectiveSetting<T>(T value, Source source, Optional<OrgId> lockedBy) {

    public EffectiveSetting {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lockedBy, "lockedBy");
    }

    /** True when a lock on the path fixes the value. */
    public boolean isLocked() {
        return lockedBy.isPresent();
    }

    /** Where an effective value comes from. */
    public sealed interface Source {

        /** The key's default. */
        Source DEFAULT = new Default();

        /** The organization whose value it is; empty for the default. */
        Optional<OrgId> orgId();

        /** The value of the organization {@code orgId}. */
        static Source org(OrgId orgId) {
            return new Org(orgId);
        }

        /** The key's default value: no organization on the path sets one. */
        record Default() implements Source {
            @Override
            public Optional<OrgId> orgId() {
                return Optional.empty();
            }

            @Override
            public String toString() {
                return "DEFAULT";
            }
        }

        /**
         * The value set at an organization on the path.
         *
         * @param id the organization
         */
        record Org(OrgId id) implements Source {
            public Org {
                Objects.requireNonNull(id, "id");
            }

            @Override
            public Optional<OrgId> orgId() {
                return Optional.of(id);
            }

            @Override
            public String toString() {
                return "ORG(" + id + ")";
            }
        }
    }
}
