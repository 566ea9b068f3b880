package io.partnerid.core.role;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A named set of permissions defined at an organization, optionally inheritable by its descendants.
 *
 * <p>Immutable and thread-safe. A role defined at organization D can be assigned at D; when {@code inheritable} it
 * can also be assigned at any descendant of D, and an assignment at organization A then applies at A and at every
 * descendant of A. A non-inheritable role applies only at the very organization of its assignment. Permissions are
 * strings such as {@code orders:read}: segments of {@code [A-Za-z0-9_.*-]} separated by colons, at most 128
 * characters; they are compared exactly. Names are unique per organization.
 *
 * @param id the immutable id
 * @param orgId the organization that defines the role; never changes
 * @param name the name, 1 to 100 characters, unique within the organization
 * @param permissions the permissions the role grants, at most {@value #MAX_PERMISSIONS}; iterated in sorted order
 * @param inheritable whether descendants of {@code orgId} may assign the role and assignments apply down the tree
 * @param createdAt when the role was defined
 * @param version the optimistic-concurrency version, starting at 0
 */
public record Role(RoleId id, OrgId orgId, String name, Set<String> permissions, boolean inheritable,
                   Instant createdAt, long version) {

    /** The largest number of permissions one role may carry. */
    public static final int MAX_PERMISSIONS = 500;

    private static final Pattern PERMISSION = Pattern.compile("[A-Za-z0-9_.*-]+(:[A-Za-z0-9_.*-]+)*");

    public Role {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("role name must have 1 to 100 characters");
        }
        permissions = permissionSet(permissions);
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /**
     * Validates and copies a set of permissions into an immutable, sorted set.
     *
     * @throws IllegalArgumentException for a malformed permission or more than {@value #MAX_PERMISSIONS}
     */
    public static Set<String> permissionSet(Set<String> permissions) {
        Objects.requireNonNull(permissions, "permissions");
        if (permissions.size() > MAX_PERMISSIONS) {
            throw new IllegalArgumentException("a role carries at most " + MAX_PERMISSIONS + " permissions");
        }
        SortedSet<String> sorted = new TreeSet<>();
        for (String p : permissions) {
            Objects.requireNonNull(p, "permission");
            if (p.length() > 128 || !PERMISSION.matcher(p).matches()) {
                throw new IllegalArgumentException("malformed permission: " + p);
            }
            sorted.add(p);
        }
        return Collections.unmodifiableSortedSet(sorted);
    }

    /** The same role with new name, permissions and inheritability, at the same version. */
    public Role withDefinition(String newName, Set<String> newPermissions, boolean newInheritable) {
        return new Role(id, orgId, newName, newPermissions, newInheritable, createdAt, version);
    }

    /** The same role at the version the repository assigned after a write. */
    public Role withVersion(long newVersion) {
        return new Role(id, orgId, name, permissions, inheritable, createdAt, newVersion);
    }
}
