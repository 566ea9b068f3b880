package io.partnerid.authz.pipeline;

import io.partnerid.core.Actor;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization decision of the zero-trust pipeline (resource access), for the audit trail.
 *
 * <p>Immutable and thread-safe. Carries ids, outcome, reason codes and the risk score; never the credential.
 * {@linkplain #sheddable() Sheddable}: under load an {@link io.partnerid.core.audit.AsyncAuditPublisher} drops
 * decisions (counted) before it ever refuses a state-change record.
 *
 * @param occurredAt when
 * @param tenant the tenant (root organization) of the subject
 * @param org the subject's organization
 * @param actor the subject (or {@code system:anonymous} when the identity step refused)
 * @param action the action
 * @param resourceType the resource type
 * @param resourceId the resource id
 * @param resourceOrg the organization owning the resource
 * @param permitted the outcome
 * @param reasons the reason codes
 * @param riskScore the risk score, if risk was assessed
 */
public record AuthorizationDecisionEvent(Instant occurredAt, OrgId tenant, Optional<OrgId> org, Actor actor,
                                         String action, String resourceType, String resourceId, OrgId resourceOrg,
                                         boolean permitted, List<String> reasons, Optional<Integer> riskScore)
        implements AuditEvent {

    public AuthorizationDecisionEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(resourceOrg, "resourceOrg");
        reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
        Objects.requireNonNull(riskScore, "riskScore");
    }

    @Override
    public String type() {
        return "authz.decision";
    }

    /**
     * True: a decision changes no state and anyone able to send a request can cause one, so a publisher under load
     * sheds decisions (and counts them) rather than let them displace the records of changes.
     */
    @Override
    public boolean sheddable() {
        return true;
    }

    @Override
    public Map<String, String> details() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("action", action);
        d.put("resourceType", resourceType);
        d.put("resourceId", resourceId);
        d.put("resourceOrg", resourceOrg.value());
        d.put("decision", permitted ? "permit" : "deny");
        d.put("reasons", String.join(",", reasons));
        riskScore.ifPresent(s -> d.put("riskScore", Integer.toString(s)));
        return d;
    }
}
