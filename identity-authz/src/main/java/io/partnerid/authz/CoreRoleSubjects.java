package io.partnerid.authz;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.user.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the engine's {@link Subject} from the core role service: the roles a user effectively holds (direct, through
 * groups, inherited down the tree, inside their validity window) become role assignments by name.
 *
 * <p>Stateless and thread-safe. The policy document must define roles with the same names as the core roles; the
 * engine then decides on the document's definitions (permissions, ceilings, denies). Roles held only at
 * sub-organizations are included when those organizations are passed as {@code scopes}.
 */
public final class CoreRoleSubjects {

    private CoreRoleSubjects() {
    }

    /**
     * The subject for {@code user} of {@code homeOrg}, with the roles effective at its home organization and at each
     * of {@code scopes} (sub-organizations of the home organization where the user may hold extra roles).
     */
    public static Subject subject(RoleService roles, UserId user, OrgId homeOrg, Collection<OrgId> scopes,
                                  Map<String, Object> attributes) {
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(homeOrg, "homeOrg");
        Objects.requireNonNull(scopes, "scopes");
        Set<RoleAssignment> out = new LinkedHashSet<>();
        for (Role r : roles.effectiveRoles(user, homeOrg)) {
            out.add(RoleAssignment.of(r.name()));
        }
        for (OrgId scope : scopes) {
            if (!scope.equals(homeOrg)) {
                for (Role r : roles.effectiveRoles(user, scope)) {
                    out.add(RoleAssignment.at(r.name(), scope));
                }
            }
        }
        List<RoleAssignment> list = new ArrayList<>(out);
        return new Subject(user.value(), homeOrg, list, attributes);
    }
}
