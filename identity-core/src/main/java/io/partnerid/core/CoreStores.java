package io.partnerid.core;

import io.partnerid.core.admin.AccessRequestRepository;
import io.partnerid.core.admin.AdminGrantRepository;
import io.partnerid.core.admin.InMemoryAccessRequestRepository;
import io.partnerid.core.admin.InMemoryAdminGrantRepository;
import io.partnerid.core.admin.InMemoryInvitationRepository;
import io.partnerid.core.admin.InvitationRepository;
import io.partnerid.core.admin.JdbcAccessRequestRepository;
import io.partnerid.core.admin.JdbcAdminGrantRepository;
import io.partnerid.core.admin.JdbcInvitationRepository;
import io.partnerid.core.audit.AuditLog;
import io.partnerid.core.audit.InMemoryAuditLog;
import io.partnerid.core.audit.JdbcAuditLog;
import io.partnerid.core.client.ClientRepository;
import io.partnerid.core.client.InMemoryClientRepository;
import io.partnerid.core.client.JdbcClientRepository;
import io.partnerid.core.domain.DomainClaimRepository;
import io.partnerid.core.domain.InMemoryDomainClaimRepository;
import io.partnerid.core.domain.JdbcDomainClaimRepository;
import io.partnerid.core.group.GroupRepository;
import io.partnerid.core.group.InMemoryGroupRepository;
import io.partnerid.core.group.JdbcGroupRepository;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.JdbcOrganizationRepository;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.role.InMemoryRoleAssignmentRepository;
import io.partnerid.core.role.InMemoryRoleRepository;
import io.partnerid.core.role.JdbcRoleAssignmentRepository;
import io.partnerid.core.role.JdbcRoleRepository;
import io.partnerid.core.role.RoleAssignmentRepository;
import io.partnerid.core.role.RoleRepository;
import io.partnerid.core.settings.InMemoryOrgSettingsRepository;
import io.partnerid.core.settings.JdbcOrgSettingsRepository;
import io.partnerid.core.settings.OrgSettingsRepository;
import io.partnerid.core.token.InMemoryRevokedTokenStore;
import io.partnerid.core.token.InMemorySigningKeyRepository;
import io.partnerid.core.token.JdbcRevokedTokenStore;
import io.partnerid.core.token.JdbcSigningKeyRepository;
import io.partnerid.core.token.RevokedTokenStore;
import io.partnerid.core.token.SigningKeyRepository;
import io.partnerid.core.user.FederatedIdentityRepository;
import io.partnerid.core.user.IdentityPoolRepository;
import io.partnerid.core.user.InMemoryFederatedIdentityRepository;
import io.partnerid.core.user.InMemoryIdentityPoolRepository;
import io.partnerid.core.user.InMemoryMembershipRepository;
import io.partnerid.core.user.InMemoryUserRepository;
import io.partnerid.core.user.JdbcFederatedIdentityRepository;
import io.partnerid.core.user.JdbcIdentityPoolRepository;
import io.partnerid.core.user.JdbcMembershipRepository;
import io.partnerid.core.user.JdbcUserRepository;
import io.partnerid.core.user.MembershipRepository;
import io.partnerid.core.user.UserRepository;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Every durable store identity-core needs, in one value, so that a host swaps all of them at once (in-memory for
 * tests and local development, JDBC for deployments).
 *
 * <p>Immutable; thread-safe as its stores are.
 *
 * @param organizations the organization tree
 * @param pools identity pools
 * @param users users
 * @param federatedIdentities federated identity links
 * @param memberships explicit memberships
 * @param groups groups and group memberships
 * @param roles role definitions
 * @param roleAssignments role assignments
 * @param clients client applications
 * @param domainClaims email domain claims
 * @param settings per-organization settings
 * @param adminGrants admin grants
 * @param accessRequests access requests
 * @param invitations invitations
 * @param auditLog the hash-chained audit log
 * @param signingKeys the token signing keys (private halves sealed by a {@code PrivateKeyProtector})
 * @param revokedTokens issued and revoked access-token ids
 */
public record CoreStores(OrganizationRepository organizations, IdentityPoolRepository pools, UserRepository users,
                         FederatedIdentityRepository federatedIdentities, MembershipRepository memberships,
                         GroupRepository groups, RoleRepository roles, RoleAssignmentRepository roleAssignments,
                         ClientRepository clients, DomainClaimRepository domainClaims,
                         OrgSettingsRepository settings, AdminGrantRepository adminGrants,
                         AccessRequestRepository accessRequests, InvitationRepository invitations,
                         AuditLog auditLog, SigningKeyRepository signingKeys, RevokedTokenStore revokedTokens) {

    public CoreStores {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(pools, "pools");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(federatedIdentities, "federatedIdentities");
        Objects.requireNonNull(memberships, "memberships");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(roleAssignments, "roleAssignments");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(domainClaims, "domainClaims");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(adminGrants, "adminGrants");
        Objects.requireNonNull(accessRequests, "accessRequests");
        Objects.requireNonNull(invitations, "invitations");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(signingKeys, "signingKeys");
        Objects.requireNonNull(revokedTokens, "revokedTokens");
    }

    /** Fresh in-memory stores, for tests and local development: nothing survives the JVM. */
    public static CoreStores inMemory() {
        return new CoreStores(new InMemoryOrganizationRepository(), new InMemoryIdentityPoolRepository(),
                new InMemoryUserRepository(), new InMemoryFederatedIdentityRepository(),
                new InMemoryMembershipRepository(), new InMemoryGroupRepository(), new InMemoryRoleRepository(),
                new InMemoryRoleAssignmentRepository(), new InMemoryClientRepository(),
                new InMemoryDomainClaimRepository(), new InMemoryOrgSettingsRepository(),
                new InMemoryAdminGrantRepository(), new InMemoryAccessRequestRepository(),
                new InMemoryInvitationRepository(), new InMemoryAuditLog(), new InMemorySigningKeyRepository(),
                new InMemoryRevokedTokenStore());
    }

    /**
     * The JDBC stores over one data source (PostgreSQL, or H2 in PostgreSQL mode), for deployments. The schema must
     * exist: apply it first with {@link io.partnerid.core.jdbc.PartnerIdSchema#migrate(DataSource)} or your own
     * migration tool (see docs/persistence.md).
     */
    public static CoreStores jdbc(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new CoreStores(new JdbcOrganizationRepository(dataSource), new JdbcIdentityPoolRepository(dataSource),
                new JdbcUserRepository(dataSource), new JdbcFederatedIdentityRepository(dataSource),
                new JdbcMembershipRepository(dataSource), new JdbcGroupRepository(dataSource),
                new JdbcRoleRepository(dataSource), new JdbcRoleAssignmentRepository(dataSource),
                new JdbcClientRepository(dataSource), new JdbcDomainClaimRepository(dataSource),
                new JdbcOrgSettingsRepository(dataSource), new JdbcAdminGrantRepository(dataSource),
                new JdbcAccessRequestRepository(dataSource), new JdbcInvitationRepository(dataSource),
                new JdbcAuditLog(dataSource), new JdbcSigningKeyRepository(dataSource),
                new JdbcRevokedTokenStore(dataSource));
    }
}
