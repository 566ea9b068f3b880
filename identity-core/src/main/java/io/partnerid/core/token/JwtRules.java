package io.partnerid.core.token;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a JWT must satisfy for one use: exact issuer, accepted audiences, accepted {@code typ} values, algorithms,
 * clock skew and required claims.
 *
 * <p>Immutable and thread-safe. {@code typ} values are compared case-insensitively without an
 * {@code application/} prefix (RFC 7515 §4.1.9).
 *
 * @param issuer the exact {@code iss} (RFC 8725 §3.8: no prefix or case games)
 * @param audiences {@code aud} must contain at least one of these
 * @param acceptedTypes accepted {@code typ} values, normalized
 * @param allowUntyped whether a token without {@code typ} is accepted
 * @param algorithms the algorithms accepted from this issuer
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}, at most five minutes
 * @param maxAge when present, {@code iat} may not be older than this
 * @param requiredClaims claims that must be present (beyond {@code iss}, {@code aud}, {@code exp}, {@code iat})
 */
public record JwtRules(String issuer, Set<String> audiences, Set<String> acceptedTypes, boolean allowUntyped,
                       Set<SigningAlgorithm> algorithms, Duration clockSkew, Optional<Duration> maxAge,
                       Set<String> requiredClaims) {

    /** The {@code typ} of RFC 9068 access tokens. */
    public static final String ACCESS_TOKEN_TYPE = "at+jwt";
    /** The generic {@code typ}. */
    public static final String JWT_TYPE = "jwt";

    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    public JwtRules {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(maxAge, "maxAge");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be blank");
        }
        audiences = Set.copyOf(audiences);
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("at least one accepted audience");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String t : acceptedTypes) {
            types.add(normalizeType(t));
        }
        acceptedTypes = Set.copyOf(types);
        if (acceptedTypes.isEmpty() && !allowUntyped) {
            throw new IllegalArgumentException("accept some typ or untyped tokens");
        }
        algorithms = Set.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_SKEW) > 0) {
            throw new IllegalArgumentException("clock skew must be between 0 and 5 minutes");
        }
        requiredClaims = Set.copyOf(requiredClaims);
    }

    /** RFC 9068 access tokens: {@code typ at+jwt} only, all SDK algorithms, 30 s skew, {@code sub} and {@code jti}. */
    public static JwtRules accessTokens(String issuer, Set<String> audiences) {
        return new JwtRules(issuer, audiences, Set.of(ACCESS_TOKEN_TYPE), false, EnumSet.allOf(SigningAlgorithm.class),
                Duration.ofSeconds(30), Optional.empty(), Set.of("sub", "jti"));
    }

    /** Lower case, without an {@code application/} prefix. */
    public static String normalizeType(String typ) {
        String t = typ.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("application/") ? t.substring("application/".length()) : t;
    }

    public JwtRules withAlgorithms(Set<SigningAlgorithm> newAlgorithms) {
        return new JwtRules(issuer, audiences, acceptedTypes, allowUntyped, newAlgorithms, clockSkew, maxAge,
                requiredClaims);
    }

    public JwtRules withTypes(Set<String> types, boolean untyped) {
        return new JwtRules(issuer, audiences, types, untyped, algorithms, clockSkew, maxAge, requiredClaims);
    }

    public JwtRules withAudiences(Set<String> newAudiences) {
        return new JwtRules(issuer, newAudiences, acceptedTypes, allowUntyped, algorithms, clockSkew, maxAge,
                requiredClaims);
    }

    public JwtRules withClockSkew(Duration skew) {
        return new JwtRules(issuer, audiences, acceptedTypes, allowUntyped, algorithms, skew, maxAge, requiredClaims);
    }

    public JwtRules withMaxAge(Optional<Duration> age) {
        return new JwtRules(issuer, audiences, acceptedTypes, allowUntyped, algorithms, clockSkew, age,
                requiredClaims);
    }

    public JwtRules withRequiredClaims(Set<String> claims) {
        return new JwtRules(issuer, audiences, acceptedTypes, allowUntyped, algorithms, clockSkew, maxAge, claims);
    }
}
