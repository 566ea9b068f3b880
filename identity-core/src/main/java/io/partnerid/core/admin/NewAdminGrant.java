package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Set;

/**
 * What an admin grant gives: {@code principal} receives {@code capabilities} over the subtree of {@code scope}.
 * Immutable and thread-safe.
 *
 * @param principal who receives them (a user or a service)
 * @param scope the root of the subtree
 * @param capabilities what they may do there
 */
public record NewAdminGrant(Actor principal, OrgId scope, Set<AdminCapability> capabilities) {
    public NewAdminGrant {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(scope, "scope");
        capabilities = Set.copyOf(capabilities);
    }
}
