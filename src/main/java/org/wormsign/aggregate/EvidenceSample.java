package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.wormsign.detect.Verdict;

/**
 * A bounded, mergeable sample of one source's evidence: its first {@link #FIRST} lines, its last one, and
 * the first {@link #UNUSUAL} unusual ones (off schedule, truncated, or answered other than 400/404; in
 * practice every one: real sources send a few dozen at most). Each part keeps the extremes of
 * {@link Evidence#ORDER}, so merging in any grouping keeps the same lines.
 *
 * <p>An ISP run holds a million of these, so a line is kept as four longs, not as an {@link Evidence}
 * object (a third of the memory): its time; its input's place; its line number with the input's name as a
 * slot in this sample's small table of names; its offset with its status, kind and whether it is unusual.
 * {@link #lines()} makes the Evidence objects when they are written.
 */
public final class EvidenceSample {
    public static final int FIRST = 5;
    public static final int UNUSUAL = 32;

    /** Longs per kept line. */
    private static final int W = 4;
    private static final long LINE_MASK = (1L << 56) - 1;
    private static final int SLOT_SHIFT = 56;
    /** Input names a sample's table may hold (the slot is 8 bits). */
    private static final int MAX_SLOTS = 255;
    private static final long OFFSET_MASK = (1L << 48) - 1;
    private static final int STATUS_SHIFT = 48, KIND_SHIFT = 58, UNUSUAL_SHIFT = 61;
    private static final Verdict[] KINDS = Verdict.values();

    private String source;
    /** The inputs the kept lines come from: one String, or a String[] when there are several. */
    private Object inputs;
    private int inputCount;
    private long[] first;
    private String[] firstRaw;
    private int firstCount;
    private long[] unusual;
    private String[] unusualRaw;
    private int unusualCount;
    private long[] last;
    private String lastRaw;

    /** Whether a line at this position would be kept; asked before the line's text is made. */
    public boolean wants(long epochSecond, long inputIndex, long line, boolean isUnusual) {
        return firstCount < FIRST || compare(epochSecond, inputIndex, line, first, firstCount - 1) < 0
                || last == null || compare(epochSecond, inputIndex, line, last, 0) > 0
                || isUnusual && (unusualCount < UNUSUAL || compare(epochSecond, inputIndex, line, unusual, unusualCount - 1) < 0);
    }

    /** {@link Evidence#ORDER} between a position and the kept line {@code i} of {@code a}. */
    private static int compare(long t, long input, long line, long[] a, int i) {
        int k = i * W;
        if (t != a[k]) return t < a[k] ? -1 : 1;
        if (input != a[k + 1]) return input < a[k + 1] ? -1 : 1;
        long l = a[k + 2] & LINE_MASK;
        return line == l ? 0 : line < l ? -1 : 1;
    }

    private static int compare(long[] a, int i, long[] b, int j) {
        return compare(a[i * W], a[i * W + 1], a[i * W + 2] & LINE_MASK, b, j);
    }

    public void add(Evidence e) {
        if (source == null) source = e.source();
        int kind = kindOf(e.kind());
        if (e.status() < -1 || e.status() > 1022) throw new IllegalArgumentException("status out of range: " + e.status());
        if (e.offset() < 0 || e.offset() > OFFSET_MASK || e.line() < 0 || e.line() > LINE_MASK) {
            throw new IllegalArgumentException("line or offset out of range: " + e.line() + ", " + e.offset());
        }
        long w2 = e.line() | (long) slotOf(e.input()) << SLOT_SHIFT;
        long w3 = e.offset() | (long) (e.status() + 1) << STATUS_SHIFT | (long) kind << KIND_SHIFT
                | (e.unusual() ? 1L << UNUSUAL_SHIFT : 0);
        add(e.epochSecond(), e.inputIndex(), w2, w3, e.raw(), e.unusual());
    }

    private void add(long t, long input, long w2, long w3, String raw, boolean isUnusual) {
        insert(t, input, w2, w3, raw, FIRST, true);
        if (last == null || compare(t, input, w2 & LINE_MASK, last, 0) > 0) {
            if (last == null) last = new long[W];
            last[0] = t;
            last[1] = input;
            last[2] = w2;
            last[3] = w3;
            lastRaw = raw;
        }
        if (isUnusual) insert(t, input, w2, w3, raw, UNUSUAL, false);
    }

    /** Inserts into the sorted first (or unusual) lines, keeping at most {@code max}. */
    private void insert(long t, long input, long w2, long w3, String raw, int max, boolean toFirst) {
        long[] a = toFirst ? first : unusual;
        String[] raws = toFirst ? firstRaw : unusualRaw;
        int n = toFirst ? firstCount : unusualCount;
        int at = 0;
        while (at < n && compare(t, input, w2 & LINE_MASK, a, at) > 0) at++;
        if (at < n && compare(t, input, w2 & LINE_MASK, a, at) == 0) return;   // already kept
        if (at == max) return;
        if (a == null || n * W == a.length) {
            int lines = a == null ? 1 : Math.min(max, n * 2 + 1);
            a = a == null ? new long[lines * W] : Arrays.copyOf(a, lines * W);
            if (raws != null) raws = Arrays.copyOf(raws, lines);
        }
        if (raw != null && raws == null) raws = new String[a.length / W];
        int kept = Math.min(n, a.length / W - 1);
        System.arraycopy(a, at * W, a, (at + 1) * W, (kept - at) * W);
        if (raws != null) System.arraycopy(raws, at, raws, at + 1, kept - at);
        a[at * W] = t;
        a[at * W + 1] = input;
        a[at * W + 2] = w2;
        a[at * W + 3] = w3;
        if (raws != null) raws[at] = raw;
        n = Math.min(n + 1, max);
        if (toFirst) {
            first = a;
            firstRaw = raws;
            firstCount = n;
        } else {
            unusual = a;
            unusualRaw = raws;
            unusualCount = n;
        }
    }

    private static int kindOf(String code) {
        for (int i = 0; i < KINDS.length; i++) if (KINDS[i].code().equals(code)) return i;
        throw new IllegalArgumentException("not a kind of evidence: " + code);
    }

    /** The input name's place in this sample's table, added if new. Names are shared strings: identity first. */
    private int slotOf(String input) {
        if (inputCount == 0) {
            inputs = input;
            inputCount = 1;
            return 0;
        }
        if (inputs instanceof String only) {
            if (only == input || only.equals(input)) return 0;
            inputs = new String[] {only, input};
            return inputCount++;
        }
        String[] all = (String[]) inputs;
        for (int i = 0; i < inputCount; i++) if (all[i] == input || all[i].equals(input)) return i;
        if (inputCount == MAX_SLOTS) {
            // A source seen in hundreds of files: keep only the names its kept lines still cite (at most 38).
            compactInputs();
            all = (String[]) inputs;
        }
        if (inputCount == all.length) inputs = all = Arrays.copyOf(all, all.length * 2);
        all[inputCount] = input;
        return inputCount++;
    }

    /** Rebuilds the table of input names from the kept lines, renumbering their slots. */
    private void compactInputs() {
        String[] old = (String[]) inputs;
        String[] kept = new String[FIRST + UNUSUAL + 1];
        int n = 0;
        long[][] parts = {first, unusual, last};
        int[] counts = {firstCount, unusualCount, last == null ? 0 : 1};
        for (int p = 0; p < parts.length; p++) {
            for (int i = 0; i < counts[p]; i++) {
                long w2 = parts[p][i * W + 2];
                String name = old[(int) (w2 >>> SLOT_SHIFT)];
                int slot = 0;
                while (slot < n && !kept[slot].equals(name)) slot++;
                if (slot == n) kept[n++] = name;
                parts[p][i * W + 2] = (w2 & LINE_MASK) | (long) slot << SLOT_SHIFT;
            }
        }
        inputs = Arrays.copyOf(kept, Math.max(2, n));
        inputCount = n;
    }

    private String input(long w2) {
        int slot = (int) (w2 >>> SLOT_SHIFT);
        return inputs instanceof String only ? only : ((String[]) inputs)[slot];
    }

    /** Line numbers plus {@code delta} (see {@link Aggregate#shiftLines}); the order does not change. */
    void shiftLines(long delta) {
        shift(first, firstCount, delta);
        shift(unusual, unusualCount, delta);
        shift(last, last == null ? 0 : 1, delta);
    }

    private static void shift(long[] a, int n, long delta) {
        for (int i = 0; i < n; i++) {
            long w2 = a[i * W + 2];
            long line = (w2 & LINE_MASK) + delta;
            if (line < 0 || line > LINE_MASK) throw new IllegalArgumentException("line out of range: " + line);
            a[i * W + 2] = (w2 & ~LINE_MASK) | line;
        }
    }

    public void merge(EvidenceSample other) {
        if (source == null) source = other.source;
        for (int i = 0; i < other.firstCount; i++) other.addTo(this, other.first, other.firstRaw, i);
        for (int i = 0; i < other.unusualCount; i++) other.addTo(this, other.unusual, other.unusualRaw, i);
        if (other.last != null) other.addTo(this, other.last, null, 0);
    }

    /** Adds this sample's line {@code i} of {@code a} to {@code to}, its input renamed into to's table. */
    private void addTo(EvidenceSample to, long[] a, String[] raws, int i) {
        int k = i * W;
        long w2 = (a[k + 2] & LINE_MASK) | (long) to.slotOf(input(a[k + 2])) << SLOT_SHIFT;
        String raw = a == last ? lastRaw : raws == null ? null : raws[i];
        to.add(a[k], a[k + 1], w2, a[k + 3], raw, (a[k + 3] >>> UNUSUAL_SHIFT & 1) != 0);
    }

    /** The kept lines, each once, in {@link Evidence#ORDER}: the two sorted parts and the last, merged. */
    public List<Evidence> lines() {
        List<Evidence> out = new ArrayList<>(firstCount + unusualCount + 1);
        int i = 0, j = 0;
        while (i < firstCount || j < unusualCount) {
            if (j == unusualCount) {
                out.add(evidence(first, firstRaw, i++));
            } else if (i == firstCount) {
                out.add(evidence(unusual, unusualRaw, j++));
            } else {
                int c = compare(first, i, unusual, j);
                out.add(c <= 0 ? evidence(first, firstRaw, i++) : evidence(unusual, unusualRaw, j++));
                if (c == 0) j++;
            }
        }
        // The last is the greatest line ever added, so it is either the merged list's end already or after it.
        if (last != null && (out.isEmpty() || compareLast(out.get(out.size() - 1)) < 0)) out.add(evidence(last, null, 0));
        return out;
    }

    private int compareLast(Evidence e) {
        return compare(e.epochSecond(), e.inputIndex(), e.line(), last, 0);
    }

    private Evidence evidence(long[] a, String[] raws, int i) {
        int k = i * W;
        long w3 = a[k + 3];
        String raw = a == last ? lastRaw : raws == null ? null : raws[i];
        return new Evidence(source, a[k], KINDS[(int) (w3 >>> KIND_SHIFT & 7)].code(), (int) (w3 >>> STATUS_SHIFT & 0x3FF) - 1,
                a[k + 1], input(a[k + 2]), a[k + 2] & LINE_MASK, w3 & OFFSET_MASK, raw, (w3 >>> UNUSUAL_SHIFT & 1) != 0);
    }
}
