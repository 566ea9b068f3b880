package io.partnerid.core.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.org.OrgId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStatusResolver} that asks the issuer's OAuth 2.0 token introspection endpoint (RFC 7662), for
 * resource servers that reach the issuer only over HTTP.
 *
 * <p>Thread-safe. Each look-up POSTs {@code token=…&token_type_hint=access_token} with the resource server's client
 * credentials ({@code client_secret_basic}, RFC 6749 §2.3.1) and reads the required {@code active} member:
 * {@code true} is {@link TokenStatus#ACTIVE}, {@code false} is {@link TokenStatus#INACTIVE} (introspection does not
 * say whether the token was revoked or its organization suspended). Anything else (a network error, a timeout,
 * a status other than 200, a body that is not a JSON object with a boolean {@code active}, a body over 64 KiB) is
 * {@code token.status_unavailable}, so the verifier rejects: fail closed.
 *
 * <p><b>Revocation bound.</b> Answers, positive and negative, are cached per organization and {@code jti} for
 * {@code cacheTtl} (default 1 s, at most 30 s, zero for none) and never beyond the token's expiry: a revocation or
 * suspension at the issuer is honoured here at most {@code cacheTtl} later ({@link #maxStaleness()}). The cache
 * holds at most {@code maximumCacheSize} entries (default 10,000) and never the token itself. Failures are not
 * cached.
 *
 * <pre>{@code
 * TokenStatusResolver status = IntrospectionTokenStatusResolver.builder(
 *                 URI.create("https://id.example.com/oauth2/introspect"), "orders-api", clientSecret, runtime)
 *         .cacheTtl(Duration.ofSeconds(1))
 *         .build();
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2">RFC 7662 §2</a>
 */
public final class IntrospectionTokenStatusResolver implements TokenStatusResolver {

    /** The default time an answer is reused: the default revocation bound. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(1);
    /** The longest allowed {@code cacheTtl}. */
    public static final Duration MAX_CACHE_TTL = Duration.ofSeconds(30);
    /** The largest introspection response read, in bytes. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(IntrospectionTokenStatusResolver.class);

    private record Key(OrgId org, String jwtId) {
    }

    private record Entry(TokenStatus status, Instant until) {
    }

    private final URI endpoint;
    private final String authorization;
    private final IdentityRuntime runtime;
    private final Duration cacheTtl;
    private final int maximumCacheSize;
    private final Duration timeout;
    private final HttpClient client;
    private final ConcurrentHashMap<Key, Entry> cache = new ConcurrentHashMap<>();

    private IntrospectionTokenStatusResolver(Builder b) {
        this.endpoint = b.endpoint;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (form(b.clientId) + ":" + form(b.clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.runtime = b.runtime;
        this.cacheTtl = b.cacheTtl;
        this.maximumCacheSize = b.maximumCacheSize;
        this.timeout = b.timeout;
        this.client = b.client != null ? b.client : BoundedHttp.newClient(b.timeout);
    }

    /**
     * A builder for the endpoint at {@code endpoint} with this resource server's client credentials.
     *
     * @param endpoint the issuer's introspection endpoint; {@code https} ({@code http} only on a loopback host)
     * @param clientId the resource server's client id at the issuer
     * @param clientSecret its secret (sent as HTTP Basic credentials, never logged)
     * @param runtime the clock of the answer cache
     */
    public static Builder builder(URI endpoint, String clientId, String clientSecret, IdentityRuntime runtime) {
        return new Builder(endpoint, clientId, clientSecret, runtime);
    }

    @Override
    public TokenStatus status(Query query) {
        Objects.requireNonNull(query, "query");
        Key key = new Key(query.org(), query.jwtId());
        Instant now = runtime.now();
        Entry cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.status();
        }
        TokenStatus status = introspect(query.token());
        remember(key, status, now, query.expiresAt());
        return status;
    }

    /** {@code cacheTtl}: the longest an answer is reused. */
    @Override
    public Duration maxStaleness() {
        return cacheTtl;
    }

    private TokenStatus introspect(String token) {
        String body = "token=" + form(token) + "&token_type_hint=access_token";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        BoundedHttp.Response response;
        try {
            response = BoundedHttp.send(client, request, MAX_RESPONSE_BYTES, timeout);
        } catch (IOException e) {
            throw unavailable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        if (response.status() != 200) {
            if (response.status() == 401) {
                LOG.warn("the introspection endpoint {} refused this resource server's client credentials", endpoint);
            }
            throw unavailable("status " + response.status(), null);
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(new String(response.body(), StandardCharsets.UTF_8));
        } catch (ParseException | RuntimeException e) {
            throw unavailable("the response is not a JSON object", e);
        }
        // RFC 7662 §2.2: "active" REQUIRED, a boolean indicator of whether the token is currently active
        if (!(json.get("active") instanceof Boolean active)) {
            throw unavailable("the response has no boolean 'active'", null);
        }
        return active ? TokenStatus.ACTIVE : TokenStatus.INACTIVE;
    }

    private void remember(Key key, TokenStatus status, Instant now, Instant expiresAt) {
        if (cacheTtl.isZero()) {
            return;
        }
        Instant until = now.plus(cacheTtl);
        if (expiresAt.isBefore(until)) {
            until = expiresAt;
        }
        if (cache.size() >= maximumCacheSize) {
            cache.values().removeIf(e -> !now.isBefore(e.until()));
            if (cache.size() >= maximumCacheSize) {
                cache.clear(); // bounded: a flood of distinct tokens costs requests, never memory
            }
        }
        cache.put(key, new Entry(status, until));
    }

    /** How many answers are cached (for tests). */
    int cacheSize() {
        return cache.size();
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private IdentityException unavailable(String why, Throwable cause) {
        return new IdentityException(TokenErrors.STATUS_UNAVAILABLE, "The token cannot be validated now.",
                "introspection at " + endpoint + " unavailable: " + why, cause);
    }

    @Override
    public String toString() {
        return "IntrospectionTokenStatusResolver[" + endpoint + "]";
    }

    /**
     * Builds an {@link IntrospectionTokenStatusResolver}.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private final URI endpoint;
        private final String clientId;
        private final String clientSecret;
        private final IdentityRuntime runtime;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private int maximumCacheSize = 10_000;
        private Duration timeout = Duration.ofSeconds(2);
        private HttpClient client;

        private Builder(URI endpoint, String clientId, String clientSecret, IdentityRuntime runtime) {
            this.endpoint = BoundedHttp.requireHttpsOrLoopback(endpoint, "endpoint");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            if (clientId.isBlank() || clientSecret.isEmpty()) {
                throw new IllegalArgumentException("client id and secret must not be blank");
            }
        }

        /**
         * How long an answer is reused: the revocation bound (default 1 s, at most {@link #MAX_CACHE_TTL}; zero asks
         * the issuer on every verification).
         */
        public Builder cacheTtl(Duration value) {
            Objects.requireNonNull(value, "cacheTtl");
            if (value.isNegative() || value.compareTo(MAX_CACHE_TTL) > 0) {
                throw new IllegalArgumentException("cacheTtl must be between 0 and " + MAX_CACHE_TTL);
            }
            this.cacheTtl = value;
            return this;
        }

        /** The most answers held (default 10,000). */
        public Builder maximumCacheSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maximumCacheSize must be positive");
            }
            this.maximumCacheSize = value;
            return this;
        }

        /** The deadline for connecting and for the whole response (default 2 s, at most 30 s). */
        public Builder timeout(Duration value) {
            this.timeout = BoundedHttp.requireTimeout(value);
            return this;
        }

        /**
         * A client of the host's (for example with its own trust store); it must never follow redirects
         * ({@link HttpClient.Redirect#NEVER}, the JDK default). Default: a client of this resolver's own.
         */
        public Builder httpClient(HttpClient value) {
            this.client = BoundedHttp.requireNoRedirects(value);
            return this;
        }

        public IntrospectionTokenStatusResolver build() {
            return new IntrospectionTokenStatusResolver(this);
        }
    }
}
