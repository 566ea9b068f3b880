package io.partnerid.authz.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cross-organization grant: the grantor offers a subset of its roles, on its resources, to a partner organization
 * whose admins may assign them to their own users.
 *
 * <p>Immutable and thread-safe. Assignments derived from a grant name its id; removing the grant from the engine
 * voids them all at once (a per-partner kill switch).
 *
 * @param id the grant id
 * @param grantor the organization whose resources and roles are granted
 * @param grantee the partner organization receiving them
 * @param roles the roles (visible at the grantor) the grantee may assign
 * @param resourceTypes the resource types the grant covers, empty for all
 * @param notBefore start of the grant's validity, if bounded
 * @param notAfter end of the grant's validity (exclusive), if bounded
 */
public record GrantDef(String id, String grantor, String grantee, List<String> roles, List<String> resourceTypes,
                       Optional<Instant> notBefore, Optional<Instant> notAfter) {

    public GrantDef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(grantor, "grantor");
        Objects.requireNonNull(grantee, "grantee");
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        resourceTypes = List.copyOf(Objects.requireNonNull(resourceTypes, "resourceTypes"));
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}
