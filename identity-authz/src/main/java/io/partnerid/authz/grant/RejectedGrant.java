package io.partnerid.authz.grant;

import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.Violation;
import java.util.List;
import java.util.Objects;

/**
 * A stored grant that this node's engine refused when {@link CrossOrgGrantService} rebuilt its grant set, and why;
 * the engine does not honour it (fail closed).
 *
 * <p>Immutable and thread-safe. Typical cause: the grant names an organization or a role that this node's policy
 * document does not know (another node runs a newer document). The grant stays in the repository; it is retried at
 * every rebuild, so it takes effect here once this node loads a document under which it is valid.
 *
 * @param grant the grant as stored
 * @param violations why the engine refused it (paths as in {@link io.partnerid.authz.policy.PolicyValidationException},
 *     indexed in the grant list the engine was given)
 */
public record RejectedGrant(GrantDef grant, List<Violation> violations) {

    public RejectedGrant {
        Objects.requireNonNull(grant, "grant");
        violations = List.copyOf(Objects.requireNonNull(violations, "violations"));
    }
}
