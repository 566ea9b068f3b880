package io.partnerid.authz.pipeline;

import io.partnerid.authz.Resource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One API call as the zero-trust pipeline sees it: the credential, the client's network facts, what is asked, and
 * which contract feature and quota it uses.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints the credential.
 *
 * @param credential the presented credential (for example a bearer token)
 * @param ip the client's IP literal, if known
 * @param deviceId a stable device identifier, if sent
 * @param action the action
 * @param resource the resource
 * @param context extra attributes for conditions
 * @param feature the contract feature the call needs, if any
 * @param quota the quota or rate limit the call consumes one unit of, if any
 */
public record AccessRequest(String credential, Optional<String> ip, Optional<String> deviceId, String action,
                            Resource resource, Map<String, Object> context, Optional<String> feature,
                            Optional<String> quota) {

    public AccessRequest {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        context = Map.copyOf(Objects.requireNonNull(context, "context"));
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(quota, "quota");
    }

    /** A request with only the essentials. */
    public static AccessRequest of(String credential, String action, Resource resource) {
        return new AccessRequest(credential, Optional.empty(), Optional.empty(), action, resource, Map.of(),
                Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "AccessRequest[action=" + action + ", resource=" + resource + ", ip=" + ip + "]";
    }
}
