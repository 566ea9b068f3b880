package io.partnerid.core.token;

import io.partnerid.core.IdentityException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link JwksSource} that GETs the issuer's JWKS document over {@code java.net.http}.
 *
 * <p>Thread-safe (the client is). Only {@code https} URLs are accepted, plain {@code http} only on a loopback host
 * ({@code 127.0.0.1}, {@code [::1]}, {@code localhost}); redirects are never followed; only status 200 is an
 * answer; the whole exchange must finish within the timeout (default 5 s); a body larger than
 * {@link JsonWebKeys#MAX_JWKS_CHARS} bytes is cut off and refused. Any failure is
 * {@code token.jwks_unavailable}.
 *
 * <pre>{@code
 * JwksSource jwks = HttpJwksSource.builder(URI.create("https://id.example.com/.well-known/jwks.json"))
 *         .timeout(Duration.ofSeconds(3))
 *         .build();
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>
 */
public final class HttpJwksSource implements JwksSource {

    private final URI jwksUri;
    private final Duration timeout;
    private final HttpClient client;

    private HttpJwksSource(Builder b) {
        this.jwksUri = b.jwksUri;
        this.timeout = b.timeout;
        this.client = b.client != null ? b.client : BoundedHttp.newClient(b.timeout);
    }

    /** A builder for the JWKS at {@code jwksUri}. */
    public static Builder builder(URI jwksUri) {
        return new Builder(jwksUri);
    }

    /** Where the document is fetched from. */
    public URI jwksUri() {
        return jwksUri;
    }

    @Override
    public String fetch() {
        HttpRequest request = HttpRequest.newBuilder(jwksUri).timeout(timeout)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        BoundedHttp.Response response;
        try {
            response = BoundedHttp.send(client, request, JsonWebKeys.MAX_JWKS_CHARS, timeout);
        } catch (IOException e) {
            throw unavailable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        if (response.status() != 200) {
            throw unavailable("status " + response.status(), null);
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private IdentityException unavailable(String why, Throwable cause) {
        return new IdentityException(TokenErrors.JWKS_UNAVAILABLE, "The token cannot be validated now.",
                "JWKS at " + jwksUri + " unavailable: " + why, cause);
    }

    @Override
    public String toString() {
        return "HttpJwksSource[" + jwksUri + "]";
    }

    /**
     * Builds an {@link HttpJwksSource}.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private final URI jwksUri;
        private Duration timeout = Duration.ofSeconds(5);
        private HttpClient client;

        private Builder(URI jwksUri) {
            this.jwksUri = BoundedHttp.requireHttpsOrLoopback(jwksUri, "jwksUri");
        }

        /** The deadline for connecting and for the whole response (default 5 s, at most 30 s). */
        public Builder timeout(Duration value) {
            this.timeout = BoundedHttp.requireTimeout(value);
            return this;
        }

        /**
         * A client of the host's (for example with its own trust store); it must never follow redirects
         * ({@link HttpClient.Redirect#NEVER}, the JDK default). Default: a client of this source's own.
         */
        public Builder httpClient(HttpClient value) {
            this.client = BoundedHttp.requireNoRedirects(value);
            return this;
        }

        public HttpJwksSource build() {
            Objects.requireNonNull(jwksUri, "jwksUri");
            return new HttpJwksSource(this);
        }
    }
}
