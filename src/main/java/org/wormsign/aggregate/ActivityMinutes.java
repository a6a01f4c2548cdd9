package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The UTC minutes in which a target logged anything: a bit per minute, a day at a time (180 bytes a day),
 * so years of a busy server cost kilobytes. Mergeable by OR. Silences are read from it afterwards.
 */
public final class ActivityMinutes {
    private static final int MINUTES_PER_DAY = 1440;

    private final TreeMap<Long, BitSet> days = new TreeMap<>();
    private long lastDay = Long.MIN_VALUE;
    private BitSet lastBits;

    public void mark(long epochSecond) {
        long minute = Math.floorDiv(epochSecond, 60L);
        long day = Math.floorDiv(minute, (long) MINUTES_PER_DAY);
        if (day != lastDay) {
            lastBits = days.computeIfAbsent(day, d -> new BitSet(MINUTES_PER_DAY));
            lastDay = day;
        }
        lastBits.set((int) (minute - day * MINUTES_PER_DAY));
    }

    public void merge(ActivityMinutes o) {
        o.days.forEach((day, bits) -> days.computeIfAbsent(day, d -> new BitSet(MINUTES_PER_DAY)).or(bits));
        lastDay = Long.MIN_VALUE;
    }

    void write(SnapshotFile.Out o) throws java.io.IOException {
        o.count(days.size());
        for (Map.Entry<Long, BitSet> e : days.entrySet()) {
            long[] words = e.getValue().toLongArray();
            o.d.writeLong(e.getKey());
            o.count(words.length);
            o.longs(words);
        }
    }

    void read(SnapshotFile.In in) throws java.io.IOException {
        for (int n = in.count(); n > 0; n--) {
            long day = in.d.readLong();
            int words = in.count();
            if (words > (MINUTES_PER_DAY + 63) / 64) throw new SnapshotFile.Unreadable("damaged: a day of " + words * 64 + " minutes");
            long[] w = new long[words];
            for (int i = 0; i < words; i++) w[i] = in.d.readLong();
            days.put(day, BitSet.valueOf(w));
        }
        lastDay = Long.MIN_VALUE;
    }

    public boolean isEmpty() { return days.isEmpty(); }

    public long activeMinutes() {
        long n = 0;
        for (BitSet b : days.values()) n += b.cardinality();
        return n;
    }

    /** Epoch minutes with activity, in order. */
    public long[] minutes() {
        long[] out = new long[(int) activeMinutes()];
        int k = 0;
        for (Map.Entry<Long, BitSet> e : days.entrySet()) {
            long base = e.getKey() * MINUTES_PER_DAY;
            BitSet b = e.getValue();
            for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) out[k++] = base + i;
        }
        return out;
    }

    /** A stretch with no line at all: from the end of one active minute to the start of the next. */
    public record Silence(long fromEpochSecond, long toEpochSecond) {
        public long seconds() { return toEpochSecond - fromEpochSecond; }
    }

    /**
     * The silences of at least {@code minSeconds}, but only if the target usually logs more often: the
     * median pause between active minutes must be under a sixth of the threshold (under an hour for the
     * default six), otherwise a quiet server's ordinary pauses would all be reported.
     */
    public List<Silence> silences(long minSeconds) {
        long[] m = minutes();
        List<Silence> out = new ArrayList<>();
        if (m.length < 3) return out;
        long[] pauses = new long[m.length - 1];
        for (int i = 1; i < m.length; i++) pauses[i - 1] = (m[i] - m[i - 1]) * 60L;
        long[] sorted = pauses.clone();
        java.util.Arrays.sort(sorted);
        if (sorted[sorted.length / 2] * 6 >= minSeconds) return out;
        for (int i = 1; i < m.length; i++) {
            long from = (m[i - 1] + 1) * 60L, to = m[i] * 60L;
            if (to - from >= minSeconds) out.add(new Silence(from, to));
        }
        return out;
    }
}
