package io.partnerid.core.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Converts a setting's typed value to the string that the {@link OrgSettingsRepository} stores, and back.
 *
 * <p>Implementations must be stateless and thread-safe, and {@code decode(encode(v))} must equal {@code v}.
 * {@link #decode} throws {@link IllegalArgumentException} for text it does not accept.
 *
 * @param <T> the value type
 */
public interface SettingCodec<T> {

    /** The canonical text of {@code value}. */
    String encode(T value);

    /**
     * The value of {@code text}.
     *
     * @throws IllegalArgumentException when the text is not a valid encoding
     */
    T decode(String text);

    /** ISO-8601 durations ({@code PT8H}). */
    SettingCodec<Duration> DURATION = new SettingCodec<>() {
        @Override
        public String encode(Duration value) {
            return value.toString();
        }

        @Override
        public Duration decode(String text) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration", e);
            }
        }
    };

    /** Exactly {@code true} or {@code false}. */
    SettingCodec<Boolean> BOOLEAN = new SettingCodec<>() {
        @Override
        public String encode(Boolean value) {
            return value.toString();
        }

        @Override
        public Boolean decode(String text) {
            if (text.equals("true")) {
                return Boolean.TRUE;
            }
            if (text.equals("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("not a boolean");
        }
    };

    /** Decimal integers. */
    SettingCodec<Integer> INTEGER = new SettingCodec<>() {
        @Override
        public String encode(Integer value) {
            return value.toString();
        }

        @Override
        public Integer decode(String text) {
            return Integer.valueOf(text); // NumberFormatException is an IllegalArgumentException
        }
    };

    /** Text as is. */
    SettingCodec<String> STRING = new SettingCodec<>() {
        @Override
        public String encode(String value) {
            return value;
        }

        @Override
        public String decode(String text) {
            return text;
        }
    };

    /**
     * Sets of non-empty words without commas, stored sorted and comma-separated ({@code oidc,passkey}); decoded as
     * an unmodifiable sorted set.
     */
    SettingCodec<Set<String>> STRING_SET = new SettingCodec<>() {
        @Override
        public String encode(Set<String> value) {
            for (String element : value) {
                if (element.isEmpty() || element.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("set elements must be non-empty and contain no comma");
                }
            }
            return String.join(",", new TreeSet<>(value));
        }

        @Override
        public Set<String> decode(String text) {
            SortedSet<String> set = new TreeSet<>();
            if (!text.isEmpty()) {
                for (String element : text.split(",", -1)) {
                    if (element.isEmpty()) {
                        throw new IllegalArgumentException("empty set element");
                    }
                    set.add(element);
                }
            }
            return Collections.unmodifiableSortedSet(set);
        }
    };
}
