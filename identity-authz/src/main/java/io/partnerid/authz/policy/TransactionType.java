package io.partnerid.authz.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The transaction class of an action: read-only, write, or administrative.
 *
 * <p>Immutable and thread-safe. Permission patterns may name a class instead of an action ({@code invoice:@read}),
 * and a read-only downgrade (risk) admits only {@link #READ} actions.
 */
public enum TransactionType {
    /** Reads data, changes nothing. */
    READ,
    /** Creates, changes or deletes business data. */
    WRITE,
    /** Changes configuration, roles or other principals' rights. */
    ADMIN;

    /** The lower-case name used in documents. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code read}, {@code write} or {@code admin}. */
    public static Optional<TransactionType> fromWire(String value) {
        for (TransactionType t : values()) {
            if (t.wireName().equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
