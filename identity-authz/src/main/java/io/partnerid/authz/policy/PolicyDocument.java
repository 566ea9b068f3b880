package io.partnerid.authz.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A versioned authorization policy document: resource types and their actions, API endpoints, the policy of each
 * organization of the tree, and cross-organization grants.
 *
 * <p>Immutable and thread-safe. Documents are read from YAML or JSON by {@link PolicyDocuments} (format
 * {@value #SCHEMA_V1}, JSON Schema shipped as the resource {@value #SCHEMA_RESOURCE}) or built with
 * {@link #builder(String)}; either way the engine validates the references and guardrails when it compiles them.
 *
 * <pre>{@code
 * PolicyDocument doc = PolicyDocument.builder("2026-11-30")
 *         .resourceType("invoice", Map.of("read", TransactionType.READ, "pay", TransactionType.WRITE))
 *         .org(PolicyDocument.org("acme").role("clerk", "invoice:read"))
 *         .build();
 * }</pre>
 *
 * @param schema the document format, {@value #SCHEMA_V1}
 * @param revision the author's revision label, echoed in decisions' snapshots
 * @param resourceTypes the resource types
 * @param endpoints the API endpoints
 * @param orgs the organizations' policies
 * @param grants the cross-organization grants
 */
public record PolicyDocument(String schema, String revision, List<ResourceTypeDef> resourceTypes,
                             List<EndpointDef> endpoints, List<OrgPolicy> orgs, List<GrantDef> grants) {

    /** The only document format this version understands. */
    public static final String SCHEMA_V1 = "partnerid.authz/v1";

    /** The classpath location of the JSON Schema describing the format. */
    public static final String SCHEMA_RESOURCE = "/io/partnerid/authz/policy/policy-document-v1.schema.json";

    public PolicyDocument {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(revision, "revision");
        resourceTypes = List.copyOf(Objects.requireNonNull(resourceTypes, "resourceTypes"));
        endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
        orgs = List.copyOf(Objects.requireNonNull(orgs, "orgs"));
        grants = List.copyOf(Objects.requireNonNull(grants, "grants"));
    }

    /** The same document with another list of grants. */
    public PolicyDocument withGrants(List<GrantDef> newGrants) {
        return new PolicyDocument(schema, revision, resourceTypes, endpoints, orgs, newGrants);
    }

    /** Starts a document with the given revision label. */
    public static Builder builder(String revision) {
        return new Builder(revision);
    }

    /** Starts an organization's policy. */
    public static OrgBuilder org(String id) {
        return new OrgBuilder(id);
    }

    /**
     * Builds a {@link PolicyDocument}; not thread-safe, use from one thread.
     */
    public static final class Builder {
        private final String revision;
        private final List<ResourceTypeDef> types = new ArrayList<>();
        private final List<EndpointDef> endpoints = new ArrayList<>();
        private final List<OrgPolicy> orgs = new ArrayList<>();
        private final List<GrantDef> grants = new ArrayList<>();

        private Builder(String revision) {
            this.revision = Objects.requireNonNull(revision, "revision");
        }

        /** Declares a resource type; iteration order of {@code actions} is kept when it is ordered. */
        public Builder resourceType(String name, Map<String, TransactionType> actions) {
            types.add(new ResourceTypeDef(name, new LinkedHashMap<>(actions)));
            return this;
        }

        /** Maps an API endpoint to a resource type and action. */
        public Builder endpoint(String method, String path, String resourceType, String action) {
            endpoints.add(new EndpointDef(method, path, resourceType, action));
            return this;
        }

        /** Adds an organization's policy. */
        public Builder org(OrgBuilder org) {
            orgs.add(org.build());
            return this;
        }

        /** Adds an organization's policy. */
        public Builder org(OrgPolicy org) {
            orgs.add(Objects.requireNonNull(org, "org"));
            return this;
        }

        /** Adds a cross-organization grant without a validity window. */
        public Builder grant(String id, String grantor, String grantee, List<String> roles) {
            return grant(new GrantDef(id, grantor, grantee, roles, List.of(), Optional.empty(), Optional.empty()));
        }

        /** Adds a cross-organization grant. */
        public Builder grant(GrantDef grant) {
            grants.add(Objects.requireNonNull(grant, "grant"));
            return this;
        }

        /** The document; references and guardrails are checked when the engine compiles it. */
        public PolicyDocument build() {
            return new PolicyDocument(SCHEMA_V1, revision, types, endpoints, orgs, grants);
        }
    }

    /**
     * Builds an {@link OrgPolicy}; not thread-safe, use from one thread.
     */
    public static final class OrgBuilder {
        private final String id;
        private Optional<String> parent = Optional.empty();
        private Optional<List<String>> ceiling = Optional.empty();
        private final List<RoleDef> roles = new ArrayList<>();
        private final List<DenyRule> denies = new ArrayList<>();
        private Delegation delegation = Delegation.NONE;

        private OrgBuilder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /** The parent organization. */
        public OrgBuilder parent(String parentId) {
            this.parent = Optional.of(parentId);
            return this;
        }

        /** The ceiling of the subtree: the most any of it may ever be permitted. */
        public OrgBuilder ceiling(String... patterns) {
            this.ceiling = Optional.of(List.of(patterns));
            return this;
        }

        /** An inheritable, subtree-scoped role with unconditional permissions. */
        public OrgBuilder role(String name, String... patterns) {
            List<PermissionDef> perms = new ArrayList<>();
            Arrays.stream(patterns).forEach(p -> perms.add(PermissionDef.of(p)));
            roles.add(new RoleDef(name, perms, List.of(), true, RoleDef.Scope.SUBTREE));
            return this;
        }

        /** A role in full. */
        public OrgBuilder role(RoleDef role) {
            roles.add(Objects.requireNonNull(role, "role"));
            return this;
        }

        /** An unconditional deny rule for the subtree. */
        public OrgBuilder deny(String ruleId, String pattern) {
            denies.add(new DenyRule(ruleId, pattern, Optional.empty()));
            return this;
        }

        /** A conditional deny rule for the subtree. */
        public OrgBuilder denyWhen(String ruleId, String pattern, String celCondition) {
            denies.add(new DenyRule(ruleId, pattern, Optional.of(celCondition)));
            return this;
        }

        /** What children may define locally. */
        public OrgBuilder delegate(List<String> permissions, List<String> overridableRoles) {
            this.delegation = new Delegation(permissions, overridableRoles);
            return this;
        }

        /** The organization's policy. */
        public OrgPolicy build() {
            return new OrgPolicy(id, parent, ceiling, roles, denies, delegation);
        }
    }

    /** Convenience for a grant with a validity window. */
    public static GrantDef grant(String id, String grantor, String grantee, List<String> roles,
                                 Optional<Instant> notBefore, Optional<Instant> notAfter) {
        return new GrantDef(id, grantor, grantee, roles, List.of(), notBefore, notAfter);
    }
}
