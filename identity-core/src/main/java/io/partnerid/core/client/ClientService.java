package io.partnerid.core.client;

import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client applications owned by organizations: registration, secret rotation and secret verification.
 *
 * <p>Thread-safe: state lives in the {@link ClientRepository}; rotations are protected by optimistic concurrency.
 * Secrets are 256 bits from the runtime's {@link java.security.SecureRandom}, base64url-encoded, returned once in a
 * {@link ClientRegistration} and stored only as a {@link SecretHasher} hash. {@link #verifySecret} answers
 * {@code false} alike for a wrong secret, an unknown client, a public client and a client of a suspended
 * organization, and does the same hashing work in every case (a dummy hash stands in for a missing one), so neither
 * the answer nor its timing reveals whether a client exists. Secrets are never logged. This is the
 * <em>unchecked</em> domain service: no acting principal, no audit.
 *
 * <pre>{@code
 * ClientService clients = new ClientService(new InMemoryClientRepository(),
 *         new Argon2SecretHasher(runtime.random()), organizations, runtime);
 * ClientRegistration reg = clients.register(acme.id(), NewClient.builder("Settlement batch")
 *         .grantTypes(Set.of(GrantTypes.CLIENT_CREDENTIALS)).scopes(Set.of("trades:read"))
 *         .audiences(Set.of("https://api.example")).build());
 * String secret = reg.plaintextSecret().orElseThrow(); // show once
 * clients.verifySecret(reg.client().id(), secret);    // true
 * }</pre>
 */
public final class ClientService {

    private static final Logger LOG = LoggerFactory.getLogger(ClientService.class);
    private static final int SECRET_BYTES = 32;
    private static final int MAX_PRESENTED_SECRET = 512;

    private final ClientRepository clients;
    private final SecretHasher hasher;
    private final OrganizationService organizations;
    private final IdentityRuntime runtime;
    private final String dummyHash;

    /**
     * Builds the service. Computes one dummy hash (one hashing cost) for the unknown-client path.
     *
     * @param clients storage of clients
     * @param hasher the secret hasher (for example {@link Argon2SecretHasher})
     * @param organizations the organization tree
     * @param runtime clock, ids and the random source of secrets
     */
    public ClientService(ClientRepository clients, SecretHasher hasher, OrganizationService organizations,
                         IdentityRuntime runtime) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.dummyHash = hasher.hash(newSecret());
    }

    /**
     * What a client is registered with. Immutable and thread-safe; built by {@link #builder(String)}.
     *
     * <pre>{@code
     * NewClient batch = NewClient.builder("Settlement batch")
     *         .grantTypes(Set.of(GrantTypes.CLIENT_CREDENTIALS))
     *         .scopes(Set.of("trades:read"))
     *         .audiences(Set.of("https://api.example"))
     *         .build();                      // confidential (gets a secret) unless .confidential(false)
     * }</pre>
     */
    public static final class NewClient {

        private final String name;
        private final Set<String> grantTypes;
        private final Set<String> redirectUris;
        private final Set<String> scopes;
        private final Set<String> audiences;
        private final boolean confidential;

        private NewClient(Builder b) {
            this.name = b.name;
            this.grantTypes = b.grantTypes;
            this.redirectUris = b.redirectUris;
            this.scopes = b.scopes;
            this.audiences = b.audiences;
            this.confidential = b.confidential;
        }

        /**
         * Starts a client registration.
         *
         * @param name display name
         */
        public static Builder builder(String name) {
            return new Builder(name);
        }

        /** Display name. */
        public String name() {
            return name;
        }

        /** Grant types it may use ({@link GrantTypes}). */
        public Set<String> grantTypes() {
            return grantTypes;
        }

        /** Exact redirect URIs (required for {@code authorization_code}). */
        public Set<String> redirectUris() {
            return redirectUris;
        }

        /** Scopes it may request. */
        public Set<String> scopes() {
            return scopes;
        }

        /** Audiences it may obtain tokens for. */
        public Set<String> audiences() {
            return audiences;
        }

        /** Whether it gets a secret (required for {@code client_credentials}). */
        public boolean confidential() {
            return confidential;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NewClient c && name.equals(c.name) && grantTypes.equals(c.grantTypes)
                    && redirectUris.equals(c.redirectUris) && scopes.equals(c.scopes)
                    && audiences.equals(c.audiences) && confidential == c.confidential;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, grantTypes, redirectUris, scopes, audiences, confidential);
        }

        @Override
        public String toString() {
            return "NewClient[name=" + name + ", grantTypes=" + grantTypes + ", redirectUris=" + redirectUris
                    + ", scopes=" + scopes + ", audiences=" + audiences + ", confidential=" + confidential + "]";
        }

        /**
         * Builds a {@link NewClient}; every set is empty unless set.
         *
         * <p>Not thread-safe; use one per request.
         */
        public static final class Builder {
            private final String name;
            private Set<String> grantTypes = Set.of();
            private Set<String> redirectUris = Set.of();
            private Set<String> scopes = Set.of();
            private Set<String> audiences = Set.of();
            private boolean confidential = true;

            private Builder(String name) {
                this.name = Objects.requireNonNull(name, "name");
            }

            /** The grant types it may use ({@link GrantTypes}). */
            public Builder grantTypes(Collection<String> values) {
                this.grantTypes = Set.copyOf(values);
                return this;
            }

            /** The exact redirect URIs (required for {@code authorization_code}). */
            public Builder redirectUris(Collection<String> values) {
                this.redirectUris = Set.copyOf(values);
                return this;
            }

            /** The scopes it may request. */
            public Builder scopes(Collection<String> values) {
                this.scopes = Set.copyOf(values);
                return this;
            }

            /** The audiences it may obtain tokens for. */
            public Builder audiences(Collection<String> values) {
                this.audiences = Set.copyOf(values);
                return this;
            }

            /**
             * Whether it gets a secret; default true. A public client (a browser or native app) sets false.
             */
            public Builder confidential(boolean value) {
                this.confidential = value;
                return this;
            }

            /** Builds the registration request. */
            public NewClient build() {
                return new NewClient(this);
            }
        }
    }

    /**
     * Registers a client for an organization; a confidential client gets a fresh secret, returned once.
     *
     * @throws IdentityException {@code org.not_found}; {@code org.suspended}; {@code client.invalid_redirect_uri};
     *     {@code client.invalid_metadata} for malformed metadata, {@code authorization_code} without a redirect URI,
     *     or {@code client_credentials} for a public client (RFC 6749 §4.4)
     */
    public ClientRegistration register(OrgId orgId, NewClient request) {
        Objects.requireNonNull(request, "request");
        requireActiveOrg(orgId);
        for (String uri : request.redirectUris()) {
            try {
                ClientApplication.checkRedirectUri(uri);
            } catch (IllegalArgumentException e) {
                throw new IdentityException(ClientErrors.INVALID_REDIRECT_URI, "A redirect URI is invalid.",
                        e.getMessage());
            }
        }
        if (request.grantTypes().contains(GrantTypes.AUTHORIZATION_CODE) && request.redirectUris().isEmpty()) {
            throw ClientErrors.invalidMetadata("authorization_code needs at least one redirect URI");
        }
        if (request.grantTypes().contains(GrantTypes.CLIENT_CREDENTIALS) && !request.confidential()) {
            throw ClientErrors.invalidMetadata("client_credentials is only for confidential clients");
        }
        Optional<String> secret = request.confidential() ? Optional.of(newSecret()) : Optional.empty();
        ClientApplication client;
        try {
            client = new ClientApplication(ClientId.of(runtime.ids().next()), orgId, request.name(),
                    request.grantTypes(), request.redirectUris(), request.scopes(), request.audiences(),
                    secret.map(hasher::hash), runtime.now(), 0);
        } catch (IllegalArgumentException e) {
            throw ClientErrors.invalidMetadata(e.getMessage());
        }
        clients.insert(client);
        LOG.debug("registered client {} for organization {} (confidential: {})", client.id(), orgId,
                request.confidential());
        return new ClientRegistration(client, secret);
    }

    /**
     * Replaces a confidential client's secret; the old secret stops working at once.
     *
     * @return the client and its new secret, shown once
     * @throws IdentityException {@code client.not_found}; {@code client.not_confidential}; {@code org.suspended};
     *     {@code store.conflict} when rotated concurrently
     */
    public ClientRegistration rotateSecret(ClientId id) {
        ClientApplication client = requireClient(id);
        if (!client.isConfidential()) {
            throw new IdentityException(ClientErrors.NOT_CONFIDENTIAL, "The client has no secret.",
                    "client " + id + " is public");
        }
        requireActiveOrg(client.orgId());
        String secret = newSecret();
        ClientApplication stored = clients.update(client.withSecretHash(Optional.of(hasher.hash(secret))));
        LOG.debug("rotated the secret of client {}", id);
        return new ClientRegistration(stored, Optional.of(secret));
    }

    /**
     * Checks a presented client secret. False for a wrong secret, an unknown or public client, or a client whose
     * organization is suspended; the same hashing work is done in every case.
     */
    public boolean verifySecret(ClientId id, String secret) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Optional<ClientApplication> client = clients.findById(id);
        boolean usable = client.isPresent() && client.get().secretHash().isPresent()
                && secret.length() <= MAX_PRESENTED_SECRET;
        String presented = secret.length() <= MAX_PRESENTED_SECRET ? secret : "";
        String stored = usable ? client.get().secretHash().get() : dummyHash;
        // One hash in every case. The organization is consulted only after a match: whoever holds the right
        // secret learns nothing new from the extra look-up's timing.
        boolean matches = hasher.verify(presented, stored) && usable;
        if (!matches || !organizations.find(client.get().orgId()).map(Organization::isActive).orElse(false)) {
            LOG.debug("client authentication failed for {}", id);
            return false;
        }
        return true;
    }

    /** Looks a client up; empty when it does not exist. */
    public Optional<ClientApplication> findClient(ClientId id) {
        return clients.findById(Objects.requireNonNull(id, "id"));
    }

    /**
     * Looks a client up.
     *
     * @throws IdentityException {@code client.not_found}
     */
    public ClientApplication requireClient(ClientId id) {
        return findClient(id).orElseThrow(() -> ClientErrors.notFound(id));
    }

    /** The clients of an organization, ordered by id. */
    public Page<ClientApplication> clients(OrgId orgId, PageRequest page) {
        return clients.findByOrg(Objects.requireNonNull(orgId, "orgId"), Objects.requireNonNull(page, "page"));
    }

    /**
     * Deletes a client; its secret stops working at once.
     *
     * @return true when a client was deleted
     */
    public boolean deleteClient(ClientId id) {
        return clients.delete(Objects.requireNonNull(id, "id"));
    }

    private String newSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(runtime.randomBytes(SECRET_BYTES));
    }

    private void requireActiveOrg(OrgId orgId) {
        Organization org = organizations.require(Objects.requireNonNull(orgId, "orgId"));
        if (!org.isActive()) {
            throw OrgErrors.suspended(orgId);
        }
    }
}
