package io.partnerid.testkit;

import io.partnerid.core.CoreStores;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.audit.SynchronousAuditPublisher;
import io.partnerid.core.client.Argon2SecretHasher;
import io.partnerid.core.domain.InMemoryDnsTxtResolver;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.user.InMemoryFederatedIssuerResolver;

/**
 * Builds a whole {@link IdentityCore} for tests: in-memory stores, a {@link MutableClock}, a synchronous audit
 * publisher (so tests read the audit log at once), a fake DNS, an in-memory federated issuer registry (empty: tests
 * register the issuers they link) and cheap password hashing.
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.standard();
 * CoreFixtures.TestCore t = CoreFixtures.inMemory(clock);
 * t.core().admin().organizations().createRoot(Actor.system("test"), new NewOrganization("Acme"));
 * }</pre>
 */
public final class CoreFixtures {

    /** Argon2id parameters cheap enough for unit tests (256 KiB, 1 pass); never for production. */
    public static final Argon2SecretHasher.Parameters TEST_HASHING = new Argon2SecretHasher.Parameters(256, 1, 1);

    private CoreFixtures() {
    }

    /**
     * A core and the fakes behind it.
     *
     * @param core the wired core
     * @param clock the clock tests move
     * @param dns the fake DNS tests publish TXT records in
     * @param issuers the issuers registered per organization, which links are allowed for
     */
    public record TestCore(IdentityCore core, MutableClock clock, InMemoryDnsTxtResolver dns,
                           InMemoryFederatedIssuerResolver issuers) {
    }

    /** A core over fresh in-memory stores on {@code clock}. */
    public static TestCore inMemory(MutableClock clock) {
        return on(CoreStores.inMemory(), clock);
    }

    /** A core over the given stores (in-memory or JDBC) on {@code clock}. */
    public static TestCore on(CoreStores stores, MutableClock clock) {
        InMemoryDnsTxtResolver dns = new InMemoryDnsTxtResolver();
        InMemoryFederatedIssuerResolver issuers = new InMemoryFederatedIssuerResolver();
        var runtime = TestRuntimes.on(clock);
        IdentityCore core = IdentityCore.builder()
                .stores(stores)
                .runtime(runtime)
                .auditPublisher(new SynchronousAuditPublisher(stores.auditLog()))
                .dnsResolver(dns)
                .secretHasher(new Argon2SecretHasher(runtime.random(), TEST_HASHING))
                .federatedIssuers(issuers)
                .tokens("https://id.test.example", PrivateKeyProtector.unprotected())
                .build();
        return new TestCore(core, clock, dns, issuers);
    }
}
