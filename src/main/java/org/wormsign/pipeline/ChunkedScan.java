package org.wormsign.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
final class ChunkedScan {
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
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            // A file cut at a line end (Input.upTo) is read up to there: what is written past it is for a later run.
            long size = input.end() >= 0 ? input.end() : ch.size();
            byte[] head = new byte[(int) Math.min(InputScan.HEAD_BYTES, size)];
            readFully(ch, head, 0);
            Decompression.Opened probe = Decompression.open(new java.io.ByteArrayInputStream(head));
            if (!"plain".equals(probe.compression()) || probe.container() != Decompression.Container.NONE) return null;
            if (!TextForm.detect(head, head.length).equals(TextForm.PLAIN)) return null;

            java.time.ZoneId given = options.zones().zoneFor(input.name());
            LogFormat format = options.forcedFormat();
            String formatName;
            if (format != null) {
                format = format.inZone(given);
                formatName = format.name();
            } else {
                // Decided as the sequential path decides (FormatDecision), on the same lines: as far into the
                // file as that takes, past any junk at its head. The chunks then read those lines again.
                FormatDecision sniffed = new FormatDecision(KnownFormats.sniffCandidates(given), input.explicit(), 0,
                        f -> new Aggregator(index, input.name()));
                InputStream whole = new RangeInputStream(ch, 0, size, Progress.NONE);
                new LineReader(sniffed.untilDecided(whole, TextForm.notText(head, head.length)), options.maxLineBytes()).readAll(sniffed);
                sniffed.finish();
                if (!sniffed.recognised()) return null;   // the sequential path says what to do with it
                format = sniffed.format();
                formatName = sniffed.name();
            }

            // CloudFront's lines mean what its #Fields says, and only W3C's directives are carried into chunks:
            // read it in one pass (the sequential path).
            if (CloudFrontFormat.NAME.equals(formatName)) return null;
            int chunks = (int) Math.max(1, Math.min(options.threads(), size / minChunk));
            long[] bounds = boundaries(ch, size, chunks);
            // Each chunk starts with the directives of the file's head, the usual case (one header, or the same
            // #Fields at each restart); once the chunk before it is done, the directives it left in force are
            // known, and a chunk that began with others is read again with them. Finding them by reading back
            // from each chunk's start instead read most of the file twice for a log with a single header.
            ChunkDirectives directives = format.chunkDirectives();
            // The head read above is the file's first bytes, as many as a header block could take.
            ChunkDirectives.InForce atHead = directives.atHead(head, head.length);
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
                    LogFormat f = format;
                    String name = formatName;
                    ChunkDirectives.InForce primed = from == 0 ? directives.none() : atHead;
                    parts.add(pool.submit(() -> chunk(index, input.name(), path, from, to, f, name, options, progress, directives, primed)));
                }
                Aggregate merged = new Aggregate();
                long linesBefore = 0;
                ChunkDirectives.InForce inForce = directives.none();
                java.time.ZoneId localZone = null;
                // The client key the first chunk with a record read (a JSON layout's), else the format's own.
                String clientField = null;
                for (int i = 0; i < chunks; i++) {
                    Chunk c = parts.get(i).get();
                    if (!c.directives().readAsIfPrimedWith(inForce)) {
                        c = chunk(index, input.name(), path, bounds[i], bounds[i + 1], format, formatName, options, Progress.NONE, directives, inForce);
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
                List<String> errors = new ArrayList<>();
                long now = Files.size(path);
                if (now > size && input.end() >= 0) {
                    // Cut there on purpose (Input.upTo).
                } else if (now > size) errors.add("the file grew while it was read (" + size + " bytes when opened, " + now
                        + " now): the report is of its first " + size + " bytes, the SHA-256 too");
                else if (now < size) errors.add("the file shrank while it was read (" + size + " bytes when opened, " + now
                        + " now): lines past " + now + " bytes could not be read, and the SHA-256 is not of the file as opened");
                java.time.ZoneId zone = InputZones.applied(format, given);
                return new InputResult(index, input.name(), size, sha.get(), "plain", formatName, zone != null ? zone : localZone,
                        clientField != null ? clientField : format.clientField(), merged, errors, null);
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

    /** Chunk starts: evenly spaced, each moved to just after the next LF. */
    static long[] boundaries(FileChannel ch, long size, int chunks) throws IOException {
        long[] b = new long[chunks + 1];
        b[chunks] = size;
        byte[] buf = new byte[64 * 1024];
        for (int i = 1; i < chunks; i++) {
            long at = Math.max(b[i - 1], size * i / chunks);
            long lf = -1;
            while (lf < 0 && at < size) {
                int n = ch.read(ByteBuffer.wrap(buf), at);
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

    /** A chunk's aggregate, what its format's directives made of its reading, and the field its client came from. */
    record Chunk(Aggregate aggregate, ChunkDirectives.Chunk directives, String clientField) {}

    private static Chunk chunk(long index, String name, Path path, long from, long to, LogFormat format, String formatName,
                               AnalyzeOptions options, Progress progress, ChunkDirectives directives, ChunkDirectives.InForce primed)
            throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(index, name, new RangeInputStream(ch, from, to, progress), from, format, formatName, options, directives, primed, true);
        }
    }

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

    private static void readFully(FileChannel ch, byte[] b, long at) throws IOException {
        readFully(ch, b, at, b.length);
    }

    private static void readFully(FileChannel ch, byte[] b, long at, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, 0, n);
        while (bb.hasRemaining()) {
            if (ch.read(bb, at + bb.position()) < 0) throw new java.io.EOFException("file shorter than when it was opened");
        }
    }

    /** Bytes {@code [from, to)} of a file, reported to progress as they are read. */
    private static final class RangeInputStream extends InputStream {
        private final FileChannel ch;
        private long pos;
        private final long end;
        private final Progress progress;

        RangeInputStream(FileChannel ch, long from, long to, Progress progress) {
            this.ch = ch;
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
            int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - pos)), pos);
            if (n < 0) return -1;
            pos += n;
            progress.advance(n);
            return n;
        }
    }
}
