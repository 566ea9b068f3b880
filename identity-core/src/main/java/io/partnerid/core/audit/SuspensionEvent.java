package io.partnerid.core.audit;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The kill switch suspended or resumed an organization subtree.
 *
 * <p>Immutable and thread-safe.
 *
 * @param occurredAt when
 * @param tenant the tenant whose chain records it
 * @param org the root of the subtree
 * @param actor who pulled the switch
 * @param action suspended or resumed
 * @param reason the reason given
 * @param organizations how many organizations changed status
 */
public record SuspensionEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor, Action action,
                              String reason, int organizations) implements AuditEvent {

    /** What the switch did. */
    public enum Action { SUSPENDED, RESUMED }

    public SuspensionEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String type() {
        return "org.suspension";
    }

    @Override
    public Map<String, String> details() {
        return Map.of("action", action.name(), "reason", reason, "organizations", Integer.toString(organizations));
    }
}
