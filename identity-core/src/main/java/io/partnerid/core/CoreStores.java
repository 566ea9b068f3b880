package io.partnerid.core;

import io.partnerid.core.admin.AccessRequestRepository;
import io.partnerid.core.admin.AdminGrantRepository;
import io.partnerid.core.admin.InMemoryAccessRequestRepository;
import io.partnerid.core.admin.InMemoryAdminGrantRepository;
import io.partnerid.core.admin.InMemoryInvitationRepository;
import io.partnerid.core.admin.InvitationRepository;
import io.partnerid.core.audit.AuditLog;
import io.partnerid.core.audit.InMemoryAuditLog;
import io.partnerid.core.client.ClientRepository;
import io.partnerid.core.client.InMemoryClientRepository;
import io.partnerid.core.domain.DomainClaimRepository;
import io.partnerid.core.domain.InMemoryDomainClaimRepository;
import io.partnerid.core.group.GroupRepository;
import io.partnerid.core.group.InMemoryGroupRepository;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.role.InMemoryRoleAssignmentRepository;
import io.partnerid.core.role.InMemoryRoleRepository;
import io.partnerid.core.role.RoleAssignmentRepository;
import io.partnerid.core.role.RoleRepository;
import io.partnerid.core.settings.InMemoryOrgSettingsRepository;
import io.partnerid.core.settings.OrgSettingsRepository;
import io.partnerid.core.user.FederatedIdentityRepository;
import io.partnerid.core.user.IdentityPoolRepository;
import io.partnerid.core.user.InMemoryFederatedIdentityRepository;
import io.partnerid.core.user.InMemoryIdentityPoolRepository;
import io.partnerid.core.user.InMemoryMembershipRepository;
import io.partnerid.core.user.InMemoryUserRepository;
import io.partnerid.core.user.MembershipRepository;
import io.partnerid.core.user.UserRepository;
import java.util.Objects;

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
 */
public record CoreStores(OrganizationRepository organizations, IdentityPoolRepository pools, UserRepository users,
                         FederatedIdentityRepository federatedIdentities, MembershipRepository memberships,
                         GroupRepository groups, RoleRepository roles, RoleAssignmentRepository roleAssignments,
                         ClientRepository clients, DomainClaimRepository domainClaims,
                         OrgSettingsRepository settings, AdminGrantRepository adminGrants,
                         AccessRequestRepository accessRequests, InvitationRepository invitations,
                         AuditLog auditLog) {

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
    }

    /** Fresh in-memory stores, for tests and local development: nothing survives the JVM. */
    public static CoreStores inMemory() {
        return new CoreStores(new InMemoryOrganizationRepository(), new InMemoryIdentityPoolRepository(),
                new InMemoryUserRepository(), new InMemoryFederatedIdentityRepository(),
                new InMemoryMembershipRepository(), new InMemoryGroupRepository(), new InMemoryRoleRepository(),
                new InMemoryRoleAssignmentRepository(), new InMemoryClientRepository(),
                new InMemoryDomainClaimRepository(), new InMemoryOrgSettingsRepository(),
                new InMemoryAdminGrantRepository(), new InMemoryAccessRequestRepository(),
                new InMemoryInvitationRepository(), new InMemoryAuditLog());
    }
}
