package io.partnerid.samples.reference;

import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.authz.authzen.AuthZen.SubjectRef;
import io.partnerid.authz.authzen.CandidateDirectory;
import io.partnerid.authz.authzen.SubjectResolver;
import io.partnerid.authz.grant.CrossOrgGrantService;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.Role;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves AuthZEN subjects of type {@code user} against the core user store. A subject id names one user
 * unambiguously: the Todo policy organization of the user's pool and the username, {@code <org>/<username>}, for
 * example {@code the-citadel/rick@the-citadel.com} or {@code the-smiths/summer@the-smiths.com}. The Citadel's staff
 * get the roles they hold in core, the Smiths' users the roles assigned to them through the cross-organization grant.
 * Anyone else (an unknown or unqualified id, a user who is not active, the supplier) is unknown to the Todo policy,
 * which the PDP answers with a plain deny.
 *
 * <p>Why qualified: usernames are unique only within a pool. Looking a bare username up in one pool and then the
 * other would let a user of one pool answer for (shadow) the user with the same username in the other, with the
 * other's roles and, through {@code resource.ownerID == subject.id}, the other's todos. The id the policy sees is the
 * same qualified id, so ownership never crosses pools either.
 *
 * <p>Thread-safe: it holds only thread-safe services and reads the database on every call (a few indexed look-ups;
 * a larger deployment would cache). A subject search considers at most {@value #MAX_SEARCH_CANDIDATES} users.
 */
final class TodoSubjects implements SubjectResolver, CandidateDirectory<SubjectRef> {

    /** The most users a subject search considers (each may cost a few database look-ups). */
    static final int MAX_SEARCH_CANDIDATES = 100;

    private static final String USER = "user";

    private final IdentityCore core;
    private final CrossOrgGrantService grants;
    private final DemoData.Ecosystem ecosystem;

    TodoSubjects(IdentityCore core, CrossOrgGrantService grants, DemoData.Ecosystem ecosystem) {
        this.core = Objects.requireNonNull(core, "core");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.ecosystem = Objects.requireNonNull(ecosystem, "ecosystem");
    }

    /** The AuthZEN subject id of a user of the given Todo policy organization. */
    static String subjectId(OrgId policyOrg, String username) {
        return policyOrg.value() + "/" + username;
    }

    @Override
    public Optional<Subject> resolve(SubjectRef subject) {
        if (!USER.equals(subject.type())) {
            return Optional.empty();
        }
        int slash = subject.id().indexOf('/');
        if (slash < 0) {
            return Optional.empty(); // a bare username could name a user of either pool: never guess
        }
        String org = subject.id().substring(0, slash);
        String username = subject.id().substring(slash + 1);
        if (org.equals(DemoData.POLICY_CITADEL.value())) {
            return active(core.unchecked().users().findByUsername(ecosystem.citadelPool(), username)).map(staff -> {
                List<RoleAssignment> roles = new ArrayList<>();
                for (Role role : core.unchecked().roles().effectiveRoles(staff.id(), ecosystem.citadel())) {
                    roles.add(RoleAssignment.of(role.name()));
                }
                return Subject.of(subjectId(DemoData.POLICY_CITADEL, staff.username()), DemoData.POLICY_CITADEL,
                        roles);
            });
        }
        if (org.equals(DemoData.POLICY_SMITHS.value())) {
            // grant assignments are kept per grantee organization, by the username within it
            return active(core.unchecked().users().findByUsername(ecosystem.smithsPool(), username)).map(partner ->
                    Subject.of(subjectId(DemoData.POLICY_SMITHS, partner.username()), DemoData.POLICY_SMITHS,
                            grants.roleAssignments(DemoData.POLICY_SMITHS, partner.username())));
        }
        return Optional.empty();
    }

    /**
     * The active users of the Citadel and of the Smiths, for AuthZEN subject search: at most
     * {@value #MAX_SEARCH_CANDIDATES} in all (one page read per pool), ordered by subject id.
     */
    @Override
    public List<SubjectRef> candidates(String type) {
        if (!USER.equals(type)) {
            return List.of();
        }
        List<SubjectRef> out = new ArrayList<>();
        Map<OrgId, PoolId> pools = new LinkedHashMap<>();
        pools.put(DemoData.POLICY_CITADEL, ecosystem.citadelPool());
        pools.put(DemoData.POLICY_SMITHS, ecosystem.smithsPool());
        for (Map.Entry<OrgId, PoolId> pool : pools.entrySet()) {
            int room = MAX_SEARCH_CANDIDATES - out.size();
            if (room <= 0) {
                break;
            }
            for (User u : core.unchecked().users().usersInPool(pool.getValue(), PageRequest.first(room)).items()) {
                if (u.status() == UserStatus.ACTIVE) {
                    out.add(new SubjectRef(USER, subjectId(pool.getKey(), u.username()), Map.of()));
                }
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    private static Optional<User> active(Optional<User> user) {
        return user.filter(u -> u.status() == UserStatus.ACTIVE);
    }
}
