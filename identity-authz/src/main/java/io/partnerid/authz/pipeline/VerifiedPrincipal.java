package io.partnerid.authz.pipeline;

import io.partnerid.authz.RoleAssignment;
import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal whose credential was verified: its id, organization, roles, attributes, authentication strength and
 * whether it is one of ours or a partner's.
 *
 * <p>Immutable and thread-safe. A {@link SubjectKind#FOREIGN} principal is a partner identity provider's subject
 * met at token exchange: its {@code subjectId} is a namespaced {@link io.partnerid.core.token.ForeignSubject}, so
 * it never equals a native id and never matches rights keyed by one (ownership conditions such as
 * {@code resource.ownerID == subject.id}, grant or role assignments looked up by subject id). A host that looks
 * rights up by {@code subjectId} must only look up native ids for a {@link SubjectKind#NATIVE} principal.
 *
 * @param subjectId the principal's id
 * @param org its home organization
 * @param roles its role assignments
 * @param attributes extra attributes for conditions
 * @param acr the authentication context class reached, if known
 * @param kind whether the subject is one of ours or a partner's
 */
public record VerifiedPrincipal(String subjectId, OrgId org, List<RoleAssignment> roles,
                                Map<String, Object> attributes, Optional<String> acr, SubjectKind kind) {

    /** Where the principal's identity comes from. */
    public enum SubjectKind {
        /** A principal of this SDK's own directory (a user or a client): its id is a native id. */
        NATIVE,
        /** A partner issuer's principal, named by a namespaced {@link io.partnerid.core.token.ForeignSubject}. */
        FOREIGN
    }

    public VerifiedPrincipal {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(org, "org");
        roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
        Objects.requireNonNull(acr, "acr");
        Objects.requireNonNull(kind, "kind");
    }

    /** A {@link SubjectKind#NATIVE} principal. */
    public VerifiedPrincipal(String subjectId, OrgId org, List<RoleAssignment> roles, Map<String, Object> attributes,
                             Optional<String> acr) {
        this(subjectId, org, roles, attributes, acr, SubjectKind.NATIVE);
    }

    /** True for a partner issuer's principal. */
    public boolean foreign() {
        return kind == SubjectKind.FOREIGN;
    }
}
