package io.partnerid.federation.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExchangeEventTests {

    private static ExchangeEvent event(ExchangeEvent.Outcome outcome) {
        return new ExchangeEvent(Instant.parse("2026-12-04T10:00:00Z"), OrgId.of("acme"), Optional.of(OrgId.of("acme")),
                Actor.service("portal"), outcome, outcome == ExchangeEvent.Outcome.ISSUED ? "exchange.issued"
                : "exchange.invalid_client", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void sheddableWhenRefusedThenTrueSoAFloodOfBadRequestsNeverBlocksIssuance() {
        assertThat(event(ExchangeEvent.Outcome.REFUSED).sheddable()).isTrue();
    }

    @Test
    void sheddableWhenIssuedThenFalseBecauseATokenWasMinted() {
        assertThat(event(ExchangeEvent.Outcome.ISSUED).sheddable()).isFalse();
    }
}
