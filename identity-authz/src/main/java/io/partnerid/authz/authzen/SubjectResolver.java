package io.partnerid.authz.authzen;

import io.partnerid.authz.Subject;
import java.util.Optional;

/**
 * Turns an AuthZEN subject (type, id, properties) into the engine's {@link Subject}: home organization, roles and
 * attributes.
 *
 * <p>Called once per evaluation (once per distinct subject of a batch, once per search, and per candidate in a subject
 * search until the page is filled) by {@link AuthZenService}. Absence means the subject is unknown: the decision is a
 * deny that does not say why. Implementations must be thread-safe and should answer from memory or a cache: they sit
 * on the request path. The subject id must name one identity unambiguously (for example a user id, or a username
 * qualified by its pool or organization): a bare username looked up in several pools lets one pool's user answer for
 * another's.
 */
@FunctionalInterface
public interface SubjectResolver {

    /** The subject, or empty when it is unknown. */
    Optional<Subject> resolve(AuthZen.SubjectRef subject);
}
