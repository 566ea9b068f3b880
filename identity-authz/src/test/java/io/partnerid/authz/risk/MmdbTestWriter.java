package io.partnerid.authz.risk;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files for tests, following the public MaxMind DB format specification 2.0
 * (https://maxmind.github.io/MaxMind-DB/): an IPv6 binary search tree with 24-bit records, 16 zero bytes, a data
 * section of typed values (maps, UTF-8 strings, unsigned integers, doubles, arrays), then the metadata map after the
 * {@code \xAB\xCD\xEFMaxMind.com} marker. IPv4 networks are stored at {@code ::a.b.c.d} (96 leading zero bits), as in
 * MaxMind's own IPv6 databases. Not thread-safe; test code only.
 */
final class MmdbTestWriter {

    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i',
        'n', 'd', '.', 'c', 'o', 'm'};

    /** A trie node; a child is another node, a data record (offset in the data section) or nothing. */
    private static final class Node {
        final Object[] children = new Object[2];
    }

    private record Data(int offset) {
    }

    private final Node root = new Node();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private String databaseType = "PartnerID-Test-Country";
    private int treeBytes;

    MmdbTestWriter databaseType(String type) {
        this.databaseType = type;
        return this;
    }

    /** Maps a network ({@code 81.2.69.0/24} or {@code 2001:db8::/32}) to a record (a map of maps, strings, numbers). */
    MmdbTestWriter network(String cidr, Map<String, Object> record) {
        String[] parts = cidr.split("/");
        byte[] address;
        try {
            address = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        int prefix = Integer.parseInt(parts[1]);
        byte[] bits = new byte[16];
        if (address.length == 4) {
            System.arraycopy(address, 0, bits, 12, 4);
            prefix += 96;
        } else {
            bits = address;
        }
        int offset = data.size();
        encode(record, data);
        Node node = root;
        for (int i = 0; i < prefix - 1; i++) {
            int bit = (bits[i / 8] >> (7 - i % 8)) & 1;
            if (!(node.children[bit] instanceof Node)) {
                node.children[bit] = new Node();
            }
            node = (Node) node.children[bit];
        }
        int last = (bits[(prefix - 1) / 8] >> (7 - (prefix - 1) % 8)) & 1;
        node.children[last] = new Data(offset);
        return this;
    }

    /** The complete file. */
    byte[] build() {
        List<Node> nodes = new ArrayList<>();
        Map<Node, Integer> numbers = new LinkedHashMap<>();
        nodes.add(root);
        numbers.put(root, 0);
        for (int i = 0; i < nodes.size(); i++) { // breadth first: number every node
            for (Object child : nodes.get(i).children) {
                if (child instanceof Node n) {
                    numbers.put(n, nodes.size());
                    nodes.add(n);
                }
            }
        }
        int nodeCount = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : nodes) {
            for (Object child : n.children) {
                long value;
                if (child instanceof Node c) {
                    value = numbers.get(c);
                } else if (child instanceof Data d) {
                    value = (long) nodeCount + 16 + d.offset(); // data pointer: node count + 16 + offset
                } else {
                    value = nodeCount; // no data
                }
                out.write((int) (value >> 16) & 0xFF);
                out.write((int) (value >> 8) & 0xFF);
                out.write((int) value & 0xFF);
            }
        }
        treeBytes = out.size();
        out.writeBytes(new byte[16]); // data section separator
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("node_count", new UInt32(nodeCount));
        metadata.put("record_size", new UInt16(24));
        metadata.put("ip_version", new UInt16(6));
        metadata.put("database_type", databaseType);
        metadata.put("languages", List.of("en"));
        metadata.put("binary_format_major_version", new UInt16(2));
        metadata.put("binary_format_minor_version", new UInt16(0));
        metadata.put("build_epoch", new UInt64(1_764_460_800L));
        metadata.put("description", Map.of("en", "PartnerID test database"));
        encode(metadata, out);
        return out.toByteArray();
    }

    /** The size of the search tree of the last {@link #build()}, in bytes. */
    int treeBytes() {
        return treeBytes;
    }

    /** An unsigned 16-bit integer (type 5). */
    record UInt16(int value) {
    }

    /** An unsigned 32-bit integer (type 6). */
    record UInt32(long value) {
    }

    /** An unsigned 64-bit integer (extended type 9). */
    record UInt64(long value) {
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            control(2, utf8.length, out);
            out.writeBytes(utf8);
        } else if (value instanceof Double d) {
            control(3, 8, out);
            long bits = Double.doubleToLongBits(d);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (bits >> (8 * i)) & 0xFF);
            }
        } else if (value instanceof UInt16 u) {
            unsigned(5, u.value(), out);
        } else if (value instanceof UInt32 u) {
            unsigned(6, u.value(), out);
        } else if (value instanceof Integer n) {
            unsigned(6, n, out);
        } else if (value instanceof UInt64 u) {
            unsigned(9, u.value(), out);
        } else if (value instanceof Map<?, ?> map) {
            control(7, map.size(), out);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                encode((String) e.getKey(), out);
                encode(e.getValue(), out);
            }
        } else if (value instanceof List<?> list) {
            control(11, list.size(), out);
            for (Object item : list) {
                encode(item, out);
            }
        } else {
            throw new IllegalArgumentException("unsupported value " + value);
        }
    }

    private static void unsigned(int type, long value, ByteArrayOutputStream out) {
        int length = 0;
        for (long v = value; v != 0; v >>>= 8) {
            length++;
        }
        control(type, length, out);
        for (int i = length - 1; i >= 0; i--) {
            out.write((int) (value >> (8 * i)) & 0xFF);
        }
    }

    /** A control byte (type in the top three bits, extended types in a second byte) and the size (spec §Data). */
    private static void control(int type, int size, ByteArrayOutputStream out) {
        int sizeBits;
        byte[] extra;
        if (size < 29) {
            sizeBits = size;
            extra = new byte[0];
        } else if (size < 285) {
            sizeBits = 29;
            extra = new byte[] {(byte) (size - 29)};
        } else if (size < 65_821) {
            sizeBits = 30;
            int s = size - 285;
            extra = new byte[] {(byte) (s >> 8), (byte) s};
        } else {
            sizeBits = 31;
            int s = size - 65_821;
            extra = new byte[] {(byte) (s >> 16), (byte) (s >> 8), (byte) s};
        }
        if (type <= 7) {
            out.write((type << 5) | sizeBits);
        } else {
            out.write(sizeBits);
            out.write(type - 7);
        }
        out.writeBytes(extra);
    }
}
