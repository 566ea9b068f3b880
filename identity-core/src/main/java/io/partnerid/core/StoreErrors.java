package io.partnerid.core;

/**
 * Error codes raised by repositories and stores of every module.
 *
 * <p>Constants only; thread-safe.
 */
public final class StoreErrors {

    /** An optimistic-concurrency check failed: the entity changed since it was read. Retry from a fresh read. */
    public static final ErrorCode CONFLICT = ErrorCode.of("store.conflict");

    /** An insert collided with an existing entity or a unique key (for example a verified domain). */
    public static final ErrorCode DUPLICATE = ErrorCode.of("store.duplicate");

    /** An update or delete named an entity that does not exist. */
    public static final ErrorCode MISSING = ErrorCode.of("store.missing");

    /** The underlying storage failed (I/O, SQL). */
    public static final ErrorCode FAILURE = ErrorCode.of("store.failure");

    private StoreErrors() {
    }

    /** Builds the exception for a failed optimistic-concurrency check on {@code what}. */
    public static IdentityException conflict(String what) {
        return new IdentityException(CONFLICT, "The resource was changed concurrently; retry.",
                what + " was changed concurrently");
    }

    /** Builds the exception for a duplicate insert of {@code what}. */
    public static IdentityException duplicate(String what) {
        return new IdentityException(DUPLICATE, "The resource already exists.", what + " already exists");
    }

    /** Builds the exception for an update of a missing {@code what}. */
    public static IdentityException missing(String what) {
        return new IdentityException(MISSING, "The resource does not exist.", what + " does not exist");
    }
}
