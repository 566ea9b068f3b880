package io.partnerid.federation.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.partnerid.core.IdGenerator;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.InMemoryRevokedTokenStore;
import io.partnerid.core.token.InMemorySigningKeyRepository;
import io.partnerid.core.token.JwtClaims;
import io.partnerid.core.token.KeySetId;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.SigningKeyService;
import io.partnerid.testkit.OrganizationStatusCaches;
import io.partnerid.testkit.TestRuntimes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Token exchange against a real OP on loopback: {@code no.nav.security:mock-oauth2-server} 6.0.2, started by this
 * test as a separate JVM (it bundles newer Nimbus and Kotlin versions than ours). Its classpath comes from the
 * project's own harness pom {@code src/test/peers/mock-oauth2-server/pom.xml}, resolved with Maven. Each path
 * ({@code /tenant-a}, {@code /tenant-b}) is its own issuer with its own key. The mock is the token source only:
 * it is never the judge of what must be rejected.
 */
class MockOAuth2ServerExchangeIT {

    private static final String STS = "https://id.partnerid.example/token";
    private static final String ORDERS = "https://orders.acme.example";

    private static Process server;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startMockOAuth2Server() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path cpFile = module.resolve("target/mock-oauth2-server.classpath");
        Path harness = module.resolve("src/test/peers/mock-oauth2-server/pom.xml");
        if (!Files.exists(cpFile)) {
            List<String> mvn = new ArrayList<>(List.of("mvn", "-B", "-q", "-f", harness.toString(),
                    "dependency:build-classpath", "-Dmdep.outputFile=" + cpFile));
            if (exec(module, withOffline(mvn)) != 0 && exec(module, mvn) != 0) {
                throw new IllegalStateException("cannot resolve the mock-oauth2-server classpath");
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Files.readString(cpFile).trim(), "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt")
                .redirectErrorStream(true).redirectOutput(module.resolve("target/mock-oauth2-server.log").toFile());
        pb.environment().put("SERVER_HOSTNAME", "127.0.0.1");
        pb.environment().put("SERVER_PORT", Integer.toString(port));
        server = pb.start();
        // bounded readiness poll for an external process (the one place this suite waits)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (get(base + "/tenant-a/.well-known/openid-configuration").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        throw new IllegalStateException("mock-oauth2-server did not start; see target/mock-oauth2-server.log");
    }

    private static List<String> withOffline(List<String> mvn) {
        List<String> offline = new ArrayList<>(mvn);
        offline.add(1, "-o");
        return offline;
    }

    private static int exec(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @AfterAll
    static void stopMockOAuth2Server() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A user access token from the tenant's token endpoint (password grant), with aud = our STS. */
    private static String userToken(String tenant, String user) throws Exception {
        String form = "grant_type=password&username=" + user + "&password=x&client_id=partner-portal"
                + "&client_secret=s&scope=" + URLEncoder.encode("openid " + STS, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/" + tenant + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return (String) JSONObjectUtils.parse(response.body()).get("access_token");
    }

    /** Acme trusts tenant-a (jwks_uri from its discovery document); the supplier trusts tenant-b. */
    private static final class Sdk {
        final InMemoryOrganizationRepository orgRepository = new InMemoryOrganizationRepository();
        final IdentityRuntime runtime = new IdentityRuntime(Clock.systemUTC(), IdGenerator.sequential("org"),
                TestRuntimes.seededRandom(1));
        final OrgId acme = new OrganizationService(orgRepository, runtime)
                .createRoot(new OrganizationService.NewOrganization("Acme")).id();
        final AccessTokenService tokens;
        final TokenExchangeService exchange;

        Sdk() throws Exception {
            SigningKeyService keys = SigningKeyService.builder(new InMemorySigningKeyRepository(),
                    PrivateKeyProtector.unprotected(), runtime).build();
            keys.initialize(KeySetId.of("default"), SigningAlgorithm.ES256);
            OrganizationStatusCache status = OrganizationStatusCaches.readThrough(orgRepository, runtime);
            tokens = AccessTokenService.builder("https://id.partnerid.example", keys, runtime)
                    .organizationStatus(status)
                    .revocations(new InMemoryRevokedTokenStore())
                    .audit(AuditPublisher.discarding())
                    .build();
            InMemoryExchangePolicyRepository policies = new InMemoryExchangePolicyRepository();
            String tenantA = base + "/tenant-a";
            Map<String, Object> discovery = JSONObjectUtils.parse(get(tenantA + "/.well-known/openid-configuration")
                    .body());
            assertThat(discovery.get("issuer")).isEqualTo(tenantA);
            policies.save(ExchangePolicy.builder(acme).allowedClients("gateway")
                    .trustedIssuers(TrustedIssuer.builder(tenantA, STS,
                                    URI.create((String) discovery.get("jwks_uri")))
                            .algorithms(SigningAlgorithm.RS256, SigningAlgorithm.ES256).typedAccessTokens(false)
                            .build())
                    .reachableAudiences(ORDERS).allowImpersonation(true).build());
            InMemoryExchangeClients clients = new InMemoryExchangeClients().register(
                    ExchangeClient.builder("gateway", acme).tokenExchangeAllowed(true).allowedScopes("orders:read")
                            .allowedAudiences(ORDERS).build(), "secret");
            exchange = TokenExchangeService.builder().tokens(tokens).organizationStatus(status).policies(policies)
                    .clients(clients).runtime(runtime).auditPublisher(AuditPublisher.discarding()).selfAudience(STS)
                    .build();
        }

        ExchangeOutcome exchange(String subjectToken) {
            return exchange.exchange(new ExchangeRequest(acme, ClientCredentials.of("gateway", "secret"),
                    ExchangeFixture.exchangeForm(subjectToken, "audience", ORDERS)));
        }
    }

    @Test
    @DisplayName("RFC 8693 §2.1: a user token of the trusted tenant-a, from a real OP, is exchanged for our token")
    void exchangeWhenTenantAUserTokenThenIssued() throws Exception {
        Sdk sdk = new Sdk();
        String subject = userToken("tenant-a", "alice");

        ExchangeOutcome outcome = sdk.exchange(subject);

        assertThat(outcome).isInstanceOf(ExchangeOutcome.Issued.class);
        ExchangeOutcome.Issued issued = (ExchangeOutcome.Issued) outcome;
        JwtClaims claims = sdk.tokens.verify(issued.accessToken(), ORDERS).verifiedClaims().orElseThrow();
        assertThat(claims.subject()).contains(ForeignSubject.of(base + "/tenant-a", "alice").value());
        assertThat(claims.string(TokenExchangeService.SUBJECT_ISSUER_CLAIM)).contains(base + "/tenant-a");
        assertThat(claims.string(TokenExchangeService.EXTERNAL_SUBJECT_CLAIM)).contains("alice");
        assertThat(claims.orgId()).contains(sdk.acme);
        long subjectExp = ((Number) JSONObjectUtils.parse(new String(java.util.Base64.getUrlDecoder()
                .decode(subject.split("\\.")[1]), StandardCharsets.UTF_8)).get("exp")).longValue();
        assertThat(claims.expiresAt().orElseThrow()).isBeforeOrEqualTo(Instant.ofEpochSecond(subjectExp));
    }

    @Test
    @DisplayName("T10 / M4: a token of tenant-b (another issuer and key on the same OP) is refused at Acme")
    void exchangeWhenTenantBTokenThenRefused() throws Exception {
        Sdk sdk = new Sdk();
        String fromB = userToken("tenant-b", "alice");

        assertThat(sdk.exchange(fromB)).isInstanceOfSatisfying(ExchangeOutcome.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(ExchangeErrors.ISSUER_NOT_TRUSTED);
            assertThat(r.error()).isEqualTo("invalid_grant");
        });

        // right issuer name, wrong key: tenant-b's token with its iss rewritten to tenant-a fails the signature
        String[] p = fromB.split("\\.");
        Map<String, Object> claims = JSONObjectUtils.parse(new String(java.util.Base64.getUrlDecoder().decode(p[1]),
                StandardCharsets.UTF_8));
        claims.put("iss", base + "/tenant-a");
        String forged = p[0] + "." + com.nimbusds.jose.util.Base64URL.encode(JSONObjectUtils.toJSONString(claims))
                + "." + p[2];
        assertThat(sdk.exchange(forged)).isInstanceOfSatisfying(ExchangeOutcome.Refused.class,
                r -> assertThat(r.code()).isEqualTo(ExchangeErrors.SUBJECT_TOKEN_INVALID));
    }
}
