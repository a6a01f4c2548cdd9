package org.wormsign.report;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Chooses how wide a chart's time bars are from the span of the data, so an hour and five years both
 * read well: hours up to two weeks, days up to two years, weeks beyond.
 */
public final class TimeBins {
    private TimeBins() {}

    public enum Width {
        HOUR(3600L, "hour"), DAY(86400L, "day"), WEEK(7 * 86400L, "week");

        final long seconds;
        final String label;

        Width(long seconds, String label) {
            this.seconds = seconds;
            this.label = label;
        }

        public String label() { return label; }
        public long seconds() { return seconds; }
    }

    public static Width forSpan(long firstEpochSecond, long lastEpochSecond) {
        long span = lastEpochSecond - firstEpochSecond;
        if (span <= 14 * 86400L) return Width.HOUR;
        if (span <= 2 * 366 * 86400L) return Width.DAY;
        return Width.WEEK;
    }

    /** Re-bins hourly counts (epoch hour → values) into bins of {@code width}, keyed by the bin's start second. */
    public static NavigableMap<Long, long[]> rebin(NavigableMap<Long, long[]> hourly, Width width) {
        TreeMap<Long, long[]> out = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : hourly.entrySet()) {
            long start = Math.floorDiv(e.getKey() * 3600L, width.seconds) * width.seconds;
            long[] v = out.computeIfAbsent(start, k -> new long[e.getValue().length]);
            for (int i = 0; i < v.length; i++) v[i] += e.getValue()[i];
        }
        return out;
    }
}
