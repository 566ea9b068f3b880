package io.partnerid.core.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes arbitrary Java strings for character columns so that they round-trip exactly on every supported
 * database: PostgreSQL rejects NUL in text, and UTF-8 cannot carry unpaired surrogates. A backslash becomes
 * {@code \\}, NUL {@code \0}, an unpaired surrogate {@code \\uXXXX}; everything else is unchanged, so ordinary text
 * stays readable in the table. Maps are encoded as a length-prefixed list {@code <n>:<key><n>:<value>…} of encoded
 * strings in iteration order.
 *
 * <p>Used by the SDK's JDBC repositories in every module; like {@link Jdbc}, it serves the SDK's needs rather than
 * being a general-purpose library for hosts. Stateless and thread-safe.
 */
public final class TextCodec {

    private TextCodec() {
    }

    /** Escapes {@code value}. */
    public static String escape(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = null;
            if (c == '\\') {
                replacement = "\\\\";
            } else if (c == 0) {
                replacement = "\\0";
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(value.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                replacement = String.format(java.util.Locale.ROOT, "\\u%04x", (int) c);
            } else if (Character.isLowSurrogate(c)) {
                replacement = String.format(java.util.Locale.ROOT, "\\u%04x", (int) c);
            }
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * Reverses {@link #escape}; strict: only the escapes {@link #escape} writes are accepted (a doubled backslash,
     * {@code \0}, and {@code \\u} with four lower-case hex digits of a surrogate), so every stored value has one
     * encoding.
     *
     * @throws IllegalArgumentException for text that {@link #escape} cannot have produced
     */
    public static String unescape(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= value.length()) {
                throw new IllegalArgumentException("dangling escape");
            }
            char next = value.charAt(++i);
            if (next == '\\') {
                out.append('\\');
            } else if (next == '0') {
                out.append('\0');
            } else if (next == 'u' && i + 4 < value.length()) {
                String hex = value.substring(i + 1, i + 5);
                if (!hex.chars().allMatch(h -> (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f'))) {
                    throw new IllegalArgumentException("malformed escape");
                }
                char s = (char) Integer.parseInt(hex, 16);
                if (!Character.isSurrogate(s)) {
                    throw new IllegalArgumentException("escape of a character that needs none");
                }
                out.append(s);
                i += 4;
            } else {
                throw new IllegalArgumentException("unknown escape \\" + next);
            }
        }
        return out.toString();
    }

    /** Encodes a map as {@code <n>:<key><n>:<value>…} of escaped strings, in the map's iteration order. */
    public static String encodeMap(Map<String, String> map) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : map.entrySet()) {
            field(out, escape(e.getKey()));
            field(out, escape(e.getValue()));
        }
        return out.toString();
    }

    /**
     * Decodes {@link #encodeMap}, keeping the encoded order.
     *
     * @throws IllegalArgumentException for malformed input
     */
    public static Map<String, String> decodeMap(String encoded) {
        Map<String, String> map = new LinkedHashMap<>();
        int[] position = {0};
        while (position[0] < encoded.length()) {
            String key = unescape(read(encoded, position));
            String value = unescape(read(encoded, position));
            map.put(key, value);
        }
        return map;
    }

    /** Encodes a collection as {@code <n>:<item>…} of escaped strings, in iteration order. */
    public static String encodeList(java.util.Collection<String> items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            field(out, escape(item));
        }
        return out.toString();
    }

    /**
     * Decodes {@link #encodeList}, keeping the encoded order.
     *
     * @throws IllegalArgumentException for malformed input
     */
    public static java.util.List<String> decodeList(String encoded) {
        java.util.List<String> items = new java.util.ArrayList<>();
        int[] position = {0};
        while (position[0] < encoded.length()) {
            items.add(unescape(read(encoded, position)));
        }
        return items;
    }

    private static void field(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value);
    }

    private static String read(String encoded, int[] position) {
        int colon = encoded.indexOf(':', position[0]);
        if (colon < 0) {
            throw new IllegalArgumentException("malformed encoded map");
        }
        int length = Integer.parseInt(encoded.substring(position[0], colon));
        int start = colon + 1;
        if (length < 0 || start + length > encoded.length()) {
            throw new IllegalArgumentException("malformed encoded map");
        }
        position[0] = start + length;
        return encoded.substring(start, start + length);
    }
}
