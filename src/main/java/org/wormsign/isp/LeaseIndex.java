package org.wormsign.isp;

import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Who held an address at a second, from the dynamic assignments (leases and sessions): a lookup, not a scan.
 * An address's id comes from a hash table; its holdings sit together, sorted by start and not overlapping, so
 * the one in force is found by a binary search of their starts. Intervals are half-open, {@code [start, end)}:
 * at exactly a holding's end second the address belongs to whoever starts then, or to nobody.
 *
 * <p>Times are held as unsigned 32-bit epoch seconds (up to 2106; {@link #NEVER} is a lease that never ends):
 * ten million holdings then take 120 MB, not 200.
 */
public final class LeaseIndex implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The end of a holding that does not end ({@code ends never;}): the last second an unsigned int holds. */
    public static final long NEVER = 0xFFFF_FFFFL;

    private final AddressTable addresses;
    /** Per address id, where its holdings begin; {@code from[id + 1]} is where they end. */
    private final int[] from;
    private final OffHeapInts start;
    private final OffHeapInts end;
    private final OffHeapInts customer;

    private LeaseIndex(AddressTable addresses, int[] from, OffHeapInts start, OffHeapInts end, OffHeapInts customer) {
        this.addresses = addresses;
        this.from = from;
        this.start = start;
        this.end = end;
        this.customer = customer;
    }

    /** The customer holding the address at {@code epochSecond}; -1 if none did (or the address is not in the data). */
    public int customerAt(long high, long low, long epochSecond) {
        int id = addresses.get(high, low);
        if (id < 0 || epochSecond < 0 || epochSecond >= NEVER) return -1;
        int lo = from[id], hi = from[id + 1] - 1;
        int t = (int) epochSecond;
        // The last holding starting at or before t.
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.compareUnsigned(start.get(mid), t) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && Integer.compareUnsigned(t, end.get(found)) < 0 ? customer.get(found) : -1;
    }

    /** Whether the data holds any lease of the address (at any time). */
    public boolean knows(long high, long low) {
        return addresses.get(high, low) >= 0;
    }

    public int addressCount() { return addresses.size(); }

    public int holdingCount() { return (int) start.size(); }

    /** The holdings of the address with {@code id}, for tests: {start, end, customer} each. */
    long[][] holdingsOf(long high, long low) {
        int id = addresses.get(high, low);
        if (id < 0) return new long[0][];
        long[][] out = new long[from[id + 1] - from[id]][];
        for (int i = from[id]; i < from[id + 1]; i++) {
            out[i - from[id]] = new long[] {Integer.toUnsignedLong(start.get(i)), Integer.toUnsignedLong(end.get(i)), customer.get(i)};
        }
        return out;
    }

    /** Bytes the index holds on the heap (its address table), and outside it (the holdings, {@link OffHeapInts}). */
    public long bytes() {
        return addresses.bytes() + (long) from.length * 4 + offHeapBytes();
    }

    public long offHeapBytes() {
        return start.bytes() + end.bytes() + customer.bytes();
    }

    /**
     * Gathers the records as the readers find them, then resolves them per address ({@link #build}). A record is
     * a holding {@code [start, end)} of an address by a customer, or an ending: the customer's holding of the
     * address that is in force at {@code end} ends there (a dhcpd {@code free} block, a Kea row with
     * {@code valid_lifetime} 0).
     */
    public static final class Builder {
        private final AddressTable addresses = new AddressTable();
        private final OffHeapInts address = new OffHeapInts();
        private final OffHeapInts start = new OffHeapInts();
        private final OffHeapInts end = new OffHeapInts();
        /** The customer, or its complement for an ending. */
        private final OffHeapInts customer = new OffHeapInts();
        private int size;

        /** A holding; false if its times fall outside what the index holds (before 1970, after 2106). */
        public boolean hold(long high, long low, long startSecond, long endSecond, int customerId) {
            return add(high, low, startSecond, endSecond, customerId);
        }

        /** An ending of the customer's holding in force at {@code endSecond}. */
        public boolean ending(long high, long low, long endSecond, int customerId) {
            return add(high, low, endSecond, endSecond, ~customerId);
        }

        private boolean add(long high, long low, long s, long e, int c) {
            if (s < 0 || e < 0 || s > NEVER || e > NEVER) return false;
            // An index of ints: two thousand million records is past any lease history, and past a long[] sort.
            if (size == Integer.MAX_VALUE - 8) throw new IllegalStateException("more than " + size + " lease records");
            address.add(addresses.idOf(high, low));
            start.add((int) s);
            end.add((int) e);
            customer.add(c);
            size++;
            return true;
        }

        public int records() { return size; }

        /** The index; overlaps of different customers' holdings are counted in {@code problems}. */
        public LeaseIndex build(Customers names, ReadProblems problems) {
            // Records grouped by address, each group in the order read: address id high, record number low.
            long[] order = new long[size];
            for (int i = 0; i < size; i++) order[i] = (long) address.get(i) << 32 | i;
            Arrays.sort(order);
            long[] keys = addresses.addresses();
            int[] from = new int[addresses.size() + 1];
            Output out = new Output();
            int g = 0;
            while (g < size) {
                int id = (int) (order[g] >>> 32);
                int h = g;
                while (h < size && (int) (order[h] >>> 32) == id) h++;
                from[id] = out.size;
                out.groupFrom = out.size;
                Group group = new Group(h - g);
                for (int k = g; k < h; k++) {
                    int r = (int) order[k];
                    group.add(Integer.toUnsignedLong(start.get(r)), Integer.toUnsignedLong(end.get(r)), customer.get(r), r);
                }
                group.resolve(out, () -> Ip.text(keys[2 * id], keys[2 * id + 1]), names, problems);
                g = h;
            }
            // Every id was given to a record, so every group set its from[id]; one whose records came to
            // nothing (all cut to empty) has no holdings: from[id] == from[id + 1].
            from[addresses.size()] = out.size;
            return new LeaseIndex(addresses, from, out.start, out.end, out.customer);
        }
    }

    private static final class Output {
        final OffHeapInts start = new OffHeapInts(), end = new OffHeapInts(), customer = new OffHeapInts();
        int size;
        /** The address whose holdings are being written: a holding joins the one before only within it. */
        int groupFrom;

        void add(long s, long e, int c) {
            if (size > groupFrom && customer.get(size - 1) == c && Integer.toUnsignedLong(end.get(size - 1)) == s) {
                end.set(size - 1, (int) e);
                return;
            }
            start.add((int) s);
            end.add((int) e);
            customer.add(c);
            size++;
        }
    }

    /** The records of one address, resolved into holdings that do not overlap. */
    private static final class Group {
        final long[] s, e;
        final int[] c, read;
        int holds, ends;
        final long[] cutAt;
        final int[] cutOf;

        Group(int n) {
            s = new long[n];
            e = new long[n];
            c = new int[n];
            read = new int[n];
            cutAt = new long[n];
            cutOf = new int[n];
        }

        void add(long start, long end, int customer, int readOrder) {
            if (customer < 0) {
                cutAt[ends] = end;
                cutOf[ends] = ~customer;
                ends++;
                return;
            }
            s[holds] = start;
            e[holds] = end;
            c[holds] = customer;
            read[holds] = readOrder;
            holds++;
        }

        void resolve(Output out, java.util.function.Supplier<String> address, Customers names, ReadProblems problems) {
            applyEndings();
            // Per customer by start, renewals (consecutive or overlapping holdings) joined into one holding.
            Integer[] idx = new Integer[holds];
            for (int i = 0; i < holds; i++) idx[i] = i;
            Arrays.sort(idx, (a, b) -> c[a] != c[b] ? Integer.compare(c[a], c[b]) : Long.compare(s[a], s[b]));
            int n = 0;
            long[] ms = new long[holds], me = new long[holds];
            int[] mc = new int[holds], mr = new int[holds];
            for (Integer iBoxed : idx) {
                int i = iBoxed;
                if (e[i] <= s[i]) continue;
                if (n > 0 && mc[n - 1] == c[i] && s[i] <= me[n - 1]) {
                    me[n - 1] = Math.max(me[n - 1], e[i]);
                    mr[n - 1] = Math.max(mr[n - 1], read[i]);
                    continue;
                }
                ms[n] = s[i];
                me[n] = e[i];
                mc[n] = c[i];
                mr[n] = read[i];
                n++;
            }
            resolveCustomers(ms, me, mc, mr, n, out, address, names, problems);
        }

        /** Each ending cuts the customer's holding in force at its second (start ≤ t < end) to end there. */
        private void applyEndings() {
            for (int k = 0; k < ends; k++) {
                for (int i = 0; i < holds; i++) {
                    if (c[i] == cutOf[k] && s[i] <= cutAt[k] && cutAt[k] < e[i]) e[i] = cutAt[k];
                }
            }
        }

        /**
         * Holdings of different customers that overlap (bad data): at every second the one that started last
         * is in force, and each such overlap is a warning. Most addresses have none, and go straight out.
         */
        private static void resolveCustomers(long[] s, long[] e, int[] c, int[] read, int n, Output out,
                                             java.util.function.Supplier<String> address, Customers names, ReadProblems problems) {
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            // By start; at one start, the one read later is the more recent word.
            Arrays.sort(idx, (a, b) -> s[a] != s[b] ? Long.compare(s[a], s[b]) : Integer.compare(read[a], read[b]));
            boolean disjoint = true;
            for (int k = 1; k < n; k++) if (s[idx[k]] < e[idx[k - 1]]) disjoint = false;
            if (disjoint) {
                for (Integer i : idx) out.add(s[i], e[i], c[i]);
                return;
            }
            long[] bounds = new long[2 * n];
            for (int i = 0; i < n; i++) {
                bounds[2 * i] = s[i];
                bounds[2 * i + 1] = e[i];
            }
            Arrays.sort(bounds);
            PriorityQueue<Integer> inForce = new PriorityQueue<>((a, b) -> s[a] != s[b] ? Long.compare(s[b], s[a]) : Integer.compare(read[b], read[a]));
            int next = 0;
            long previous = -1;
            for (int k = 0; k < bounds.length; k++) {
                long b = bounds[k];
                if (b == previous) continue;
                previous = b;
                while (!inForce.isEmpty() && e[inForce.peek()] <= b) inForce.poll();
                while (next < n && s[idx[next]] <= b) {
                    int i = idx[next++];
                    Integer holder = inForce.peek();
                    if (holder != null && c[holder] != c[i]) problems.overlap(address.get(), names.name(c[holder]), names.name(c[i]), s[i]);
                    inForce.add(i);
                }
                while (!inForce.isEmpty() && e[inForce.peek()] <= b) inForce.poll();
                if (inForce.isEmpty()) continue;
                int k2 = k + 1;
                while (k2 < bounds.length && bounds[k2] == b) k2++;
                if (k2 == bounds.length) break;
                out.add(b, bounds[k2], c[inForce.peek()]);
            }
        }
    }
}
