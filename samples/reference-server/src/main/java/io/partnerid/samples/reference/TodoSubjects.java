package io.partnerid.samples.reference;

import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.authz.authzen.AuthZen.SubjectRef;
import io.partnerid.authz.authzen.CandidateDirectory;
import io.partnerid.authz.authzen.SubjectResolver;
import io.partnerid.authz.grant.CrossOrgGrantService;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.Page;
import io.partnerid.core.role.Role;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves AuthZEN subjects of type {@code user} (the id is the username, the e-mail of the Todo scenario) against the
 * core user store: the Citadel's staff with the roles they hold in core, the Smiths' users with the roles assigned to
 * them through the cross-organization grant. Anyone else (unknown, not active, the supplier) is unknown to the Todo
 * policy, which the PDP answers with a plain deny.
 *
 * <p>Thread-safe: it holds only thread-safe services and reads the database on every call (a few indexed look-ups;
 * a larger deployment would cache).
 */
final class TodoSubjects implements SubjectResolver, CandidateDirectory<SubjectRef> {

    private static final String USER = "user";

    private final IdentityCore core;
    private final CrossOrgGrantService grants;
    private final DemoData.Ecosystem ecosystem;

    TodoSubjects(IdentityCore core, CrossOrgGrantService grants, DemoData.Ecosystem ecosystem) {
        this.core = Objects.requireNonNull(core, "core");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.ecosystem = Objects.requireNonNull(ecosystem, "ecosystem");
    }

    @Override
    public Optional<Subject> resolve(SubjectRef subject) {
        if (!USER.equals(subject.type())) {
            return Optional.empty();
        }
        Optional<User> staff = active(core.users().findByUsername(ecosystem.citadelPool(), subject.id()));
        if (staff.isPresent()) {
            List<RoleAssignment> roles = new ArrayList<>();
            for (Role role : core.roles().effectiveRoles(staff.get().id(), ecosystem.citadel())) {
                roles.add(RoleAssignment.of(role.name()));
            }
            return Optional.of(Subject.of(staff.get().username(), DemoData.POLICY_CITADEL, roles));
        }
        Optional<User> partner = active(core.users().findByUsername(ecosystem.smithsPool(), subject.id()));
        if (partner.isPresent()) {
            String id = partner.get().username();
            return Optional.of(Subject.of(id, DemoData.POLICY_SMITHS,
                    grants.roleAssignments(DemoData.POLICY_SMITHS, id)));
        }
        return Optional.empty();
    }

    /** The users of the Citadel and of the Smiths, for AuthZEN subject search. */
    @Override
    public List<SubjectRef> candidates(String type) {
        if (!USER.equals(type)) {
            return List.of();
        }
        List<SubjectRef> out = new ArrayList<>();
        for (var pool : List.of(ecosystem.citadelPool(), ecosystem.smithsPool())) {
            for (User u : Page.all(p -> core.users().usersInPool(pool, p), 100)) {
                if (u.status() == UserStatus.ACTIVE) {
                    out.add(new SubjectRef(USER, u.username(), Map.of()));
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
