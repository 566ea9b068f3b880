package io.partnerid.federation.exchange;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.InMemoryRevokedTokenStore;
import io.partnerid.core.token.InMemorySigningKeyRepository;
import io.partnerid.core.token.JwtClaims;
import io.partnerid.core.token.KeySetId;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.SigningKeyService;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.OrganizationStatusCaches;
import io.partnerid.testkit.TestRuntimes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Two organizations, our issuer, two partner IdPs (in-memory JWKS), a gateway client, and token forging. */
final class ExchangeFixture {

    static final String ISSUER = "https://id.partnerid.example";
    static final String STS = "https://id.partnerid.example/token";
    static final String PARTNER_A = "https://idp.partner-a.example";
    static final String PARTNER_B = "https://idp.partner-b.example";
    static final URI JWKS_A = URI.create("https://idp.partner-a.example/jwks");
    static final URI JWKS_B = URI.create("https://idp.partner-b.example/jwks");
    static final String ORDERS = "https://orders.acme.example";
    static final String BILLING = "https://billing.acme.example";
    static final String SECRET = "gateway-secret";

    final MutableClock clock = MutableClock.standard();
    final IdentityRuntime runtime = TestRuntimes.on(clock);
    final InMemoryOrganizationRepository orgRepository = new InMemoryOrganizationRepository();
    final OrganizationService orgs = new OrganizationService(orgRepository, runtime);
    /** Staleness zero: a suspension written to the repository, as by another node, is seen at once. */
    final OrganizationStatusCache organizationStatus = OrganizationStatusCaches.readThrough(orgRepository, runtime);
    final SigningKeyService keys;
    final AccessTokenService tokens;
    final ExchangePolicyRepository policies;
    final InMemoryExchangeClients clients = new InMemoryExchangeClients();
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    final Map<URI, String> jwksDocuments = new ConcurrentHashMap<>();
    final Map<URI, AtomicInteger> fetches = new ConcurrentHashMap<>();
    final TokenExchangeService exchange;
    final OrgId acme;
    final OrgId supplier;
    final ECKey partnerAKey;
    final ECKey partnerBKey;

    ExchangeFixture() {
        this(new InMemoryExchangePolicyRepository());
    }

    /** The fixture with its policies in {@code policies} (empty; the fixture saves acme's and the supplier's). */
    ExchangeFixture(ExchangePolicyRepository policies) {
        this.policies = policies;
        keys = SigningKeyService.builder(new InMemorySigningKeyRepository(), PrivateKeyProtector.unprotected(), runtime)
                .build();
        keys.initialize(KeySetId.of("default"), SigningAlgorithm.ES256);
        tokens = AccessTokenService.builder(ISSUER, keys, runtime)
                .organizationStatus(organizationStatus)
                .revocations(new InMemoryRevokedTokenStore())
                .audit(AuditPublisher.discarding())
                .build();
        acme = orgs.createRoot(new OrganizationService.NewOrganization("Acme")).id();
        supplier = orgs.createRoot(new OrganizationService.NewOrganization("Supplier")).id();
        try {
            partnerAKey = new ECKeyGenerator(Curve.P_256).keyID("a-1").generate();
            partnerBKey = new ECKeyGenerator(Curve.P_256).keyID("b-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        publish(JWKS_A, partnerAKey);
        publish(JWKS_B, partnerBKey);
        policies.save(acmePolicy().build());
        policies.save(ExchangePolicy.builder(supplier).allowedClients("supplier-svc")
                .trustedIssuers(trusted(PARTNER_B, JWKS_B)).reachableAudiences(ORDERS).allowImpersonation(true)
                .build());
        clients.register(client("gateway", acme).allowedScopes("orders:read", "orders:write", "profile")
                .allowedAudiences(ORDERS, BILLING).build(), SECRET);
        clients.register(client("supplier-svc", supplier).allowedScopes("orders:read").allowedAudiences(ORDERS)
                .build(), SECRET);
        clients.register(client("reporting", acme).tokenExchangeAllowed(false).allowedScopes("orders:read")
                .allowedAudiences(ORDERS).build(), SECRET);
        exchange = exchangeService(b -> { });
    }

    TokenExchangeService exchangeService(Consumer<TokenExchangeService.Builder> customize) {
        TokenExchangeService.Builder b = TokenExchangeService.builder().tokens(tokens)
                .organizationStatus(organizationStatus).policies(policies).clients(clients).runtime(runtime)
                .auditPublisher(events::add).selfAudience(STS).jwksFetcher(uri -> {
                    fetches.computeIfAbsent(uri, u -> new AtomicInteger()).incrementAndGet();
                    String doc = jwksDocuments.get(uri);
                    if (doc == null) {
                        throw new IllegalStateException("no JWKS at " + uri);
                    }
                    return doc;
                });
        customize.accept(b);
        return b.build();
    }

    static TrustedIssuer trusted(String issuer, URI jwks) {
        return trustedIssuer(issuer, jwks).build();
    }

    /** A partner issuer as the fixture trusts it (ES256 and RS256, typed access tokens), to adjust. */
    static TrustedIssuer.Builder trustedIssuer(String issuer, URI jwks) {
        return TrustedIssuer.builder(issuer, STS, jwks).algorithms(SigningAlgorithm.ES256, SigningAlgorithm.RS256)
                .typedAccessTokens(true);
    }

    /** A client registered for the token-exchange grant, to complete. */
    static ExchangeClient.Builder client(String clientId, OrgId owner) {
        return ExchangeClient.builder(clientId, owner).tokenExchangeAllowed(true);
    }

    ExchangePolicy.Builder acmePolicy() {
        return ExchangePolicy.builder(acme).allowedClients("gateway", "reporting")
                .trustedIssuers(trusted(PARTNER_A, JWKS_A)).reachableAudiences(ORDERS, BILLING)
                .allowImpersonation(true).maxDelegationDepth(2).maxLifetime(Duration.ofMinutes(10));
    }

    /** Acme's policy with {@code change} applied. */
    ExchangePolicy acmePolicy(Consumer<ExchangePolicy.Builder> change) {
        ExchangePolicy.Builder b = acmePolicy();
        change.accept(b);
        return b.build();
    }

    /** Acme's gateway client as registered. */
    ExchangeClient gateway() {
        return client("gateway", acme).allowedScopes("orders:read", "orders:write", "profile")
                .allowedAudiences(ORDERS, BILLING).build();
    }

    /**
     * A token as the validation step hands it on (for testing the later steps alone): alice's, ours at acme or
     * partner A's, with {@code change} applied to its claims.
     */
    ValidatedToken validated(boolean ours, Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ours ? ISSUER : PARTNER_A);
        claims.put("sub", "alice");
        claims.put("exp", clock.instant().plusSeconds(600).getEpochSecond());
        claims.put("scope", "orders:read orders:write admin");
        if (ours) {
            claims.put(JwtClaims.ORG_ID, acme.value());
        }
        change.accept(claims);
        return new ValidatedToken(JwtClaims.of(claims), (String) claims.get("iss"), ours,
                ours ? Optional.empty() : Optional.of(trusted(PARTNER_A, JWKS_A)));
    }

    void publish(URI uri, ECKey... keys) {
        List<com.nimbusds.jose.jwk.JWK> pub = new ArrayList<>();
        for (ECKey k : keys) {
            pub.add(k.toPublicJWK());
        }
        jwksDocuments.put(uri, new JWKSet(pub).toString());
    }

    /** Claims of a valid partner A user access token for our STS. */
    Map<String, Object> partnerClaims() {
        Instant now = clock.instant();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", PARTNER_A);
        c.put("sub", "alice");
        c.put("aud", STS);
        c.put("exp", now.plusSeconds(600).getEpochSecond());
        c.put("iat", now.getEpochSecond());
        c.put("scope", "orders:read orders:write admin");
        c.put("client_id", "partner-portal");
        return c;
    }

    Map<String, Object> partnerClaims(Consumer<Map<String, Object>> change) {
        Map<String, Object> c = partnerClaims();
        change.accept(c);
        return c;
    }

    String partnerToken(Map<String, Object> claims) {
        return sign(partnerAKey, "at+jwt", claims);
    }

    String partnerToken() {
        return partnerToken(partnerClaims());
    }

    static String sign(ECKey key, String typ, Map<String, Object> claims) {
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID());
        if (typ != null) {
            h.type(new JOSEObjectType(typ));
        }
        JWSObject jws = new JWSObject(h.build(), new Payload(claims));
        try {
            jws.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    /** One of our access tokens for the STS. */
    String ourToken(OrgId org, String subject, String clientId, Consumer<AccessTokenRequest.Builder> change) {
        AccessTokenRequest.Builder b = AccessTokenRequest.builder(org, subject, clientId).audience(STS)
                .scopes(Set.of("orders:read", "orders:write"));
        change.accept(b);
        return tokens.issue(b.build()).value();
    }

    static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return form;
    }

    static Map<String, List<String>> exchangeForm(String subjectToken, String... more) {
        Map<String, List<String>> form = form("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", subjectToken, "subject_token_type", TokenType.ACCESS_TOKEN.uri());
        form.putAll(mergeable(more));
        return form;
    }

    private static Map<String, List<String>> mergeable(String... pairs) {
        return form(pairs);
    }

    ExchangeOutcome exchange(OrgId org, String client, Map<String, List<String>> form) {
        return exchange.exchange(new ExchangeRequest(org, ClientCredentials.of(client, SECRET), form));
    }

    ExchangeOutcome atAcme(Map<String, List<String>> form) {
        return exchange(acme, "gateway", form);
    }

    List<ExchangeEvent> exchangeEvents() {
        List<ExchangeEvent> out = new ArrayList<>();
        for (AuditEvent e : events) {
            if (e instanceof ExchangeEvent x) {
                out.add(x);
            }
        }
        return out;
    }
}
