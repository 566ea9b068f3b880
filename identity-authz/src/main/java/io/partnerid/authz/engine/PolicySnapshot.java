package io.partnerid.authz.engine;

import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Map;

/**
 * One compiled, immutable version of the policy: what every decision reads, without locks.
 *
 * <p>Immutable and thread-safe. A {@link PolicyEngine} swaps snapshots atomically; a decision uses exactly one.
 */
public final class PolicySnapshot {

    private final long version;
    private final PolicyDocument document;
    final PermissionSpace space;
    final Map<OrgId, Compiled.Org> orgs;
    final Map<String, Compiled.Grant> grants;
    final List<Compiled.Endpoint> endpoints;
    final boolean boundedGrants;
    final FlatIndex flat;

    PolicySnapshot(long version, PolicyDocument document, PermissionSpace space, Map<OrgId, Compiled.Org> orgs,
                   Map<String, Compiled.Grant> grants, List<Compiled.Endpoint> endpoints, FlatIndex flat) {
        this.version = version;
        this.document = document;
        this.space = space;
        this.orgs = orgs;
        this.grants = grants;
        this.endpoints = List.copyOf(endpoints);
        this.flat = flat;
        this.boundedGrants = grants.values().stream().anyMatch(Compiled.Grant::bounded);
    }

    /** The engine-assigned version, 1 for the first snapshot, incremented by every swap. */
    public long version() {
        return version;
    }

    /** The author's revision label from the document. */
    public String revision() {
        return document.revision();
    }

    /** The document this snapshot was compiled from. */
    public PolicyDocument document() {
        return document;
    }

    /** The organizations the snapshot knows. */
    public java.util.Set<OrgId> organizations() {
        return orgs.keySet();
    }

    /** The materialized path of an organization as the document places it, if the snapshot knows it. */
    public java.util.Optional<io.partnerid.core.org.OrgPath> pathOf(OrgId org) {
        Compiled.Org o = orgs.get(org);
        return o == null ? java.util.Optional.empty() : java.util.Optional.of(o.path());
    }

    /** The roles visible at an organization (its own and the inheritable ones of its ancestors). */
    public java.util.Set<String> rolesVisibleAt(OrgId org) {
        Compiled.Org o = orgs.get(org);
        return o == null ? java.util.Set.of() : o.roles().keySet();
    }

    /** The actions declared for a resource type, in document order. */
    public List<String> actionsOf(String resourceType) {
        return space.actionsOf(resourceType);
    }
}
