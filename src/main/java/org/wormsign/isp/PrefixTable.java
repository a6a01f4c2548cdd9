package org.wormsign.isp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The static assignments: prefixes and ranges flattened, once, into sorted disjoint segments each owned by the
 * smallest block that covers it (the longest prefix; a range counts by its size; of two of one size, the one
 * read later). A lookup is then one binary search over the segments' starts, for both families (IPv4 in its
 * mapped form, {@link Ip}).
 *
 * <p>Why not IPAddress's associative tries, which the issue names: on this machine a million prefixes took
 * 17–33 s to load into them and 5–9 µs a lookup; a million nested prefixes read from CSV and flattened here
 * took 1.9 CPU s, and a lookup (lease, then prefix) about 0.6 CPU µs (bench/IspBench.java, bench/RESULTS.md).
 */
public final class PrefixTable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final long[] firstHigh, firstLow, lastHigh, lastLow;
    private final int[] customer;
    private final int blocks;

    private PrefixTable(long[] fh, long[] fl, long[] lh, long[] ll, int[] c, int blocks) {
        firstHigh = fh;
        firstLow = fl;
        lastHigh = lh;
        lastLow = ll;
        customer = c;
        this.blocks = blocks;
    }

    public static final PrefixTable EMPTY = new PrefixTable(new long[0], new long[0], new long[0], new long[0], new int[0], 0);

    /** The customer of the smallest block holding the address; -1 if none does. */
    public int customerOf(long high, long low) {
        int lo = 0, hi = customer.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Ip.compare(firstHigh[mid], firstLow[mid], high, low) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && Ip.compare(high, low, lastHigh[found], lastLow[found]) <= 0 ? customer[found] : -1;
    }

    /** Blocks read (prefixes and ranges). */
    public int blocks() { return blocks; }

    /** Segments they flattened into. */
    public int segments() { return customer.length; }

    public long bytes() { return (long) customer.length * 36; }

    /** Gathers blocks as read, then flattens them ({@link #build}). */
    public static final class Builder {
        private long[] b = new long[4 * 1024];
        private int[] c = new int[1024];
        private int size;

        public void add(long firstHigh, long firstLow, long lastHigh, long lastLow, int customerId) {
            if (size == c.length) {
                b = Arrays.copyOf(b, b.length * 2);
                c = Arrays.copyOf(c, c.length * 2);
            }
            b[4 * size] = firstHigh;
            b[4 * size + 1] = firstLow;
            b[4 * size + 2] = lastHigh;
            b[4 * size + 3] = lastLow;
            c[size] = customerId;
            size++;
        }

        public int size() { return size; }

        public PrefixTable build() {
            if (size == 0) return EMPTY;
            boolean allV4 = true;
            for (int i = 0; i < size && allV4; i++) allV4 = Ip.isV4(b[4 * i], b[4 * i + 1]);
            if (allV4) return flattenedV4();
            Integer[] byFirst = new Integer[size];
            for (int i = 0; i < size; i++) byFirst[i] = i;
            Arrays.sort(byFirst, (x, y) -> Ip.compare(b[4 * x], b[4 * x + 1], b[4 * y], b[4 * y + 1]));
            if (disjoint(byFirst)) return straight(byFirst);
            return flattened(byFirst);
        }

        /** Most lists are a plain partition of the space, with no block inside another: no flattening needed. */
        private boolean disjoint(Integer[] byFirst) {
            for (int k = 1; k < size; k++) {
                int p = byFirst[k - 1], i = byFirst[k];
                if (Ip.compare(b[4 * i], b[4 * i + 1], b[4 * p + 2], b[4 * p + 3]) <= 0) return false;
            }
            return true;
        }

        private PrefixTable straight(Integer[] byFirst) {
            long[] fh = new long[size], fl = new long[size], lh = new long[size], ll = new long[size];
            int[] cc = new int[size];
            for (int k = 0; k < size; k++) {
                int i = byFirst[k];
                fh[k] = b[4 * i];
                fl[k] = b[4 * i + 1];
                lh[k] = b[4 * i + 2];
                ll[k] = b[4 * i + 3];
                cc[k] = c[i];
            }
            return new PrefixTable(fh, fl, lh, ll, cc, size);
        }

        /**
         * The same sweep as {@link #flattened} for the common case of IPv4 blocks only, over primitives: every
         * boundary fits a long, so the sorts are of long arrays (a million blocks: under a second, where the
         * boxed sweep took several).
         */
        private PrefixTable flattenedV4() {
            long[] byFirst = new long[size];
            long[] points = new long[2 * size];
            long[] span = new long[size];
            for (int i = 0; i < size; i++) {
                long first = b[4 * i + 1] & 0xFFFF_FFFFL, last = b[4 * i + 3] & 0xFFFF_FFFFL;
                byFirst[i] = first << 32 | i;
                points[2 * i] = first;
                points[2 * i + 1] = last + 1;
                span[i] = last - first;
            }
            Arrays.sort(byFirst);
            Arrays.sort(points);
            PriorityQueue<Integer> inForce = new PriorityQueue<>((x, y) -> span[x] != span[y] ? Long.compare(span[x], span[y]) : Integer.compare(y, x));
            Segments out = new Segments();
            int next = 0;
            for (int k = 0; k < points.length; k++) {
                long p = points[k];
                if (k > 0 && points[k - 1] == p) continue;
                while (next < size && byFirst[next] >>> 32 <= p) inForce.add((int) byFirst[next++]);
                while (!inForce.isEmpty() && (b[4 * inForce.peek() + 3] & 0xFFFF_FFFFL) < p) inForce.poll();
                if (inForce.isEmpty()) continue;
                int owner = inForce.peek();
                int k2 = k + 1;
                while (k2 < points.length && points[k2] == p) k2++;
                long last = k2 < points.length ? points[k2] - 1 : b[4 * owner + 3] & 0xFFFF_FFFFL;
                out.add(Ip.V4_HIGH, Ip.V4_MAPPED | p, Ip.V4_HIGH, Ip.V4_MAPPED | last, c[owner]);
            }
            return out.table(size);
        }

        /** A 128-bit value that sorts unsigned: a segment boundary. */
        private record Point(long high, long low) {
            static final Comparator<Point> ORDER = (x, y) -> Ip.compare(x.high, x.low, y.high, y.low);
        }

        /**
         * A sweep over every block's first address and the address after its last: between two such points the
         * owner does not change, and is the smallest block in force (a heap by size, later-read first on ties;
         * blocks that ended are dropped when they reach the top).
         */
        private PrefixTable flattened(Integer[] byFirst) {
            List<Point> points = new ArrayList<>(2 * size);
            for (int i = 0; i < size; i++) {
                points.add(new Point(b[4 * i], b[4 * i + 1]));
                long lh = b[4 * i + 2], ll = b[4 * i + 3];
                if (lh != -1L || ll != -1L) points.add(ll == -1L ? new Point(lh + 1, 0) : new Point(lh, ll + 1));
            }
            points.sort(Point.ORDER);
            PriorityQueue<Integer> inForce = new PriorityQueue<>((x, y) -> {
                // size - 1 = last - first, 128-bit; smaller first.
                long xh = b[4 * x + 2] - b[4 * x] - (Long.compareUnsigned(b[4 * x + 3], b[4 * x + 1]) < 0 ? 1 : 0);
                long xl = b[4 * x + 3] - b[4 * x + 1];
                long yh = b[4 * y + 2] - b[4 * y] - (Long.compareUnsigned(b[4 * y + 3], b[4 * y + 1]) < 0 ? 1 : 0);
                long yl = b[4 * y + 3] - b[4 * y + 1];
                int bySize = Ip.compare(xh, xl, yh, yl);
                return bySize != 0 ? bySize : Integer.compare(y, x);
            });
            Segments out = new Segments();
            int next = 0;
            for (int k = 0; k < points.size(); k++) {
                Point p = points.get(k);
                if (k > 0 && points.get(k - 1).equals(p)) continue;
                while (next < size && Ip.compare(b[4 * byFirst[next]], b[4 * byFirst[next] + 1], p.high, p.low) <= 0) inForce.add(byFirst[next++]);
                while (!inForce.isEmpty() && Ip.compare(b[4 * inForce.peek() + 2], b[4 * inForce.peek() + 3], p.high, p.low) < 0) inForce.poll();
                if (inForce.isEmpty()) continue;
                int owner = inForce.peek();
                int k2 = k + 1;
                while (k2 < points.size() && points.get(k2).equals(p)) k2++;
                long lastHigh, lastLow;
                if (k2 < points.size()) {
                    Point q = points.get(k2);
                    lastHigh = q.low == 0 ? q.high - 1 : q.high;
                    lastLow = q.low - 1;
                } else {
                    lastHigh = b[4 * owner + 2];
                    lastLow = b[4 * owner + 3];
                }
                out.add(p.high, p.low, lastHigh, lastLow, c[owner]);
            }
            return out.table(size);
        }
    }

    private static final class Segments {
        long[] fh = new long[1024], fl = new long[1024], lh = new long[1024], ll = new long[1024];
        int[] cc = new int[1024];
        int n;

        void add(long firstHigh, long firstLow, long lastHigh, long lastLow, int customer) {
            // Joined to the one before when it is its continuation with the same owner.
            if (n > 0 && cc[n - 1] == customer) {
                long nh = ll[n - 1] == -1L ? lh[n - 1] + 1 : lh[n - 1], nl = ll[n - 1] + 1;
                if (nh == firstHigh && nl == firstLow) {
                    lh[n - 1] = lastHigh;
                    ll[n - 1] = lastLow;
                    return;
                }
            }
            if (n == cc.length) {
                fh = Arrays.copyOf(fh, n * 2);
                fl = Arrays.copyOf(fl, n * 2);
                lh = Arrays.copyOf(lh, n * 2);
                ll = Arrays.copyOf(ll, n * 2);
                cc = Arrays.copyOf(cc, n * 2);
            }
            fh[n] = firstHigh;
            fl[n] = firstLow;
            lh[n] = lastHigh;
            ll[n] = lastLow;
            cc[n] = customer;
            n++;
        }

        PrefixTable table(int blocks) {
            return new PrefixTable(Arrays.copyOf(fh, n), Arrays.copyOf(fl, n), Arrays.copyOf(lh, n), Arrays.copyOf(ll, n),
                    Arrays.copyOf(cc, n), blocks);
        }
    }
}
