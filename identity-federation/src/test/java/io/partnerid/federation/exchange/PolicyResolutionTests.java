package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.org.OrgId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "resolve policy (T7)" alone: its accept path and each refusal with its error code.
 */
class PolicyResolutionTests {

    private final ExchangeFixture f = new ExchangeFixture();
    private final PolicyResolution resolution = new PolicyResolution(f.organizationStatus, f.policies);

    @Test
    void resolveWhenActiveOrganizationAllowsClientThenItsPolicy() {
        assertThat(passed(resolution.resolve(f.acme, f.gateway())).org()).isEqualTo(f.acme);
    }

    @Test
    void resolveWhenClientNotRegisteredForTheGrantThenClientNotAllowed() {
        ExchangeClient reporting = ExchangeFixture.client("reporting", f.acme).tokenExchangeAllowed(false).build();
        assertRefused(resolution.resolve(f.acme, reporting), ExchangeErrors.CLIENT_NOT_ALLOWED);
    }

    @Test
    void resolveWhenPolicyDoesNotListClientThenClientNotAllowed() {
        assertRefused(resolution.resolve(f.acme, ExchangeFixture.client("other", f.acme).build()),
                ExchangeErrors.CLIENT_NOT_ALLOWED);
    }

    @Test
    void resolveWhenOrganizationHasNoPolicyThenClientNotAllowed() {
        PolicyResolution empty = new PolicyResolution(f.organizationStatus,
                new InMemoryExchangePolicyRepository());
        assertRefused(empty.resolve(f.acme, f.gateway()), ExchangeErrors.CLIENT_NOT_ALLOWED);
    }

    @Test
    void resolveWhenOrganizationUnknownThenClientNotAllowed() {
        assertRefused(resolution.resolve(OrgId.of("nowhere"), f.gateway()), ExchangeErrors.CLIENT_NOT_ALLOWED);
    }

    @Test
    @DisplayName("a suspended organization exchanges nothing (read through the status cache)")
    void resolveWhenOrganizationSuspendedThenClientNotAllowed() {
        f.orgRepository.suspendSubtree(f.orgRepository.findById(f.acme).orElseThrow().path(), f.acme);

        assertRefused(resolution.resolve(f.acme, f.gateway()), ExchangeErrors.CLIENT_NOT_ALLOWED);
    }
}
