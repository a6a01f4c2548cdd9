package org.wormsign.simulate;

/**
 * When an infected host probes, by its own clock (DOMAIN.md, "Time"). A host's clock reads the real UTC time
 * plus its offset (zero for a correct clock). Windows are half-open [start, end) pairs of real epoch seconds.
 */
final class WormClock {
    private WormClock() {}

    /** Code Red I propagates on days 1-19 of every month (UTC), floods 20-27 and sleeps from the 28th. */
    static final int LAST_PROPAGATION_DAY = 19;
    /** Code Red II stops for good when the UTC date reaches 2001-10-01. */
    static final long CODE_RED_II_STOP = Utc.of(2001, 10, 1);

    /**
     * The Code Red I propagation windows inside [from, to) for a host whose clock is {@code offset} seconds
     * ahead of UTC; writes pairs into {@code out} and returns how many pairs.
     */
    static int codeRedI(long from, long to, long offset, long[] out) {
        int n = 0;
        long t = from;
        while (t < to) {
            long hostTime = t + offset;
            long month = Utc.monthStart(hostTime);
            long propagationEnd = month + LAST_PROPAGATION_DAY * Utc.DAY;
            if (hostTime < propagationEnd) {
                long end = Math.min(to, propagationEnd - offset);
                out[2 * n] = t;
                out[2 * n + 1] = end;
                n++;
                t = end;
            } else {
                t = Utc.nextMonthStart(hostTime) - offset;
            }
        }
        return n;
    }

    /** The Code Red II propagation window inside [from, to): until the host's clock reaches 1 October 2001. */
    static int codeRedII(long from, long to, long offset, long[] out) {
        long end = Math.min(to, CODE_RED_II_STOP - offset);
        if (from >= end) return 0;
        out[0] = from;
        out[1] = end;
        return 1;
    }

    /** Whether Code Red II, started now on this host, would stop at once (its clock reads October 2001 or later). */
    static boolean codeRedIIStopped(long second, long offset) {
        return second + offset >= CODE_RED_II_STOP;
    }
}
