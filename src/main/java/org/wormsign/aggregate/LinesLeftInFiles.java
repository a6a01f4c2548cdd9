package org.wormsign.aggregate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Gathers the evidence text a run left in its plain input files (past the run's {@link TextBudget}) into the
 * run's {@link TextSpill}, when the run is frozen into a {@link Snapshot}: afterwards nothing points into an
 * input, and the inputs may be deleted or rotated. The lines are read a batch of {@link #BATCH} at a time, each
 * batch in offset order, so the reads go forward through a file, and a million sources' lines cost a few
 * megabytes of bookkeeping, not an array of every offset (which put 15 MiB on million.log's peak). A file
 * replaced, cut or rewritten since it was read ({@link FileIdentity}) gives no line back: its evidence says so
 * instead of showing what is at the offset now.
 */
final class LinesLeftInFiles implements EvidenceSample.LeftInFile {
    /** Lines per batch: the index of a line in its batch is kept in 16 bits beside its offset. */
    static final int BATCH = 1 << 16;

    private final byte[] buf = new byte[RawText.MAX_BYTES + 2];
    private final TextBudget budget;
    private final long[] offsets;
    private final int[] places;
    private final EvidenceSample[] samples;
    private final String[] inputs;
    /** {@code offset << 16 | index in the batch}, sorted: the batch in offset order. */
    private final long[] order;
    private int n;
    /** Per input: why it can no longer give its lines back, or "" if it can. */
    private final Map<String, String> changed = new HashMap<>();
    /** The inputs the batch being read has open. */
    private final Map<String, FileChannel> open = new HashMap<>();

    private LinesLeftInFiles(TextBudget budget, int batch) {
        if (batch < 1 || batch > BATCH) throw new IllegalArgumentException("batch of " + batch);
        this.budget = budget;
        offsets = new long[batch];
        places = new int[batch];
        samples = new EvidenceSample[batch];
        inputs = new String[batch];
        order = new long[batch];
    }

    /** Reads back every kept line of {@code sources} left in its file, and marks it as spilled. */
    static void gather(Iterable<SourceSummary> sources, TextBudget budget) {
        gather(sources, budget, BATCH);
    }

    /** As {@link #gather(Iterable, TextBudget)}, {@code batch} lines at a time (tests cross batches with small ones). */
    static void gather(Iterable<SourceSummary> sources, TextBudget budget, int batch) {
        LinesLeftInFiles g = new LinesLeftInFiles(budget, batch);
        for (SourceSummary s : sources) s.evidence().leftInFile(g);
        g.readBatch();
    }

    @Override public void line(EvidenceSample sample, int place, String input, long offset) {
        if (offset >= 1L << 47) throw new IllegalArgumentException("offset out of range: " + offset);
        offsets[n] = offset;
        places[n] = place;
        samples[n] = sample;
        inputs[n] = input;
        n++;
        if (n == offsets.length) readBatch();
    }

    /** Reads the noted lines in offset order into the spill, and empties the batch. */
    private void readBatch() {
        for (int k = 0; k < n; k++) order[k] = offsets[k] << 16 | k;
        Arrays.sort(order, 0, n);
        try {
            for (int j = 0; j < n; j++) {
                int k = (int) (order[j] & 0xFFFF);
                samples[k].spilledAt(places[k], budget.spill().put(text(inputs[k], offsets[k])));
            }
        } finally {
            for (FileChannel ch : open.values()) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // Read-only: nothing was left unwritten.
                }
            }
            open.clear();
            Arrays.fill(samples, 0, n, null);
            Arrays.fill(inputs, 0, n, null);
            n = 0;
        }
    }

    /** The line of {@code input} at {@code offset}, or what stands in for it when the input cannot give it back. */
    private String text(String input, long offset) {
        String why = changed.computeIfAbsent(input, this::changeSinceRead);
        if (!why.isEmpty()) return "[line not read back: " + input + " changed since it was read: " + why + "]";
        try {
            FileChannel ch = open.get(input);
            if (ch == null) {
                ch = FileChannel.open(Path.of(input), StandardOpenOption.READ);
                open.put(input, ch);
            }
            return readLine(ch, offset);
        } catch (IOException | java.nio.file.InvalidPathException x) {
            return "[line not kept in memory and unreadable now: " + x.getMessage() + "]";
        }
    }

    /** Why the file can no longer give its lines back, or "" if it can (or if its identity was not noted). */
    private String changeSinceRead(String name) {
        FileIdentity then = budget.readBackIdentity(name);
        if (then == null) return "";
        try {
            String why = then.changeIn(FileIdentity.of(Path.of(name)));
            return why == null ? "" : why;
        } catch (IOException | RuntimeException x) {
            return "";   // gone or unreadable: opening it says so
        }
    }

    /** The line at {@code offset}: its first bytes as RawText shows them, and how long it was. */
    private String readLine(FileChannel ch, long offset) throws IOException {
        int got = 0;
        long length;
        long pos = offset;
        // Read the first MAX_BYTES+1 bytes, then go on (without keeping) to the LF for the full length.
        while (true) {
            int want = got < buf.length ? buf.length - got : 0;
            ByteBuffer bb = want > 0 ? ByteBuffer.wrap(buf, got, want) : ByteBuffer.allocate(64 * 1024);
            int r = ch.read(bb, pos);
            if (r <= 0) {
                length = pos - offset;
                break;
            }
            byte[] b = bb.array();
            int from = want > 0 ? got : 0;
            int lf = -1;
            for (int i = from; i < from + r; i++) if (b[i] == '\n') { lf = i; break; }
            if (lf >= 0) {
                length = pos - offset + (lf - from);
                if (want > 0) got = lf;
                break;
            }
            if (want > 0) got += r;
            pos += r;
        }
        int end = (int) Math.min(got, length);
        boolean cr = length > 0 && length <= got && end > 0 && buf[end - 1] == '\r';
        if (cr) { end--; length--; }
        else if (length > got && crAt(ch, offset + length - 1)) length--;
        return RawText.of(buf, 0, end, length);
    }

    private static boolean crAt(FileChannel ch, long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return ch.read(one, at) == 1 && one.get(0) == '\r';
    }
}
