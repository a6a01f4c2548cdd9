package org.wormsign.isp;

import java.util.Arrays;

/**
 * Addresses (two longs each) to dense ids, by open addressing over primitive arrays: ten million lease
 * records name perhaps a million addresses, which as boxed map keys would cost several times their bytes.
 * The data is the ISP's own, not attacker-controlled, so a fixed mixing function is enough.
 */
final class AddressTable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private long[] high = new long[1024];
    private long[] low = new long[1024];
    /** id + 1; 0 is an empty slot. */
    private int[] slot = new int[1024];
    private int size;

    /** The address's id, given the next one if it is new. */
    int idOf(long h, long l) {
        int at = find(h, l);
        if (slot[at] != 0) return slot[at] - 1;
        if ((size + 1) * 2 > slot.length) {
            grow();
            at = find(h, l);
        }
        high[at] = h;
        low[at] = l;
        slot[at] = ++size;
        return size - 1;
    }

    /** The address's id, or -1 if it was never added. */
    int get(long h, long l) {
        return slot[find(h, l)] - 1;
    }

    int size() { return size; }

    private int find(long h, long l) {
        int mask = slot.length - 1;
        int at = (int) mix(h * 0x9E3779B97F4A7C15L ^ l) & mask;
        while (slot[at] != 0 && (high[at] != h || low[at] != l)) at = (at + 1) & mask;
        return at;
    }

    private void grow() {
        long[] oh = high, ol = low;
        int[] os = slot;
        high = new long[oh.length * 2];
        low = new long[oh.length * 2];
        slot = new int[os.length * 2];
        for (int i = 0; i < os.length; i++) {
            if (os[i] == 0) continue;
            int at = find(oh[i], ol[i]);
            high[at] = oh[i];
            low[at] = ol[i];
            slot[at] = os[i];
        }
    }

    /** The address of every id, in id order: ids[i] → (out[2i], out[2i+1]). */
    long[] addresses() {
        long[] out = new long[size * 2];
        for (int i = 0; i < slot.length; i++) {
            if (slot[i] == 0) continue;
            out[2 * (slot[i] - 1)] = high[i];
            out[2 * (slot[i] - 1) + 1] = low[i];
        }
        return out;
    }

    long bytes() {
        return (long) high.length * 8 * 2 + (long) slot.length * 4;
    }

    private static long mix(long z) {
        // MurmurHash3's 64-bit finalizer.
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    @Override public String toString() {
        return "AddressTable[" + size + " of " + Arrays.stream(slot).filter(s -> s != 0).count() + "]";
    }
}
