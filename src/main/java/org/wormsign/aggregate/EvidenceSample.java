package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A bounded, mergeable sample of one source's evidence: its first {@link #FIRST} lines, its last one, and
 * the first {@link #UNUSUAL} unusual ones (off schedule, truncated, or answered other than 400/404). Each
 * part keeps the extremes of {@link Evidence#ORDER}, so merging in any grouping keeps the same lines.
 */
public final class EvidenceSample {
    public static final int FIRST = 5;
    public static final int UNUSUAL = 10;

    private final TreeSet<Evidence> first = new TreeSet<>(Evidence.ORDER);
    private final TreeSet<Evidence> unusual = new TreeSet<>(Evidence.ORDER);
    private Evidence last;

    /** Whether a line at this position would be kept; asked before the line's text is made. */
    public boolean wants(long epochSecond, long inputIndex, long line, boolean isUnusual) {
        Evidence probe = new Evidence(null, epochSecond, null, 0, inputIndex, null, line, 0, null, false);
        return first.size() < FIRST || Evidence.ORDER.compare(probe, first.last()) < 0
                || last == null || Evidence.ORDER.compare(probe, last) > 0
                || isUnusual && (unusual.size() < UNUSUAL || Evidence.ORDER.compare(probe, unusual.last()) < 0);
    }

    public void add(Evidence e) {
        first.add(e);
        if (first.size() > FIRST) first.pollLast();
        if (last == null || Evidence.ORDER.compare(e, last) > 0) last = e;
        if (e.unusual()) {
            unusual.add(e);
            if (unusual.size() > UNUSUAL) unusual.pollLast();
        }
    }

    public void merge(EvidenceSample other) {
        for (Evidence e : other.first) add(e);
        for (Evidence e : other.unusual) add(e);
        if (other.last != null) add(other.last);
    }

    /** The kept lines, each once, in {@link Evidence#ORDER}. */
    public List<Evidence> lines() {
        TreeSet<Evidence> all = new TreeSet<>(Evidence.ORDER);
        all.addAll(first);
        all.addAll(unusual);
        if (last != null) all.add(last);
        return new ArrayList<>(all);
    }
}
