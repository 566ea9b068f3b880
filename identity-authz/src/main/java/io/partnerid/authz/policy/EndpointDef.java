package io.partnerid.authz.policy;

import java.util.Objects;

/**
 * Maps an API endpoint (HTTP method and path pattern) to a resource type and an action.
 *
 * <p>Immutable and thread-safe. Path patterns are literal segments and {@code {name}} placeholders that match one
 * segment, for example {@code /api/invoices/{id}}; a trailing {@code **} matches the rest of the path.
 *
 * @param method the HTTP method in upper case
 * @param path the path pattern
 * @param resourceType the resource type the endpoint acts on
 * @param action the action it performs
 */
public record EndpointDef(String method, String path, String resourceType, String action) {

    public EndpointDef {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(action, "action");
    }
}
