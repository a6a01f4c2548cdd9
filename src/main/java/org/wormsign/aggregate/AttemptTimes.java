package org.wormsign.aggregate;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The distinct seconds at which Code Red reached one target (or came from one source), bounded: enough
 * to tell whether something happened within minutes of an attempt. Past the bound the earliest and latest
 * are kept and the middle thinned, and {@link #complete()} says so.
 */
public final class AttemptTimes {
    public static final int MAX = 10_000;

    private final TreeSet<Long> times = new TreeSet<>();
    private boolean complete = true;

    public void add(long epochSecond) {
        times.add(epochSecond);
        if (times.size() > MAX) {
            // Drop every other second in the middle: the ends matter most for timelines.
            complete = false;
            Long[] all = times.toArray(new Long[0]);
            for (int i = 1; i < all.length - 1; i += 2) times.remove(all[i]);
        }
    }

    public void merge(AttemptTimes o) {
        for (Long t : o.times) add(t);
        complete &= o.complete;
    }

    void write(SnapshotFile.Out o) throws java.io.IOException {
        o.d.writeBoolean(complete);
        o.count(times.size());
        for (long t : times) o.d.writeLong(t);
    }

    void read(SnapshotFile.In in) throws java.io.IOException {
        complete = in.d.readBoolean();
        for (int n = in.count(); n > 0; n--) times.add(in.d.readLong());
    }

    /** Whether an attempt lies within {@code seconds} of {@code epochSecond}. */
    public boolean near(long epochSecond, long seconds) {
        Long c = times.ceiling(epochSecond - seconds);
        return c != null && c <= epochSecond + seconds;
    }

    /** The last attempt at or before {@code epochSecond}, or null. */
    public Long lastAtOrBefore(long epochSecond) { return times.floor(epochSecond); }

    public NavigableSet<Long> view() { return java.util.Collections.unmodifiableNavigableSet(times); }
    public boolean complete() { return complete; }
}
