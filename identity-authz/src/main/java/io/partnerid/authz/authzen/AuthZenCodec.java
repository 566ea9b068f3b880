package io.partnerid.authz.authzen;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.authz.authzen.AuthZen.ActionRef;
import io.partnerid.authz.authzen.AuthZen.ActionSearchRequest;
import io.partnerid.authz.authzen.AuthZen.EvaluationItem;
import io.partnerid.authz.authzen.AuthZen.EvaluationRequest;
import io.partnerid.authz.authzen.AuthZen.EvaluationResponse;
import io.partnerid.authz.authzen.AuthZen.EvaluationsRequest;
import io.partnerid.authz.authzen.AuthZen.EvaluationsResponse;
import io.partnerid.authz.authzen.AuthZen.PageRequest;
import io.partnerid.authz.authzen.AuthZen.ResourceRef;
import io.partnerid.authz.authzen.AuthZen.ResourceSearchRequest;
import io.partnerid.authz.authzen.AuthZen.SearchResponse;
import io.partnerid.authz.authzen.AuthZen.Semantic;
import io.partnerid.authz.authzen.AuthZen.SubjectRef;
import io.partnerid.authz.authzen.AuthZen.SubjectSearchRequest;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.core.IdentityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON codecs for the AuthZEN Authorization API 1.0 messages: {@code parseXxx(String)} and {@code toJson(xxx)} pairs
 * that round-trip.
 *
 * <p>Thread-safe and stateless. Input is untrusted: at most {@value #MAX_BYTES} bytes, nesting depth 32; arrays and
 * objects of at most {@value #MAX_ELEMENTS} elements and strings (values, member names, ids) of at most
 * {@value #MAX_STRING_LENGTH} characters, the sizes the policy engine's conditions read (so a request can never
 * make a condition's comprehensions expensive); at most {@value #MAX_EVALUATIONS} evaluations per batch. A malformed
 * or oversized message throws an {@link IdentityException} with code {@link AuthzErrors#AUTHZEN_INVALID} whose
 * client description names the offending member.
 *
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html">Authorization API 1.0</a>
 */
public final class AuthZenCodec {

    /** The largest message accepted, in bytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The most elements an array, or members an object, of a message may have. */
    public static final int MAX_ELEMENTS = PolicyEngine.MAX_ATTRIBUTE_ELEMENTS;

    /** The longest string (value, member name, id) of a message, in UTF-16 chars. */
    public static final int MAX_STRING_LENGTH = PolicyEngine.MAX_ATTRIBUTE_STRING_LENGTH;

    /** The most evaluations one access evaluations request may ask for. */
    public static final int MAX_EVALUATIONS = 1_000;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                    .maxDocumentLength(MAX_BYTES).build()).build()).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AuthZenCodec() {
    }

    // ---- evaluation ----

    /** Parses an access evaluation request (§6.1). */
    public static EvaluationRequest parseEvaluationRequest(String json) {
        JsonNode n = read(json);
        return new EvaluationRequest(subject(required(n, "subject"), "subject", true),
                action(required(n, "action"), "action"), resource(required(n, "resource"), "resource", true),
                context(n));
    }

    /** Writes an access evaluation request. */
    public static String toJson(EvaluationRequest r) {
        ObjectNode n = NODES.objectNode();
        n.set("subject", subjectNode(r.subject()));
        n.set("action", actionNode(r.action()));
        n.set("resource", resourceNode(r.resource()));
        putContext(n, r.context());
        return JSON.writeValueAsString(n);
    }

    /** Parses an access evaluation response (§6.2). */
    public static EvaluationResponse parseEvaluationResponse(String json) {
        return evaluationResponse(read(json), "$");
    }

    /** Writes an access evaluation response. */
    public static String toJson(EvaluationResponse r) {
        return JSON.writeValueAsString(evaluationResponseNode(r));
    }

    // ---- evaluations ----

    /** Parses an access evaluations request (§7.1). */
    public static EvaluationsRequest parseEvaluationsRequest(String json) {
        JsonNode n = read(json);
        EvaluationItem defaults = item(n, "$");
        List<EvaluationItem> items = new ArrayList<>();
        JsonNode array = n.get("evaluations");
        if (array != null) {
            if (!array.isArray()) {
                throw invalid("evaluations must be an array");
            }
            if (array.size() > MAX_EVALUATIONS) {
                throw invalid("evaluations has more than " + MAX_EVALUATIONS + " items");
            }
            int i = 0;
            for (JsonNode item : array.values()) {
                if (!item.isObject()) {
                    throw invalid("evaluations[" + i + "] must be an object");
                }
                items.add(item(item, "evaluations[" + i++ + "]"));
            }
        }
        Semantic semantic = Semantic.EXECUTE_ALL;
        JsonNode options = n.get("options");
        if (options != null) {
            if (!options.isObject()) {
                throw invalid("options must be an object");
            }
            JsonNode s = options.get("evaluations_semantic");
            if (s != null) {
                semantic = Semantic.fromWire(s.isString() ? s.stringValue() : "")
                        .orElseThrow(() -> invalid("options.evaluations_semantic must be execute_all, "
                                + "deny_on_first_deny or permit_on_first_permit"));
            }
        }
        return new EvaluationsRequest(defaults, items, semantic);
    }

    /** Writes an access evaluations request. */
    public static String toJson(EvaluationsRequest r) {
        ObjectNode n = itemNode(r.defaults());
        if (!r.evaluations().isEmpty()) {
            ArrayNode a = n.putArray("evaluations");
            r.evaluations().forEach(i -> a.add(itemNode(i)));
        }
        if (r.semantic() != Semantic.EXECUTE_ALL) {
            n.putObject("options").put("evaluations_semantic", r.semantic().wire());
        }
        return JSON.writeValueAsString(n);
    }

    /** Parses an access evaluations response (§7.2). */
    public static EvaluationsResponse parseEvaluationsResponse(String json) {
        JsonNode n = read(json);
        JsonNode a = required(n, "evaluations");
        if (!a.isArray()) {
            throw invalid("evaluations must be an array");
        }
        List<EvaluationResponse> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : a.values()) {
            out.add(evaluationResponse(e, "evaluations[" + i++ + "]"));
        }
        return new EvaluationsResponse(out);
    }

    /** Writes an access evaluations response. */
    public static String toJson(EvaluationsResponse r) {
        ObjectNode n = NODES.objectNode();
        ArrayNode a = n.putArray("evaluations");
        r.evaluations().forEach(e -> a.add(evaluationResponseNode(e)));
        return JSON.writeValueAsString(n);
    }

    // ---- search ----

    /** Parses a subject search request (§8.4); the subject carries only its type. */
    public static SubjectSearchRequest parseSubjectSearchRequest(String json) {
        JsonNode n = read(json);
        SubjectRef s = subject(required(n, "subject"), "subject", false);
        return new SubjectSearchRequest(s.type(), action(required(n, "action"), "action"),
                resource(required(n, "resource"), "resource", true), context(n), page(n));
    }

    /** Writes a subject search request. */
    public static String toJson(SubjectSearchRequest r) {
        ObjectNode n = NODES.objectNode();
        n.putObject("subject").put("type", r.subjectType());
        n.set("action", actionNode(r.action()));
        n.set("resource", resourceNode(r.resource()));
        putContext(n, r.context());
        putPage(n, r.page());
        return JSON.writeValueAsString(n);
    }

    /** Parses a resource search request (§8.5); the resource carries only its type. */
    public static ResourceSearchRequest parseResourceSearchRequest(String json) {
        JsonNode n = read(json);
        ResourceRef r = resource(required(n, "resource"), "resource", false);
        return new ResourceSearchRequest(subject(required(n, "subject"), "subject", true),
                action(required(n, "action"), "action"), r.type(), context(n), page(n));
    }

    /** Writes a resource search request. */
    public static String toJson(ResourceSearchRequest r) {
        ObjectNode n = NODES.objectNode();
        n.set("subject", subjectNode(r.subject()));
        n.set("action", actionNode(r.action()));
        n.putObject("resource").put("type", r.resourceType());
        putContext(n, r.context());
        putPage(n, r.page());
        return JSON.writeValueAsString(n);
    }

    /** Parses an action search request (§8.6). */
    public static ActionSearchRequest parseActionSearchRequest(String json) {
        JsonNode n = read(json);
        return new ActionSearchRequest(subject(required(n, "subject"), "subject", true),
                resource(required(n, "resource"), "resource", true), context(n), page(n));
    }

    /** Writes an action search request. */
    public static String toJson(ActionSearchRequest r) {
        ObjectNode n = NODES.objectNode();
        n.set("subject", subjectNode(r.subject()));
        n.set("resource", resourceNode(r.resource()));
        putContext(n, r.context());
        putPage(n, r.page());
        return JSON.writeValueAsString(n);
    }

    /** Parses a subject search response. */
    public static SearchResponse<SubjectRef> parseSubjectSearchResponse(String json) {
        return searchResponse(json, (node) -> subject(node, "results[]", true));
    }

    /** Parses a resource search response. */
    public static SearchResponse<ResourceRef> parseResourceSearchResponse(String json) {
        return searchResponse(json, (node) -> resource(node, "results[]", true));
    }

    /** Parses an action search response. */
    public static SearchResponse<ActionRef> parseActionSearchResponse(String json) {
        return searchResponse(json, (node) -> action(node, "results[]"));
    }

    /** Writes a search response of subjects, resources or actions. */
    public static String toJson(SearchResponse<?> r) {
        ObjectNode n = NODES.objectNode();
        ArrayNode a = n.putArray("results");
        for (Object o : r.results()) {
            if (o instanceof SubjectRef s) {
                a.add(subjectNode(s));
            } else if (o instanceof ResourceRef res) {
                a.add(resourceNode(res));
            } else if (o instanceof ActionRef act) {
                a.add(actionNode(act));
            } else {
                throw new IllegalArgumentException("unsupported search result " + o.getClass());
            }
        }
        n.putObject("page").put("next_token", r.nextToken());
        return JSON.writeValueAsString(n);
    }

    // ---- parts ----

    private static <T> SearchResponse<T> searchResponse(String json, Function<JsonNode, T> item) {
        JsonNode n = read(json);
        JsonNode a = required(n, "results");
        if (!a.isArray()) {
            throw invalid("results must be an array");
        }
        List<T> out = new ArrayList<>();
        for (JsonNode e : a.values()) {
            out.add(item.apply(e));
        }
        String next = "";
        JsonNode page = n.get("page");
        if (page != null && page.isObject() && page.get("next_token") != null) {
            next = page.get("next_token").asString();
        }
        return new SearchResponse<>(out, next);
    }

    private static JsonNode read(String json) {
        java.util.Objects.requireNonNull(json, "json");
        if (json.length() > MAX_BYTES) {
            throw invalid("message too large");
        }
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IdentityException(AuthzErrors.AUTHZEN_INVALID, "The request is not valid JSON.",
                    "malformed AuthZEN message: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw invalid("the message must be a JSON object");
        }
        return n;
    }

    private static String checkLength(String value, String path) {
        if (value.length() > MAX_STRING_LENGTH) {
            throw invalid(path + " has a string longer than " + MAX_STRING_LENGTH + " characters");
        }
        return value;
    }

    private static IdentityException invalid(String what) {
        return new IdentityException(AuthzErrors.AUTHZEN_INVALID, "Invalid request: " + what + ".");
    }

    private static JsonNode required(JsonNode n, String member) {
        JsonNode v = n.get(member);
        if (v == null || v.isNull()) {
            throw invalid(member + " is required");
        }
        return v;
    }

    private static String string(JsonNode n, String member, String path, boolean required) {
        JsonNode v = n.get(member);
        if (v == null) {
            if (required) {
                throw invalid(path + "." + member + " is required");
            }
            return "";
        }
        if (!v.isString() || v.stringValue().isEmpty()) {
            throw invalid(path + "." + member + " must be a non-empty string");
        }
        return checkLength(v.stringValue(), path + "." + member);
    }

    private static SubjectRef subject(JsonNode n, String path, boolean idRequired) {
        if (!n.isObject()) {
            throw invalid(path + " must be an object");
        }
        return new SubjectRef(string(n, "type", path, true), string(n, "id", path, idRequired),
                properties(n, path));
    }

    private static ResourceRef resource(JsonNode n, String path, boolean idRequired) {
        if (!n.isObject()) {
            throw invalid(path + " must be an object");
        }
        return new ResourceRef(string(n, "type", path, true), string(n, "id", path, idRequired),
                properties(n, path));
    }

    private static ActionRef action(JsonNode n, String path) {
        if (!n.isObject()) {
            throw invalid(path + " must be an object");
        }
        return new ActionRef(string(n, "name", path, true), properties(n, path));
    }

    private static Map<String, Object> properties(JsonNode n, String path) {
        JsonNode p = n.get("properties");
        if (p == null) {
            return Map.of();
        }
        if (!p.isObject()) {
            throw invalid(path + ".properties must be an object");
        }
        return objectToMap(p, path + ".properties");
    }

    private static Map<String, Object> context(JsonNode n) {
        JsonNode c = n.get("context");
        if (c == null) {
            return Map.of();
        }
        if (!c.isObject()) {
            throw invalid("context must be an object");
        }
        return objectToMap(c, "context");
    }

    private static PageRequest page(JsonNode n) {
        JsonNode p = n.get("page");
        if (p == null) {
            return PageRequest.FIRST;
        }
        if (!p.isObject()) {
            throw invalid("page must be an object");
        }
        Optional<String> token = Optional.ofNullable(p.get("token")).filter(JsonNode::isString)
                .map(JsonNode::stringValue).filter(s -> !s.isEmpty());
        Optional<Integer> limit = Optional.empty();
        JsonNode l = p.get("limit");
        if (l != null) {
            if (!l.isIntegralNumber() || l.longValue() < 1 || l.longValue() > 1000) {
                throw invalid("page.limit must be an integer from 1 to 1000");
            }
            limit = Optional.of((int) l.longValue());
        }
        return new PageRequest(token, limit);
    }

    private static EvaluationItem item(JsonNode n, String path) {
        return new EvaluationItem(
                Optional.ofNullable(n.get("subject")).map(s -> subject(s, path + ".subject", true)),
                Optional.ofNullable(n.get("action")).map(a -> action(a, path + ".action")),
                Optional.ofNullable(n.get("resource")).map(r -> resource(r, path + ".resource", true)),
                n.has("context") ? Optional.of(context(n)) : Optional.empty());
    }

    private static EvaluationResponse evaluationResponse(JsonNode n, String path) {
        if (!n.isObject()) {
            throw invalid(path + " must be an object");
        }
        JsonNode d = n.get("decision");
        if (d == null || !d.isBoolean()) {
            throw invalid(path + ".decision must be a boolean");
        }
        return new EvaluationResponse(d.booleanValue(), context(n));
    }

    /** {@code path} names the top-level member (for example {@code subject.properties}) in error texts. */
    private static Map<String, Object> objectToMap(JsonNode n, String path) {
        if (n.size() > MAX_ELEMENTS) {
            throw invalid(path + " has an object of more than " + MAX_ELEMENTS + " members");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            Object v = toJava(e.getValue(), path);
            if (v != null) {
                out.put(checkLength(e.getKey(), path), v);
            }
        }
        return out;
    }

    private static Object toJava(JsonNode n, String path) {
        if (n.isObject()) {
            return objectToMap(n, path);
        }
        if (n.isArray()) {
            if (n.size() > MAX_ELEMENTS) {
                throw invalid(path + " has an array of more than " + MAX_ELEMENTS + " elements");
            }
            List<Object> out = new ArrayList<>(n.size());
            for (JsonNode v : n.values()) {
                Object j = toJava(v, path);
                if (j != null) {
                    out.add(j);
                }
            }
            return out;
        }
        if (n.isString()) {
            return checkLength(n.stringValue(), path);
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return null;
    }

    private static JsonNode toNode(Object v) {
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), toNode(x)));
            return o;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = NODES.arrayNode();
            l.forEach(x -> a.add(toNode(x)));
            return a;
        }
        if (v instanceof String s) {
            return NODES.stringNode(s);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Double || v instanceof Float) {
            return NODES.numberNode(((Number) v).doubleValue());
        }
        if (v instanceof Number num) {
            return NODES.numberNode(num.longValue());
        }
        return v == null ? NODES.nullNode() : NODES.stringNode(v.toString());
    }

    private static ObjectNode subjectNode(SubjectRef s) {
        ObjectNode n = NODES.objectNode().put("type", s.type());
        if (!s.id().isEmpty()) {
            n.put("id", s.id());
        }
        if (!s.properties().isEmpty()) {
            n.set("properties", toNode(s.properties()));
        }
        return n;
    }

    private static ObjectNode resourceNode(ResourceRef r) {
        ObjectNode n = NODES.objectNode().put("type", r.type());
        if (!r.id().isEmpty()) {
            n.put("id", r.id());
        }
        if (!r.properties().isEmpty()) {
            n.set("properties", toNode(r.properties()));
        }
        return n;
    }

    private static ObjectNode actionNode(ActionRef a) {
        ObjectNode n = NODES.objectNode().put("name", a.name());
        if (!a.properties().isEmpty()) {
            n.set("properties", toNode(a.properties()));
        }
        return n;
    }

    private static ObjectNode evaluationResponseNode(EvaluationResponse r) {
        ObjectNode n = NODES.objectNode().put("decision", r.decision());
        putContext(n, r.context());
        return n;
    }

    private static ObjectNode itemNode(EvaluationItem i) {
        ObjectNode n = NODES.objectNode();
        i.subject().ifPresent(s -> n.set("subject", subjectNode(s)));
        i.action().ifPresent(a -> n.set("action", actionNode(a)));
        i.resource().ifPresent(r -> n.set("resource", resourceNode(r)));
        i.context().ifPresent(c -> n.set("context", toNode(c)));
        return n;
    }

    private static void putContext(ObjectNode n, Map<String, Object> context) {
        if (!context.isEmpty()) {
            n.set("context", toNode(context));
        }
    }

    private static void putPage(ObjectNode n, PageRequest page) {
        if (page.token().isPresent() || page.limit().isPresent()) {
            ObjectNode p = n.putObject("page");
            page.token().ifPresent(t -> p.put("token", t));
            page.limit().ifPresent(l -> p.put("limit", l));
        }
    }
}
