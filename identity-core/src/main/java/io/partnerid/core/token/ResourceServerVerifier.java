package io.partnerid.core.token;

import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.org.OrgId;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies this SDK's access tokens (RFC 9068, {@code typ: at+jwt}) in a resource server that holds only the
 * issuer's public JWKS: no private keys, no signing-key store.
 *
 * <p>Thread-safe. The checks are those of {@link AccessTokenService#verify}, through the same {@link JwtValidator}
 * pipeline: size and form, {@code alg} among the allowed algorithms and pinned to each key, no {@code crit}, no
 * key-reference header ({@code jku}, {@code x5u}, {@code jwk}), {@code typ at+jwt}, the signature by a key of the
 * issuer's JWKS, exact {@code iss}, {@code aud} among this server's audiences, {@code exp}/{@code nbf}/{@code iat}
 * with bounded skew, {@code sub}, {@code jti} and {@code org_id} present. Then the {@link TokenStatusResolver}:
 * revoked tokens and tokens of unknown or suspended organizations are rejected, and so is every token while the
 * status source cannot answer ({@link RejectionReason#STATUS_UNAVAILABLE}, fail closed).
 *
 * <p>Keys come only from the configured {@link JwksSource}. They are cached for {@code jwksMaxAge} (default 5 min)
 * and refetched early when a token names an unknown kid, at most once per {@code jwksMinRefetch} (default
 * 10 s). When fetches fail, the last fetched keys stay trusted until they are {@code jwksMaxStale} old
 * (default 1 h), then no token verifies until a fetch succeeds. Revocation bound: the resolver's
 * {@link TokenStatusResolver#maxStaleness()}.
 *
 * <pre>{@code
 * ResourceServerVerifier verifier = ResourceServerVerifier.builder("https://id.example.com",
 *                 Set.of("https://orders.example.com"),
 *                 JwksSource.http(URI.create("https://id.example.com/.well-known/jwks.json")),
 *                 IntrospectionTokenStatusResolver.builder(introspectionUri, "orders-api", secret, runtime).build(),
 *                 runtime)
 *         .build();
 * TokenVerification result = verifier.verify(bearerToken);
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
public final class ResourceServerVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceServerVerifier.class);

    private final String issuer;
    private final Set<String> audiences;
    private final TokenStatusResolver status;
    private final JwtRules rules;
    private final JwtValidator validator;
    private final KeySource keys;

    private ResourceServerVerifier(Builder b) {
        this.issuer = b.issuer;
        this.audiences = b.audiences;
        this.status = b.status;
        this.rules = JwtRules.accessTokens(b.issuer, b.audiences).withAlgorithms(b.algorithms)
                .withClockSkew(b.clockSkew).withRequiredClaims(Set.of("sub", "jti", JwtClaims.ORG_ID));
        this.validator = new JwtValidator(b.runtime.clock());
        this.keys = new JwksKeyCache(b.jwks, new JsonWebKeys(), b.algorithms, b.runtime.clock(), b.jwksMaxAge,
                b.jwksMinRefetch, b.jwksMaxStale);
    }

    /**
     * A builder with the required collaborators.
     *
     * @param issuer the exact {@code iss} of the tokens
     * @param audiences this resource server's identifiers; a token's {@code aud} must name one of them
     * @param jwks where the issuer's public keys come from
     * @param status where revocation and organization status come from
     * @param runtime the clock for expiry checks and key caching
     */
    public static Builder builder(String issuer, Set<String> audiences, JwksSource jwks, TokenStatusResolver status,
                                  IdentityRuntime runtime) {
        return new Builder(issuer, audiences, jwks, status, runtime);
    }

    /** The {@code iss} tokens must carry. */
    public String issuer() {
        return issuer;
    }

    /** The audiences this verifier accepts. */
    public Set<String> audiences() {
        return audiences;
    }

    /**
     * Fully verifies an access token: signature and claims, then its status. Never throws for bad input or an
     * unavailable key or status source.
     */
    public TokenVerification verify(String token) {
        Objects.requireNonNull(token, "token");
        TokenVerification result = validator.validate(token, rules, keys);
        if (!(result instanceof TokenVerification.Verified verified)) {
            return result;
        }
        JwtClaims claims = verified.claims();
        Optional<OrgId> org = claims.orgId();
        if (org.isEmpty()) {
            return reject(RejectionReason.ORG_NOT_ACTIVE);
        }
        TokenStatus answer;
        try {
            answer = status.status(new TokenStatusResolver.Query(org.get(), claims.jwtId().orElseThrow(),
                    claims.expiresAt().orElseThrow(), token));
        } catch (IdentityException e) {
            LOG.warn("token status unavailable ({}); rejecting", e.code());
            return reject(RejectionReason.STATUS_UNAVAILABLE);
        } catch (RuntimeException e) {
            LOG.warn("token status resolver failed ({}); rejecting", e.getClass().getSimpleName());
            return reject(RejectionReason.STATUS_UNAVAILABLE);
        }
        if (answer == null) {
            return reject(RejectionReason.STATUS_UNAVAILABLE);
        }
        return switch (answer) {
            case ACTIVE -> verified;
            case REVOKED -> reject(RejectionReason.REVOKED);
            case ORGANIZATION_NOT_ACTIVE -> reject(RejectionReason.ORG_NOT_ACTIVE);
            case INACTIVE -> reject(RejectionReason.INACTIVE);
        };
    }

    private static TokenVerification reject(RejectionReason reason) {
        LOG.debug("token rejected: {}", reason);
        return new TokenVerification.Rejected(reason);
    }

    /**
     * Builds a {@link ResourceServerVerifier}.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private final String issuer;
        private final Set<String> audiences;
        private final JwksSource jwks;
        private final TokenStatusResolver status;
        private final IdentityRuntime runtime;
        private Set<SigningAlgorithm> algorithms = EnumSet.allOf(SigningAlgorithm.class);
        private Duration clockSkew = Duration.ofSeconds(30);
        private Duration jwksMaxAge = Duration.ofMinutes(5);
        private Duration jwksMinRefetch = Duration.ofSeconds(10);
        private Duration jwksMaxStale = Duration.ofHours(1);

        private Builder(String issuer, Set<String> audiences, JwksSource jwks, TokenStatusResolver status,
                        IdentityRuntime runtime) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            this.audiences = Set.copyOf(Objects.requireNonNull(audiences, "audiences"));
            this.jwks = Objects.requireNonNull(jwks, "jwks");
            this.status = Objects.requireNonNull(status, "status");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
            if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("at least one audience, none blank");
            }
        }

        /** The algorithms accepted from the issuer (default: all of {@link SigningAlgorithm}). */
        public Builder algorithms(Set<SigningAlgorithm> value) {
            Objects.requireNonNull(value, "algorithms");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("at least one algorithm");
            }
            this.algorithms = Set.copyOf(value);
            return this;
        }

        /** Tolerance for clock differences, at most five minutes (default 30 s). */
        public Builder clockSkew(Duration value) {
            Objects.requireNonNull(value, "clockSkew");
            if (value.isNegative() || value.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("clock skew must be between 0 and 5 minutes");
            }
            this.clockSkew = value;
            return this;
        }

        /** How long fetched keys are used before the JWKS is fetched again (default 5 min). */
        public Builder jwksMaxAge(Duration value) {
            this.jwksMaxAge = positive(value, "jwksMaxAge");
            return this;
        }

        /** The least time between two fetches, also those caused by unknown kids (default 10 s). */
        public Builder jwksMinRefetch(Duration value) {
            this.jwksMinRefetch = positive(value, "jwksMinRefetch");
            return this;
        }

        /**
         * How long after the last successful fetch its keys are still trusted while fetches fail (default 1 h, at
         * most 24 h, at least {@code jwksMaxAge}): a key the issuer removed stops verifying at the latest then.
         */
        public Builder jwksMaxStale(Duration value) {
            this.jwksMaxStale = positive(value, "jwksMaxStale");
            if (value.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("jwksMaxStale must be at most 24 hours");
            }
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        /**
         * @throws IllegalArgumentException when {@code jwksMinRefetch > jwksMaxAge} or
         *     {@code jwksMaxAge > jwksMaxStale}
         */
        public ResourceServerVerifier build() {
            if (jwksMinRefetch.compareTo(jwksMaxAge) > 0) {
                throw new IllegalArgumentException("jwksMinRefetch must not exceed jwksMaxAge");
            }
            if (jwksMaxAge.compareTo(jwksMaxStale) > 0) {
                throw new IllegalArgumentException("jwksMaxAge must not exceed jwksMaxStale");
            }
            return new ResourceServerVerifier(this);
        }
    }
}
