package io.partnerid.authz.risk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed from a literal, never from a host name (no DNS look-up ever happens).
 *
 * <p>Immutable and thread-safe.
 */
public final class IpAddress {

    private final byte[] bytes;
    private final String text;

    private IpAddress(byte[] bytes, String text) {
        this.bytes = bytes;
        this.text = text;
    }

    /** Parses an IPv4 dotted-quad or an IPv6 literal; empty for anything else. */
    public static Optional<IpAddress> parse(String literal) {
        Objects.requireNonNull(literal, "literal");
        if (literal.isEmpty() || literal.length() > 45) {
            return Optional.empty();
        }
        if (literal.indexOf(':') >= 0) {
            if (!literal.matches("[0-9A-Fa-f:.]+")) {
                return Optional.empty();
            }
            try {
                // a literal containing ':' is never resolved through DNS
                return Optional.of(new IpAddress(InetAddress.getByName(literal).getAddress(), literal));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        String[] parts = literal.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return Optional.empty();
            }
            b[i] = (byte) v;
        }
        return Optional.of(new IpAddress(b, literal));
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text;
    }
}
