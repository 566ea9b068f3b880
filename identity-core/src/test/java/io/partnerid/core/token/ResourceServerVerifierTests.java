package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.testkit.Concurrently;
import java.net.URI;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link ResourceServerVerifier}: our tokens, issued by {@link AccessTokenService}, verified by a resource server that
 * holds only the issuer's JWKS document (from {@link SigningKeyService#jwks}) and a status resolver.
 */
class ResourceServerVerifierTests {

    private final TokenFixture f = new TokenFixture();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile boolean jwksDown;
    private volatile String jwksOverride;
    /** The issuer's JWKS endpoint, reduced to its document; counts fetches and can fail. */
    private final JwksSource jwks = () -> {
        fetches.incrementAndGet();
        if (jwksDown) {
            throw new IdentityException(TokenErrors.JWKS_UNAVAILABLE, "unavailable", "down (test)");
        }
        return jwksOverride != null ? jwksOverride : f.keys.jwks(TokenFixture.SET);
    };
    private final Outage statusOutage = new Outage();
    private final SharedStoreTokenStatusResolver sharedStore = new SharedStoreTokenStatusResolver(
            statusOutage.wrap(RevokedTokenStore.class, f.revocations),
            OrganizationStatusCache.builder(f.orgRepository, f.runtime).build(), f.runtime);
    private final ResourceServerVerifier verifier = builder().build();

    private ResourceServerVerifier.Builder builder() {
        return builder(sharedStore);
    }

    private ResourceServerVerifier.Builder builder(TokenStatusResolver status) {
        return ResourceServerVerifier.builder(TokenFixture.ISSUER, Set.of(TokenFixture.API), jwks, status, f.runtime);
    }

    private static TokenVerification rejected(RejectionReason reason) {
        return new TokenVerification.Rejected(reason);
    }

    private TokenVerification verify(String token) {
        return verifier.verify(token);
    }

    private IssuedToken issue() {
        return f.tokens.issue(f.request().build());
    }

    // ------------------------------------------------------------------ positive

    @Test
    @DisplayName("RFC 9068 §4: a token of AccessTokenService verifies with the JWKS alone, same claims, each algorithm")
    void verifyWhenIssuedByAccessTokenServiceThenVerifiedWithTheJwksOnly() {
        IssuedToken token = issue();
        TokenVerification result = verify(token.value());
        assertThat(result).isInstanceOf(TokenVerification.Verified.class);
        TokenVerification.Verified verified = (TokenVerification.Verified) result;
        assertThat(verified.claims()).isEqualTo(f.tokens.verify(token.value(), TokenFixture.API).verifiedClaims()
                .orElseThrow());
        assertThat(verified.keyId()).contains(token.keyId());
        assertThat(verified.claims().orgId()).contains(f.acme.id());

        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            TokenFixture fx = new TokenFixture(alg);
            String document = fx.keys.jwks(TokenFixture.SET);
            ResourceServerVerifier rs = ResourceServerVerifier.builder(TokenFixture.ISSUER, Set.of(TokenFixture.API),
                    JwksSource.of(document), new SharedStoreTokenStatusResolver(fx.revocations,
                            OrganizationStatusCache.builder(fx.orgRepository, fx.runtime).build(), fx.runtime),
                    fx.runtime).build();
            TokenVerification r = rs.verify(fx.tokens.issue(fx.request().build()).value());
            assertThat(r.isVerified()).as(alg.name()).isTrue();
            assertThat(((TokenVerification.Verified) r).algorithm()).isEqualTo(alg);
        }
    }

    @Test
    void verifyWhenOneOfSeveralAudiencesThenVerified() {
        ResourceServerVerifier rs = ResourceServerVerifier.builder(TokenFixture.ISSUER,
                Set.of("https://orders.example.com", TokenFixture.API), jwks, sharedStore, f.runtime).build();
        assertThat(rs.verify(issue().value()).isVerified()).isTrue();
        assertThat(rs.audiences()).containsExactlyInAnyOrder("https://orders.example.com", TokenFixture.API);
        assertThat(rs.issuer()).isEqualTo(TokenFixture.ISSUER);
    }

    // ------------------------------------------------------------------ the JwtValidator pipeline

    @Test
    @DisplayName("RFC 9068 §4 / RFC 8725 §3.9: a token for another resource server is refused")
    void verifyWhenAudienceNotOursThenWrongAudience() {
        IssuedToken other = f.tokens.issue(f.request().audience("https://other.example.com").build());
        assertThat(verify(other.value())).isEqualTo(rejected(RejectionReason.WRONG_AUDIENCE));
        assertThat(verify(f.forge(f.claims(c -> c.remove("aud"))))).isEqualTo(rejected(RejectionReason.WRONG_AUDIENCE));
    }

    @Test
    @DisplayName("RFC 8725 §3.8: iss must be exactly the issuer")
    void verifyWhenIssuerNotExactThenWrongIssuer() {
        for (String iss : List.of("https://id.example.com/", "https://ID.example.com", "https://evil.example")) {
            assertThat(verify(f.forge(f.claims(c -> c.put("iss", iss))))).as(iss)
                    .isEqualTo(rejected(RejectionReason.WRONG_ISSUER));
        }
    }

    @Test
    @DisplayName("RFC 7519 §4.1.4: exp is enforced with the bounded skew (30 s)")
    void verifyWhenExpiredBeyondSkewThenExpired() {
        IssuedToken token = issue();
        f.clock.set(token.expiresAt().plusSeconds(29));
        assertThat(verify(token.value()).isVerified()).isTrue();
        f.clock.set(token.expiresAt().plusSeconds(30));
        assertThat(verify(token.value())).isEqualTo(rejected(RejectionReason.EXPIRED));
    }

    @Test
    void verifyWhenIatOrNbfInTheFutureThenRefused() {
        long now = f.clock.instant().getEpochSecond();
        assertThat(verify(f.forge(f.claims(c -> c.put("iat", now + 3600)))))
                .isEqualTo(rejected(RejectionReason.ISSUED_IN_FUTURE));
        assertThat(verify(f.forge(f.claims(c -> c.put("nbf", now + 60)))))
                .isEqualTo(rejected(RejectionReason.NOT_YET_VALID));
    }

    @Test
    @DisplayName("RFC 7515 §5.2: a tampered signature or payload is refused")
    void verifyWhenSignatureOrPayloadTamperedThenBadSignature() {
        String[] parts = issue().value().split("\\.");
        char c = parts[2].charAt(5);
        String badSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 5) + (c == 'A' ? 'B' : 'A')
                + parts[2].substring(6);
        String otherPayload = f.forge(f.claims(m -> m.put("sub", "admin"))).split("\\.")[1];
        assertThat(verify(badSignature)).isEqualTo(rejected(RejectionReason.BAD_SIGNATURE));
        assertThat(verify(parts[0] + "." + otherPayload + "." + parts[2]))
                .isEqualTo(rejected(RejectionReason.BAD_SIGNATURE));
    }

    @Test
    @DisplayName("RFC 8725 §2.1/§3.1: alg switches are refused: HS256 with the public key, PS256 under an RS256 key")
    void verifyWhenAlgorithmSwitchedThenRejected() throws Exception {
        VerificationKey published = new JsonWebKeys().parse(f.keys.jwks(TokenFixture.SET),
                EnumSet.allOf(SigningAlgorithm.class)).get(0);
        String hs256 = TokenFixture.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID(published.kid().orElseThrow()).build(), f.claims(),
                new MACSigner(java.util.Arrays.copyOf(published.publicKey().getEncoded(), 64)));
        assertThat(verify(hs256)).isEqualTo(rejected(RejectionReason.ALGORITHM_NOT_ALLOWED));

        TokenFixture rsa = new TokenFixture(SigningAlgorithm.RS256);
        SigningKeyService.ActiveKey current = rsa.keys.currentKey(TokenFixture.SET);
        SigningKey stored = rsa.keyRepository.findByKid(TokenFixture.SET, current.kid()).orElseThrow();
        RSAPrivateKey privateKey = (RSAPrivateKey) new Jca().privateKey(stored.algorithm(), stored.sealedPrivateKey());
        String ps256 = TokenFixture.sign(new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType("at+jwt"))
                .keyID(current.kid()).build(), rsa.claims(), new RSASSASigner(privateKey));
        ResourceServerVerifier rs = ResourceServerVerifier.builder(TokenFixture.ISSUER, Set.of(TokenFixture.API),
                JwksSource.of(rsa.keys.jwks(TokenFixture.SET)), new SharedStoreTokenStatusResolver(rsa.revocations,
                        OrganizationStatusCache.builder(rsa.orgRepository, rsa.runtime).build(), rsa.runtime),
                rsa.runtime).build();
        assertThat(rs.verify(ps256)).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
        assertThat(rs.verify(rsa.tokens.issue(rsa.request().build()).value()).isVerified()).isTrue();
    }

    @Test
    void verifyWhenAlgorithmNotConfiguredThenAlgorithmNotAllowed() {
        ResourceServerVerifier rsaOnly = builder().algorithms(Set.of(SigningAlgorithm.RS256)).build();
        assertThat(rsaOnly.verify(issue().value())).isEqualTo(rejected(RejectionReason.ALGORITHM_NOT_ALLOWED));
    }

    @Test
    @DisplayName("a key that is not in the issuer's JWKS never verifies, under its own kid or under ours")
    void verifyWhenKeyNotInTheJwksThenRejected() throws Exception {
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID("foreign").generate();
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"));
        String ownKid = TokenFixture.sign(header.keyID("foreign").build(), f.claims(), new ECDSASigner(foreign));
        String ourKid = TokenFixture.sign(header.keyID(f.keys.currentKey(TokenFixture.SET).kid()).build(), f.claims(),
                new ECDSASigner(foreign));
        String noKid = TokenFixture.sign(header.keyID(null).build(), f.claims(), new ECDSASigner(foreign));
        assertThat(verify(ownKid)).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
        assertThat(verify(ourKid)).isEqualTo(rejected(RejectionReason.BAD_SIGNATURE));
        assertThat(verify(noKid)).isEqualTo(rejected(RejectionReason.BAD_SIGNATURE));
    }

    @Test
    @DisplayName("RFC 8725 §3.10: jku / jwk headers are refused, and nothing is fetched from them")
    void verifyWhenHeaderNamesAKeyThenKeyReferenceInHeader() throws Exception {
        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();
        JWSHeader.Builder base = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID("attacker");
        String jku = TokenFixture.sign(base.jwkURL(URI.create("https://evil.example/jwks")).build(), f.claims(),
                new ECDSASigner(attacker));
        String jwk = TokenFixture.sign(new JWSHeader.Builder(base.build()).jwkURL(null).jwk(attacker.toPublicJWK())
                .build(), f.claims(), new ECDSASigner(attacker));
        assertThat(verify(jku)).isEqualTo(rejected(RejectionReason.KEY_REFERENCE_IN_HEADER));
        assertThat(verify(jwk)).isEqualTo(rejected(RejectionReason.KEY_REFERENCE_IN_HEADER));
        assertThat(fetches).hasValue(0);
    }

    @Test
    @DisplayName("RFC 9068 §4 / RFC 7515 §4.1.11: typ must be at+jwt; crit is refused")
    void verifyWhenTypeNotAtJwtOrCritThenRejected() {
        assertThat(verify(f.forge(f.claims(), h -> h.type(new JOSEObjectType("JWT")))))
                .isEqualTo(rejected(RejectionReason.WRONG_TYPE));
        assertThat(verify(f.forge(f.claims(), h -> h.type(null)))).isEqualTo(rejected(RejectionReason.WRONG_TYPE));
        assertThat(verify(f.forge(f.claims(), h -> h.criticalParams(Set.of("exp-policy"))
                .customParam("exp-policy", "lenient")))).isEqualTo(rejected(RejectionReason.UNSUPPORTED_CRITICAL_HEADER));
    }

    @Test
    @DisplayName("RFC 9068 §2.2: sub, jti and the organization claim are required")
    void verifyWhenRequiredClaimMissingThenMissingClaim() {
        for (String claim : List.of("sub", "jti", "org_id", "iat", "exp")) {
            assertThat(verify(f.forge(f.claims(c -> c.remove(claim))))).as(claim)
                    .isEqualTo(rejected(RejectionReason.MISSING_CLAIM));
        }
        assertThat(verify(f.forge(f.claims(c -> c.put("org_id", 7))))).isEqualTo(rejected(RejectionReason.MISSING_CLAIM));
    }

    @Test
    void verifyWhenGarbageOrOversizedThenRejectedWithoutFetching() {
        assertThat(verify("not-a-token")).isEqualTo(rejected(RejectionReason.MALFORMED));
        assertThat(verify("a".repeat(JwtValidator.MAX_TOKEN_CHARS + 1))).isEqualTo(rejected(RejectionReason.TOO_LARGE));
        assertThat(fetches).hasValue(0);
    }

    // ------------------------------------------------------------------ status: revocation and organization

    @Test
    @DisplayName("a revoked jti is refused at once through the shared store")
    void verifyWhenRevokedThenRevoked() {
        IssuedToken token = issue();
        assertThat(verify(token.value()).isVerified()).isTrue();
        f.tokens.revoke(token.jwtId(), f.acme.id(), token.expiresAt(), Actor.user("admin"));
        assertThat(verify(token.value())).isEqualTo(rejected(RejectionReason.REVOKED));
        assertThat(verify(issue().value()).isVerified()).isTrue();
    }

    @Test
    @DisplayName("a token of a suspended organization is refused within the status cache's bound (1 s)")
    void verifyWhenOrganizationSuspendedThenOrgNotActiveWithinOneSecond() {
        IssuedToken token = issue();
        assertThat(verify(token.value()).isVerified()).isTrue();
        Organization acme = f.orgRepository.findById(f.acme.id()).orElseThrow();
        f.orgRepository.suspendSubtree(acme.path(), acme.id());
        f.clock.advance(sharedStore.maxStaleness());
        assertThat(verify(token.value())).isEqualTo(rejected(RejectionReason.ORG_NOT_ACTIVE));
    }

    @Test
    void verifyWhenOrganizationUnknownThenOrgNotActive() {
        String token = f.forge(f.claims(c -> c.put("org_id", "no-such-org")));
        assertThat(verify(token)).isEqualTo(rejected(RejectionReason.ORG_NOT_ACTIVE));
    }

    @Test
    @DisplayName("fail closed: a status store that fails rejects every token, and verification recovers with it")
    void verifyWhenStatusStoreDownThenStatusUnavailable() {
        IssuedToken token = issue();
        statusOutage.begin();
        assertThat(verify(token.value())).isEqualTo(rejected(RejectionReason.STATUS_UNAVAILABLE));
        statusOutage.end();
        assertThat(verify(token.value()).isVerified()).isTrue();
    }

    @Test
    @DisplayName("fail closed: any exception or a null answer from a host's resolver rejects")
    void verifyWhenResolverMisbehavesThenStatusUnavailable() {
        for (TokenStatusResolver broken : List.of(resolver(q -> {
            throw new IllegalStateException("bug");
        }), resolver(q -> null))) {
            assertThat(builder(broken).build().verify(issue().value()))
                    .isEqualTo(rejected(RejectionReason.STATUS_UNAVAILABLE));
        }
    }

    @Test
    void verifyWhenResolverAnswersThenMappedToReasons() {
        String token = issue().value();
        assertThat(builder(resolver(q -> TokenStatus.INACTIVE)).build().verify(token))
                .isEqualTo(rejected(RejectionReason.INACTIVE));
        assertThat(builder(resolver(q -> TokenStatus.REVOKED)).build().verify(token))
                .isEqualTo(rejected(RejectionReason.REVOKED));
        assertThat(builder(resolver(q -> TokenStatus.ORGANIZATION_NOT_ACTIVE)).build().verify(token))
                .isEqualTo(rejected(RejectionReason.ORG_NOT_ACTIVE));
    }

    @Test
    void verifyWhenStatusAskedThenQueryCarriesTheVerifiedClaims() {
        IssuedToken token = issue();
        List<TokenStatusResolver.Query> asked = new ArrayList<>();
        builder(resolver(q -> {
            asked.add(q);
            return TokenStatus.ACTIVE;
        })).build().verify(token.value());
        assertThat(asked).containsExactly(new TokenStatusResolver.Query(f.acme.id(), token.jwtId(),
                token.expiresAt(), token.value()));
        assertThat(asked.get(0).toString()).doesNotContain(token.value());
    }

    @Test
    void verifyWhenTokenRejectedThenStatusNeverAsked() {
        AtomicInteger asked = new AtomicInteger();
        ResourceServerVerifier rs = builder(resolver(q -> {
            asked.incrementAndGet();
            return TokenStatus.ACTIVE;
        })).build();
        rs.verify(f.forge(f.claims(c -> c.put("aud", "https://other.example.com"))));
        assertThat(asked).hasValue(0);
    }

    @Test
    @DisplayName("RFC 7662 end to end: revoked, suspended and unreachable through the introspection endpoint")
    void verifyWhenStatusByIntrospectionThenRevokedSuspendedAndOutageRejected() throws Exception {
        try (LoopbackIntrospectionServer server = new LoopbackIntrospectionServer(f.tokens, Set.of(TokenFixture.API))) {
            IntrospectionTokenStatusResolver introspection = IntrospectionTokenStatusResolver.builder(server.endpoint(),
                    LoopbackIntrospectionServer.CLIENT_ID, LoopbackIntrospectionServer.CLIENT_SECRET, f.runtime).build();
            ResourceServerVerifier rs = builder(introspection).build();
            IssuedToken revoked = issue();
            IssuedToken suspended = issue();
            assertThat(rs.verify(revoked.value()).isVerified()).isTrue();
            assertThat(rs.verify(suspended.value()).isVerified()).isTrue();

            f.tokens.revoke(revoked.jwtId(), f.acme.id(), revoked.expiresAt(), Actor.user("admin"));
            f.clock.advance(introspection.maxStaleness());
            assertThat(rs.verify(revoked.value())).isEqualTo(rejected(RejectionReason.INACTIVE));
            assertThat(rs.verify(suspended.value()).isVerified()).isTrue();

            Organization acme = f.orgRepository.findById(f.acme.id()).orElseThrow();
            f.orgRepository.suspendSubtree(acme.path(), acme.id());
            f.clock.advance(introspection.maxStaleness());
            assertThat(rs.verify(suspended.value())).isEqualTo(rejected(RejectionReason.INACTIVE));

            f.orgRepository.resumeSubtree(acme.path(), acme.id());
            f.clock.advance(introspection.maxStaleness());
            assertThat(rs.verify(suspended.value()).isVerified()).isTrue();
            server.stop();
            f.clock.advance(introspection.maxStaleness());
            assertThat(rs.verify(suspended.value())).isEqualTo(rejected(RejectionReason.STATUS_UNAVAILABLE));
        }
    }

    private static TokenStatusResolver resolver(java.util.function.Function<TokenStatusResolver.Query, TokenStatus> f) {
        return new TokenStatusResolver() {
            @Override
            public TokenStatus status(Query query) {
                return f.apply(query);
            }

            @Override
            public Duration maxStaleness() {
                return Duration.ZERO;
            }
        };
    }

    // ------------------------------------------------------------------ keys: caching, rotation, staleness

    @Test
    @DisplayName("rotation: a new CURRENT key the cache never saw verifies after a refetch on its unknown kid, rate-limited")
    void verifyWhenIssuerRotatedThenUnknownKidRefetchedAtMostOncePerInterval() {
        IssuedToken before = issue();
        assertThat(verify(before.value()).isVerified()).isTrue();
        assertThat(fetches).hasValue(1);
        f.keys.rotate(TokenFixture.SET);
        f.keys.rotate(TokenFixture.SET); // the CURRENT key was generated after the resource server's fetch
        IssuedToken after = issue();

        assertThat(verify(after.value())).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
        assertThat(verify(f.forge(f.claims(), h -> h.keyID("made-up")))).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
        assertThat(fetches).as("no refetch within the interval").hasValue(1);

        f.clock.advance(Duration.ofSeconds(10));
        assertThat(verify(after.value()).isVerified()).isTrue();
        assertThat(fetches).hasValue(2);
        assertThat(verify(before.value()).isVerified()).as("the retired key still verifies").isTrue();
        for (int i = 0; i < 5; i++) {
            verify(f.forge(f.claims(), h -> h.keyID("made-up")));
        }
        assertThat(fetches).as("made-up kids cost one fetch per interval").hasValue(2);
        f.clock.advance(Duration.ofSeconds(10));
        verify(f.forge(f.claims(), h -> h.keyID("made-up")));
        assertThat(fetches).hasValue(3);
    }

    @Test
    void verifyWhenKeysOlderThanMaxAgeThenRefetchedOnce() {
        IssuedToken token = f.tokens.issue(f.request().lifetime(Duration.ofHours(1)).build());
        verify(token.value());
        f.clock.advance(Duration.ofMinutes(4));
        verify(token.value());
        assertThat(fetches).hasValue(1);
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(verify(token.value()).isVerified()).isTrue();
        verify(token.value());
        assertThat(fetches).hasValue(2);
    }

    @Test
    @DisplayName("a key the issuer removed stops verifying at the next refresh while the JWKS is reachable")
    void verifyWhenKeyRemovedAndJwksReachableThenUntrustedAfterMaxAge() {
        ResourceServerVerifier rs = builder().jwksMaxAge(Duration.ofMinutes(1)).build();
        IssuedToken token = f.tokens.issue(f.request().lifetime(Duration.ofHours(1)).build());
        assertThat(rs.verify(token.value()).isVerified()).isTrue();
        removeKey(token.keyId());

        f.clock.advance(Duration.ofSeconds(59));
        assertThat(rs.verify(token.value()).isVerified()).isTrue();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(rs.verify(token.value())).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
    }

    @Test
    @DisplayName("issue 12 R9: during a JWKS outage old keys are trusted until jwksMaxStale after the last fetch, never longer")
    void verifyWhenKeyRemovedDuringJwksOutageThenTrustedUntilMaxStalenessOnly() {
        ResourceServerVerifier rs = builder().jwksMaxAge(Duration.ofMinutes(1)).jwksMaxStale(Duration.ofMinutes(10))
                .build();
        IssuedToken token = f.tokens.issue(f.request().lifetime(Duration.ofHours(1)).build());
        assertThat(rs.verify(token.value()).isVerified()).isTrue(); // fetched at t0
        removeKey(token.keyId());
        jwksDown = true;

        for (int minute = 1; minute < 10; minute++) {
            f.clock.advance(Duration.ofMinutes(1));
            assertThat(rs.verify(token.value()).isVerified()).as("minute %d", minute).isTrue();
        }
        assertThat(fetches).as("the outage was retried").hasValue(10);
        f.clock.advance(Duration.ofSeconds(59));
        assertThat(rs.verify(token.value()).isVerified()).isTrue();
        f.clock.advance(Duration.ofSeconds(1)); // t0 + 10 min: the keys are too old to trust
        assertThat(rs.verify(token.value())).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(rs.verify(token.value())).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));

        jwksDown = false;
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(rs.verify(token.value())).as("back online: the removed key stays gone")
                .isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
        assertThat(rs.verify(issue().value()).isVerified()).isTrue();
    }

    @Test
    void verifyWhenJwksUnavailableFromTheStartThenUnknownKeyAndRetriesRateLimited() {
        jwksDown = true;
        String token = issue().value();
        assertThat(verify(token)).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
        assertThat(verify(token)).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
        assertThat(fetches).hasValue(1);
        jwksDown = false;
        f.clock.advance(Duration.ofSeconds(10));
        assertThat(verify(token).isVerified()).isTrue();
        assertThat(fetches).hasValue(2);
    }

    @Test
    @DisplayName("a document that is not a JWKS counts as a failed fetch: the previous keys are kept, with their age")
    void verifyWhenJwksDocumentBrokenThenPreviousKeysKept() {
        IssuedToken token = f.tokens.issue(f.request().lifetime(Duration.ofHours(1)).build());
        assertThat(verify(token.value()).isVerified()).isTrue();
        jwksOverride = "<html>maintenance</html>";
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(verify(token.value()).isVerified()).isTrue();
        assertThat(fetches).hasValue(2);
        f.clock.advance(Duration.ofMinutes(55));
        assertThat(verify(token.value())).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
    }

    @Test
    void verifyWhenManyThreadsStartTogetherThenOneFetch() throws Exception {
        String token = issue().value();
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> verify(token).isVerified());
        }
        assertThat(Concurrently.run(tasks)).containsOnly(true);
        assertThat(fetches).hasValue(1);
    }

    /** Retires the key and purges it at the issuer, so that it is no longer in the JWKS. */
    private void removeKey(String kid) {
        f.keys.rotate(TokenFixture.SET);
        f.clock.advance(Duration.ofMillis(1));
        f.keys.purgeRetired(TokenFixture.SET, Duration.ZERO);
        assertThat(f.keys.jwks(TokenFixture.SET)).doesNotContain(kid);
    }

    // ------------------------------------------------------------------ builder

    @Test
    void builderWhenSettingsInconsistentOrOutOfRangeThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder().jwksMinRefetch(Duration.ofMinutes(6))
                .build());
        assertThatIllegalArgumentException().isThrownBy(() -> builder().jwksMaxAge(Duration.ofHours(2)).build());
        assertThatIllegalArgumentException().isThrownBy(() -> builder().jwksMaxStale(Duration.ofHours(25)));
        assertThatIllegalArgumentException().isThrownBy(() -> builder().jwksMaxAge(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> builder().clockSkew(Duration.ofMinutes(6)));
        assertThatIllegalArgumentException().isThrownBy(() -> builder().algorithms(Set.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceServerVerifier.builder(" ",
                Set.of(TokenFixture.API), jwks, sharedStore, f.runtime));
        assertThatIllegalArgumentException().isThrownBy(() -> ResourceServerVerifier.builder(TokenFixture.ISSUER,
                Set.of(), jwks, sharedStore, f.runtime));
    }

    @Test
    void buildWhenCalledThenNothingFetchedBeforeTheFirstVerification() {
        builder().build();
        assertThat(fetches).hasValue(0);
    }
}
