package io.partnerid.federation.exchange;

import io.partnerid.core.token.SigningAlgorithm;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * A partner identity provider whose tokens an organization accepts as subject or actor tokens.
 *
 * <p>Immutable and thread-safe. Trust is per organization: the same issuer trusted by org B means nothing at org A.
 * Keys come only from {@code jwksUri}; nothing in a token can point elsewhere.
 *
 * @param issuer the exact {@code iss}
 * @param jwksUri where its keys are published; {@code https}, or {@code http} on a loopback address for tests
 * @param algorithms the algorithms accepted from it
 * @param audience the value its tokens must carry in {@code aud} to be meant for our token exchange (RFC 8693 §2.1)
 * @param typedAccessTokens whether its access tokens carry {@code typ: at+jwt} (RFC 9068); when false, a token
 *     presented as an access token must at least not look like an ID token
 */
public record TrustedIssuer(String issuer, URI jwksUri, Set<SigningAlgorithm> algorithms, String audience,
                            boolean typedAccessTokens) {

    public TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUri, "jwksUri");
        algorithms = Set.copyOf(algorithms);
        Objects.requireNonNull(audience, "audience");
        if (issuer.isBlank() || audience.isBlank() || algorithms.isEmpty()) {
            throw new IllegalArgumentException("issuer, audience and algorithms are required");
        }
        boolean loopback = "http".equals(jwksUri.getScheme()) && jwksUri.getHost() != null
                && (jwksUri.getHost().equals("127.0.0.1") || jwksUri.getHost().equals("localhost")
                || jwksUri.getHost().equals("[::1]"));
        if (!"https".equals(jwksUri.getScheme()) && !loopback) {
            throw new IllegalArgumentException("jwks_uri must be https (http only on loopback)");
        }
    }
}
