package io.partnerid.core.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A fake {@link DnsTxtResolver} whose records tests (and local development set-ups) put by hand; it never touches
 * the network. For tests and local development.
 *
 * <p>Thread-safe. Names are compared case-insensitively, as in DNS.
 */
public final class InMemoryDnsTxtResolver implements DnsTxtResolver {

    private final ConcurrentMap<String, List<String>> records = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /** Replaces the TXT records at {@code name}. */
    public InMemoryDnsTxtResolver put(String name, String... values) {
        records.put(key(name), List.of(values));
        return this;
    }

    /** Removes every TXT record at {@code name} (the name then does not exist). */
    public InMemoryDnsTxtResolver remove(String name) {
        records.remove(key(name));
        return this;
    }

    /** Makes lookups of {@code name} fail as if the DNS server timed out, until {@link #recover} is called. */
    public InMemoryDnsTxtResolver failOn(String name) {
        failing.add(key(name));
        return this;
    }

    /** Lets lookups of {@code name} succeed again. */
    public InMemoryDnsTxtResolver recover(String name) {
        failing.remove(key(name));
        return this;
    }

    @Override
    public List<String> txtRecords(String name) {
        String key = key(name);
        if (failing.contains(key)) {
            throw DomainErrors.dnsUnavailable(name, new java.io.IOException("simulated DNS failure"));
        }
        return records.getOrDefault(key, List.of());
    }

    private static String key(String name) {
        Objects.requireNonNull(name, "name");
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
