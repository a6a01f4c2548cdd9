package org.wormsign.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wormsign.hostile.Hostile.assertAccounting;
import static org.wormsign.hostile.Hostile.assertContains;
import static org.wormsign.hostile.Hostile.bytes;
import static org.wormsign.hostile.Hostile.only;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.RejectSample;
import org.wormsign.aggregate.Totals;
import org.wormsign.format.Addresses;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.Reject;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.InputResult;
import org.wormsign.pipeline.RunResult;
import org.wormsign.testing.OneByteInputStream;

/**
 * Issue 8, part 1: hostile bytes inside a log. Each is read to its end, every line is counted once (as a
 * record, a reject with its reason, or skipped), and the lines around it are still found.
 */
class HostileInputTest {
    @TempDir Path tmp;

    private static final String BEFORE = Hostile.combined("1.1.1.1", Hostile.CODE_RED_REQUEST, 400);
    private static final String AFTER = Hostile.combined("2.2.2.2", Hostile.CODE_RED_REQUEST, 400);

    /** Bytes made as they are read: a 100 MB line never exists in memory, here or in the reader. */
    private static InputStream repeated(byte b, long count) {
        return new InputStream() {
            long left = count;

            @Override public int read() {
                if (left == 0) return -1;
                left--;
                return b & 0xff;
            }

            @Override public int read(byte[] buf, int off, int len) {
                if (left == 0) return -1;
                int n = (int) Math.min(len, left);
                Arrays.fill(buf, off, off + n, b);
                left -= n;
                return n;
            }
        };
    }

    @Test
    @Timeout(60)
    void aHundredMegabyteLineIsOneRejectAndTheLinesAroundItAreRead() {
        long length = 100L * 1000 * 1000;
        Input in = Input.of("huge.log", () -> new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new java.io.ByteArrayInputStream(bytes(BEFORE + "\n")), repeated((byte) 'A', length),
                new java.io.ByteArrayInputStream(bytes("\n" + AFTER + "\n"))))));
        RunResult run = Analyzer.run(Hostile.options(null), new InputFinder.Found(List.of(in), List.of()));
        InputResult r = only(run);
        Totals t = r.aggregate().totals();
        assertEquals(3, t.lines());
        assertEquals(2, t.records());
        assertEquals(2, t.codeRed(), "both Code Red lines around the huge one are found");
        assertEquals(1, r.aggregate().rejects(Reject.LINE_TOO_LONG));
        RejectSample s = r.aggregate().rejectSamples().get(0);
        assertEquals(2, s.line());
        assertEquals(BEFORE.length() + 1, s.offset());
        assertContains(s.raw(), "[… " + (length - 2048) + " more bytes]");
        assertTrue(s.raw().length() < 2100, "the sample is cut at 2048 bytes");
        assertTrue(r.errors().isEmpty(), r.errors().toString());
        assertAccounting(run);
    }

    @Test
    void aFileOfNulsIsRejectedAsBinaryLineByLine() {
        byte[] nuls = new byte[64 * 1024];
        for (int i = 99; i < nuls.length; i += 100) nuls[i] = '\n';
        RunResult run = Hostile.run("zeros.log", nuls);
        InputResult r = only(run);
        Totals t = r.aggregate().totals();
        assertEquals(nuls.length / 100 + 1, t.lines(), "655 lines of 99 NULs, and the 36 NULs after the last LF");
        assertEquals(t.lines(), r.aggregate().rejects(Reject.BINARY), "every line is binary, none a no-match");
        assertEquals("unrecognised", r.format());
        assertEquals(1, r.errors().size(), "named on the command line, not a log: said, exit 1");
        assertContains(r.errors().get(0), "format not recognised");
        assertAccounting(run);

        // With the format named, the same: binary rejects.
        RunResult forced = Hostile.run("zeros.log", nuls, KnownFormats.byName("apache-combined"));
        assertEquals(t.lines(), only(forced).aggregate().rejects(Reject.BINARY));
        assertAccounting(forced);
    }

    @Test
    void aFileOfNulsWithoutLineEndsIsOneLine() {
        byte[] nuls = new byte[5000];
        InputResult r = only(Hostile.run("zeros.bin", nuls));
        assertEquals(1, r.aggregate().totals().lines());
        assertEquals(1, r.aggregate().rejects(Reject.BINARY));
        assertContains(r.aggregate().rejectSamples().get(0).raw(), "\\x00\\x00");
    }

    @Test
    void randomBytesAreCountedNeverThrown() {
        Random random = new Random(8);
        for (int round = 0; round < 20; round++) {
            byte[] noise = new byte[1 + random.nextInt(200_000)];
            random.nextBytes(noise);
            for (var format : new String[] {null, "apache-combined", "iis-w3c", "iis-native"}) {
                RunResult run = Hostile.run("noise.bin", noise, format == null ? null : KnownFormats.byName(format));
                InputResult r = only(run);
                long lfs = 0;
                for (byte b : noise) if (b == '\n') lfs++;
                long expectedLines = lfs + (noise[noise.length - 1] == '\n' ? 0 : 1);
                if (!r.codec().equals("plain")) continue; // noise that starts like gzip is a damaged gzip: said, not counted
                assertEquals(expectedLines, r.aggregate().totals().lines(), "one count per LF-ended line");
                assertEquals(0, r.aggregate().totals().records(), "noise is no record");
                assertAccounting(run);
            }
        }
    }

    /** The same log with LF, CR LF and CR alone between its lines reads the same; CR alone keeps offsets. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.hostile.FormatCase#all")
    void crOnlyLineEndsAreLineEnds(FormatCase f) {
        String lf = f.log();
        RunResult plain = Hostile.run("lf.log", bytes(lf));
        RunResult crlf = Hostile.run("crlf.log", bytes(lf.replace("\n", "\r\n")));
        RunResult cr = Hostile.run("cr.log", bytes(lf.replace("\n", "\r")));
        for (RunResult run : List.of(plain, crlf, cr)) {
            InputResult r = only(run);
            assertEquals(f.name().endsWith("custom") ? "unrecognised" : f.name(), r.format());
            assertAccounting(run);
        }
        // Custom formats are not sniffed: name them.
        if (f.name().endsWith("custom")) {
            plain = Hostile.run("lf.log", bytes(lf), f.format());
            cr = Hostile.run("cr.log", bytes(lf.replace("\n", "\r")), f.format());
        }
        Totals p = only(plain).aggregate().totals(), c = only(cr).aggregate().totals();
        assertEquals(f.header().size() + 3, p.lines());
        assertEquals(p.lines(), c.lines());
        assertEquals(p.records(), c.records());
        assertEquals(2, c.codeRed() + c.codeRedII());
        assertEquals(plain.merged().sources().keySet(), cr.merged().sources().keySet());
        // Offsets are the same bytes: CR was read as LF one for one.
        var plainEvidence = plain.merged().sources().values().stream().flatMap(s -> s.evidenceLines().stream())
                .map(e -> e.line() + "@" + e.offset()).sorted().toList();
        var crEvidence = cr.merged().sources().values().stream().flatMap(s -> s.evidenceLines().stream())
                .map(e -> e.line() + "@" + e.offset()).sorted().toList();
        assertTrue(plainEvidence.size() >= 2, "both attempts are evidence");
        assertEquals(plainEvidence, crEvidence);
    }

    private static byte[] utf16(String s, boolean bigEndian, boolean bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) out.writeBytes(bigEndian ? new byte[] {(byte) 0xFE, (byte) 0xFF} : new byte[] {(byte) 0xFF, (byte) 0xFE});
        out.writeBytes(s.getBytes(bigEndian ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE));
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.hostile.FormatCase#all")
    void utf16LogsAreDecodedNotRejected(FormatCase f) {
        String log = f.log().replace("\n", "\r\n"); // Notepad's line ends
        Totals expected = only(Hostile.run("utf8.log", bytes(log), f.format())).aggregate().totals();
        for (boolean big : new boolean[] {false, true}) {
            for (boolean bom : new boolean[] {true, false}) {
                byte[] data = utf16(log, big, bom);
                // Named or sniffed: the sniffer sees the decoded text too.
                for (var forced : f.name().endsWith("custom") ? List.of(f.format()) : java.util.Arrays.asList(f.format(), null)) {
                    RunResult run = Hostile.run("utf16.log", data, forced);
                    InputResult r = only(run);
                    String how = (big ? "UTF-16BE" : "UTF-16LE") + (bom ? " with BOM" : " without BOM") + (forced == null ? ", sniffed" : "");
                    assertEquals(f.name(), r.format(), how);
                    assertEquals(big ? "utf-16be" : "utf-16le", r.codec(), how);
                    Totals t = r.aggregate().totals();
                    assertEquals(expected.lines(), t.lines(), how);
                    assertEquals(expected.records(), t.records(), how);
                    assertEquals(expected.codeRed(), t.codeRed(), how);
                    assertEquals(expected.codeRedII(), t.codeRedII(), how);
                    assertTrue(r.errors().isEmpty(), how + ": " + r.errors());
                    assertAccounting(run);
                }
            }
        }
    }

    @Test
    void utf16WithCharactersBeyondAsciiKeepsThemAndOneByteReadsAgree() throws IOException {
        String log = Hostile.combined("1.2.3.4", "GET /caf\u00e9/\u65e5\u672c/\ud83d\udc1b HTTP/1.0", 404) + "\n"
                + Hostile.combined("1.2.3.5", Hostile.CODE_RED_REQUEST, 400) + "\n";
        byte[] data = utf16(log, false, true);
        for (boolean oneByte : new boolean[] {false, true}) {
            Input in = Input.of("u.log", () -> oneByte ? new OneByteInputStream(new java.io.ByteArrayInputStream(data))
                    : new java.io.ByteArrayInputStream(data));
            RunResult run = Analyzer.run(Hostile.options(null), new InputFinder.Found(List.of(in), List.of()));
            Totals t = only(run).aggregate().totals();
            assertEquals(2, t.records(), "one byte per read: " + oneByte);
            assertEquals(1, t.codeRed());
        }
        // A lone surrogate and an odd last byte are kept visible, not dropped.
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        w.writeBytes(utf16(Hostile.combined("1.2.3.4", "GET /a HTTP/1.0", 404) + "\n", false, true));
        w.writeBytes(new byte[] {0x00, (byte) 0xD8, 'x', 0}); // a high surrogate then 'x'
        w.write('z'); // odd last byte
        RunResult run = Hostile.run("odd.log", w.toByteArray());
        InputResult r = only(run);
        assertEquals(2, r.aggregate().totals().lines());
        assertContains(r.aggregate().rejectSamples().get(0).raw(), "\\xed\\xa0\\x80x\\xff");
        assertAccounting(run);
    }

    @Test
    void invalidUtf8StaysARecordAndIsShownEscaped() {
        String line = "1.2.3.4 - - [19/Jul/2001:15:38:38 +0000] \"" + Hostile.CODE_RED_REQUEST + "\" 400 326 \"\u00ff\u00fe\u00c0\u00af\" \"\u00ed\u00a0\u0080\u001b[31m\"";
        RunResult run = Hostile.run("bad-utf8.log", bytes(line + "\n"));
        InputResult r = only(run);
        assertEquals(1, r.aggregate().totals().records());
        assertEquals(1, r.aggregate().totals().codeRed());
        String raw = run.merged().sources().get("1.2.3.4").evidenceLines().get(0).raw();
        assertContains(raw, "\"\\xff\\xfe\\xc0\\xaf\"");
        assertContains(raw, "\\xed\\xa0\\x80\\x1b[31m");
        assertFalse(raw.contains("\u001b"), "no raw ESC");
        assertAccounting(run);
    }

    @Test
    void anEmptyFileIsEmptyNotAnError() {
        RunResult run = Hostile.run("empty.log", new byte[0]);
        InputResult r = only(run);
        assertEquals("empty", r.format());
        assertEquals(0, r.aggregate().totals().lines());
        assertTrue(r.errors().isEmpty());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", r.sha256());
        assertAccounting(run);
    }

    @Test
    void aFileOfBlankLinesIsSkippedNotAnError() {
        RunResult run = Hostile.run("blank.log", bytes("\n\r\n \t\n\n"));
        InputResult r = only(run);
        assertEquals(4, r.aggregate().totals().skipped());
        assertAccounting(run);
    }

    @Test
    void aUtf8ByteOrderMarkDoesNotHideTheFirstDirective() {
        FormatCase w3c = FormatCase.all().stream().filter(f -> f.name().equals("iis-w3c")).findFirst().orElseThrow();
        String log = String.join("\n", w3c.header().subList(3, 4)) + "\n" + w3c.codeRed() + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(bytes(log));
        RunResult run = Hostile.run("ex.log", out.toByteArray());
        InputResult r = only(run);
        assertEquals("iis-w3c", r.format());
        assertEquals(1, r.aggregate().totals().skipped(), "the #Fields line after the mark is a directive");
        assertEquals(1, r.aggregate().totals().codeRed());
        assertEquals(0, r.aggregate().totals().rejected());
        // Offsets stay those of the file: the evidence line starts after the mark and the directive.
        assertEquals(3 + log.indexOf('\n') + 1, run.merged().sources().values().iterator().next().evidenceLines().get(0).offset());
    }

    @Test
    void aServerNameLongerThanADnsNameIsAFieldTooLongReject() {
        String ok = "a".repeat(Addresses.MAX_TARGET_BYTES);
        String tooLong = "a".repeat(Addresses.MAX_TARGET_BYTES + 1);
        String tail = " 24.68.1.1 - - [19/Jul/2001:12:01:00 +0100] \"" + Hostile.CODE_RED_REQUEST + "\" 400 288 \"-\" \"-\"";
        RunResult run = Hostile.run("vhosts.log", bytes(ok + ":80" + tail + "\n" + tooLong + ":80" + tail + "\n"),
                KnownFormats.byName("apache-vhost-combined"));
        InputResult r = only(run);
        assertEquals(1, r.aggregate().totals().records());
        assertEquals(1, r.aggregate().rejects(Reject.FIELD_TOO_LONG));
        assertEquals(2, r.aggregate().rejectSamples().get(0).line());
        assertAccounting(run);

        // W3C's server column: the same limit.
        String w3c = "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status s-ip\n"
                + "2001-07-19 15:38:38 1.2.3.4 GET /default.ida " + FormatCase.N + " 404 " + tooLong + "\n"
                + "2001-07-19 15:38:38 1.2.3.4 GET /default.ida " + FormatCase.N + " 404 " + ok + "\n";
        InputResult w = only(Hostile.run("ex.log", bytes(w3c)));
        assertEquals(1, w.aggregate().rejects(Reject.FIELD_TOO_LONG));
        assertEquals(1, w.aggregate().totals().codeRed());

        String iis = "172.16.1.1, -, 07/19/01, 19:59:59, W3SVC1, WEB1, " + tooLong + ", 0, 0, 0, 404, 2, GET, /default.ida, " + FormatCase.N + ",\n";
        InputResult n = only(Hostile.run("in.log", bytes(iis), KnownFormats.byName("iis-native")));
        assertEquals(1, n.aggregate().rejects(Reject.FIELD_TOO_LONG));
    }

    @Test
    void aFormatWithoutAClientFieldRejectsItsLinesInsteadOfFailingTheRun() throws IOException {
        // Found by the parser fuzz: records with no source broke the report (an internal error, no output).
        String w3c = "#Fields: date time cs-method cs-uri-stem cs-uri-query sc-status\n"
                + "2001-07-19 15:38:38 GET /default.ida " + FormatCase.N + " 404\n";
        InputResult r = only(Hostile.run("ex.log", bytes(w3c), KnownFormats.byName("iis-w3c")));
        assertEquals(1, r.aggregate().rejects(Reject.BAD_ADDRESS));
        Path log = Files.writeString(tmp.resolve("noclient.log"), "[19/Jul/2001:15:38:38 +0000] \"" + Hostile.CODE_RED_REQUEST + "\" 404\n");
        Path out = tmp.resolve("out");
        Hostile.Outcome o = Hostile.cli("analyze", "--no-progress", "-o", out.toString(), "--log-format", "%t \"%r\" %>s", log.toString());
        assertEquals(0, o.status(), o.err());
        o.assertNoStackTrace();
        assertEquals(1, Hostile.summary(out).get("rejects_by_reason").get("bad-address").asLong());
    }

    @Test
    void codeRedBetweenHostileLinesIsNeverUndercounted() {
        Random random = new Random(81);
        StringBuilder sb = new StringBuilder();
        int attempts = 0;
        for (int i = 0; i < 2000; i++) {
            switch (random.nextInt(6)) {
                case 0 -> { sb.append(Hostile.combined("10.0." + (i % 250) + ".1", Hostile.CODE_RED_REQUEST, 400)); attempts++; }
                case 1 -> { byte[] junk = new byte[random.nextInt(300)]; random.nextBytes(junk); sb.append(new String(junk, StandardCharsets.ISO_8859_1).replace('\n', ' ')); }
                case 2 -> sb.append("\u0000".repeat(random.nextInt(50)));
                case 3 -> sb.append(Hostile.combined("10.0.0.1", Hostile.CODE_RED_REQUEST, 400), 0, random.nextInt(200));
                case 4 -> sb.append("<script>alert(1)</script> =cmd|' /C calc'!A0 \u001b]0;pwned\u0007");
                default -> sb.append("");
            }
            sb.append(random.nextBoolean() ? "\n" : "\r\n");
        }
        RunResult run = Hostile.run("mixed.log", bytes(sb.toString()), KnownFormats.byName("apache-combined"));
        Totals t = only(run).aggregate().totals();
        assertEquals(2000, t.lines());
        assertEquals(attempts, t.codeRed());
        assertAccounting(run);
    }

    @Test
    @Timeout(60)
    void aDecompressionBombIsReadInBoundedMemory() {
        // 200 MB of zeros in about 200 KB of gzip: one over-long line, read through the 2 MiB line buffer.
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.GZIPOutputStream(gz, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) z.write(zeros);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(gz.size() < 1 << 20, "a bomb: " + gz.size());
        RunResult run = Hostile.run("bomb.gz", gz.toByteArray());
        InputResult r = only(run);
        assertEquals("gzip", r.codec());
        assertEquals(1, r.aggregate().totals().lines());
        assertEquals(1, r.aggregate().rejects(Reject.LINE_TOO_LONG));
        assertContains(r.aggregate().rejectSamples().get(0).raw(), "[… " + (200L * (1 << 20) - 2048) + " more bytes]");
        assertAccounting(run);
    }

    @Test
    void fileNamesThatAreNotUtf8AreReadAndShownEscaped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("names"));
        // Made by the shell: Java cannot spell a name holding the byte 0xFF.
        Process p = new ProcessBuilder("bash", "-c", "printf '%s\\n' \"$1\" > \"$2\"/caf$'\\303\\251'.log; printf '%s\\n' \"$1\" > \"$2\"/bad$'\\377'.log; ls \"$2\" | od -c | grep -q 377",
                "bash", BEFORE, dir.toString()).start();
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0);
        Path out = tmp.resolve("out");
        Hostile.Outcome o = Hostile.cli("analyze", "--no-progress", "-o", out.toString(), dir.toString());
        assertEquals(0, o.status(), o.err());
        var summary = Hostile.summary(out);
        assertEquals(2, summary.get("inputs").size(), summary.get("inputs").toString());
        assertEquals(2, summary.get("totals").get("code_red").asLong(), "both files read");
    }

    @Test
    void aLogWrittenToDiskIsReadTheSameAsFromMemory() throws IOException {
        // The same hostile file through the file path (FileSnapshot) and the stream path agree.
        byte[] data = bytes(BEFORE + "\n\u0000\u0000\n" + AFTER + "\r" + "tail without newline");
        Path file = tmp.resolve("f.log");
        Files.write(file, data);
        RunResult fromDisk = Analyzer.run(Hostile.options(null), InputFinder.find(List.of(file.toString())));
        RunResult fromMemory = Hostile.run(file.toString(), data);
        assertEquals(only(fromMemory).sha256(), only(fromDisk).sha256());
        assertEquals(only(fromMemory).aggregate().totals().lines(), only(fromDisk).aggregate().totals().lines());
        assertTrue(only(fromDisk).errors().isEmpty());
        assertAccounting(fromDisk);
    }

    /**
     * Client host names chosen to share one String hash ("Aa" and "BB" pairs): each is still its own
     * source, with its attempt (SourceTableTest shows the lookups stay cheap).
     */
    @Test
    void clientNamesWithOneHashAreEachTheirOwnSource() {
        int bits = 12;
        StringBuilder log = new StringBuilder();
        for (int n = 0; n < 1 << bits; n++) {
            for (int b = 0; b < bits; b++) log.append((n >>> b & 1) == 0 ? "Aa" : "BB");
            log.append(" - - [19/Jul/2001:12:01:00 +0000] \"").append(Hostile.CODE_RED_REQUEST).append("\" 404 288\n");
        }
        RunResult run = Hostile.run("colliding.log", bytes(log.toString()));
        assertEquals(1 << bits, run.merged().sources().size());
        assertEquals(1 << bits, run.merged().totals().codeRed());
        assertTrue(run.merged().sources().values().stream().allMatch(s -> s.attempts() == 1));
        assertAccounting(run);
    }
}
