package io.partnerid.federation.exchange;

import io.partnerid.core.token.SigningAlgorithm;
import java.net.URI;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A partner identity provider whose tokens an organization accepts as subject or actor tokens.
 *
 * <p>Immutable and thread-safe. Trust is per organization: the same issuer trusted by org B means nothing at org A.
 * Keys come only from {@code jwksUri}; nothing in a token can point elsewhere. Build with
 * {@link #builder(String, String, URI)}:
 *
 * <pre>{@code
 * TrustedIssuer partner = TrustedIssuer.builder("https://login.partner-a.example",
 *                 "https://id.example.com/token", URI.create("https://login.partner-a.example/jwks"))
 *         .algorithms(SigningAlgorithm.RS256, SigningAlgorithm.ES256)
 *         .trustAuthenticationContext(true) // its acr/amr may satisfy our step-up rules
 *         .build();
 * }</pre>
 *
 * @param issuer the exact {@code iss}
 * @param jwksUri where its keys are published; {@code https}, or {@code http} on a loopback address for tests
 * @param algorithms the algorithms accepted from it
 * @param audience the value its tokens must carry in {@code aud} to be meant for our token exchange (RFC 8693 §2.1)
 * @param typedAccessTokens whether its access tokens carry {@code typ: at+jwt} (RFC 9068); when false, a token
 *     presented as an access token must at least not look like an ID token
 * @param trustAuthenticationContext whether the organization trusts this issuer's {@code acr} and {@code amr}: when
 *     false (the default) an exchanged token of its subject carries neither, so a partner-asserted {@code acr} never
 *     satisfies a step-up
 */
public record TrustedIssuer(String issuer, URI jwksUri, Set<SigningAlgorithm> algorithms, String audience,
                            boolean typedAccessTokens, boolean trustAuthenticationContext) {

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

    /**
     * The positional form of earlier releases, without trust in the issuer's authentication context.
     *
     * @deprecated use {@link #builder(String, String, URI)}; kept for one release so callers can migrate
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public TrustedIssuer(String issuer, URI jwksUri, Set<SigningAlgorithm> algorithms, String audience,
                         boolean typedAccessTokens) {
        this(issuer, jwksUri, algorithms, audience, typedAccessTokens, false);
    }

    /**
     * Starts a trusted issuer with its three required values. Defaults: algorithms RS256 and ES256, typed access
     * tokens ({@code at+jwt}) required, authentication context not trusted.
     *
     * @param issuer the exact {@code iss}
     * @param audience the {@code aud} its tokens must carry for our token exchange
     * @param jwksUri where its keys are published
     */
    public static Builder builder(String issuer, String audience, URI jwksUri) {
        return new Builder(issuer, audience, jwksUri);
    }

    /** Builds a {@link TrustedIssuer}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final String issuer;
        private final String audience;
        private final URI jwksUri;
        private Set<SigningAlgorithm> algorithms = EnumSet.of(SigningAlgorithm.RS256, SigningAlgorithm.ES256);
        private boolean typedAccessTokens = true;
        private boolean trustAuthenticationContext;

        private Builder(String issuer, String audience, URI jwksUri) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            this.audience = Objects.requireNonNull(audience, "audience");
            this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
        }

        /** The algorithms accepted from this issuer (default RS256 and ES256). */
        public Builder algorithms(SigningAlgorithm... values) {
            return algorithms(Set.of(values));
        }

        /** The algorithms accepted from this issuer (default RS256 and ES256). */
        public Builder algorithms(Collection<SigningAlgorithm> values) {
            this.algorithms = Set.copyOf(values);
            return this;
        }

        /**
         * Whether its access tokens carry {@code typ: at+jwt} (default true); when false, untyped and {@code JWT}
         * typed tokens are accepted as access tokens unless they look like ID tokens.
         */
        public Builder typedAccessTokens(boolean value) {
            this.typedAccessTokens = value;
            return this;
        }

        /**
         * Whether this issuer's {@code acr} and {@code amr} are carried into exchanged tokens (default false: they
         * are dropped, and the exchanged token asserts no authentication context).
         */
        public Builder trustAuthenticationContext(boolean value) {
            this.trustAuthenticationContext = value;
            return this;
        }

        public TrustedIssuer build() {
            return new TrustedIssuer(issuer, jwksUri, algorithms, audience, typedAccessTokens,
                    trustAuthenticationContext);
        }
    }
}
