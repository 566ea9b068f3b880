package io.partnerid.authz.policy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and writes {@link PolicyDocument}s in JSON or YAML (format {@value PolicyDocument#SCHEMA_V1}).
 *
 * <p>Thread-safe and stateless. Reading checks the structure the JSON Schema {@value PolicyDocument#SCHEMA_RESOURCE}
 * describes (required members, types, unknown members, value formats, size limits) and throws a
 * {@link PolicyValidationException} listing every violation with its JSON path; references and guardrails are
 * checked when the engine compiles the document. Documents are untrusted input: at most {@value #MAX_BYTES} bytes.
 */
public final class PolicyDocuments {

    /** The largest document accepted, in bytes. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(32).maxStringLength(64 * 1024).maxDocumentLength(MAX_BYTES).build();
    private static final ObjectMapper JSON = JsonMapper.builder(
            JsonFactory.builder().streamReadConstraints(LIMITS).build()).build();
    private static final ObjectMapper YAML = YAMLMapper.builder(
            YAMLFactory.builder().streamReadConstraints(LIMITS).build()).build();

    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    static final java.util.regex.Pattern ORG_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private PolicyDocuments() {
    }

    /** Parses a JSON document. */
    public static PolicyDocument fromJson(String json) {
        return parse(json, JSON);
    }

    /** Parses a YAML document. */
    public static PolicyDocument fromYaml(String yaml) {
        return parse(yaml, YAML);
    }

    /** Writes a document as JSON; {@link #fromJson(String)} reads it back to an equal document. */
    public static String toJson(PolicyDocument doc) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", doc.schema());
        root.put("revision", doc.revision());
        ObjectNode types = root.putObject("resourceTypes");
        for (ResourceTypeDef t : doc.resourceTypes()) {
            ObjectNode actions = types.putObject(t.name()).putObject("actions");
            t.actions().forEach((a, tx) -> actions.put(a, tx.wireName()));
        }
        ArrayNode endpoints = root.putArray("endpoints");
        for (EndpointDef e : doc.endpoints()) {
            endpoints.addObject().put("method", e.method()).put("path", e.path())
                    .put("resourceType", e.resourceType()).put("action", e.action());
        }
        ArrayNode orgs = root.putArray("orgs");
        for (OrgPolicy o : doc.orgs()) {
            ObjectNode on = orgs.addObject().put("id", o.id());
            o.parent().ifPresent(p -> on.put("parent", p));
            o.ceiling().ifPresent(c -> strings(on.putArray("ceiling"), c));
            ArrayNode roles = on.putArray("roles");
            for (RoleDef r : o.roles()) {
                ObjectNode rn = roles.addObject().put("name", r.name());
                ArrayNode perms = rn.putArray("permissions");
                for (PermissionDef p : r.permissions()) {
                    if (p.condition().isEmpty()) {
                        perms.add(p.pattern());
                    } else {
                        perms.addObject().put("pattern", p.pattern()).put("condition", p.condition().get());
                    }
                }
                strings(rn.putArray("inherits"), r.inherits());
                rn.put("inheritable", r.inheritable());
                rn.put("scope", r.scope().name().toLowerCase(java.util.Locale.ROOT));
            }
            ArrayNode denies = on.putArray("denies");
            for (DenyRule d : o.denies()) {
                ObjectNode dn = denies.addObject().put("id", d.id()).put("pattern", d.pattern());
                d.condition().ifPresent(c -> dn.put("condition", c));
            }
            ObjectNode del = on.putObject("delegation");
            strings(del.putArray("permissions"), o.delegation().permissions());
            strings(del.putArray("overridableRoles"), o.delegation().overridableRoles());
        }
        ArrayNode grants = root.putArray("grants");
        for (GrantDef g : doc.grants()) {
            ObjectNode gn = grants.addObject().put("id", g.id()).put("grantor", g.grantor())
                    .put("grantee", g.grantee());
            strings(gn.putArray("roles"), g.roles());
            strings(gn.putArray("resourceTypes"), g.resourceTypes());
            g.notBefore().ifPresent(t -> gn.put("notBefore", t.toString()));
            g.notAfter().ifPresent(t -> gn.put("notAfter", t.toString()));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static PolicyDocument parse(String text, ObjectMapper mapper) {
        java.util.Objects.requireNonNull(text, "text");
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new PolicyValidationException(List.of(new Violation("$",
                    "document larger than " + MAX_BYTES + " bytes")));
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new PolicyValidationException(List.of(new Violation("$", "malformed document" + where + ": "
                    + firstLine(e.getOriginalMessage()))));
        }
        Walker w = new Walker();
        PolicyDocument doc = w.document(root);
        if (!w.violations.isEmpty()) {
            throw new PolicyValidationException(w.violations);
        }
        return doc;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "syntax error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Walks the tree, collecting violations with their paths; returns a best-effort document. */
    private static final class Walker {
        final List<Violation> violations = new ArrayList<>();

        void fail(String path, String reason) {
            violations.add(new Violation(path, reason));
        }

        PolicyDocument document(JsonNode root) {
            if (root == null || !root.isObject()) {
                fail("$", "expected an object");
                return null;
            }
            members(root, "$", Set.of("schema", "revision", "resourceTypes", "endpoints", "orgs", "grants"));
            String schema = requiredString(root, "$", "schema");
            if (schema != null && !PolicyDocument.SCHEMA_V1.equals(schema)) {
                fail("$.schema", "unsupported schema '" + schema + "', expected '" + PolicyDocument.SCHEMA_V1 + "'");
            }
            String revision = requiredString(root, "$", "revision");
            List<ResourceTypeDef> types = new ArrayList<>();
            JsonNode typesNode = root.get("resourceTypes");
            if (typesNode == null) {
                fail("$.resourceTypes", "required member is missing");
            } else if (!typesNode.isObject()) {
                fail("$.resourceTypes", "expected an object");
            } else {
                for (Map.Entry<String, JsonNode> e : typesNode.properties()) {
                    types.add(resourceType(e.getKey(), e.getValue(), "$.resourceTypes." + e.getKey()));
                }
            }
            List<EndpointDef> endpoints = list(root, "$", "endpoints", false, this::endpoint);
            List<OrgPolicy> orgs = list(root, "$", "orgs", true, this::org);
            List<GrantDef> grants = list(root, "$", "grants", false, this::grant);
            if (!violations.isEmpty()) {
                return null;
            }
            return new PolicyDocument(schema, revision, types, endpoints, orgs, grants);
        }

        ResourceTypeDef resourceType(String name, JsonNode node, String path) {
            name(name, path);
            if (!node.isObject()) {
                fail(path, "expected an object");
                return null;
            }
            members(node, path, Set.of("actions"));
            Map<String, TransactionType> actions = new LinkedHashMap<>();
            JsonNode an = node.get("actions");
            if (an == null) {
                fail(path + ".actions", "required member is missing");
            } else if (!an.isObject() || an.size() == 0) {
                fail(path + ".actions", "expected a non-empty object of action: read|write|admin");
            } else {
                for (Map.Entry<String, JsonNode> e : an.properties()) {
                    String ap = path + ".actions." + e.getKey();
                    name(e.getKey(), ap);
                    Optional<TransactionType> tx = e.getValue().isString()
                            ? TransactionType.fromWire(e.getValue().stringValue()) : Optional.empty();
                    if (tx.isEmpty()) {
                        fail(ap, "expected one of read, write, admin");
                    } else {
                        actions.put(e.getKey(), tx.get());
                    }
                }
            }
            return new ResourceTypeDef(name, actions);
        }

        EndpointDef endpoint(JsonNode node, String path) {
            if (!object(node, path)) {
                return null;
            }
            members(node, path, Set.of("method", "path", "resourceType", "action"));
            String method = requiredString(node, path, "method");
            if (method != null && !METHODS.contains(method)) {
                fail(path + ".method", "unknown HTTP method '" + method + "'");
            }
            String p = requiredString(node, path, "path");
            if (p != null && (!p.startsWith("/") || p.contains("//"))) {
                fail(path + ".path", "a path pattern starts with '/' and has no empty segment");
            }
            String type = requiredString(node, path, "resourceType");
            String action = requiredString(node, path, "action");
            return violations.isEmpty() ? new EndpointDef(method, p, type, action) : null;
        }

        OrgPolicy org(JsonNode node, String path) {
            if (!object(node, path)) {
                return null;
            }
            members(node, path, Set.of("id", "parent", "ceiling", "roles", "denies", "delegation"));
            String id = requiredString(node, path, "id");
            if (id != null && !ORG_ID.matcher(id).matches()) {
                fail(path + ".id", "an organization id matches [A-Za-z0-9_-]{1,64}");
            }
            Optional<String> parent = optionalString(node, path, "parent");
            parent.ifPresent(p -> {
                if (!ORG_ID.matcher(p).matches()) {
                    fail(path + ".parent", "an organization id matches [A-Za-z0-9_-]{1,64}");
                }
            });
            Optional<List<String>> ceiling = node.has("ceiling")
                    ? Optional.of(stringList(node.get("ceiling"), path + ".ceiling")) : Optional.empty();
            List<RoleDef> roles = list(node, path, "roles", false, this::role);
            List<DenyRule> denies = list(node, path, "denies", false, this::deny);
            Delegation delegation = Delegation.NONE;
            JsonNode dn = node.get("delegation");
            if (dn != null) {
                String dp = path + ".delegation";
                if (object(dn, dp)) {
                    members(dn, dp, Set.of("permissions", "overridableRoles"));
                    delegation = new Delegation(
                            dn.has("permissions") ? stringList(dn.get("permissions"), dp + ".permissions") : List.of(),
                            dn.has("overridableRoles") ? stringList(dn.get("overridableRoles"),
                                    dp + ".overridableRoles") : List.of());
                }
            }
            return new OrgPolicy(id == null ? "" : id, parent, ceiling, roles, denies, delegation);
        }

        RoleDef role(JsonNode node, String path) {
            if (!object(node, path)) {
                return null;
            }
            members(node, path, Set.of("name", "permissions", "inherits", "inheritable", "scope"));
            String name = requiredString(node, path, "name");
            if (name != null) {
                name(name, path + ".name");
            }
            List<PermissionDef> perms = list(node, path, "permissions", false, this::permission);
            List<String> inherits = node.has("inherits") ? stringList(node.get("inherits"), path + ".inherits")
                    : List.of();
            boolean inheritable = true;
            JsonNode in = node.get("inheritable");
            if (in != null) {
                if (!in.isBoolean()) {
                    fail(path + ".inheritable", "expected a boolean");
                } else {
                    inheritable = in.booleanValue();
                }
            }
            RoleDef.Scope scope = RoleDef.Scope.SUBTREE;
            Optional<String> sc = optionalString(node, path, "scope");
            if (sc.isPresent()) {
                if (sc.get().equals("org")) {
                    scope = RoleDef.Scope.ORG;
                } else if (!sc.get().equals("subtree")) {
                    fail(path + ".scope", "expected 'subtree' or 'org'");
                }
            }
            return new RoleDef(name == null ? "" : name, perms, inherits, inheritable, scope);
        }

        PermissionDef permission(JsonNode node, String path) {
            if (node.isString()) {
                return PermissionDef.of(node.stringValue());
            }
            if (!node.isObject()) {
                fail(path, "expected a pattern string or an object {pattern, condition}");
                return null;
            }
            members(node, path, Set.of("pattern", "condition"));
            String pattern = requiredString(node, path, "pattern");
            Optional<String> condition = optionalString(node, path, "condition");
            return new PermissionDef(pattern == null ? "" : pattern, condition);
        }

        DenyRule deny(JsonNode node, String path) {
            if (!object(node, path)) {
                return null;
            }
            members(node, path, Set.of("id", "pattern", "condition"));
            String id = requiredString(node, path, "id");
            String pattern = requiredString(node, path, "pattern");
            Optional<String> condition = optionalString(node, path, "condition");
            return new DenyRule(id == null ? "" : id, pattern == null ? "" : pattern, condition);
        }

        GrantDef grant(JsonNode node, String path) {
            if (!object(node, path)) {
                return null;
            }
            members(node, path, Set.of("id", "grantor", "grantee", "roles", "resourceTypes", "notBefore",
                    "notAfter"));
            String id = requiredString(node, path, "id");
            String grantor = requiredString(node, path, "grantor");
            String grantee = requiredString(node, path, "grantee");
            List<String> roles = List.of();
            if (!node.has("roles")) {
                fail(path + ".roles", "required member is missing");
            } else {
                roles = stringList(node.get("roles"), path + ".roles");
            }
            List<String> types = node.has("resourceTypes")
                    ? stringList(node.get("resourceTypes"), path + ".resourceTypes") : List.of();
            Optional<Instant> nb = instant(node, path, "notBefore");
            Optional<Instant> na = instant(node, path, "notAfter");
            return new GrantDef(id == null ? "" : id, grantor == null ? "" : grantor,
                    grantee == null ? "" : grantee, roles, types, nb, na);
        }

        Optional<Instant> instant(JsonNode node, String path, String member) {
            Optional<String> s = optionalString(node, path, member);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Instant.parse(s.get()));
            } catch (DateTimeParseException e) {
                fail(path + "." + member, "expected an RFC 3339 UTC timestamp such as 2026-01-01T00:00:00Z");
                return Optional.empty();
            }
        }

        <T> List<T> list(JsonNode parent, String path, String member, boolean required,
                         java.util.function.BiFunction<JsonNode, String, T> item) {
            JsonNode node = parent.get(member);
            String p = path + "." + member;
            if (node == null) {
                if (required) {
                    fail(p, "required member is missing");
                }
                return List.of();
            }
            if (!node.isArray()) {
                fail(p, "expected an array");
                return List.of();
            }
            List<T> out = new ArrayList<>();
            int i = 0;
            for (JsonNode n : node.values()) {
                T t = item.apply(n, p + "[" + i++ + "]");
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }

        List<String> stringList(JsonNode node, String path) {
            if (!node.isArray()) {
                fail(path, "expected an array of strings");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            int i = 0;
            for (JsonNode n : node.values()) {
                if (!n.isString()) {
                    fail(path + "[" + i + "]", "expected a string");
                } else {
                    out.add(n.stringValue());
                }
                i++;
            }
            return out;
        }

        boolean object(JsonNode node, String path) {
            if (!node.isObject()) {
                fail(path, "expected an object");
                return false;
            }
            return true;
        }

        void members(JsonNode node, String path, Set<String> allowed) {
            for (String name : node.propertyNames()) {
                if (!allowed.contains(name)) {
                    fail(path + "." + name, "unknown member (allowed: " + new java.util.TreeSet<>(allowed) + ")");
                }
            }
        }

        String requiredString(JsonNode node, String path, String member) {
            JsonNode n = node.get(member);
            if (n == null) {
                fail(path + "." + member, "required member is missing");
                return null;
            }
            if (!n.isString() || n.stringValue().isBlank()) {
                fail(path + "." + member, "expected a non-empty string");
                return null;
            }
            return n.stringValue();
        }

        Optional<String> optionalString(JsonNode node, String path, String member) {
            JsonNode n = node.get(member);
            if (n == null) {
                return Optional.empty();
            }
            if (!n.isString() || n.stringValue().isBlank()) {
                fail(path + "." + member, "expected a non-empty string");
                return Optional.empty();
            }
            return Optional.of(n.stringValue());
        }

        void name(String name, String path) {
            if (!NAME.matcher(name).matches()) {
                fail(path, "a name starts with a letter and has at most 64 characters from [A-Za-z0-9_.-]");
            }
        }
    }
}
