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
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.core.governance.SuspensionContributor;
import io.partnerid.core.group.GroupService;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.settings.SettingsService;
import io.partnerid.core.user.FederatedIssuerResolver;
import io.partnerid.core.user.UserService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * identity-core wired together: the domain services, the kill switch and the delegated-administration façade over
 * one set of {@link CoreStores}.
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
 *         .build();
 * DelegatedAdministration admin = core.admin();
 * }</pre>
 */
public final class IdentityCore {

    private final CoreStores stores;
    private final IdentityRuntime runtime;
    private final OrganizationService organizations;
    private final UserService users;
    private final GroupService groups;
    private final RoleService roles;
    private final ClientService clients;
    private final DomainVerificationService domains;
    private final SettingsService settings;
    private final OrganizationStatusCache organizationStatus;
    private final KillSwitch killSwitch;
    private final DelegatedAdministration admin;
    private final AuditChainVerifier auditVerifier;

    private IdentityCore(Builder b) {
        this.stores = b.stores;
        this.runtime = b.runtime;
        this.organizations = new OrganizationService(stores.organizations(), runtime);
        this.users = new UserService(stores.pools(), stores.users(), stores.federatedIdentities(),
                b.federatedIssuers, stores.memberships(), organizations, runtime);
        this.groups = new GroupService(stores.groups(), users, organizations, runtime);
        this.roles = new RoleService(stores.roles(), stores.roleAssignments(), users, groups, organizations, runtime);
        SecretHasher hasher = b.secretHasher != null ? b.secretHasher : new Argon2SecretHasher(runtime.random());
        this.clients = new ClientService(stores.clients(), hasher, organizations, runtime);
        this.domains = DomainVerificationService.builder(stores.domainClaims(), b.dnsResolver, organizations,
                b.auditPublisher, runtime).build();
        this.settings = new SettingsService(stores.settings(), organizations);
        List<SuspensionContributor> contributors = new ArrayList<>();
        contributors.add(new AdminGrantsSuspensionContributor(stores.adminGrants()));
        contributors.addAll(b.contributors);
        this.organizationStatus = OrganizationStatusCache.builder(stores.organizations(), runtime).build();
        this.killSwitch = new KillSwitch(stores.organizations(), organizationStatus, contributors, b.auditPublisher,
                runtime);
        this.admin = DelegatedAdministration.builder()
                .organizations(organizations, stores.organizations())
                .users(users).groups(groups).roles(roles).clients(clients).domains(domains).settings(settings)
                .adminGrants(stores.adminGrants()).accessRequests(stores.accessRequests())
                .invitations(stores.invitations()).auditLog(stores.auditLog())
                .killSwitch(killSwitch).auditPublisher(b.auditPublisher).runtime(runtime)
                .build();
        this.auditVerifier = new AuditChainVerifier(stores.auditLog());
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The stores everything reads and writes. */
    public CoreStores stores() {
        return stores;
    }

    /** The injected clock, ids and randomness. */
    public IdentityRuntime runtime() {
        return runtime;
    }

    /** The organization tree (unchecked domain service). */
    public OrganizationService organizations() {
        return organizations;
    }

    /** Pools, users, links and memberships (unchecked domain service). */
    public UserService users() {
        return users;
    }

    /** Groups (unchecked domain service). */
    public GroupService groups() {
        return groups;
    }

    /** Roles and assignments (unchecked domain service). */
    public RoleService roles() {
        return roles;
    }

    /** Client applications (unchecked domain service). */
    public ClientService clients() {
        return clients;
    }

    /** Verified email domains; lapses found by its re-check are audited through the core's audit publisher. */
    public DomainVerificationService domains() {
        return domains;
    }

    /** Inherited settings with guardrails. */
    public SettingsService settings() {
        return settings;
    }

    /** The kill switch mechanism (administrators use {@link DelegatedAdministration#suspend}). */
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

    /** The checked, audited administration façade. */
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

        /** Adds a kill-switch contributor (tokens, sessions, connections …); called in the order added. */
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
            if (!missing.isEmpty()) {
                throw new IllegalStateException("IdentityCore needs " + missing);
            }
            return new IdentityCore(this);
        }
    }
}
