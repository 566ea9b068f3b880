package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.audit.AuditLog;
import io.partnerid.core.audit.AuditRecord;
import io.partnerid.core.governance.KillSwitch;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kill switch and the audit trail on an actor's authority: suspend and resume a subtree
 * ({@link AdminCapability#SUSPEND}), read a subtree's audit records ({@link AdminCapability#VIEW_AUDIT}).
 * Suspensions and resumptions are audited as {@code admin.operation}s, performed or refused.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from {@link DelegatedAdministration#governance()}.
 *
 * <pre>{@code
 * SuspensionReport report = core.admin().governance().suspend(securityOfficer, partner.id(), "INC-4711");
 * Page<AuditRecord> trail = core.admin().governance().auditTrail(auditor, partner.id(), PageRequest.first(50));
 * core.admin().governance().resume(securityOfficer, partner.id(), "INC-4711 closed");
 * }</pre>
 */
public final class GovernanceAdmin {

    private final Guard guard;
    private final OrganizationRepository organizations;
    private final KillSwitch killSwitch;
    private final AuditLog auditLog;

    GovernanceAdmin(Guard guard, OrganizationRepository organizations, KillSwitch killSwitch, AuditLog auditLog) {
        this.guard = guard;
        this.organizations = organizations;
        this.killSwitch = killSwitch;
        this.auditLog = auditLog;
    }

    /** Suspends an organization and its subtree; needs {@code SUSPEND} over it. */
    public SuspensionReport suspend(Actor actor, OrgId orgId, String reason) {
        return guard.perform(actor, "org.suspend", orgId, AdminCapability.SUSPEND, orgId.value(),
                o -> killSwitch.suspend(actor, orgId, reason));
    }

    /**
     * Resumes what the suspension of {@code orgId} cut; needs {@code SUSPEND} from a grant whose own scope is
     * active (an admin inside the suspended subtree cannot lift it).
     */
    public List<OrgId> resume(Actor actor, OrgId orgId, String reason) {
        Organization org = organizations.findById(orgId)
                .orElseThrow(() -> guard.refusedUnknown(actor, "org.resume", orgId));
        if (!guard.activeGrantCovers(actor, org.path(), AdminCapability.SUSPEND)) {
            guard.refused(actor, org, "org.resume", orgId.value(), AdminErrors.NOT_PERMITTED);
            throw AdminErrors.notPermitted(actor + " cannot resume " + orgId);
        }
        try {
            List<OrgId> resumed = killSwitch.resume(actor, orgId, reason);
            guard.performed(actor, org, "org.resume", orgId.value());
            return resumed;
        } catch (IdentityException e) {
            guard.refused(actor, org, "org.resume", orgId.value(), e.code());
            throw e;
        }
    }

    /**
     * Reads the audit trail of an organization's subtree; needs {@code VIEW_AUDIT} over it. The records come from
     * the tenant's chain in sequence order, keeping those that concern {@code orgId} or an organization below it
     * (events about the tenant as a whole are shown to admins of the root only). The cursor is the chain's.
     *
     * <p>Cost: the chain is scanned from the cursor until the page is full, so a small subtree of a busy tenant
     * reads more records than it returns; at most 20 chain pages are read per call, after which a shorter page with
     * a cursor is returned.
     */
    public Page<AuditRecord> auditTrail(Actor actor, OrgId orgId, PageRequest page) {
        Organization scope = guard.readWith(actor, orgId, AdminCapability.VIEW_AUDIT, "read the audit trail of");
        List<AuditRecord> kept = new ArrayList<>();
        Optional<String> cursor = page.after();
        for (int reads = 0; reads < 20 && kept.size() < page.limit(); reads++) {
            Page<AuditRecord> chunk = auditLog.read(scope.tenant(),
                    new PageRequest(cursor, PageRequest.MAX_LIMIT));
            for (AuditRecord record : chunk.items()) {
                cursor = Optional.of(Long.toString(record.sequence()));
                if (concerns(record, scope)) {
                    kept.add(record);
                    if (kept.size() == page.limit()) {
                        return new Page<>(kept, cursor);
                    }
                }
            }
            if (chunk.next().isEmpty()) {
                return new Page<>(kept, Optional.empty());
            }
        }
        return new Page<>(kept, cursor);
    }

    private boolean concerns(AuditRecord record, Organization scope) {
        Optional<OrgId> org = record.entry().org();
        if (org.isEmpty()) {
            return scope.parentId().isEmpty();
        }
        return organizations.findById(org.get())
                .map(o -> scope.path().isAncestorOrSelfOf(o.path())).orElse(false);
    }
}
