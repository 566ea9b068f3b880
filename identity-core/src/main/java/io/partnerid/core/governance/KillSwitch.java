package io.partnerid.core.governance;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.audit.SuspensionEvent;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.org.OrganizationStatusCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-organization kill switch: suspends an organization and its whole subtree at once, lets every module cut
 * what it holds for them, and reports what was cut; resumes what that suspension cut.
 *
 * <p>Thread-safe. This is the unchecked mechanism; administrators pull the switch through
 * {@link io.partnerid.core.admin.GovernanceAdmin#suspend}, which checks the {@code SUSPEND} capability.
 * Marking the subtree suspended is one atomic repository operation, so from that instant every check of the
 * organizations' status (administration, token verification, decisions, logins) refuses; contributors then cut
 * their own state. A failing contributor does not undo the suspension: the report says which section failed.
 *
 * <pre>{@code
 * SuspensionReport report = killSwitch.suspend(actor, partner.id(), "contract terminated");
 * report.suspendedOrganizations(); // the partner and all its sub-organizations
 * report.section("tokens");        // what the token module revoked, when it is installed
 * }</pre>
 */
public final class KillSwitch {

    private static final Logger log = LoggerFactory.getLogger(KillSwitch.class);

    private final OrganizationRepository organizations;
    private final OrganizationStatusCache statusCache;
    private final List<SuspensionContributor> contributors;
    private final AuditPublisher audit;
    private final IdentityRuntime runtime;

    /**
     * A kill switch that also invalidates this node's status cache the moment it suspends or resumes, so the node
     * that pulled the switch refuses at once; other nodes follow within the cache's bound.
     */
    public KillSwitch(OrganizationRepository organizations, OrganizationStatusCache statusCache,
                      List<SuspensionContributor> contributors, AuditPublisher audit, IdentityRuntime runtime) {
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        this.statusCache = Objects.requireNonNull(statusCache, "statusCache");
        this.contributors = List.copyOf(contributors);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * Suspends {@code orgId} and every active organization below it.
     *
     * @throws IdentityException {@code org.not_found} when the organization does not exist,
     *     {@code org.suspended} when it is already suspended
     */
    public SuspensionReport suspend(Actor actor, OrgId orgId, String reason) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Organization org = organizations.findById(orgId)
                .orElseThrow(() -> new IdentityException(OrgErrors.NOT_FOUND, "The organization was not found.",
                        "organization " + orgId));
        if (!org.isActive()) {
            throw OrgErrors.suspended(orgId);
        }
        Instant at = runtime.now();
        List<OrgId> suspended = organizations.suspendSubtree(org.path(), orgId);
        statusCache.invalidate();
        SuspensionContext context = new SuspensionContext(orgId, suspended, actor, reason, at);
        List<SuspensionReport.Section> sections = new ArrayList<>();
        for (SuspensionContributor contributor : contributors) {
            try {
                sections.add(contributor.suspend(context));
            } catch (RuntimeException e) {
                log.error("Kill switch contributor '{}' failed for organization {}", contributor.name(), orgId, e);
                sections.add(SuspensionReport.Section.failed(contributor.name(),
                        "The contributor failed; the organizations are suspended nevertheless."));
            }
        }
        audit.publish(new SuspensionEvent(at, org.tenant(), Optional.of(orgId), actor,
                SuspensionEvent.Action.SUSPENDED, reason, suspended.size()));
        log.warn("Organization {} suspended with {} organizations below it by {}", orgId, suspended.size(), actor);
        return new SuspensionReport(orgId, suspended, sections, at);
    }

    /**
     * Resumes what the suspension of {@code orgId} cut. Organizations suspended by another cause (their own or
     * an ancestor's earlier suspension) stay suspended.
     *
     * @return the organizations that are active again
     * @throws IdentityException {@code org.not_found} when the organization does not exist,
     *     {@code org.invalid_request} when it was not suspended by its own suspension (resume the ancestor instead)
     */
    public List<OrgId> resume(Actor actor, OrgId orgId, String reason) {
        Objects.requireNonNull(actor, "actor");
        Organization org = organizations.findById(orgId)
                .orElseThrow(() -> new IdentityException(OrgErrors.NOT_FOUND, "The organization was not found.",
                        "organization " + orgId));
        if (!org.suspensionRoot().equals(Optional.of(orgId))) {
            throw new IdentityException(OrgErrors.INVALID_REQUEST,
                    "The organization is not suspended by its own suspension.",
                    "organization " + orgId + " has suspension root " + org.suspensionRoot());
        }
        Instant at = runtime.now();
        List<OrgId> resumed = organizations.resumeSubtree(org.path(), orgId);
        statusCache.invalidate();
        SuspensionContext context = new SuspensionContext(orgId, resumed, actor, reason, at);
        for (SuspensionContributor contributor : contributors) {
            try {
                contributor.resume(context);
            } catch (RuntimeException e) {
                log.error("Kill switch contributor '{}' failed to resume organization {}", contributor.name(), orgId,
                        e);
            }
        }
        audit.publish(new SuspensionEvent(at, org.tenant(), Optional.of(orgId), actor,
                SuspensionEvent.Action.RESUMED, reason, resumed.size()));
        return resumed;
    }
}
