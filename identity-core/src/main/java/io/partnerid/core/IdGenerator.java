package io.partnerid.core;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates identifiers for new entities.
 *
 * <p>Implementations must be thread-safe. Identifiers are opaque, at most 64 characters from
 * {@code [A-Za-z0-9_-]}, and unique for the lifetime of the deployment.
 */
@FunctionalInterface
public interface IdGenerator {

    /** Returns a fresh identifier. */
    String next();

    /**
     * Random 128-bit identifiers, base32-encoded (26 characters, lower case), drawn from the given random source.
     *
     * @param random the injected source of randomness
     */
    static IdGenerator random(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return Base32.encode(bytes);
        };
    }

    /** Predictable identifiers {@code prefix-1, prefix-2, …}; for tests and samples only. */
    static IdGenerator sequential(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        AtomicLong counter = new AtomicLong();
        return () -> prefix + "-" + counter.incrementAndGet();
    }

    /** Lower-case RFC 4648 base32 without padding. */
    final class Base32 {
        private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

        private Base32() {
        }

        static String encode(byte[] data) {
            StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
            int buffer = 0;
            int bits = 0;
            for (byte b : data) {
                buffer = (buffer << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
            }
            return out.toString();
        }
    }
}
