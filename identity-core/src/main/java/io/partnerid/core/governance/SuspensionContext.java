package io.partnerid.core.governance;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link SuspensionContributor} is told about a suspension or resumption.
 *
 * <p>Immutable and thread-safe.
 *
 * @param root the organization whose subtree is suspended or resumed
 * @param organizations every organization whose status changed, the root first
 * @param actor who pulled the switch
 * @param reason the reason given
 * @param at when
 */
public record SuspensionContext(OrgId root, List<OrgId> organizations, Actor actor, String reason, Instant at) {

    public SuspensionContext {
        Objects.requireNonNull(root, "root");
        organizations = List.copyOf(organizations);
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
