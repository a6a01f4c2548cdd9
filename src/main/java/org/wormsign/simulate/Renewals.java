package org.wormsign.simulate;

/**
 * How a DHCP server hands out one holding: a lease of {@link #LEASE_TIME} at its start, renewed at half its
 * time (T1, RFC 2131 section 4.4.5) for as long as the client stays, so a holding is a run of overlapping
 * grants; the last one ends when the holding does (the client let it go when it moved).
 */
final class Renewals {
    private Renewals() {}

    /** A cable or DSL ISP's lease time of 2001: two days. */
    static final long LEASE_TIME = 2 * Utc.DAY;
    static final long RENEW = LEASE_TIME / 2;

    /** The grants of a holding [start, end), as {start, end} pairs in order; together they cover it exactly. */
    static long[] of(long start, long end) {
        int n = (int) Math.max(1, (end - start + RENEW - 1) / RENEW);
        long[] out = new long[2 * n];
        for (int i = 0; i < n; i++) {
            long s = start + i * RENEW;
            out[2 * i] = s;
            out[2 * i + 1] = i == n - 1 ? end : Math.min(s + LEASE_TIME, end);
        }
        return out;
    }
}
