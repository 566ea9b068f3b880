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
 * ClientRegistration reg = clients.register(acme.id(), new NewClient("Settlement batch",
 *         Set.of(GrantTypes.CLIENT_CREDENTIALS), Set.of(), Set.of("trades:read"), Set.of("https://api.example"),
 *         true));
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
     * What a client is registered with. Immutable and thread-safe.
     *
     * @param name display name
     * @param grantTypes grant types it may use ({@link GrantTypes})
     * @param redirectUris exact redirect URIs (required for {@code authorization_code})
     * @param scopes scopes it may request
     * @param audiences audiences it may obtain tokens for
     * @param confidential whether it gets a secret (required for {@code client_credentials})
     */
    public record NewClient(String name, Set<String> grantTypes, Set<String> redirectUris, Set<String> scopes,
                            Set<String> audiences, boolean confidential) {
        public NewClient {
            Objects.requireNonNull(name, "name");
            grantTypes = Set.copyOf(grantTypes);
            redirectUris = Set.copyOf(redirectUris);
            scopes = Set.copyOf(scopes);
            audiences = Set.copyOf(audiences);
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
