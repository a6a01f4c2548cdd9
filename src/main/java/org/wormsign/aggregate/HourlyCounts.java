package org.wormsign.aggregate;

import java.util.TreeMap;

/** Code Red attempts per UTC hour, by variant: {Code Red I, Code Red II}. Mergeable by addition. */
public final class HourlyCounts {
    private final TreeMap<Long, long[]> hours = new TreeMap<>();

    private long lastHour = Long.MIN_VALUE;
    private long[] lastCounts;

    public void add(long epochSecond, boolean codeRedII) {
        long hour = Math.floorDiv(epochSecond, 3600L);
        if (hour != lastHour) {
            lastCounts = hours.computeIfAbsent(hour, h -> new long[2]);
            lastHour = hour;
        }
        lastCounts[codeRedII ? 1 : 0]++;
    }

    public void merge(HourlyCounts o) {
        lastHour = Long.MIN_VALUE;
        o.hours.forEach((h, c) -> {
            long[] mine = hours.computeIfAbsent(h, k -> new long[2]);
            mine[0] += c[0];
            mine[1] += c[1];
        });
    }

    /** Sets an hour's counts, read back from a snapshot. */
    void put(long hour, long codeRed, long codeRedII) {
        hours.put(hour, new long[] {codeRed, codeRedII});
        lastHour = Long.MIN_VALUE;
    }

    /** Epoch hour (hours since 1970) → {Code Red I, Code Red II}; a view, in order. */
    public java.util.NavigableMap<Long, long[]> byHour() {
        return java.util.Collections.unmodifiableNavigableMap(hours);
    }
}
