package io.partnerid.authz;

import io.partnerid.core.org.OrgId;
import java.util.Map;
import java.util.Objects;

/**
 * The object an authorization request is about: its type, its id, the organization that owns it (its data segment)
 * and attributes for conditions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the resource type, as declared in the policy document
 * @param id the resource id (may be empty for collection-level actions such as create)
 * @param org the organization that owns the resource: its data segment
 * @param attributes extra attributes visible to conditions as {@code resource.<name>}
 */
public record Resource(String type, String id, OrgId org, Map<String, Object> attributes) {

    public Resource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(org, "org");
        attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    }

    /** A resource without attributes. */
    public static Resource of(String type, String id, OrgId org) {
        return new Resource(type, id, org, Map.of());
    }
}
