package io.partnerid.authz.policy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A resource type and its actions, each with its transaction class.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the type name, for example {@code invoice} or {@code todo}
 * @param actions action name to transaction class, in document order
 */
public record ResourceTypeDef(String name, Map<String, TransactionType> actions) {

    public ResourceTypeDef {
        Objects.requireNonNull(name, "name");
        actions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(actions, "actions")));
    }
}
