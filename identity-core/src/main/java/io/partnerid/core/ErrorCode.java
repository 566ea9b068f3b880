package io.partnerid.core;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A namespaced, machine-readable error code such as {@code org.not_found} or {@code exchange.actor_not_allowed}.
 *
 * <p>Instances are immutable and thread-safe. Codes are compared by {@link #value()} only; the protocol error
 * (for example OAuth 2.0 {@code invalid_grant}) and the specification link are descriptive metadata used by thin
 * protocol adapters when they render a refusal.
 *
 * @param value the namespaced code, {@code namespace.code} in lower case
 * @param protocolError the protocol error the code maps to, if any
 * @param specLink a link to the clause of the specification the code enforces, if any
 */
public record ErrorCode(String value, Optional<String> protocolError, Optional<String> specLink) {

    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    public ErrorCode {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(protocolError, "protocolError");
        Objects.requireNonNull(specLink, "specLink");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("error code must look like 'namespace.code': " + value);
        }
    }

    /** Creates a code without protocol mapping. */
    public static ErrorCode of(String value) {
        return new ErrorCode(value, Optional.empty(), Optional.empty());
    }

    /** Creates a code mapped to a protocol error and a specification link. */
    public static ErrorCode of(String value, String protocolError, String specLink) {
        return new ErrorCode(value, Optional.of(protocolError), Optional.of(specLink));
    }

    /** The namespace, the part before the first dot. */
    public String namespace() {
        return value.substring(0, value.indexOf('.'));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorCode other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
