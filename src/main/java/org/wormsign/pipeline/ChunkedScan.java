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
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.wormsign.aggregate.Aggregate;
import org.wormsign.aggregate.Aggregator;
import org.wormsign.detect.ServerKind;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;
import org.wormsign.format.LogRecord;
import org.wormsign.format.iis.W3cFields;
import org.wormsign.format.iis.W3cFormat;
import org.wormsign.format.iis.W3cParser;
import org.wormsign.format.proxy.CloudFrontFormat;
import org.wormsign.input.Decompression;
import org.wormsign.input.Input;
import org.wormsign.input.LineReader;
import org.wormsign.input.TextForm;

/**
 * A large plain file read by several threads at once: cut into line-aligned chunks, each framed, parsed
 * and aggregated on its own, while one more thread hashes the whole file; the chunks' aggregates are then
 * merged in order, their line numbers placed after the lines of the chunks before them. A W3C chunk
 * is read with the {@code #Fields} (and {@code #Date}) in force at its offset, and the earlier {@code #Fields}
 * a line that does not fit may be realigned to: those of the file's head, or, where the chunk before left
 * others, read again with those.
 * Any input this cannot take as it is (compressed, UTF-16, CR line ends, a pipe, small) goes the
 * sequential way instead.
 */
final class ChunkedScan {
    private ChunkedScan() {}

    /** A chunk is at least this big: smaller files gain nothing from threads. */
    static final long MIN_CHUNK = 32L << 20;
    /** How much of the file's head is read for its directives: a header block is a few hundred bytes. */
    private static final int HEAD_BYTES = 64 * 1024;

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
            // W3C lines mean what the #Fields (and #Date) in force say. Each chunk starts with those of the
            // file's head, the usual case (one header, or the same #Fields at each restart); once the chunk
            // before it is done, the directives it left in force are known, and a chunk that began with others
            // is read again with them. Finding them by reading back from each chunk's start instead read
            // most of the file twice for a log with a single header.
            boolean w3c = W3cFormat.NAME.equals(formatName);
            Directives atHead = w3c ? headDirectives(ch) : Directives.NONE;
            ExecutorService pool = Executors.newFixedThreadPool(chunks + 1, r -> {
                Thread t = new Thread(r, "wormsign-chunk");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<String> sha = pool.submit(() -> sha256(path, size));
                List<Future<Chunk>> parts = new ArrayList<>();
                for (int i = 0; i < chunks; i++) {
                    long from = bounds[i], to = bounds[i + 1];
                    LogFormat f = format;
                    String name = formatName;
                    Directives primed = from == 0 ? Directives.NONE : atHead;
                    parts.add(pool.submit(() -> chunk(index, input.name(), path, from, to, f, name, options, progress, primed, w3c)));
                }
                Aggregate merged = new Aggregate();
                long linesBefore = 0;
                Directives inForce = Directives.NONE;
                java.time.ZoneId localZone = null;
                // The client key the first chunk with a record read (a JSON layout's), else the format's own.
                String clientField = null;
                for (int i = 0; i < chunks; i++) {
                    Chunk c = parts.get(i).get();
                    if (!c.readAsIfPrimedWith(inForce)) {
                        c = chunk(index, input.name(), path, bounds[i], bounds[i + 1], format, formatName, options, Progress.NONE, inForce, w3c);
                    }
                    inForce = c.leaves(inForce);
                    if (c.localZone() != null) localZone = c.localZone();
                    if (clientField == null) clientField = c.clientField();
                    Aggregate a = c.aggregate();
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

    /**
     * A chunk's aggregate, the directives it was begun with, the last ones it read itself (null: none), the
     * #Fields it read by column count, whether any of its lines took its day from the #Date it was begun with,
     * whether any did not fit the #Fields in force (so the earlier ones could decide its reading), the last
     * #GMT-Offset it read itself (null: none), and the zone of the last local time it read (null: none).
     */
    private record Chunk(Aggregate aggregate, Directives primed, byte[] lastFields, long lastDay, Map<Integer, String> ownLayouts,
                         boolean usedPrimedDay, boolean lookedBack, byte[] lastOffset, java.time.ZoneId localZone,
                         String clientField) {
        /**
         * Whether its lines mean what they would have meant begun with {@code inForce}: the same #Fields, the
         * same #Date day unless no line took its day from it (each line's own date column wins, and a #Date or a
         * #Fields later in the chunk comes first), and the same earlier #Fields unless every line fitted the
         * #Fields in force.
         */
        boolean readAsIfPrimedWith(Directives inForce) {
            if (!java.util.Arrays.equals(primed.fields(), inForce.fields())) return false;
            if (lookedBack && !primed.layouts().equals(inForce.layouts())) return false;
            // Only local columns (IIS Advanced Logging) use it: a chunk that read none means the same either way.
            if (localZone != null && !java.util.Arrays.equals(primed.offset(), inForce.offset())) return false;
            return !usedPrimedDay || primed.day() == inForce.day();
        }

        /** The directives in force after this chunk, given those in force before it. */
        Directives leaves(Directives before) {
            Map<Integer, String> layouts = before.layouts();
            if (!ownLayouts.isEmpty()) {
                TreeMap<Integer, String> all = new TreeMap<>(layouts);
                all.putAll(ownLayouts);
                layouts = Collections.unmodifiableMap(all);
            }
            return new Directives(lastFields != null ? lastFields : before.fields(), lastDay != NO_DAY ? lastDay : before.day(), layouts,
                    lastOffset != null ? lastOffset : before.offset());
        }
    }

    private static Chunk chunk(long index, String name, Path path, long from, long to, LogFormat format, String formatName,
                               AnalyzeOptions options, Progress progress, Directives primed, boolean w3c) throws IOException {
        Aggregator aggregator = new Aggregator(index, name, options.attemptHooks().newHook());
        aggregator.serverKind(ServerKind.ofFormat(formatName));
        aggregator.localZone(options.zones().zoneFor(name));
        aggregator.rereadableFrom(options.textBudget());
        LineParser parser = format.newParser();
        LogRecord scratch = new LogRecord();
        if (primed.day() != NO_DAY) {
            byte[] date = ("#Date: " + java.time.LocalDate.ofEpochDay(primed.day()) + " 00:00:00").getBytes(StandardCharsets.ISO_8859_1);
            parser.parse(date, 0, date.length, scratch);
        }
        // The earlier #Fields first, the one in force last: the parser then holds both as one pass would.
        for (String earlier : primed.layouts().values()) {
            byte[] line = earlier.getBytes(StandardCharsets.ISO_8859_1);
            parser.parse(line, 0, line.length, scratch);
        }
        if (primed.offset() != null) parser.parse(primed.offset(), 0, primed.offset().length, scratch);
        if (primed.fields() != null) parser.parse(primed.fields(), 0, primed.fields().length, scratch);
        RecordSink records = new RecordSink(aggregator, parser, 0);
        // Only W3C lines are watched for directives: other formats have none, and this is a call per line.
        DirectiveTracker tracker = w3c ? new DirectiveTracker(records, primed) : null;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            InputStream in = new RangeInputStream(ch, from, to, progress);
            new LineReader(in, options.maxLineBytes(), from).readAll(tracker != null ? tracker : records);
        }
        if (tracker == null) {
            return new Chunk(aggregator.aggregate(), primed, null, NO_DAY, Map.of(), false, false, null, null, parser.clientField());
        }
        boolean lookedBack = parser instanceof W3cParser w && w.lookedBack();
        return new Chunk(aggregator.aggregate(), primed, tracker.fields, tracker.day, tracker.layouts, tracker.usedPrimedDay, lookedBack,
                tracker.gmtOffset, parser.localZone(), parser.clientField());
    }

    /** No #Date read: days are counted from 1970, so this is none of them. */
    private static final long NO_DAY = Long.MIN_VALUE;

    /**
     * The W3C directives that decide what a line means: the last {@code #Fields:} line (without its line
     * end), null if none, the day of the last readable {@code #Date:}, {@link #NO_DAY} if none, and the last
     * {@code #Fields:} line of each column count (a line that does not fit the one in force may be read by
     * an earlier one with its count), and the last readable {@code #GMT-Offset:} line, null if none (the
     * offset of local date and time columns).
     */
    record Directives(byte[] fields, long day, Map<Integer, String> layouts, byte[] offset) {
        static final Directives NONE = new Directives(null, NO_DAY, Map.of(), null);
    }

    /** Passes every line on, noting the W3C directives among them and whether a line needed the primed #Date. */
    private static final class DirectiveTracker implements LineReader.Sink {
        private final LineReader.Sink next;
        private byte[] fields;
        /** The last #Fields line of each column count in this chunk. */
        private final Map<Integer, String> layouts = new TreeMap<>();
        private long day = NO_DAY;
        /** The last readable #GMT-Offset line of this chunk. */
        private byte[] gmtOffset;
        private boolean fieldsInForceHaveDate;
        private boolean fieldsInForceKnown;
        private boolean usedPrimedDay;

        DirectiveTracker(LineReader.Sink next, Directives primed) {
            this.next = next;
            this.fieldsInForceKnown = primed.fields() != null;
            this.fieldsInForceHaveDate = primed.fields() != null && W3cParser.fieldsHaveDate(primed.fields(), 0, primed.fields().length);
        }

        @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
            if (end > start && buf[start] == '#') {
                if (startsWith(buf, start, end, "#Fields:")) {
                    fields = java.util.Arrays.copyOfRange(buf, start, end);
                    W3cFields columns = W3cParser.fieldsDirective(buf, start, end);
                    fieldsInForceKnown = true;
                    fieldsInForceHaveDate = columns.hasDate();
                    if (columns.count() <= W3cParser.MAX_COLUMNS) layouts.put(columns.count(), new String(fields, StandardCharsets.ISO_8859_1));
                } else if (startsWith(buf, start, end, "#Date:")) {
                    long d = W3cParser.directiveDay(buf, start, end);
                    if (d != NO_DAY) day = d;
                } else if (startsWith(buf, start, end, "#GMT-Offset:") && W3cParser.directiveOffset(buf, start, end) != null) {
                    gmtOffset = java.util.Arrays.copyOfRange(buf, start, end);
                }
            } else if (day == NO_DAY && fieldsInForceKnown && !fieldsInForceHaveDate && end > start) {
                // A line with no date column, before any #Date of this chunk: dated by the one it began with.
                usedPrimedDay = true;
            }
            next.line(buf, start, end, lineNumber, offset);
        }

        @Override public void tooLong(byte[] buf, int prefixStart, int prefixEnd, long lineNumber, long offset, long length) {
            next.tooLong(buf, prefixStart, prefixEnd, lineNumber, offset, length);
        }
    }

    private static boolean startsWith(byte[] b, int start, int end, String prefix) {
        if (end - start < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (b[start + i] != prefix.charAt(i)) return false;
        return true;
    }

    /**
     * The directives of the file's head: its first lines that start with {@code #} (a blank line may come
     * first), up to the first line that does not.
     */
    private static Directives headDirectives(FileChannel ch) throws IOException {
        byte[] head = new byte[(int) Math.min(HEAD_BYTES, ch.size())];
        readFully(ch, head, 0);
        byte[] fields = null;
        long day = NO_DAY;
        TreeMap<Integer, String> layouts = new TreeMap<>();
        byte[] offset = null;
        int p = 0;
        while (p < head.length) {
            int e = p;
            while (e < head.length && head[e] != '\n') e++;
            if (e == head.length) break;   // a line cut by the end of what was read: not a whole directive
            int end = e > p && head[e - 1] == '\r' ? e - 1 : e;
            if (end > p && head[p] != '#') break;
            if (startsWith(head, p, end, "#Fields:")) {
                fields = java.util.Arrays.copyOfRange(head, p, end);
                int width = W3cParser.fieldsDirective(head, p, end).count();
                if (width <= W3cParser.MAX_COLUMNS) layouts.put(width, new String(fields, StandardCharsets.ISO_8859_1));
            }
            else if (startsWith(head, p, end, "#Date:") && W3cParser.directiveDay(head, p, end) != NO_DAY) day = W3cParser.directiveDay(head, p, end);
            else if (startsWith(head, p, end, "#GMT-Offset:") && W3cParser.directiveOffset(head, p, end) != null) {
                offset = java.util.Arrays.copyOfRange(head, p, end);
            }
            p = e + 1;
        }
        return new Directives(fields, day, Collections.unmodifiableMap(layouts), offset);
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
