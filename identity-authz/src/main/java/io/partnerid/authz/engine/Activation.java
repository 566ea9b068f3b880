package io.partnerid.authz.engine;

import dev.cel.runtime.CelVariableResolver;
import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.RoleAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Lazily exposes one request to CEL as {@code subject}, {@code resource}, {@code action} and {@code context} maps
 * ({@link AttributeView}s that copy nothing); built once per decision that meets a condition. Not thread-safe; confined to the deciding thread.
 */
final class Activation implements CelVariableResolver {

    private static final String[] SUBJECT_FIELDS = {"id", "org", "roles"};
    private static final String[] RESOURCE_FIELDS = {"type", "id", "org"};
    private static final String[] NO_FIELDS = {};

    private final AuthorizationRequest request;
    private final String transaction;
    private Map<String, Object> subject;
    private Map<String, Object> resource;
    private Map<String, Object> action;
    private Map<String, Object> context;
    private boolean limitExceeded;

    Activation(AuthorizationRequest request, String transaction) {
        this.request = request;
        this.transaction = transaction;
    }

    AuthorizationRequest request() {
        return request;
    }

    String transaction() {
        return transaction;
    }

    /** True once a condition evaluated on this activation stopped at a size or iteration limit. */
    boolean limitExceeded() {
        return limitExceeded;
    }

    void markLimitExceeded() {
        limitExceeded = true;
    }

    @Override
    public Optional<Object> find(String name) {
        switch (name) {
            case "subject":
                if (subject == null) {
                    subject = new AttributeView(request.subject().attributes(), SUBJECT_FIELDS, new Object[] {
                        request.subject().id(), request.subject().org().value(),
                        (Supplier<List<Object>>) this::roleNames});
                }
                return Optional.of(subject);
            case "resource":
                if (resource == null) {
                    resource = new AttributeView(request.resource().attributes(), RESOURCE_FIELDS, new Object[] {
                        request.resource().type(), request.resource().id(), request.resource().org().value()});
                }
                return Optional.of(resource);
            case "action":
                if (action == null) {
                    action = Map.of("name", request.action(), "transaction", transaction);
                }
                return Optional.of(action);
            case "context":
                if (context == null) {
                    context = new AttributeView(request.context(), NO_FIELDS, new Object[0]);
                }
                return Optional.of(context);
            default:
                return Optional.empty();
        }
    }

    private List<Object> roleNames() {
        List<RoleAssignment> assigned = request.subject().roles();
        List<Object> roles = new ArrayList<>(assigned.size());
        for (RoleAssignment r : assigned) {
            roles.add(r.role());
        }
        return roles;
    }

    private static Map<String, Object> normalizeMap(Map<?, ?> in) {
        checkElements(in.size());
        Map<String, Object> out = new HashMap<>();
        in.forEach((k, v) -> out.put(checkLength(String.valueOf(k)), normalize(v)));
        return out;
    }

    /**
     * Java values to CEL values: integral numbers become long, floats double, collections recursively.
     *
     * @throws AttributeLimitException for a collection of more than {@link PolicyEngine#MAX_ATTRIBUTE_ELEMENTS}
     *     elements or a string longer than {@link PolicyEngine#MAX_ATTRIBUTE_STRING_LENGTH}, at any depth
     */
    static Object normalize(Object v) {
        if (v instanceof String s) {
            return checkLength(s);
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            return normalizeMap(m);
        }
        if (v instanceof List<?> l) {
            checkElements(l.size());
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof java.util.Set<?> s) {
            checkElements(s.size());
            List<Object> out = new ArrayList<>(s.size());
            s.forEach(x -> out.add(normalize(x)));
            return out;
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof java.time.Instant i) {
            return i.toString();
        }
        return v;
    }

    static void checkElements(int size) {
        if (size > PolicyEngine.MAX_ATTRIBUTE_ELEMENTS) {
            throw AttributeLimitException.INSTANCE;
        }
    }

    private static String checkLength(String s) {
        if (s.length() > PolicyEngine.MAX_ATTRIBUTE_STRING_LENGTH) {
            throw AttributeLimitException.INSTANCE;
        }
        return s;
    }

    /** A request attribute over the engine's limits reached a condition; the condition fails closed. */
    static final class AttributeLimitException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final AttributeLimitException INSTANCE = new AttributeLimitException();

        private AttributeLimitException() {
            super("a request attribute is over the condition limits", null, false, false);
        }
    }
}
