package io.partnerid.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditEntry;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationStatusCache;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, verifies and revokes this SDK's JWT access tokens (RFC 9068 profile, {@code typ: at+jwt}) with
 * organization claims.
 *
 * <p>Thread-safe. Verification is the full check a resource server needs on every request: the
 * {@link JwtValidator} pipeline (algorithm pinned to our keys, {@code typ}, exact {@code iss} and {@code aud},
 * {@code exp}/{@code nbf}/{@code iat} with bounded skew), then revocation by {@code jti} within the token's
 * organization, then the organization's status: a token of a suspended organization fails at once, without waiting
 * for its expiry. With a key set per organization ({@link Builder#keySetPerOrganization}) the status is checked
 * first, on the token's still unverified {@code org_id}: keys are looked up only for an existing, active
 * organization, so tokens naming unknown organizations cost no key-repository read and leave nothing in a cache.
 *
 * <pre>{@code
 * AccessTokenService tokens = AccessTokenService.builder("https://id.example.com", keys, runtime)
 *         .organizationStatus(core.organizationStatus())
 *         .revocations(new InMemoryRevokedTokenStore())
 *         .audit(auditPublisher)
 *         .build();
 * IssuedToken token = tokens.issue(AccessTokenRequest.builder(orgId, "user-1", "portal")
 *         .audience("https://api.example.com").scopes(Set.of("orders:read")).build());
 * TokenVerification result = tokens.verify(token.value(), "https://api.example.com");
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068">RFC 9068</a>
 */
public final class AccessTokenService {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenService.class);
    private static final JOSEObjectType AT_JWT = new JOSEObjectType(JwtRules.ACCESS_TOKEN_TYPE);

    private final String issuer;
    private final SigningKeyService keys;
    private final IdentityRuntime runtime;
    private final OrganizationStatusCache organizations;
    private final RevokedTokenStore revocations;
    private final AuditPublisher audit;
    private final Function<OrgId, KeySetId> keySetResolver;
    private final boolean keySetPerOrganization;
    private final Duration defaultLifetime;
    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final JwtValidator validator;
    /** The key source when all organizations share one key set. */
    private final KeySource sharedKeySet = this::sharedCandidates;
    /** Rules per accepted-audience set; bounded (a resource server uses one or a few audience sets). */
    private final java.util.concurrent.ConcurrentHashMap<Set<String>, JwtRules> rulesByAudience =
            new java.util.concurrent.ConcurrentHashMap<>();

    private AccessTokenService(Builder b) {
        this.issuer = b.issuer;
        this.keys = b.keys;
        this.runtime = b.runtime;
        this.organizations = Objects.requireNonNull(b.organizations, "organizationStatus must be set");
        this.revocations = Objects.requireNonNull(b.revocations, "revocations must be set");
        this.audit = Objects.requireNonNull(b.audit, "audit must be set (AuditPublisher.discarding() to discard)");
        this.keySetResolver = b.keySetResolver;
        this.keySetPerOrganization = b.keySetPerOrganization;
        this.defaultLifetime = b.defaultLifetime;
        this.maxLifetime = b.maxLifetime;
        this.clockSkew = b.clockSkew;
        this.validator = new JwtValidator(runtime.clock(), keys.jca());
        if (defaultLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("default lifetime exceeds the maximum lifetime");
        }
    }

    public static Builder builder(String issuer, SigningKeyService keys, IdentityRuntime runtime) {
        return new Builder(issuer, keys, runtime);
    }

    /** The {@code iss} of every token this service issues. */
    public String issuer() {
        return issuer;
    }

    /** The longest lifetime this service grants. */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /**
     * Signs an access token with the CURRENT key of the organization's key set.
     *
     * @throws IdentityException {@code token.org_not_active} when the organization is unknown or suspended,
     *     {@code token.no_signing_key} when its key set has no current key, {@code audit.invalid_text} when the
     *     issuance could not be audited faithfully (a subject or audience with an unpaired surrogate): no token is
     *     issued that its audit record would not show
     */
    public IssuedToken issue(AccessTokenRequest request) {
        Objects.requireNonNull(request, "request");
        Organization org = organizations.find(request.org()).filter(Organization::isActive)
                .orElseThrow(() -> new IdentityException(TokenErrors.ORG_NOT_ACTIVE,
                        "The request cannot be served.", "organization " + request.org() + " is not active"));
        Instant now = runtime.now();
        Duration lifetime = request.lifetime().orElse(defaultLifetime);
        if (lifetime.compareTo(maxLifetime) > 0) {
            lifetime = maxLifetime;
        }
        Instant exp = now.plus(lifetime);
        String jti = Base64URL.encode(runtime.randomBytes(16)).toString();

        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", request.subject());
        claims.put("aud", request.audience().size() == 1 ? request.audience().get(0) : request.audience());
        claims.put("exp", exp.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", jti);
        claims.put(JwtClaims.CLIENT_ID, request.clientId());
        if (!request.scopes().isEmpty()) {
            claims.put(JwtClaims.SCOPE, String.join(" ", request.scopes().stream().sorted().toList()));
        }
        claims.put(JwtClaims.ORG_ID, request.org().value());
        request.pool().ifPresent(p -> claims.put(JwtClaims.ORG_POOL, p));
        if (!request.roles().isEmpty()) {
            claims.put(JwtClaims.ROLES, request.roles().stream().sorted().toList());
        }
        request.acr().ifPresent(a -> claims.put("acr", a));
        if (!request.amr().isEmpty()) {
            claims.put("amr", request.amr());
        }
        request.act().ifPresent(a -> claims.put(JwtClaims.ACT, a.toJson()));
        claims.putAll(request.extraClaims());

        // R8: the event's outside text (subject, audiences) must be recordable before anything is signed or stored;
        // its other fields are ours (a base64url id, a sanitized client id, numbers)
        AuditEntry.requireWellFormed(request.subject(), "subject");
        for (String audience : request.audience()) {
            AuditEntry.requireWellFormed(audience, "audience");
        }
        TokenIssuedEvent issued = new TokenIssuedEvent(now, org.tenant(), Optional.of(org.id()),
                Actor.service(safeActorId(request.clientId())), jti, request.subject(),
                String.join(" ", request.audience()), exp, request.act().isPresent());

        SigningKeyService.ActiveKey key = keys.currentKey(keySetResolver.apply(request.org()));
        JWSObject jws = new JWSObject(new JWSHeader.Builder(Jca.jws(key.algorithm())).type(AT_JWT)
                .keyID(key.kid()).build(), new Payload(claims));
        try {
            jws.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with key " + key.kid(), e);
        }
        revocations.recordIssued(jti, request.org(), exp);
        audit.publish(issued);
        return new IssuedToken(jws.serialize(), jti, key.kid(), now, exp);
    }

    private static String safeActorId(String clientId) {
        return clientId.matches("[A-Za-z0-9_.:@-]{1,128}") ? clientId : "client";
    }

    /** Verifies an access token for one audience (this resource server). */
    public TokenVerification verify(String token, String audience) {
        return verify(token, Set.of(audience));
    }

    /**
     * Fully verifies an access token of this issuer for one of {@code audiences}: signature and claims, then
     * revocation, then organization status.
     */
    public TokenVerification verify(String token, Set<String> audiences) {
        Objects.requireNonNull(token, "token");
        JwtRules rules = rulesByAudience.get(audiences);
        if (rules == null) {
            rules = JwtRules.accessTokens(issuer, audiences).withClockSkew(clockSkew)
                    .withRequiredClaims(Set.of("sub", "jti", JwtClaims.ORG_ID));
            if (rulesByAudience.size() < 64) {
                rulesByAudience.put(Set.copyOf(audiences), rules);
            }
        }
        OrgGate gate = new OrgGate();
        TokenVerification result = validator.validate(token, rules,
                keySetPerOrganization ? query -> perOrganizationCandidates(query, gate) : sharedKeySet);
        if (gate.refused) {
            return rejected(RejectionReason.ORG_NOT_ACTIVE);
        }
        if (!(result instanceof TokenVerification.Verified verified)) {
            return result;
        }
        JwtClaims claims = verified.claims();
        Optional<OrgId> org = claims.orgId();
        if (org.isEmpty()) {
            return rejected(RejectionReason.ORG_NOT_ACTIVE);
        }
        if (revocations.isRevoked(claims.jwtId().orElseThrow(), org.get(), runtime.now())) {
            return rejected(RejectionReason.REVOKED);
        }
        boolean activeChecked = gate.active != null && gate.active.equals(org.get());
        if (!activeChecked && organizations.find(org.get()).filter(Organization::isActive).isEmpty()) {
            return rejected(RejectionReason.ORG_NOT_ACTIVE);
        }
        return verified;
    }

    private static TokenVerification rejected(RejectionReason reason) {
        LOG.debug("token rejected: {}", reason);
        return new TokenVerification.Rejected(reason);
    }

    /**
     * What the key look-up of one verification learned about the token's organization. Confined to the verifying
     * thread: {@link JwtValidator#validate} calls the key source synchronously, at most once.
     */
    private static final class OrgGate {
        /** The organization found active before the key look-up, if it was checked. */
        OrgId active;
        /** The organization is unknown or not active: no key was looked up. */
        boolean refused;
    }

    /** Our keys only, from the one key set all organizations share; the signature then proves them. */
    private List<VerificationKey> sharedCandidates(KeySource.Query query) {
        Optional<OrgId> org = query.unverifiedClaims().orgId();
        if (org.isEmpty()) {
            return List.of();
        }
        return keys.verificationKeys(keySetResolver.apply(org.get()), query.kid());
    }

    /**
     * Our keys only, from the key set of the (unverified) organization claim; the signature then proves it. The
     * organization must exist and be active before any key is looked up (R3): an unknown {@code org_id} then costs
     * one organization read, no key read and no cache entry.
     */
    private List<VerificationKey> perOrganizationCandidates(KeySource.Query query, OrgGate gate) {
        Optional<OrgId> org = query.unverifiedClaims().orgId();
        if (org.isEmpty()) {
            return List.of();
        }
        if (organizations.find(org.get()).filter(Organization::isActive).isEmpty()) {
            gate.refused = true;
            return List.of();
        }
        gate.active = org.get();
        return keys.verificationKeys(keySetResolver.apply(org.get()), query.kid());
    }

    /**
     * Revokes a token of {@code org} by id until its expiry; verification rejects it from now on. The revocation is
     * scoped to the organization: it never touches a token of another organization that has the same id, and the
     * answer is the same whether or not such a token exists (R6).
     *
     * @return true when the id was not revoked for {@code org} before
     */
    public boolean revoke(String jwtId, OrgId org, Instant expiresAt, Actor by) {
        boolean fresh = revocations.revoke(jwtId, org, expiresAt);
        if (fresh) {
            OrgId tenant = organizations.find(org).map(Organization::tenant).orElse(org);
            audit.publish(new TokenRevokedEvent(runtime.now(), tenant, Optional.of(org), by, 1, "revoked"));
        }
        return fresh;
    }

    /**
     * Builds an {@link AccessTokenService}.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private final String issuer;
        private final SigningKeyService keys;
        private final IdentityRuntime runtime;
        private OrganizationStatusCache organizations;
        private RevokedTokenStore revocations;
        private AuditPublisher audit;
        private Function<OrgId, KeySetId> keySetResolver = org -> KeySetId.of("default");
        private boolean keySetPerOrganization;
        private Duration defaultLifetime = Duration.ofMinutes(5);
        private Duration maxLifetime = Duration.ofHours(1);
        private Duration clockSkew = Duration.ofSeconds(30);

        private Builder(String issuer, SigningKeyService keys, IdentityRuntime runtime) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            this.keys = Objects.requireNonNull(keys, "keys");
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            if (issuer.isBlank()) {
                throw new IllegalArgumentException("issuer must not be blank");
            }
        }

        /**
         * Where organization status is read on every issuance and verification (required): the node's
         * {@link OrganizationStatusCache} ({@code IdentityCore.organizationStatus()}), so that a suspension on any
         * node is honoured within the cache's bound and at once on the node that pulled the kill switch.
         */
        public Builder organizationStatus(OrganizationStatusCache value) {
            this.organizations = Objects.requireNonNull(value, "organizationStatus");
            return this;
        }

        /** Where issued and revoked token ids live (required). */
        public Builder revocations(RevokedTokenStore value) {
            this.revocations = Objects.requireNonNull(value, "revocations");
            return this;
        }

        /**
         * Where issuance and revocation events go (required; {@link AuditPublisher#discarding()} only when chosen
         * explicitly).
         */
        public Builder audit(AuditPublisher value) {
            this.audit = Objects.requireNonNull(value, "audit");
            return this;
        }

        /** One key set for all organizations (default {@code default}). */
        public Builder keySet(KeySetId value) {
            Objects.requireNonNull(value, "keySet");
            this.keySetResolver = org -> value;
            this.keySetPerOrganization = false;
            return this;
        }

        /**
         * A key set per organization, for example {@link KeySetId#ofOrg}. Verification then looks keys up only for an
         * existing, active organization (checked before the signature, on the unverified {@code org_id}).
         */
        public Builder keySetPerOrganization(Function<OrgId, KeySetId> resolver) {
            this.keySetResolver = Objects.requireNonNull(resolver, "resolver");
            this.keySetPerOrganization = true;
            return this;
        }

        public Builder defaultLifetime(Duration value) {
            this.defaultLifetime = positive(value);
            return this;
        }

        public Builder maxLifetime(Duration value) {
            this.maxLifetime = positive(value);
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

        private static Duration positive(Duration d) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("duration must be positive");
            }
            return d;
        }

        public AccessTokenService build() {
            return new AccessTokenService(this);
        }
    }
}
