package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.PARTNER_A;
import static io.partnerid.federation.exchange.ExchangeFixture.SECRET;
import static io.partnerid.federation.exchange.ExchangeFixture.exchangeForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.audit.AuditPublisher;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "audit" alone: its accept path and each refusal with its error code.
 */
class ExchangeAuditTests {

    private final ExchangeFixture f = new ExchangeFixture();

    @Test
    void publishWhenRefusedThenEventWithCodeAndTraceButNoToken() {
        ExchangeAudit audit = new ExchangeAudit(f.organizationStatus, f.events::add, f.runtime);
        ExchangeAudit.Trace trace = new ExchangeAudit.Trace();
        trace.subjectIssuer = Optional.of(PARTNER_A);
        ExchangeRequest request = new ExchangeRequest(f.acme, ClientCredentials.of("gateway", SECRET),
                exchangeForm(f.partnerToken()));

        audit.publish(request, trace, ExchangeOutcome.Refused.of(ExchangeErrors.INVALID_SCOPE, "no"));

        ExchangeEvent event = f.exchangeEvents().get(0);
        assertThat(event.tenant()).isEqualTo(f.acme);
        assertThat(event.outcome()).isEqualTo(ExchangeEvent.Outcome.REFUSED);
        assertThat(event.code()).isEqualTo(ExchangeErrors.INVALID_SCOPE.value());
        assertThat(event.subjectIssuer()).contains(PARTNER_A);
        assertThat(event.actor().id()).isEqualTo("gateway");
    }

    @Test
    void publishWhenClientIdNotSafeThenActorUnknownClient() {
        ExchangeAudit audit = new ExchangeAudit(f.organizationStatus, f.events::add, f.runtime);
        audit.publish(new ExchangeRequest(f.acme, ClientCredentials.of("gate way\n", SECRET), Map.of()),
                new ExchangeAudit.Trace(), ExchangeOutcome.Refused.of(ExchangeErrors.MALFORMED_REQUEST, "no"));
        assertThat(f.exchangeEvents().get(0).actor().id()).isEqualTo("unknown-client");
    }

    @Test
    void publishWhenPublisherFailsThenNothingThrown() {
        AuditPublisher failing = event -> {
            throw new IllegalStateException("down");
        };
        ExchangeAudit audit = new ExchangeAudit(f.organizationStatus, failing, f.runtime);
        audit.publish(new ExchangeRequest(f.acme, ClientCredentials.of("gateway", SECRET), Map.of()),
                new ExchangeAudit.Trace(), ExchangeOutcome.Refused.of(ExchangeErrors.MALFORMED_REQUEST, "no"));
    }
}
