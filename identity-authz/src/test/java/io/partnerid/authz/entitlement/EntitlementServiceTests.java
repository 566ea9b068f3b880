package io.partnerid.authz.entitlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntitlementServiceTests {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
    private final OrgId acme = OrgId.of("acme");
    private final OrgId acmeEmea = OrgId.of("acme-emea");
    private final OrgId trial = OrgId.of("trial-co");
    private final Tier basic = new Tier("basic", Set.of("orders"), Map.of("api-calls",
            QuotaLimit.of(2, Duration.ofMinutes(1))));
    private final Tier enterprise = new Tier("enterprise", Set.of("orders", "exports", "sso"),
            Map.of("api-calls", QuotaLimit.of(1000, Duration.ofMinutes(1))));
    private final EntitlementService service = EntitlementService.builder(TestRuntimes.on(clock), EntitlementCatalog.of(
                    List.of(basic, enterprise),
                    List.of(Contract.of(acme, "basic"),
                            Contract.between(trial, "enterprise", clock.instant(),
                                    clock.instant().plus(Duration.ofDays(14))))))
            .lineage(org -> org.equals(acmeEmea) ? List.of(acme, acmeEmea) : List.of(org))
            .build();

    @Test
    void checkWhenFeatureOutsideTierThenRefused() {
        assertThat(service.check(EntitlementRequest.feature(acme, "orders")).granted()).isTrue();
        EntitlementOutcome o = service.check(EntitlementRequest.feature(acme, "exports"));
        assertThat(o).isEqualTo(new EntitlementOutcome.Refused(EntitlementOutcome.Why.FEATURE_NOT_IN_TIER,
                "feature 'exports' is not in tier basic"));
    }

    @Test
    void checkWhenSubOrgThenParentsContractAndSharedQuota() {
        assertThat(service.check(EntitlementRequest.consume(acmeEmea, Optional.empty(), "api-calls")))
                .isEqualTo(new EntitlementOutcome.Granted(acme, "basic"));
        assertThat(service.check(EntitlementRequest.consume(acme, Optional.empty(), "api-calls")).granted()).isTrue();
        EntitlementOutcome third = service.check(EntitlementRequest.consume(acmeEmea, Optional.empty(), "api-calls"));
        assertThat(third).isInstanceOf(EntitlementOutcome.Refused.class);
        assertThat(((EntitlementOutcome.Refused) third).why()).isEqualTo(EntitlementOutcome.Why.QUOTA_EXCEEDED);
        assertThat(service.remaining(acme, "api-calls")).contains(0L);
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.remaining(acme, "api-calls")).contains(2L);
    }

    @Test
    void checkWhenTrialWindowEndsThenOutsideWindow() {
        assertThat(service.check(EntitlementRequest.feature(trial, "exports")).granted()).isTrue();
        clock.advance(Duration.ofDays(14));
        assertThat(service.check(EntitlementRequest.feature(trial, "exports")))
                .extracting(o -> ((EntitlementOutcome.Refused) o).why())
                .isEqualTo(EntitlementOutcome.Why.OUTSIDE_WINDOW);
    }

    @Test
    void checkWhenNoContractOrUnknownQuotaThenRefused() {
        assertThat(service.check(EntitlementRequest.feature(OrgId.of("nobody"), "orders")))
                .extracting(o -> ((EntitlementOutcome.Refused) o).why()).isEqualTo(EntitlementOutcome.Why.NO_CONTRACT);
        assertThat(service.check(EntitlementRequest.consume(acme, Optional.empty(), "gpu-hours")))
                .extracting(o -> ((EntitlementOutcome.Refused) o).why())
                .isEqualTo(EntitlementOutcome.Why.UNKNOWN_QUOTA);
    }

    @Test
    void catalogWhenContractNamesUnknownTierThenEntitlementInvalid() {
        assertThatThrownBy(() -> EntitlementCatalog.of(List.of(basic), List.of(Contract.of(acme, "platinum"))))
                .isInstanceOf(IdentityException.class)
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.ENTITLEMENT_INVALID));
    }

    @Test
    void replaceCatalogWhenUpgradedThenNewTierAppliesAtOnce() {
        service.replaceCatalog(EntitlementCatalog.of(List.of(basic, enterprise), List.of(Contract.of(acme,
                "enterprise"))));
        assertThat(service.check(EntitlementRequest.feature(acme, "exports")).granted()).isTrue();
    }
}
