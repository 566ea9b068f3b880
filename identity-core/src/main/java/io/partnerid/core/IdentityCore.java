package io.partnerid.core;

import io.partnerid.core.admin.AdminGrantsSuspensionContributor;
import io.partnerid.core.admin.DelegatedAdministration;
import io.partnerid.core.audit.AuditChainVerifier;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.client.Argon2SecretHasher;
import io.partnerid.core.client.ClientService;
import io.partnerid.core.client.SecretHasher;
import io.partnerid.core.domain.DnsTxtResolver;
import io.partnerid.core.domain.DomainVerificationService;
import io.partnerid.core.governance.KillSwitch;
import io.partnerid.core.governance.SuspensionContributor;
import io.partnerid.core.group.GroupService;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.settings.SettingsService;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.token.SigningKeyService;
import io.partnerid.core.token.TokenSuspensionContributor;
import io.partnerid.core.user.FederatedIssuerResolver;
import io.partnerid.core.user.UserService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * identity-core wired together, the composition root every other module builds on: the delegated-administration
 * façade (the one checked, audited write path), the organization status cache, token issuance and verification,
 * the kill switch (with the admin-grant and token contributors registered) and, behind {@link #unchecked()}, the
 * domain services without authorization and audit, over one set of {@link CoreStores} and one audit publisher.
 *
 * <p>Thread-safe; build one per application at start-up and share it. Every collaborator is explicit: the stores
 * (in-memory or JDBC — never a silent fallback), the runtime (clock, ids, randomness), the audit publisher (for
 * example an {@link io.partnerid.core.audit.AsyncAuditPublisher} writing to {@code stores.auditLog()}) and the
 * DNS resolver used for domain verification. Federated identity links are allowed only for the issuers that the
 * {@link Builder#federatedIssuers federated issuer resolver} registers to the user's organization or an ancestor;
 * without one, no issuer is registered and every link is refused (fail closed).
 *
 * <pre>{@code
 * CoreStores stores = CoreStores.inMemory();
 * IdentityCore core = IdentityCore.builder()
 *         .stores(stores)
 *         .runtime(runtime)
 *         .auditPublisher(AsyncAuditPublisher.builder(stores.auditLog()).build())
 *         .dnsResolver(JndiDnsTxtResolver.builder().build())
 *         .federatedIssuers(issuers)   // federation's connections; InMemoryFederatedIssuerResolver in tests
 *         .tokens("https://id.example.com", PrivateKeyProtector.aesGcm(keyEncryptionKey, random))
 *         .build();
 * core.signingKeys().initialize(KeySetId.of("default"), SigningAlgorithm.ES256);
 * DelegatedAdministration admin = core.admin();
 * Organization partner = admin.organizations().createRoot(Actor.system("bootstrap"), new NewOrganization("Acme"));
 * }</pre>
 */
public final class IdentityCore {

    private final IdentityRuntime runtime;
    private final UncheckedServices unchecked;
    private final AuditPublisher auditPublisher;
    private final OrganizationStatusCache organizationStatus;
    private final SigningKeyService signingKeys;
    private final AccessTokenService tokens;
    private final KillSwitch killSwitch;
    private final DelegatedAdministration admin;
    private final AuditChainVerifier auditVerifier;

    private IdentityCore(Builder b) {
        CoreStores stores = b.stores;
        this.runtime = b.runtime;
        OrganizationService organizations = new OrganizationService(stores.organizations(), runtime);
        UserService users = new UserService(stores.pools(), stores.users(), stores.federatedIdentities(),
                b.federatedIssuers, stores.memberships(), organizations, runtime);
        GroupService groups = new GroupService(stores.groups(), users, organizations, runtime);
        RoleService roles = new RoleService(stores.roles(), stores.roleAssignments(), users, groups, organizations,
                runtime);
        SecretHasher hasher = b.secretHasher != null ? b.secretHasher : new Argon2SecretHasher(runtime.random());
        ClientService clients = new ClientService(stores.clients(), hasher, organizations, runtime);
        DomainVerificationService domains = DomainVerificationService.builder(stores.domainClaims(), b.dnsResolver,
                organizations, b.auditPublisher, runtime).build();
        SettingsService settings = new SettingsService(stores.settings(), organizations);
        this.unchecked = new UncheckedServices(stores, organizations, users, groups, roles, clients, domains,
                settings);
        this.auditPublisher = b.auditPublisher;
        this.organizationStatus = OrganizationStatusCache.builder(stores.organizations(), runtime).build();
        this.signingKeys = SigningKeyService.builder(stores.signingKeys(), b.keyProtector, runtime).build();
        AccessTokenService.Builder tokenBuilder = AccessTokenService.builder(b.tokenIssuer, signingKeys, runtime);
        b.tokenOptions.accept(tokenBuilder);
        this.tokens = tokenBuilder.organizationStatus(organizationStatus).revocations(stores.revokedTokens())
                .audit(b.auditPublisher).build();
        List<SuspensionContributor> contributors = new ArrayList<>();
        contributors.add(new AdminGrantsSuspensionContributor(stores.adminGrants()));
        contributors.add(new TokenSuspensionContributor(stores.revokedTokens(), stores.organizations(),
                b.auditPublisher));
        contributors.addAll(b.contributors);
        this.killSwitch = new KillSwitch(stores.organizations(), organizationStatus, contributors, b.auditPublisher,
                runtime);
        this.admin = DelegatedAdministration.over(unchecked, killSwitch, b.auditPublisher, runtime);
        this.auditVerifier = new AuditChainVerifier(stores.auditLog());
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The injected clock, ids and randomness. */
    public IdentityRuntime runtime() {
        return runtime;
    }

    /**
     * The domain services and stores <b>without authorization and audit</b>: for the host's trusted bootstrap code
     * and for other modules' reads of the model. Whatever is changed through them is checked against the model's
     * own rules only, never against an actor, and leaves no audit record; changes on anyone's behalf go through
     * {@link #admin()}.
     */
    public UncheckedServices unchecked() {
        return unchecked;
    }

    /** The kill switch mechanism (administrators use {@code admin().governance().suspend(..)}). */
    public KillSwitch killSwitch() {
        return killSwitch;
    }

    /**
     * This node's cached view of organization status for hot paths (token verification, decisions, exchange):
     * a change made on any node sharing the stores is honoured within
     * {@link OrganizationStatusCache#DEFAULT_MAX_STALENESS} plus one counter read, a change through this node's
     * kill switch at once.
     */
    public OrganizationStatusCache organizationStatus() {
        return organizationStatus;
    }

    /**
     * Issues and verifies this deployment's access tokens (RFC 9068): over the stores' signing keys and revoked
     * tokens, reading organization status through {@link #organizationStatus()}, auditing to the core's publisher;
     * the kill switch revokes a suspended subtree's tokens (its {@code tokens} section).
     */
    public AccessTokenService tokens() {
        return tokens;
    }

    /**
     * The signing keys behind {@link #tokens()}: initialize a key set at start-up
     * ({@code signingKeys().initialize(KeySetId.of("default"), SigningAlgorithm.ES256)}, idempotent), rotate it on a
     * schedule, serve {@code jwks(keySet)}.
     */
    public SigningKeyService signingKeys() {
        return signingKeys;
    }

    /**
     * The audit publisher everything of this core reports to; other modules (authorization, exchange, federation)
     * are built on the same one, so one deployment has one trail.
     */
    public AuditPublisher auditPublisher() {
        return auditPublisher;
    }

    /**
     * The checked, audited write path: every change on someone's behalf goes through its sub-façades
     * ({@code admin().organizations()}, {@code users()}, {@code roles()} …), which check the actor's admin grants
     * and audit each outcome; {@code admin().guard()} is the same check for other modules.
     */
    public DelegatedAdministration admin() {
        return admin;
    }

    /** Verifies a tenant's audit chain in the stores' audit log. */
    public AuditChainVerifier auditVerifier() {
        return auditVerifier;
    }

    /**
     * Builds an {@link IdentityCore}.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private CoreStores stores;
        private IdentityRuntime runtime;
        private AuditPublisher auditPublisher;
        private DnsTxtResolver dnsResolver;
        private SecretHasher secretHasher;
        private String tokenIssuer;
        private PrivateKeyProtector keyProtector;
        private Consumer<AccessTokenService.Builder> tokenOptions = options -> { };
        private FederatedIssuerResolver federatedIssuers = FederatedIssuerResolver.none();
        private final List<SuspensionContributor> contributors = new ArrayList<>();

        private Builder() {
        }

        /** Required: the stores. */
        public Builder stores(CoreStores stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        /** Required: clock, ids and randomness. */
        public Builder runtime(IdentityRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /** Required: where audit events go; it must not block. */
        public Builder auditPublisher(AuditPublisher publisher) {
            this.auditPublisher = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /** Required: the DNS resolver for domain verification. */
        public Builder dnsResolver(DnsTxtResolver resolver) {
            this.dnsResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Optional: the client secret hasher; default Argon2id with OWASP parameters. */
        public Builder secretHasher(SecretHasher hasher) {
            this.secretHasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /**
         * Which identity-provider issuers each organization registered: a federated identity is linked to a user only
         * when its issuer is registered to the user's home organization or one of its ancestors (identity-federation
         * answers from its connections and trusted issuers; {@code InMemoryFederatedIssuerResolver} for tests and
         * local development). Default {@link FederatedIssuerResolver#none()}: no issuer is registered, every link is
         * refused with {@code user.federated_issuer_not_registered} (fail closed, never silently permissive).
         */
        public Builder federatedIssuers(FederatedIssuerResolver resolver) {
            this.federatedIssuers = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Required: the issuer ({@code iss}) of this deployment's access tokens, and the protector that seals their
         * private signing keys at rest ({@link PrivateKeyProtector#aesGcm} with a key from your KMS or secret store).
         */
        public Builder tokens(String issuer, PrivateKeyProtector keyProtector) {
            this.tokenIssuer = Objects.requireNonNull(issuer, "issuer");
            this.keyProtector = Objects.requireNonNull(keyProtector, "keyProtector");
            return this;
        }

        /**
         * Optional: further token settings (lifetimes, clock skew, a key set per organization). The core sets the
         * organization status, the revocation store and the audit publisher itself, after this customizer.
         */
        public Builder tokenOptions(Consumer<AccessTokenService.Builder> customizer) {
            this.tokenOptions = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Adds a kill-switch contributor (sessions, connections …) after the core's own (admin grants, tokens);
         * called in the order added.
         */
        public Builder suspensionContributor(SuspensionContributor contributor) {
            contributors.add(Objects.requireNonNull(contributor, "contributor"));
            return this;
        }

        /**
         * Builds the core.
         *
         * @throws IllegalStateException when a required collaborator is missing
         */
        public IdentityCore build() {
            List<String> missing = new ArrayList<>();
            if (stores == null) {
                missing.add("stores");
            }
            if (runtime == null) {
                missing.add("runtime");
            }
            if (auditPublisher == null) {
                missing.add("auditPublisher");
            }
            if (dnsResolver == null) {
                missing.add("dnsResolver");
            }
            if (tokenIssuer == null) {
                missing.add("tokens");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("IdentityCore needs " + missing);
            }
            return new IdentityCore(this);
        }
    }
}
