package io.partnerid.testkit.role;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.Assignee;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService.NewRole;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Fixture builders for roles and role assignments: sensible defaults, override only what a test is about.
 *
 * <p>Stateless and thread-safe; each builder is a fresh, single-threaded object.
 *
 * <pre>{@code
 * Role trader = roles.defineRole(acme.id(), RoleFixtures.newRole().name("trader").inheritable(true).build());
 * roles.assign(RoleFixtures.newAssignment(trader.id(), new UserAssignee(alice.id()), desk.id())
 *         .validUntil(clock.instant().plus(Duration.ofDays(1))).build(), Actor.system("test"));
 * }</pre>
 */
public final class RoleFixtures {

    private RoleFixtures() {
    }

    /** A builder of a non-inheritable role {@code role} granting {@code orders:read}. */
    public static NewRoleBuilder newRole() {
        return new NewRoleBuilder();
    }

    /** A builder of an assignment without a validity window. */
    public static NewAssignmentBuilder newAssignment(RoleId role, Assignee assignee, OrgId at) {
        return new NewAssignmentBuilder(role, assignee, at);
    }

    /** Builds {@link NewRole} requests. Not thread-safe. */
    public static final class NewRoleBuilder {
        private String name = "role";
        private Set<String> permissions = Set.of("orders:read");
        private boolean inheritable;

        private NewRoleBuilder() {
        }

        /** The name (default {@code role}). */
        public NewRoleBuilder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** The permissions (default {@code orders:read}). */
        public NewRoleBuilder permissions(String... values) {
            this.permissions = Set.of(values);
            return this;
        }

        /** Whether descendants may assign it (default false). */
        public NewRoleBuilder inheritable(boolean value) {
            this.inheritable = value;
            return this;
        }

        /** The request. */
        public NewRole build() {
            return NewRole.builder(name).permissions(permissions).inheritable(inheritable).build();
        }
    }

    /** Builds {@link NewAssignment} requests. Not thread-safe. */
    public static final class NewAssignmentBuilder {
        private final RoleId role;
        private final Assignee assignee;
        private final OrgId at;
        private Optional<Instant> validFrom = Optional.empty();
        private Optional<Instant> validUntil = Optional.empty();

        private NewAssignmentBuilder(RoleId role, Assignee assignee, OrgId at) {
            this.role = Objects.requireNonNull(role, "role");
            this.assignee = Objects.requireNonNull(assignee, "assignee");
            this.at = Objects.requireNonNull(at, "at");
        }

        /** The first instant the assignment counts (default: unbounded). */
        public NewAssignmentBuilder validFrom(Instant value) {
            this.validFrom = Optional.of(value);
            return this;
        }

        /** The first instant the assignment no longer counts (default: unbounded). */
        public NewAssignmentBuilder validUntil(Instant value) {
            this.validUntil = Optional.of(value);
            return this;
        }

        /** The request. */
        public NewAssignment build() {
            NewAssignment.Builder request = NewAssignment.builder(role, assignee, at);
            validFrom.ifPresent(request::validFrom);
            validUntil.ifPresent(request::validUntil);
            return request.build();
        }
    }
}
