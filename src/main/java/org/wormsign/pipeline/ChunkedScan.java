package org.wormsign.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.wormsign.aggregate.Aggregate;
import org.wormsign.aggregate.Aggregator;
import org.wormsign.detect.ServerKind;
import org.wormsign.format.ChunkDirectives;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;
import org.wormsign.format.proxy.CloudFrontFormat;
import org.wormsign.input.BytesAt;
import org.wormsign.input.Decompression;
import org.wormsign.input.Input;
import org.wormsign.input.LineReader;
import org.wormsign.input.TextForm;

/**
 * A large plain file read by several threads at once: cut into line-aligned chunks, each framed, parsed
 * and aggregated on its own, while one more thread hashes the whole file; the chunks' aggregates are then
 * merged in order, their line numbers placed after the lines of the chunks before them. A chunk of a
 * format whose lines depend on directives before them (W3C) is read with those in force at its offset: those of
 * the file's head, or, where the chunk before left others, read again with those ({@link ChunkDirectives}).
 * Any input this cannot take as it is (compressed, UTF-16, CR line ends, a pipe, small) goes the
 * sequential way instead.
 */
public final class ChunkedScan {
    private ChunkedScan() {}

    /** A chunk is at least this big: smaller files gain nothing from threads. */
    static final long MIN_CHUNK = 32L << 20;

    /** Whether this input is a plain file large enough to cut, with threads to spare. */
    static boolean applies(Input input, AnalyzeOptions options) {
        return applies(input, options, MIN_CHUNK);
    }

    static boolean applies(Input input, AnalyzeOptions options, long minChunk) {
        Path path = input.path();
        if (path == null || options.threads() < 2 || !Files.isRegularFile(path)) return false;
        try {
            return input.resume() == null && input.size() >= 2 * minChunk;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads the input in chunks, or returns null if its first bytes say it must be read sequentially. */
    static InputResult scan(long index, Input input, AnalyzeOptions options, Progress progress) throws IOException {
        return scan(index, input, options, progress, MIN_CHUNK);
    }

    /** @param minChunk the smallest chunk worth a thread (tests cut small files into many chunks) */
    static InputResult scan(long index, Input input, AnalyzeOptions options, Progress progress, long minChunk) throws IOException {
        Path path = input.path();
        try (BytesAt file = BytesAt.open(path)) {
            // A file cut at a line end (Input.upTo) is read up to there: what is written past it is for a later run.
            long size = input.end() >= 0 ? input.end() : Files.size(path);
            Plan plan = plan(index, input.name(), input.explicit(), file, size, options, options.threads(), minChunk);
            if (plan == null) return null;
            int chunks = plan.chunks();
            long[] bounds = plan.bounds();
            ExecutorService pool = Executors.newFixedThreadPool(chunks + 1, r -> {
                Thread t = new Thread(r, "wormsign-chunk");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<String> sha = pool.submit(() -> org.wormsign.input.FileDigest.sha256(path, size));
                List<Future<Chunk>> parts = new ArrayList<>();
                for (int i = 0; i < chunks; i++) {
                    long from = bounds[i], to = bounds[i + 1];
                    ChunkDirectives.InForce primed = plan.primed(i);
                    parts.add(pool.submit(() -> chunk(index, input.name(), path, from, to, plan.format(), plan.formatName(), options, progress,
                            plan.directives(), primed)));
                }
                Aggregate merged = new Aggregate();
                long linesBefore = 0;
                ChunkDirectives.InForce inForce = plan.directives().none();
                java.time.ZoneId localZone = null;
                // The client key the first chunk with a record read (a JSON layout's), else the format's own.
                String clientField = null;
                for (int i = 0; i < chunks; i++) {
                    Chunk c = parts.get(i).get();
                    if (!c.directives().readAsIfPrimedWith(inForce)) {
                        c = chunk(index, input.name(), path, bounds[i], bounds[i + 1], plan.format(), plan.formatName(), options, Progress.NONE,
                                plan.directives(), inForce);
                    }
                    inForce = c.directives().leaves(inForce);
                    if (c.directives().localZone() != null) localZone = c.directives().localZone();
                    if (clientField == null) clientField = c.clientField();
                    Aggregate a = c.aggregate();
                    long lines = a.totals().lines();
                    a.shiftLines(linesBefore);
                    merged.merge(a);
                    linesBefore += lines;
                }
                List<String> errors = sizeChange(size, Files.size(path), input.end() >= 0);
                java.time.ZoneId zone = InputZones.applied(plan.format(), options.zones().zoneFor(input.name()));
                return new InputResult(index, input.name(), size, sha.get(), "plain", plan.formatName(), zone != null ? zone : localZone,
                        clientField != null ? clientField : plan.format().clientField(), merged, errors, null);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error err) throw err;   // out of memory: reading again would not help
                if (cause instanceof IOException io) throw io;
                if (cause instanceof RuntimeException re) throw re;
                throw new IOException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * How a plain file is cut: its format (named for the run, or sniffed), the chunks' bounds, and the directives of
     * its head, with which every chunk but the first begins (see {@link #scan}).
     *
     * @param bounds the chunks' starts, then the end: chunk {@code i} is bytes {@code [bounds[i], bounds[i+1])}
     */
    public record Plan(LogFormat format, String formatName, long[] bounds, ChunkDirectives directives, ChunkDirectives.InForce atHead) {
        public int chunks() { return bounds.length - 1; }

        /** The directives chunk {@code i} is begun with before the chunks before it are read. */
        public ChunkDirectives.InForce primed(int i) {
            return bounds[i] == 0 ? directives.none() : atHead;
        }
    }

    /**
     * Decides, from its first bytes, whether the {@code size} first bytes of {@code file} (the input {@code name}) are
     * read in chunks, and how: null when they must be read sequentially (compressed, UTF-16, CR line ends, a format
     * not recognised, CloudFront's), else the plan of at most {@code maxChunks} chunks of at least {@code minChunk}
     * bytes (fewer when the file is small: a plan of one chunk is a file not worth cutting).
     */
    public static Plan plan(long index, String name, boolean explicit, BytesAt file, long size, AnalyzeOptions options, int maxChunks,
                            long minChunk) throws IOException {
        byte[] head = new byte[(int) Math.min(InputScan.HEAD_BYTES, size)];
        file.readFully(0, head, head.length);
        Decompression.Opened probe = Decompression.open(new java.io.ByteArrayInputStream(head));
        if (!"plain".equals(probe.compression()) || probe.container() != Decompression.Container.NONE) return null;
        if (!TextForm.detect(head, head.length).equals(TextForm.PLAIN)) return null;

        java.time.ZoneId given = options.zones().zoneFor(name);
        LogFormat format = options.forcedFormat();
        String formatName;
        if (format != null) {
            format = format.inZone(given);
            formatName = format.name();
        } else {
            // Decided as the sequential path decides (FormatDecision), on the same lines: as far into the
            // file as that takes, past any junk at its head. The chunks then read those lines again.
            FormatDecision sniffed = new FormatDecision(KnownFormats.sniffCandidates(given), explicit, 0, f -> new Aggregator(index, name));
            InputStream whole = new RangeInputStream(file, 0, size, Progress.NONE);
            new LineReader(sniffed.untilDecided(whole, TextForm.notText(head, head.length)), options.maxLineBytes()).readAll(sniffed);
            sniffed.finish();
            if (!sniffed.recognised()) return null;   // the sequential path says what to do with it
            format = sniffed.format();
            formatName = sniffed.name();
        }

        // CloudFront's lines mean what its #Fields says, and only W3C's directives are carried into chunks:
        // read it in one pass (the sequential path).
        if (CloudFrontFormat.NAME.equals(formatName)) return null;
        int chunks = (int) Math.max(1, Math.min(maxChunks, size / minChunk));
        // Each chunk starts with the directives of the file's head, the usual case (one header, or the same
        // #Fields at each restart); once the chunk before it is done, the directives it left in force are
        // known, and a chunk that began with others is read again with them. Finding them by reading back
        // from each chunk's start instead read most of the file twice for a log with a single header.
        ChunkDirectives directives = format.chunkDirectives();
        // The head read above is the file's first bytes, as many as a header block could take.
        return new Plan(format, formatName, boundaries(file, size, chunks), directives, directives.atHead(head, head.length));
    }

    /**
     * What is said of a plain file read in chunks whose size was {@code size} when opened and is {@code now} once
     * read: nothing, or that it grew or shrank meanwhile. {@code cut}: it was read up to {@code size} on purpose
     * ({@link Input#upTo}), and what was written past that is for a later run.
     */
    public static List<String> sizeChange(long size, long now, boolean cut) {
        if (now > size && cut) return List.of();
        if (now > size) return List.of("the file grew while it was read (" + size + " bytes when opened, " + now
                + " now): the report is of its first " + size + " bytes, the SHA-256 too");
        if (now < size) return List.of("the file shrank while it was read (" + size + " bytes when opened, " + now
                + " now): lines past " + now + " bytes could not be read, and the SHA-256 is not of the file as opened");
        return List.of();
    }

    /** Chunk starts: evenly spaced, each moved to just after the next LF. */
    static long[] boundaries(BytesAt file, long size, int chunks) throws IOException {
        long[] b = new long[chunks + 1];
        b[chunks] = size;
        byte[] buf = new byte[64 * 1024];
        for (int i = 1; i < chunks; i++) {
            long at = Math.max(b[i - 1], size * i / chunks);
            long lf = -1;
            while (lf < 0 && at < size) {
                int n = file.read(at, buf, 0, (int) Math.min(buf.length, size - at));
                if (n <= 0) break;
                for (int k = 0; k < n; k++) {
                    if (buf[k] == '\n') { lf = at + k; break; }
                }
                at += n;
            }
            b[i] = lf < 0 ? size : lf + 1;
        }
        return b;
    }

    /**
     * A chunk's aggregate, what its format's directives made of its reading, and the field its client came from
     * (null: no record of it said; the format's own then, unless a later chunk's does).
     */
    public record Chunk(Aggregate aggregate, ChunkDirectives.Chunk directives, String clientField) {}

    private static Chunk chunk(long index, String name, Path path, long from, long to, LogFormat format, String formatName,
                               AnalyzeOptions options, Progress progress, ChunkDirectives directives, ChunkDirectives.InForce primed)
            throws IOException {
        try (BytesAt file = BytesAt.open(path)) {
            return read(index, name, new RangeInputStream(file, from, to, progress), from, format, formatName, options, directives, primed, true);
        }
    }

    /**
     * One chunk of a plan ({@link #plan}) read apart from the others, as a Spark task reads a range of a file: bytes
     * {@code [from, to)} of {@code file}, the input {@code name}, in the format the plan named {@code formatName}
     * (made again here, as the plan made it: named for the run, or the sniffer's of that name) begun with
     * {@code primed}. Its result's lines count from 1 ({@link Aggregate#shiftLines} places them); its zone is the
     * one its times were read in, or the last local one it read; its client field is the chunk's own (null if none).
     * What its directives made of its reading comes beside it, standing alone ({@link ChunkDirectives.Chunk#alone}).
     */
    public static Range readRange(long index, String name, BytesAt file, long from, long to, String formatName, AnalyzeOptions options,
                                  ChunkDirectives.InForce primed, boolean textStaysInFile) throws IOException {
        java.time.ZoneId given = options.zones().zoneFor(name);
        LogFormat format = ResumedScan.formatOf(formatName, options, given);
        Chunk c = read(index, name, new RangeInputStream(file, from, to, Progress.NONE), from, format, formatName, options,
                format.chunkDirectives(), primed, textStaysInFile);
        java.time.ZoneId zone = InputZones.applied(format, given);
        return new Range(new InputResult(index, name, to - from, null, "plain", formatName, zone != null ? zone : c.directives().localZone(),
                c.clientField(), c.aggregate(), List.of(), null), c.directives().alone());
    }

    /** A chunk read apart ({@link #readRange}): its result, and what its format's directives made of its reading. */
    public record Range(InputResult result, ChunkDirectives.Chunk directives) {}

    /**
     * The lines of {@code in}, the part of an input that begins at its offset {@code from} (at a line's start), read
     * in {@code format} begun with the directives {@code primed} in force; their line numbers count from 1 (placed
     * later, by {@link Aggregate#shiftLines}). {@code textStaysInFile}: the input is a plain file named by its path,
     * whose evidence text can be read again at its offsets; else it goes to the run's spill past the budget.
     */
    static Chunk read(long index, String name, InputStream in, long from, LogFormat format, String formatName, AnalyzeOptions options,
                      ChunkDirectives directives, ChunkDirectives.InForce primed, boolean textStaysInFile) throws IOException {
        Aggregator aggregator = new Aggregator(index, name, options.attemptHooks().newHook());
        aggregator.serverKind(ServerKind.ofFormat(formatName));
        aggregator.localZone(options.zones().zoneFor(name));
        if (textStaysInFile) aggregator.rereadableFrom(options.textBudget());
        else aggregator.spillsPast(options.textBudget());
        LineParser parser = format.newParser();
        ChunkDirectives.Chunk watched = directives.begin(parser, primed);
        RecordSink records = new RecordSink(aggregator, parser, 0);
        // Lines are shown to the directives only for a format that has them: this is a call per line.
        LineReader.Sink sink = directives == ChunkDirectives.NONE ? records : new LineReader.Sink() {
            @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
                watched.line(buf, start, end);
                records.line(buf, start, end, lineNumber, offset);
            }

            @Override public void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length) {
                records.tooLong(buf, prefixStart, prefixEnd, lineNumber, offset, length);
            }
        };
        new LineReader(in, options.maxLineBytes(), from).readAll(sink);
        return new Chunk(aggregator.aggregate(), watched, parser.clientField());
    }

    /** Bytes {@code [from, to)} of a file, reported to progress as they are read. */
    private static final class RangeInputStream extends InputStream {
        private final BytesAt file;
        private long pos;
        private final long end;
        private final Progress progress;

        RangeInputStream(BytesAt file, long from, long to, Progress progress) {
            this.file = file;
            this.pos = from;
            this.end = to;
            this.progress = progress;
        }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) return -1;
            int n = file.read(pos, b, off, (int) Math.min(len, end - pos));
            if (n < 0) return -1;
            pos += n;
            progress.advance(n);
            return n;
        }
    }
}
