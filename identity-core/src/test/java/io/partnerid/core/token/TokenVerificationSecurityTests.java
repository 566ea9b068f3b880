package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpServer;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.testkit.OrganizationStatusCaches;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security catalogue rows J1–J10 (issuing/verifying side) against the validation pipeline, through the full
 * {@link AccessTokenService#verify} path. Rows J11–J19 concern the OIDC relying-party flow and are N/A here.
 */
class TokenVerificationSecurityTests {

    private final TokenFixture f = new TokenFixture();

    private TokenVerification verify(String token) {
        return f.tokens.verify(token, TokenFixture.API);
    }

    private static TokenVerification rejected(RejectionReason reason) {
        return new TokenVerification.Rejected(reason);
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String unsigned(String headerJson) {
        String payload = b64(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(f.claims()));
        return b64(headerJson) + "." + payload + ".";
    }

    @Test
    @DisplayName("J1 RFC 8725 §3.1: alg none is refused")
    void verifyWhenAlgNoneThenAlgorithmNotAllowed() {
        assertThat(verify(unsigned("{\"alg\":\"none\",\"typ\":\"at+jwt\"}")))
                .isEqualTo(rejected(RejectionReason.ALGORITHM_NOT_ALLOWED));
        assertThat(verify(unsigned("{\"alg\":\"None\",\"typ\":\"at+jwt\"}")))
                .isEqualTo(rejected(RejectionReason.ALGORITHM_NOT_ALLOWED));
    }

    @Test
    @DisplayName("J1: an algorithm outside the issuer's configured set is refused even with a valid signature")
    void validateWhenAlgorithmNotInRulesThenAlgorithmNotAllowed() {
        JwtValidator validator = new JwtValidator(f.clock);
        String token = f.tokens.issue(f.request().build()).value(); // ES256
        JwtRules rsaOnly = JwtRules.accessTokens(TokenFixture.ISSUER, Set.of(TokenFixture.API))
                .withAlgorithms(EnumSet.of(SigningAlgorithm.RS256));
        KeySource keys = q -> f.keys.verificationKeys(TokenFixture.SET, q.kid());
        assertThat(validator.validate(token, rsaOnly, keys)).isEqualTo(rejected(RejectionReason.ALGORITHM_NOT_ALLOWED));
        assertThat(validator.validate(token, rsaOnly.withAlgorithms(EnumSet.allOf(SigningAlgorithm.class)), keys)
                .isVerified()).isTrue();
    }

    @Test
    @DisplayName("J2 RFC 8725 §2.1: HS256 signed with the RSA public key as HMAC secret (key confusion) is refused")
    void verifyWhenHs256WithPublicKeyAsSecretThenAlgorithmNotAllowed() throws Exception {
        TokenFixture rsa = new TokenFixture(SigningAlgorithm.RS256);
        VerificationKey key = rsa.keys.verificationKeys(TokenFixture.SET, Optional.empty()).get(0);
        byte[] secret = key.publicKey().getEncoded();
        String token = TokenFixture.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.kid().orElseThrow()).build(), rsa.claims(), new MACSigner(secret));
        assertThat(rsa.tokens.verify(token, TokenFixture.API)).isEqualTo(rejected(RejectionReason.ALGORITHM_NOT_ALLOWED));
    }

    @Test
    @DisplayName("J2: the algorithm is pinned to the key: PS256 under an RS256 key's kid is refused")
    void verifyWhenHeaderAlgDiffersFromKeysPinnedAlgThenUnknownKey() throws Exception {
        TokenFixture rsa = new TokenFixture(SigningAlgorithm.RS256);
        SigningKeyService.ActiveKey current = rsa.keys.currentKey(TokenFixture.SET);
        KeyPair pair = findPrivate(rsa, current.kid());
        String token = TokenFixture.sign(new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType("at+jwt"))
                .keyID(current.kid()).build(), rsa.claims(), new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
        assertThat(rsa.tokens.verify(token, TokenFixture.API)).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
    }

    private static KeyPair findPrivate(TokenFixture fx, String kid) {
        SigningKey stored = fx.keyRepository.findByKid(TokenFixture.SET, kid).orElseThrow();
        Jca jca = new Jca();
        return new KeyPair(jca.publicKey(stored.algorithm(), stored.publicKey()),
                jca.privateKey(stored.algorithm(), stored.sealedPrivateKey()));
    }

    @Test
    @DisplayName("J3 OIDC Core §3.1.3.7: an invalid ES256 / RS256 / EdDSA signature is refused")
    void verifyWhenSignatureOrPayloadTamperedThenBadSignature() {
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            TokenFixture fx = new TokenFixture(alg);
            String token = fx.tokens.issue(fx.request().build()).value();
            String[] parts = token.split("\\.");
            char last = parts[2].charAt(5);
            String badSig = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 5) + (last == 'A' ? 'B' : 'A')
                    + parts[2].substring(6);
            String badPayload = parts[0] + "." + b64(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(
                    fx.claims(c -> c.put("sub", "admin")))) + "." + parts[2];
            assertThat(fx.tokens.verify(badSig, TokenFixture.API)).as(alg.name())
                    .isEqualTo(rejected(RejectionReason.BAD_SIGNATURE));
            assertThat(fx.tokens.verify(badPayload, TokenFixture.API)).as(alg.name())
                    .isEqualTo(rejected(RejectionReason.BAD_SIGNATURE));
        }
    }

    @Test
    @DisplayName("J3: a token signed by a foreign key under our kid is refused")
    void verifyWhenSignedWithForeignKeyUnderOurKidThenBadSignature() throws Exception {
        ECKey foreign = new ECKeyGenerator(Curve.P_256).generate();
        String kid = f.keys.currentKey(TokenFixture.SET).kid();
        String token = TokenFixture.sign(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(kid).build(), f.claims(), new com.nimbusds.jose.crypto.ECDSASigner(foreign));
        assertThat(verify(token)).isEqualTo(rejected(RejectionReason.BAD_SIGNATURE));
    }

    @Test
    @DisplayName("J4: kid absent with one key: that key is tried")
    void validateWhenKidAbsentAndOneKeyThenVerified() {
        String token = f.forge(f.claims(), h -> h.keyID(null));
        assertThat(verify(token).isVerified()).isTrue();
    }

    @Test
    @DisplayName("J4: kid absent with several keys: each matching key is tried, deterministically")
    void validateWhenKidAbsentAndSeveralKeysThenEachTried() {
        f.keys.rotate(TokenFixture.SET); // now RETIRED, CURRENT, NEXT: three ES256 keys
        String token = f.forge(f.claims(), h -> h.keyID(null));
        assertThat(f.keys.verificationKeys(TokenFixture.SET, Optional.empty())).hasSize(3);
        assertThat(verify(token).isVerified()).isTrue();
    }

    @Test
    @DisplayName("J4: an unknown kid is refused")
    void verifyWhenKidUnknownThenUnknownKey() {
        assertThat(verify(f.forge(f.claims(), h -> h.keyID("nope")))).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
    }

    @Test
    @DisplayName("J4: key rotation: tokens of the retired key verify until purge; the promoted NEXT key signs")
    void verifyWhenRotatedThenOldTokensVerifyUntilPurgeAndNewKeySigns() {
        IssuedToken before = f.tokens.issue(f.request().build());
        String nextKid = f.keys.keys(TokenFixture.SET).stream().filter(k -> k.status() == KeyStatus.NEXT)
                .findFirst().orElseThrow().kid();
        f.keys.rotate(TokenFixture.SET);
        IssuedToken after = f.tokens.issue(f.request().build());
        assertThat(after.keyId()).isEqualTo(nextKid);
        assertThat(verify(before.value()).isVerified()).isTrue();
        assertThat(verify(after.value()).isVerified()).isTrue();

        f.clock.advance(Duration.ofHours(2));
        assertThat(f.keys.purgeRetired(TokenFixture.SET, Duration.ofHours(1))).isEqualTo(1);
        IssuedToken late = f.tokens.issue(f.request().build());
        assertThat(verify(late.value()).isVerified()).isTrue();
        assertThat(f.keys.jwks(TokenFixture.SET)).doesNotContain("\"kid\":\"" + before.keyId() + "\"");
    }

    @Test
    @DisplayName("J4: rotation on another node is picked up on an unknown kid, and reloads are rate-limited")
    void verifyWhenOtherNodeRotatedThenReloadOnUnknownKidRateLimited() {
        SigningKeyService otherNode = SigningKeyService.builder(f.keyRepository, PrivateKeyProtector.unprotected(),
                f.runtime).build();
        AccessTokenService otherTokens = AccessTokenService.builder(TokenFixture.ISSUER, otherNode, f.runtime)
                .organizationStatus(OrganizationStatusCaches.readThrough(f.orgRepository, f.runtime))
                .revocations(f.revocations)
                .audit(AuditPublisher.discarding())
                .build();
        verify(f.tokens.issue(f.request().build()).value()); // this node has loaded the key set
        otherNode.rotate(TokenFixture.SET);
        otherNode.rotate(TokenFixture.SET); // a key this node never saw is now CURRENT
        String token = otherTokens.issue(f.request().build()).value();

        assertThat(verify(token)).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY)); // within the miss interval
        f.clock.advance(Duration.ofSeconds(5));
        assertThat(verify(token).isVerified()).isTrue();
    }

    @Test
    @DisplayName("J5 RFC 8725 §3.10: jku / x5u / embedded jwk are refused and never fetched")
    void verifyWhenHeaderNamesKeyLocationThenRefusedWithoutFetching() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger hits = new AtomicInteger();
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
            ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID("attacker").generate();
            com.nimbusds.jose.crypto.ECDSASigner signer = new com.nimbusds.jose.crypto.ECDSASigner(attacker);
            JWSHeader.Builder base = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                    .keyID("attacker");
            List<String> tokens = List.of(
                    TokenFixture.sign(base.jwkURL(url).build(), f.claims(), signer),
                    TokenFixture.sign(new JWSHeader.Builder(base.build()).jwkURL(null).x509CertURL(url).build(),
                            f.claims(), signer),
                    TokenFixture.sign(new JWSHeader.Builder(base.build()).jwkURL(null).jwk(attacker.toPublicJWK())
                            .build(), f.claims(), signer));
            for (String token : tokens) {
                assertThat(verify(token)).isEqualTo(rejected(RejectionReason.KEY_REFERENCE_IN_HEADER));
            }
            assertThat(hits).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"x5c", "x5t", "x5t#S256"})
    @DisplayName("J5 RFC 8725 §3.10 / RFC 7515 §4.1.6-4.1.8: x5c, x5t and x5t#S256 are refused up front, even on a "
            + "token our own key signed")
    void verifyWhenHeaderCarriesCertificateOrThumbprintThenKeyReferenceInHeader(String parameter) {
        Base64URL thumbprint = Base64URL.encode(new byte[parameter.equals("x5t") ? 20 : 32]);
        String token = f.forge(f.claims(), h -> {
            switch (parameter) {
                case "x5c" -> h.x509CertChain(List.of(com.nimbusds.jose.util.Base64.encode(new byte[] {0x30, 0x00})));
                case "x5t" -> x5t(h, thumbprint);
                default -> h.x509CertSHA256Thumbprint(thumbprint);
            }
        });
        assertThat(verify(f.forge(f.claims())).isVerified()).isTrue(); // the same token without the header verifies
        assertThat(verify(token)).isEqualTo(rejected(RejectionReason.KEY_REFERENCE_IN_HEADER));
    }

    @SuppressWarnings("deprecation") // x5t is the deprecated SHA-1 thumbprint: exactly what a token must not carry
    private static void x5t(JWSHeader.Builder header, Base64URL thumbprint) {
        header.x509CertThumbprint(thumbprint);
    }

    @Test
    @DisplayName("J5: kid is an opaque map key: path, SQL or URL kids find nothing and do no harm")
    void verifyWhenKidLooksLikePathOrSqlThenUnknownKey() {
        for (String kid : List.of("../../../../etc/passwd", "' OR '1'='1", "http://127.0.0.1:1/k", "/dev/null")) {
            assertThat(verify(f.forge(f.claims(), h -> h.keyID(kid)))).isEqualTo(rejected(RejectionReason.UNKNOWN_KEY));
        }
    }

    @Test
    @DisplayName("J6 RFC 7515 §4.1.11: an unknown crit header parameter is refused")
    void verifyWhenUnknownCritThenUnsupportedCriticalHeader() {
        for (SigningAlgorithm alg : List.of(SigningAlgorithm.ES256, SigningAlgorithm.EDDSA)) {
            TokenFixture fx = new TokenFixture(alg);
            String token = fx.forge(fx.claims(), h -> h.criticalParams(Set.of("exp-policy"))
                    .customParam("exp-policy", "lenient"));
            assertThat(fx.tokens.verify(token, TokenFixture.API)).as(alg.name())
                    .isEqualTo(rejected(RejectionReason.UNSUPPORTED_CRITICAL_HEADER));
        }
    }

    @Test
    @DisplayName("J7: a JWE (incl. PBES2 with a huge p2c) is refused without any decryption attempt")
    void verifyWhenJweThenUnsupportedForm() {
        String jwe = b64("{\"alg\":\"PBES2-HS256+A128KW\",\"enc\":\"A128GCM\",\"p2c\":2000000000,"
                + "\"p2s\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"cty\":\"JWT\"}") + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
        long start = System.nanoTime();
        assertThat(verify(jwe)).isEqualTo(rejected(RejectionReason.UNSUPPORTED_FORM));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("J8 RFC 8725 §3.11 / RFC 9068 §4: an ID token (typ JWT), an untyped or a logout token is not an access token")
    void verifyWhenTypeIsNotAtJwtThenWrongType() {
        for (String typ : List.of("JWT", "logout+jwt", "secevent+jwt")) {
            assertThat(verify(f.forge(f.claims(), h -> h.type(new JOSEObjectType(typ)))))
                    .as(typ).isEqualTo(rejected(RejectionReason.WRONG_TYPE));
        }
        assertThat(verify(f.forge(f.claims(), h -> h.type(null)))).isEqualTo(rejected(RejectionReason.WRONG_TYPE));
        assertThat(verify(f.forge(f.claims(), h -> h.type(new JOSEObjectType("application/at+jwt")))).isVerified())
                .isTrue();
    }

    @Test
    @DisplayName("J9: iss must match exactly (no trailing slash, case or prefix variants)")
    void verifyWhenIssuerNotExactThenWrongIssuer() {
        for (String iss : List.of("https://id.example.com/", "https://ID.example.com", "https://id.example.com.evil",
                "https://evil.example")) {
            assertThat(verify(f.forge(f.claims(c -> c.put("iss", iss))))).as(iss)
                    .isEqualTo(rejected(RejectionReason.WRONG_ISSUER));
        }
        assertThat(verify(f.forge(f.claims(c -> c.remove("iss"))))).isEqualTo(rejected(RejectionReason.WRONG_ISSUER));
    }

    @Test
    @DisplayName("J9 / T5: aud must name this resource; a missing or foreign aud is refused")
    void verifyWhenAudienceWrongOrMissingThenWrongAudience() {
        assertThat(verify(f.forge(f.claims(c -> c.put("aud", "https://other.example.com")))))
                .isEqualTo(rejected(RejectionReason.WRONG_AUDIENCE));
        assertThat(verify(f.forge(f.claims(c -> c.remove("aud"))))).isEqualTo(rejected(RejectionReason.WRONG_AUDIENCE));
        assertThat(verify(f.forge(f.claims(c -> c.put("aud", List.of("x", TokenFixture.API))))).isVerified()).isTrue();
    }

    @Test
    @DisplayName("J10: missing sub, iat or jti is refused")
    void verifyWhenRequiredClaimMissingThenMissingClaim() {
        assertThat(verify(f.forge(f.claims(c -> c.remove("org_id")))).isVerified()).isFalse();
        for (String claim : List.of("sub", "iat", "exp", "jti")) {
            assertThat(verify(f.forge(f.claims(c -> c.remove(claim))))).as(claim)
                    .isEqualTo(rejected(RejectionReason.MISSING_CLAIM));
        }
        assertThat(verify(f.forge(f.claims(c -> c.put("sub", " "))))).isEqualTo(rejected(RejectionReason.MISSING_CLAIM));
        assertThat(verify(f.forge(f.claims(c -> c.put("sub", 42))))).isEqualTo(rejected(RejectionReason.MISSING_CLAIM));
        assertThat(verify(f.forge(f.claims(c -> c.put("jti", 7))))).isEqualTo(rejected(RejectionReason.MISSING_CLAIM));
    }

    @Test
    @DisplayName("J10: exp is enforced with a bounded skew (30 s)")
    void verifyWhenExpiredBeyondSkewThenExpired() {
        IssuedToken token = f.tokens.issue(f.request().build());
        f.clock.set(token.expiresAt().plusSeconds(29));
        assertThat(verify(token.value()).isVerified()).isTrue();
        f.clock.set(token.expiresAt().plusSeconds(30));
        assertThat(verify(token.value())).isEqualTo(rejected(RejectionReason.EXPIRED));
    }

    @Test
    @DisplayName("J10: a far-future iat or a future nbf is refused")
    void verifyWhenIatOrNbfInFutureThenRefused() {
        long now = f.clock.instant().getEpochSecond();
        assertThat(verify(f.forge(f.claims(c -> c.put("iat", now + 3600)))))
                .isEqualTo(rejected(RejectionReason.ISSUED_IN_FUTURE));
        assertThat(verify(f.forge(f.claims(c -> c.put("nbf", now + 60)))))
                .isEqualTo(rejected(RejectionReason.NOT_YET_VALID));
        assertThat(verify(f.forge(f.claims(c -> c.put("iat", now + 20)))).isVerified()).isTrue();
    }

    @Test
    void verifyWhenOversizedOrGarbageThenRefused() {
        assertThat(verify("a".repeat(JwtValidator.MAX_TOKEN_CHARS + 1))).isEqualTo(rejected(RejectionReason.TOO_LARGE));
        assertThat(verify("not-a-token")).isEqualTo(rejected(RejectionReason.MALFORMED));
        assertThat(verify("e30.e30.e30")).isEqualTo(rejected(RejectionReason.MALFORMED));
        assertThat(verify(f.forge(Map.of()).replace('.', '!'))).isEqualTo(rejected(RejectionReason.MALFORMED));
    }
}
