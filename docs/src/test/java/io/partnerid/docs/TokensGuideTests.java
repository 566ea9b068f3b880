package io.partnerid.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.partnerid.core.Actor;
import io.partnerid.core.CoreStores;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.SynchronousAuditPublisher;
import io.partnerid.core.domain.InMemoryDnsTxtResolver;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.jdbc.PartnerIdSchema;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.IntrospectionTokenStatusResolver;
import io.partnerid.core.token.IssuedToken;
import io.partnerid.core.token.JwksSource;
import io.partnerid.core.token.KeySetId;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.token.RejectionReason;
import io.partnerid.core.token.ResourceServerVerifier;
import io.partnerid.core.token.RevokedTokenStore;
import io.partnerid.core.token.SharedStoreTokenStatusResolver;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.SigningKeyService;
import io.partnerid.core.token.TokenStatusResolver;
import io.partnerid.core.token.TokenVerification;
import io.partnerid.federation.exchange.ClientCredentials;
import io.partnerid.federation.exchange.ExchangeClient;
import io.partnerid.federation.exchange.ExchangeClients;
import io.partnerid.federation.exchange.ExchangeOutcome;
import io.partnerid.federation.exchange.ExchangePolicy;
import io.partnerid.federation.exchange.ExchangePolicyRepository;
import io.partnerid.federation.exchange.ExchangeRequest;
import io.partnerid.federation.exchange.InMemoryExchangeClients;
import io.partnerid.federation.exchange.InMemoryExchangePolicyRepository;
import io.partnerid.federation.exchange.JdbcExchangePolicyRepository;
import io.partnerid.federation.exchange.TokenExchangeService;
import io.partnerid.federation.exchange.TrustedIssuer;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The code of {@code docs/tokens.md}: every {@code tag::name[]} region below appears verbatim in the guide
 * ({@link DocSnippetsTests} fails when they drift apart), and runs here.
 */
class TokensGuideTests {

    private final MutableClock clock = MutableClock.standard();
    private final IdentityRuntime runtime = TestRuntimes.on(clock);
    private final InMemoryDnsTxtResolver dns = new InMemoryDnsTxtResolver();

    /** The core of each test; {@code acme} is created through its administration façade. */
    private IdentityCore core;
    private OrgId acme;

    private IdentityCore wire(PrivateKeyProtector keyProtector) {
        CoreStores stores = CoreStores.inMemory();
        // tag::wiring[]
        IdentityCore core = IdentityCore.builder()
                .stores(stores)                                   // CoreStores.jdbc(dataSource) in a deployment
                .runtime(runtime)
                .auditPublisher(new SynchronousAuditPublisher(stores.auditLog()))
                .dnsResolver(dns)
                .tokens("https://id.example.com", keyProtector)   // issuer, sealing of the private keys
                .build();
        // end::wiring[]
        this.core = core;
        this.acme = core.admin().organizations().createRoot(Actor.system("bootstrap"),
                new OrganizationService.NewOrganization("Acme")).id();
        return core;
    }

    @Test
    void keysIssueVerifyRevokeWhenRunThenAsDocumented() throws Exception {
        SecureRandom random = runtime.random();
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        aes.init(256, random);
        SecretKey keyEncryptionKey = aes.generateKey(); // in production: from your KMS / secret store
        IdentityCore core = wire(PrivateKeyProtector.aesGcm(keyEncryptionKey, random));
        // tag::keys[]
        SigningKeyService keys = core.signingKeys();
        KeySetId keySet = KeySetId.of("default");
        keys.initialize(keySet, SigningAlgorithm.ES256);   // a CURRENT and a NEXT key; idempotent
        String jwks = keys.jwks(keySet);                   // serve at /.well-known/jwks.json
        // end::keys[]
        assertThat(jwks).contains("\"ES256\"");

        // tag::issue[]
        AccessTokenService tokens = core.tokens();
        IssuedToken token = tokens.issue(AccessTokenRequest.builder(acme, "user-42", "partner-portal")
                .audience("https://api.example.com")
                .scopes(Set.of("orders:read"))
                .roles(Set.of("buyer"))
                .acr("urn:partnerid:acr:mfa")
                .amr(List.of("pwd", "otp"))
                .lifetime(Duration.ofMinutes(5))
                .build());
        // end::issue[]

        // tag::verify[]
        TokenVerification result = tokens.verify(token.value(), "https://api.example.com");
        if (result instanceof TokenVerification.Verified verified) {
            OrgId org = verified.claims().orgId().orElseThrow();
            Set<String> scopes = verified.claims().scopes();
            // authorize the request with org, scopes, roles …
        } else if (result instanceof TokenVerification.Rejected rejected) {
            // 401, WWW-Authenticate: Bearer error="invalid_token"; rejected.reason() goes to DEBUG logs only
            String description = RejectionReason.CLIENT_DESCRIPTION;
        }
        // end::verify[]
        assertThat(result.isVerified()).isTrue();

        // tag::rotate[]
        keys.rotate(keySet);                            // NEXT -> CURRENT, CURRENT -> RETIRED, new NEXT
        keys.purgeRetired(keySet, Duration.ofHours(2)); // later: keep retired keys longer than any token lives
        // end::rotate[]
        assertThat(tokens.verify(token.value(), "https://api.example.com").isVerified()).isTrue();

        // tag::killswitch[]
        SuspensionReport report = core.admin().governance().suspend(Actor.system("ops"), acme, "contract terminated");
        long revoked = report.section("tokens").orElseThrow().count(); // tokens of the subtree, revoked
        // end::killswitch[]
        assertThat(revoked).isEqualTo(1);
        assertThat(tokens.verify(token.value(), "https://api.example.com").isVerified()).isFalse();
    }

    @Test
    void resourceServerWhenRunThenAsDocumented() throws Exception {
        IdentityCore core = wire(PrivateKeyProtector.unprotected());   // the issuer
        SigningKeyService keys = core.signingKeys();
        keys.initialize(KeySetId.of("default"), SigningAlgorithm.ES256);
        AccessTokenService tokens = core.tokens();
        // the resource server's view of the issuer's database (CoreStores.jdbc(sharedDataSource) in production)
        RevokedTokenStore revocations = core.unchecked().stores().revokedTokens();
        OrganizationRepository organizationRepository = core.unchecked().stores().organizations();
        IssuedToken issued = tokens.issue(AccessTokenRequest.builder(acme, "user-42", "partner-portal")
                .audience("https://api.example.com").build());
        String bearerToken = issued.value();
        HttpServer issuerJwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuerJwks.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = keys.jwks(KeySetId.of("default")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        issuerJwks.start();
        URI jwksUri = URI.create("http://127.0.0.1:" + issuerJwks.getAddress().getPort() + "/.well-known/jwks.json");
        try {
            // tag::resource-server[]
            ResourceServerVerifier verifier = ResourceServerVerifier.builder("https://id.example.com",
                            Set.of("https://api.example.com"),
                            JwksSource.http(jwksUri),   // the issuer's /.well-known/jwks.json
                            new SharedStoreTokenStatusResolver(revocations,
                                    OrganizationStatusCache.builder(organizationRepository, runtime).build(), runtime),
                            runtime)
                    .build();
            TokenVerification result = verifier.verify(bearerToken);
            // end::resource-server[]
            assertThat(result.isVerified()).isTrue();
            tokens.revoke(issued.jwtId(), acme, issued.expiresAt(), Actor.user("ops-admin"));
            assertThat(verifier.verify(bearerToken))
                    .isEqualTo(new TokenVerification.Rejected(RejectionReason.REVOKED));
        } finally {
            issuerJwks.stop(0);
        }

        String clientSecret = "from-your-secret-store";
        // tag::resource-server-introspection[]
        TokenStatusResolver introspection = IntrospectionTokenStatusResolver.builder(
                        URI.create("https://id.example.com/oauth2/introspect"), "orders-api", clientSecret, runtime)
                .cacheTtl(Duration.ofSeconds(1))   // the revocation bound; at most 30 s, zero for none
                .build();
        // end::resource-server-introspection[]
        assertThat(introspection.maxStaleness()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void exchangeWhenRunThenAsDocumented() {
        IdentityCore core = wire(PrivateKeyProtector.unprotected());
        core.signingKeys().initialize(KeySetId.of("default"), SigningAlgorithm.ES256);
        AccessTokenService tokens = core.tokens();
        InMemoryExchangePolicyRepository policies = new InMemoryExchangePolicyRepository();
        // tag::client[]
        ExchangeClients clients = new InMemoryExchangeClients().register(
                ExchangeClient.builder("partner-gateway", acme)   // exchanges only at acme's token endpoint
                        .tokenExchangeAllowed(true)
                        .allowedScopes("orders:read", "orders:write")
                        .allowedAudiences("https://orders.example.com")
                        .build(),
                "secret");
        // end::client[]
        String ourOwnUserToken = tokens.issue(AccessTokenRequest.builder(acme, "user-42", "portal")
                .audience("https://id.example.com/token").scopes(Set.of("orders:read")).build()).value();

        // tag::policy[]
        policies.save(ExchangePolicy.builder(acme)
                .allowedClients("partner-gateway")
                .trustedIssuers(TrustedIssuer.builder("https://login.partner-a.example",
                                "https://id.example.com/token",   // aud their tokens must carry for us
                                URI.create("https://login.partner-a.example/jwks"))
                        .algorithms(SigningAlgorithm.RS256, SigningAlgorithm.ES256)
                        .typedAccessTokens(true)                  // their access tokens are typ at+jwt
                        .trustAuthenticationContext(false)        // their acr/amr are dropped (the default)
                        .build())
                .reachableAudiences("https://orders.example.com")
                .maxDelegationDepth(2)
                .maxLifetime(Duration.ofMinutes(10))
                .allowImpersonation(true)
                .build());
        // end::policy[]

        // tag::exchange[]
        TokenExchangeService exchange = TokenExchangeService.builder()
                .tokens(core.tokens())                          // issues, and verifies our own subject tokens
                .organizationStatus(core.organizationStatus())  // suspensions on any node, within 1 s
                .auditPublisher(core.auditPublisher())          // one audit trail with the rest of the SDK
                .runtime(core.runtime())
                .policies(policies)
                .clients(clients)
                .selfAudience("https://id.example.com/token")
                .build();
        Map<String, List<String>> form = Map.of(
                "grant_type", List.of("urn:ietf:params:oauth:grant-type:token-exchange"),
                "subject_token", List.of(ourOwnUserToken),
                "subject_token_type", List.of("urn:ietf:params:oauth:token-type:access_token"),
                "audience", List.of("https://orders.example.com"),
                "scope", List.of("orders:read"));
        ExchangeOutcome outcome = exchange.exchange(
                new ExchangeRequest(acme, ClientCredentials.of("partner-gateway", "secret"), form));
        if (outcome instanceof ExchangeOutcome.Issued issued) {
            Map<String, Object> json = issued.toResponseParameters();  // 200, application/json
        } else if (outcome instanceof ExchangeOutcome.Refused refused) {
            int status = refused.httpStatus();                         // 400, or 401 for invalid_client
            Map<String, Object> json = refused.toResponseParameters(); // error, error_description
        }
        // end::exchange[]
        assertThat(outcome).isInstanceOf(ExchangeOutcome.Issued.class);
    }

    @Test
    void exchangePoliciesWhenStoredInTheDatabaseThenReadBackWhole() {
        wire(PrivateKeyProtector.unprotected());
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:tokens-guide-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        DataSource dataSource = h2;

        // tag::exchange-jdbc[]
        PartnerIdSchema.migrate(dataSource, "federation"); // the policy table; a no-op when up to date
        ExchangePolicyRepository policies = new JdbcExchangePolicyRepository(dataSource);
        policies.save(ExchangePolicy.builder(acme)
                .allowedClients("partner-gateway")
                .reachableAudiences("https://orders.example.com")
                .build());
        ExchangePolicy stored = policies.find(acme).orElseThrow(); // what the exchange reads, on every node
        // end::exchange-jdbc[]

        assertThat(stored).isEqualTo(ExchangePolicy.builder(acme).allowedClients("partner-gateway")
                .reachableAudiences("https://orders.example.com").build());
        assertThat(new JdbcExchangePolicyRepository(dataSource).find(acme)).contains(stored);
        assertThat(PartnerIdSchema.migrate(dataSource, "federation").applied()).isZero();
    }
}
