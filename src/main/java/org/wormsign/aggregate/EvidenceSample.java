package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.wormsign.detect.Verdict;

/**
 * A bounded, mergeable sample of one source's evidence: its first {@link #FIRST} lines, its last one, and
 * the first {@link #UNUSUAL} unusual ones (off schedule, truncated, or answered other than 400/404; in
 * practice every one: real sources send a few dozen at most), each line once, in {@link Evidence#ORDER}.
 * Merging in any grouping keeps the same lines.
 *
 * <p>An ISP run holds a million of these, so a line is kept as four longs, not as an {@link Evidence}
 * object: its time; its input's place; its line number with the input's name as a slot in this sample's
 * small table of names; its offset with its status, kind and whether it is unusual. All kept lines share
 * one sorted array, so a source seen once costs one line, not one per part it belongs to.
 * {@link #lines(String)} makes the Evidence objects when they are written.
 *
 * <p>Why one sorted array is enough: the sample always holds the {@link #FIRST} earliest lines ever
 * added, the {@link #UNUSUAL} earliest unusual ones and the latest one, so a line's place among the kept
 * lines tells which of them it belongs to without remembering it.
 */
public final class EvidenceSample {
    public static final int FIRST = 5;
    public static final int UNUSUAL = 32;

    /** Longs per kept line. */
    private static final int W = 4;
    /** Lines kept at most (the first, the unusual and the last may all differ), plus one being added. */
    private static final int MAX_LINES = FIRST + UNUSUAL + 2;
    private static final long LINE_MASK = (1L << 56) - 1;
    private static final int SLOT_SHIFT = 56;
    /** Input names a sample's table may hold (the slot is 8 bits). */
    private static final int MAX_SLOTS = 255;
    private static final long OFFSET_MASK = (1L << 48) - 1;
    private static final int STATUS_SHIFT = 48, KIND_SHIFT = 58, UNUSUAL_SHIFT = 61;
    private static final Verdict[] KINDS = Verdict.values();

    /** The inputs the kept lines come from: one String, or a String[] when there are several. */
    private Object inputs;
    /** The kept lines, {@link #W} longs each, in {@link Evidence#ORDER}. */
    private long[] kept;
    /** Their texts, where kept in memory; null until one is. */
    private String[] raws;
    /** Where their texts are in the run's {@link TextSpill}, or -1; null until one is there. */
    private long[] spilled;
    // Shorts (at most MAX_LINES and MAX_SLOTS + 1): with the arrays above the object stays at 32 bytes.
    private short count, inputCount;

    /** Whether a line at this position would be kept; asked before the line's text is made. */
    public boolean wants(long epochSecond, long inputIndex, long line, boolean isUnusual) {
        return placeFor(epochSecond, inputIndex, line, isUnusual) >= 0;
    }

    /**
     * Where a line at this position goes among the kept ones, or -1 if it is kept already or not wanted: the
     * aggregator asks once, makes the text only for a wanted line, and gives the place to {@link #addAt}.
     */
    int placeFor(long epochSecond, long inputIndex, long line, boolean isUnusual) {
        // A log is read in time order, so nearly every line comes after all kept ones: the latest, always wanted.
        if (count > 0 && compare(epochSecond, inputIndex, line, kept, count - 1) > 0) return count;
        int at = 0;
        int unusualBefore = 0;
        while (at < count && compare(epochSecond, inputIndex, line, kept, at) > 0) {
            if (isUnusual(at)) unusualBefore++;
            at++;
        }
        if (at < count && compare(epochSecond, inputIndex, line, kept, at) == 0) return -1;   // already kept
        return at < FIRST || at == count || isUnusual && unusualBefore < UNUSUAL ? at : -1;
    }

    /** {@link Evidence#ORDER} between a position and the kept line {@code i} of {@code a}. */
    private static int compare(long t, long input, long line, long[] a, int i) {
        int k = i * W;
        if (t != a[k]) return t < a[k] ? -1 : 1;
        if (input != a[k + 1]) return input < a[k + 1] ? -1 : 1;
        long l = a[k + 2] & LINE_MASK;
        return line == l ? 0 : line < l ? -1 : 1;
    }

    private boolean isUnusual(int i) {
        return (kept[i * W + 3] >>> UNUSUAL_SHIFT & 1) != 0;
    }

    public void add(Evidence e) {
        int kind = kindOf(e.kind());
        checkRange(e.status(), e.line(), e.offset());
        long w2 = e.line() | (long) slotOf(e.input()) << SLOT_SHIFT;
        add(e.epochSecond(), e.inputIndex(), w2, w3(e.offset(), e.status(), kind, e.unusual()), e.raw(), e.spillAt());
    }

    /**
     * Adds the attempt {@code kind} at the place {@link #placeFor} gave for it (nothing changed in between), as
     * {@link #add(Evidence)} adds the same line: the aggregator's way, which makes no Evidence and looks for the
     * place once.
     */
    void addAt(int at, long epochSecond, long inputIndex, String input, long line, long offset, int status, Verdict kind,
               boolean unusual, String raw, long spillAt) {
        checkRange(status, line, offset);
        long w2 = line | (long) slotOf(input) << SLOT_SHIFT;
        insert(at, epochSecond, inputIndex, w2, w3(offset, status, kind.ordinal(), unusual), raw, spillAt);
    }

    private static void checkRange(int status, long line, long offset) {
        if (status < -1 || status > 1022) throw new IllegalArgumentException("status out of range: " + status);
        if (offset < 0 || offset > OFFSET_MASK || line < 0 || line > LINE_MASK) {
            throw new IllegalArgumentException("line or offset out of range: " + line + ", " + offset);
        }
    }

    private static long w3(long offset, int status, int kind, boolean unusual) {
        return offset | (long) (status + 1) << STATUS_SHIFT | (long) kind << KIND_SHIFT | (unusual ? 1L << UNUSUAL_SHIFT : 0);
    }

    private void add(long t, long input, long w2, long w3, String raw, long spillAt) {
        int at = placeFor(t, input, w2 & LINE_MASK, (w3 >>> UNUSUAL_SHIFT & 1) != 0);
        if (at >= 0) insert(at, t, input, w2, w3, raw, spillAt);
    }

    private void insert(int at, long t, long input, long w2, long w3, String raw, long spillAt) {
        if (at == count && count > FIRST && !isUnusual(count - 1)) {
            // A new latest line: the former latest, neither among the first nor unusual, is wanted no more.
            put(count - 1, t, input, w2, w3, raw, spillAt);
            return;
        }
        if (kept == null || count * W == kept.length) {
            int lines = kept == null ? 1 : Math.min(MAX_LINES, count * 2);
            kept = kept == null ? new long[lines * W] : Arrays.copyOf(kept, lines * W);
            if (raws != null) raws = Arrays.copyOf(raws, lines);
            if (spilled != null) spilled = grown(spilled, lines);
        }
        System.arraycopy(kept, at * W, kept, (at + 1) * W, (count - at) * W);
        if (raws != null) System.arraycopy(raws, at, raws, at + 1, count - at);
        if (spilled != null) System.arraycopy(spilled, at, spilled, at + 1, count - at);
        count++;
        put(at, t, input, w2, w3, raw, spillAt);
        dropThoseNoLongerWanted();
    }

    /** Writes a line into place {@code i}, making the text arrays when the first text or spilled text comes. */
    private void put(int i, long t, long input, long w2, long w3, String raw, long spillAt) {
        if (raw != null && raws == null) raws = new String[kept.length / W];
        if (spillAt >= 0 && spilled == null) spilled = grown(new long[0], kept.length / W);
        kept[i * W] = t;
        kept[i * W + 1] = input;
        kept[i * W + 2] = w2;
        kept[i * W + 3] = w3;
        if (raws != null) raws[i] = raw;
        if (spilled != null) spilled[i] = spillAt;
    }

    /** {@code a} lengthened to {@code length}, the new places marked as holding no spilled text. */
    private static long[] grown(long[] a, int length) {
        long[] b = Arrays.copyOf(a, length);
        Arrays.fill(b, a.length, length, -1);
        return b;
    }

    /**
     * After a line is added, the one it pushed out of the first {@link #FIRST}, the unusual one it pushed
     * past {@link #UNUSUAL}, or the former last, may belong nowhere any more.
     */
    private void dropThoseNoLongerWanted() {
        int unusualSeen = 0, to = 0;
        for (int i = 0; i < count; i++) {
            boolean unusual = isUnusual(i);
            boolean wanted = i < FIRST || i == count - 1 || unusual && unusualSeen < UNUSUAL;
            if (unusual) unusualSeen++;
            if (!wanted) continue;
            if (to != i) {
                System.arraycopy(kept, i * W, kept, to * W, W);
                if (raws != null) raws[to] = raws[i];
                if (spilled != null) spilled[to] = spilled[i];
            }
            to++;
        }
        if (raws != null) Arrays.fill(raws, to, count, null);
        if (spilled != null) Arrays.fill(spilled, to, count, -1);
        count = (short) to;
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
        String[] names = new String[MAX_LINES];
        int n = 0;
        for (int i = 0; i < count; i++) {
            long w2 = kept[i * W + 2];
            String name = old[(int) (w2 >>> SLOT_SHIFT)];
            int slot = 0;
            while (slot < n && !names[slot].equals(name)) slot++;
            if (slot == n) names[n++] = name;
            kept[i * W + 2] = (w2 & LINE_MASK) | (long) slot << SLOT_SHIFT;
        }
        inputs = Arrays.copyOf(names, Math.max(2, n));
        inputCount = (short) n;
    }

    private String input(long w2) {
        int slot = (int) (w2 >>> SLOT_SHIFT);
        return inputs instanceof String only ? only : ((String[]) inputs)[slot];
    }

    /** Line numbers plus {@code delta} (see {@link Aggregate#shiftLines}); the order does not change. */
    void shiftLines(long delta) {
        for (int i = 0; i < count; i++) {
            long w2 = kept[i * W + 2];
            long line = (w2 & LINE_MASK) + delta;
            if (line < 0 || line > LINE_MASK) throw new IllegalArgumentException("line out of range: " + line);
            kept[i * W + 2] = (w2 & ~LINE_MASK) | line;
        }
    }

    /** Receives a kept line (its place in the sample) whose text is neither in memory nor in a spill: it is still in its input, at its offset. */
    interface LeftInFile {
        void line(EvidenceSample sample, int place, String input, long offset);
    }

    /** Tells {@code to} about every kept line whose text is still in its input. */
    void leftInFile(LeftInFile to) {
        for (int i = 0; i < count; i++) if (textLeftInFile(i)) to.line(this, i, input(kept[i * W + 2]), kept[i * W + 3] & OFFSET_MASK);
    }

    /** Receives a kept line whose text is not in memory: in the run's spill at {@code spillAt}, or (-1) still in its input at {@code offset}. */
    interface NotInMemory {
        void line(String input, long offset, long spillAt);
    }

    /** Tells {@code to} about every kept line whose text is not in memory, in the order {@link #lines} lists them. */
    void notInMemory(NotInMemory to) {
        for (int i = 0; i < count; i++) {
            if (raws != null && raws[i] != null) continue;
            to.line(input(kept[i * W + 2]), kept[i * W + 3] & OFFSET_MASK, spilled == null ? -1 : spilled[i]);
        }
    }

    /** How many kept lines have their text not in memory. */
    int notInMemoryCount() {
        if (raws == null) return count;
        int n = 0;
        for (int i = 0; i < count; i++) if (raws[i] == null) n++;
        return n;
    }

    /** Makes room to mark kept lines as spilled: done before threads mark lines of one sample side by side. */
    void roomForSpilled() {
        if (spilled == null) spilled = grown(new long[0], kept.length / W);
    }

    /** Marks the kept line at {@code place} (as {@link #leftInFile} told it) as spilled at {@code at}, after {@link #roomForSpilled}. */
    void spilledAt(int place, long at) {
        spilled[place] = at;
    }

    private boolean textLeftInFile(int i) {
        return (raws == null || raws[i] == null) && (spilled == null || spilled[i] < 0);
    }

    /**
     * Texts spilled to {@code from} put into {@code to}: a sample joins the samples of another snapshot, whose
     * spill positions it must share.
     */
    void respill(TextSpill from, TextSpill to, java.nio.ByteBuffer scratch) throws java.io.IOException {
        if (spilled == null) return;
        for (int i = 0; i < count; i++) if (spilled[i] >= 0) spilled[i] = to.put(from.get(spilled[i], scratch));
    }

    /**
     * Input indexes replaced by {@code renumber}, which must keep their order (a snapshot's runs placed among
     * the runs of another): the kept lines then stay in {@link Evidence#ORDER}.
     */
    void renumberInputs(java.util.function.LongUnaryOperator renumber) {
        for (int i = 0; i < count; i++) kept[i * W + 1] = renumber.applyAsLong(kept[i * W + 1]);
    }

    public void merge(EvidenceSample other) {
        for (int i = 0; i < other.count; i++) {
            int k = i * W;
            long[] a = other.kept;
            long w2 = (a[k + 2] & LINE_MASK) | (long) slotOf(other.input(a[k + 2])) << SLOT_SHIFT;
            add(a[k], a[k + 1], w2, a[k + 3], other.raws == null ? null : other.raws[i], other.spilled == null ? -1 : other.spilled[i]);
        }
    }

    /**
     * The kept lines, each once, in {@link Evidence#ORDER}, as lines of {@code source}: the sample does
     * not hold its source (its summary does, for a million sources at once).
     */
    public List<Evidence> lines(String source) {
        List<Evidence> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int k = i * W;
            long w3 = kept[k + 3];
            out.add(new Evidence(source, kept[k], KINDS[(int) (w3 >>> KIND_SHIFT & 7)].code(), (int) (w3 >>> STATUS_SHIFT & 0x3FF) - 1,
                    kept[k + 1], input(kept[k + 2]), kept[k + 2] & LINE_MASK, w3 & OFFSET_MASK, raws == null ? null : raws[i],
                    (w3 >>> UNUSUAL_SHIFT & 1) != 0, spilled == null ? -1 : spilled[i]));
        }
        return out;
    }
}
