package io.partnerid.authz;

import java.util.Map;
import java.util.Objects;

/**
 * One authorization question: may {@code subject} perform {@code action} on {@code resource} in this context?
 *
 * <p>Immutable and thread-safe.
 *
 * @param subject who asks
 * @param action the action name, declared for the resource type in the policy document
 * @param resource what it is about
 * @param context request attributes visible to conditions as {@code context.<name>}
 */
public record AuthorizationRequest(Subject subject, String action, Resource resource, Map<String, Object> context) {

    public AuthorizationRequest {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = Map.copyOf(Objects.requireNonNull(context, "context"));
    }

    /** A request without context. */
    public static AuthorizationRequest of(Subject subject, String action, Resource resource) {
        return new AuthorizationRequest(subject, action, resource, Map.of());
    }
}
