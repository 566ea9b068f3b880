package io.partnerid.authz.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskEngineTests {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
    private final OrgId acme = OrgId.of("acme");
    private final OrgId emea = OrgId.of("acme-emea");
    private final TableGeoIpResolver geo = TableGeoIpResolver.builder()
            .network("10.0.0.0/8", new GeoLocation("FR", 48.85, 2.35))
            .network("10.9.0.0/16", new GeoLocation("DE", 52.52, 13.40))
            .network("203.0.113.0/24", new GeoLocation("AU", -33.87, 151.21))
            .network("2001:db8::/32", new GeoLocation("FR", 45.76, 4.84))
            .build();

    private RiskEngine engine(Map<OrgId, RiskPolicy> policies) {
        return RiskEngine.builder(TestRuntimes.on(clock)).geoIp(geo).policies(policies)
                .lineage(o -> o.equals(emea) ? List.of(acme, emea) : List.of(o)).build();
    }

    private static RiskContext ctx(OrgId org, String ip, String device) {
        return new RiskContext(org, "u1", Optional.ofNullable(ip), Optional.ofNullable(device));
    }

    @Test
    void cidrWhenParsedThenContainsByPrefix() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(IpAddress.parse("10.200.3.4").orElseThrow())).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(IpAddress.parse("11.0.0.1").orElseThrow())).isFalse();
        assertThat(Cidr.parse("192.168.1.0/25").contains(IpAddress.parse("192.168.1.130").orElseThrow())).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains(IpAddress.parse("2001:db8:1::7").orElseThrow())).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains(IpAddress.parse("10.0.0.1").orElseThrow())).isFalse();
        assertThat(IpAddress.parse("example.com")).isEmpty();
        assertThat(IpAddress.parse("300.1.1.1")).isEmpty();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IdentityException.class)
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.RISK_INVALID));
    }

    @Test
    void assessWhenOutsideAllowlistThenDenyWithExplainedSignal() {
        RiskEngine e = engine(Map.of(acme, RiskPolicy.DEFAULT.withAllowlist("10.0.0.0/8")));
        RiskAssessment ok = e.assess(ctx(acme, "10.1.2.3", null));
        assertThat(ok.action()).isEqualTo(RiskAction.ALLOW);
        assertThat(ok.signals()).isEmpty();
        RiskAssessment bad = e.assess(ctx(acme, "198.51.100.7", null));
        assertThat(bad.action()).isEqualTo(RiskAction.DENY);
        assertThat(bad.alert()).isTrue();
        assertThat(bad.signals()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("ip_not_allowed");
            assertThat(s.explanation()).contains("198.51.100.7", "10.0.0.0/8");
        });
    }

    @Test
    void assessWhenChildLoosensAllowlistThenParentsStillApplies() {
        RiskEngine e = engine(Map.of(acme, RiskPolicy.DEFAULT.withAllowlist("10.0.0.0/8"),
                emea, RiskPolicy.DEFAULT.withAllowlist("0.0.0.0/0")));
        assertThat(e.assess(ctx(emea, "198.51.100.7", null)).action()).isEqualTo(RiskAction.DENY);
    }

    @Test
    void assessWhenChildLoosensThresholdsThenStricterParentWins() {
        RiskEngine e = engine(Map.of(acme, RiskPolicy.DEFAULT.withThresholds(new RiskPolicy.Thresholds(20, 30, 40,
                        40)),
                emea, RiskPolicy.DEFAULT.withThresholds(new RiskPolicy.Thresholds(90, 95, 100, 100))));
        // a new device scores 30: read-only under the parent's thresholds even though the child would allow
        assertThat(e.assess(ctx(emea, null, "dev-1")).action()).isEqualTo(RiskAction.READ_ONLY);
    }

    @Test
    void assessWhenOutsideGeoFenceThenSignal() {
        RiskEngine e = engine(Map.of(acme, RiskPolicy.DEFAULT.withCountries("FR", "DE")));
        assertThat(e.assess(ctx(acme, "10.9.1.1", null)).signals()).isEmpty();
        RiskAssessment au = e.assess(ctx(acme, "203.0.113.9", null));
        assertThat(au.signals()).extracting(RiskSignal::name).contains("geo_fence");
        assertThat(au.action()).isEqualTo(RiskAction.DENY);
        assertThat(e.assess(ctx(acme, "192.0.2.1", null)).signals()).extracting(RiskSignal::name)
                .containsExactly("geo_fence"); // unknown location under a fence
    }

    @Test
    void assessWhenImpossibleTravelThenSignal() {
        RiskEngine e = engine(Map.of());
        assertThat(e.assess(ctx(acme, "10.1.1.1", null)).signals()).isEmpty();
        clock.advance(Duration.ofMinutes(30));
        RiskAssessment sydney = e.assess(ctx(acme, "203.0.113.9", null));
        assertThat(sydney.signals()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("impossible_travel");
            assertThat(s.explanation()).contains("km/h");
        });
        assertThat(sydney.action()).isEqualTo(RiskAction.READ_ONLY);
        clock.advance(Duration.ofDays(2));
        assertThat(e.assess(ctx(acme, "10.1.1.1", null)).signals()).isEmpty();
    }

    @Test
    void assessWhenNewDeviceThenStepUpOnceOnly() {
        RiskEngine e = engine(Map.of());
        RiskAssessment first = e.assess(ctx(acme, null, "dev-9"));
        assertThat(first.action()).isEqualTo(RiskAction.STEP_UP);
        assertThat(first.stepUpAcr()).isEqualTo("urn:partnerid:acr:mfa");
        assertThat(e.assess(ctx(acme, null, "dev-9")).action()).isEqualTo(RiskAction.ALLOW);
    }

    @Test
    void assessWhenRateAboveBaselineThenAnomaly() {
        RiskEngine e = engine(Map.of(acme, RiskPolicy.DEFAULT.withRateBaseline(2)));
        for (int i = 0; i < 6; i++) {
            assertThat(e.assess(ctx(acme, null, null)).signals()).isEmpty();
        }
        assertThat(e.assess(ctx(acme, null, null)).signals()).extracting(RiskSignal::name)
                .containsExactly("rate_anomaly");
        clock.advance(Duration.ofMinutes(1));
        assertThat(e.assess(ctx(acme, null, null)).signals()).isEmpty();
    }

    @Test
    void assessWhenOffHoursThenSignal() {
        RiskEngine e = engine(Map.of(acme, RiskPolicy.DEFAULT.withBusinessHours(LocalTime.of(8, 0),
                LocalTime.of(18, 0), ZoneOffset.UTC)));
        assertThat(e.assess(ctx(acme, null, null)).signals()).isEmpty();
        clock.advance(Duration.ofHours(12)); // 22:00 UTC
        assertThat(e.assess(ctx(acme, null, null)).signals()).extracting(RiskSignal::name)
                .containsExactly("off_hours");
    }
}
