package io.partnerid.core.settings;

import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a setting has its effective value at an organization: one step per organization from the root down to it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param org the organization asked about
 * @param key the setting
 * @param effective the effective value, its source and lock
 * @param steps the organizations of the path, root first, and what each contributed
 * @param <T> the value type
 */
public record SettingExplanation<T>(OrgId org, SettingKey<T> key, EffectiveSetting<T> effective,
                                    List<Step<T>> steps) {

    public SettingExplanation {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(effective, "effective");
        steps = List.copyOf(steps);
    }

    /** The step of organization {@code id}, if it is on the path. */
    public Optional<Step<T>> step(OrgId id) {
        return steps.stream().filter(s -> s.org().equals(id)).findFirst();
    }

    /** A readable account, one line per organization, then the result; for admin consoles and support. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Step<T> step : steps) {
            StringBuilder line = new StringBuilder();
            line.append(step.depth()).append(". ").append(step.org()).append(": ");
            line.append(step.value().map(v -> "sets " + v).orElse("sets nothing"));
            if (step.locked()) {
                line.append(", locks");
            }
            line.append(" -> ").append(step.outcome().describe());
            lines.add(line.toString());
        }
        String result = key.name() + " = " + effective.value() + " from " + effective.source()
                + effective.lockedBy().map(o -> ", locked by " + o).orElse("");
        lines.add(result);
        return lines;
    }

    /**
     * What one organization on the path contributed.
     *
     * @param org the organization
     * @param depth its depth, 1 for the root
     * @param value the value it sets itself, if any
     * @param locked whether it locks the setting
     * @param outcome what became of its value or lock
     * @param <T> the value type
     */
    public record Step<T>(OrgId org, int depth, Optional<T> value, boolean locked, Outcome outcome) {
        public Step {
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** What became of an organization's value or lock. */
    public enum Outcome {
        /** It neither sets nor locks the setting. */
        NOT_SET("nothing to apply"),
        /** Its value is the effective value (possibly fixed by its own or a descendant-on-path lock). */
        USED("its value is used"),
        /** Its value is replaced by the value of a deeper organization on the path. */
        OVERRIDDEN("overridden by a deeper organization"),
        /** It locks the setting without a value of its own: the value it inherits is fixed for its subtree. */
        LOCKS_INHERITED_VALUE("locks the inherited value"),
        /** Its value or lock has no effect because an ancestor locks the setting. */
        IGNORED_BECAUSE_LOCKED("ignored: an ancestor locks the setting");

        private final String description;

        Outcome(String description) {
            this.description = description;
        }

        /** The outcome in words. */
        public String describe() {
            return description;
        }
    }
}
