package io.partnerid.federation.exchange;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationStatusCache;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step "audit": every issued and refused exchange publishes one {@link ExchangeEvent} (ids and outcome, never a
 * token) to the tenant of the organization whose endpoint answered.
 *
 * <p>Thread-safe when the publisher is; one instance serves every request. A failing publisher does not change the
 * outcome (a WARN without the event).
 */
final class ExchangeAudit {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeAudit.class);
    private static final Pattern SAFE_CLIENT_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

    /** What the steps learned about one request, for its event. Not thread-safe: one per request. */
    static final class Trace {
        Optional<String> subjectIssuer = Optional.empty();
        Optional<String> subject = Optional.empty();
        Optional<String> actorSubject = Optional.empty();
        Optional<String> audience = Optional.empty();
        Optional<String> jwtId = Optional.empty();
    }

    private final OrganizationStatusCache organizationStatus;
    private final AuditPublisher publisher;
    private final IdentityRuntime runtime;

    ExchangeAudit(OrganizationStatusCache organizationStatus, AuditPublisher publisher, IdentityRuntime runtime) {
        this.organizationStatus = Objects.requireNonNull(organizationStatus, "organizationStatus");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    void publish(ExchangeRequest request, Trace trace, ExchangeOutcome outcome) {
        try {
            OrgId tenant = organizationStatus.find(request.org()).map(Organization::tenant).orElse(request.org());
            String clientId = request.client().clientId();
            Actor actor = Actor.service(SAFE_CLIENT_ID.matcher(clientId).matches() ? clientId : "unknown-client");
            boolean issued = outcome instanceof ExchangeOutcome.Issued;
            String code = outcome instanceof ExchangeOutcome.Refused r ? r.code().value() : "exchange.issued";
            publisher.publish(new ExchangeEvent(runtime.now(), tenant, Optional.of(request.org()), actor,
                    issued ? ExchangeEvent.Outcome.ISSUED : ExchangeEvent.Outcome.REFUSED, code, trace.subjectIssuer,
                    trace.subject, trace.actorSubject, trace.audience, trace.jwtId));
        } catch (RuntimeException e) {
            LOG.warn("exchange audit event not published: {}", e.getClass().getSimpleName());
        }
    }
}
