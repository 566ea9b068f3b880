package io.partnerid.authz.engine;

import io.partnerid.authz.Decision;
import io.partnerid.authz.Reason;
import io.partnerid.authz.policy.RoleDef;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The compiled, immutable forms the engine decides on. Package-private; thread-safe once published. */
final class Compiled {

    private Compiled() {
    }

    /** A conditional permission or deny: the bits it covers, its condition, and where it comes from. */
    record Conditional(long[] bits, CelCondition condition, Reason reason, Decision.Permit permit) {
        Conditional(long[] bits, CelCondition condition, Reason reason) {
            this(bits, condition, reason, Decision.permit(reason));
        }
    }

    /** A role with its inherited roles flattened. */
    record Role(String name, OrgId definedAt, RoleDef.Scope scope, boolean inheritable, long[] bits,
                List<Conditional> conditionals, Reason reason, Decision.Permit permit) {
        Role(String name, OrgId definedAt, RoleDef.Scope scope, boolean inheritable, long[] bits,
             List<Conditional> conditionals, Reason reason) {
            this(name, definedAt, scope, inheritable, bits, conditionals, reason, Decision.permit(reason));
        }
    }

    /** An unconditional or conditional deny set at an organization. */
    record Deny(String id, OrgId org, long[] bits, Optional<CelCondition> condition, Reason reason,
                Decision.Deny deny) {
        Deny(String id, OrgId org, long[] bits, Optional<CelCondition> condition, Reason reason) {
            this(id, org, bits, condition, reason, Decision.deny(reason));
        }
    }

    /**
     * One organization: its path, effective ceiling (null: unlimited), every deny from the root down, the roles
     * visible here, and its own local definitions (for the explainer).
     */
    record Org(OrgId id, OrgPath path, Optional<OrgId> parent, long[] ceiling, long[] ownCeiling,
               long[] denyBits, List<Deny> conditionalDenies, Map<String, Role> roles,
               Map<String, Role> visibleToChildren, List<Role> localRoles, List<Deny> localDenies,
               long[] delegation, Set<String> overridable, Decision.Deny ceilingDeny, Org[] lineage) {

        /** True when this organization is {@code other} or one of its ancestors: O(1), by identity. */
        boolean isAncestorOrSelfOf(Org other) {
            Org[] l = other.lineage;
            int d = lineage.length;
            return d <= l.length && l[d - 1] == this;
        }
    }

    /** A cross-organization grant. */
    record Grant(String id, Org grantor, Org grantee, Set<String> roles, long[] typeBits,
                 Optional<Instant> notBefore, Optional<Instant> notAfter) {

        boolean activeAt(Instant now) {
            return notBefore.map(nb -> !now.isBefore(nb)).orElse(true)
                    && notAfter.map(now::isBefore).orElse(true);
        }

        boolean bounded() {
            return notBefore.isPresent() || notAfter.isPresent();
        }
    }

    /** An API endpoint pattern. */
    record Endpoint(String method, String[] segments, boolean rest, String resourceType, String action) {
    }
}
