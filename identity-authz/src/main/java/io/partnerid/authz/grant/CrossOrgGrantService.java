package io.partnerid.authz.grant;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Manages cross-organization grants: an organization offers a subset of its roles to a partner organization, the
 * partner's admins assign those roles to their own users, and revoking the grant removes every derived assignment at
 * once (a per-partner kill switch).
 *
 * <p>Thread-safe: mutations are serialized; decisions never wait for them (the engine swaps a new snapshot). Every
 * change is published as a {@link PrivilegeChangeEvent}. Whether {@code actor} may administer the grantor or the
 * grantee is the delegated-administration layer's job (core), checked before calling this service. At construction
 * the grants of the engine's current document are imported into the repository, which is from then on the source of
 * truth for grants.
 *
 * <pre>{@code
 * CrossOrgGrantService grants = new CrossOrgGrantService(runtime, new InMemoryGrantRepository(), engine, audit);
 * grants.grant(acmeAdmin, new GrantDef("g1", "acme", "globex", List.of("viewer"), List.of(), empty(), empty()));
 * grants.assign(globexAdmin, "g1", globex, "bob", "viewer");
 * Subject bob = Subject.of("bob", globex, grants.roleAssignments(globex, "bob"));
 * grants.revoke(acmeAdmin, "g1"); // bob loses the role with the very next decision
 * }</pre>
 */
public final class CrossOrgGrantService {

    private final IdentityRuntime runtime;
    private final GrantRepository repository;
    private final PolicyEngine engine;
    private final AuditPublisher audit;

    public CrossOrgGrantService(IdentityRuntime runtime, GrantRepository repository, PolicyEngine engine,
                                AuditPublisher audit) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.audit = Objects.requireNonNull(audit, "audit");
        synchronized (this) {
            for (GrantDef g : engine.snapshot().document().grants()) {
                if (repository.findGrant(g.id()).isEmpty()) {
                    repository.saveGrant(g);
                }
            }
            engine.replaceGrants(repository.allGrants());
        }
    }

    /**
     * Creates or replaces a grant; the engine validates it (known organizations, roles visible at the grantor,
     * grantee outside the grantor's line) before anything is stored.
     *
     * @throws io.partnerid.authz.policy.PolicyValidationException when the grant is invalid
     */
    public synchronized GrantDef grant(Actor actor, GrantDef grant) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(grant, "grant");
        List<GrantDef> next = new ArrayList<>();
        for (GrantDef g : repository.allGrants()) {
            if (!g.id().equals(grant.id())) {
                next.add(g);
            }
        }
        next.add(grant);
        engine.replaceGrants(next);
        repository.saveGrant(grant);
        publish(actor, OrgId.of(grant.grantor()), "org:" + grant.grantee(), PrivilegeChangeEvent.Change.GRANTED,
                "grant:" + grant.id() + ":" + String.join("+", grant.roles()), grant);
        return grant;
    }

    /**
     * Assigns a granted role to a user of the grantee (or of one of its sub-organizations).
     *
     * @throws IdentityException {@link AuthzErrors#GRANT_NOT_FOUND} for an unknown grant (also one revoked while
     *     the assignment was being stored),
     *     {@link AuthzErrors#GRANT_INVALID} for a role outside the grant or a user outside the grantee's subtree
     */
    public synchronized GrantAssignment assign(Actor actor, String grantId, OrgId subjectOrg, String subjectId,
                                               String role) {
        Objects.requireNonNull(actor, "actor");
        GrantDef grant = repository.findGrant(grantId).orElseThrow(() -> new IdentityException(
                AuthzErrors.GRANT_NOT_FOUND, "The grant was not found.", "grant " + grantId));
        if (!grant.roles().contains(role)) {
            throw new IdentityException(AuthzErrors.GRANT_INVALID, "The role is not part of the grant.",
                    "role " + role + " is not in grant " + grantId);
        }
        Optional<OrgPath> grantee = engine.snapshot().pathOf(OrgId.of(grant.grantee()));
        Optional<OrgPath> subject = engine.snapshot().pathOf(subjectOrg);
        if (grantee.isEmpty() || subject.isEmpty() || !grantee.get().isAncestorOrSelfOf(subject.get())) {
            throw new IdentityException(AuthzErrors.GRANT_INVALID, "The user is not a member of the partner.",
                    "organization " + subjectOrg + " is outside grantee " + grant.grantee());
        }
        GrantAssignment a = new GrantAssignment(grantId, subjectOrg, subjectId, role, runtime.now(),
                actor.toString());
        try {
            repository.saveAssignment(a);
        } catch (IdentityException e) {
            if (e.code().equals(StoreErrors.MISSING)) { // revoked meanwhile, possibly on another node
                throw new IdentityException(AuthzErrors.GRANT_NOT_FOUND, "The grant was not found.",
                        "grant " + grantId + " was revoked during the assignment", e);
            }
            throw e;
        }
        publish(actor, subjectOrg, "user:" + subjectId, PrivilegeChangeEvent.Change.GRANTED,
                "grant:" + grantId + ":" + role, grant);
        return a;
    }

    /** The role assignments a subject holds through grants, ready for {@link io.partnerid.authz.Subject}. */
    public List<RoleAssignment> roleAssignments(OrgId subjectOrg, String subjectId) {
        return repository.assignmentsOf(subjectOrg, subjectId).stream()
                .map(a -> RoleAssignment.viaGrant(a.role(), a.grantId())).toList();
    }

    /**
     * Revokes a grant: the engine stops honouring it with the very next decision, and every assignment derived from
     * it is deleted and reported.
     *
     * @return the assignments removed (empty when the grant did not exist)
     */
    public synchronized List<GrantAssignment> revoke(Actor actor, String grantId) {
        Objects.requireNonNull(actor, "actor");
        Optional<GrantDef> grant = repository.findGrant(grantId);
        if (grant.isEmpty()) {
            return List.of();
        }
        List<GrantDef> remaining = new ArrayList<>();
        for (GrantDef g : repository.allGrants()) {
            if (!g.id().equals(grantId)) {
                remaining.add(g);
            }
        }
        engine.replaceGrants(remaining); // first: decisions stop honouring the grant
        List<GrantAssignment> removed = repository.deleteGrant(grantId);
        for (GrantAssignment a : removed) {
            publish(actor, a.subjectOrg(), "user:" + a.subjectId(), PrivilegeChangeEvent.Change.REVOKED,
                    "grant:" + grantId + ":" + a.role(), grant.get());
        }
        publish(actor, OrgId.of(grant.get().grantor()), "org:" + grant.get().grantee(),
                PrivilegeChangeEvent.Change.REVOKED, "grant:" + grantId, grant.get());
        return removed;
    }

    private void publish(Actor actor, OrgId org, String subject, PrivilegeChangeEvent.Change change,
                         String privilege, GrantDef grant) {
        OrgId tenant = engine.snapshot().pathOf(org).map(OrgPath::root).orElse(org);
        audit.publish(new PrivilegeChangeEvent(runtime.now(), tenant, Optional.of(org), actor, subject, change,
                privilege, grant.notAfter()));
    }
}
