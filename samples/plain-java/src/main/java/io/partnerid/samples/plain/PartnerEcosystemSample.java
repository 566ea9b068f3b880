package io.partnerid.samples.plain;

import io.partnerid.core.Actor;
import io.partnerid.core.CoreStores;
import io.partnerid.core.IdGenerator;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.admin.AdminCapability;
import io.partnerid.core.admin.DelegatedAdministration;
import io.partnerid.core.admin.InvitationRedemption;
import io.partnerid.core.admin.InvitationTicket;
import io.partnerid.core.admin.NewAdminGrant;
import io.partnerid.core.admin.NewInvitation;
import io.partnerid.core.audit.AsyncAuditPublisher;
import io.partnerid.core.audit.ChainVerification;
import io.partnerid.core.domain.InMemoryDnsTxtResolver;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService.NewRole;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserService.NewUser;
import java.io.PrintStream;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The seed's partner ecosystem, wired by hand: three partner organizations with their desks, regions and
 * departments, identity pools and partner-appointed admins; delegated administration including refused escalations;
 * the kill switch; and a check of every tenant's audit chain.
 *
 * <p>Run it with the README's "run" command; the build runs it as an integration test.
 */
public final class PartnerEcosystemSample {

    /**
     * What the run produced, for the integration test.
     *
     * @param partners the partner (root) organizations by name
     * @param organizations how many organizations exist
     * @param refusals the error codes of the refused operations, in order
     * @param suspension the kill switch report
     * @param chains each tenant's audit verification
     */
    public record Result(Map<String, OrgId> partners, int organizations, List<String> refusals,
                         SuspensionReport suspension, Map<String, ChainVerification> chains) {
    }

    private PartnerEcosystemSample() {
    }

    public static void main(String[] args) throws Exception {
        Result result = run(System.out);
        boolean intact = result.chains().values().stream().allMatch(c -> c instanceof ChainVerification.Intact);
        if (!intact) {
            System.exit(1);
        }
    }

    /** Builds and administers the ecosystem, printing what happens to {@code out}. */
    public static Result run(PrintStream out) throws NoSuchAlgorithmException {
        // 1. Wiring: in-memory stores (swap for JDBC stores in a deployment), injected clock, ids and randomness.
        SecureRandom random = SecureRandom.getInstance("DRBG");
        IdentityRuntime runtime = new IdentityRuntime(Clock.systemUTC(), IdGenerator.random(random), random);
        CoreStores stores = CoreStores.inMemory();
        AsyncAuditPublisher audit = AsyncAuditPublisher.builder(stores.auditLog()).build();
        IdentityCore core = IdentityCore.builder()
                .stores(stores)
                .runtime(runtime)
                .auditPublisher(audit)
                .dnsResolver(new InMemoryDnsTxtResolver())
                // a real deployment seals signing keys with a key-encryption key from its KMS or secret store
                .tokens("https://id.partners.example", PrivateKeyProtector.aesGcm(demoKeyEncryptionKey(runtime),
                        runtime.random()))
                .build();
        DelegatedAdministration admin = core.admin();
        Actor platform = Actor.system("platform-bootstrap");

        // 2. The three partners of the seed, each with its sub-organizations and an identity pool.
        Map<String, List<String>> ecosystem = new LinkedHashMap<>();
        ecosystem.put("Meridian Capital Markets", List.of("Equities", "Fixed Income", "Derivatives",
                "Risk Analytics", "Regulatory", "Wealth Management", "Support"));
        ecosystem.put("Pacific Rim Distribution", List.of("China", "Japan", "Australia", "South-East Asia",
                "UK & Ireland", "Central Europe", "Middle East", "North America", "LATAM"));
        ecosystem.put("Asclepius Health Group", List.of("Oncology", "Cardiology", "Neurology", "Diagnostics",
                "Pathology", "Mobile Apps", "Web Portal"));

        Map<String, OrgId> partners = new LinkedHashMap<>();
        Map<String, OrgId> units = new LinkedHashMap<>();
        Map<String, IdentityPool> pools = new LinkedHashMap<>();
        Map<String, Actor> partnerAdmins = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> partner : ecosystem.entrySet()) {
            Organization root = admin.organizations().createRoot(platform, new NewOrganization(partner.getKey()));
            partners.put(partner.getKey(), root.id());
            for (String unit : partner.getValue()) {
                units.put(unit, admin.organizations().create(platform, root.id(), new NewOrganization(unit)).id());
            }
            IdentityPool pool = admin.users().createPool(platform, root.id(), partner.getKey() + " workforce");
            pools.put(partner.getKey(), pool);
            Role member = admin.roles().define(platform, root.id(),
                    NewRole.builder("partner-user").permissions(Set.of("portal:access", "orders:read"))
                            .inheritable(true).build());
            admin.roles().define(platform, root.id(), NewRole.builder("payments-approver")
                    .permissions(Set.of("payments:approve")).inheritable(true).build());
            // The partner appoints its own admin: a user of its pool with admin capabilities over its subtree.
            User partnerAdmin = admin.users().create(platform, NewUser.builder(pool.id(), "admin")
                    .email("it-admin@" + slug(partner.getKey()) + ".example")
                    .displayName(partner.getKey() + " IT admin")
                    .build());
            admin.roles().assign(platform, NewAssignment.builder(member.id(), new UserAssignee(partnerAdmin.id()),
                    root.id()).build());
            Actor adminActor = Actor.user(partnerAdmin.id().value());
            admin.adminGrants().grant(platform, new NewAdminGrant(adminActor, root.id(), EnumSet.of(
                    AdminCapability.MANAGE_ORGANIZATIONS, AdminCapability.MANAGE_USERS, AdminCapability.ASSIGN_ROLES,
                    AdminCapability.MANAGE_GROUPS, AdminCapability.MANAGE_ADMINS, AdminCapability.APPROVE_REQUESTS,
                    AdminCapability.VIEW_AUDIT)));
            partnerAdmins.put(partner.getKey(), adminActor);
            out.printf("partner %-26s %2d sub-organizations, admin %s%n", partner.getKey(), partner.getValue().size(),
                    partnerAdmin.username());
        }

        // 3. Delegated administration by the partners' own admins.
        Actor meridianAdmin = partnerAdmins.get("Meridian Capital Markets");
        OrgId equities = units.get("Equities");
        Organization apac = admin.organizations().create(meridianAdmin, equities,
                new NewOrganization("APAC Cash Desk"));
        User trader = admin.users().create(meridianAdmin,
                NewUser.builder(pools.get("Meridian Capital Markets").id(), "j.tanaka")
                        .email("j.tanaka@meridian.example").displayName("J. Tanaka").build());
        Role partnerUser = core.unchecked().roles()
                .findRoleByName(partners.get("Meridian Capital Markets"), "partner-user").orElseThrow();
        admin.roles().assign(meridianAdmin,
                NewAssignment.builder(partnerUser.id(), new UserAssignee(trader.id()), apac.id())
                        .validUntil(runtime.now().plus(Duration.ofDays(90))).build());
        InvitationTicket ticket = admin.invitations().invite(meridianAdmin, new NewInvitation(
                pools.get("Meridian Capital Markets").id(), "new.analyst@meridian.example", Set.of(partnerUser.id())));
        InvitationRedemption redemption = admin.invitations().redeem(ticket.token(), "n.analyst", "New Analyst");
        out.printf("Meridian admin created %s, onboarded %s (90-day access), invitation %s%n", apac.name(),
                trader.username(), redemption instanceof InvitationRedemption.Accepted ? "accepted" : "rejected");
        out.printf("j.tanaka may at APAC Cash Desk: %s%n",
                admin.roles().effectivePermissions(meridianAdmin, trader.id(), apac.id()));

        // 4. Refused: escalation and reaching into another partner.
        List<String> refusals = new ArrayList<>();
        Role approver = core.unchecked().roles()
                .findRoleByName(partners.get("Meridian Capital Markets"), "payments-approver").orElseThrow();
        refusals.add(attempt(out, "assign payments-approver (a role the admin does not hold)",
                () -> admin.roles().assign(meridianAdmin, NewAssignment.builder(approver.id(),
                        new UserAssignee(trader.id()), apac.id()).build())));
        refusals.add(attempt(out, "grant itself MANAGE_CLIENTS (a capability it does not hold)",
                () -> admin.adminGrants().grant(meridianAdmin, new NewAdminGrant(meridianAdmin, partners.get(
                        "Meridian Capital Markets"), EnumSet.of(AdminCapability.MANAGE_CLIENTS)))));
        refusals.add(attempt(out, "create a sub-organization under Pacific Rim's Japan",
                () -> admin.organizations().create(meridianAdmin, units.get("Japan"), new NewOrganization("Shadow"))));

        // 5. The kill switch: Pacific Rim's Middle East operation is suspended at once.
        Actor governance = Actor.system("governance-desk");
        SuspensionReport report = admin.governance().suspend(governance, units.get("Middle East"),
                "sanctions screening");
        out.printf("kill switch on Middle East: %d organization(s) suspended, sections %s%n",
                report.suspendedOrganizations().size(), report.sections().stream()
                        .map(s -> s.name() + "=" + s.count()).toList());
        refusals.add(attempt(out, "create a sub-organization in suspended Middle East",
                () -> admin.organizations().create(partnerAdmins.get("Pacific Rim Distribution"),
                        units.get("Middle East"), new NewOrganization("Dubai"))));

        // 6. Every tenant's audit chain verifies.
        if (!audit.flush(Duration.ofSeconds(10))) {
            throw new IllegalStateException("audit events were not stored in time");
        }
        Map<String, ChainVerification> chains = new LinkedHashMap<>();
        for (Map.Entry<String, OrgId> partner : partners.entrySet()) {
            ChainVerification verification = core.auditVerifier().verify(partner.getValue());
            chains.put(partner.getKey(), verification);
            out.printf("audit chain of %-26s %s%n", partner.getKey(), verification instanceof ChainVerification.Intact
                    i ? "intact, " + i.records() + " records" : "BROKEN: " + verification);
        }
        audit.close();
        int organizations = (int) partners.values().stream()
                .mapToLong(id -> stores.organizations().countSubtree(core.unchecked().organizations().require(id)
                        .path())).sum();
        return new Result(partners, organizations, refusals, report, chains);
    }

    private static String attempt(PrintStream out, String what, Runnable operation) {
        try {
            operation.run();
            out.printf("UNEXPECTED: allowed to %s%n", what);
            return "allowed";
        } catch (IdentityException e) {
            out.printf("refused as expected: %s -> %s (%s)%n", what, e.code(), e.clientDescription());
            return e.code().value();
        }
    }

    /** The sample's key-encryption key for signing keys: random per run (a deployment takes it from its KMS). */
    private static SecretKey demoKeyEncryptionKey(IdentityRuntime runtime) {
        return new SecretKeySpec(runtime.randomBytes(32), "AES");
    }

    private static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
