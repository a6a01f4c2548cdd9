package org.wormsign.simulate;

import java.util.Arrays;

/**
 * Future events of the epidemic, one bucket per model minute, kept in insertion order (deterministic).
 * An event is an int: host << 2 | type. Stale events (a host whose state changed since) are recognised and
 * skipped by the model, so nothing is ever removed.
 */
final class MinuteQueue {
    static final int END = 0, PATCH = 1, V1_HIT = 2;

    private final int[][] buckets;
    private final int[] sizes;

    MinuteQueue(int minutes) {
        buckets = new int[minutes][];
        sizes = new int[minutes];
    }

    void add(int minute, int host, int type) {
        int[] b = buckets[minute];
        if (b == null) b = buckets[minute] = new int[4];
        else if (sizes[minute] == b.length) b = buckets[minute] = Arrays.copyOf(b, b.length * 2);
        b[sizes[minute]++] = host << 2 | type;
    }

    /** Events of a minute; events added to the same minute while it is read are read too. */
    int size(int minute) { return sizes[minute]; }

    int get(int minute, int i) { return buckets[minute][i]; }

    void release(int minute) {
        buckets[minute] = null;
        sizes[minute] = 0;
    }

    static int host(int event) { return event >>> 2; }

    static int type(int event) { return event & 3; }
}
