package io.partnerid.authz.policy;

import java.util.List;
import java.util.Objects;

/**
 * What an organization lets its direct children define locally.
 *
 * <p>Immutable and thread-safe. A child may define local roles only with permissions covered by
 * {@code permissions}, and may redefine an inherited role only when its defining ancestor listed it in
 * {@code overridableRoles}. Without a delegation nothing is delegated.
 *
 * @param permissions permission patterns children may use in local roles
 * @param overridableRoles roles defined here that children may redefine
 */
public record Delegation(List<String> permissions, List<String> overridableRoles) {

    /** Nothing delegated. */
    public static final Delegation NONE = new Delegation(List.of(), List.of());

    public Delegation {
        permissions = List.copyOf(Objects.requireNonNull(permissions, "permissions"));
        overridableRoles = List.copyOf(Objects.requireNonNull(overridableRoles, "overridableRoles"));
    }
}
