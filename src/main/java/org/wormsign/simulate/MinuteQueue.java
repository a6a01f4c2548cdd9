package org.wormsign.simulate;

import java.util.Arrays;

/**
 * Future events of the epidemic, one bucket per model minute, read in insertion order (deterministic).
 * An event is a long: type (2 bits) | host (26) | serial (12) | position (24); see the pack methods. Stale
 * events (the host's infection has changed since) are recognised and skipped by the model.
 */
final class MinuteQueue {
    static final int END = 0, PATCH = 1, V1_HIT = 2;

    private final long[][] buckets;
    private final int[] sizes;
    /** Buckets already read, reused for later minutes (the model makes millions of events). */
    private final java.util.ArrayDeque<long[]> spare = new java.util.ArrayDeque<>();

    MinuteQueue(int minutes) {
        buckets = new long[minutes][];
        sizes = new int[minutes];
    }

    void add(int minute, long event) {
        long[] b = buckets[minute];
        if (b == null) b = buckets[minute] = spare.isEmpty() ? new long[64] : spare.pop();
        else if (sizes[minute] == b.length) b = buckets[minute] = Arrays.copyOf(b, b.length * 2);
        b[sizes[minute]++] = event;
    }

    /** Events of a minute; events added to the same minute while it is read are read too. */
    int size(int minute) { return sizes[minute]; }

    long get(int minute, int i) { return buckets[minute][i]; }

    void release(int minute) {
        if (buckets[minute] != null && spare.size() < 64) spare.push(buckets[minute]);
        buckets[minute] = null;
        sizes[minute] = 0;
    }

    static long event(int type, int host, int serial, int position) {
        return (long) type << 62 | (long) host << 36 | (long) (serial & 0xFFF) << 24 | position;
    }

    static int type(long event) { return (int) (event >>> 62); }

    static int host(long event) { return (int) (event >>> 36) & 0x3FF_FFFF; }

    static int serial(long event) { return (int) (event >>> 24) & 0xFFF; }

    static int position(long event) { return (int) event & 0xFF_FFFF; }
}
