package io.partnerid.authz.pipeline;

import io.partnerid.authz.Resource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One API call as the zero-trust pipeline sees it: the credential, the client's network facts, what is asked, and
 * which contract feature and quota it uses.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints the credential. Built with {@link #builder}: the
 * credential, action and resource are required, everything else is set only when known.
 *
 * <pre>{@code
 * AccessRequest request = AccessRequest.builder(bearerToken, "read", resource)
 *         .ip("10.1.2.3").deviceId("laptop-7")
 *         .feature("orders").quota("api-calls")
 *         .build();
 * }</pre>
 */
public final class AccessRequest {

    private final String credential;
    private final Optional<String> ip;
    private final Optional<String> deviceId;
    private final String action;
    private final Resource resource;
    private final Map<String, Object> context;
    private final Optional<String> feature;
    private final Optional<String> quota;

    private AccessRequest(Builder b) {
        this.credential = b.credential;
        this.ip = b.ip;
        this.deviceId = b.deviceId;
        this.action = b.action;
        this.resource = b.resource;
        this.context = b.context;
        this.feature = b.feature;
        this.quota = b.quota;
    }

    /**
     * Starts a request.
     *
     * @param credential the presented credential (for example a bearer token)
     * @param action the action
     * @param resource the resource
     */
    public static Builder builder(String credential, String action, Resource resource) {
        return new Builder(credential, action, resource);
    }

    /** The presented credential (for example a bearer token). */
    public String credential() {
        return credential;
    }

    /** The client's IP literal, if known. */
    public Optional<String> ip() {
        return ip;
    }

    /** A stable device identifier, if sent. */
    public Optional<String> deviceId() {
        return deviceId;
    }

    /** The action. */
    public String action() {
        return action;
    }

    /** The resource. */
    public Resource resource() {
        return resource;
    }

    /** Extra attributes for conditions. */
    public Map<String, Object> context() {
        return context;
    }

    /** The contract feature the call needs, if any. */
    public Optional<String> feature() {
        return feature;
    }

    /** The quota or rate limit the call consumes one unit of, if any. */
    public Optional<String> quota() {
        return quota;
    }

    @Override
    public String toString() {
        return "AccessRequest[action=" + action + ", resource=" + resource + ", ip=" + ip + "]";
    }

    /**
     * Builds an {@link AccessRequest}.
     *
     * <p>Not thread-safe; one per request.
     */
    public static final class Builder {
        private final String credential;
        private final String action;
        private final Resource resource;
        private Optional<String> ip = Optional.empty();
        private Optional<String> deviceId = Optional.empty();
        private Map<String, Object> context = Map.of();
        private Optional<String> feature = Optional.empty();
        private Optional<String> quota = Optional.empty();

        private Builder(String credential, String action, Resource resource) {
            this.credential = Objects.requireNonNull(credential, "credential");
            this.action = Objects.requireNonNull(action, "action");
            this.resource = Objects.requireNonNull(resource, "resource");
        }

        /** The client's IP literal (default: unknown). */
        public Builder ip(String value) {
            this.ip = Optional.of(Objects.requireNonNull(value, "ip"));
            return this;
        }

        /** A stable device identifier the client sent (default: none). */
        public Builder deviceId(String value) {
            this.deviceId = Optional.of(Objects.requireNonNull(value, "deviceId"));
            return this;
        }

        /** Extra attributes for policy conditions (default: none); copied. */
        public Builder context(Map<String, Object> value) {
            this.context = Map.copyOf(Objects.requireNonNull(value, "context"));
            return this;
        }

        /** The contract feature the call needs (default: none). */
        public Builder feature(String value) {
            this.feature = Optional.of(Objects.requireNonNull(value, "feature"));
            return this;
        }

        /** The quota or rate limit the call consumes one unit of (default: none). */
        public Builder quota(String value) {
            this.quota = Optional.of(Objects.requireNonNull(value, "quota"));
            return this;
        }

        public AccessRequest build() {
            return new AccessRequest(this);
        }
    }
}
