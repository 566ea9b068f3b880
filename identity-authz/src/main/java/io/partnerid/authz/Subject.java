package io.partnerid.authz;

import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The principal an authorization request is about: its id, its home organization, the roles it holds and its
 * attributes (for conditions).
 *
 * <p>Immutable and thread-safe. The engine does not look users up: the host, or an adapter over the core user and
 * role services, builds the subject from a verified token or session.
 *
 * @param id the principal's immutable id
 * @param org the principal's home organization
 * @param roles the roles it holds
 * @param attributes extra attributes visible to conditions as {@code subject.<name>}
 */
public record Subject(String id, OrgId org, List<RoleAssignment> roles, Map<String, Object> attributes) {

    public Subject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(org, "org");
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    }

    /** A subject without attributes. */
    public static Subject of(String id, OrgId org, List<RoleAssignment> roles) {
        return new Subject(id, org, roles, Map.of());
    }
}
