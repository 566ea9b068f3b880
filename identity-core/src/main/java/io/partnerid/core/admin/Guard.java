package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AdminOperationEvent;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.user.UserId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one check every sub-façade of {@link DelegatedAdministration} goes through: authority (the actor's admin
 * grants), subtree confinement, suspension, no escalation, and the audit record of each outcome. It is also the
 * SDK's {@link AdminGuard}, the same check for services outside identity-core.
 *
 * <p>Thread-safe and stateless beyond its repositories.
 */
final class Guard implements AdminGuard {

    private static final Logger log = LoggerFactory.getLogger(Guard.class);

    private final AdminAuthority authority;
    private final OrganizationRepository organizations;
    private final RoleService roles;
    private final AuditPublisher audit;
    private final IdentityRuntime runtime;

    Guard(AdminGrantRepository grants, OrganizationRepository organizations, RoleService roles,
          AuditPublisher audit, IdentityRuntime runtime) {
        this.authority = new AdminAuthority(grants, organizations);
        this.organizations = organizations;
        this.roles = roles;
        this.audit = audit;
        this.runtime = runtime;
    }

    /** An operation on a checked, active target organization. */
    @FunctionalInterface
    interface Operation<T> {
        T run(Organization target);
    }

    IdentityRuntime runtime() {
        return runtime;
    }

    Instant now() {
        return runtime.now();
    }

    // ------------------------------------------------------------------------------------------ AdminGuard

    @Override
    public void require(Actor actor, AdminCapability capability, OrgId target, String operation) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(operation, "operation");
        Optional<Organization> known = organizations.findById(target);
        if (known.isEmpty() && actor.type() == Actor.Type.SYSTEM) {
            return; // the host's authority over ids of its own (a policy document's), which core does not hold
        }
        try {
            authority.require(actor, capability, target);
        } catch (IdentityException e) {
            known.ifPresent(org -> refused(actor, org, operation, target.value(), e.code()));
            log.debug("{} refused {} on {}: {}", actor, operation, target, e.code());
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------- checks

    /** Checks the capability over {@code orgId}, runs the operation and audits the outcome either way. */
    <T> T perform(Actor actor, String operation, OrgId orgId, AdminCapability capability, String target,
                  Operation<T> body) {
        return perform(actor, operation, orgId, capability, target, body, r -> Optional.empty());
    }

    /** Like {@link #perform(Actor, String, OrgId, AdminCapability, String, Operation)}, recording a result. */
    <T> T perform(Actor actor, String operation, OrgId orgId, AdminCapability capability, String target,
                  Operation<T> body, Function<T, Optional<String>> resultOf) {
        Objects.requireNonNull(actor, "actor");
        Optional<Organization> known = organizations.findById(orgId);
        try {
            Organization org = authority.require(actor, capability, orgId);
            T result = body.run(org);
            performed(actor, org, operation, target, resultOf.apply(result));
            return result;
        } catch (IdentityException e) {
            known.ifPresent(org -> refused(actor, org, operation, target, e.code()));
            log.debug("{} refused {} on {}: {}", actor, operation, orgId, e.code());
            throw e;
        }
    }

    /** Checks, without auditing, that the actor holds {@code capability} over an active {@code target}. */
    Organization require(Actor actor, AdminCapability capability, OrgId target) {
        return authority.require(actor, capability, target);
    }

    /** A read: any capability over the target suffices, suspension does not matter. */
    Organization read(Actor actor, OrgId orgId) {
        return authority.requireVisible(actor, orgId);
    }

    /** A read that needs one capability over the (possibly suspended) target. */
    Organization readWith(Actor actor, OrgId orgId, AdminCapability capability, String what) {
        Organization org = authority.requireVisible(actor, orgId);
        if (!authority.capabilitiesAt(actor, org.path()).contains(capability)) {
            throw AdminErrors.notPermitted(actor + " cannot " + what + " " + orgId);
        }
        return org;
    }

    /** The capabilities {@code actor} holds over {@code target} (all of them for the system). */
    Set<AdminCapability> capabilitiesAt(Actor actor, OrgPath target) {
        return authority.capabilitiesAt(actor, target);
    }

    /** The capabilities {@code actor} holds over {@code orgId} (empty for unknown organizations). */
    Set<AdminCapability> capabilitiesAt(Actor actor, OrgId orgId) {
        return organizations.findById(orgId).map(o -> authority.capabilitiesAt(actor, o.path()))
                .orElse(EnumSet.noneOf(AdminCapability.class));
    }

    /** True when a grant of the actor whose own scope is active covers {@code target} with {@code capability}. */
    boolean activeGrantCovers(Actor actor, OrgPath target, AdminCapability capability) {
        if (actor.type() == Actor.Type.SYSTEM) {
            return true;
        }
        for (AdminGrant grant : authority.grantsOf(actor)) {
            Optional<Organization> scope = organizations.findById(grant.scope());
            if (scope.isPresent() && scope.get().isActive() && grant.capabilities().contains(capability)
                    && scope.get().path().isAncestorOrSelfOf(target)) {
                return true;
            }
        }
        return false;
    }

    /** No escalation: the actor holds every permission of {@code role} at {@code orgId}. */
    void requireHolds(Actor actor, Role role, OrgId orgId) {
        requireHoldsPermissions(actor, role.permissions(), orgId);
    }

    /** No escalation: the actor holds every one of {@code permissions} at {@code orgId}. */
    void requireHoldsPermissions(Actor actor, Set<String> permissions, OrgId orgId) {
        if (actor.type() == Actor.Type.SYSTEM || permissions.isEmpty()) {
            return;
        }
        Set<String> held = actor.type() == Actor.Type.USER
                ? roles.effectivePermissions(UserId.of(actor.id()), orgId, runtime.now())
                : Set.of();
        if (!held.containsAll(permissions)) {
            throw AdminErrors.escalation(actor + " does not hold every permission it would grant at " + orgId);
        }
    }

    /** The refusal for a target that does not exist: the same words as for one out of reach. */
    IdentityException refusedUnknown(Actor actor, String operation, OrgId orgId) {
        log.debug("{} refused {}: unknown target {}", actor, operation, orgId);
        return AdminErrors.notPermitted(actor + " " + operation + " on an unknown target");
    }

    // ------------------------------------------------------------------------------------------- audit

    void performed(Actor actor, Organization org, String operation, String target) {
        performed(actor, org, operation, target, Optional.empty());
    }

    void performed(Actor actor, Organization org, String operation, String target, Optional<String> result) {
        emit(new AdminOperationEvent(runtime.now(), org.tenant(), Optional.of(org.id()), actor, operation, target,
                AdminOperationEvent.Outcome.PERFORMED, Optional.empty(), result));
    }

    void refused(Actor actor, Organization org, String operation, String target, ErrorCode code) {
        emit(new AdminOperationEvent(runtime.now(), org.tenant(), Optional.of(org.id()), actor, operation, target,
                AdminOperationEvent.Outcome.REFUSED, Optional.of(code.value())));
    }

    void privilege(Actor actor, Organization org, String subject, PrivilegeChangeEvent.Change change,
                   String privilege, Optional<Instant> validUntil) {
        emit(new PrivilegeChangeEvent(runtime.now(), org.tenant(), Optional.of(org.id()), actor, subject, change,
                privilege, validUntil));
    }

    void emit(AuditEvent event) {
        audit.publish(event);
    }
}
