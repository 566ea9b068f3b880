package io.partnerid.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A request for one page of a listing, using keyset pagination: {@code after} is the opaque cursor returned as
 * {@link Page#next()} by the previous page, absent for the first page.
 *
 * <p>Immutable and thread-safe. Every listing of the SDK is paged; {@link #MAX_LIMIT} bounds a page.
 *
 * @param after the cursor after which the page starts
 * @param limit the maximum number of items, 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(Optional<String> after, int limit) {

    /** The largest page any SPI is asked for. */
    public static final int MAX_LIMIT = 1_000;

    public PageRequest {
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
    }

    /** The first page of at most {@code limit} items. */
    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }

    /** The page after {@code cursor}. */
    public static PageRequest after(String cursor, int limit) {
        return new PageRequest(Optional.of(cursor), limit);
    }
}
