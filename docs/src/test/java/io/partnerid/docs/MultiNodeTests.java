package io.partnerid.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.Decision;
import io.partnerid.authz.Reason;
import io.partnerid.authz.Resource;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.grant.CrossOrgGrantService;
import io.partnerid.authz.grant.JdbcGrantRepository;
import io.partnerid.authz.pipeline.AccessRequest;
import io.partnerid.authz.pipeline.AccessTokenIdentityVerifier;
import io.partnerid.authz.pipeline.IdentityVerifier;
import io.partnerid.authz.pipeline.VerifiedPrincipal;
import io.partnerid.authz.pipeline.ZeroTrustPipeline;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.PolicyDocuments;
import io.partnerid.core.Actor;
import io.partnerid.core.CoreStores;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.audit.SynchronousAuditPublisher;
import io.partnerid.core.domain.InMemoryDnsTxtResolver;
import io.partnerid.core.jdbc.PartnerIdSchema;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.KeySetId;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.token.RejectionReason;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.TokenVerification;
import io.partnerid.federation.exchange.ClientCredentials;
import io.partnerid.federation.exchange.ExchangeClient;
import io.partnerid.federation.exchange.ExchangeClients;
import io.partnerid.federation.exchange.ExchangeErrors;
import io.partnerid.federation.exchange.ExchangeOutcome;
import io.partnerid.federation.exchange.ExchangePolicy;
import io.partnerid.federation.exchange.ExchangeRequest;
import io.partnerid.federation.exchange.InMemoryExchangeClients;
import io.partnerid.federation.exchange.JdbcExchangePolicyRepository;
import io.partnerid.federation.exchange.TokenExchangeService;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two complete SDK nodes (each its own {@link IdentityCore}, status cache, signing-key cache, policy engine and
 * zero-trust pipeline and token exchange) over one embedded PostgreSQL, as two instances of a host behind a load balancer: what one node
 * changes, the other honours within the stated bound.
 */
class MultiNodeTests {

    private static final String API = "https://api.example.com";
    private static final String STS = "https://id.example.com/token";

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    static {
        PartnerIdSchema.migrate(DB.dataSource(), "authz"); // the grant tables, beside core's
        PartnerIdSchema.migrate(DB.dataSource(), "federation"); // the exchange policies
    }

    private final MutableClock clock = MutableClock.standard();
    /** Both nodes seal their keys with the same key-encryption key, as a deployment's nodes do (from its KMS). */
    private PrivateKeyProtector keyProtector;
    private Node a;
    private Node b;
    private OrgId acme;
    private OrgId partner;

    /** After the extension has emptied the database. */
    @BeforeEach
    void twoNodes() {
        var runtime = TestRuntimes.on(clock);
        keyProtector = PrivateKeyProtector.aesGcm(new SecretKeySpec(runtime.randomBytes(32), "AES"), runtime.random());
        a = new Node();
        b = new Node();
        acme = a.core.admin().organizations().createRoot(Actor.system("bootstrap"), new NewOrganization("Acme")).id();
        partner = a.core.admin().organizations().createRoot(Actor.system("bootstrap"), new NewOrganization("Partner"))
                .id();
        a.core.signingKeys().initialize(KeySetId.of("default"), SigningAlgorithm.ES256);
        a.engineFor(acme, partner);
        b.engineFor(acme, partner);
        // Acme's token endpoint exchanges tokens of the partner organization for its gateway (stored once, shared)
        new JdbcExchangePolicyRepository(DB.dataSource()).save(ExchangePolicy.builder(acme)
                .allowedClients("gateway").trustedOrgs(partner).reachableAudiences(API).allowImpersonation(true)
                .build());
        a.exchangeFor(acme);
        b.exchangeFor(acme);
    }

    /** One node of the host: its own caches over the shared database. */
    private final class Node {
        final IdentityCore core;
        CrossOrgGrantService grants;
        ZeroTrustPipeline pipeline;
        TokenExchangeService exchange;

        Node() {
            CoreStores stores = CoreStores.jdbc(DB.dataSource());
            core = IdentityCore.builder()
                    .stores(stores)
                    .runtime(TestRuntimes.on(clock))
                    .auditPublisher(new SynchronousAuditPublisher(stores.auditLog()))
                    .dnsResolver(new InMemoryDnsTxtResolver())
                    .tokens("https://id.example.com", keyProtector)
                    .build();
        }

        /** Acme's staff read Acme's orders; the pipeline reads organization status through this node's cache. */
        void engineFor(OrgId acme, OrgId partner) {
            PolicyEngine engine = PolicyEngine.create(clock, PolicyDocuments.fromYaml("""
                    schema: partnerid.authz/v1
                    revision: multi-node
                    resourceTypes:
                      order:
                        actions: {read: read}
                    orgs:
                      - id: %s
                        roles:
                          - name: buyer
                            permissions: ["order:read"]
                      - id: %s
                    """.formatted(acme.value(), partner.value())));
            grants = CrossOrgGrantService.builder().runtime(core.runtime())
                    .repository(new JdbcGrantRepository(DB.dataSource())).engine(engine)
                    .auditPublisher(core.auditPublisher()).adminGuard(core.admin().guard()).build();
            OrganizationStatusCache status = core.organizationStatus();
            IdentityVerifier tokens = new AccessTokenIdentityVerifier(core.tokens(), Set.of(API));
            pipeline = ZeroTrustPipeline.builder(core.runtime(), withGrantRoles(tokens), engine, status::isActive)
                    .grants(grants).audit(core.auditPublisher(), 1).build();
        }

        /** Token exchange wired from this node's core: its tokens, status cache and audit publisher. */
        void exchangeFor(OrgId acme) {
            ExchangeClients clients = new InMemoryExchangeClients().register(ExchangeClient.builder("gateway", acme)
                    .tokenExchangeAllowed(true).allowedAudiences(API).build(), "secret");
            exchange = TokenExchangeService.builder()
                    .tokens(core.tokens())
                    .organizationStatus(core.organizationStatus())
                    .auditPublisher(core.auditPublisher())
                    .runtime(core.runtime())
                    .policies(new JdbcExchangePolicyRepository(DB.dataSource()))
                    .clients(clients)
                    .selfAudience(STS)
                    .build();
        }

        ExchangeOutcome exchangeAt(OrgId org, String subjectToken) {
            return exchange.exchange(new ExchangeRequest(org, ClientCredentials.of("gateway", "secret"), Map.of(
                    "grant_type", List.of("urn:ietf:params:oauth:grant-type:token-exchange"),
                    "subject_token", List.of(subjectToken),
                    "subject_token_type", List.of("urn:ietf:params:oauth:token-type:access_token"),
                    "audience", List.of(API))));
        }

        /** The host's look-up: the roles its grants give the verified principal. */
        private IdentityVerifier withGrantRoles(IdentityVerifier tokens) {
            return credential -> {
                IdentityVerifier.Outcome outcome = tokens.verify(credential);
                if (!(outcome instanceof IdentityVerifier.Verified verified)) {
                    return outcome;
                }
                VerifiedPrincipal p = verified.principal();
                List<RoleAssignment> roles = new ArrayList<>(p.roles());
                roles.addAll(grants.roleAssignments(p.org(), p.subjectId()));
                return new IdentityVerifier.Verified(new VerifiedPrincipal(p.subjectId(), p.org(), roles,
                        p.attributes(), p.acr(), p.kind()));
            };
        }

        boolean permitted(String token, OrgId resourceOrg) {
            return decide(token, resourceOrg).permitted();
        }

        Decision decide(String token, OrgId resourceOrg) {
            return pipeline.authorize(AccessRequest.builder(token, "read", new Resource("order", "o-1", resourceOrg,
                    Map.of())).build());
        }
    }

    private String tokenOf(Node node, OrgId org, String user) {
        return node.core.tokens().issue(AccessTokenRequest.builder(org, user, "portal").audience(API)
                .roles(Set.of("buyer")).build()).value();
    }

    @Test
    void suspendWhenPulledOnNodeAThenNodeBRefusesTokensAndDecisionsWithinTheBound() {
        String token = tokenOf(a, acme, "alice");
        assertThat(b.core.tokens().verify(token, API).isVerified()).isTrue();
        assertThat(b.permitted(token, acme)).isTrue();

        a.core.admin().governance().suspend(Actor.system("ops"), acme, "contract terminated");

        // node A refuses at once: its kill switch invalidated its own cache, and the token is revoked
        assertThat(a.core.organizationStatus().isActive(acme)).isFalse();
        assertThat(a.permitted(token, acme)).isFalse();
        // node B: the kill switch revoked the token in the shared store, refused at once
        assertThat(b.core.tokens().verify(token, API))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.REVOKED));
        assertThat(b.permitted(token, acme)).isFalse();
        // and B's status cache follows within the bound
        clock.advance(OrganizationStatusCache.DEFAULT_MAX_STALENESS);
        assertThat(b.core.organizationStatus().isActive(acme)).isFalse();
    }

    @Test
    void suspendWhenPulledOnNodeAThenNodeBStopsDecidingForTheOrganizationWithinTheBound() {
        // a partner user's token stays valid (its organization is not suspended); the resource is Acme's
        String partnerToken = tokenOf(a, partner, "bob");
        String acmeToken = tokenOf(a, acme, "alice");
        assertThat(b.permitted(acmeToken, acme)).isTrue();
        assertThat(b.core.organizationStatus().isActive(acme)).isTrue(); // B has cached Acme as active

        a.core.admin().governance().suspend(Actor.system("ops"), acme, "contract terminated");

        clock.advance(OrganizationStatusCache.DEFAULT_MAX_STALENESS);
        assertThat(b.core.organizationStatus().isActive(acme)).as("within the bound").isFalse();
        assertThat(b.core.organizationStatus().isActive(partner)).isTrue();
        assertThat(b.core.tokens().verify(partnerToken, API).isVerified()).isTrue();
        assertThat(b.core.tokens().issue(AccessTokenRequest.builder(partner, "bob", "portal").audience(API)
                .build()).value()).isNotBlank();

        a.core.admin().governance().resume(Actor.system("ops"), acme, "settled");
        clock.advance(OrganizationStatusCache.DEFAULT_MAX_STALENESS);
        assertThat(b.core.organizationStatus().isActive(acme)).isTrue();
    }

    @Test
    void suspendWhenPulledOnNodeAThenNodeBRefusesTheOrganizationsTokenExchangesWithinTheBound() {
        // a partner user's token (not revoked by Acme's suspension) exchanged at Acme's token endpoint on node B
        String bobAtPartner = a.core.tokens().issue(AccessTokenRequest.builder(partner, "bob", "portal")
                .audience(STS).build()).value();
        assertThat(b.exchangeAt(acme, bobAtPartner)).isInstanceOf(ExchangeOutcome.Issued.class);

        a.core.admin().governance().suspend(Actor.system("ops"), acme, "contract terminated");

        assertThat(a.exchangeAt(acme, bobAtPartner)).as("node A, at once")
                .isInstanceOfSatisfying(ExchangeOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo(ExchangeErrors.CLIENT_NOT_ALLOWED));
        clock.advance(OrganizationStatusCache.DEFAULT_MAX_STALENESS);
        assertThat(b.exchangeAt(acme, bobAtPartner)).as("node B, within the bound")
                .isInstanceOfSatisfying(ExchangeOutcome.Refused.class,
                        r -> assertThat(r.code()).isEqualTo(ExchangeErrors.CLIENT_NOT_ALLOWED));
        assertThat(b.core.tokens().verify(bobAtPartner, STS).isVerified()).as("the subject token itself is fine")
                .isTrue();
    }

    @Test
    void suspendWhenPulledOnNodeAThenNodeBsPipelineRefusesDecisionsOnTheOrganizationsResourcesWithinTheBound() {
        // a partner user holding a grant on Acme's orders: his token is not revoked by Acme's suspension
        a.grants.grant(Actor.system("ops"), new GrantDef("g-orders", acme.value(), partner.value(),
                List.of("buyer"), List.of("order"), Optional.empty(), Optional.empty()));
        a.grants.assign(Actor.system("ops"), "g-orders", partner, "bob", "buyer");
        String bob = tokenOf(a, partner, "bob");
        clock.advance(CrossOrgGrantService.DEFAULT_REFRESH_PERIOD);
        assertThat(b.permitted(bob, acme)).isTrue();

        a.core.admin().governance().suspend(Actor.system("ops"), acme, "contract terminated");
        clock.advance(OrganizationStatusCache.DEFAULT_MAX_STALENESS);

        Decision d = b.decide(bob, acme);
        assertThat(d.permitted()).as("node B, within the bound").isFalse();
        assertThat(d.reasons()).extracting(Reason::code).containsExactly("org.suspended");
        assertThat(b.core.tokens().verify(bob, API).isVerified()).isTrue();
    }

    @Test
    void revokeGrantWhenDoneOnNodeAThenNodeBStopsHonouringItWithinOneRefreshPeriod() {
        a.grants.grant(Actor.system("ops"), new GrantDef("g-orders", acme.value(), partner.value(),
                List.of("buyer"), List.of("order"), Optional.empty(), Optional.empty()));
        a.grants.assign(Actor.system("ops"), "g-orders", partner, "bob", "buyer");
        String bob = a.core.tokens().issue(AccessTokenRequest.builder(partner, "bob", "portal").audience(API)
                .build()).value();
        assertThat(a.permitted(bob, acme)).as("node A made the grant").isTrue();
        clock.advance(CrossOrgGrantService.DEFAULT_REFRESH_PERIOD);
        assertThat(b.permitted(bob, acme)).as("node B, one refresh period later, no scheduler").isTrue();

        a.grants.revoke(Actor.system("ops"), "g-orders");
        assertThat(a.permitted(bob, acme)).isFalse();
        clock.advance(CrossOrgGrantService.DEFAULT_REFRESH_PERIOD);
        assertThat(b.permitted(bob, acme)).as("node B, one refresh period after the revocation").isFalse();
    }

    @Test
    void rotateWhenDoneOnNodeAThenTokensSignedWithTheNewKeyVerifyOnNodeB() {
        String before = tokenOf(a, acme, "alice");
        assertThat(b.core.tokens().verify(before, API).isVerified()).isTrue(); // B has loaded the key set

        a.core.signingKeys().rotate(KeySetId.of("default"));
        String after = tokenOf(a, acme, "alice");

        assertThat(b.core.tokens().verify(after, API).isVerified()).isTrue();
        assertThat(b.core.tokens().verify(before, API).isVerified()).as("the retired key still verifies").isTrue();
        clock.advance(Duration.ofSeconds(61)); // B re-reads the key set and signs with the new CURRENT key too
        assertThat(a.core.tokens().verify(tokenOf(b, acme, "carol"), API).isVerified()).isTrue();
    }
}
