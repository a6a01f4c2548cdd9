package org.wormsign.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gathers the evidence text a run left in its plain input files (past the run's {@link TextBudget}) into the
 * run's {@link TextSpill}, when a {@link Snapshot} is made to stand alone (saved, or merged with others):
 * afterwards nothing points into an input, and the inputs may be deleted or rotated. The lines are read a batch
 * of {@link #BATCH} at a time, each batch in offset order (by a few threads, each a stretch of it), so the reads
 * go forward through a file, and a million sources' lines cost a few megabytes of bookkeeping, not an array of
 * every offset (which put 15 MiB on million.log's peak). A file replaced, cut or rewritten since it was read
 * gives no line back ({@link EvidenceText}).
 */
final class LinesLeftInFiles implements EvidenceSample.LeftInFile {
    /** Lines per batch: the index of a line in its batch is kept in 16 bits beside its offset. */
    static final int BATCH = 1 << 16;
    /** Lines a thread of its own is worth: fewer are read on the caller's thread. */
    private static final int LINES_PER_THREAD = 4096;

    private final EvidenceText text;
    private final int threads, linesPerThread;
    private final long[] offsets;
    private final int[] places;
    private final EvidenceSample[] samples;
    private final String[] inputs;
    /** {@code offset << 16 | index in the batch}, sorted: the batch in offset order. */
    private final long[] order;
    private int n;
    private ExecutorService pool;

    private LinesLeftInFiles(EvidenceText text, int batch, int threads, int linesPerThread) {
        if (batch < 1 || batch > BATCH) throw new IllegalArgumentException("batch of " + batch);
        this.text = text;
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
    static void gather(Iterable<SourceSummary> sources, EvidenceText text, int threads) {
        gather(sources, text, BATCH, threads, LINES_PER_THREAD);
    }

    /**
     * As {@link #gather(Iterable, EvidenceText, int)}, {@code batch} lines at a time, a thread per
     * {@code linesPerThread} of a batch (tests cross batches and threads with small ones).
     */
    static void gather(Iterable<SourceSummary> sources, EvidenceText text, int batch, int threads, int linesPerThread) {
        LinesLeftInFiles g = new LinesLeftInFiles(text, batch, threads, linesPerThread);
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
                read(0, n);
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
                    parts.add(pool.submit(() -> read(from, to)));
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

    /** Reads the lines at {@code order[from..to)} into the spill: one thread's stretch, with a reader of its own. */
    private void read(int from, int to) {
        try (EvidenceText.Reader lines = text.reader()) {
            int last = from;   // the furthest line of the same file, in a row, that one read from here can bring
            for (int j = from; j < to; j++) {
                int k = (int) (order[j] & 0xFFFF);
                if (last < j) last = j;
                while (last + 1 < to && sameInputWithin(k, (int) (order[last + 1] & 0xFFFF))) last++;
                long ahead = offsets[(int) (order[last] & 0xFFFF)];
                samples[k].spilledAt(places[k], text.spill().put(lines.lineAhead(inputs[k], offsets[k], ahead)));
            }
        }
    }

    /** Whether the line {@code b} is in the file of line {@code a} and near enough to be read with it. */
    private boolean sameInputWithin(int a, int b) {
        return inputs[b].equals(inputs[a]) && offsets[b] - offsets[a] < EvidenceText.WINDOW - RawText.MAX_BYTES - 2;
    }
}
