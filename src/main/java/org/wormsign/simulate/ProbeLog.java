package org.wormsign.simulate;

/**
 * The worm requests that reach one monitored server, as sortable longs:
 * {@code second since 2001-07-01 (25 bits) | kind (5) | wrong clock (1) | source address (32)}, so sorting
 * the longs sorts by time. Kinds: {@link #CODE_RED}, {@link #CODE_RED_II}, then the 16 Nimda forms.
 */
final class ProbeLog {
    static final int CODE_RED = 0, CODE_RED_II = 1, NIMDA = 2;

    /**
     * What a probe's source field holds when the model adds it: the host's address at that second
     * ({@link Population#addressAt}), or, for {@code --isp}, the host itself, so that the ISP's plan can be
     * drawn from who reached the servers before each probe gets its address ({@link Isp#resolve}).
     */
    interface Sources {
        int of(int host, long second);
    }
    static final long BASE = Utc.of(2001, 7, 1);

    private final LongList probes = new LongList();

    void add(long second, int kind, boolean wrongClock, int source) {
        long s = second - BASE;
        if (s < 0 || s >= 1L << 25) throw new IllegalArgumentException("outside the model's time range: " + second);
        probes.add(s << 38 | (long) kind << 33 | (wrongClock ? 1L : 0L) << 32 | Integer.toUnsignedLong(source));
    }

    void sort() { probes.sort(); }

    /** Replaces probe i's source (the log must be sorted again after). */
    void setSource(int i, int source) {
        probes.set(i, probes.get(i) & 0xFFFF_FFFF_0000_0000L | Integer.toUnsignedLong(source));
    }

    int size() { return probes.size(); }

    long packed(int i) { return probes.get(i); }

    static long second(long packed) { return BASE + (packed >>> 38); }

    static int kind(long packed) { return (int) (packed >>> 33) & 31; }

    static boolean wrongClock(long packed) { return (packed >>> 32 & 1) != 0; }

    static int source(long packed) { return (int) packed; }

    /** The index of the first probe at or after {@code second} (the log must be sorted). */
    int firstAtOrAfter(long second) {
        long key = Math.max(0, second - BASE) << 38;
        int lo = 0, hi = probes.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (probes.get(mid) < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
