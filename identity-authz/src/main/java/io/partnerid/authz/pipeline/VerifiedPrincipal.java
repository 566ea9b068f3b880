package io.partnerid.authz.pipeline;

import io.partnerid.authz.RoleAssignment;
import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal whose credential was verified: its id, organization, roles, attributes and authentication strength.
 *
 * <p>Immutable and thread-safe.
 *
 * @param subjectId the principal's id
 * @param org its home organization
 * @param roles its role assignments
 * @param attributes extra attributes for conditions
 * @param acr the authentication context class reached, if known
 */
public record VerifiedPrincipal(String subjectId, OrgId org, List<RoleAssignment> roles,
                                Map<String, Object> attributes, Optional<String> acr) {

    public VerifiedPrincipal {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(org, "org");
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        Objects.requireNonNull(acr, "acr");
    }
}
