package io.partnerid.core.user;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity pools, users and their lifecycle, federated identity links and explicit memberships.
 *
 * <p>Thread-safe: all state lives in the repositories, and every read-check-write is protected by the
 * repositories' optimistic concurrency ({@code store.conflict} when another writer got there first). This is the
 * <em>unchecked</em> domain service: it enforces the model's own rules (a pool belongs to one organization, a user
 * lives in one pool, allowed status transitions, links only for issuers registered to the user's organization and
 * (issuer, subject) uniqueness per tenant, nothing new under a suspended organization) but knows no acting
 * principal. Applications administer users through the delegated
 * administration façade, which checks the actor's admin grants and audits; this service publishes no audit events.
 *
 * <pre>{@code
 * InMemoryFederatedIssuerResolver issuers = new InMemoryFederatedIssuerResolver();
 * UserService users = UserService.inMemory(organizations, issuers, runtime);
 * IdentityPool pool = users.createPool(acme.id(), "Acme staff");
 * User alice = users.createUser(NewUser.builder(pool.id(), "alice").email("alice@acme.example")
 *         .displayName("Alice").build());
 * issuers.register(acme.id(), "https://login.acme.example");   // federation does this from Acme's connections
 * users.link(alice.id(), "https://login.acme.example", "248289761001");
 * Optional<User> found = users.findByFederatedIdentity(acme.id(), "https://login.acme.example", "248289761001");
 * users.addMembership(alice.id(), hostOrg.id()); // Alice also works for the host
 * }</pre>
 */
public final class UserService {

    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    private final IdentityPoolRepository pools;
    private final UserRepository users;
    private final FederatedIdentityRepository links;
    private final FederatedIssuerResolver issuers;
    private final MembershipRepository memberships;
    private final OrganizationService organizations;
    private final IdentityRuntime runtime;

    /**
     * Builds the service from its repositories, the organization tree and the runtime.
     *
     * @param pools storage of identity pools
     * @param users storage of users
     * @param links storage of federated identity links
     * @param issuers which issuers each organization registered; {@link FederatedIssuerResolver#none()} refuses
     *     every link
     * @param memberships storage of explicit memberships
     * @param organizations the organization tree (existence, status and ancestry of organizations)
     * @param runtime clock and id generator
     */
    public UserService(IdentityPoolRepository pools, UserRepository users, FederatedIdentityRepository links,
                       FederatedIssuerResolver issuers, MembershipRepository memberships,
                       OrganizationService organizations, IdentityRuntime runtime) {
        this.pools = Objects.requireNonNull(pools, "pools");
        this.users = Objects.requireNonNull(users, "users");
        this.links = Objects.requireNonNull(links, "links");
        this.issuers = Objects.requireNonNull(issuers, "issuers");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * A service over fresh in-memory repositories, for tests, samples and local development; links are allowed for
     * the issuers {@code issuers} registers.
     */
    public static UserService inMemory(OrganizationService organizations, FederatedIssuerResolver issuers,
                                       IdentityRuntime runtime) {
        return new UserService(new InMemoryIdentityPoolRepository(), new InMemoryUserRepository(),
                new InMemoryFederatedIdentityRepository(), issuers, new InMemoryMembershipRepository(), organizations,
                runtime);
    }

    /**
     * What a new user is made of. Immutable and thread-safe; built by {@link #builder(PoolId, String)}.
     *
     * <pre>{@code
     * NewUser request = NewUser.builder(pool.id(), "alice")
     *         .email("alice@acme.example")
     *         .displayName("Alice")
     *         .build();                      // ACTIVE unless .status(UserStatus.INVITED)
     * }</pre>
     */
    public static final class NewUser {

        private final PoolId poolId;
        private final String username;
        private final Optional<String> email;
        private final String displayName;
        private final UserStatus initialStatus;

        private NewUser(Builder b) {
            this.poolId = b.poolId;
            this.username = b.username;
            this.email = Optional.ofNullable(b.email);
            this.displayName = b.displayName != null ? b.displayName : b.username;
            this.initialStatus = b.status;
        }

        /**
         * Starts a new user.
         *
         * @param poolId the pool the user will live in
         * @param username the username, canonicalized by {@link User#canonicalUsername(String)}
         */
        public static Builder builder(PoolId poolId, String username) {
            return new Builder(poolId, username);
        }

        /** The pool the user will live in. */
        public PoolId poolId() {
            return poolId;
        }

        /** The username as given (canonicalized on creation). */
        public String username() {
            return username;
        }

        /** An e-mail address, if any (informational, never a key). */
        public Optional<String> email() {
            return email;
        }

        /** The display name. */
        public String displayName() {
            return displayName;
        }

        /** {@link UserStatus#ACTIVE} or {@link UserStatus#INVITED}. */
        public UserStatus initialStatus() {
            return initialStatus;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NewUser u && poolId.equals(u.poolId) && username.equals(u.username)
                    && email.equals(u.email) && displayName.equals(u.displayName)
                    && initialStatus == u.initialStatus;
        }

        @Override
        public int hashCode() {
            return Objects.hash(poolId, username, email, displayName, initialStatus);
        }

        @Override
        public String toString() {
            return "NewUser[poolId=" + poolId + ", username=" + username + ", status=" + initialStatus + "]";
        }

        /**
         * Builds a {@link NewUser}.
         *
         * <p>Not thread-safe; use one per request.
         */
        public static final class Builder {
            private final PoolId poolId;
            private final String username;
            private String email;
            private String displayName;
            private UserStatus status = UserStatus.ACTIVE;

            private Builder(PoolId poolId, String username) {
                this.poolId = Objects.requireNonNull(poolId, "poolId");
                this.username = Objects.requireNonNull(username, "username");
            }

            /** Optional: an e-mail address (informational, never a key); none by default. */
            public Builder email(String email) {
                this.email = Objects.requireNonNull(email, "email");
                return this;
            }

            /** Optional: the display name; the username by default. */
            public Builder displayName(String displayName) {
                this.displayName = Objects.requireNonNull(displayName, "displayName");
                return this;
            }

            /**
             * Optional: the initial status, {@link UserStatus#ACTIVE} (the default) or {@link UserStatus#INVITED};
             * {@link UserService#createUser} refuses any other.
             */
            public Builder status(UserStatus status) {
                this.status = Objects.requireNonNull(status, "status");
                return this;
            }

            /** Builds the request. */
            public NewUser build() {
                return new NewUser(this);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- pools

    /**
     * Creates an identity pool owned by {@code orgId}.
     *
     * @throws IdentityException {@code org.not_found} when the organization does not exist, {@code org.suspended}
     *     when it is suspended, {@code user.invalid_request} for a bad name
     */
    public IdentityPool createPool(OrgId orgId, String name) {
        Objects.requireNonNull(name, "name");
        requireActiveOrg(orgId);
        IdentityPool pool = valid(() -> new IdentityPool(PoolId.of(runtime.ids().next()), orgId, name, runtime.now(),
                0));
        pools.insert(pool);
        return pool;
    }

    /** Looks a pool up; empty when it does not exist. */
    public Optional<IdentityPool> findPool(PoolId id) {
        return pools.findById(Objects.requireNonNull(id, "id"));
    }

    /**
     * Looks a pool up.
     *
     * @throws IdentityException {@code user.pool_not_found} when it does not exist
     */
    public IdentityPool requirePool(PoolId id) {
        return findPool(id).orElseThrow(() -> UserErrors.poolNotFound(id));
    }

    /** The pools of an organization, ordered by id. */
    public Page<IdentityPool> pools(OrgId orgId, PageRequest page) {
        return pools.findByOrg(Objects.requireNonNull(orgId, "orgId"), Objects.requireNonNull(page, "page"));
    }

    // ---------------------------------------------------------------------------------------------------- users

    /**
     * Creates a user in a pool; its home organization is the pool's organization.
     *
     * @throws IdentityException {@code user.pool_not_found}, {@code org.suspended} when the pool's organization is
     *     suspended, {@code user.username_taken} when the pool already holds the (canonical) username,
     *     {@code user.invalid_request} for a malformed username, e-mail or display name, or an initial status other
     *     than INVITED or ACTIVE
     */
    public User createUser(NewUser request) {
        Objects.requireNonNull(request, "request");
        if (request.initialStatus() != UserStatus.INVITED && request.initialStatus() != UserStatus.ACTIVE) {
            throw UserErrors.invalidRequest("initial status must be INVITED or ACTIVE: " + request.initialStatus());
        }
        IdentityPool pool = requirePool(request.poolId());
        requireActiveOrg(pool.orgId());
        User user = valid(() -> new User(UserId.of(runtime.ids().next()), pool.id(), pool.orgId(),
                User.canonicalUsername(request.username()), request.email(), request.displayName(),
                request.initialStatus(), runtime.now(), 0));
        try {
            users.insert(user);
        } catch (IdentityException e) {
            throw translateDuplicate(e, UserErrors.USERNAME_TAKEN, "The username is not available.",
                    "username taken in pool " + pool.id());
        }
        return user;
    }

    /**
     * Moves a user to another lifecycle state, following the transitions of {@link UserStatus}. Changing to the
     * current state is a no-op that returns the user unchanged. While the home organization is suspended only
     * restricting changes (to LOCKED or DISABLED) are allowed.
     *
     * @return the user as stored
     * @throws IdentityException {@code user.not_found}; {@code user.invalid_transition} for a transition the
     *     lifecycle does not allow; {@code org.suspended}; {@code store.conflict} when the user changed concurrently
     */
    public User changeStatus(UserId id, UserStatus target) {
        Objects.requireNonNull(target, "target");
        User user = requireUser(id);
        if (user.status() == target) {
            return user;
        }
        if (!user.status().canTransitionTo(target)) {
            throw new IdentityException(UserErrors.INVALID_TRANSITION, "The status change is not allowed.",
                    "user " + id + " cannot change from " + user.status() + " to " + target);
        }
        if (target == UserStatus.ACTIVE) {
            requireActiveOrg(user.orgId());
        }
        User stored = users.update(user.withStatus(target));
        LOG.debug("user {} changed from {} to {}", id, user.status(), target);
        return stored;
    }

    /**
     * Replaces a user's display name and e-mail address.
     *
     * @throws IdentityException {@code user.not_found}, {@code user.invalid_request}, {@code org.suspended},
     *     {@code store.conflict}
     */
    public User updateProfile(UserId id, String displayName, Optional<String> email) {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(email, "email");
        User user = requireUser(id);
        requireActiveOrg(user.orgId());
        return users.update(valid(() -> user.withProfile(displayName, email)));
    }

    /** Looks a user up; empty when it does not exist. */
    public Optional<User> findUser(UserId id) {
        return users.findById(Objects.requireNonNull(id, "id"));
    }

    /**
     * Looks a user up.
     *
     * @throws IdentityException {@code user.not_found} when it does not exist
     */
    public User requireUser(UserId id) {
        return findUser(id).orElseThrow(() -> UserErrors.notFound(id));
    }

    /** Looks a user up by username (canonicalized first) within a pool; empty when there is none. */
    public Optional<User> findByUsername(PoolId poolId, String username) {
        Objects.requireNonNull(poolId, "poolId");
        String canonical;
        try {
            canonical = User.canonicalUsername(username);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return users.findByUsername(poolId, canonical);
    }

    /** The users of a pool, ordered by id. */
    public Page<User> usersInPool(PoolId poolId, PageRequest page) {
        return users.findByPool(Objects.requireNonNull(poolId, "poolId"), Objects.requireNonNull(page, "page"));
    }

    /**
     * The home organization of a user: its pool's organization.
     *
     * @throws IdentityException {@code user.not_found}
     */
    public OrgId homeOrg(UserId id) {
        return requireUser(id).orgId();
    }

    // ---------------------------------------------------------------------------------------- federated identities

    /**
     * Links the external identity (issuer, subject) to a user, in the user's tenant. The issuer must be registered
     * (see {@link FederatedIssuerResolver}) to the user's home organization or one of its ancestors: an organization
     * links only identities asserted by its own identity providers. The pair is compared exactly and can be linked
     * to one user per tenant; another tenant's link of the same pair is neither visible nor in the way. E-mail
     * addresses play no part.
     *
     * @throws IdentityException {@code user.not_found}; {@code user.invalid_request} for an empty or oversized issuer
     *     or subject; {@code org.suspended}; {@code user.federated_issuer_not_registered} when the issuer is not
     *     registered to the user's organization or an ancestor; {@code user.federated_identity_taken} when the pair
     *     is already linked in the tenant (to this user or another)
     */
    public FederatedIdentity link(UserId userId, String issuer, String subject) {
        User user = requireUser(userId);
        Organization home = requireActiveOrg(user.orgId());
        FederatedIdentity link = valid(() -> new FederatedIdentity(home.tenant(), issuer, subject, user.id(),
                user.poolId(), user.orgId(), runtime.now()));
        if (!issuerRegistered(home, issuer)) {
            throw new IdentityException(UserErrors.FEDERATED_ISSUER_NOT_REGISTERED,
                    "The identity provider is not registered for this organization.",
                    "issuer not registered to " + home.id() + " or its ancestors");
        }
        try {
            links.insert(link);
        } catch (IdentityException e) {
            throw translateDuplicate(e, UserErrors.FEDERATED_IDENTITY_TAKEN,
                    "The external identity cannot be linked.", "federated identity already linked in tenant "
                            + home.tenant());
        }
        return link;
    }

    /** True when {@code issuer} is registered to {@code org} or one of its ancestors, nearest first. */
    private boolean issuerRegistered(Organization org, String issuer) {
        List<OrgId> line = org.path().ids();
        for (int i = line.size() - 1; i >= 0; i--) {
            if (issuers.isRegistered(line.get(i), issuer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the link (issuer, subject) from a user, in the user's tenant.
     *
     * @return true when the link existed and belonged to the user; false otherwise (a link of another user, or of
     *     another tenant, is left alone)
     */
    public boolean unlink(UserId userId, String issuer, String subject) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Optional<User> user = findUser(userId);
        Optional<OrgId> tenant = user.flatMap(u -> organizations.find(u.orgId())).map(Organization::tenant);
        if (tenant.isEmpty()) {
            return false;
        }
        Optional<FederatedIdentity> link = links.find(tenant.get(), issuer, subject);
        if (link.isEmpty() || !link.get().userId().equals(userId)) {
            return false;
        }
        return links.delete(tenant.get(), issuer, subject);
    }

    /**
     * The link of (issuer, subject) in the tenant of {@code org}, by exact comparison; empty when there is none, when
     * {@code org} is unknown, or when the linked user no longer lives in that tenant. {@code org} is any organization
     * of the tenant, typically the one whose connection received the login; links of other tenants are never
     * returned.
     */
    public Optional<FederatedIdentity> findLink(OrgId org, String issuer, String subject) {
        return resolveLink(org, issuer, subject).map(Resolved::link);
    }

    /**
     * The user linked to (issuer, subject) in the tenant of {@code org}, by exact comparison; empty when there is
     * none (see {@link #findLink}). Another tenant's link of the same pair is never returned. The caller routing a
     * login passes the organization whose identity-provider connection (or trusted issuer) received it.
     */
    public Optional<User> findByFederatedIdentity(OrgId org, String issuer, String subject) {
        return resolveLink(org, issuer, subject).map(Resolved::user);
    }

    private record Resolved(FederatedIdentity link, User user) {
    }

    private Optional<Resolved> resolveLink(OrgId org, String issuer, String subject) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Optional<OrgId> tenant = organizations.find(org).map(Organization::tenant);
        if (tenant.isEmpty()) {
            return Optional.empty();
        }
        Optional<FederatedIdentity> link = links.find(tenant.get(), issuer, subject);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        // A user whose organization moved to another tenant no longer answers for this tenant's link.
        Optional<User> user = users.findById(link.get().userId());
        boolean stillThere = user.flatMap(u -> organizations.find(u.orgId()))
                .map(o -> o.tenant().equals(tenant.get())).orElse(false);
        return stillThere ? Optional.of(new Resolved(link.get(), user.get())) : Optional.empty();
    }

    /** The federated identities linked to a user, ordered by issuer then subject. */
    public Page<FederatedIdentity> links(UserId userId, PageRequest page) {
        return links.findByUser(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(page, "page"));
    }

    // ---------------------------------------------------------------------------------------------- memberships

    /**
     * Makes a user an explicit member of an organization other than its home organization. Idempotent: when the
     * membership exists it is returned unchanged.
     *
     * @throws IdentityException {@code user.not_found}; {@code org.not_found}; {@code org.suspended} when the target
     *     organization or the user's home organization is suspended; {@code user.home_org_membership} when
     *     {@code orgId} is the user's home organization
     */
    public Membership addMembership(UserId userId, OrgId orgId) {
        User user = requireUser(userId);
        if (user.orgId().equals(orgId)) {
            throw new IdentityException(UserErrors.HOME_ORG_MEMBERSHIP,
                    "The organization is the user's home organization.", "user " + userId + " lives in " + orgId);
        }
        requireActiveOrg(orgId);
        requireActiveOrg(user.orgId());
        Optional<Membership> existing = memberships.find(userId, orgId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Membership membership = new Membership(userId, orgId, runtime.now());
        try {
            memberships.insert(membership);
        } catch (IdentityException e) {
            if (e.code().equals(StoreErrors.DUPLICATE)) {
                return memberships.find(userId, orgId).orElseThrow(() -> e);
            }
            throw e;
        }
        return membership;
    }

    /**
     * Ends a user's explicit membership in an organization.
     *
     * @return true when a membership was removed
     */
    public boolean removeMembership(UserId userId, OrgId orgId) {
        return memberships.delete(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(orgId, "orgId"));
    }

    /** The explicit memberships of a user, ordered by organization id (the home organization is not listed). */
    public Page<Membership> memberships(UserId userId, PageRequest page) {
        return memberships.findByUser(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(page, "page"));
    }

    /** The explicit members of an organization, ordered by user id (users living in its pools are not listed). */
    public Page<Membership> members(OrgId orgId, PageRequest page) {
        return memberships.findByOrg(Objects.requireNonNull(orgId, "orgId"), Objects.requireNonNull(page, "page"));
    }

    /**
     * True when {@code orgId} is the user's home organization or the user holds an explicit membership in exactly
     * that organization; false for an unknown user. Neither extends down or up the tree.
     */
    public boolean isMemberOrHome(UserId userId, OrgId orgId) {
        Objects.requireNonNull(orgId, "orgId");
        Optional<User> user = findUser(userId);
        if (user.isEmpty()) {
            return false;
        }
        return user.get().orgId().equals(orgId) || memberships.find(userId, orgId).isPresent();
    }

    /**
     * True when the user belongs to the organization's line of the tree: its home organization is {@code orgId},
     * an ancestor or a descendant of it, or the user holds an explicit membership in {@code orgId} or one of its
     * ancestors. Role assignments and group memberships require it, so that a user of one partner never gets
     * privileges in another partner's subtree without an explicit membership there. False for an unknown user or
     * organization.
     */
    public boolean isAffiliated(UserId userId, OrgId orgId) {
        Objects.requireNonNull(orgId, "orgId");
        Optional<User> user = findUser(userId);
        Optional<Organization> target = organizations.find(orgId);
        if (user.isEmpty() || target.isEmpty()) {
            return false;
        }
        OrgId home = user.get().orgId();
        Optional<Organization> homeOrg = organizations.find(home);
        if (homeOrg.isPresent() && (homeOrg.get().path().isAncestorOrSelfOf(target.get().path())
                || target.get().path().isAncestorOrSelfOf(homeOrg.get().path()))) {
            return true;
        }
        // Memberships extend down the tree only: any ancestor-or-self of the target holding a membership counts.
        for (OrgId ancestor : target.get().path().ids()) {
            if (memberships.find(userId, ancestor).isPresent()) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------- internals

    private Organization requireActiveOrg(OrgId orgId) {
        Organization org = organizations.require(Objects.requireNonNull(orgId, "orgId"));
        if (!org.isActive()) {
            throw OrgErrors.suspended(orgId);
        }
        return org;
    }

    private static <T> T valid(Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException e) {
            throw UserErrors.invalidRequest(e.getMessage());
        }
    }

    private static IdentityException translateDuplicate(IdentityException e, ErrorCode code,
                                                String clientText, String detail) {
        if (e.code().equals(StoreErrors.DUPLICATE)) {
            return new IdentityException(code, clientText, detail, e);
        }
        return e;
    }
}
