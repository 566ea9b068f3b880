package io.partnerid.federation.exchange;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.JwtClaims;
import io.partnerid.core.token.JwtRules;
import io.partnerid.core.token.JwtValidator;
import io.partnerid.core.token.RejectionReason;
import io.partnerid.core.token.TokenVerification;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps "validate subject token" and "validate actor token" (T1, T9, T10, M4; RFC 8693 §2.1: the token is validated
 * in full before anything is minted). Our own tokens: {@link AccessTokenService#verify} with {@code aud} = this STS
 * (signature, {@code exp}, revocation, organization status), then the cross-organization trust. Partner tokens: only
 * the issuers trusted by this organization, with their own keys (R9), exact {@code iss}, {@code aud}, and {@code typ}
 * per declared type. Non-JWT types: the host's {@link AssertionValidator}.
 *
 * <p>Thread-safe; the service builds one for subject tokens and one for actor tokens, once.
 */
final class TokenValidation {

    private static final Logger LOG = LoggerFactory.getLogger(TokenValidation.class);
    private static final Duration EXTERNAL_SKEW = Duration.ofSeconds(60);

    /** Which token this instance validates: it decides the error code of an invalid token. */
    enum Role {
        SUBJECT(ExchangeErrors.SUBJECT_TOKEN_INVALID, "The subject token is invalid."),
        ACTOR(ExchangeErrors.ACTOR_TOKEN_INVALID, "The actor token is invalid.");

        final ErrorCode invalid;
        final String description;

        Role(ErrorCode invalid, String description) {
            this.invalid = invalid;
            this.description = description;
        }
    }

    private final Role role;
    private final AccessTokenService tokens;
    private final Set<String> selfAudience;
    private final Map<TokenType, AssertionValidator> assertionValidators;
    private final JwtValidator validator;
    private final ExternalIssuerKeys externalKeys;
    private final IdentityRuntime runtime;

    TokenValidation(Role role, AccessTokenService tokens, String selfAudience,
                    Map<TokenType, AssertionValidator> assertionValidators, JwtValidator validator,
                    ExternalIssuerKeys externalKeys, IdentityRuntime runtime) {
        this.role = Objects.requireNonNull(role, "role");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.selfAudience = Set.of(selfAudience);
        this.assertionValidators = Map.copyOf(assertionValidators);
        this.validator = Objects.requireNonNull(validator, "validator");
        this.externalKeys = Objects.requireNonNull(externalKeys, "externalKeys");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * The {@code iss} a JWT claims, unverified (for the audit trail and to pick the keys); empty for a token that is
     * not a JWT, and for a type validated by an {@link AssertionValidator}.
     */
    Optional<String> claimedIssuer(PresentedToken token) {
        return assertionValidators.containsKey(token.type()) ? Optional.empty()
                : JwtValidator.unverifiedIssuer(token.value());
    }

    /**
     * Validates {@code token} for the organization of {@code policy}; {@code claimedIssuer} is
     * {@link #claimedIssuer(PresentedToken)}. Refuses {@code exchange.subject_token_invalid} (or
     * {@code actor_token_invalid}), {@code exchange.unsupported_token_type} (T9), {@code exchange.org_not_trusted},
     * {@code exchange.issuer_not_trusted} (T10).
     */
    StepOutcome<ValidatedToken> validate(PresentedToken token, Optional<String> claimedIssuer, ExchangePolicy policy) {
        AssertionValidator assertions = assertionValidators.get(token.type());
        if (assertions != null) {
            TokenVerification v = assertions.validate(token.value(), policy, runtime.now());
            if (!(v instanceof TokenVerification.Verified ok) || ok.claims().subject().isEmpty()
                    || ok.claims().expiresAt().isEmpty()) {
                return invalid();
            }
            String iss = ok.claims().issuer().orElse("");
            return StepOutcome.pass(new ValidatedToken(ok.claims(), iss, false, policy.trustedIssuer(iss)));
        }
        if (claimedIssuer.isEmpty()) {
            return invalid();
        }
        String iss = claimedIssuer.get();
        if (iss.equals(tokens.issuer())) {
            return validateOurs(token, iss, policy);
        }
        Optional<TrustedIssuer> trusted = policy.trustedIssuer(iss);
        if (trusted.isEmpty()) {
            // T10: issuer trust is per organization
            return StepOutcome.refuse(ExchangeErrors.ISSUER_NOT_TRUSTED, role.description);
        }
        TokenVerification v = validator.validate(token.value(), rules(trusted.get(), token.type()),
                externalKeys.source(trusted.get()));
        if (!(v instanceof TokenVerification.Verified ok)) {
            return rejected((TokenVerification.Rejected) v);
        }
        if (token.type().equals(TokenType.ACCESS_TOKEN) && !trusted.get().typedAccessTokens()
                && looksLikeIdToken(ok.claims())) {
            // T9: an ID token presented as an access token
            return typeMismatch();
        }
        return StepOutcome.pass(new ValidatedToken(ok.claims(), iss, false, trusted));
    }

    private StepOutcome<ValidatedToken> validateOurs(PresentedToken token, String iss, ExchangePolicy policy) {
        if (!token.type().equals(TokenType.ACCESS_TOKEN)) {
            // T9: our tokens are access tokens; claiming another type is a confusion attempt
            return typeMismatch();
        }
        TokenVerification v = tokens.verify(token.value(), selfAudience);
        if (!(v instanceof TokenVerification.Verified ok)) {
            return rejected((TokenVerification.Rejected) v);
        }
        OrgId tokenOrg = ok.claims().orgId().orElseThrow();
        // M4: a token of organization B presented at organization A needs an explicit A -> B trust
        if (!tokenOrg.equals(policy.org()) && !policy.trustedOrgs().contains(tokenOrg)) {
            return StepOutcome.refuse(ExchangeErrors.ORG_NOT_TRUSTED, role.description);
        }
        return StepOutcome.pass(new ValidatedToken(ok.claims(), iss, true, Optional.empty()));
    }

    private StepOutcome<ValidatedToken> invalid() {
        return StepOutcome.refuse(role.invalid, role.description);
    }

    private static StepOutcome<ValidatedToken> typeMismatch() {
        return StepOutcome.refuse(ExchangeErrors.UNSUPPORTED_TOKEN_TYPE, "The token type does not match the token.");
    }

    /** A {@code typ} that does not fit the declared token type is a type error (T9), anything else invalid_grant. */
    private StepOutcome<ValidatedToken> rejected(TokenVerification.Rejected rejected) {
        LOG.debug("{} token refused: {}", role, rejected.reason());
        return rejected.reason() == RejectionReason.WRONG_TYPE ? typeMismatch() : invalid();
    }

    /** J8/T9: {@code typ} per declared token type. */
    private static JwtRules rules(TrustedIssuer issuer, TokenType type) {
        Set<String> types;
        boolean untyped;
        if (type.equals(TokenType.ACCESS_TOKEN)) {
            types = issuer.typedAccessTokens() ? Set.of(JwtRules.ACCESS_TOKEN_TYPE)
                    : Set.of(JwtRules.ACCESS_TOKEN_TYPE, JwtRules.JWT_TYPE);
            untyped = !issuer.typedAccessTokens();
        } else {
            types = Set.of(JwtRules.JWT_TYPE);
            untyped = true;
        }
        return new JwtRules(issuer.issuer(), Set.of(issuer.audience()), types, untyped, issuer.algorithms(),
                EXTERNAL_SKEW, Optional.empty(), Set.of("sub"));
    }

    private static boolean looksLikeIdToken(JwtClaims claims) {
        return claims.get("nonce").isPresent() || claims.get("at_hash").isPresent()
                || claims.get("c_hash").isPresent() || claims.get("auth_time").isPresent();
    }
}
