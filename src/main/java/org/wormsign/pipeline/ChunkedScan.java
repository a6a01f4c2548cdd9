package org.wormsign.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.wormsign.aggregate.Aggregate;
import org.wormsign.aggregate.Aggregator;
import org.wormsign.detect.ServerKind;
import org.wormsign.format.FormatSniffer;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;
import org.wormsign.format.LogRecord;
import org.wormsign.input.Decompression;
import org.wormsign.input.Input;
import org.wormsign.input.LineReader;
import org.wormsign.input.TextForm;

/**
 * A large plain file read by several threads at once: cut into line-aligned chunks, each framed, parsed
 * and aggregated on its own, while one more thread hashes the whole file; the chunks' aggregates are then
 * merged in order, their line numbers placed after the lines of the chunks before them. A W3C chunk
 * starts with the {@code #Fields} (and {@code #Date}) in force at its offset, found by reading backwards.
 * Any input this cannot take as it is (compressed, UTF-16, CR line ends, a pipe, small) goes the
 * sequential way instead.
 */
final class ChunkedScan {
    private ChunkedScan() {}

    /** A chunk is at least this big: smaller files gain nothing from threads. */
    static final long MIN_CHUNK = 32L << 20;
    private static final int BACKWARD_BLOCK = 1 << 20;

    /** Whether this input is a plain file large enough to cut, with threads to spare. */
    static boolean applies(Input input, AnalyzeOptions options) {
        return applies(input, options, MIN_CHUNK);
    }

    static boolean applies(Input input, AnalyzeOptions options, long minChunk) {
        Path path = input.path();
        if (path == null || options.threads() < 2 || !Files.isRegularFile(path)) return false;
        try {
            return Files.size(path) >= 2 * minChunk;
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
            long size = ch.size();
            byte[] head = new byte[(int) Math.min(InputScan.SNIFF_BYTES, size)];
            readFully(ch, head, 0);
            Decompression.Opened probe = Decompression.open(new java.io.ByteArrayInputStream(head));
            if (!"plain".equals(probe.compression()) || probe.container() != Decompression.Container.NONE) return null;
            if (!TextForm.detect(head, head.length).equals(TextForm.PLAIN)) return null;

            LogFormat format = options.forcedFormat();
            String formatName;
            if (format != null) {
                formatName = format.name();
            } else {
                FormatSniffer.Sniffed sniffed = FormatSniffer.sniff(head, head.length, false, KnownFormats.sniffCandidates(options.zone()));
                if (sniffed.format() == null) return null;   // the sequential path says what to do with it
                format = sniffed.format();
                formatName = sniffed.name();
            }

            int chunks = (int) Math.max(1, Math.min(options.threads(), size / minChunk));
            long[] bounds = boundaries(ch, size, chunks);
            ExecutorService pool = Executors.newFixedThreadPool(chunks + 1, r -> {
                Thread t = new Thread(r, "wormsign-chunk");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<String> sha = pool.submit(() -> sha256(path, size));
                List<Future<Aggregate>> parts = new ArrayList<>();
                for (int i = 0; i < chunks; i++) {
                    long from = bounds[i], to = bounds[i + 1];
                    LogFormat f = format;
                    String name = formatName;
                    parts.add(pool.submit(() -> chunk(index, input.name(), path, from, to, f, name, options, progress)));
                }
                Aggregate merged = new Aggregate();
                long linesBefore = 0;
                for (Future<Aggregate> part : parts) {
                    Aggregate a = part.get();
                    long lines = a.totals().lines();
                    a.shiftLines(linesBefore);
                    merged.merge(a);
                    linesBefore += lines;
                }
                List<String> errors = new ArrayList<>();
                long now = Files.size(path);
                if (now > size) errors.add("the file grew while it was read (" + size + " bytes when opened, " + now
                        + " now): the report is of its first " + size + " bytes, the SHA-256 too");
                else if (now < size) errors.add("the file shrank while it was read (" + size + " bytes when opened, " + now
                        + " now): lines past " + now + " bytes could not be read, and the SHA-256 is not of the file as opened");
                return new InputResult(index, input.name(), size, sha.get(), "plain", formatName, merged, errors, null);
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

    private static Aggregate chunk(long index, String name, Path path, long from, long to, LogFormat format, String formatName,
                                   AnalyzeOptions options, Progress progress) throws IOException {
        Aggregator aggregator = new Aggregator(index, name);
        aggregator.serverKind(ServerKind.ofFormat(formatName));
        aggregator.rereadableFrom(options.textBudget());
        LineParser parser = format.newParser();
        if (from > 0) prime(path, from, parser);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            InputStream in = new RangeInputStream(ch, from, to, progress);
            new LineReader(in, options.maxLineBytes(), from).readAll(new RecordSink(aggregator, parser, 0));
        }
        return aggregator.aggregate();
    }

    /**
     * Feeds the parser the directives in force at {@code offset}: the last {@code #Date:} and
     * {@code #Fields:} lines before it (W3C); harmless for formats without directives, which reject them.
     */
    private static void prime(Path path, long offset, LineParser parser) throws IOException {
        byte[] fields = null, date = null;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] first = new byte[1];
            readFully(ch, first, 0);
            if (first[0] != '#' && !startsDirective(ch)) return;
            long end = offset;
            byte[] block = new byte[BACKWARD_BLOCK + 4096];
            while (end > 0 && (fields == null || date == null)) {
                long start = Math.max(0, end - BACKWARD_BLOCK);
                int n = (int) (end - start);
                readFully(ch, block, start, n);
                // Lines that start inside this block, last first; a line starting before it is seen next round.
                for (int p = n - 1; p >= 0; p--) {
                    boolean lineStart = p > 0 ? block[p - 1] == '\n' : start == 0 || byteAt(ch, start - 1) == '\n';
                    if (!lineStart || block[p] != '#') continue;
                    byte[] line = lineAt(ch, start + p, offset);
                    String text = new String(line, 0, Math.min(line.length, 8), StandardCharsets.ISO_8859_1);
                    if (fields == null && text.startsWith("#Fields:")) fields = line;
                    else if (date == null && text.startsWith("#Date:")) date = line;
                }
                end = start;
            }
        }
        LogRecord scratch = new LogRecord();
        if (date != null) parser.parse(date, 0, date.length, scratch);
        if (fields != null) parser.parse(fields, 0, fields.length, scratch);
    }

    /** Whether the file is W3C-like: a directive among its first lines (the first may be blank). */
    private static boolean startsDirective(FileChannel ch) throws IOException {
        byte[] head = new byte[4096];
        int n = ch.read(ByteBuffer.wrap(head), 0);
        for (int i = 0; i + 1 < n; i++) if (head[i] == '\n' && head[i + 1] == '#') return true;
        return false;
    }

    /** The line starting at {@code at}, without its line end, read no further than {@code limit}. */
    private static byte[] lineAt(FileChannel ch, long at, long limit) throws IOException {
        byte[] buf = new byte[(int) Math.min(64 * 1024, limit - at)];
        int n = ch.read(ByteBuffer.wrap(buf), at);
        int e = 0;
        while (e < n && buf[e] != '\n') e++;
        if (e > 0 && buf[e - 1] == '\r') e--;
        return java.util.Arrays.copyOf(buf, Math.max(e, 0));
    }

    private static byte byteAt(FileChannel ch, long at) throws IOException {
        byte[] one = new byte[1];
        readFully(ch, one, at);
        return one[0];
    }

    private static String sha256(Path path, long size) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long pos = 0;
            while (pos < size) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), size - pos));
                int n = ch.read(buf, pos);
                if (n <= 0) break;
                buf.flip();
                md.update(buf);
                pos += n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
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
