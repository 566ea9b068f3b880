package io.partnerid.benchmarks.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.partnerid.core.IdGenerator;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.InMemoryRevokedTokenStore;
import io.partnerid.core.token.InMemorySigningKeyRepository;
import io.partnerid.core.token.KeySetId;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.SigningKeyService;
import io.partnerid.core.token.TokenVerification;
import io.partnerid.federation.exchange.ClientCredentials;
import io.partnerid.federation.exchange.ExchangeClient;
import io.partnerid.federation.exchange.ExchangeOutcome;
import io.partnerid.federation.exchange.ExchangePolicy;
import io.partnerid.federation.exchange.ExchangeRequest;
import io.partnerid.federation.exchange.InMemoryExchangeClients;
import io.partnerid.federation.exchange.InMemoryExchangePolicyRepository;
import io.partnerid.federation.exchange.TokenExchangeService;
import io.partnerid.federation.exchange.TrustedIssuer;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Token verification and exchange, each beside its raw Nimbus floor, in one JMH run, for ES256 on Bouncy Castle,
 * Ed25519 on Bouncy Castle, and RS256 (JDK provider):
 * <ul>
 *   <li>{@code verifyRaw}: Nimbus parse + signature check + claims parse of one of our access tokens;</li>
 *   <li>{@code verifyFull}: {@link AccessTokenService#verify}: the same plus header/claim rules, revocation lookup
 *       and organization status (goal: ≤ 1.15 × raw);</li>
 *   <li>{@code exchangeFloor}: Nimbus verify of a partner token + Nimbus sign of a new token (the unavoidable
 *       cryptography of an exchange);</li>
 *   <li>{@code exchange}: {@link TokenExchangeService#exchange} end to end: form parsing, client authentication,
 *       policy, validation, issuance, revocation record, audit (goal: ≤ 1.3 × floor).</li>
 * </ul>
 * Nimbus has no Ed25519 verifier without Google Tink, so the raw Ed25519 floor uses a minimal Nimbus
 * {@code JWSVerifier}/{@code JWSSigner} over Bouncy Castle's {@code Ed25519} signature, as the SDK does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class TokenBenchmark {

    private static final String ISSUER = "https://id.partnerid.example";
    private static final String STS = "https://id.partnerid.example/token";
    private static final String API = "https://orders.acme.example";
    private static final String PARTNER = "https://idp.partner.example";
    private static final URI PARTNER_JWKS = URI.create("https://idp.partner.example/jwks");
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Param({"ES256", "EDDSA", "RS256"})
    public String algorithm;

    private AccessTokenService tokens;
    private TokenExchangeService exchange;
    private String ourToken;
    private JWSVerifier ourRawVerifier;
    private String partnerToken;
    private JWSVerifier partnerRawVerifier;
    private JWSSigner floorSigner;
    private JWSAlgorithm jwsAlgorithm;
    private ExchangeRequest exchangeRequest;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        SigningAlgorithm alg = SigningAlgorithm.valueOf(algorithm);
        jwsAlgorithm = JWSAlgorithm.parse(alg.jwsName());
        Provider bc = new BouncyCastleProvider();
        SecureRandom random = SecureRandom.getInstance("DRBG");
        IdentityRuntime runtime = new IdentityRuntime(Clock.fixed(NOW, ZoneOffset.UTC), IdGenerator.random(random),
                random);
        InMemoryOrganizationRepository orgRepository = new InMemoryOrganizationRepository();
        OrgId acme = new OrganizationService(orgRepository, runtime)
                .createRoot(new OrganizationService.NewOrganization("Acme")).id();
        SigningKeyService keys = SigningKeyService.builder(new InMemorySigningKeyRepository(),
                PrivateKeyProtector.unprotected(), runtime).build();
        keys.initialize(KeySetId.of("default"), alg);
        OrganizationStatusCache organizationStatus = OrganizationStatusCache.builder(orgRepository, runtime).build();
        tokens = AccessTokenService.builder(ISSUER, keys, runtime)
                .organizationStatus(organizationStatus)
                .revocations(new InMemoryRevokedTokenStore(1_000_000))
                .audit(AuditPublisher.discarding())
                .build();
        ourToken = tokens.issue(AccessTokenRequest.builder(acme, "alice", "portal").audience(API)
                .scopes(Set.of("orders:read")).roles(Set.of("buyer")).build()).value();
        String ourKid = SignedJWT.parse(ourToken).getHeader().getKeyID();
        JWK ourKey = JWKSet.parse(keys.jwks(KeySetId.of("default"))).getKeys().stream()
                .filter(k -> k.getKeyID().equals(ourKid)).findFirst().orElseThrow();
        ourRawVerifier = verifier(alg, ourKey, bc);

        // a partner IdP with its own key of the same algorithm; its JWKS is served from memory
        KeyPair partner = generate(alg, bc, random);
        JWK partnerJwk = publicJwk(alg, partner.getPublic(), "p-1");
        partnerToken = sign(alg, partner.getPrivate(), bc, "p-1", new JWTClaimsSet.Builder().issuer(PARTNER)
                .subject("alice").audience(STS).expirationTime(Date.from(NOW.plusSeconds(3600)))
                .issueTime(Date.from(NOW)).claim("scope", "orders:read orders:write").build());
        partnerRawVerifier = verifier(alg, partnerJwk, bc);
        KeyPair floorKey = generate(alg, bc, random);
        floorSigner = signer(alg, floorKey.getPrivate(), bc);

        InMemoryExchangePolicyRepository policies = new InMemoryExchangePolicyRepository();
        policies.save(ExchangePolicy.builder(acme).allowedClients("gateway")
                .trustedIssuers(TrustedIssuer.builder(PARTNER, STS, PARTNER_JWKS).algorithms(alg)
                        .typedAccessTokens(false).build())
                .reachableAudiences(API).allowImpersonation(true).build());
        InMemoryExchangeClients clients = new InMemoryExchangeClients().register(ExchangeClient.builder("gateway",
                acme).tokenExchangeAllowed(true).allowedScopes("orders:read").allowedAudiences(API).build(), "secret");
        String partnerJwks = new JWKSet(partnerJwk).toString();
        exchange = TokenExchangeService.builder().tokens(tokens).organizationStatus(organizationStatus)
                .policies(policies).clients(clients).runtime(runtime).selfAudience(STS)
                .jwksFetcher(uri -> partnerJwks).auditPublisher(AuditPublisher.discarding()).build();
        exchangeRequest = new ExchangeRequest(acme, ClientCredentials.of("gateway", "secret"), Map.of(
                "grant_type", List.of("urn:ietf:params:oauth:grant-type:token-exchange"),
                "subject_token", List.of(partnerToken),
                "subject_token_type", List.of("urn:ietf:params:oauth:token-type:access_token"),
                "audience", List.of(API), "scope", List.of("orders:read")));
        if (!(exchange() instanceof ExchangeOutcome.Issued) || !verifyFull().isVerified()
                || verifyRaw().getSubject() == null) {
            throw new IllegalStateException("benchmark set-up is wrong");
        }
    }

    @Benchmark
    public JWTClaimsSet verifyRaw() throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(ourToken);
        if (!jwt.verify(ourRawVerifier)) {
            throw new IllegalStateException("bad signature");
        }
        return jwt.getJWTClaimsSet();
    }

    @Benchmark
    public TokenVerification verifyFull() {
        return tokens.verify(ourToken, API);
    }

    @Benchmark
    public String exchangeFloor() throws ParseException, JOSEException {
        SignedJWT subject = SignedJWT.parse(partnerToken);
        if (!subject.verify(partnerRawVerifier)) {
            throw new IllegalStateException("bad signature");
        }
        JWTClaimsSet in = subject.getJWTClaimsSet();
        SignedJWT out = new SignedJWT(new JWSHeader.Builder(jwsAlgorithm).type(new JOSEObjectType("at+jwt"))
                .keyID("k").build(), new JWTClaimsSet.Builder().issuer(ISSUER).subject(in.getSubject()).audience(API)
                .expirationTime(in.getExpirationTime()).issueTime(Date.from(NOW)).jwtID(UUID.randomUUID().toString())
                .claim("scope", "orders:read").build());
        out.sign(floorSigner);
        return out.serialize();
    }

    @Benchmark
    public ExchangeOutcome exchange() {
        return exchange.exchange(exchangeRequest);
    }

    // ---- raw Nimbus plumbing ------------------------------------------------------------------------------

    private static KeyPair generate(SigningAlgorithm alg, Provider bc, SecureRandom random)
            throws GeneralSecurityException {
        KeyPairGenerator g;
        switch (alg) {
            case ES256 -> {
                g = KeyPairGenerator.getInstance("EC", bc);
                g.initialize(new ECGenParameterSpec("secp256r1"), random);
            }
            case EDDSA -> g = KeyPairGenerator.getInstance("Ed25519", bc);
            default -> {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048, random);
            }
        }
        return g.generateKeyPair();
    }

    private static JWK publicJwk(SigningAlgorithm alg, PublicKey key, String kid) {
        return switch (alg) {
            case ES256 -> new ECKey.Builder(Curve.P_256, (java.security.interfaces.ECPublicKey) key).keyID(kid).build();
            case EDDSA -> {
                byte[] spki = key.getEncoded();
                yield new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(java.util.Arrays.copyOfRange(spki,
                        spki.length - 32, spki.length))).keyID(kid).build();
            }
            default -> new RSAKey.Builder((java.security.interfaces.RSAPublicKey) key).keyID(kid).build();
        };
    }

    private static JWSVerifier verifier(SigningAlgorithm alg, JWK jwk, Provider bc) throws JOSEException {
        return switch (alg) {
            case ES256 -> {
                ECDSAVerifier v = new ECDSAVerifier(jwk.toECKey().toECPublicKey(bc));
                v.getJCAContext().setProvider(bc);
                yield v;
            }
            case EDDSA -> new BcEd25519.Verifier(jwk.toOctetKeyPair().getX().decode(), bc);
            default -> new RSASSAVerifier(jwk.toRSAKey());
        };
    }

    private static JWSSigner signer(SigningAlgorithm alg, PrivateKey key, Provider bc) throws JOSEException {
        return switch (alg) {
            case ES256 -> {
                ECDSASigner s = new ECDSASigner(key, Curve.P_256);
                s.getJCAContext().setProvider(bc);
                yield s;
            }
            case EDDSA -> new BcEd25519.Signer(key, bc);
            default -> new RSASSASigner((RSAPrivateKey) key);
        };
    }

    private static String sign(SigningAlgorithm alg, PrivateKey key, Provider bc, String kid, JWTClaimsSet claims)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.parse(alg.jwsName()))
                .type(new JOSEObjectType("at+jwt")).keyID(kid).build(), claims);
        jwt.sign(signer(alg, key, bc));
        return jwt.serialize();
    }

    /** Minimal Nimbus Ed25519 signer/verifier over a Bouncy Castle provider instance (Nimbus's own needs Tink). */
    static final class BcEd25519 {
        private BcEd25519() {
        }

        static final class Signer implements JWSSigner {
            private final PrivateKey key;
            private final Provider provider;
            private final com.nimbusds.jose.jca.JCAContext context = new com.nimbusds.jose.jca.JCAContext();

            Signer(PrivateKey key, Provider provider) {
                this.key = key;
                this.provider = provider;
            }

            @Override
            public Base64URL sign(JWSHeader header, byte[] input) throws JOSEException {
                try {
                    Signature s = Signature.getInstance("Ed25519", provider);
                    s.initSign(key);
                    s.update(input);
                    return Base64URL.encode(s.sign());
                } catch (GeneralSecurityException e) {
                    throw new JOSEException(e.getMessage(), e);
                }
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return Set.of(JWSAlgorithm.EdDSA);
            }

            @Override
            public com.nimbusds.jose.jca.JCAContext getJCAContext() {
                return context;
            }
        }

        static final class Verifier implements JWSVerifier {
            private final PublicKey key;
            private final Provider provider;
            private final com.nimbusds.jose.jca.JCAContext context = new com.nimbusds.jose.jca.JCAContext();

            Verifier(byte[] raw, Provider provider) throws JOSEException {
                this.provider = provider;
                byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
                byte[] spki = java.util.Arrays.copyOf(prefix, 44);
                System.arraycopy(raw, 0, spki, 12, 32);
                try {
                    this.key = java.security.KeyFactory.getInstance("Ed25519", provider)
                            .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
                } catch (GeneralSecurityException e) {
                    throw new JOSEException(e.getMessage(), e);
                }
            }

            @Override
            public boolean verify(JWSHeader header, byte[] input, Base64URL signature) throws JOSEException {
                try {
                    Signature s = Signature.getInstance("Ed25519", provider);
                    s.initVerify(key);
                    s.update(input);
                    return s.verify(signature.decode());
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return Set.of(JWSAlgorithm.EdDSA);
            }

            @Override
            public com.nimbusds.jose.jca.JCAContext getJCAContext() {
                return context;
            }
        }
    }
}
