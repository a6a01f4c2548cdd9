package org.wormsign.aggregate;

import java.util.TreeMap;

/** Code Red attempts per UTC hour, by variant: {Code Red I, Code Red II}. Mergeable by addition. */
public final class HourlyCounts {
    private final TreeMap<Long, long[]> hours = new TreeMap<>();

    public void add(long epochSecond, boolean codeRedII) {
        hours.computeIfAbsent(Math.floorDiv(epochSecond, 3600L), h -> new long[2])[codeRedII ? 1 : 0]++;
    }

    public void merge(HourlyCounts o) {
        o.hours.forEach((h, c) -> {
            long[] mine = hours.computeIfAbsent(h, k -> new long[2]);
            mine[0] += c[0];
            mine[1] += c[1];
        });
    }

    /** Epoch hour (hours since 1970) → {Code Red I, Code Red II}; a view, in order. */
    public java.util.NavigableMap<Long, long[]> byHour() {
        return java.util.Collections.unmodifiableNavigableMap(hours);
    }
}
