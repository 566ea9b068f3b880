package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Gives a principal a set of admin capabilities over the subtree rooted at an organization.
 *
 * <p>Immutable and thread-safe. A grant whose scope organization is suspended confers nothing until the
 * organization is resumed.
 *
 * @param id the grant's id
 * @param principal who receives the capabilities (a user or a service; never the system)
 * @param scope the root of the subtree the capabilities apply to
 * @param capabilities what the principal may do there; not empty
 * @param grantedBy who granted it
 * @param createdAt when
 */
public record AdminGrant(AdminGrantId id, Actor principal, OrgId scope, Set<AdminCapability> capabilities,
                         Actor grantedBy, Instant createdAt) {

    public AdminGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (capabilities.isEmpty()) {
            throw new IllegalArgumentException("an admin grant confers at least one capability");
        }
        if (principal.type() == Actor.Type.SYSTEM) {
            throw new IllegalArgumentException("the system needs no admin grant");
        }
        capabilities = Set.copyOf(EnumSet.copyOf(capabilities));
    }
}
