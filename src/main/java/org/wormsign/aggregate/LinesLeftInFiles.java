package org.wormsign.aggregate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gathers the evidence text a run left in its plain input files (past the run's {@link TextBudget}) into the
 * run's {@link TextSpill}, when the run is frozen into a {@link Snapshot}: afterwards nothing points into an
 * input, and the inputs may be deleted or rotated. The lines are read a batch of {@link #BATCH} at a time, each
 * batch in offset order (by a few threads, each a stretch of it), so the reads go forward through a file, and a million sources' lines cost a few
 * megabytes of bookkeeping, not an array of every offset (which put 15 MiB on million.log's peak). A file
 * replaced, cut or rewritten since it was read ({@link FileIdentity}) gives no line back: its evidence says so
 * instead of showing what is at the offset now.
 */
final class LinesLeftInFiles implements EvidenceSample.LeftInFile {
    /** Lines per batch: the index of a line in its batch is kept in 16 bits beside its offset. */
    static final int BATCH = 1 << 16;
    /** Lines a thread of its own is worth: fewer are read on the caller's thread. */
    private static final int LINES_PER_THREAD = 4096;

    private final TextBudget budget;
    private final int threads, linesPerThread;
    private final long[] offsets;
    private final int[] places;
    private final EvidenceSample[] samples;
    private final String[] inputs;
    /** {@code offset << 16 | index in the batch}, sorted: the batch in offset order. */
    private final long[] order;
    private int n;
    /** Per input: why it can no longer give its lines back, or "" if it can. */
    private final Map<String, String> changed = new ConcurrentHashMap<>();
    private ExecutorService pool;

    private LinesLeftInFiles(TextBudget budget, int batch, int threads, int linesPerThread) {
        if (batch < 1 || batch > BATCH) throw new IllegalArgumentException("batch of " + batch);
        this.budget = budget;
        this.threads = Math.max(1, threads);
        this.linesPerThread = Math.max(1, linesPerThread);
        offsets = new long[batch];
        places = new int[batch];
        samples = new EvidenceSample[batch];
        inputs = new String[batch];
        order = new long[batch];
    }

    /**
     * Reads back every kept line of {@code sources} left in its file, and marks it as spilled. Each batch is
     * read by up to {@code threads} threads, each a stretch of its offsets (a million sources' lines took 7.5 s
     * on one thread).
     */
    static void gather(Iterable<SourceSummary> sources, TextBudget budget, int threads) {
        gather(sources, budget, BATCH, threads, LINES_PER_THREAD);
    }

    /**
     * As {@link #gather(Iterable, TextBudget, int)}, {@code batch} lines at a time, a thread per
     * {@code linesPerThread} of a batch (tests cross batches and threads with small ones).
     */
    static void gather(Iterable<SourceSummary> sources, TextBudget budget, int batch, int threads, int linesPerThread) {
        LinesLeftInFiles g = new LinesLeftInFiles(budget, batch, threads, linesPerThread);
        try {
            for (SourceSummary s : sources) s.evidence().leftInFile(g);
            g.readBatch();
        } finally {
            if (g.pool != null) g.pool.shutdownNow();
        }
    }

    @Override public void line(EvidenceSample sample, int place, String input, long offset) {
        if (offset >= 1L << 47) throw new IllegalArgumentException("offset out of range: " + offset);
        sample.roomForSpilled();
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
        int workers = Math.min(threads, Math.max(1, n / linesPerThread));
        try {
            if (workers == 1) {
                new Reader().read(0, n);
            } else {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r, "wormsign-evidence");
                        t.setDaemon(true);
                        return t;
                    });
                }
                List<Future<?>> parts = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    int from = (int) ((long) n * w / workers), to = (int) ((long) n * (w + 1) / workers);
                    parts.add(pool.submit(() -> new Reader().read(from, to)));
                }
                for (Future<?> f : parts) f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evidence text was read back", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            Arrays.fill(samples, 0, n, null);
            Arrays.fill(inputs, 0, n, null);
            n = 0;
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

    /** One thread's reading of a stretch of the batch: its own buffer and open files. */
    private final class Reader {
        private final byte[] buf = new byte[RawText.MAX_BYTES + 2];
        private final Map<String, FileChannel> open = new HashMap<>();

        /** Reads the lines at {@code order[from..to)} into the spill. */
        void read(int from, int to) {
            try {
                for (int j = from; j < to; j++) {
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
            }
        }

        /** The line of {@code input} at {@code offset}, or what stands in for it when the input cannot give it back. */
        private String text(String input, long offset) {
            String why = changed.computeIfAbsent(input, LinesLeftInFiles.this::changeSinceRead);
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

        private boolean crAt(FileChannel ch, long at) throws IOException {
            ByteBuffer one = ByteBuffer.allocate(1);
            return ch.read(one, at) == 1 && one.get(0) == '\r';
        }
    }
}
