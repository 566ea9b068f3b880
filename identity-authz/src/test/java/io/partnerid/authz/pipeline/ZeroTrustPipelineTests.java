package io.partnerid.authz.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.AuthzFixtures;
import io.partnerid.authz.Decision;
import io.partnerid.authz.Obligation;
import io.partnerid.authz.Resource;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.entitlement.Contract;
import io.partnerid.authz.entitlement.EntitlementCatalog;
import io.partnerid.authz.entitlement.EntitlementService;
import io.partnerid.authz.entitlement.QuotaLimit;
import io.partnerid.authz.entitlement.Tier;
import io.partnerid.authz.risk.GeoLocation;
import io.partnerid.authz.risk.RiskEngine;
import io.partnerid.authz.risk.RiskPolicy;
import io.partnerid.authz.risk.TableGeoIpResolver;
import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.audit.AsyncAuditPublisher;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.audit.InMemoryAuditLog;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ZeroTrustPipelineTests {

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-30T10:00:00Z"));
    private final OrgId acme = OrgId.of("acme");
    private final OrgId emea = OrgId.of("acme-emea");
    private final Set<OrgId> suspended = new java.util.HashSet<>();
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private final PolicyEngine engine = PolicyEngine.create(clock, AuthzFixtures.supplyChain());

    private final IdentityVerifier verifier = token -> switch (token) {
        case "clerk-token" -> new IdentityVerifier.Verified(new VerifiedPrincipal("u1", emea,
                List.of(RoleAssignment.of("clerk")), Map.of(), Optional.empty()));
        case "clerk-mfa-token" -> new IdentityVerifier.Verified(new VerifiedPrincipal("u1", emea,
                List.of(RoleAssignment.of("clerk")), Map.of(), Optional.of("urn:partnerid:acr:mfa")));
        default -> new IdentityVerifier.Refused("signature invalid");
    };

    private ZeroTrustPipeline pipeline(double sampling) {
        RiskEngine risk = RiskEngine.builder(TestRuntimes.on(clock))
                .geoIp(TableGeoIpResolver.builder().network("10.0.0.0/8", new GeoLocation("FR", 48.8, 2.3))
                        .network("203.0.113.0/24", new GeoLocation("AU", -33.8, 151.2)).build())
                .policies(Map.of(acme, RiskPolicy.DEFAULT.withAllowlist("10.0.0.0/8", "203.0.113.0/24")))
                .lineage(o -> o.equals(emea) ? List.of(acme, emea) : List.of(o)).build();
        EntitlementService entitlements = EntitlementService.builder(TestRuntimes.on(clock), EntitlementCatalog.of(
                        List.of(new Tier("basic", Set.of("invoicing"), Map.of("api-calls",
                                QuotaLimit.of(3, Duration.ofMinutes(1))))),
                        List.of(Contract.of(acme, "basic"))))
                .lineage(o -> o.equals(emea) ? List.of(acme, emea) : List.of(o)).build();
        return ZeroTrustPipeline.builder(TestRuntimes.on(clock), verifier, engine, org -> !suspended.contains(org))
                .risk(risk).entitlements(entitlements).audit(audited::add, sampling).build();
    }

    private static AccessRequest call(String token, String ip, String device, String action, String type) {
        AccessRequest.Builder request = AccessRequest.builder(token, action,
                Resource.of(type, "i1", OrgId.of("acme-emea"))).ip(ip).feature("invoicing").quota("api-calls");
        if (device != null) {
            request.deviceId(device);
        }
        return request.build();
    }

    @Test
    void authorizeWhenEverythingInOrderThenPermitAndAudited() {
        Decision d = pipeline(1.0).authorize(call("clerk-token", "10.1.1.1", null, "create", "invoice"));
        assertThat(d.permitted()).isTrue();
        assertThat(d.obligations()).isEmpty();
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("authz.decision");
            assertThat(e.tenant()).isEqualTo(acme);
            assertThat(e.details()).containsEntry("decision", "permit").containsEntry("riskScore", "0");
        });
    }

    @Test
    void authorizeWhenCredentialRefusedThenDenyWithoutDetail() {
        Decision d = pipeline(1.0).authorize(call("forged", "10.1.1.1", null, "read", "invoice"));
        assertThat(d.reasons()).extracting(r -> r.code()).containsExactly("identity.refused");
        assertThat(audited).singleElement().satisfies(e -> assertThat(e.actor().toString())
                .isEqualTo("system:anonymous"));
    }

    @Test
    void authorizeWhenOrgSuspendedThenDeny() {
        suspended.add(emea);
        Decision d = pipeline(0).authorize(call("clerk-token", "10.1.1.1", null, "read", "invoice"));
        assertThat(d.reasons()).extracting(r -> r.code()).containsExactly("org.suspended");
        assertThat(audited).hasSize(1); // denies are audited even with sampling 0
    }

    @Test
    void authorizeWhenResourceOrgSuspendedAndSubjectOrgActiveThenDenyWithSuspensionReason() {
        ZeroTrustPipeline p = pipeline(1.0);
        AccessRequest paris = AccessRequest.builder("clerk-token", "read",
                Resource.of("invoice", "i9", OrgId.of("acme-emea-paris"))).ip("10.1.1.1").build();
        assertThat(p.authorize(paris).permitted()).isTrue(); // the clerk's role reaches the Paris subtree

        suspended.add(OrgId.of("acme-emea-paris")); // the resource's organization only; the subject's stays active
        Decision d = p.authorize(paris);

        assertThat(d.permitted()).isFalse();
        assertThat(d.reasons()).extracting(r -> r.code()).containsExactly("org.suspended");
        assertThat(audited).last().satisfies(e -> assertThat(e.details()).containsEntry("decision", "deny")
                .containsEntry("resourceOrg", "acme-emea-paris").containsEntry("reasons", "org.suspended"));
    }

    @Test
    void authorizeWhenFloodOfForgedCredentialsThenDecisionsShedAndPrivilegeChangeStillRecorded() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        List<Runnable> stuckWorker = new ArrayList<>();
        AsyncAuditPublisher publisher = AsyncAuditPublisher.builder(log).decisionCapacity(10).changeCapacity(10)
                .changeTimeout(Duration.ZERO).executor(stuckWorker::add).build();
        ZeroTrustPipeline p = ZeroTrustPipeline.builder(TestRuntimes.on(clock), verifier, engine, org -> true)
                .audit(publisher, 0).build();

        for (int i = 0; i < 1_000; i++) {
            assertThat(p.authorize(call("forged-" + i, "10.1.1.1", null, "read", "invoice")).permitted()).isFalse();
        }
        publisher.publish(new PrivilegeChangeEvent(clock.instant(), acme, Optional.of(emea), Actor.user("admin-1"),
                "user:u1", PrivilegeChangeEvent.Change.GRANTED, "role:approver", Optional.empty()));
        new ArrayList<>(stuckWorker).forEach(Runnable::run);

        assertThat(publisher.stats().shed()).isEqualTo(1_000 - 10);
        assertThat(publisher.stats().refused()).isZero();
        assertThat(Page.all(page -> log.read(acme, page), 100)).extracting(r -> r.entry().type())
                .contains("privilege.change").filteredOn("authz.decision"::equals).hasSize(10);
    }

    @Test
    void authorizeWhenIpOutsideAllowlistThenRiskDenyWithAlert() {
        Decision d = pipeline(1.0).authorize(call("clerk-token", "198.51.100.1", null, "read", "invoice"));
        assertThat(d.reasons()).extracting(r -> r.code()).containsExactly("risk.deny");
        assertThat(d.obligations()).hasAtLeastOneElementOfType(Obligation.Alert.class);
    }

    @Test
    void authorizeWhenNewDeviceThenStepUpUntilAcrReached() {
        ZeroTrustPipeline p = pipeline(1.0);
        Decision d = p.authorize(call("clerk-token", "10.1.1.1", "new-laptop", "read", "invoice"));
        assertThat(d.permitted()).isFalse();
        assertThat(d.obligations()).contains(new Obligation.StepUp("urn:partnerid:acr:mfa",
                "risk score 30: new_device"));
        // the device is now known; and a step-up token passes a fresh new device too
        assertThat(p.authorize(call("clerk-mfa-token", "10.1.1.1", "other-laptop", "read", "invoice")).permitted())
                .isTrue();
    }

    @Test
    void authorizeWhenHighRiskThenReadOnlyDowngrade() {
        ZeroTrustPipeline p = pipeline(1.0);
        assertThat(p.authorize(call("clerk-token", "10.1.1.1", null, "read", "invoice")).permitted()).isTrue();
        clock.advance(Duration.ofMinutes(10));
        // Paris -> Sydney in 10 minutes: impossible travel, privileges lowered to read-only
        Decision read = p.authorize(call("clerk-token", "203.0.113.5", null, "read", "invoice"));
        assertThat(read.permitted()).isTrue();
        assertThat(read.obligations()).hasAtLeastOneElementOfType(Obligation.ReadOnly.class);
        clock.advance(Duration.ofMinutes(10));
        // and back to Paris 10 minutes later, trying to write
        Decision write = p.authorize(call("clerk-token", "10.1.1.1", null, "create", "invoice"));
        assertThat(write.permitted()).isFalse();
        assertThat(write.reasons()).extracting(r -> r.code()).containsExactly("risk.read_only");
    }

    @Test
    void authorizeWhenPolicyDeniesThenEntitlementsNotConsulted() {
        ZeroTrustPipeline p = pipeline(1.0);
        assertThat(p.authorize(call("clerk-token", "10.1.1.1", null, "delete", "invoice")).permitted()).isFalse();
        for (int i = 0; i < 3; i++) {
            assertThat(p.authorize(call("clerk-token", "10.1.1.1", null, "read", "invoice")).permitted()).isTrue();
        }
        Decision over = p.authorize(call("clerk-token", "10.1.1.1", null, "read", "invoice"));
        assertThat(over.reasons()).extracting(r -> r.code()).containsExactly("entitlement.quota_exceeded");
    }

    @Test
    void authorizeWhenSamplingZeroThenPermitsNotAudited() {
        ZeroTrustPipeline p = pipeline(0);
        assertThat(p.authorize(call("clerk-token", "10.1.1.1", null, "read", "invoice")).permitted()).isTrue();
        assertThat(audited).isEmpty();
    }

    @Test
    void builderWhenOnlyEssentialsThenNothingElseKnownAndToStringWithoutCredential() {
        AccessRequest request = AccessRequest.builder("secret-token", "read", Resource.of("invoice", "i1", acme))
                .build();
        assertThat(request.ip()).isEmpty();
        assertThat(request.deviceId()).isEmpty();
        assertThat(request.context()).isEmpty();
        assertThat(request.feature()).isEmpty();
        assertThat(request.quota()).isEmpty();
        assertThat(request.toString()).doesNotContain("secret-token");
    }
}
