package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.partnerid.core.IdentityException;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.token.StoreBackedIssuer;
import io.partnerid.testkit.token.TokenStatusResolverContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link IntrospectionTokenStatusResolver} against a loopback RFC 7662 endpoint backed by the issuer's own
 * {@link AccessTokenService}: the shared {@code TokenStatusResolverContract}, then the protocol details.
 */
class IntrospectionTokenStatusResolverTests extends TokenStatusResolverContract {

    @Override
    protected Harness harness(MutableClock clock) {
        StoreBackedIssuer issuer = new StoreBackedIssuer(new InMemoryOrganizationRepository(),
                new InMemoryRevokedTokenStore(1000), clock);
        LoopbackIntrospectionServer server = server(issuer);
        IntrospectionTokenStatusResolver resolver = IntrospectionTokenStatusResolver.builder(server.endpoint(),
                LoopbackIntrospectionServer.CLIENT_ID, LoopbackIntrospectionServer.CLIENT_SECRET, issuer.runtime())
                .build();
        return storeBacked(issuer, resolver, server::stop, server::close);
    }

    private static LoopbackIntrospectionServer server(StoreBackedIssuer issuer) {
        try {
            return new LoopbackIntrospectionServer(issuer.tokens(), Set.of(StoreBackedIssuer.AUDIENCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An issuer, its endpoint and a resolver, for the protocol tests. */
    private static final class Fixture implements AutoCloseable {
        final MutableClock clock = MutableClock.standard();
        final StoreBackedIssuer issuer = new StoreBackedIssuer(new InMemoryOrganizationRepository(),
                new InMemoryRevokedTokenStore(1000), clock);
        final LoopbackIntrospectionServer server = server(issuer);
        final OrgId acme = issuer.createOrganization("Acme");

        IntrospectionTokenStatusResolver resolver(UnaryOperator<IntrospectionTokenStatusResolver.Builder> options) {
            return options.apply(IntrospectionTokenStatusResolver.builder(server.endpoint(),
                    LoopbackIntrospectionServer.CLIENT_ID, LoopbackIntrospectionServer.CLIENT_SECRET,
                    issuer.runtime())).build();
        }

        IntrospectionTokenStatusResolver resolver() {
            return resolver(b -> b);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static void assertUnavailable(TokenStatusResolver resolver, TokenStatusResolver.Query query) {
        IdentityException e = catchThrowableOfType(() -> resolver.status(query), IdentityException.class);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(TokenErrors.STATUS_UNAVAILABLE);
    }

    @Test
    @DisplayName("RFC 7662 §2.1: POST token and token_type_hint=access_token, client_secret_basic (RFC 6749 §2.3.1)")
    void statusWhenAskedThenPostsTheTokenWithHintAndBasicCredentials() {
        try (Fixture fx = new Fixture()) {
            TokenStatusResolver.Query token = fx.issuer.issue(fx.acme);
            assertThat(fx.resolver().status(token)).isEqualTo(TokenStatus.ACTIVE);
            LoopbackIntrospectionServer.Received r = fx.server.last();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded");
            assertThat(r.form()).containsExactly(Map.entry("token", token.token()),
                    Map.entry("token_type_hint", "access_token"));
            String credentials = new String(Base64.getDecoder().decode(r.authorization().substring("Basic ".length())),
                    StandardCharsets.UTF_8);
            assertThat(credentials).isEqualTo(URLEncoder.encode(LoopbackIntrospectionServer.CLIENT_ID,
                    StandardCharsets.UTF_8) + ":" + URLEncoder.encode(LoopbackIntrospectionServer.CLIENT_SECRET,
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("RFC 7662 §2.2: active false is INACTIVE")
    void statusWhenIssuerSaysInactiveThenInactive() {
        try (Fixture fx = new Fixture()) {
            TokenStatusResolver.Query token = fx.issuer.issue(fx.acme);
            fx.issuer.revoke(token);
            assertThat(fx.resolver().status(token)).isEqualTo(TokenStatus.INACTIVE);
        }
    }

    @Test
    @DisplayName("revocation bound: answers, positive and negative, are reused for cacheTtl and not a moment longer")
    void statusWhenAskedAgainWithinCacheTtlThenNoRequest() {
        try (Fixture fx = new Fixture()) {
            IntrospectionTokenStatusResolver resolver = fx.resolver();
            TokenStatusResolver.Query active = fx.issuer.issue(fx.acme);
            TokenStatusResolver.Query revoked = fx.issuer.issue(fx.acme);
            fx.issuer.revoke(revoked);
            resolver.status(active);
            resolver.status(revoked);
            assertThat(fx.server.requests()).isEqualTo(2);
            fx.clock.advance(Duration.ofMillis(999));
            assertThat(resolver.status(active)).isEqualTo(TokenStatus.ACTIVE);
            assertThat(resolver.status(revoked)).isEqualTo(TokenStatus.INACTIVE);
            assertThat(fx.server.requests()).isEqualTo(2);
            fx.clock.advance(Duration.ofMillis(1));
            resolver.status(active);
            resolver.status(revoked);
            assertThat(fx.server.requests()).isEqualTo(4);
            assertThat(resolver.maxStaleness()).isEqualTo(IntrospectionTokenStatusResolver.DEFAULT_CACHE_TTL);
        }
    }

    @Test
    void statusWhenCacheTtlZeroThenEveryCallAsks() {
        try (Fixture fx = new Fixture()) {
            IntrospectionTokenStatusResolver resolver = fx.resolver(b -> b.cacheTtl(Duration.ZERO));
            TokenStatusResolver.Query token = fx.issuer.issue(fx.acme);
            resolver.status(token);
            resolver.status(token);
            assertThat(fx.server.requests()).isEqualTo(2);
            assertThat(resolver.maxStaleness()).isZero();
        }
    }

    @Test
    void statusWhenTokenExpiresBeforeTheTtlThenCachedOnlyUntilExpiry() {
        try (Fixture fx = new Fixture()) {
            IntrospectionTokenStatusResolver resolver = fx.resolver(b -> b.cacheTtl(Duration.ofSeconds(30)));
            TokenStatusResolver.Query issued = fx.issuer.issue(fx.acme);
            TokenStatusResolver.Query shortLived = new TokenStatusResolver.Query(issued.org(), issued.jwtId(),
                    fx.clock.instant().plusSeconds(2), issued.token());
            resolver.status(shortLived);
            fx.clock.advance(Duration.ofSeconds(2));
            resolver.status(shortLived);
            assertThat(fx.server.requests()).isEqualTo(2);
        }
    }

    @Test
    void statusWhenManyDistinctTokensThenCacheStaysBounded() {
        try (Fixture fx = new Fixture()) {
            IntrospectionTokenStatusResolver resolver = fx.resolver(b -> b.maximumCacheSize(3));
            for (int i = 0; i < 10; i++) {
                resolver.status(fx.issuer.issue(fx.acme));
                assertThat(resolver.cacheSize()).isLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    @DisplayName("fail closed: a non-200, a body without a boolean active, or garbage is token.status_unavailable, not cached")
    void statusWhenAnswerUnusableThenStatusUnavailable() {
        try (Fixture fx = new Fixture()) {
            IntrospectionTokenStatusResolver resolver = fx.resolver();
            TokenStatusResolver.Query token = fx.issuer.issue(fx.acme);
            Map<Integer, String> answers = Map.of(500, "{\"active\":true}", 401, "{\"error\":\"invalid_client\"}",
                    302, "");
            for (Map.Entry<Integer, String> a : answers.entrySet()) {
                fx.server.answer(r -> new LoopbackIntrospectionServer.Answer(a.getKey(), a.getValue()));
                assertUnavailable(resolver, token);
            }
            for (String body : new String[] {"{\"active\":\"true\"}", "{\"activ\":true}", "[true]", "not json",
                    "{\"active\":1}", ""}) {
                fx.server.answer(r -> new LoopbackIntrospectionServer.Answer(200, body));
                assertUnavailable(resolver, token);
            }
            int before = fx.server.requests();
            fx.server.answer(null);
            assertThat(resolver.status(token)).isEqualTo(TokenStatus.ACTIVE);
            assertThat(fx.server.requests()).as("failures are not cached").isEqualTo(before + 1);
        }
    }

    @Test
    void statusWhenResponseLargerThanTheCapThenStatusUnavailable() {
        try (Fixture fx = new Fixture()) {
            fx.server.answer(r -> new LoopbackIntrospectionServer.Answer(200, "{\"active\":true,\"pad\":\""
                    + "x".repeat(IntrospectionTokenStatusResolver.MAX_RESPONSE_BYTES) + "\"}"));
            assertUnavailable(fx.resolver(), fx.issuer.issue(fx.acme));
        }
    }

    @Test
    @DisplayName("a redirect is not followed: the answer is the 3xx itself, so unavailable")
    void statusWhenEndpointRedirectsThenNotFollowed() {
        try (Fixture fx = new Fixture(); Fixture other = new Fixture()) {
            IntrospectionTokenStatusResolver resolver = fx.resolver();
            TokenStatusResolver.Query token = fx.issuer.issue(fx.acme);
            fx.server.redirectTo(other.server.endpoint());
            for (int status : new int[] {301, 302, 303, 307, 308}) {
                fx.server.answer(r -> new LoopbackIntrospectionServer.Answer(status, ""));
                assertUnavailable(resolver, token);
            }
            assertThat(other.server.requests()).isZero();
        }
    }

    @Test
    void statusWhenEndpointNeverAnswersThenTimesOutUnavailable() throws Exception {
        try (Fixture fx = new Fixture();
             ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            IntrospectionTokenStatusResolver resolver = IntrospectionTokenStatusResolver.builder(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/introspect"), "rs", "secret",
                    fx.issuer.runtime()).timeout(Duration.ofMillis(300)).build();
            long start = System.nanoTime();
            assertUnavailable(resolver, fx.issuer.issue(fx.acme));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void builderWhenEndpointOrSettingsUnsafeThenIllegalArgument() {
        MutableClock clock = MutableClock.standard();
        var runtime = io.partnerid.testkit.TestRuntimes.on(clock);
        URI ok = URI.create("https://id.example.com/introspect");
        assertThatIllegalArgumentException().isThrownBy(() -> IntrospectionTokenStatusResolver.builder(
                URI.create("http://id.example.com/introspect"), "rs", "secret", runtime));
        assertThatIllegalArgumentException().isThrownBy(() -> IntrospectionTokenStatusResolver.builder(
                URI.create("https://user:pw@id.example.com/introspect"), "rs", "secret", runtime));
        assertThatIllegalArgumentException().isThrownBy(() -> IntrospectionTokenStatusResolver.builder(ok, " ",
                "secret", runtime));
        assertThatIllegalArgumentException().isThrownBy(() -> IntrospectionTokenStatusResolver.builder(ok, "rs", "",
                runtime));
        IntrospectionTokenStatusResolver.Builder b = IntrospectionTokenStatusResolver.builder(ok, "rs", "secret",
                runtime);
        assertThatIllegalArgumentException().isThrownBy(() -> b.cacheTtl(Duration.ofSeconds(31)));
        assertThatIllegalArgumentException().isThrownBy(() -> b.cacheTtl(Duration.ofMillis(-1)));
        assertThatIllegalArgumentException().isThrownBy(() -> b.timeout(Duration.ofSeconds(31)));
        assertThatIllegalArgumentException().isThrownBy(() -> b.maximumCacheSize(0));
        assertThatIllegalArgumentException().isThrownBy(() -> b.httpClient(HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL).build()));
        assertThat(b.cacheTtl(Duration.ofSeconds(30)).httpClient(HttpClient.newHttpClient()).build().maxStaleness())
                .isEqualTo(IntrospectionTokenStatusResolver.MAX_CACHE_TTL);
        assertThat(IntrospectionTokenStatusResolver.builder(URI.create("http://localhost:8080/introspect"), "rs",
                "secret", runtime).build()).isNotNull();
    }
}
