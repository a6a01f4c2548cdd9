package org.wormsign.simulate;

import java.util.Arrays;

/** A growable array of longs (no boxing on the model's paths). */
final class LongList {
    private long[] a = new long[16];
    private int n;

    void add(long v) {
        if (n == a.length) a = Arrays.copyOf(a, n * 2);
        a[n++] = v;
    }

    long get(int i) { return a[i]; }

    void set(int i, long v) { a[i] = v; }

    int size() { return n; }

    void sort() { Arrays.sort(a, 0, n); }
}
