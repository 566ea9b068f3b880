package io.partnerid.federation.exchange;

import java.net.URI;

/**
 * Fetches a partner's JWKS document from its configured {@code jwks_uri}.
 *
 * <p>Implementations must be thread-safe, time out, and cap the response size. The SDK calls it only with a
 * {@link TrustedIssuer#jwksUri()} from policy, never with a URL taken from a token; at most once per issuer per
 * refetch interval. {@link #http} is the default.
 */
@FunctionalInterface
public interface JwksFetcher {

    /**
     * The JWKS document at {@code jwksUri}.
     *
     * @throws io.partnerid.core.IdentityException {@code exchange.jwks_unavailable} when it cannot be fetched
     */
    String fetch(URI jwksUri);

    /** Plain {@code java.net.http} with 5 s timeouts, no redirects, and a 64 KiB cap. */
    static JwksFetcher http() {
        return new HttpJwksFetcher();
    }
}
