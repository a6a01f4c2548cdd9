package org.wormsign.aggregate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of the evidence lines a run did not keep in memory, left in its plain inputs or put in its spill,
 * read in one forward pass per file before evidence.csv is written, and handed out in the order the rows are
 * written. Read where each row is made, a
 * dense log's lines cost a positional read each, in the order of the sources (most of evidence.csv's time:
 * bench/RESULTS.md, runs 18 and 20); read in offset order through {@link EvidenceText.Reader#lineAhead}, a
 * megabyte of the log costs one read.
 *
 * <p>The lines are numbered in the order they are written (their rank), planned a pass of at most
 * {@link #PLAN_LINES} ranks at a time, and put, as they are read, into buckets by rank range, each a chain of
 * blocks in its gathering thread's one temporary file; a bucket is read whole when its first row is written and
 * dropped after its last, so memory holds a bucket or two (about 1.8 MB of Code Red lines each), not the text of
 * every line. Lines it cannot place (more than {@link #MAX_INPUTS} inputs, or an offset past
 * {@link #MAX_OFFSET}) are left to the writer's own reader, line by line, as before.
 */
public final class OrderedEvidenceText implements AutoCloseable {
    /**
     * Lines per bucket: a bucket of Code Red lines is about 1.8 MB; of the longest lines RawText makes, about 34.
     * The buckets read at once (a few) and their spare buffers are what this adds to the outputs' peak.
     */
    static final int LINES_PER_BUCKET = 1 << 12;
    /** Lines planned in one pass over the files: 4 MB of keys. */
    private static final int PLAN_LINES = 1 << 19;
    /** Lines a gathering thread of its own is worth. */
    private static final int LINES_PER_THREAD = 4096;
    static final int MAX_INPUTS = 1 << 16;
    /** The input number of the run's spill ({@link TextSpill}): its texts are read forward too. */
    private static final int SPILL = 0;
    static final long MAX_OFFSET = (1L << 47) - 1;
    /** Buckets at most (past 16 million lines, buckets grow instead): each has a block buffer in each gathering thread. */
    private static final int MAX_BUCKETS = 4096;
    /** The block buffers of one gathering thread together, at most: a block is 4–16 KB. */
    private static final int BLOCK_BUFFERS_BYTES = 4 << 20;

    private final Path folder;
    private final int linesPerBucket;
    /** Per source, in output order: the rank of its first line not in memory (one more entry: the total). */
    private final int[] firstRank;
    private final int stride, sources;
    /** Per rank: whether the line was gathered into a bucket. */
    private final java.util.BitSet gathered = new java.util.BitSet();
    /** Per gathering thread: the file its buckets' blocks are in, or null. */
    private final Path[] files;
    /** The same, open for reading buckets back; made on first use. */
    private final FileChannel[] readers;
    /** Per bucket, per gathering thread: where its blocks are in that thread's file, or null. */
    private final Blocks[][] buckets;
    /** Bytes of a bucket's block: smaller when there are many buckets. */
    private final int blockBytes;
    /** Per bucket: its lines not yet taken; a bucket is dropped when it reaches 0. */
    private final int[] untaken;
    private final Map<Integer, Loaded> loaded = new HashMap<>();
    /** Buffers of buckets taken whole, for the next buckets to be read into. */
    private final List<byte[]> spare = new java.util.ArrayList<>();
    private static final int SPARE_BUFFERS = 2;
    private boolean closed;

    private OrderedEvidenceText(Path folder, int[] firstRank, int stride, int sources, int linesPerBucket, int bucketCount, int threads) {
        this.folder = folder;
        this.firstRank = firstRank;
        this.stride = stride;
        this.sources = sources;
        this.linesPerBucket = linesPerBucket;
        this.files = new Path[threads];
        this.readers = new FileChannel[threads];
        this.buckets = new Blocks[bucketCount][threads];
        this.untaken = new int[bucketCount];
        this.blockBytes = Math.max(4096, Math.min(16 * 1024, BLOCK_BUFFERS_BYTES / bucketCount));
    }

    /**
     * Gathers the text of {@code sources} (listed in output order) not kept in memory, from where {@code text}
     * says it is, on this thread and up to {@code threads - 1} of {@code pool} (each a stretch of the lines in file
     * order; a pool of its own when {@code pool} is null); the first ranks are kept every {@code stride} sources
     * (the writer asks at the starts of its blocks).
     */
    public static OrderedEvidenceText gather(List<SourceSummary> sources, EvidenceText text, java.util.concurrent.ExecutorService pool, int threads,
                                             int stride) {
        return gather(sources, text, Path.of(System.getProperty("java.io.tmpdir")), LINES_PER_BUCKET, pool, threads, LINES_PER_THREAD, true,
                PLAN_LINES, stride);
    }

    /** Nothing gathered, for {@code sources} whose evidence text is all in memory: the writer need not look. */
    public static OrderedEvidenceText none(int sources, int stride) {
        return new OrderedEvidenceText(Path.of(System.getProperty("java.io.tmpdir")), new int[sources / stride + 2], stride, sources,
                LINES_PER_BUCKET, 1, 1);
    }

    /**
     * As above, the lines planned {@code planLines} at most at a time (a pass over the files each); tests cross
     * buckets, threads and passes with small ones, and try the keys unpacked.
     */
    static OrderedEvidenceText gather(List<SourceSummary> sources, EvidenceText text, Path folder, int linesPerBucket,
                                      java.util.concurrent.ExecutorService pool, int threads, int linesPerThread, boolean packIfFits,
                                      int planLines, int stride) {
        int[] firstRank = new int[sources.size() / stride + 2];
        long count = 0;
        for (int i = 0; i < sources.size(); i++) {
            if (i % stride == 0) firstRank[i / stride] = (int) Math.min(Integer.MAX_VALUE, count);
            count += sources.get(i).evidence().notInMemoryCount();
        }
        if (count > Integer.MAX_VALUE - 8) throw new IllegalStateException("more evidence lines (" + count + ") than one output can list");
        int lines = (int) count;
        firstRank[firstRank.length - 1] = lines;
        int perBucket = Math.max(linesPerBucket, (int) Math.min(Integer.MAX_VALUE, ((long) lines + MAX_BUCKETS - 1) / MAX_BUCKETS));
        int workers = Math.max(1, Math.min(threads, Math.min(lines, planLines) / Math.max(1, linesPerThread)));
        OrderedEvidenceText out = new OrderedEvidenceText(folder, firstRank, stride, sources.size(), perBucket,
                Math.max(1, (lines + perBucket - 1) / perBucket), workers);
        try {
            // A pass per planLines lines, in rank order: the plan holds a long a line of its pass only (a million
            // sources' 1.9 million lines made 15 MB of keys that outlived young collections and grew the heap).
            Plan.Inputs numbers = new Plan.Inputs();
            int passes = Math.max(1, (int) ((count + planLines - 1) / planLines));
            for (int pass = 0; pass < passes; pass++) {
                int lo = (int) ((long) lines * pass / passes), hi = (int) ((long) lines * (pass + 1) / passes);
                Plan plan = new Plan(numbers, lo, hi);
                for (SourceSummary s : sources) s.evidence().notInMemory(plan);
                out.read(plan, text, pool, workers, packIfFits);
            }
        } catch (IOException | RuntimeException e) {
            out.close();
            if (e instanceof RuntimeException r) throw r;
            throw new UncheckedIOException("evidence text could not be gathered in " + folder + ": " + e.getMessage(), (IOException) e);
        }
        return out;
    }

    /**
     * The rank of the first line not in memory of the source at {@code index} in output order: an index that is a
     * multiple of the gathering's stride, or the number of sources.
     */
    public int firstRank(int index) {
        if (index == sources) return firstRank[firstRank.length - 1];
        if (index % stride != 0) throw new IllegalArgumentException("first rank of source " + index + " asked, kept every " + stride);
        return firstRank[index / stride];
    }

    /**
     * Gives the text of the line of rank {@code rank} to {@code to} as UTF-8 and returns true, or returns false if
     * it was not gathered (the caller reads it itself). Each rank is taken once; threads may take lines of
     * different rows at once. The bytes are valid only during the call.
     */
    public boolean take(int rank, TextTaker to) throws IOException {
        if (!gathered.get(rank)) return false;
        int b = rank / linesPerBucket;
        Loaded l;
        synchronized (this) {
            if (closed) throw new IOException("the gathered evidence text is closed");
            l = loaded.get(b);
            if (l == null) {
                l = load(b);
                loaded.put(b, l);
            }
        }
        int at = l.at[rank - b * linesPerBucket];
        byte[] bytes = l.bytes;
        to.take(bytes, at + 4, (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff);
        synchronized (this) {
            if (--untaken[b] == 0) {
                loaded.remove(b);
                Arrays.fill(buckets[b], null);
                if (spare.size() < SPARE_BUFFERS) spare.add(l.bytes);
            }
        }
        return true;
    }

    /** Receives a taken text as UTF-8 bytes. */
    public interface TextTaker {
        void take(byte[] b, int from, int length) throws IOException;
    }

    /** A bucket read whole: its bytes, and where each of its ranks' texts begins. */
    private record Loaded(byte[] bytes, int[] at) {}

    /**
     * Reads bucket {@code b} into a spare buffer if one is large enough: buckets of several megabytes made anew
     * went straight to the old generation and raised a dense run's peak RSS by 120 MB.
     */
    private Loaded load(int b) throws IOException {
        long size = 0;
        for (Blocks part : buckets[b]) if (part != null) size += part.bytes;
        if (size > Integer.MAX_VALUE - 8) throw new IOException("evidence bucket of " + size + " bytes");
        byte[] bytes = null;
        for (int i = 0; i < spare.size(); i++) {
            if (spare.get(i).length >= size) {
                bytes = spare.remove(i);
                break;
            }
        }
        if (bytes == null) bytes = new byte[(int) Math.max(size, Math.min(Integer.MAX_VALUE - 8, size + size / 8))];
        int filled = 0;
        for (int t = 0; t < buckets[b].length; t++) {
            Blocks part = buckets[b][t];
            if (part == null) continue;
            if (readers[t] == null) readers[t] = FileChannel.open(files[t], StandardOpenOption.READ);
            for (int k = 0; k < part.n; k++) {
                ByteBuffer piece = ByteBuffer.wrap(bytes, filled, part.lengths[k]).slice();
                if (ChannelReads.fill(readers[t], piece, part.offsets[k])) throw new IOException("evidence file " + files[t] + " cut at " + part.offsets[k]);
                filled += part.lengths[k];
            }
        }
        int[] at = new int[linesPerBucket];
        ByteBuffer bb = ByteBuffer.wrap(bytes, 0, (int) size);
        while (bb.hasRemaining()) {
            int rankInBucket = bb.getInt();
            at[rankInBucket] = bb.position();
            bb.position(bb.position() + 4 + bb.getInt(bb.position()));
        }
        return new Loaded(bytes, at);
    }

    /** Reads each input's lines in offset order, each text into its rank's bucket, on {@code threads} threads. */
    private void read(Plan plan, EvidenceText text, java.util.concurrent.ExecutorService pool, int threads, boolean packIfFits) throws IOException {
        int n = plan.keys.length;
        // The lines in file order, each with its rank (-1 for a line left to the writer: its key is -1).
        FileOrder order = FileOrder.of(plan, packIfFits);
        Stretch[] stretches = new Stretch[threads];
        for (int t = 0; t < threads; t++) {
            stretches[t] = new Stretch(t, (int) ((long) n * t / threads), (int) ((long) n * (t + 1) / threads), order, plan, text);
        }
        // On the caller's pool where it has one: threads made for the gathering took malloc arenas of their own
        // for the channels' temporary buffers, which stayed in the process's RSS after them.
        java.util.concurrent.ExecutorService own = pool == null && threads > 1 ? java.util.concurrent.Executors.newFixedThreadPool(threads - 1) : null;
        java.util.concurrent.ExecutorService on = pool != null ? pool : own;
        try {
            List<java.util.concurrent.Future<?>> helpers = new java.util.ArrayList<>();
            for (int t = 1; t < threads; t++) helpers.add(on.submit(stretches[t]));
            stretches[0].run();
            for (java.util.concurrent.Future<?> h : helpers) h.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while evidence text was gathered", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());   // a stretch keeps its failure: run() throws nothing
        } finally {
            if (own != null) own.shutdownNow();
        }
        for (Stretch st : stretches) {
            if (st.failure instanceof IOException io) throw io;
            if (st.failure instanceof RuntimeException r) throw r;
            if (st.failure instanceof Error e) throw e;
            gathered.or(st.gathered);
            for (int b = 0; b < untaken.length; b++) untaken[b] += st.counts[b];
        }
    }

    /**
     * The lines in file order: each one's input (0 for the spill), offset and rank. When the three fit in 63
     * bits (a 1 GB log's 1.9 million lines take 52), each line is one long, sorted in place: the plan's keys and
     * nothing more (a second array of ranks and the radix sort's copies were 32 MB more at dense-60's peak).
     */
    private static final class FileOrder {
        private final long[] keys;
        /** Null when the rank is in the key's low bits. */
        private final int[] ranks;
        private final int rankBits, offsetBits;
        private final long rankMask, offsetMask;

        private FileOrder(long[] keys, int[] ranks, int rankBits, int offsetBits) {
            this.keys = keys;
            this.ranks = ranks;
            this.rankBits = rankBits;
            this.offsetBits = offsetBits;
            this.rankMask = (1L << rankBits) - 1;
            this.offsetMask = (1L << offsetBits) - 1;
        }

        static FileOrder of(Plan plan, boolean packIfFits) {
            int n = plan.keys.length;
            long[] keys = plan.keys;
            int rankBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n));
            int offsetBits = 64 - Long.numberOfLeadingZeros(Math.max(1, plan.maxOffset));
            int inputBits = 32 - Integer.numberOfLeadingZeros(plan.inputs.ids.size());
            if (packIfFits && rankBits + offsetBits + inputBits <= 63) {
                for (int r = 0; r < n; r++) {
                    long key = keys[r];
                    if (key >= 0) keys[r] = ((key >>> 47) << offsetBits | key & MAX_OFFSET) << rankBits | r;
                }
                Arrays.sort(keys, 0, n);
                return new FileOrder(keys, null, rankBits, offsetBits);
            }
            int[] ranks = new int[n];
            for (int r = 0; r < n; r++) ranks[r] = keys[r] < 0 ? -1 : r;
            RadixSort.sortByKey(keys, ranks, n);
            return new FileOrder(keys, ranks, 0, 47);
        }

        /** The rank of the line at {@code p} in file order, or -1 for a line left to the writer. */
        int rank(int p) {
            long k = keys[p];
            if (k < 0) return -1;
            return ranks == null ? (int) (k & rankMask) : ranks[p];
        }

        int input(int p) {
            return (int) (keys[p] >>> rankBits >>> offsetBits);
        }

        long offset(int p) {
            return keys[p] >>> rankBits & offsetMask;
        }
    }


    /** One thread's stretch of the lines in file order, written to bucket files of its own. */
    private final class Stretch implements Runnable {
        final int thread, from, to;
        final FileOrder order;
        final Plan plan;
        final EvidenceText text;
        final java.util.BitSet gathered = new java.util.BitSet();
        final int[] counts = new int[untaken.length];
        Throwable failure;

        Stretch(int thread, int from, int to, FileOrder order, Plan plan, EvidenceText text) {
            this.thread = thread;
            this.from = from;
            this.to = to;
            this.order = order;
            this.plan = plan;
            this.text = text;
        }

        @Override public void run() {
            Bucket[] into = new Bucket[buckets.length];
            FileChannel file = null;
            TextSpill.Window spillWindow = null;
            try (EvidenceText.Reader lines = text.reader()) {
                int last = from;   // the furthest line of the same input that one read from here can bring
                for (int p = from; p < to; p++) {
                    int inPass = order.rank(p);
                    if (inPass < 0) continue;   // lines left to the writer sort first
                    int rank = plan.lo + inPass;
                    int input = order.input(p);
                    long offset = order.offset(p);
                    if (last < p) last = p;
                    while (last + 1 < to && order.input(last + 1) == input
                            && order.offset(last + 1) - offset < EvidenceText.WINDOW - RawText.MAX_BYTES - 2) last++;
                    long ahead = order.offset(last);
                    int b = rank / linesPerBucket;
                    if (file == null) {
                        // The thread's file of an earlier pass is written on, after its blocks.
                        if (files[thread] == null) {
                            files[thread] = Files.createTempFile(folder, "wormsign-evidence-", ".buckets");
                            files[thread].toFile().deleteOnExit();
                        }
                        file = FileChannel.open(files[thread], StandardOpenOption.WRITE);
                    }
                    if (into[b] == null) {
                        if (buckets[b][thread] == null) buckets[b][thread] = new Blocks();
                        into[b] = new Bucket(file, buckets[b][thread], blockBytes);
                    }
                    into[b].rank(rank - b * linesPerBucket);
                    if (input == SPILL) {
                        if (spillWindow == null) spillWindow = new TextSpill.Window();
                        text.spill().get(offset, ahead, spillWindow, into[b]);
                    } else {
                        lines.lineAhead(plan.input(input), offset, ahead, into[b]);
                    }
                    counts[b]++;
                    gathered.set(rank);
                }
                for (Bucket bucket : into) if (bucket != null) bucket.flush();
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            } finally {
                if (file != null) {
                    try {
                        file.close();
                    } catch (IOException e) {
                        if (failure == null) failure = e;
                    }
                }
            }
        }
    }

    /** Where one thread's blocks of one bucket are in its file, in order. */
    private static final class Blocks {
        long[] offsets = new long[4];
        int[] lengths = new int[4];
        int n;
        long bytes;

        void add(long offset, int length) {
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n * 2);
                lengths = Arrays.copyOf(lengths, n * 2);
            }
            offsets[n] = offset;
            lengths[n++] = length;
            bytes += length;
        }
    }

    /**
     * A bucket being written by one thread: records of its rank in the bucket, the text's length and the text,
     * gathered into a block, and the block appended to the thread's one file when full (a file a bucket took a
     * file descriptor a bucket, and so few, large buckets).
     */
    private static final class Bucket implements EvidenceText.Utf8Sink {
        final FileChannel file;
        private final Blocks blocks;
        private final ByteBuffer pending;

        Bucket(FileChannel file, Blocks blocks, int blockBytes) {
            this.file = file;
            this.blocks = blocks;
            this.pending = ByteBuffer.allocate(blockBytes);
        }

        void rank(int rankInBucket) {
            room(4);
            pending.putInt(rankInBucket);
        }

        @Override public void put(byte[] b, int from, int length) {
            room(4);
            pending.putInt(length);
            while (length > 0) {
                room(1);
                int n = Math.min(length, pending.remaining());
                pending.put(b, from, n);
                from += n;
                length -= n;
            }
        }

        private void room(int bytes) {
            if (pending.remaining() < bytes) flush();
        }

        void flush() {
            if (pending.position() == 0) return;
            pending.flip();
            try {
                long at = file.size();
                int length = pending.remaining();
                while (pending.hasRemaining()) file.write(pending, at + pending.position());
                blocks.add(at, length);
            } catch (IOException e) {
                throw new UncheckedIOException("evidence text could not be written to a temporary file: " + e.getMessage(), e);
            }
            pending.clear();
        }
    }

    /** Deletes the gathering threads' files. */
    @Override public synchronized void close() {
        closed = true;
        loaded.clear();
        for (int t = 0; t < files.length; t++) {
            try {
                if (readers[t] != null) readers[t].close();
                if (files[t] != null) Files.deleteIfExists(files[t]);
            } catch (IOException ignored) {
                // Removed at exit (deleteOnExit); nothing reads it any more.
            }
        }
    }

    /**
     * The lines whose text is not in memory with ranks in {@code [lo, hi)}: each one's place as one key, the input's
     * number (0 for the run's spill) above its offset (or its place in the spill), or -1 when it cannot be keyed.
     */
    private static final class Plan implements EvidenceSample.NotInMemory {
        /** The inputs' numbers, the same in every pass. */
        static final class Inputs {
            final Map<String, Integer> ids = new HashMap<>();
            String[] names = new String[16];
        }

        final Inputs inputs;
        final int lo, hi;
        final long[] keys;
        /** The rank of the next line told. */
        private int rank;
        long maxOffset;

        Plan(Inputs inputs, int lo, int hi) {
            this.inputs = inputs;
            this.lo = lo;
            this.hi = hi;
            keys = new long[hi - lo];
        }

        String input(int id) { return inputs.names[id]; }

        @Override public void line(String input, long offset, long spillAt) {
            int r = rank++;
            if (r < lo || r >= hi) return;
            if (spillAt >= 0) {
                keys[r - lo] = spillAt > MAX_OFFSET ? -1 : spillAt;
                if (spillAt <= MAX_OFFSET) maxOffset = Math.max(maxOffset, spillAt);
                return;
            }
            Integer id = inputs.ids.get(input);
            if (id == null && inputs.ids.size() < MAX_INPUTS - 1) {
                id = inputs.ids.size() + 1;
                inputs.ids.put(input, id);
                if (id >= inputs.names.length) inputs.names = Arrays.copyOf(inputs.names, inputs.names.length * 2);
                inputs.names[id] = input;
            }
            keys[r - lo] = id == null || offset > MAX_OFFSET ? -1 : (long) id << 47 | offset;
            if (id != null && offset <= MAX_OFFSET) maxOffset = Math.max(maxOffset, offset);
        }
    }
}
