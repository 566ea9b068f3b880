package io.partnerid.authz.policy;

import java.util.List;
import java.util.Objects;

/**
 * A role defined at an organization: permissions, the roles it inherits, and whether descendants see it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the role name, unique within its organization
 * @param permissions the permissions it gives
 * @param inherits roles (visible at the same organization) whose permissions it includes
 * @param inheritable whether sub-organizations see this role (default true)
 * @param scope whether an assignment reaches the assignment organization's whole subtree or only the organization
 */
public record RoleDef(String name, List<PermissionDef> permissions, List<String> inherits, boolean inheritable,
                      Scope scope) {

    /** How far down the tree an assignment of the role reaches. */
    public enum Scope {
        /** The assignment organization and all its descendants (default). */
        SUBTREE,
        /** Only resources of the assignment organization itself. */
        ORG
    }

    public RoleDef {
        Objects.requireNonNull(name, "name");
        permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions"));
        inherits = List.copyOf(Objects.requireNonNull(inherits, "inherits"));
        Objects.requireNonNull(scope, "scope");
    }
}
