package io.partnerid.authz.authzen;

import io.partnerid.authz.Resource;
import io.partnerid.authz.Subject;
import io.partnerid.core.org.OrgId;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an AuthZEN resource into the engine's {@link Resource}, in particular the organization that owns it.
 *
 * <p>Called once per evaluation by {@link AuthZenService}. Absence means the resource is unknown: deny. Must be
 * thread-safe.
 */
@FunctionalInterface
public interface ResourceResolver {

    /** The resource as the engine sees it, or empty when unknown. */
    Optional<Resource> resolve(AuthZen.ResourceRef resource, Subject subject);

    /**
     * The default: the owning organization is the {@code org} property when present, otherwise the subject's own
     * organization; every other property becomes a resource attribute.
     */
    static ResourceResolver fromProperties() {
        return (ref, subject) -> {
            Object org = ref.properties().get("org");
            OrgId owner;
            try {
                owner = org instanceof String s ? OrgId.of(s) : subject.org();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            Map<String, Object> attributes = new java.util.HashMap<>(ref.properties());
            attributes.remove("org");
            return Optional.of(new Resource(ref.type(), ref.id(), owner, attributes));
        };
    }
}
