package io.partnerid.core.token;

import java.net.URI;
import java.util.Objects;

/**
 * Where a {@link ResourceServerVerifier} obtains the issuer's public JWKS document (RFC 7517 §5), for example the
 * issuer's {@code /.well-known/jwks.json}.
 *
 * <p>Implementations must be thread-safe. The verifier calls {@link #fetch()} when its cached keys are older than
 * their maximum age or a token names a kid it does not know, never more often than its minimum refetch interval,
 * one call at a time; the answer is parsed with {@code JsonWebKeys} (private, symmetric and unusable keys are
 * skipped). A source never takes a location from a token.
 */
@FunctionalInterface
public interface JwksSource {

    /**
     * The issuer's current JWKS document as JSON, at most {@link JsonWebKeys#MAX_JWKS_CHARS} characters.
     *
     * @throws io.partnerid.core.IdentityException {@code token.jwks_unavailable} when it cannot be obtained; the
     *     verifier keeps the keys of its last successful fetch until they are older than its maximum staleness
     */
    String fetch();

    /**
     * The JWKS at {@code jwksUri} over HTTP with the defaults of {@link HttpJwksSource}: 5 s timeouts, no redirects,
     * status 200 only, 64 KiB cap, {@code https} ({@code http} only on a loopback host).
     */
    static JwksSource http(URI jwksUri) {
        return HttpJwksSource.builder(jwksUri).build();
    }

    /** A fixed document, for keys distributed out of band and for tests. */
    static JwksSource of(String jwksJson) {
        Objects.requireNonNull(jwksJson, "jwksJson");
        return () -> jwksJson;
    }
}
