package org.wormsign.aggregate;

import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The distinct seconds at which Code Red reached one target (or came from one source), bounded: enough
 * to tell whether something happened within minutes of an attempt. Past the bound the earliest and latest
 * are kept and the middle thinned, and {@link #complete()} says so.
 *
 * <p>A sorted {@code long[]}, not a set of boxed seconds: every attempt with a time adds one, so a log full
 * of the worm would otherwise box a Long and make a tree node per new second. Attempts come in time order
 * within a log, so a new second is nearly always appended.
 */
public final class AttemptTimes {
    public static final int MAX = 10_000;

    private long[] times = new long[0];
    private int size;
    private boolean complete = true;

    public void add(long epochSecond) {
        int at;
        if (size == 0 || epochSecond > times[size - 1]) {
            at = size;
        } else {
            at = Arrays.binarySearch(times, 0, size, epochSecond);
            if (at >= 0) return;   // that second is known
            at = -at - 1;
        }
        if (size == times.length) times = Arrays.copyOf(times, Math.max(16, Math.min(MAX + 1, size * 2)));
        System.arraycopy(times, at, times, at + 1, size - at);
        times[at] = epochSecond;
        size++;
        if (size > MAX) {
            // Drop every other second in the middle: the ends matter most for timelines.
            complete = false;
            int kept = 0;
            for (int i = 0; i < size; i++) if (i == 0 || i == size - 1 || i % 2 == 0) times[kept++] = times[i];
            size = kept;
        }
    }

    public void merge(AttemptTimes o) {
        for (int i = 0; i < o.size; i++) add(o.times[i]);
        complete &= o.complete;
    }

    void write(SnapshotFile.Out o) throws java.io.IOException {
        o.d.writeBoolean(complete);
        o.count(size);
        for (int i = 0; i < size; i++) o.d.writeLong(times[i]);
    }

    void read(SnapshotFile.In in) throws java.io.IOException {
        complete = in.d.readBoolean();
        for (int n = in.count(); n > 0; n--) add(in.d.readLong());
    }

    /** Whether an attempt lies within {@code seconds} of {@code epochSecond}. */
    public boolean near(long epochSecond, long seconds) {
        int c = ceiling(epochSecond - seconds);
        return c < size && times[c] <= epochSecond + seconds;
    }

    /** The last attempt at or before {@code epochSecond}, or null. */
    public Long lastAtOrBefore(long epochSecond) {
        int c = ceiling(epochSecond);
        if (c < size && times[c] == epochSecond) return epochSecond;
        return c == 0 ? null : times[c - 1];
    }

    /** The index of the first second at or after {@code epochSecond} ({@link #size} if none). */
    private int ceiling(long epochSecond) {
        int at = Arrays.binarySearch(times, 0, size, epochSecond);
        return at >= 0 ? at : -at - 1;
    }

    /** The seconds, in order: a copy made on each call. */
    public NavigableSet<Long> view() {
        TreeSet<Long> all = new TreeSet<>();
        for (int i = 0; i < size; i++) all.add(times[i]);
        return Collections.unmodifiableNavigableSet(all);
    }

    public boolean complete() { return complete; }
}
