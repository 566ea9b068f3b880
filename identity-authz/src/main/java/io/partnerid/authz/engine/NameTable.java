package io.partnerid.authz.engine;

import java.util.List;

/**
 * An immutable open-addressing table from names to ints, flat for the decision path: one {@code long[]} of slots
 * (hash and pool offset) and one {@code char[]} pool holding each name's length, value and characters side by side,
 * so a hit reads two cache lines and allocates nothing. Immutable after construction; thread-safe.
 */
final class NameTable {

    private static final int HEADER = 4;

    private final long[] slots;
    private final char[] pool;
    private final int mask;

    /** A table mapping {@code names.get(i)} to {@code values[i]}; names must be distinct, values non-negative. */
    NameTable(List<String> names, int[] values) {
        int capacity = Integer.highestOneBit(Math.max(4, names.size() * 2 - 1)) << 1;
        this.slots = new long[capacity];
        this.mask = capacity - 1;
        int chars = 0;
        for (String n : names) {
            chars += HEADER + n.length();
        }
        this.pool = new char[chars];
        int off = 0;
        for (int k = 0; k < names.size(); k++) {
            String n = names.get(k);
            int len = n.length();
            int value = values[k];
            pool[off] = (char) (len >>> 16);
            pool[off + 1] = (char) len;
            pool[off + 2] = (char) (value >>> 16);
            pool[off + 3] = (char) value;
            n.getChars(0, len, pool, off + HEADER);
            int h = n.hashCode();
            int i = spread(h) & mask;
            while (slots[i] != 0) {
                i = (i + 1) & mask;
            }
            slots[i] = ((long) h << 32) | ((off + 1) & 0xFFFFFFFFL);
            off += HEADER + len;
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The value of {@code name}, or -1 when absent. */
    int find(String name) {
        int h = name.hashCode();
        int i = spread(h) & mask;
        for (;;) {
            long slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == h) {
                int off = (int) slot - 1;
                int len = (pool[off] << 16) | pool[off + 1];
                if (len == name.length() && sameChars(name, off + HEADER, len)) {
                    return (pool[off + 2] << 16) | pool[off + 3];
                }
            }
            i = (i + 1) & mask;
        }
    }

    private boolean sameChars(String name, int from, int len) {
        for (int c = 0; c < len; c++) {
            if (pool[from + c] != name.charAt(c)) {
                return false;
            }
        }
        return true;
    }
}
