package io.partnerid.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The principal on whose authority an operation runs: a user, a service (client), or the host system itself.
 *
 * <p>Immutable and thread-safe. {@link Type#SYSTEM} is the host's own bootstrap authority (creating root
 * organizations, appointing the first partner admins); it is never derived from a request.
 *
 * @param type what kind of principal acts
 * @param id the principal's immutable id (a user id, a client id, or a name for the system)
 */
public record Actor(Type type, String id) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

    /** Kinds of principals. */
    public enum Type {
        /** A user of some identity pool. */
        USER,
        /** An application acting for itself. */
        SERVICE,
        /** The host system (bootstrap, scheduled jobs). */
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid actor id");
        }
    }

    /** A user actor, for a user id of the host's own (outside the SDK's identity pools). */
    public static Actor user(String userId) {
        return new Actor(Type.USER, userId);
    }

    /** A user actor for a user of the SDK's identity pools. */
    public static Actor user(io.partnerid.core.user.UserId userId) {
        return new Actor(Type.USER, Objects.requireNonNull(userId, "userId").value());
    }

    /** A service actor. */
    public static Actor service(String clientId) {
        return new Actor(Type.SERVICE, clientId);
    }

    /** The host system, named for the audit trail (for example {@code "bootstrap"}). */
    public static Actor system(String name) {
        return new Actor(Type.SYSTEM, name);
    }

    /** {@code type:id}, the form written to audit records. */
    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
