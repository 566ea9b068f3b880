package io.partnerid.authz.pipeline;

import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.Decision;
import io.partnerid.authz.Obligation;
import io.partnerid.authz.Reason;
import io.partnerid.authz.Subject;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.entitlement.EntitlementOutcome;
import io.partnerid.authz.entitlement.EntitlementRequest;
import io.partnerid.authz.entitlement.EntitlementService;
import io.partnerid.authz.grant.CrossOrgGrantService;
import io.partnerid.authz.policy.TransactionType;
import io.partnerid.authz.risk.RiskAction;
import io.partnerid.authz.risk.RiskAssessment;
import io.partnerid.authz.risk.RiskContext;
import io.partnerid.authz.risk.RiskEngine;
import io.partnerid.core.Actor;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-trust decision for every API call: verify identity, refuse suspended organizations, assess risk, decide
 * policy, check entitlements, and publish an audit event.
 *
 * <p>Thread-safe. Every step can only lower privileges: high risk denies, downgrades to read-only (an obligation, and
 * a deny for write and admin actions) or asks for a step-up (a deny carrying a {@link Obligation.StepUp} unless the
 * principal already reached the required {@code acr}). Denies are always audited; permits are audited with the
 * configured sampling rate.
 *
 * <pre>{@code
 * ZeroTrustPipeline pipeline = ZeroTrustPipeline.builder(runtime, verifier, engine, orgStatus)
 *         .risk(riskEngine).entitlements(entitlements).audit(publisher, 0.01).build();
 * Decision d = pipeline.authorize(AccessRequest.builder(token, "read", resource).ip(ip).deviceId(device)
 *         .feature("orders").quota("api-calls").build());
 * }</pre>
 */
public final class ZeroTrustPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ZeroTrustPipeline.class);

    private final IdentityRuntime runtime;
    private final IdentityVerifier verifier;
    private final PolicyEngine engine;
    private final OrgStatusResolver orgStatus;
    private final Optional<RiskEngine> risk;
    private final Optional<EntitlementService> entitlements;
    private final Optional<CrossOrgGrantService> grants;
    private final AuditPublisher audit;
    private final double permitSampleRate;

    private ZeroTrustPipeline(Builder b) {
        this.runtime = b.runtime;
        this.verifier = b.verifier;
        this.engine = b.engine;
        this.orgStatus = b.orgStatus;
        this.risk = Optional.ofNullable(b.risk);
        this.entitlements = Optional.ofNullable(b.entitlements);
        this.grants = Optional.ofNullable(b.grants);
        this.audit = b.audit;
        this.permitSampleRate = b.permitSampleRate;
    }

    /** Starts a builder with the required collaborators. */
    public static Builder builder(IdentityRuntime runtime, IdentityVerifier verifier, PolicyEngine engine,
                                  OrgStatusResolver orgStatus) {
        return new Builder(runtime, verifier, engine, orgStatus);
    }

    /** Decides one API call. */
    public Decision authorize(AccessRequest request) {
        Objects.requireNonNull(request, "request");
        // 0. grant changes made on other nodes, at most once per refresh period (no host scheduler)
        grants.ifPresent(CrossOrgGrantService::refreshIfDue);
        // 1. identity
        IdentityVerifier.Outcome outcome = verifier.verify(request.credential());
        if (outcome instanceof IdentityVerifier.Refused refused) {
            LOG.debug("identity refused: {}", refused.reason());
            Decision d = Decision.deny(new Reason("identity.refused", "the credential was not accepted"));
            publish(Optional.empty(), request, d, Optional.empty());
            return d;
        }
        VerifiedPrincipal principal = ((IdentityVerifier.Verified) outcome).principal();
        // 2. kill switch
        if (!orgStatus.isActive(principal.org()) || !orgStatus.isActive(request.resource().org())) {
            Decision d = Decision.deny(new Reason("org.suspended", "the subject's or the resource's organization "
                    + "is suspended or unknown"));
            publish(Optional.of(principal), request, d, Optional.empty());
            return d;
        }
        // 3. risk
        Optional<RiskAssessment> assessment = risk.map(r -> r.assess(new RiskContext(principal.org(),
                principal.subjectId(), request.ip(), request.deviceId())));
        List<Obligation> obligations = new ArrayList<>();
        boolean readOnly = false;
        if (assessment.isPresent()) {
            RiskAssessment a = assessment.get();
            if (a.alert()) {
                obligations.add(new Obligation.Alert("risk score " + a.score() + ": " + signalNames(a)));
            }
            if (a.action() == RiskAction.DENY) {
                return finish(principal, request, new Decision.Deny(List.of(new Reason("risk.deny", "risk score "
                        + a.score() + ": " + signalNames(a))), obligations), assessment);
            }
            if (a.action() == RiskAction.READ_ONLY) {
                readOnly = true;
                obligations.add(new Obligation.ReadOnly("risk score " + a.score() + ": " + signalNames(a)));
            } else if (a.action() == RiskAction.STEP_UP && !principal.acr().equals(Optional.of(a.stepUpAcr()))) {
                obligations.add(new Obligation.StepUp(a.stepUpAcr(), "risk score " + a.score() + ": "
                        + signalNames(a)));
                return finish(principal, request, new Decision.Deny(List.of(new Reason("risk.step_up",
                        "a stronger authentication is required")), obligations), assessment);
            }
        }
        // 4. policy
        if (readOnly) {
            Optional<TransactionType> tx = engine.transactionType(request.resource().type(), request.action());
            if (tx.isEmpty() || tx.get() != TransactionType.READ) {
                return finish(principal, request, new Decision.Deny(List.of(new Reason("risk.read_only",
                        "privileges are lowered to read-only for this request")), obligations), assessment);
            }
        }
        Subject subject = new Subject(principal.subjectId(), principal.org(), principal.roles(),
                principal.attributes());
        Decision policy = engine.decide(new AuthorizationRequest(subject, request.action(), request.resource(),
                request.context()));
        if (!policy.permitted()) {
            return finish(principal, request, new Decision.Deny(policy.reasons(), obligations), assessment);
        }
        // 5. entitlements
        if (entitlements.isPresent() && (request.feature().isPresent() || request.quota().isPresent())) {
            EntitlementOutcome e = entitlements.get().check(new EntitlementRequest(principal.org(),
                    request.feature(), request.quota(), request.quota().isPresent() ? 1 : 0));
            if (e instanceof EntitlementOutcome.Refused refused) {
                return finish(principal, request, new Decision.Deny(List.of(new Reason("entitlement."
                        + refused.why().name().toLowerCase(Locale.ROOT), refused.detail())), obligations),
                        assessment);
            }
        }
        return finish(principal, request, new Decision.Permit(policy.reasons(), obligations), assessment);
    }

    private Decision finish(VerifiedPrincipal principal, AccessRequest request, Decision d,
                            Optional<RiskAssessment> assessment) {
        publish(Optional.of(principal), request, d, assessment.map(RiskAssessment::score));
        return d;
    }

    private static String signalNames(RiskAssessment a) {
        return a.signals().stream().map(s -> s.name()).reduce((x, y) -> x + "," + y).orElse("none");
    }

    private void publish(Optional<VerifiedPrincipal> principal, AccessRequest request, Decision d,
                         Optional<Integer> riskScore) {
        if (d.permitted() && (permitSampleRate <= 0 || runtime.random().nextDouble() >= permitSampleRate)) {
            return;
        }
        OrgId org = principal.map(VerifiedPrincipal::org).orElse(request.resource().org());
        OrgId tenant = engine.snapshot().pathOf(org).map(OrgPath::root).orElse(org);
        Actor actor = principal.map(p -> Actor.user(safeActorId(p.subjectId()))).orElse(Actor.system("anonymous"));
        try {
            audit.publish(new AuthorizationDecisionEvent(runtime.now(), tenant, principal.map(VerifiedPrincipal::org),
                    actor, request.action(), request.resource().type(), request.resource().id(),
                    request.resource().org(), d.permitted(), d.reasons().stream().map(Reason::code).toList(),
                    riskScore));
        } catch (RuntimeException e) {
            // A decision changes nothing, so its record failing does not change the decision; no stack trace per
            // request (a flood would otherwise flood the log too).
            LOG.warn("audit publisher failed for an authorization decision: {}", e.getClass().getName());
            LOG.debug("audit publisher failure", e);
        }
    }

    private static String safeActorId(String id) {
        String cleaned = id.replaceAll("[^A-Za-z0-9_.:@-]", "_");
        return cleaned.isEmpty() ? "_" : cleaned.substring(0, Math.min(cleaned.length(), 128));
    }

    /** Builds a {@link ZeroTrustPipeline}; not thread-safe. */
    public static final class Builder {
        private final IdentityRuntime runtime;
        private final IdentityVerifier verifier;
        private final PolicyEngine engine;
        private final OrgStatusResolver orgStatus;
        private RiskEngine risk;
        private EntitlementService entitlements;
        private CrossOrgGrantService grants;
        private AuditPublisher audit;
        private double permitSampleRate = 1.0;

        private Builder(IdentityRuntime runtime, IdentityVerifier verifier, PolicyEngine engine,
                        OrgStatusResolver orgStatus) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            this.engine = Objects.requireNonNull(engine, "engine");
            this.orgStatus = Objects.requireNonNull(orgStatus, "orgStatus");
        }

        /** The risk step (default: none). */
        public Builder risk(RiskEngine riskEngine) {
            this.risk = Objects.requireNonNull(riskEngine, "riskEngine");
            return this;
        }

        /**
         * The cross-organization grants of {@code engine} (default: none): before a decision the pipeline lets them
         * refresh from the shared repository when their refresh period has passed
         * ({@link CrossOrgGrantService#refreshIfDue()}), so a grant revoked on another node stops counting here
         * within that period without a host scheduler.
         */
        public Builder grants(CrossOrgGrantService service) {
            this.grants = Objects.requireNonNull(service, "service");
            return this;
        }

        /** The entitlement step (default: none). */
        public Builder entitlements(EntitlementService service) {
            this.entitlements = Objects.requireNonNull(service, "service");
            return this;
        }

        /**
         * Where decisions are audited and which share of permits is recorded (0 to 1; denies are always recorded).
         * Default: discarding.
         */
        public Builder audit(AuditPublisher publisher, double permitSampling) {
            this.audit = Objects.requireNonNull(publisher, "publisher");
            if (permitSampling < 0 || permitSampling > 1) {
                throw new IllegalArgumentException("permitSampling must be between 0 and 1");
            }
            this.permitSampleRate = permitSampling;
            return this;
        }

        /**
         * Builds the pipeline.
         *
         * @throws IllegalStateException when no audit publisher was set ({@link AuditPublisher#discarding()} only
         *     when chosen explicitly)
         */
        public ZeroTrustPipeline build() {
            if (audit == null) {
                throw new IllegalStateException("ZeroTrustPipeline needs an audit publisher (audit(publisher, "
                        + "permitSampling))");
            }
            return new ZeroTrustPipeline(this);
        }
    }
}
