package io.partnerid.authz.engine;

import java.util.Map;
import java.util.Objects;

/**
 * The resource type and action an API call maps to, with the values of the path's placeholders.
 *
 * <p>Immutable and thread-safe.
 *
 * @param resourceType the resource type
 * @param action the action
 * @param pathParameters placeholder name to the path segment it matched
 */
public record EndpointMatch(String resourceType, String action, Map<String, String> pathParameters) {

    public EndpointMatch {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(action, "action");
        pathParameters = Map.copyOf(Objects.requireNonNull(pathParameters, "pathParameters"));
    }
}
