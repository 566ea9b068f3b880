package io.partnerid.testkit.token;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.InMemorySigningKeyRepository;
import io.partnerid.core.token.IssuedToken;
import io.partnerid.core.token.KeySetId;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.token.RevokedTokenStore;
import io.partnerid.core.token.SigningAlgorithm;
import io.partnerid.core.token.SigningKeyService;
import io.partnerid.core.token.TokenStatusResolver;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.OrganizationStatusCaches;
import io.partnerid.testkit.TestRuntimes;
import java.util.Objects;

/**
 * An issuer for tests of resource servers and {@link TokenStatusResolverContract} harnesses: an
 * {@link AccessTokenService} over the given organization repository and revocation store, with in-memory, unprotected
 * signing keys (key set {@code default}, ES256), on a {@link MutableClock}.
 *
 * <p>Thread-safe as far as its stores are. Never for production (the private keys are not protected).
 *
 * <pre>{@code
 * StoreBackedIssuer issuer = new StoreBackedIssuer(organizations, revocations, clock);
 * OrgId acme = issuer.createOrganization("Acme");
 * TokenStatusResolver.Query token = issuer.issue(acme);
 * issuer.revoke(token);
 * }</pre>
 */
public final class StoreBackedIssuer {

    /** The {@code iss} of the tokens. */
    public static final String ISSUER = "https://id.example.test";
    /** The audience of the tokens. */
    public static final String AUDIENCE = "https://api.example.test";

    private final OrganizationRepository organizations;
    private final IdentityRuntime runtime;
    private final OrganizationService organizationService;
    private final SigningKeyService keys;
    private final AccessTokenService tokens;

    /** An issuer over the given stores, on {@code clock}. */
    public StoreBackedIssuer(OrganizationRepository organizations, RevokedTokenStore revocations, MutableClock clock) {
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(revocations, "revocations");
        this.runtime = TestRuntimes.on(Objects.requireNonNull(clock, "clock"));
        this.organizationService = new OrganizationService(organizations, runtime);
        this.keys = SigningKeyService.builder(new InMemorySigningKeyRepository(), PrivateKeyProtector.unprotected(),
                runtime).build();
        keys.initialize(KeySetId.of("default"), SigningAlgorithm.ES256);
        this.tokens = AccessTokenService.builder(ISSUER, keys, runtime)
                .organizationStatus(OrganizationStatusCaches.readThrough(organizations, runtime))
                .revocations(revocations).audit(AuditPublisher.discarding()).build();
    }

    /** The runtime on the issuer's clock. */
    public IdentityRuntime runtime() {
        return runtime;
    }

    /** The issuer's token service (for an introspection endpoint under test, for example). */
    public AccessTokenService tokens() {
        return tokens;
    }

    /** The issuer's public JWKS document. */
    public String jwks() {
        return keys.jwks(KeySetId.of("default"));
    }

    /** A new active root organization. */
    public OrgId createOrganization(String name) {
        return organizationService.createRoot(new OrganizationService.NewOrganization(name)).id();
    }

    /** A token of {@code org} for {@link #AUDIENCE}, as a resource server's status query. */
    public TokenStatusResolver.Query issue(OrgId org) {
        IssuedToken token = tokens.issue(AccessTokenRequest.builder(org, "user-1", "portal").audience(AUDIENCE)
                .build());
        return new TokenStatusResolver.Query(org, token.jwtId(), token.expiresAt(), token.value());
    }

    /** Revokes the token until its expiry. */
    public void revoke(TokenStatusResolver.Query token) {
        tokens.revoke(token.jwtId(), token.org(), token.expiresAt(), Actor.system("test"));
    }

    /** Suspends the organization and its subtree. */
    public void suspend(OrgId org) {
        Organization o = organizations.findById(org).orElseThrow();
        organizations.suspendSubtree(o.path(), o.id());
    }

    /** Resumes what {@link #suspend} suspended. */
    public void resume(OrgId org) {
        Organization o = organizations.findById(org).orElseThrow();
        organizations.resumeSubtree(o.path(), o.id());
    }
}
