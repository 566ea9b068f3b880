package io.partnerid.authz.grant;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.engine.PolicySnapshot;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.PolicyValidationException;
import io.partnerid.authz.policy.Violation;
import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.admin.AdminCapability;
import io.partnerid.core.admin.AdminGuard;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manages cross-organization grants: an organization offers a subset of its roles to a partner organization, the
 * partner's admins assign those roles to their own users, and revoking the grant removes every derived assignment at
 * once (a per-partner kill switch).
 *
 * <p>Thread-safe: mutations and refreshes are serialized; decisions never wait for them (the engine swaps a new
 * snapshot). Every change is published as a {@link PrivilegeChangeEvent}. At construction the grants of the engine's
 * current document are imported into the repository, which is from then on the source of truth for grants. Use one
 * service per engine.
 *
 * <p>Authority: every mutation is checked, before anything changes, by the {@link AdminGuard} the service is built
 * with (core's {@link io.partnerid.core.admin.DelegatedAdministration#guard()}), against identity-core's organization
 * tree: the grant's organization ids are core {@link OrgId}s.
 * <ul>
 *   <li>{@link #grant} and {@link #revoke} need {@link AdminCapability#MANAGE_GRANTS} over the grantor: only the
 *       grantor's admins offer or withdraw its roles;</li>
 *   <li>{@link #assign} needs {@link AdminCapability#ASSIGN_ROLES} over the organization of the user who receives
 *       the role: the grantee's admins distribute the offer to their own users, and only within it (a role of the
 *       grant, a user in the grantee's subtree);</li>
 *   <li>an organization core does not know is refused like one out of reach ({@code admin.not_permitted}); a
 *       suspended one is refused ({@code org.suspended}); {@link Actor#system(String)} holds every capability.</li>
 * </ul>
 * A grant id belongs to the grantor that created it: another grantor reusing it is refused
 * ({@link AuthzErrors#GRANT_ID_TAKEN}); the same grantor saving it again updates the grant.
 *
 * <p>Several nodes over one store: each node's engine holds its own copy of the grants, built from the repository
 * together with the repository's {@link GrantRepository#version() version}. A change made on this node takes effect
 * here with the very next decision; a change made on another node takes effect here at this node's next
 * {@link #refresh()}, which compares one counter and rebuilds only when it moved. Hosts call {@link #refresh()}
 * periodically ({@link #refreshTask()} is ready for a {@link java.util.concurrent.ScheduledExecutorService}):
 * <strong>a grant revoked on another node stops being honoured here within one refresh period (the time between
 * the starts of two refreshes) plus the time of one refresh</strong>, as long as refreshes succeed (a refresh running
 * when the revocation commits may have read the counter just before it). No decision ever reads the repository.
 * While refreshes fail, this node keeps the grants it has; once they have gone unconfirmed for longer than the
 * maximum staleness (default {@link #DEFAULT_MAX_STALENESS}), it honours none until a refresh succeeds.
 * Stored grants this node's document cannot validate (for example a grant to an organization only a newer document
 * on another node knows) are not honoured here and are reported by {@link #rejectedGrants()} (fail closed); the
 * other grants stay in force.
 *
 * <pre>{@code
 * CrossOrgGrantService grants = CrossOrgGrantService.builder()
 *         .runtime(runtime).repository(new JdbcGrantRepository(dataSource)).engine(engine).auditPublisher(audit)
 *         .adminGuard(core.admin().guard())
 *         .build();
 * // acmeAdmin holds MANAGE_GRANTS over acme, globexAdmin ASSIGN_ROLES over globex (core admin grants)
 * grants.grant(acmeAdmin, new GrantDef("g1", acme.value(), globex.value(), List.of("viewer"), List.of(), empty(),
 *         empty()));
 * grants.assign(globexAdmin, "g1", globex, "bob", "viewer");
 * Subject bob = Subject.of("bob", globex, grants.roleAssignments(globex, "bob"));
 * grants.revoke(acmeAdmin, "g1"); // here: bob loses the role with the very next decision
 *
 * // every node: other nodes' grants and revocations take effect here within about 5 seconds
 * scheduler.scheduleWithFixedDelay(grants.refreshTask(), 5, 5, TimeUnit.SECONDS);
 * }</pre>
 */
public final class CrossOrgGrantService {

    private static final Logger LOG = LoggerFactory.getLogger(CrossOrgGrantService.class);

    /** How long grants stay honoured while refreshes fail, unless configured otherwise. */
    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofMinutes(5);

    /** The index of the grant a validation error is about, in the list given to the engine. */
    private static final Pattern GRANT_PATH = Pattern.compile("^\\$\\.grants\\[(\\d{1,9})]");

    private final IdentityRuntime runtime;
    private final GrantRepository repository;
    private final PolicyEngine engine;
    private final AuditPublisher audit;
    private final AdminGuard guard;
    private final Duration maxStaleness;

    // guarded by this: what the engine's grants were last built from
    private long builtFrom;
    private Instant confirmedAt;
    private boolean cutOff;
    private PolicySnapshot built;
    private boolean stale;
    private List<RejectedGrant> rejected = List.of();

    /**
     * Imports the engine document's grants that the repository does not hold yet, then builds the engine's grants
     * from the repository.
     *
     * @throws IdentityException {@code store.*} when the repository fails
     */
    private CrossOrgGrantService(Builder b) {
        this.maxStaleness = b.maxStaleness;
        this.runtime = b.runtime;
        this.repository = b.repository;
        this.engine = b.engine;
        this.audit = b.audit;
        this.guard = b.guard;
        synchronized (this) {
            for (GrantDef g : engine.snapshot().document().grants()) {
                if (repository.findGrant(g.id()).isEmpty()) {
                    repository.saveGrant(g);
                }
            }
            rebuild();
        }
    }

    /** Starts a builder; the runtime, repository, engine, audit publisher and admin guard are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Brings this node's engine up to date with the repository: reads {@link GrantRepository#version()} (one cheap
     * read) and, when it differs from the version the engine's grants were built from, rebuilds them from
     * {@link GrantRepository#allGrants()}. Also rebuilds when the engine's snapshot was replaced behind this
     * service's back ({@link PolicyEngine#load} puts the document's own grants in force: call {@code refresh()}
     * right after loading a document), and after a change of this node that failed half-way.
     *
     * <p>Call it periodically on every node; the period bounds how long a grant revoked on another node is still
     * honoured here (one period between the starts of two refreshes, plus the time of one refresh). When nothing
     * changed it costs one read of the counter. Grants this node's document cannot validate are left out and
     * reported by {@link #rejectedGrants()}. Thread-safe; serialized with the mutators; decisions do not wait.
     *
     * @return whether the grants were rebuilt
     * @throws IdentityException {@code store.*} when the repository fails; the engine then keeps its current grants
     *     and the next call tries again
     */
    public synchronized boolean refresh() {
        try {
            long version = repository.version();
            if (!stale && version == builtFrom && engine.snapshot() == built) {
                confirmedAt = runtime.now();
                return false;
            }
            rebuild(version);
            return true;
        } catch (RuntimeException e) {
            cutOffWhenStale();
            throw e;
        }
    }

    /**
     * After a failed refresh: once the grants have gone unconfirmed for longer than the maximum staleness, honour
     * none of them until a refresh succeeds. Caller holds the lock.
     */
    private void cutOffWhenStale() {
        if (cutOff || Duration.between(confirmedAt, runtime.now()).compareTo(maxStaleness) <= 0) {
            return;
        }
        engine.replaceGrants(List.of());
        cutOff = true;
        stale = true;
        LOG.error("The cross-organization grants could not be confirmed with the repository for more than {}; "
                + "this node honours no grant until a refresh succeeds", maxStaleness);
    }

    /** True while this node honours no grant because refreshes have failed for longer than the maximum staleness. */
    public synchronized boolean isCutOff() {
        return cutOff;
    }

    /**
     * {@link #refresh()} as a task for a {@link java.util.concurrent.ScheduledExecutorService}: a failure is logged
     * (ERROR) instead of thrown, so the schedule keeps running (an executor cancels a periodic task that throws), and
     * the next run tries again.
     */
    public Runnable refreshTask() {
        return () -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.error("Refreshing the cross-organization grants failed; this node keeps its current grants "
                        + "until a refresh succeeds", e);
            }
        };
    }

    /**
     * The stored grants this node's engine refused at its last rebuild (unknown organization or role in this node's
     * document, ...), in grant-id order; empty when every stored grant is in force. They are not honoured here.
     */
    public synchronized List<RejectedGrant> rejectedGrants() {
        return rejected;
    }

    /**
     * Creates a grant, or updates one the same grantor created under this id (the grant is replaced as a whole; its
     * assignments are kept, and the engine honours each only while its role is in the grant and its user lies in the
     * grantee's subtree). Needs {@link AdminCapability#MANAGE_GRANTS} over the grantor. The engine validates the
     * grant (known organizations, roles visible at the grantor, grantee outside the grantor's line) before anything
     * is stored. It is in force on this node with the next decision, on other nodes after their next
     * {@link #refresh()}. Audited as {@code GRANTED}; an update that changes the grant first as {@code REVOKED} of the
     * grant it replaces.
     *
     * @throws IdentityException {@code admin.not_permitted} or {@code org.suspended} from the guard;
     *     {@link AuthzErrors#GRANT_ID_TAKEN} when another grantor's grant has this id
     * @throws io.partnerid.authz.policy.PolicyValidationException when the grant is invalid
     */
    public synchronized GrantDef grant(Actor actor, GrantDef grant) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(grant, "grant");
        guard.require(actor, AdminCapability.MANAGE_GRANTS, OrgId.of(grant.grantor()), "grant.create");
        Optional<GrantDef> previous = repository.findGrant(grant.id());
        if (previous.isPresent() && !previous.get().grantor().equals(grant.grantor())) {
            throw new IdentityException(AuthzErrors.GRANT_ID_TAKEN, "The grant id is not available.",
                    "grant " + grant.id() + " belongs to another grantor");
        }
        List<GrantDef> before = engine.snapshot().document().grants();
        List<GrantDef> next = new ArrayList<>();
        for (GrantDef g : repository.allGrants()) {
            if (!g.id().equals(grant.id())) {
                next.add(g);
            }
        }
        next.add(grant);
        apply(next, grant.id()); // validates the new grant; other nodes' invalid grants are left out, not fatal
        try {
            repository.saveGrant(grant);
        } catch (RuntimeException e) {
            stale = true; // the next refresh rebuilds from the repository
            try {
                engine.replaceGrants(before); // do not honour a grant that was not stored
            } catch (RuntimeException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        rebuildAfterChange();
        if (previous.isPresent() && !previous.get().equals(grant)) {
            publish(actor, OrgId.of(previous.get().grantor()), "org:" + previous.get().grantee(),
                    PrivilegeChangeEvent.Change.REVOKED, privilegeOf(previous.get()), previous.get());
        }
        publish(actor, OrgId.of(grant.grantor()), "org:" + grant.grantee(), PrivilegeChangeEvent.Change.GRANTED,
                privilegeOf(grant), grant);
        return grant;
    }

    /**
     * Assigns a granted role to a user of the grantee (or of one of its sub-organizations). Needs
     * {@link AdminCapability#ASSIGN_ROLES} over {@code subjectOrg}, the organization of the user who receives it:
     * the grantee's admins hand out what the grantor offered, to their own users only.
     *
     * @throws IdentityException {@code admin.not_permitted} or {@code org.suspended} from the guard (checked first,
     *     so an actor without authority over {@code subjectOrg} learns nothing about the grant);
     *     {@link AuthzErrors#GRANT_NOT_FOUND} for an unknown grant (also one revoked while the assignment was being
     *     stored), {@link AuthzErrors#GRANT_INVALID} for a role outside the grant or a user outside the grantee's
     *     subtree
     */
    public synchronized GrantAssignment assign(Actor actor, String grantId, OrgId subjectOrg, String subjectId,
                                               String role) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subjectOrg, "subjectOrg");
        guard.require(actor, AdminCapability.ASSIGN_ROLES, subjectOrg, "grant.assign");
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
     * Revokes a grant: this node's engine stops honouring it with the very next decision (other nodes at their next
     * {@link #refresh()}), and every assignment derived from it is deleted and reported. Needs
     * {@link AdminCapability#MANAGE_GRANTS} over the grantor. When the grant is already gone (revoked on another
     * node), nothing is checked or changed and this node's engine is refreshed at once.
     *
     * @return the assignments removed (empty when the grant did not exist)
     * @throws IdentityException {@code admin.not_permitted} or {@code org.suspended} from the guard
     */
    public synchronized List<GrantAssignment> revoke(Actor actor, String grantId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(grantId, "grantId");
        Optional<GrantDef> grant = repository.findGrant(grantId);
        if (grant.isEmpty()) {
            refresh();
            return List.of();
        }
        guard.require(actor, AdminCapability.MANAGE_GRANTS, OrgId.of(grant.get().grantor()), "grant.revoke");
        List<GrantDef> remaining = new ArrayList<>();
        for (GrantDef g : repository.allGrants()) {
            if (!g.id().equals(grantId)) {
                remaining.add(g);
            }
        }
        apply(remaining, null); // first: decisions stop honouring the grant
        List<GrantAssignment> removed;
        try {
            removed = repository.deleteGrant(grantId);
        } catch (RuntimeException e) {
            stale = true; // the grant may still be stored: the next refresh rebuilds from the repository
            throw e;
        }
        rebuildAfterChange();
        for (GrantAssignment a : removed) {
            publish(actor, a.subjectOrg(), "user:" + a.subjectId(), PrivilegeChangeEvent.Change.REVOKED,
                    "grant:" + grantId + ":" + a.role(), grant.get());
        }
        publish(actor, OrgId.of(grant.get().grantor()), "org:" + grant.get().grantee(),
                PrivilegeChangeEvent.Change.REVOKED, "grant:" + grantId, grant.get());
        return removed;
    }

    /** Rebuilds the engine's grants from the repository, reading the version first. Caller holds the lock. */
    private void rebuild() {
        rebuild(repository.version());
    }

    /**
     * Rebuilds the engine's grants from the repository; {@code version} must have been read before the grants, so
     * that a change committed in between is caught by the next refresh. Caller holds the lock.
     */
    private void rebuild(long version) {
        List<RejectedGrant> refused = apply(repository.allGrants(), null);
        builtFrom = version;
        built = engine.snapshot();
        stale = false;
        cutOff = false;
        confirmedAt = runtime.now();
        if (!refused.isEmpty() && !refused.equals(rejected)) {
            for (RejectedGrant r : refused) {
                LOG.warn("Grant {} is not honoured on this node: its policy document does not validate it ({})",
                        r.grant().id(), r.violations());
            }
        }
        rejected = refused;
    }

    /**
     * After a change of this node is stored: rebuild, so that the remembered version includes the change (and any
     * other node's change seen meanwhile). A read failure here does not undo the stored change: the next refresh
     * rebuilds. Caller holds the lock.
     */
    private void rebuildAfterChange() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            stale = true;
            LOG.warn("Rebuilding the grants after a change failed; the next refresh retries", e);
        }
    }

    /**
     * Puts {@code grants} in force in the engine, leaving out (fail closed) every grant the engine refuses, and
     * returns those. When {@code required} names a grant the engine refuses, nothing changes and its violations are
     * thrown. Caller holds the lock.
     */
    private List<RejectedGrant> apply(List<GrantDef> grants, String required) {
        List<GrantDef> candidates = new ArrayList<>(grants);
        List<RejectedGrant> refused = new ArrayList<>();
        while (true) {
            try {
                engine.replaceGrants(candidates);
                refused.sort((a, b) -> a.grant().id().compareTo(b.grant().id()));
                return List.copyOf(refused);
            } catch (PolicyValidationException e) {
                Map<Integer, List<Violation>> byGrant = byGrant(e.violations(), candidates.size());
                if (byGrant.isEmpty()) { // not attributable to single grants: honour none rather than stale ones
                    if (candidates.isEmpty()) {
                        throw e;
                    }
                    for (GrantDef g : candidates) {
                        refused.add(new RejectedGrant(g, e.violations()));
                    }
                    candidates = new ArrayList<>();
                    continue;
                }
                for (Map.Entry<Integer, List<Violation>> bad : byGrant.entrySet()) {
                    if (candidates.get(bad.getKey()).id().equals(required)) {
                        throw new PolicyValidationException(bad.getValue());
                    }
                }
                List<GrantDef> kept = new ArrayList<>();
                for (int i = 0; i < candidates.size(); i++) {
                    List<Violation> why = byGrant.get(i);
                    if (why == null) {
                        kept.add(candidates.get(i));
                    } else {
                        refused.add(new RejectedGrant(candidates.get(i), why));
                    }
                }
                candidates = kept;
            }
        }
    }

    /**
     * Groups violations by the index of the grant they name ({@code $.grants[i]...}); empty when any violation names
     * no grant of the list.
     */
    private static Map<Integer, List<Violation>> byGrant(List<Violation> violations, int size) {
        Map<Integer, List<Violation>> out = new TreeMap<>();
        for (Violation v : violations) {
            Matcher m = GRANT_PATH.matcher(v.path());
            int index = m.find() ? Integer.parseInt(m.group(1)) : -1;
            if (index < 0 || index >= size) {
                return Map.of();
            }
            out.computeIfAbsent(index, i -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String privilegeOf(GrantDef grant) {
        return "grant:" + grant.id() + ":" + String.join("+", grant.roles());
    }

    private void publish(Actor actor, OrgId org, String subject, PrivilegeChangeEvent.Change change,
                         String privilege, GrantDef grant) {
        OrgId tenant = engine.snapshot().pathOf(org).map(OrgPath::root).orElse(org);
        audit.publish(new PrivilegeChangeEvent(runtime.now(), tenant, Optional.of(org), actor, subject, change,
                privilege, grant.notAfter()));
    }

    /**
     * Builds a {@link CrossOrgGrantService}; each setting is required unless it says otherwise.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private IdentityRuntime runtime;
        private GrantRepository repository;
        private PolicyEngine engine;
        private AuditPublisher audit;
        private AdminGuard guard;
        private Duration maxStaleness = DEFAULT_MAX_STALENESS;

        private Builder() {
        }

        /** Required: clock, ids and randomness. */
        public Builder runtime(IdentityRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /** Required: where grants and assignments are stored (shared by every node). */
        public Builder repository(GrantRepository repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
            return this;
        }

        /** Required: the engine whose grants this service maintains (one service per engine). */
        public Builder engine(PolicyEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** Required: where the privilege changes are published; it must not block. */
        public Builder auditPublisher(AuditPublisher audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        /**
         * Required: who may grant, revoke and assign; {@code core.admin().guard()} (identity-core's delegated
         * administration). There is no default: grants are never changed unchecked.
         */
        public Builder adminGuard(AdminGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /**
         * The longest time this node keeps honouring grants it could not confirm with the repository; default
         * {@link #DEFAULT_MAX_STALENESS}. When refreshes have failed for longer than this since the last successful
         * one, this node stops honouring every cross-organization grant (fail closed: a revocation made elsewhere
         * meanwhile could otherwise stay in force indefinitely) until a refresh succeeds.
         *
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder maxStaleness(Duration maxStaleness) {
            Objects.requireNonNull(maxStaleness, "maxStaleness");
            if (maxStaleness.isNegative() || maxStaleness.isZero()) {
                throw new IllegalArgumentException("maxStaleness must be positive");
            }
            this.maxStaleness = maxStaleness;
            return this;
        }

        /**
         * Builds the service: imports the engine document's grants that the repository does not hold yet, then
         * builds the engine's grants from the repository.
         *
         * @throws IllegalStateException when a required setting is missing
         * @throws IdentityException {@code store.*} when the repository fails
         */
        public CrossOrgGrantService build() {
            List<String> missing = new ArrayList<>();
            if (runtime == null) {
                missing.add("runtime");
            }
            if (repository == null) {
                missing.add("repository");
            }
            if (engine == null) {
                missing.add("engine");
            }
            if (audit == null) {
                missing.add("auditPublisher");
            }
            if (guard == null) {
                missing.add("adminGuard");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("CrossOrgGrantService needs " + missing);
            }
            return new CrossOrgGrantService(this);
        }
    }
}
