package io.partnerid.federation.exchange;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.JsonWebKeys;
import io.partnerid.core.token.JwtValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.0 Token Exchange endpoint logic (RFC 8693), organization-aware and framework-agnostic.
 *
 * <p>Thread-safe. One call handles one request received at one organization's token endpoint. The request runs
 * through a fixed sequence of small named steps, built once with the service; each step either passes its result to
 * the next or refuses, which ends the exchange (and every request, issued or refused, is audited):
 * <ol>
 *   <li><b>parse request</b> ({@link ExchangeRequestParser}): grant type, no repeated single-valued parameters,
 *       RFC 8693 form (Nimbus OAuth 2.0 SDK), well-formed {@code resource} targets;</li>
 *   <li><b>authenticate client</b> ({@link ClientAuthentication}): only at the organization that owns it
 *       ({@code invalid_client}, R5);</li>
 *   <li><b>resolve policy</b> ({@link PolicyResolution}): the organization is active (through the node's
 *       {@link OrganizationStatusCache}, bounded staleness), has a policy, and the client may exchange here
 *       ({@code unauthorized_client}, T7);</li>
 *   <li><b>check token types</b> ({@link TokenTypeCheck}): supported subject/actor types, no refresh token (T9);</li>
 *   <li><b>validate subject token</b> ({@link TokenValidation}): fully, against the issuers trusted <em>for this
 *       organization</em> or, for our own tokens, by the {@link AccessTokenService} (signature, {@code iss},
 *       {@code aud} = this STS, {@code exp}, revocation, organization status) — T1, T10, M4, R9; a token of our
 *       organization B presented at organization A needs an explicit A→B trust;</li>
 *   <li><b>check the subject is a user</b> ({@link UserSubjectCheck}) when the policy says so (T8);</li>
 *   <li><b>validate actor token</b>, when given, the same way;</li>
 *   <li><b>check delegation</b> ({@link DelegationCheck}): {@code may_act} (T2, T3), impersonation only with the
 *       policy's consent, the new {@code act} chain within the depth cap (T4), re-exchange bounded (T11);</li>
 *   <li><b>check audience</b> ({@link TargetCheck}): every requested {@code audience}/{@code resource} reachable and
 *       allowed, or {@code invalid_target} (T5);</li>
 *   <li><b>check scope</b> ({@link ScopeCheck}): requested ⊆ (subject token's scopes ∩ client's allowed scopes), else
 *       {@code invalid_scope} (T6);</li>
 *   <li><b>bound the lifetime</b> ({@link LifetimeCheck}): ≤ min(policy maximum, subject and actor tokens'
 *       remaining lifetime) (T11);</li>
 *   <li><b>map the subject</b> ({@link SubjectMapping}): a partner's subject becomes a {@link ForeignSubject}, its
 *       {@code acr}/{@code amr} only when trusted ({@link TrustedIssuer#trustAuthenticationContext()}) (R1);</li>
 *   <li><b>issue</b> ({@link TokenIssuance}), no refresh token; <b>audit</b> ({@link ExchangeAudit}).</li>
 * </ol>
 *
 * <pre>{@code
 * TokenExchangeService exchange = TokenExchangeService.builder()
 *         .tokens(core.tokens())
 *         .organizationStatus(core.organizationStatus())
 *         .auditPublisher(core.auditPublisher())
 *         .runtime(core.runtime())
 *         .policies(policies)
 *         .clients(clients)
 *         .build();
 * ExchangeOutcome outcome = exchange.exchange(new ExchangeRequest(orgId, credentials, formParameters));
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8693">RFC 8693</a>
 */
public final class TokenExchangeService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenExchangeService.class);

    /** The claim counting how many exchanges produced a token of ours along one chain. */
    public static final String EXCHANGE_COUNT_CLAIM = "xch";
    /** The claim naming the subject's original issuer when it is a partner's ({@link ForeignSubject#ISSUER_CLAIM}). */
    public static final String SUBJECT_ISSUER_CLAIM = ForeignSubject.ISSUER_CLAIM;
    /** The claim holding the partner's original {@code sub} ({@link ForeignSubject#SUBJECT_CLAIM}). */
    public static final String EXTERNAL_SUBJECT_CLAIM = ForeignSubject.SUBJECT_CLAIM;
    /** The claim naming the subject's organization when it differs from the token's. */
    public static final String SUBJECT_ORG_CLAIM = "sub_org";

    private final String selfAudience;
    private final ExchangeRequestParser parser = new ExchangeRequestParser();
    private final ClientAuthentication clientAuthentication;
    private final PolicyResolution policyResolution;
    private final TokenTypeCheck tokenTypes;
    private final TokenValidation subjectTokens;
    private final UserSubjectCheck userSubject = new UserSubjectCheck();
    private final TokenValidation actorTokens;
    private final DelegationCheck delegation = new DelegationCheck();
    private final TargetCheck targets = new TargetCheck();
    private final ScopeCheck scopes = new ScopeCheck();
    private final LifetimeCheck lifetime;
    private final SubjectMapping subjectMapping = new SubjectMapping();
    private final TokenIssuance issuance;
    private final ExchangeAudit audit;

    private TokenExchangeService(Builder b) {
        this.selfAudience = b.selfAudience.orElse(b.tokens.issuer());
        Map<TokenType, AssertionValidator> assertions = Map.copyOf(b.assertionValidators);
        JwtValidator validator = new JwtValidator(b.runtime.clock());
        // the default HTTP fetcher (and its client thread) is created only when the host supplies none
        ExternalIssuerKeys externalKeys = new ExternalIssuerKeys(b.jwksFetcher.orElseGet(JwksFetcher::http),
                new JsonWebKeys(), b.runtime.clock(), b.jwksMinRefetch, b.jwksMaxAge, b.jwksMaxStale());
        this.clientAuthentication = new ClientAuthentication(b.clients);
        this.policyResolution = new PolicyResolution(b.organizationStatus, b.policies);
        this.tokenTypes = new TokenTypeCheck(assertions.keySet());
        this.subjectTokens = new TokenValidation(TokenValidation.Role.SUBJECT, b.tokens, selfAudience, assertions,
                validator, externalKeys, b.runtime);
        this.actorTokens = new TokenValidation(TokenValidation.Role.ACTOR, b.tokens, selfAudience, assertions,
                validator, externalKeys, b.runtime);
        this.lifetime = new LifetimeCheck(b.tokens.maxLifetime(), b.runtime);
        this.issuance = new TokenIssuance(b.tokens);
        this.audit = new ExchangeAudit(b.organizationStatus, b.audit, b.runtime);
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code aud} value that names this token exchange service in tokens of our own issuer. */
    public String selfAudience() {
        return selfAudience;
    }

    /** Handles one token exchange request; never throws for bad input. */
    public ExchangeOutcome exchange(ExchangeRequest request) {
        Objects.requireNonNull(request, "request");
        ExchangeAudit.Trace trace = new ExchangeAudit.Trace();
        ExchangeOutcome outcome;
        try {
            outcome = run(request, trace);
            if (outcome instanceof ExchangeOutcome.Refused refused) {
                LOG.debug("token exchange refused at {}: {}", request.org(), refused.code());
            }
        } catch (IdentityException e) {
            LOG.warn("token exchange failed at {}: {}", request.org(), e.code());
            outcome = ExchangeOutcome.Refused.of(ErrorCode.of(e.code().value(), "invalid_request",
                    "https://www.rfc-editor.org/rfc/rfc8693#section-2.2.2"), "The request cannot be served.");
        }
        audit.publish(request, trace, outcome);
        return outcome;
    }

    /** The steps in order; the first refusal ends the exchange. */
    private ExchangeOutcome run(ExchangeRequest request, ExchangeAudit.Trace trace) {
        StepOutcome<ParsedExchange> parsing = parser.parse(request.parameters());
        if (!(parsing instanceof StepOutcome.Pass<ParsedExchange> parsed)) {
            return refused(parsing);
        }
        StepOutcome<ExchangeClient> authentication = clientAuthentication.authenticate(request.org(),
                request.client());
        if (!(authentication instanceof StepOutcome.Pass<ExchangeClient> client)) {
            return refused(authentication);
        }
        StepOutcome<ExchangePolicy> resolution = policyResolution.resolve(request.org(), client.value());
        if (!(resolution instanceof StepOutcome.Pass<ExchangePolicy> policy)) {
            return refused(resolution);
        }
        StepOutcome<ParsedExchange> typed = tokenTypes.check(parsed.value());
        if (!(typed instanceof StepOutcome.Pass<ParsedExchange>)) {
            return refused(typed);
        }

        PresentedToken subjectToken = parsed.value().subject();
        Optional<String> claimedIssuer = subjectTokens.claimedIssuer(subjectToken);
        trace.subjectIssuer = claimedIssuer;
        StepOutcome<ValidatedToken> subjectValidation = subjectTokens.validate(subjectToken, claimedIssuer,
                policy.value());
        if (!(subjectValidation instanceof StepOutcome.Pass<ValidatedToken> subject)) {
            return refused(subjectValidation);
        }
        trace.subjectIssuer = Optional.of(subject.value().issuer());
        trace.subject = subject.value().claims().subject();
        StepOutcome<ValidatedToken> userCheck = userSubject.check(subject.value(), policy.value());
        if (!(userCheck instanceof StepOutcome.Pass<ValidatedToken>)) {
            return refused(userCheck);
        }
        Optional<ValidatedToken> actor = Optional.empty();
        if (parsed.value().actor().isPresent()) {
            PresentedToken actorToken = parsed.value().actor().get();
            StepOutcome<ValidatedToken> actorValidation = actorTokens.validate(actorToken,
                    actorTokens.claimedIssuer(actorToken), policy.value());
            if (!(actorValidation instanceof StepOutcome.Pass<ValidatedToken> validActor)) {
                return refused(actorValidation);
            }
            actor = Optional.of(validActor.value());
            trace.actorSubject = validActor.value().claims().subject();
        }

        StepOutcome<DelegationCheck.Delegation> delegating = delegation.check(subject.value(), actor, policy.value());
        if (!(delegating instanceof StepOutcome.Pass<DelegationCheck.Delegation> delegated)) {
            return refused(delegating);
        }
        StepOutcome<List<String>> targeting = targets.check(parsed.value().targets(), policy.value(),
                client.value());
        if (!(targeting instanceof StepOutcome.Pass<List<String>> audience)) {
            return refused(targeting);
        }
        StepOutcome<Set<String>> scoping = scopes.check(parsed.value().requestedScopes(), subject.value(),
                client.value());
        if (!(scoping instanceof StepOutcome.Pass<Set<String>> scope)) {
            return refused(scoping);
        }
        StepOutcome<Duration> bounding = lifetime.check(subject.value(), actor, policy.value());
        if (!(bounding instanceof StepOutcome.Pass<Duration> life)) {
            return refused(bounding);
        }
        StepOutcome<SubjectMapping.MappedSubject> mapping = subjectMapping.map(subject.value(), request.org());
        if (!(mapping instanceof StepOutcome.Pass<SubjectMapping.MappedSubject> mapped)) {
            return refused(mapping);
        }

        ExchangeOutcome.Issued issued = issuance.issue(new TokenIssuance.ExchangeGrant(request.org(),
                client.value().clientId(), mapped.value(), delegated.value(), audience.value(), scope.value(),
                life.value(), parsed.value().requestedType()));
        trace.audience = Optional.of(String.join(" ", audience.value()));
        trace.jwtId = Optional.of(issued.jwtId());
        return issued;
    }

    private static ExchangeOutcome refused(StepOutcome<?> refusal) {
        return ((StepOutcome.Refuse<?>) refusal).toOutcome();
    }

    /**
     * Builds a {@link TokenExchangeService}: the token service, the organization status cache, the audit publisher
     * and the runtime come from the composition root ({@code IdentityCore}); the policies and clients from the host.
     *
     * <p>Not thread-safe; build once at start-up. Each required setting is checked in {@link #build()}.
     */
    public static final class Builder {
        private AccessTokenService tokens;
        private OrganizationStatusCache organizationStatus;
        private ExchangePolicyRepository policies;
        private ExchangeClients clients;
        private IdentityRuntime runtime;
        private AuditPublisher audit;
        private Optional<JwksFetcher> jwksFetcher = Optional.empty();
        private Optional<String> selfAudience = Optional.empty();
        private Duration jwksMinRefetch = Duration.ofSeconds(30);
        private Duration jwksMaxAge = Duration.ofHours(1);
        private Optional<Duration> jwksMaxStale = Optional.empty();
        private final Map<TokenType, AssertionValidator> assertionValidators = new HashMap<>();

        private Builder() {
        }

        /**
         * Required: issues the exchanged tokens and verifies our own subject and actor tokens
         * ({@code core.tokens()}).
         */
        public Builder tokens(AccessTokenService value) {
            this.tokens = Objects.requireNonNull(value, "tokens");
            return this;
        }

        /**
         * Required: the node's organization status ({@code core.organizationStatus()}); an exchange at a suspended
         * organization is refused within its staleness bound, whichever node suspended it.
         */
        public Builder organizationStatus(OrganizationStatusCache value) {
            this.organizationStatus = Objects.requireNonNull(value, "organizationStatus");
            return this;
        }

        /** Required: the organizations' exchange policies. */
        public Builder policies(ExchangePolicyRepository value) {
            this.policies = Objects.requireNonNull(value, "policies");
            return this;
        }

        /** Required: the clients that may call the token endpoint, and their authentication. */
        public Builder clients(ExchangeClients value) {
            this.clients = Objects.requireNonNull(value, "clients");
            return this;
        }

        /** Required: clock, ids and randomness ({@code core.runtime()}). */
        public Builder runtime(IdentityRuntime value) {
            this.runtime = Objects.requireNonNull(value, "runtime");
            return this;
        }

        /**
         * Required: where every issued and refused exchange is reported (the core's publisher,
         * {@code core.auditPublisher()}; {@link AuditPublisher#discarding()} only when chosen explicitly).
         */
        public Builder auditPublisher(AuditPublisher value) {
            this.audit = Objects.requireNonNull(value, "auditPublisher");
            return this;
        }

        /** How partner JWKS are fetched (default: {@link JwksFetcher#http()}). */
        public Builder jwksFetcher(JwksFetcher value) {
            this.jwksFetcher = Optional.of(Objects.requireNonNull(value, "jwksFetcher"));
            return this;
        }

        /** The {@code aud} naming this service in our own tokens (default: the token issuer). */
        public Builder selfAudience(String value) {
            this.selfAudience = Optional.of(Objects.requireNonNull(value, "selfAudience"));
            return this;
        }

        /** The least time between two fetches of one partner's JWKS (default 30 s). */
        public Builder jwksMinRefetch(Duration value) {
            this.jwksMinRefetch = Objects.requireNonNull(value, "jwksMinRefetch");
            return this;
        }

        /** How long a fetched JWKS is used before it is fetched again (default 1 h). */
        public Builder jwksMaxAge(Duration value) {
            this.jwksMaxAge = Objects.requireNonNull(value, "jwksMaxAge");
            return this;
        }

        /**
         * How long a partner's last successfully fetched JWKS keeps being used while refetches fail (R9); after that
         * the partner's tokens are refused until a fetch succeeds. Must be at least {@link #jwksMaxAge}. Default: 6 h
         * (or {@code jwksMaxAge} when that is longer). A partner that removes a compromised key relies on us
         * dropping it; during an outage of its JWKS endpoint (or one an attacker causes between us and it), the
         * removed key stays trusted this long. Six hours rides out an ordinary endpoint outage (refetches are
         * retried every {@link #jwksMinRefetch}) while keeping that exposure short; an IdP whose JWKS endpoint is
         * down for longer can usually not issue tokens either, so a longer window buys little availability.
         */
        public Builder jwksMaxStale(Duration value) {
            this.jwksMaxStale = Optional.of(Objects.requireNonNull(value, "jwksMaxStale"));
            return this;
        }

        private Duration jwksMaxStale() {
            Duration defaultMaxStale = Duration.ofHours(6);
            return jwksMaxStale.orElse(jwksMaxAge.compareTo(defaultMaxStale) > 0 ? jwksMaxAge : defaultMaxStale);
        }

        /** Accepts a non-JWT token type (the SAML 2.0 seam) through {@code validator}. */
        public Builder assertionValidator(TokenType type, AssertionValidator validator) {
            if (TokenTypeCheck.JWT_TYPES.contains(type)) {
                throw new IllegalArgumentException(type + " is validated by the SDK itself");
            }
            this.assertionValidators.put(Objects.requireNonNull(type, "type"),
                    Objects.requireNonNull(validator, "validator"));
            return this;
        }

        /**
         * Builds the service.
         *
         * @throws IllegalStateException when a required setting is missing (the audit publisher included)
         * @throws IllegalArgumentException when {@code jwksMaxStale} is shorter than {@code jwksMaxAge}
         */
        public TokenExchangeService build() {
            List<String> missing = new ArrayList<>();
            if (tokens == null) {
                missing.add("tokens");
            }
            if (organizationStatus == null) {
                missing.add("organizationStatus");
            }
            if (policies == null) {
                missing.add("policies");
            }
            if (clients == null) {
                missing.add("clients");
            }
            if (runtime == null) {
                missing.add("runtime");
            }
            if (audit == null) {
                missing.add("auditPublisher");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("TokenExchangeService needs " + missing);
            }
            if (jwksMaxStale().compareTo(jwksMaxAge) < 0) {
                throw new IllegalArgumentException("jwksMaxStale must be at least jwksMaxAge");
            }
            return new TokenExchangeService(this);
        }
    }
}
