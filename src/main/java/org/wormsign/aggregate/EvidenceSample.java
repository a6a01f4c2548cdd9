package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bounded, mergeable sample of one source's evidence: its first {@link #FIRST} lines, its last one, and
 * the first {@link #UNUSUAL} unusual ones (in practice every one: real sources send a few dozen at most) (off schedule, truncated, or answered other than 400/404). Each
 * part keeps the extremes of {@link Evidence#ORDER}, so merging in any grouping keeps the same lines.
 * Small sorted arrays, since a million sources each hold one or two lines.
 */
public final class EvidenceSample {
    public static final int FIRST = 5;
    public static final int UNUSUAL = 32;

    private Evidence[] first;
    private int firstCount;
    private Evidence[] unusual;
    private int unusualCount;
    private Evidence last;

    /** Whether a line at this position would be kept; asked before the line's text is made. */
    public boolean wants(long epochSecond, long inputIndex, long line, boolean isUnusual) {
        return firstCount < FIRST || before(epochSecond, inputIndex, line, first[firstCount - 1])
                || last == null || !before(epochSecond, inputIndex, line, last) && !same(epochSecond, inputIndex, line, last)
                || isUnusual && (unusualCount < UNUSUAL || before(epochSecond, inputIndex, line, unusual[unusualCount - 1]));
    }

    private static boolean before(long t, long input, long line, Evidence e) {
        if (t != e.epochSecond()) return t < e.epochSecond();
        if (input != e.inputIndex()) return input < e.inputIndex();
        return line < e.line();
    }

    private static boolean same(long t, long input, long line, Evidence e) {
        return t == e.epochSecond() && input == e.inputIndex() && line == e.line();
    }

    public void add(Evidence e) {
        if (first == null) first = new Evidence[1];
        firstCount = insert(e, FIRST, true);
        if (last == null || Evidence.ORDER.compare(e, last) > 0) last = e;
        if (e.unusual()) {
            if (unusual == null) unusual = new Evidence[1];
            unusualCount = insert(e, UNUSUAL, false);
        }
    }

    /** Inserts into the sorted first (or unusual) array, keeping at most {@code max}; returns the new count. */
    private int insert(Evidence e, int max, boolean toFirst) {
        Evidence[] a = toFirst ? first : unusual;
        int n = toFirst ? firstCount : unusualCount;
        int at = 0;
        while (at < n && Evidence.ORDER.compare(a[at], e) < 0) at++;
        if (at < n && Evidence.ORDER.compare(a[at], e) == 0) return n;   // already kept
        if (at == max) return n;
        if (n == a.length) {
            a = Arrays.copyOf(a, Math.min(max, a.length * 2 + 1));
            if (toFirst) first = a; else unusual = a;
        }
        int keep = Math.min(n, a.length - 1);
        System.arraycopy(a, at, a, at + 1, keep - at);
        a[at] = e;
        return Math.min(n + 1, max);
    }

    /** Line numbers plus {@code delta} (see {@link Aggregate#shiftLines}); the order does not change. */
    void shiftLines(long delta) {
        for (int i = 0; i < firstCount; i++) first[i] = shifted(first[i], delta);
        for (int i = 0; i < unusualCount; i++) unusual[i] = shifted(unusual[i], delta);
        if (last != null) last = shifted(last, delta);
    }

    private static Evidence shifted(Evidence e, long delta) {
        return new Evidence(e.source(), e.epochSecond(), e.kind(), e.status(), e.inputIndex(), e.input(), e.line() + delta,
                e.offset(), e.raw(), e.unusual());
    }

    public void merge(EvidenceSample other) {
        for (int i = 0; i < other.firstCount; i++) add(other.first[i]);
        for (int i = 0; i < other.unusualCount; i++) add(other.unusual[i]);
        if (other.last != null) add(other.last);
    }

    /** The kept lines, each once, in {@link Evidence#ORDER}: the two sorted arrays and the last, merged. */
    public List<Evidence> lines() {
        List<Evidence> out = new ArrayList<>(firstCount + unusualCount + 1);
        int i = 0, j = 0;
        while (i < firstCount || j < unusualCount) {
            Evidence next;
            if (j == unusualCount) next = first[i++];
            else if (i == firstCount) next = unusual[j++];
            else {
                int c = Evidence.ORDER.compare(first[i], unusual[j]);
                next = c <= 0 ? first[i++] : unusual[j++];
                if (c == 0) j++;
            }
            out.add(next);
        }
        // The last is the greatest line ever added, so it is either the merged list's end already or after it.
        if (last != null && (out.isEmpty() || Evidence.ORDER.compare(out.get(out.size() - 1), last) < 0)) out.add(last);
        return out;
    }
}
