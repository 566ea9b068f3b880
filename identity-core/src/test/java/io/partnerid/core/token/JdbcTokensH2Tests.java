package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.governance.KillSwitch;
import io.partnerid.core.org.JdbcOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.OrganizationStatusCaches;
import io.partnerid.testkit.TestRuntimes;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import java.time.Duration;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token feature end to end on the JDBC stores (H2): two nodes share keys, revocations and the kill switch. */
class JdbcTokensH2Tests {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    private final MutableClock clock = MutableClock.standard();
    private final IdentityRuntime runtime = TestRuntimes.on(clock);
    private final PrivateKeyProtector protector = PrivateKeyProtector.aesGcm(new SecretKeySpec(new byte[32], "AES"),
            TestRuntimes.seededRandom(3));

    private AccessTokenService node(JdbcOrganizationRepository orgs, SigningKeyService keys) {
        return AccessTokenService.builder("https://id.example.com", keys, runtime)
                .organizationStatus(OrganizationStatusCaches.readThrough(orgs, runtime))
                .revocations(new JdbcRevokedTokenStore(DB.dataSource()))
                .audit(AuditPublisher.discarding())
                .build();
    }

    private SigningKeyService keys() {
        return SigningKeyService.builder(new JdbcSigningKeyRepository(DB.dataSource()), protector, runtime).build();
    }

    @Test
    void tokensWhenTwoNodesShareTheDatabaseThenRotationRevocationAndKillSwitchAreShared() {
        JdbcOrganizationRepository orgs = new JdbcOrganizationRepository(DB.dataSource());
        OrgId acme = new OrganizationService(orgs, runtime).createRoot(new OrganizationService.NewOrganization("Acme"))
                .id();
        SigningKeyService keysA = keys();
        keysA.initialize(KeySetId.of("default"), SigningAlgorithm.ES256);
        SigningKeyService keysB = keys();
        AccessTokenService nodeA = node(orgs, keysA);
        AccessTokenService nodeB = node(orgs, keysB);

        IssuedToken first = nodeA.issue(AccessTokenRequest.builder(acme, "u1", "c").audience("api").build());
        assertThat(nodeB.verify(first.value(), "api").isVerified()).isTrue();

        keysA.rotate(KeySetId.of("default"));
        IssuedToken second = nodeA.issue(AccessTokenRequest.builder(acme, "u2", "c").audience("api").build());
        clock.advance(Duration.ofSeconds(5));
        assertThat(nodeB.verify(second.value(), "api").isVerified()).isTrue(); // B reloads on the unknown kid

        nodeA.revoke(first.jwtId(), acme, first.expiresAt(), Actor.user("admin"));
        assertThat(nodeB.verify(first.value(), "api"))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.REVOKED));

        KillSwitch killSwitch = new KillSwitch(orgs, OrganizationStatusCaches.readThrough(orgs, runtime), List.of(new TokenSuspensionContributor(
                new JdbcRevokedTokenStore(DB.dataSource()), orgs, e -> { })), e -> { }, runtime);
        assertThat(killSwitch.suspend(Actor.system("ops"), acme, "breach").section("tokens").orElseThrow().ids())
                .containsExactly(second.jwtId());
        assertThat(nodeB.verify(second.value(), "api").isVerified()).isFalse();
    }
}
