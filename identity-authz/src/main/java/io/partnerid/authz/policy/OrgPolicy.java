package io.partnerid.authz.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy one organization contributes: its place in the tree, its ceiling, roles, deny rules and delegation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the organization id
 * @param parent the parent organization id, absent for a root
 * @param ceiling the most the subtree may ever be permitted, absent for no own restriction (the parent's applies)
 * @param roles roles defined here
 * @param denies deny rules for the subtree
 * @param delegation what children may define locally
 */
public record OrgPolicy(String id, Optional<String> parent, Optional<List<String>> ceiling, List<RoleDef> roles,
                        List<DenyRule> denies, Delegation delegation) {

    public OrgPolicy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parent, "parent");
        ceiling = Objects.requireNonNull(ceiling, "ceiling").map(List::copyOf);
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        denies = List.copyOf(Objects.requireNonNull(denies, "denies"));
        Objects.requireNonNull(delegation, "delegation");
    }
}
