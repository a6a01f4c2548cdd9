package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines answered 400 whose request could not be read (empty, {@code -}, binary, cut), kept per source so
 * that those next to a Code Red attempt from the same source can be shown as probable side effects: the
 * worm's request mangled on its way into the log. Bounded per source; every one is counted.
 */
public final class UnreadableFourHundreds {
    public static final int PER_SOURCE = 1000;

    /** One such line: when, where it was logged, and where it is. */
    public record Line(String source, String target, long epochSecond, long inputIndex, String input, long line,
                       long offset, String raw) {}

    private final Map<String, List<Line>> bySource = new HashMap<>();
    private long count;

    /** Whether a line from this source would be kept, asked before its text is made. */
    public boolean wants(String source) {
        List<Line> l = bySource.get(source);
        return l == null || l.size() < PER_SOURCE;
    }

    public void add(Line line) {
        count++;
        List<Line> l = bySource.computeIfAbsent(line.source(), s -> new ArrayList<>());
        if (l.size() < PER_SOURCE) l.add(line);
    }

    /** Counts a line that was not kept. */
    public void countOnly() { count++; }

    public void merge(UnreadableFourHundreds o) {
        count += o.count;
        o.bySource.forEach((src, lines) -> {
            List<Line> mine = bySource.computeIfAbsent(src, s -> new ArrayList<>());
            mine.addAll(lines);
            mine.sort(java.util.Comparator.comparingLong(Line::epochSecond).thenComparingLong(Line::inputIndex).thenComparingLong(Line::line));
            if (mine.size() > PER_SOURCE) mine.subList(PER_SOURCE, mine.size()).clear();
        });
    }

    void shiftLines(long delta) {
        bySource.values().forEach(lines -> lines.replaceAll(l -> new Line(l.source(), l.target(), l.epochSecond(), l.inputIndex(),
                l.input(), l.line() + delta, l.offset(), l.raw())));
    }

    public long count() { return count; }
    public List<Line> of(String source) { return bySource.getOrDefault(source, List.of()); }
}
