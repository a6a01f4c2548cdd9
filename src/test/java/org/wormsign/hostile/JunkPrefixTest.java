package org.wormsign.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wormsign.hostile.Hostile.assertAccounting;
import static org.wormsign.hostile.Hostile.assertContains;
import static org.wormsign.hostile.Hostile.bytes;
import static org.wormsign.hostile.Hostile.only;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.RejectSample;
import org.wormsign.aggregate.Totals;
import org.wormsign.format.Reject;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.InputResult;
import org.wormsign.pipeline.RunResult;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Compressed;
import org.wormsign.testing.OneByteInputStream;
import org.wormsign.testing.Runs;

/**
 * Issue 15: a first line longer than the sniffer's head (it was 64 KiB) hid the whole file: "format not
 * recognised", every line rejected, the Code Red after it unreported. Now the sniffer reads on past lines it
 * cannot use. Each format's log after a junk line of 5 MB (over --max-line) or 200 KB (under it, over the old
 * head) is sniffed and read, as a plain file, as .gz and through standard input, the junk line counted as a
 * reject; inputs found in a folder are set aside as soon as they show they are no log.
 */
class JunkPrefixTest {
    @TempDir Path tmp;

    private static final int CLEAN_LINES = 250;
    private static final int LONG_JUNK = 5_000_000;
    private static final int SHORT_JUNK = 200_000;

    /**
     * A format's log: {@code before} the junk line (a W3C header IIS wrote before a crash filled the next block
     * with garbage), {@code after} it (a header after a hole), then Code Red I, {@link #CLEAN_LINES} ordinary
     * lines (more than the sniffer's 200: it decides before the end) and Code Red II.
     */
    record Case(String name, String format, List<String> before, List<String> after, FormatCase lines, String source,
                String sourceII, ZoneId zone, Reject shortJunk) {
        @Override public String toString() { return name; }

        int header() { return before.size() + after.size(); }

        /** The log with this junk line in place. */
        byte[] log(byte[] junk) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String h : before) out.writeBytes(bytes(h + "\r\n"));
            out.writeBytes(junk);
            out.write('\n');
            out.writeBytes(rest());
            return out.toByteArray();
        }

        /** What follows the junk line. */
        byte[] rest() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String h : after) out.writeBytes(bytes(h + "\r\n"));
            out.writeBytes(bytes(lines.codeRed() + "\n"));
            for (int i = 0; i < CLEAN_LINES; i++) out.writeBytes(bytes(lines.clean() + "\n"));
            out.writeBytes(bytes(lines.codeRedII() + "\n"));
            return out.toByteArray();
        }

        /** Where the Code Red I line starts. */
        long codeRedOffset(byte[] junk) {
            long at = junk.length + 1;
            for (String h : before) at += h.length() + 2;
            for (String h : after) at += h.length() + 2;
            return at;
        }
    }

    static FormatCase formatCase(String name) {
        return FormatCase.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    static List<Case> cases() {
        FormatCase w3c = formatCase("iis-w3c");
        return List.of(
                new Case("apache-combined", "apache-combined", List.of(), List.of(), formatCase("apache-combined"),
                        "211.218.252.9", "61.52.222.94", null, Reject.BINARY),
                new Case("nginx-combined", "nginx-combined", List.of(), List.of(), formatCase("nginx-combined"),
                        "61.78.10.1", "61.78.10.2", null, Reject.BINARY),
                // W3C and IIS native count a line's columns before they look at its bytes: random bytes hold
                // more spaces (commas) than any row has columns, so the line does not follow the format.
                new Case("iis-w3c, #Fields before the junk", "iis-w3c", w3c.header(), List.of(), w3c,
                        "137.250.36.15", "137.250.36.16", null, Reject.NO_MATCH),
                new Case("iis-w3c, #Fields after the junk", "iis-w3c", List.of(), w3c.header(), w3c,
                        "137.250.36.15", "137.250.36.16", null, Reject.NO_MATCH),
                new Case("iis-native --tz America/New_York", "iis-native", List.of(), List.of(), formatCase("iis-native"),
                        "172.16.1.1", "172.16.1.2", ZoneId.of("America/New_York"), Reject.NO_MATCH));
    }

    enum Way { PLAIN, GZIP, STDIN }

    static Stream<Arguments> everyWay() {
        List<Arguments> all = new ArrayList<>();
        for (Case c : cases()) for (int junk : new int[] {LONG_JUNK, SHORT_JUNK}) for (Way w : Way.values()) all.add(Arguments.of(c, junk, w));
        return all.stream();
    }

    /** One line of seeded random bytes: no LF, no CR (a CR-only head would read as Mac line ends), NULs and all. */
    static byte[] junk(int length) {
        byte[] b = new byte[length];
        new Random(length).nextBytes(b);
        for (int i = 0; i < length; i++) if (b[i] == '\n' || b[i] == '\r') b[i] = '~';
        return b;
    }

    static AnalyzeOptions options(ZoneId zone, int threads) {
        return new AnalyzeOptions(List.of("unused"), Path.of("unused"), null, threads, 1 << 20, org.wormsign.pipeline.InputZones.of(zone), List.of("junk"));
    }

    /** A pipe: no mark, no reset, and one byte per read when asked, as a slow writer gives them. */
    static final class Pipe extends FilterInputStream {
        Pipe(InputStream in) { super(in); }

        @Override public boolean markSupported() { return false; }

        @Override public synchronized void mark(int limit) { }

        @Override public synchronized void reset() throws IOException { throw new IOException("a pipe cannot rewind"); }
    }

    @ParameterizedTest(name = "{0}, junk of {1} bytes, {2}")
    @MethodSource("everyWay")
    @Timeout(120)
    void theLinesAfterAJunkFirstLineAreSniffedAndRead(Case c, int junkLength, Way way) throws IOException {
        byte[] junk = junk(junkLength);
        byte[] log = c.log(junk);
        AtomicInteger opened = new AtomicInteger();
        Input input = switch (way) {
            case PLAIN -> {
                Path p = Files.write(tmp.resolve("access.log"), log);
                yield Input.file(p.toString(), p, true);
            }
            case GZIP -> {
                byte[] gz = Compressed.Codec.GZIP.encode(log);
                Path p = Files.write(tmp.resolve("access.log.gz"), gz);
                yield Input.file(p.toString(), p, true);
            }
            case STDIN -> Input.of(Input.STDIN, () -> {
                opened.incrementAndGet();
                return new Pipe(new ByteArrayInputStream(log));
            });
        };
        RunResult run = Analyzer.run(options(c.zone(), 2), new InputFinder.Found(List.of(input), List.of()));
        InputResult r = only(run);
        assertEquals(List.of(), r.errors());
        assertEquals(c.format(), r.format(), "the format sniffed past the junk");
        if (way == Way.STDIN) assertEquals(1, opened.get(), "standard input is opened once");

        // Every line counted once; the junk line is a reject with its reason, and its number.
        Totals t = r.aggregate().totals();
        assertAccounting(run);
        assertEquals(1 + c.header() + 2 + CLEAN_LINES, t.lines());
        assertEquals(2 + CLEAN_LINES, t.records());
        assertEquals(1, t.rejected());
        assertEquals(c.header(), t.skipped());
        Reject reason = junkLength > (1 << 20) ? Reject.LINE_TOO_LONG : c.shortJunk();
        assertEquals(1, r.aggregate().rejects(reason), reason.code());
        RejectSample sample = single(r.aggregate().rejectSamples());
        assertEquals(c.before().size() + 1, sample.line());

        // Both attempts found, before and after the decision, at their own line and offset.
        ReportModel m = ReportModel.of(run.snapshot(), "test");
        assertEquals(1, m.totals().codeRed());
        assertEquals(1, m.totals().codeRedII());
        String hosts = Runs.hostsCsv(m);
        assertContains(hosts, c.source() + ",");
        assertContains(hosts, c.sourceII() + ",");
        Evidence e = single(m.hosts().stream().filter(h -> h.source().equals(c.source())).findFirst().orElseThrow().evidence());
        assertEquals(c.header() + 2, e.line());
        assertEquals(c.codeRedOffset(junk), e.offset());
    }

    /** The same bytes one per read: the sniffer decides on the same lines, so the outputs are the same. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(120)
    void oneByteAtATimeGivesTheSame(Case c) throws IOException {
        byte[] log = c.log(junk(SHORT_JUNK));
        Path p = Files.write(tmp.resolve("access.log"), log);
        ReportModel whole = model(c, Input.file(p.toString(), p, true));
        ReportModel slow = model(c, Input.of(p.toString(), () -> new OneByteInputStream(new ByteArrayInputStream(log))));
        assertEquals(c.format(), whole.inputs().get(0).format());
        assertEquals(whole.inputs().get(0).format(), slow.inputs().get(0).format());
        assertEquals(whole.totals(), slow.totals());
        assertEquals(Runs.hostsCsv(whole), Runs.hostsCsv(slow));
        assertEquals(whole.rejectSamples(), slow.rejectSamples());
    }

    private static ReportModel model(Case c, Input in) {
        return ReportModel.of(Analyzer.run(options(c.zone(), 1), new InputFinder.Found(List.of(in), List.of())).snapshot(), "test");
    }

    /** A UTF-16 log (Notepad's "Unicode") with a long junk first line: decoded, then sniffed past the junk. */
    @Test
    void aUtf16LogWithAJunkFirstLine() {
        Case c = cases().get(0);
        byte[] text = c.log(bytes("x".repeat(300_000)));
        byte[] utf16 = new byte[2 + text.length * 2];
        utf16[0] = (byte) 0xFF;
        utf16[1] = (byte) 0xFE;
        for (int i = 0; i < text.length; i++) utf16[2 + 2 * i] = text[i];
        InputResult r = only(Hostile.run("unicode.log", utf16));
        assertEquals("apache-combined", r.format());
        assertEquals("utf-16le", r.codec());
        assertEquals(2, r.aggregate().totals().codeRed() + r.aggregate().totals().codeRedII());
        assertEquals(1, r.aggregate().rejects(Reject.NO_MATCH));
    }

    /** An input that makes its bytes as they are read, and counts them. */
    private static InputStream made(AtomicLong read, byte[] prefix, long fill, byte b, byte[] suffix) {
        InputStream filler = new InputStream() {
            long left = fill;

            @Override public int read() {
                throw new UnsupportedOperationException("read in blocks");
            }

            @Override public int read(byte[] buf, int off, int len) {
                if (left == 0) return -1;
                int n = (int) Math.min(len, left);
                Arrays.fill(buf, off, off + n, b);
                left -= n;
                return n;
            }
        };
        InputStream all = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(prefix), filler, new ByteArrayInputStream(suffix))));
        return new FilterInputStream(all) {
            @Override public int read(byte[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n > 0) read.addAndGet(n);
                return n;
            }
        };
    }

    /** A junk line's end, then Apache lines with a Code Red I and a Code Red II among them. */
    private static byte[] endThenApacheLines() {
        return concat(bytes("\n"), cases().get(0).rest());
    }

    /**
     * A hole of NULs before the lines, as logrotate's copytruncate leaves behind a writer without O_APPEND: a
     * file named by the user is read past a run of over-long lines of any length, here 100 MB.
     */
    @Test
    @Timeout(60)
    void aNamedFileIsReadPastAHundredMegabyteHole() {
        AtomicLong read = new AtomicLong();
        Input in = Input.of("access.log", () -> made(read, new byte[0], 100_000_000L, (byte) 0, endThenApacheLines()));
        InputResult r = only(Analyzer.run(options(null, 1), new InputFinder.Found(List.of(in), List.of())));
        assertEquals("apache-combined", r.format());
        assertEquals(2, r.aggregate().totals().codeRed() + r.aggregate().totals().codeRedII());
        assertEquals(1, r.aggregate().rejects(Reject.LINE_TOO_LONG));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return Compressed.concat(a, b);
    }

    /** Found in a folder, the same log after a hole of 5 MB is read: a hole is NULs, not binary data. */
    @Test
    void aFoundLogAfterAHoleIsRead() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Files.write(dir.resolve("access.log"), concat(new byte[LONG_JUNK], endThenApacheLines()));
        RunResult run = Analyzer.run(Runs.options(List.of(dir.toString())));
        InputResult r = only(run);
        assertNull(r.ignoredBecause());
        assertEquals("apache-combined", r.format());
        assertEquals(2, r.aggregate().totals().codeRed() + r.aggregate().totals().codeRedII());
    }

    /** Found in a folder, a log after a long line of text junk is read. */
    @Test
    void aFoundLogAfterALongTextLineIsRead() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Files.write(dir.resolve("access.log"), concat(bytes("Lorem ipsum dolor sit amet, ".repeat(200_000)), endThenApacheLines()));
        InputResult r = only(Analyzer.run(Runs.options(List.of(dir.toString()))));
        assertNull(r.ignoredBecause());
        assertEquals("apache-combined", r.format());
        assertEquals(1, r.aggregate().rejects(Reject.LINE_TOO_LONG));
    }

    /**
     * Found in a folder, a big binary file (a core dump, a journal) is set aside after its first 64 KiB, not
     * read to its end; named by the user, the same bytes are read through, and the log after them found.
     */
    @Test
    @Timeout(60)
    void aFoundBinaryFileIsSetAsideAfter64KiB() {
        byte[] random = junk(32 << 20);
        AtomicLong read = new AtomicLong();
        Input found = Input.of("logs/core", () -> made(read, random, 0, (byte) 0, endThenApacheLines()), false);
        RunResult run = Analyzer.run(options(null, 1), new InputFinder.Found(List.of(found), List.of()));
        InputResult r = only(run);
        assertNotNull(r.ignoredBecause());
        assertContains(r.ignoredBecause(), "not text");
        assertTrue(read.get() <= 2 * 65536, read.get() + " bytes read");
        assertEquals(0, run.merged().totals().lines(), "a file set aside is not counted");

        Input named = Input.of("core", () -> new ByteArrayInputStream(concat(random, endThenApacheLines())));
        InputResult n = only(Analyzer.run(options(null, 1), new InputFinder.Found(List.of(named), List.of())));
        assertEquals("apache-combined", n.format());
        assertEquals(2, n.aggregate().totals().codeRed() + n.aggregate().totals().codeRedII());
    }

    /** Found in a folder, a hole longer than the sniffer's budget is set aside at 64 MiB: nothing found does cost more. */
    @Test
    @Timeout(60)
    void aFoundFileIsSetAsideAfter64MiBWithoutALogLine() {
        AtomicLong read = new AtomicLong();
        Input found = Input.of("logs/lastlog", () -> made(read, new byte[0], 200_000_000L, (byte) 0, endThenApacheLines()), false);
        InputResult r = only(Analyzer.run(options(null, 1), new InputFinder.Found(List.of(found), List.of())));
        assertNotNull(r.ignoredBecause());
        assertContains(r.ignoredBecause(), "64 MiB");
        assertTrue(read.get() < 70_000_000L, read.get() + " bytes read");
        assertNull(r.sha256(), "not read to its end, so not hashed");
    }

    /** Found in a folder, a text file that is no log is set aside, as before, and hashed (it was read through). */
    @Test
    void aFoundReadmeIsSetAside() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(dir.resolve("README"), "These are the web server's logs.\nAsk ops before deleting them.\n");
        InputResult r = only(Analyzer.run(Runs.options(List.of(dir.toString()))));
        assertEquals("not a log in a known format (none of its first lines parse)", r.ignoredBecause());
        assertNotNull(r.sha256());
    }

    private static <T> T single(List<T> list) {
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }
}
