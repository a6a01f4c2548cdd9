package org.wormsign.aggregate;

import java.util.Arrays;

/** A sort of long keys carrying an int each: millions of them, without a comparator or an object a key. */
public final class RadixSort {
    private RadixSort() {}

    /**
     * Sorts {@code keys[0, n)} (negative ones first), and {@code values} with them: a radix sort, 11 bits a pass,
     * passes over digits all keys share skipped. Sorting the keys alone and finding each value's place by
     * binary search was a cache miss or twenty a line (a second of dense-60's 1.9 million evidence lines).
     */
    public static void sortByKey(long[] keys, int[] values, int n) {
        if (n == 0) return;
        long[] k2 = new long[n];
        int[] v2 = new int[n];
        int[] count = new int[1 << 11];
        long[] k = keys, kk = k2;
        int[] v = values, vv = v2;
        for (int shift = 0; shift < 64; shift += 11) {
            Arrays.fill(count, 0);
            // The sign bit flipped: negative keys (left to the writer) sort before all others.
            for (int i = 0; i < n; i++) count[digit(k[i], shift)]++;
            if (count[digit(k[0], shift)] == n) continue;
            for (int d = 0, sum = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int at = count[digit(k[i], shift)]++;
                kk[at] = k[i];
                vv[at] = v[i];
            }
            long[] tk = k;
            k = kk;
            kk = tk;
            int[] tv = v;
            v = vv;
            vv = tv;
        }
        if (k != keys) {
            System.arraycopy(k, 0, keys, 0, n);
            System.arraycopy(v, 0, values, 0, n);
        }
    }

    private static int digit(long key, int shift) {
        return (int) ((key ^ Long.MIN_VALUE) >>> shift) & ((1 << 11) - 1);
    }
}
