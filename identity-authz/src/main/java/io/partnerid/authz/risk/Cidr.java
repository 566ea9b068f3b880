package io.partnerid.authz.risk;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network in CIDR notation, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses CIDR notation; a bare address means a single host.
     *
     * @throws IdentityException with {@link AuthzErrors#RISK_INVALID} when malformed
     */
    public static Cidr parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        int slash = cidr.indexOf('/');
        String addr = slash < 0 ? cidr : cidr.substring(0, slash);
        IpAddress ip = IpAddress.parse(addr).orElseThrow(() -> invalid(cidr));
        int max = ip.bytes().length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw invalid(cidr);
            }
            if (prefix < 0 || prefix > max) {
                throw invalid(cidr);
            }
        }
        return new Cidr(ip.bytes(), prefix, cidr);
    }

    private static IdentityException invalid(String cidr) {
        return new IdentityException(AuthzErrors.RISK_INVALID, "The risk configuration is invalid.",
                "malformed CIDR '" + cidr + "'");
    }

    /** The prefix length. */
    public int prefix() {
        return prefix;
    }

    /** True when the address is inside this network (an IPv4 address is never inside an IPv6 network). */
    public boolean contains(IpAddress address) {
        byte[] a = address.bytes();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
