package io.partnerid.core.org;

import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The organization tree: creation of roots and children at any depth, renaming, moving subtrees with cycle
 * prevention, and ancestry queries.
 *
 * <p>Thread-safe. This is the <em>unchecked</em> domain service: it enforces the tree's own rules but knows no
 * acting principal. Applications administer organizations through
 * {@link io.partnerid.core.admin.DelegatedAdministration}, which checks the actor's admin grants and audits every
 * operation; other SDK modules use this service to read the tree.
 *
 * <pre>{@code
 * OrganizationService orgs = new OrganizationService(repository, runtime);
 * Organization acme = orgs.createRoot(new NewOrganization("Acme Capital"));
 * Organization desk = orgs.createChild(acme.id(), new NewOrganization("Equities"));
 * orgs.isAncestorOrSelf(acme.id(), desk.id()); // true, O(depth)
 * }</pre>
 */
public final class OrganizationService {

    private final OrganizationRepository repository;
    private final IdentityRuntime runtime;

    public OrganizationService(OrganizationRepository repository, IdentityRuntime runtime) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * What a new organization is made of.
     *
     * @param name the display name
     * @param contractRef a reference to the partner's contract, if any
     */
    public record NewOrganization(String name, Optional<String> contractRef) {
        public NewOrganization {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(contractRef, "contractRef");
        }

        public NewOrganization(String name) {
            this(name, Optional.empty());
        }
    }

    /** Creates a root organization (a tenant). */
    public Organization createRoot(NewOrganization request) {
        OrgId id = OrgId.of(runtime.ids().next());
        Organization org = new Organization(id, request.name(), Optional.empty(), OrgPath.root(id), OrgStatus.ACTIVE,
                Optional.empty(), request.contractRef(), runtime.now(), 0);
        repository.insert(org);
        return org;
    }

    /**
     * Creates a child of {@code parentId}.
     *
     * @throws IdentityException {@code org.not_found} when the parent does not exist, {@code org.suspended} when it
     *     is suspended
     */
    public Organization createChild(OrgId parentId, NewOrganization request) {
        Organization parent = require(parentId);
        if (!parent.isActive()) {
            throw OrgErrors.suspended(parentId);
        }
        OrgId id = OrgId.of(runtime.ids().next());
        Organization org = new Organization(id, request.name(), Optional.of(parentId), parent.path().child(id),
                OrgStatus.ACTIVE, Optional.empty(), request.contractRef(), runtime.now(), 0);
        repository.insert(org);
        // The kill switch may have cut the parent's subtree between the check above and the insert, without seeing
        // the new child: re-read the parent, and let the child share its suspension if so.
        Organization parentNow = require(parentId);
        if (!parentNow.isActive()) {
            Organization created = require(id);
            if (created.isActive()) {
                return repository.update(created.suspendedBy(parentNow.suspensionRoot().orElse(parentId)));
            }
            return created;
        }
        return org;
    }

    /** Renames an organization (a fresh read, then a versioned update). */
    public Organization rename(OrgId id, String newName) {
        return repository.update(require(id).withName(newName));
    }

    /**
     * Moves the subtree rooted at {@code id} under {@code newParentId}.
     *
     * @return the organization at its new place
     * @throws IdentityException {@code org.cycle} when the new parent lies inside the moved subtree,
     *     {@code org.invalid_request} when a root would be moved (roots are tenants), {@code org.suspended} when
     *     either side, or any organization inside the moved subtree, is suspended
     */
    public Organization move(OrgId id, OrgId newParentId) {
        Organization org = require(id);
        Organization newParent = require(newParentId);
        if (org.parentId().isEmpty()) {
            throw new IdentityException(OrgErrors.INVALID_REQUEST, "A root organization cannot be moved.",
                    "root " + id + " cannot be moved");
        }
        if (org.path().isAncestorOrSelfOf(newParent.path())) {
            throw new IdentityException(OrgErrors.CYCLE, "An organization cannot be moved into its own subtree.",
                    "moving " + id + " under " + newParentId + " would create a cycle");
        }
        if (!org.isActive()) {
            throw OrgErrors.suspended(id);
        }
        if (!newParent.isActive()) {
            throw OrgErrors.suspended(newParentId);
        }
        // A suspended organization is frozen where it is, also when only an ancestor would move it: moving it would
        // change which admins sit above it, and so who may lift its suspension.
        for (PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT); ; ) {
            Page<Organization> chunk = repository.findSubtree(org.path(), page);
            for (Organization member : chunk.items()) {
                if (!member.isActive()) {
                    throw OrgErrors.suspended(member.id());
                }
            }
            if (chunk.next().isEmpty()) {
                break;
            }
            page = PageRequest.after(chunk.next().get(), PageRequest.MAX_LIMIT);
        }
        repository.moveSubtree(org.path(), newParent.path().child(id), newParentId, org.version());
        return require(id);
    }

    /** Looks an organization up. */
    public Optional<Organization> find(OrgId id) {
        return repository.findById(Objects.requireNonNull(id, "id"));
    }

    /**
     * Looks an organization up.
     *
     * @throws IdentityException {@code org.not_found} when it does not exist
     */
    public Organization require(OrgId id) {
        return find(id).orElseThrow(() -> OrgErrors.notFound(id));
    }

    /** The root organizations. */
    public Page<Organization> roots(PageRequest page) {
        return repository.findRoots(page);
    }

    /** The direct children of an organization. */
    public Page<Organization> children(OrgId id, PageRequest page) {
        return repository.findChildren(id, page);
    }

    /** An organization and its descendants, ordered by path. */
    public Page<Organization> subtree(OrgId id, PageRequest page) {
        return repository.findSubtree(require(id).path(), page);
    }

    /** The organizations from the root down to {@code id}, both included. O(depth) look-ups. */
    public List<Organization> lineage(OrgId id) {
        Organization org = require(id);
        List<Organization> lineage = new ArrayList<>();
        for (OrgId ancestor : org.path().ids()) {
            lineage.add(ancestor.equals(id) ? org : require(ancestor));
        }
        return lineage;
    }

    /** True when {@code ancestor} is {@code descendant} or one of its ancestors; false when either is unknown. */
    public boolean isAncestorOrSelf(OrgId ancestor, OrgId descendant) {
        Optional<Organization> a = find(ancestor);
        Optional<Organization> d = find(descendant);
        return a.isPresent() && d.isPresent() && a.get().path().isAncestorOrSelfOf(d.get().path());
    }
}
