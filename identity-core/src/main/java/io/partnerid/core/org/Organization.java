package io.partnerid.core.org;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An organization: a partner, supplier or one of their sub-organizations (desk, region, department).
 *
 * <p>Immutable and thread-safe; changes produce new instances through the {@code with…} methods. {@code version}
 * is the optimistic-concurrency counter maintained by the {@link OrganizationRepository}.
 *
 * @param id the immutable id
 * @param name a display name, 1 to 200 characters
 * @param parentId the parent, absent for a root (a tenant)
 * @param path the materialized path from the root down to this organization
 * @param status whether the organization is active or suspended
 * @param suspensionRoot when suspended: the organization whose suspension cut this one off (itself or an ancestor)
 * @param contractRef a reference to the partner contract (entitlements), if any
 * @param createdAt when the organization was created
 * @param version the optimistic-concurrency version, starting at 0
 */
public record Organization(OrgId id, String name, Optional<OrgId> parentId, OrgPath path, OrgStatus status,
                           Optional<OrgId> suspensionRoot, Optional<String> contractRef, Instant createdAt,
                           long version) {

    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(suspensionRoot, "suspensionRoot");
        Objects.requireNonNull(contractRef, "contractRef");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("organization name must have 1 to 200 characters");
        }
        if (!path.leaf().equals(id)) {
            throw new IllegalArgumentException("path " + path + " does not end with " + id);
        }
        if (parentId.isPresent() != (path.depth() > 1)) {
            throw new IllegalArgumentException("a root has no parent and a child has one");
        }
        if (status == OrgStatus.ACTIVE && suspensionRoot.isPresent()) {
            throw new IllegalArgumentException("an active organization has no suspension root");
        }
        if (status == OrgStatus.SUSPENDED && suspensionRoot.isEmpty()) {
            throw new IllegalArgumentException("a suspended organization names its suspension root");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** The root organization of this one's tree: the tenant whose audit chain its events join. */
    public OrgId tenant() {
        return path.root();
    }

    public boolean isActive() {
        return status == OrgStatus.ACTIVE;
    }

    public Organization withName(String newName) {
        return new Organization(id, newName, parentId, path, status, suspensionRoot, contractRef, createdAt, version);
    }

    public Organization withContractRef(Optional<String> ref) {
        return new Organization(id, name, parentId, path, status, suspensionRoot, ref, createdAt, version);
    }

    /** The same organization at the version the repository assigned after a write. */
    public Organization withVersion(long newVersion) {
        return new Organization(id, name, parentId, path, status, suspensionRoot, contractRef, createdAt, newVersion);
    }

    /** The organization after its subtree moved from {@code from} to {@code to}. */
    public Organization rebased(OrgPath from, OrgPath to, Optional<OrgId> newParent) {
        OrgPath newPath = path.rebase(from, to);
        Optional<OrgId> parent = path.equals(from) ? newParent : parentId;
        return new Organization(id, name, parent, newPath, status, suspensionRoot, contractRef, createdAt, version);
    }

    /** The organization suspended by {@code root}'s suspension. */
    public Organization suspendedBy(OrgId root) {
        return new Organization(id, name, parentId, path, OrgStatus.SUSPENDED, Optional.of(root), contractRef,
                createdAt, version);
    }

    /** The organization active again. */
    public Organization resumed() {
        return new Organization(id, name, parentId, path, OrgStatus.ACTIVE, Optional.empty(), contractRef, createdAt,
                version);
    }
}
