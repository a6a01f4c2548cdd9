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
 * input, and the inputs may be deleted or rotated. Each file is opened once and its lines read in offset
 * order, so the reads go forward through it. A file replaced, cut or rewritten since it was read
 * ({@link FileIdentity}) gives no line back: its evidence says so instead of showing what is at the offset now.
 */
final class LinesLeftInFiles {
    private final byte[] buf = new byte[RawText.MAX_BYTES + 2];
    private final TextBudget budget;
    /** Input → the offsets of its lines still to read, sorted once all are known, then where each went in the spill. */
    private final Map<String, long[][]> byInput = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    private LinesLeftInFiles(TextBudget budget) {
        this.budget = budget;
    }

    /** Reads back every kept line of {@code sources} left in its file, and marks it as spilled. */
    static void gather(Iterable<SourceSummary> sources, TextBudget budget) {
        LinesLeftInFiles g = new LinesLeftInFiles(budget);
        for (SourceSummary s : sources) s.evidence().leftInFile(g::note);
        if (g.byInput.isEmpty()) return;
        g.byInput.forEach(g::read);
        for (SourceSummary s : sources) s.evidence().spilledFromFiles(g::placeOf);
    }

    private void note(String input, long offset) {
        long[][] a = byInput.computeIfAbsent(input, k -> new long[][] {new long[16], null});
        int n = counts.merge(input, 1, Integer::sum);
        if (n > a[0].length) a[0] = Arrays.copyOf(a[0], a[0].length * 2);
        a[0][n - 1] = offset;
    }

    /** Reads the noted lines of one input, in offset order, each once, into the spill. */
    private void read(String input, long[][] a) {
        int n = counts.get(input);
        long[] offsets = Arrays.copyOf(a[0], n);
        Arrays.sort(offsets);
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || offsets[i] != offsets[distinct - 1]) offsets[distinct++] = offsets[i];
        offsets = Arrays.copyOf(offsets, distinct);
        long[] at = new long[distinct];
        a[0] = offsets;
        a[1] = at;
        String why = changeSinceRead(input);
        if (why != null) {
            long note = budget.spill().put("[line not read back: " + input + " changed since it was read: " + why + "]");
            Arrays.fill(at, note);
            return;
        }
        int done = 0;
        try (FileChannel ch = FileChannel.open(Path.of(input), StandardOpenOption.READ)) {
            for (; done < distinct; done++) at[done] = budget.spill().put(readLine(ch, offsets[done]));
        } catch (IOException | java.nio.file.InvalidPathException x) {
            Arrays.fill(at, done, distinct, budget.spill().put("[line not kept in memory and unreadable now: " + x.getMessage() + "]"));
        }
    }

    private long placeOf(String input, long offset) {
        long[][] a = byInput.get(input);
        return a[1][Arrays.binarySearch(a[0], offset)];
    }

    /** Why the file can no longer give its lines back, or null if it can (or if its identity was not noted). */
    private String changeSinceRead(String name) {
        FileIdentity then = budget.readBackIdentity(name);
        if (then == null) return null;
        try {
            return then.changeIn(FileIdentity.of(Path.of(name)));
        } catch (IOException | RuntimeException x) {
            return null;   // gone or unreadable: opening it says so
        }
    }

    /** The line at {@code offset}: its first bytes as RawText shows them, and how long it was. */
    private String readLine(FileChannel ch, long offset) throws IOException {
        int n = 0;
        long length;
        long pos = offset;
        // Read the first MAX_BYTES+1 bytes, then go on (without keeping) to the LF for the full length.
        while (true) {
            int want = n < buf.length ? buf.length - n : 0;
            ByteBuffer bb = want > 0 ? ByteBuffer.wrap(buf, n, want) : ByteBuffer.allocate(64 * 1024);
            int r = ch.read(bb, pos);
            if (r <= 0) {
                length = pos - offset;
                break;
            }
            byte[] b = bb.array();
            int from = want > 0 ? n : 0;
            int lf = -1;
            for (int i = from; i < from + r; i++) if (b[i] == '\n') { lf = i; break; }
            if (lf >= 0) {
                length = pos - offset + (lf - from);
                if (want > 0) n = lf;
                break;
            }
            if (want > 0) n += r;
            pos += r;
        }
        int end = (int) Math.min(n, length);
        boolean cr = length > 0 && length <= n && end > 0 && buf[end - 1] == '\r';
        if (cr) { end--; length--; }
        else if (length > n && crAt(ch, offset + length - 1)) length--;
        return RawText.of(buf, 0, end, length);
    }

    private static boolean crAt(FileChannel ch, long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return ch.read(one, at) == 1 && one.get(0) == '\r';
    }
}
