package io.partnerid.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a listing and the cursor of the next page, if there is one.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the items of this page, in the listing's stable order
 * @param next the cursor to pass to {@link PageRequest#after(String, int)}, absent on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    /** Builds a page from up to {@code limit + 1} sorted candidates: the extra one only proves there is more. */
    public static <T> Page<T> of(List<T> sortedCandidates, int limit, Function<T, String> cursorOf) {
        if (sortedCandidates.size() <= limit) {
            return new Page<>(sortedCandidates, Optional.empty());
        }
        List<T> items = sortedCandidates.subList(0, limit);
        return new Page<>(items, Optional.of(cursorOf.apply(items.get(limit - 1))));
    }

    /** An empty last page. */
    public static <T> Page<T> empty() {
        return new Page<>(List.of(), Optional.empty());
    }

    /** Maps the items, keeping the cursor. */
    public <R> Page<R> map(Function<T, R> mapper) {
        List<R> mapped = new ArrayList<>(items.size());
        for (T item : items) {
            mapped.add(mapper.apply(item));
        }
        return new Page<>(mapped, next);
    }

    /** Reads every page of a listing; only for bounded listings such as tests and migrations. */
    public static <T> List<T> all(Function<PageRequest, Page<T>> listing, int pageSize) {
        List<T> all = new ArrayList<>();
        Page<T> page = listing.apply(PageRequest.first(pageSize));
        all.addAll(page.items());
        while (page.next().isPresent()) {
            page = listing.apply(PageRequest.after(page.next().get(), pageSize));
            all.addAll(page.items());
        }
        return all;
    }
}
