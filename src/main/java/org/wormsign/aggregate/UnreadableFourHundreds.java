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

    private static final java.util.Comparator<Line> ORDER =
            java.util.Comparator.comparingLong(Line::epochSecond).thenComparingLong(Line::inputIndex).thenComparingLong(Line::line);

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
            mine.sort(ORDER);
            if (mine.size() > PER_SOURCE) mine.subList(PER_SOURCE, mine.size()).clear();
        });
    }

    void shiftLines(long delta) {
        bySource.values().forEach(lines -> lines.replaceAll(l -> new Line(l.source(), l.target(), l.epochSecond(), l.inputIndex(),
                l.input(), l.line() + delta, l.offset(), l.raw())));
    }

    void renumberInputs(java.util.function.LongUnaryOperator renumber) {
        bySource.values().forEach(lines -> lines.replaceAll(l -> new Line(l.source(), l.target(), l.epochSecond(),
                renumber.applyAsLong(l.inputIndex()), l.input(), l.line(), l.offset(), l.raw())));
    }

    /** In the snapshot's binary form ({@link SnapshotFile}): sources by name, each one's lines in time order. */
    void write(SnapshotFile.Out o) throws java.io.IOException {
        o.d.writeLong(count);
        List<String> sources = new ArrayList<>(bySource.keySet());
        sources.sort(null);
        o.count(sources.size());
        for (String s : sources) {
            List<Line> lines = new ArrayList<>(bySource.get(s));
            lines.sort(ORDER);
            o.ref(s);
            o.count(lines.size());
            for (Line l : lines) {
                o.ref(l.target());
                o.longs(l.epochSecond(), l.inputIndex());
                o.ref(l.input());
                o.longs(l.line(), l.offset());
                o.str(l.raw());
            }
        }
    }

    void read(SnapshotFile.In in) throws java.io.IOException {
        count = in.d.readLong();
        for (int n = in.count(); n > 0; n--) {
            String source = in.ref();
            List<Line> lines = new ArrayList<>();
            for (int k = in.count(); k > 0; k--) {
                lines.add(new Line(source, in.ref(), in.d.readLong(), in.d.readLong(), in.ref(), in.d.readLong(), in.d.readLong(), in.str()));
            }
            bySource.put(source, lines);
        }
    }

    public long count() { return count; }
    public List<Line> of(String source) { return bySource.getOrDefault(source, List.of()); }
}
