package io.partnerid.federation.exchange;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import io.partnerid.core.Actor;
import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.ActClaim;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.IssuedToken;
import io.partnerid.core.token.JsonWebKeys;
import io.partnerid.core.token.JwtClaims;
import io.partnerid.core.token.JwtRules;
import io.partnerid.core.token.JwtValidator;
import io.partnerid.core.token.RejectionReason;
import io.partnerid.core.token.TokenVerification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
 * <p>Thread-safe. One call handles one request received at one organization's token endpoint. The pipeline, in
 * order (each refusal ends it and is audited):
 * <ol>
 *   <li>parse the form (Nimbus OAuth 2.0 SDK): grant type, token types, no repeated single-valued parameters;</li>
 *   <li>the organization is active and has an exchange policy; the client authenticates, and only at the
 *       organization that owns it ({@code invalid_client}, R5), and may exchange here ({@code unauthorized_client},
 *       T7);</li>
 *   <li>the subject token is fully validated against the issuers trusted <em>for this organization</em> or, for
 *       our own tokens, by the {@link AccessTokenService} (signature, {@code iss}, {@code aud} = this STS,
 *       {@code exp}, revocation, organization status) — T1, T10, M4; a token of our organization B presented at
 *       organization A needs an explicit A→B trust;</li>
 *   <li>the subject is a user when the policy says so (T8);</li>
 *   <li>the actor token, when given, is validated the same way; {@code may_act} is enforced (T2, T3);
 *       impersonation needs the policy's consent;</li>
 *   <li>the new {@code act} chain (newest actor top-level, prior actors nested) respects the depth cap (T4), and
 *       re-exchange of our own tokens is bounded (T11);</li>
 *   <li>every requested {@code audience}/{@code resource} must be reachable for the organization and allowed for the
 *       client, or the whole request is refused with {@code invalid_target} (T5);</li>
 *   <li>scopes: requested ⊆ (subject token's scopes ∩ client's allowed scopes), else {@code invalid_scope} (T6);</li>
 *   <li>lifetime ≤ min(policy maximum, subject token's remaining lifetime, actor token's remaining lifetime) (T11);
 *       no refresh token is issued;</li>
 *   <li>the subject of a partner's token becomes a {@link ForeignSubject} (never equal to a native subject, with
 *       {@code sub_iss} and {@code sub_ext}), and stays one when our token carrying it is exchanged again; the
 *       partner's {@code acr}/{@code amr} are carried only when the policy trusts that issuer for them
 *       ({@link TrustedIssuer#trustAuthenticationContext()}) (R1).</li>
 * </ol>
 *
 * <pre>{@code
 * TokenExchangeService exchange = TokenExchangeService.builder(tokens, policies, clients, organizations, runtime)
 *         .audit(auditPublisher).build();
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

    private static final Set<String> SINGLE_VALUED = Set.of("grant_type", "subject_token", "subject_token_type",
            "actor_token", "actor_token_type", "requested_token_type", "scope");
    private static final Set<TokenType> JWT_TYPES = Set.of(TokenType.ACCESS_TOKEN, TokenType.JWT, TokenType.ID_TOKEN);
    private static final Duration EXTERNAL_SKEW = Duration.ofSeconds(60);

    private final AccessTokenService tokens;
    private final ExchangePolicyRepository policies;
    private final ExchangeClients clients;
    private final OrganizationRepository organizations;
    private final IdentityRuntime runtime;
    private final AuditPublisher audit;
    private final String selfAudience;
    private final Map<TokenType, AssertionValidator> assertionValidators;
    private final JwtValidator validator;
    private final ExternalIssuerKeys externalKeys;

    private TokenExchangeService(Builder b) {
        this.tokens = b.tokens;
        this.policies = b.policies;
        this.clients = b.clients;
        this.organizations = b.organizations;
        this.runtime = b.runtime;
        this.audit = b.audit;
        this.selfAudience = b.selfAudience.orElse(b.tokens.issuer());
        this.assertionValidators = Map.copyOf(b.assertionValidators);
        this.validator = new JwtValidator(runtime.clock());
        // the default HTTP fetcher (and its client thread) is created only when the host supplies none
        this.externalKeys = new ExternalIssuerKeys(b.jwksFetcher.orElseGet(JwksFetcher::http), new JsonWebKeys(),
                runtime.clock(), b.jwksMinRefetch, b.jwksMaxAge, b.jwksMaxStale());
    }

    public static Builder builder(AccessTokenService tokens, ExchangePolicyRepository policies,
                                  ExchangeClients clients, OrganizationRepository organizations,
                                  IdentityRuntime runtime) {
        return new Builder(tokens, policies, clients, organizations, runtime);
    }

    /** The {@code aud} value that names this token exchange service in tokens of our own issuer. */
    public String selfAudience() {
        return selfAudience;
    }

    /** Handles one token exchange request; never throws for bad input. */
    public ExchangeOutcome exchange(ExchangeRequest request) {
        Objects.requireNonNull(request, "request");
        Trace trace = new Trace();
        ExchangeOutcome outcome;
        try {
            outcome = run(request, trace);
        } catch (Refusal r) {
            LOG.debug("token exchange refused at {}: {}", request.org(), r.code);
            outcome = ExchangeOutcome.Refused.of(r.code, r.description);
        } catch (IdentityException e) {
            LOG.warn("token exchange failed at {}: {}", request.org(), e.code());
            outcome = ExchangeOutcome.Refused.of(ErrorCode.of(e.code().value(), "invalid_request",
                    "https://www.rfc-editor.org/rfc/rfc8693#section-2.2.2"), "The request cannot be served.");
        }
        publish(request, trace, outcome);
        return outcome;
    }

    private ExchangeOutcome run(ExchangeRequest request, Trace trace) {
        Map<String, List<String>> form = request.parameters();
        // RFC 8693 §2.1: "grant_type REQUIRED. The value urn:ietf:params:oauth:grant-type:token-exchange"
        List<String> grant = form.getOrDefault("grant_type", List.of());
        if (grant.size() != 1 || !GrantType.TOKEN_EXCHANGE.getValue().equals(grant.get(0))) {
            throw new Refusal(ExchangeErrors.UNSUPPORTED_GRANT, "The grant type is not supported here.");
        }
        for (String name : SINGLE_VALUED) {
            if (form.getOrDefault(name, List.of()).size() > 1) {
                throw new Refusal(ExchangeErrors.MALFORMED_REQUEST, "The parameter " + name + " is repeated.");
            }
        }
        TokenExchangeGrant parsed;
        try {
            parsed = TokenExchangeGrant.parse(form);
        } catch (ParseException e) {
            throw new Refusal(ExchangeErrors.MALFORMED_REQUEST, "The token exchange request is malformed.");
        }
        TokenType subjectType = TokenType.of(parsed.getSubjectTokenType().getURI().toString());
        Optional<TokenType> actorType = Optional.ofNullable(parsed.getActorTokenType())
                .map(t -> TokenType.of(t.getURI().toString()));
        TokenType requestedType = Optional.ofNullable(parsed.getRequestedTokenType())
                .map(t -> TokenType.of(t.getURI().toString())).orElse(TokenType.ACCESS_TOKEN);
        List<String> targets = targets(parsed, form);
        Optional<Set<String>> requestedScopes = Optional.ofNullable(first(form, "scope"))
                .map(s -> new LinkedHashSet<>(Scope.parse(s).toStringList()));

        // The organization and its policy; the client.
        Organization org = organizations.findById(request.org()).filter(Organization::isActive).orElse(null);
        Optional<ExchangePolicy> policyFound = org == null ? Optional.empty() : policies.find(org.id());
        // R5: a client exchanges only at the organization that owns it, whatever the ExchangeClients implementation
        Optional<ExchangeClient> client = clients.authenticate(request.org(), request.client())
                .filter(c -> c.owner().equals(request.org()));
        if (client.isEmpty()) {
            throw new Refusal(ExchangeErrors.CLIENT_AUTHENTICATION_FAILED, "Client authentication failed.");
        }
        // T7 RFC 6749 §5.2: "unauthorized_client: the authenticated client is not authorized to use this grant"
        if (policyFound.isEmpty() || !client.get().tokenExchangeAllowed()
                || !policyFound.get().allowedClients().contains(client.get().clientId())) {
            throw new Refusal(ExchangeErrors.CLIENT_NOT_ALLOWED, "The client may not exchange tokens here.");
        }
        ExchangePolicy policy = policyFound.get();

        // T9 RFC 8693 §2.2.2 / §3: supported token types only
        if (!supported(subjectType) || actorType.map(t -> !supported(t)).orElse(false)) {
            throw new Refusal(ExchangeErrors.UNSUPPORTED_TOKEN_TYPE, "The token type is not supported.");
        }
        if (!requestedType.equals(TokenType.ACCESS_TOKEN) && !requestedType.equals(TokenType.JWT)) {
            // no refresh tokens (or anything else) from an exchange
            throw new Refusal(ExchangeErrors.UNSUPPORTED_TOKEN_TYPE, "The requested token type is not supported.");
        }

        // T1 RFC 8693 §2.1: the subject token is validated in full before anything is minted
        Validated subject = validateToken(parsed.getSubjectToken().getValue(), subjectType, policy, trace, true);
        trace.subject = subject.claims.subject();
        // T8: on-behalf-of needs a user, not a client acting for itself
        if (policy.requireUserSubject() && isClientPrincipal(subject.claims)) {
            throw new Refusal(ExchangeErrors.SUBJECT_NOT_USER, "The subject token does not represent a user.");
        }

        Optional<Validated> actor = Optional.empty();
        if (parsed.getActorToken() != null) {
            actor = Optional.of(validateToken(parsed.getActorToken().getValue(), actorType.orElseThrow(), policy,
                    trace, false));
            trace.actorSubject = actor.get().claims.subject();
        }

        // RFC 8693 §4.4 may_act: "the party identified by may_act is authorized to act on behalf of the subject"
        Optional<JwtClaims> mayAct = subject.claims.object(JwtClaims.MAY_ACT);
        if (mayAct.isPresent() && actor.isEmpty()) {
            throw new Refusal(ExchangeErrors.DELEGATION_REQUIRED, "The subject token requires an actor token.");
        }
        if (mayAct.isPresent() && !mayActMatches(mayAct.get(), actor.get())) {
            throw new Refusal(ExchangeErrors.ACTOR_NOT_ALLOWED, "The actor may not act for this subject.");
        }
        if (actor.isEmpty() && !policy.allowImpersonation()) {
            throw new Refusal(ExchangeErrors.IMPERSONATION_NOT_ALLOWED, "Impersonation is not allowed here.");
        }

        // RFC 8693 §4.1 act: "the current actor is the top-level act; prior actors are nested"
        Optional<ActClaim> priorChain = ActClaim.from(subject.claims);
        Optional<ActClaim> act = actor.map(a -> new ActClaim(a.claims.subject().orElseThrow(),
                a.ours ? Optional.empty() : Optional.of(a.issuer), priorChain)).or(() -> priorChain);
        if (act.map(ActClaim::depth).orElse(0) > policy.maxDelegationDepth()) {
            throw new Refusal(ExchangeErrors.DELEGATION_TOO_DEEP, "The delegation chain is too deep.");
        }
        long exchanges = 1 + (subject.ours ? subject.claims.get(EXCHANGE_COUNT_CLAIM)
                .filter(Long.class::isInstance).map(Long.class::cast).orElse(0L) : 0L);
        if (exchanges > policy.maxExchanges()) {
            throw new Refusal(ExchangeErrors.EXCHANGE_LOOP, "The token was exchanged too many times.");
        }

        // T5 RFC 8693 §2.1 audience/resource + RFC 8707: every target reachable and allowed, or nothing
        List<String> audience = targets.isEmpty() ? policy.defaultAudience().map(List::of).orElse(List.of())
                : targets;
        if (audience.isEmpty()) {
            throw new Refusal(ExchangeErrors.INVALID_TARGET, "An audience or resource is required.");
        }
        for (String target : audience) {
            if (!policy.reachableAudiences().contains(target) || !client.get().allowedAudiences().contains(target)) {
                throw new Refusal(ExchangeErrors.INVALID_TARGET, "The requested audience is not available.");
            }
        }

        // T6: scopes ⊆ (subject token's scopes ∩ client's allowed scopes); the SDK never widens
        Set<String> grantable = new LinkedHashSet<>(subject.claims.scopes());
        grantable.retainAll(client.get().allowedScopes());
        Set<String> scopes = requestedScopes.orElse(grantable);
        if (!grantable.containsAll(scopes)) {
            throw new Refusal(ExchangeErrors.INVALID_SCOPE, "The requested scope exceeds what can be granted.");
        }

        // T11: the new token never outlives the subject (or actor) token
        Instant now = runtime.now();
        Duration lifetime = min(policy.maxLifetime(), tokens.maxLifetime());
        lifetime = min(lifetime, Duration.between(now, subject.claims.expiresAt().orElseThrow()));
        if (actor.isPresent()) {
            lifetime = min(lifetime, Duration.between(now, actor.get().claims.expiresAt().orElseThrow()));
        }
        if (lifetime.getSeconds() < 1) {
            throw new Refusal(ExchangeErrors.SUBJECT_TOKEN_INVALID, "The subject token is invalid.");
        }
        lifetime = Duration.ofSeconds(lifetime.getSeconds());

        // R1: a partner's subject is namespaced, so it never equals (and never gets the rights of) a native subject;
        // our token that already carries a foreign subject keeps it (a re-exchange does not launder it)
        String rawSubject = subject.claims.subject().orElseThrow();
        String sub;
        Optional<String> originIssuer;
        Optional<String> originSubject;
        try {
            if (!subject.ours) {
                sub = ForeignSubject.of(subject.issuer, rawSubject).value();
                originIssuer = Optional.of(subject.issuer);
                originSubject = Optional.of(rawSubject);
            } else {
                // a foreign sub stays as it is; one exchanged before namespacing (sub_iss, plain sub) is namespaced
                sub = ForeignSubject.principalId(subject.claims).orElseThrow(IllegalArgumentException::new);
                originIssuer = subject.claims.string(SUBJECT_ISSUER_CLAIM);
                originSubject = ForeignSubject.isForeign(rawSubject) ? subject.claims.string(EXTERNAL_SUBJECT_CLAIM)
                        : originIssuer.map(i -> rawSubject);
            }
        } catch (IllegalArgumentException e) {
            // an empty issuer, or a subject that is not well-formed UTF-16: there is no subject to name
            throw new Refusal(ExchangeErrors.SUBJECT_TOKEN_INVALID, "The subject token is invalid.");
        }
        AccessTokenRequest.Builder issue = AccessTokenRequest.builder(org.id(), sub, client.get().clientId())
                .audience(audience).scopes(scopes).lifetime(lifetime).act(act)
                .claim(EXCHANGE_COUNT_CLAIM, exchanges);
        originIssuer.ifPresent(i -> issue.claim(SUBJECT_ISSUER_CLAIM, i));
        originSubject.ifPresent(o -> issue.claim(EXTERNAL_SUBJECT_CLAIM, o));
        // R1: a partner's acr/amr only where the policy trusts that issuer for them; ours flow as issued
        if (subject.ours || subject.trusted.map(TrustedIssuer::trustAuthenticationContext).orElse(false)) {
            subject.claims.string("acr").ifPresent(issue::acr);
            if (!subject.claims.strings("amr").isEmpty()) {
                issue.amr(subject.claims.strings("amr"));
            }
        }
        if (subject.ours) {
            Optional<OrgId> subjectOrg = subject.claims.orgId();
            if (subjectOrg.isPresent() && subjectOrg.get().equals(org.id())) {
                issue.roles(subject.claims.roles());
                subject.claims.string(JwtClaims.ORG_POOL).ifPresent(issue::pool);
            } else {
                subjectOrg.ifPresent(o -> issue.claim(SUBJECT_ORG_CLAIM, o.value()));
            }
        }
        IssuedToken token = tokens.issue(issue.build());
        trace.audience = Optional.of(String.join(" ", audience));
        trace.jwtId = Optional.of(token.jwtId());
        return new ExchangeOutcome.Issued(token.value(), requestedType, token.expiresInSeconds(), scopes,
                token.jwtId(), act.isPresent());
    }

    private boolean supported(TokenType type) {
        return JWT_TYPES.contains(type) || assertionValidators.containsKey(type);
    }

    /** RFC 8693 §2.1 {@code audience} (any string) and {@code resource} (absolute URI, no fragment, RFC 8707). */
    private static List<String> targets(TokenExchangeGrant parsed, Map<String, List<String>> form) {
        List<String> out = new ArrayList<>();
        if (parsed.getAudience() != null) {
            for (Audience a : parsed.getAudience()) {
                out.add(a.getValue());
            }
        }
        for (String resource : form.getOrDefault("resource", List.of())) {
            URI uri;
            try {
                uri = URI.create(resource);
            } catch (IllegalArgumentException e) {
                throw new Refusal(ExchangeErrors.INVALID_TARGET, "The requested resource is not valid.");
            }
            if (!uri.isAbsolute() || uri.getFragment() != null) {
                throw new Refusal(ExchangeErrors.INVALID_TARGET, "The requested resource is not valid.");
            }
            out.add(resource);
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * A validated subject or actor token.
     *
     * @param trusted the policy's entry for the partner issuer; empty for our own tokens
     */
    private record Validated(JwtClaims claims, String issuer, boolean ours, Optional<TrustedIssuer> trusted) {
    }

    /**
     * T1/T9/T10/M4: validates a subject or actor token. Our own tokens: {@link AccessTokenService#verify} with
     * {@code aud} = this STS, then the cross-organization trust. Partner tokens: only the issuers trusted by this
     * organization, with their own keys, exact {@code iss}, {@code aud}, and {@code typ} per declared type.
     */
    private Validated validateToken(String token, TokenType type, ExchangePolicy policy, Trace trace,
                                    boolean isSubject) {
        ErrorCode invalid = isSubject ? ExchangeErrors.SUBJECT_TOKEN_INVALID : ExchangeErrors.ACTOR_TOKEN_INVALID;
        String what = isSubject ? "The subject token is invalid." : "The actor token is invalid.";
        AssertionValidator assertions = assertionValidators.get(type);
        if (assertions != null) {
            TokenVerification v = assertions.validate(token, policy, runtime.now());
            if (!(v instanceof TokenVerification.Verified ok) || ok.claims().subject().isEmpty()
                    || ok.claims().expiresAt().isEmpty()) {
                throw new Refusal(invalid, what);
            }
            String iss = ok.claims().issuer().orElse("");
            if (isSubject) {
                trace.subjectIssuer = Optional.of(iss);
            }
            return new Validated(ok.claims(), iss, false, policy.trustedIssuer(iss));
        }
        Optional<String> iss = JwtValidator.unverifiedIssuer(token);
        if (iss.isEmpty()) {
            throw new Refusal(invalid, what);
        }
        if (isSubject) {
            trace.subjectIssuer = iss;
        }
        if (iss.get().equals(tokens.issuer())) {
            if (!type.equals(TokenType.ACCESS_TOKEN)) {
                // T9: our tokens are access tokens; claiming another type is a confusion attempt
                throw new Refusal(ExchangeErrors.UNSUPPORTED_TOKEN_TYPE, "The token type does not match the token.");
            }
            TokenVerification v = tokens.verify(token, Set.of(selfAudience));
            if (!(v instanceof TokenVerification.Verified ok)) {
                throw refusal((TokenVerification.Rejected) v, invalid, what);
            }
            OrgId tokenOrg = ok.claims().orgId().orElseThrow();
            // a token of organization B presented at organization A needs an explicit A -> B trust
            if (!tokenOrg.equals(policy.org()) && !policy.trustedOrgs().contains(tokenOrg)) {
                throw new Refusal(ExchangeErrors.ORG_NOT_TRUSTED, what);
            }
            return new Validated(ok.claims(), iss.get(), true, Optional.empty());
        }
        Optional<TrustedIssuer> trusted = policy.trustedIssuer(iss.get());
        if (trusted.isEmpty()) {
            // T10: issuer trust is per organization
            throw new Refusal(ExchangeErrors.ISSUER_NOT_TRUSTED, what);
        }
        TokenVerification v = validator.validate(token, rules(trusted.get(), type), externalKeys.source(trusted.get()));
        if (!(v instanceof TokenVerification.Verified ok)) {
            throw refusal((TokenVerification.Rejected) v, invalid, what);
        }
        if (type.equals(TokenType.ACCESS_TOKEN) && !trusted.get().typedAccessTokens() && looksLikeIdToken(ok.claims())) {
            // T9: an ID token presented as an access token
            throw new Refusal(ExchangeErrors.UNSUPPORTED_TOKEN_TYPE, "The token type does not match the token.");
        }
        return new Validated(ok.claims(), iss.get(), false, trusted);
    }

    /** A {@code typ} that does not fit the declared token type is a type error (T9), anything else invalid_grant. */
    private static Refusal refusal(TokenVerification.Rejected rejected, ErrorCode invalid, String what) {
        LOG.debug("token refused: {}", rejected.reason());
        if (rejected.reason() == RejectionReason.WRONG_TYPE) {
            return new Refusal(ExchangeErrors.UNSUPPORTED_TOKEN_TYPE, "The token type does not match the token.");
        }
        return new Refusal(invalid, what);
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

    /** T8: a client-credentials token names the client itself as subject. */
    private static boolean isClientPrincipal(JwtClaims claims) {
        Optional<String> sub = claims.subject();
        return sub.isPresent() && (sub.equals(claims.string(JwtClaims.CLIENT_ID)) || sub.equals(claims.string("azp")));
    }

    private static boolean mayActMatches(JwtClaims mayAct, Validated actor) {
        Optional<String> sub = mayAct.subject();
        if (sub.isEmpty() || !sub.equals(actor.claims.subject())) {
            return false;
        }
        Optional<String> iss = mayAct.issuer();
        return iss.isEmpty() || iss.get().equals(actor.issuer);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void publish(ExchangeRequest request, Trace trace, ExchangeOutcome outcome) {
        try {
            OrgId tenant = organizations.findById(request.org()).map(Organization::tenant).orElse(request.org());
            String clientId = request.client().clientId();
            Actor actor = Actor.service(clientId.matches("[A-Za-z0-9_.:@-]{1,128}") ? clientId : "unknown-client");
            boolean issued = outcome instanceof ExchangeOutcome.Issued;
            String code = outcome instanceof ExchangeOutcome.Refused r ? r.code().value() : "exchange.issued";
            audit.publish(new ExchangeEvent(runtime.now(), tenant, Optional.of(request.org()), actor,
                    issued ? ExchangeEvent.Outcome.ISSUED : ExchangeEvent.Outcome.REFUSED, code, trace.subjectIssuer,
                    trace.subject, trace.actorSubject, trace.audience, trace.jwtId));
        } catch (RuntimeException e) {
            LOG.warn("exchange audit event not published: {}", e.getClass().getSimpleName());
        }
    }

    /** What the pipeline learned, for the audit event. */
    private static final class Trace {
        Optional<String> subjectIssuer = Optional.empty();
        Optional<String> subject = Optional.empty();
        Optional<String> actorSubject = Optional.empty();
        Optional<String> audience = Optional.empty();
        Optional<String> jwtId = Optional.empty();
    }

    /** Ends the pipeline with a refusal; no stack trace (an expected outcome). */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ErrorCode code;
        final String description;

        Refusal(ErrorCode code, String description) {
            super(code.value(), null, false, false);
            this.code = code;
            this.description = description;
        }
    }

    /**
     * Builds a {@link TokenExchangeService}.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private final AccessTokenService tokens;
        private final ExchangePolicyRepository policies;
        private final ExchangeClients clients;
        private final OrganizationRepository organizations;
        private final IdentityRuntime runtime;
        private AuditPublisher audit = AuditPublisher.discarding();
        private Optional<JwksFetcher> jwksFetcher = Optional.empty();
        private Optional<String> selfAudience = Optional.empty();
        private Duration jwksMinRefetch = Duration.ofSeconds(30);
        private Duration jwksMaxAge = Duration.ofHours(1);
        private Optional<Duration> jwksMaxStale = Optional.empty();
        private final Map<TokenType, AssertionValidator> assertionValidators = new HashMap<>();

        private Builder(AccessTokenService tokens, ExchangePolicyRepository policies, ExchangeClients clients,
                        OrganizationRepository organizations, IdentityRuntime runtime) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            this.policies = Objects.requireNonNull(policies, "policies");
            this.clients = Objects.requireNonNull(clients, "clients");
            this.organizations = Objects.requireNonNull(organizations, "organizations");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
        }

        /** Where every issued and refused exchange is reported (default: discarded). */
        public Builder audit(AuditPublisher value) {
            this.audit = Objects.requireNonNull(value, "audit");
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
            if (JWT_TYPES.contains(type)) {
                throw new IllegalArgumentException(type + " is validated by the SDK itself");
            }
            this.assertionValidators.put(Objects.requireNonNull(type, "type"),
                    Objects.requireNonNull(validator, "validator"));
            return this;
        }

        /**
         * Builds the service.
         *
         * @throws IllegalArgumentException when {@code jwksMaxStale} is shorter than {@code jwksMaxAge}
         */
        public TokenExchangeService build() {
            if (jwksMaxStale().compareTo(jwksMaxAge) < 0) {
                throw new IllegalArgumentException("jwksMaxStale must be at least jwksMaxAge");
            }
            return new TokenExchangeService(this);
        }
    }
}
