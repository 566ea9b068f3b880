package io.partnerid.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.OrganizationStatusCaches;
import io.partnerid.testkit.TestRuntimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Wires the token feature on in-memory stores and a mutable clock, and forges tokens for negative tests. */
final class TokenFixture {

    static final String ISSUER = "https://id.example.com";
    static final String API = "https://api.example.com";
    static final KeySetId SET = KeySetId.of("default");

    final MutableClock clock = MutableClock.standard();
    final IdentityRuntime runtime = TestRuntimes.on(clock);
    final InMemoryOrganizationRepository orgRepository = new InMemoryOrganizationRepository();
    final OrganizationService orgs = new OrganizationService(orgRepository, runtime);
    final InMemorySigningKeyRepository keyRepository = new InMemorySigningKeyRepository();
    final SigningKeyService keys;
    final InMemoryRevokedTokenStore revocations = new InMemoryRevokedTokenStore(1000);
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    final AccessTokenService tokens;
    final Organization acme;

    TokenFixture() {
        this(SigningAlgorithm.ES256);
    }

    TokenFixture(SigningAlgorithm algorithm) {
        keys = SigningKeyService.builder(keyRepository, PrivateKeyProtector.unprotected(), runtime).build();
        keys.initialize(SET, algorithm);
        tokens = AccessTokenService.builder(ISSUER, keys, runtime)
                .organizationStatus(OrganizationStatusCaches.readThrough(orgRepository, runtime))
                .revocations(revocations)
                .audit(events::add)
                .build();
        acme = orgs.createRoot(new OrganizationService.NewOrganization("Acme"));
    }

    AccessTokenRequest.Builder request() {
        return AccessTokenRequest.builder(acme.id(), "user-1", "portal").audience(API)
                .scopes(Set.of("orders:read", "orders:write")).roles(Set.of("buyer")).acr("urn:acr:mfa")
                .amr(List.of("pwd", "otp")).pool("employees");
    }

    /** The claims of a valid token, for forging variants. */
    Map<String, Object> claims() {
        Instant now = clock.instant();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("sub", "user-1");
        c.put("aud", API);
        c.put("exp", now.plusSeconds(300).getEpochSecond());
        c.put("iat", now.getEpochSecond());
        c.put("jti", "forged-" + now.getEpochSecond());
        c.put("client_id", "portal");
        c.put("org_id", acme.id().value());
        return c;
    }

    Map<String, Object> claims(Consumer<Map<String, Object>> change) {
        Map<String, Object> c = claims();
        change.accept(c);
        return c;
    }

    /** Signs claims with the CURRENT key of the default set, with a customizable header. */
    String forge(Map<String, Object> claims, Consumer<JWSHeader.Builder> header) {
        SigningKeyService.ActiveKey key = keys.currentKey(SET);
        JWSHeader.Builder h = new JWSHeader.Builder(Jca.jws(key.algorithm())).type(new JOSEObjectType("at+jwt"))
                .keyID(key.kid());
        header.accept(h);
        return sign(h.build(), claims, key.signer());
    }

    String forge(Map<String, Object> claims) {
        return forge(claims, h -> { });
    }

    static String sign(JWSHeader header, Map<String, Object> claims, JWSSigner signer) {
        JWSObject jws = new JWSObject(header, new Payload(claims));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jws.serialize();
    }

    OrgId org(String name) {
        return orgs.createRoot(new OrganizationService.NewOrganization(name)).id();
    }

    List<AuditEvent> events(String type) {
        List<AuditEvent> out = new ArrayList<>();
        for (AuditEvent e : events) {
            if (e.type().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }
}
