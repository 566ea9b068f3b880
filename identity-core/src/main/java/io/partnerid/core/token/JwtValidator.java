package io.partnerid.core.token;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a compact JWS against {@link JwtRules} and keys from a {@link KeySource}: the one validation pipeline
 * for our own access tokens and for partner issuers' tokens.
 *
 * <p>Thread-safe; holds the injected clock and its own Bouncy Castle provider instance. The pipeline, in order:
 * <ol>
 *   <li>size limit; a compact JWS of three parts (a JWE or {@code alg: none} is refused);</li>
 *   <li>{@code alg} in the rules' set (RFC 8725 §3.1; {@code none} and {@code HS*} never are);</li>
 *   <li>no {@code crit} parameter (none is understood, RFC 7515 §4.1.11);</li>
 *   <li>no {@code jku}, {@code x5u}, {@code jwk}, {@code x5c}, {@code x5t} or {@code x5t#S256}: keys come only from
 *       the key source, never from or through the token (RFC 8725 §3.10, RFC 7515 §4.1.2–4.1.8);</li>
 *   <li>{@code typ} accepted for this use (RFC 8725 §3.11);</li>
 *   <li>keys: the source's candidates pinned to the header algorithm and, if present, the opaque kid; without a kid,
 *       each candidate in the source's order (a bounded number);</li>
 *   <li>signature;</li>
 *   <li>claims: exact {@code iss}, {@code aud}, {@code exp}/{@code nbf}/{@code iat} with bounded skew, required
 *       claims.</li>
 * </ol>
 *
 * <pre>{@code
 * JwtValidator validator = new JwtValidator(clock);
 * TokenVerification result = validator.validate(token, JwtRules.accessTokens(issuer, Set.of(audience)), keys);
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725">RFC 8725 JWT Best Current Practices</a>
 */
public final class JwtValidator {

    /** The largest token accepted, in characters. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;
    /** Without a kid, at most this many candidate keys are tried. */
    static final int MAX_KEYS_TRIED = 4;

    private static final Logger LOG = LoggerFactory.getLogger(JwtValidator.class);
    /** Registered or SDK claims that, when required, must be non-blank strings. */
    private static final java.util.Set<String> STRING_CLAIMS = java.util.Set.of("sub", "jti", "iss", "azp",
            "client_id", JwtClaims.ORG_ID);

    private final Clock clock;
    private final Jca jca;

    /** A validator on the injected clock, with its own Bouncy Castle provider instance. */
    public JwtValidator(Clock clock) {
        this(clock, new Jca());
    }

    JwtValidator(Clock clock, Jca jca) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jca = Objects.requireNonNull(jca, "jca");
    }

    /** Validates {@code token}; never throws for bad input. */
    public TokenVerification validate(String token, JwtRules rules, KeySource keys) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(keys, "keys");
        if (token.length() > MAX_TOKEN_CHARS) {
            return reject(RejectionReason.TOO_LARGE);
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(token);
        } catch (ParseException e) {
            return reject(classifyUnparseable(token));
        }
        JWSHeader header = jws.getHeader();

        Optional<SigningAlgorithm> algorithm = SigningAlgorithm.fromJwsName(header.getAlgorithm().getName());
        if (algorithm.isEmpty() || !rules.algorithms().contains(algorithm.get())) {
            return reject(RejectionReason.ALGORITHM_NOT_ALLOWED);
        }
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return reject(RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
        }
        if (namesKey(header)) {
            return reject(RejectionReason.KEY_REFERENCE_IN_HEADER);
        }
        if (!typeAccepted(header, rules)) {
            return reject(RejectionReason.WRONG_TYPE);
        }
        Map<String, Object> json = jws.getPayload().toJSONObject();
        if (json == null) {
            return reject(RejectionReason.MALFORMED);
        }
        JwtClaims claims = JwtClaims.of(json);

        Optional<String> kid = Optional.ofNullable(header.getKeyID());
        List<VerificationKey> candidates = pinned(keys.candidates(new KeySource.Query(kid, algorithm.get(), claims)),
                algorithm.get(), kid);
        if (candidates.isEmpty()) {
            return reject(RejectionReason.UNKNOWN_KEY);
        }
        Optional<VerificationKey> verifiedBy = verifySignature(jws, candidates);
        if (verifiedBy.isEmpty()) {
            return reject(RejectionReason.BAD_SIGNATURE);
        }
        Optional<RejectionReason> claimProblem = checkClaims(claims, rules);
        if (claimProblem.isPresent()) {
            return reject(claimProblem.get());
        }
        return new TokenVerification.Verified(claims, algorithm.get(), verifiedBy.get().kid());
    }

    /**
     * The {@code iss} claim of a compact JWS <em>before</em> any validation, to choose which issuer's rules and keys
     * apply; empty when the token is not a JWS with a string {@code iss}. Never trust anything else read this way.
     */
    public static Optional<String> unverifiedIssuer(String token) {
        Objects.requireNonNull(token, "token");
        if (token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = com.nimbusds.jose.util.JSONObjectUtils.parse(
                    new Base64URL(token.substring(first + 1, second)).decodeToString());
            return json.get("iss") instanceof String iss ? Optional.of(iss) : Optional.empty();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static TokenVerification reject(RejectionReason reason) {
        LOG.debug("token rejected: {}", reason);
        return new TokenVerification.Rejected(reason);
    }

    /** Step 1: what an unparseable token was: {@code alg: none}, a JWE, or garbage. */
    static RejectionReason classifyUnparseable(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return RejectionReason.MALFORMED;
        }
        try {
            Header header = Header.parse(new Base64URL(token.substring(0, dot)));
            if (header instanceof PlainHeader) {
                return RejectionReason.ALGORITHM_NOT_ALLOWED;
            }
            if (header instanceof JWEHeader) {
                return RejectionReason.UNSUPPORTED_FORM;
            }
            if (SigningAlgorithm.fromJwsName(header.getAlgorithm().getName()).isEmpty()) {
                return RejectionReason.ALGORITHM_NOT_ALLOWED;
            }
        } catch (ParseException | RuntimeException e) {
            return RejectionReason.MALFORMED;
        }
        return RejectionReason.MALFORMED;
    }

    /**
     * Step 4: whether the header carries or points at a key or certificate (RFC 7515 §4.1.2–4.1.8). The SDK takes
     * keys only from its key source; a header naming one is refused up front rather than ignored, so that no later
     * code path (or library upgrade) can be steered by it.
     */
    @SuppressWarnings("deprecation") // x5t (SHA-1 thumbprint) is deprecated in Nimbus, and refused here
    static boolean namesKey(JWSHeader header) {
        return header.getJWKURL() != null || header.getX509CertURL() != null || header.getJWK() != null
                || header.getX509CertChain() != null || header.getX509CertThumbprint() != null
                || header.getX509CertSHA256Thumbprint() != null;
    }

    /** Step 5: {@code typ} per use (RFC 8725 §3.11, RFC 9068 §2.1). */
    static boolean typeAccepted(JWSHeader header, JwtRules rules) {
        if (header.getType() == null) {
            return rules.allowUntyped();
        }
        return rules.acceptedTypes().contains(JwtRules.normalizeType(header.getType().getType()));
    }

    /** Step 6: only keys pinned to the header's algorithm, and with the header's kid when it has one. */
    static List<VerificationKey> pinned(List<VerificationKey> keys, SigningAlgorithm algorithm, Optional<String> kid) {
        List<VerificationKey> out = new ArrayList<>();
        for (VerificationKey key : keys) {
            if (key.algorithm() != algorithm) {
                continue;
            }
            if (kid.isPresent() && !kid.equals(key.kid())) {
                continue;
            }
            out.add(key);
            if (out.size() == MAX_KEYS_TRIED) {
                break;
            }
        }
        return out;
    }

    /** Step 7: the signature, with each pinned candidate in order. */
    private Optional<VerificationKey> verifySignature(JWSObject jws, List<VerificationKey> candidates) {
        for (VerificationKey key : candidates) {
            try {
                if (jws.verify(key.verifier(jca))) {
                    return Optional.of(key);
                }
            } catch (JOSEException | IllegalStateException e) {
                LOG.debug("signature check failed with an error: {}", e.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }

    /** Step 8: the registered claims (RFC 7519 §4.1, RFC 8725 §3.8–3.9). */
    Optional<RejectionReason> checkClaims(JwtClaims claims, JwtRules rules) {
        if (!claims.issuer().map(rules.issuer()::equals).orElse(false)) {
            return Optional.of(RejectionReason.WRONG_ISSUER);
        }
        if (claims.audience().stream().noneMatch(rules.audiences()::contains)) {
            return Optional.of(RejectionReason.WRONG_AUDIENCE);
        }
        Instant now = clock.instant();
        Optional<Instant> exp = claims.expiresAt();
        Optional<Instant> iat = claims.issuedAt();
        if (exp.isEmpty() || iat.isEmpty()) {
            return Optional.of(RejectionReason.MISSING_CLAIM);
        }
        if (!now.isBefore(exp.get().plus(rules.clockSkew()))) {
            return Optional.of(RejectionReason.EXPIRED);
        }
        Optional<Instant> nbf = claims.notBefore();
        if (nbf.isPresent() && nbf.get().isAfter(now.plus(rules.clockSkew()))) {
            return Optional.of(RejectionReason.NOT_YET_VALID);
        }
        if (iat.get().isAfter(now.plus(rules.clockSkew()))) {
            return Optional.of(RejectionReason.ISSUED_IN_FUTURE);
        }
        if (rules.maxAge().isPresent()
                && iat.get().plus(rules.maxAge().get()).plus(rules.clockSkew()).isBefore(now)) {
            return Optional.of(RejectionReason.TOO_OLD);
        }
        for (String name : rules.requiredClaims()) {
            Optional<Object> value = claims.get(name);
            boolean blank = value.isPresent() && value.get() instanceof String s && s.isBlank();
            boolean notString = value.isPresent() && STRING_CLAIMS.contains(name) && !(value.get() instanceof String);
            if (value.isEmpty() || blank || notString) {
                return Optional.of(RejectionReason.MISSING_CLAIM);
            }
        }
        return Optional.empty();
    }
}
