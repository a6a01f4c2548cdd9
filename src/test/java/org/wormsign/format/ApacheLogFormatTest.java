package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wormsign.format.SampleLines.bytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.format.SampleLines.Sample;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.testing.Corpus;

/** Apache {@code LogFormat} strings compiled into {@link LinePlan}s, run over real-looking and real lines. */
class ApacheLogFormatTest {

    static final String GOOD_TIME = "02/Aug/2001:06:01:38 -0400";

    /** Parses {@code line} placed in the middle of a larger buffer, as LineReader hands lines out. */
    static int parse(LineParser parser, String line, LogRecord rec) {
        byte[] l = bytes(line);
        byte[] buf = new byte[l.length + 20];
        java.util.Arrays.fill(buf, (byte) '#');
        System.arraycopy(l, 0, buf, 7, l.length);
        buf[6] = '\n';
        buf[7 + l.length] = '\n';
        return parser.parse(buf, 7, 7 + l.length, rec);
    }

    static LogRecord record(LinePlan plan, String line) {
        LogRecord rec = new LogRecord();
        int r = parse(plan.newParser(), line, rec);
        assertEquals(LineParser.RECORD, r, () -> "not a record (" + Reject.ofOrdinal(r) + "): " + line);
        return rec;
    }

    static void assertFields(Sample s, LogRecord rec) {
        assertEquals(s.client(), rec.client(), "client");
        assertEquals(s.method(), rec.method(), "method");
        assertEquals(s.path(), rec.path(), "path");
        assertEquals(s.query(), rec.query(), "query");
        assertEquals(s.expectedStatus(), rec.status(), "status");
        assertEquals(Instant.parse(s.utc()).getEpochSecond(), rec.epochSecond(), "epochSecond");
    }

    static Stream<Sample> samples() {
        return SampleLines.samples().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void combined(Sample s) {
        LogRecord rec = record(ApacheLogFormat.compile("combined"), s.combined());
        assertFields(s, rec);
        assertFalse(rec.hasTarget(), "combined logs no server");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void common(Sample s) {
        assertFields(s, record(ApacheLogFormat.compile("common"), s.common()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void vhostCombined(Sample s) {
        LogRecord rec = record(ApacheLogFormat.compile("vhost_combined"), s.vhostCombined("www.example.com"));
        assertFields(s, rec);
        assertEquals("www.example.com", rec.target());
    }

    static final String CUSTOM = "%h %l %u %t \\\"%r\\\" %>s %b %D \\\"%{X-Forwarded-For}i\\\"";

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void customWithDurationAndForwardedFor(Sample s) {
        LinePlan plan = ApacheLogFormat.compile(CUSTOM);
        assertEquals("apache-custom", plan.name());
        assertFields(s, record(plan, s.common() + " 15342 \"10.1.1.1, 192.168.0.7\""));
        assertFields(s, record(plan, s.common() + " 0 \"-\""));
    }

    @Test
    void customRejectsANonNumericDuration() {
        Sample s = SampleLines.samples().get(0);
        LogRecord rec = new LogRecord();
        int r = parse(ApacheLogFormat.compile(CUSTOM).newParser(), s.common() + " fast \"10.1.1.1\"", rec);
        assertEquals(Reject.NO_MATCH, Reject.ofOrdinal(r));
    }

    @Test
    void namedFormatsHaveTheirNames() {
        assertEquals("apache-combined", ApacheLogFormat.compile("combined").name());
        assertEquals("apache-common", ApacheLogFormat.compile("common").name());
        assertEquals("apache-vhost-combined", ApacheLogFormat.compile("vhost_combined").name());
        assertTrue(ApacheLogFormat.compile("vhost_combined").has(FieldKind.TARGET));
        assertFalse(ApacheLogFormat.compile("combined").has(FieldKind.TARGET));
    }

    /** The reused record forgets every field of the previous line. */
    @Test
    void aReusedRecordForgetsThePreviousLine() {
        LineParser parser = ApacheLogFormat.compile("vhost_combined").newParser();
        LogRecord rec = new LogRecord();
        List<Sample> all = SampleLines.samples();
        Sample full = all.get(0);
        Sample dash = all.stream().filter(x -> x.request().equals("-")).findFirst().orElseThrow();
        assertEquals(LineParser.RECORD, parse(parser, full.vhostCombined("a.example"), rec));
        assertFields(full, rec);
        assertEquals(LineParser.RECORD, parse(parser, dash.vhostCombined("-"), rec));
        assertFields(dash, rec);
        assertFalse(rec.hasPath());
        assertFalse(rec.hasQuery());
        assertFalse(rec.hasTarget(), "a vhost of - is no target");
        assertTrue(rec.requestUnreadable());
        assertEquals(LineParser.RECORD, parse(parser, full.vhostCombined("b.example"), rec));
        assertFields(full, rec);
        assertEquals("b.example", rec.target());
        assertFalse(rec.requestUnreadable());
    }

    @Test
    void controlBytesAsTheWholeRequestAreAnUnreadableRequest() {
        Sample s = SampleLines.samples().stream().filter(x -> x.request().equals("\u0004\u0001")).findFirst().orElseThrow();
        LogRecord rec = record(ApacheLogFormat.compile("combined"), s.combined());
        assertTrue(rec.requestUnreadable());
        assertFalse(rec.hasPath());
        assertEquals(501, rec.status());
    }

    /** After a good time, the literal that ends it may come again inside the request: the time ends at the first. */
    @Test
    void theTimeEndsAtTheFirstLiteralAfterIt() {
        LogRecord rec = record(ApacheLogFormat.compile("combined"), combinedLine("1.2.3.4", GOOD_TIME, "GET /a] \"b HTTP/1.0", "200"));
        assertEquals(java.time.OffsetDateTime.parse("2001-08-02T06:01:38-04:00").toEpochSecond(), rec.epochSecond());
        assertEquals(200, rec.status());
    }

    static String combinedLine(String client, String time, String request, String status) {
        return client + " - - [" + time + "] \"" + request + "\" " + status + " 326 \"-\" \"-\"";
    }

    static Stream<Arguments> rejects() {
        String cr = "GET /default.ida?" + SampleLines.N224 + SampleLines.TAIL + "  HTTP/1.0";
        String full = combinedLine("211.218.252.9", GOOD_TIME, cr, "400");
        return Stream.of(
                Arguments.of("day 32", combinedLine("1.2.3.4", "32/Aug/2001:06:01:38 -0400", "GET / HTTP/1.0", "200"), Reject.BAD_TIMESTAMP),
                Arguments.of("month Foo", combinedLine("1.2.3.4", "02/Foo/2001:06:01:38 -0400", "GET / HTTP/1.0", "200"), Reject.BAD_TIMESTAMP),
                Arguments.of("hour 25", combinedLine("1.2.3.4", "02/Aug/2001:25:01:38 -0400", "GET / HTTP/1.0", "200"), Reject.BAD_TIMESTAMP),
                Arguments.of("no zone", combinedLine("1.2.3.4", "02/Aug/2001:06:01:38", "GET / HTTP/1.0", "200"), Reject.BAD_TIMESTAMP),
                Arguments.of("ISO timestamp", combinedLine("1.2.3.4", "2001-08-02T06:01:38-04:00", "GET / HTTP/1.0", "200"), Reject.BAD_TIMESTAMP),
                // 26 bytes and then the literal, as a good time has them, but not a time: the full search decides.
                Arguments.of("a ] inside the time", combinedLine("1.2.3.4", "02/Aug/2001:06:01:38 -04]0", "GET / HTTP/1.0", "200"), Reject.BAD_TIMESTAMP),
                Arguments.of("the literal inside the time", combinedLine("1.2.3.4", "02/Aug] \"01:06:01:38 -0400", "GET / HTTP/1.0", "200"), Reject.BAD_TIMESTAMP),
                Arguments.of("client -", combinedLine("-", GOOD_TIME, "GET / HTTP/1.0", "200"), Reject.BAD_ADDRESS),
                Arguments.of("client empty", combinedLine("", GOOD_TIME, "GET / HTTP/1.0", "200"), Reject.BAD_ADDRESS),
                Arguments.of("client with markup", combinedLine("<script>", GOOD_TIME, "GET / HTTP/1.0", "200"), Reject.BAD_ADDRESS),
                Arguments.of("status abc", combinedLine("1.2.3.4", GOOD_TIME, "GET / HTTP/1.0", "abc"), Reject.BAD_STATUS),
                Arguments.of("status of four digits", combinedLine("1.2.3.4", GOOD_TIME, "GET / HTTP/1.0", "2000"), Reject.BAD_STATUS),
                Arguments.of("status 099", combinedLine("1.2.3.4", GOOD_TIME, "GET / HTTP/1.0", "099"), Reject.BAD_STATUS),
                Arguments.of("cut mid-timestamp", full.substring(0, full.indexOf("06:01") + 4), Reject.TRUNCATED),
                Arguments.of("cut mid-request", full.substring(0, full.indexOf("NNNN") + 100), Reject.TRUNCATED),
                Arguments.of("cut after the status", full.substring(0, full.indexOf("\" 400") + 5), Reject.TRUNCATED),
                Arguments.of("cut in the user agent", full.substring(0, full.length() - 1) + "Mozilla/4.0 (compat", Reject.TRUNCATED),
                Arguments.of("printable garbage without spaces", "%%%%&&&&////$$$$(((())))!!!!~~~~", Reject.NO_MATCH),
                Arguments.of("a URL", "http://www.example.com/default.ida?NNNNNNNN", Reject.NO_MATCH),
                Arguments.of("NUL bytes only", "\0\0\0\0\0\0\0\0\0\0\0\0", Reject.BINARY),
                Arguments.of("NUL padding before a line (a crash)", "\0\0\0\0\0\0" + full, Reject.BINARY),
                Arguments.of("NUL inside the client", "1.2.3\0.4" + full.substring(full.indexOf(' ')), Reject.BINARY),
                Arguments.of("mostly control bytes", "\u0001\u0002\u0003\u0004 \u0005\u0006 \u0007\u0008", Reject.BINARY));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("rejects")
    void rejectsWithTheRightReason(String name, String line, Reject expected) {
        LogRecord rec = new LogRecord();
        int r = parse(ApacheLogFormat.compile("combined").newParser(), line, rec);
        assertTrue(r >= 0, "must not be a record");
        assertEquals(expected, Reject.ofOrdinal(r));
    }

    /**
     * Text that is not a log line at all (free text in a log folder, a W3C line, an HTML error page) has the
     * wrong shape: NO_MATCH, not TRUNCATED, which would claim a log line was cut.
     */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "This is not a log line, just some free text.",
            "2001-07-19 10:15:32 193.255.201.85 - W3SVC1 GET /default.ida 404",
            "<html><head><title>404 Not Found</title></head></html>",
            "GET /index.html HTTP/1.0"})
    void freeTextIsNoMatch(String line) {
        LogRecord rec = new LogRecord();
        int r = parse(ApacheLogFormat.compile("combined").newParser(), line, rec);
        assertEquals(Reject.NO_MATCH, Reject.ofOrdinal(r));
    }

    /**
     * Random printable ASCII, spaces included: never a record, and never claimed to be a cut log line (one that
     * happens to start with '#' is a comment).
     */
    @Test
    void randomPrintableGarbageIsNoMatch() {
        Random random = new Random(19);
        LineParser parser = ApacheLogFormat.compile("combined").newParser();
        LogRecord rec = new LogRecord();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 20 + random.nextInt(200);
            for (int k = 0; k < len; k++) sb.append((char) (0x20 + random.nextInt(0x5f)));
            int r = parse(parser, sb.toString(), rec);
            int expected = sb.charAt(0) == '#' ? LineParser.SKIPPED : Reject.NO_MATCH.ordinal();
            if (r != expected) wrong.add((r < 0 ? "RECORD or SKIPPED" : Reject.ofOrdinal(r).name()) + ": " + sb);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void randomPrintableGarbageIsNeverARecord() {
        Random random = new Random(19);
        LineParser parser = ApacheLogFormat.compile("combined").newParser();
        LogRecord rec = new LogRecord();
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + random.nextInt(300);
            for (int k = 0; k < len; k++) sb.append((char) (0x20 + random.nextInt(0x5f)));
            assertTrue(parse(parser, sb.toString(), rec) != LineParser.RECORD, sb::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%h %Z %t", "%h %{Referer}Z", "%Z"})
    void unknownDirectiveIsNamed(String spec) {
        FormatException e = assertThrows(FormatException.class, () -> ApacheLogFormat.compile(spec));
        assertTrue(e.getMessage().contains("%Z") || e.getMessage().contains("%{Referer}Z"), e.getMessage());
    }

    @Test
    void unclosedBraceIsNamed() {
        FormatException e = assertThrows(FormatException.class, () -> ApacheLogFormat.compile("%h %l %u %t \"%r\" %>s %b \"%{Referer i\""));
        assertTrue(e.getMessage().contains("unclosed"), e.getMessage());
        assertTrue(e.getMessage().contains("'{'"), e.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"%h %", "no directive at all", "%h%>s"})
    void otherBadFormatsThrow(String spec) {
        FormatException e = assertThrows(FormatException.class, () -> ApacheLogFormat.compile(spec));
        assertFalse(e.getMessage().isBlank());
    }

    // ================================================================ the request line over %U %q (issue 16, item 10)

    static final String CODE_RED_QUERY = SampleLines.N224 + SampleLines.TAIL;
    static final String CODE_RED_REQUEST = "GET /default.ida?" + CODE_RED_QUERY + "  HTTP/1.0";

    /**
     * logparser's every-directive line (corpus/peer/logparser-inline/apache-all-directives-408): {@code %r} is
     * {@code GET / HTTP/1.1} and the {@code %U} after it {@code /index.html}, the file DirectoryIndex served.
     * The path is the one the client sent.
     */
    @Test
    void theRequestLineGivesThePathNotTheRewrittenOneAfterIt() throws IOException {
        Path format = Corpus.peerFile("logparser-inline/apache-all-directives-408.format");
        LinePlan plan = ApacheLogFormat.compile(Files.readString(format, StandardCharsets.ISO_8859_1).strip());
        String line = Files.readAllLines(format.resolveSibling("apache-all-directives-408.log"), StandardCharsets.ISO_8859_1).get(0);
        assertTrue(line.contains("\"GET / HTTP/1.1\"") && line.contains("\"/index.html\""), line);
        LogRecord rec = record(plan, line);
        assertEquals("/", rec.path());
        assertFalse(rec.hasQuery());

        // The same line from Code Red, rewritten to /index.php: the worm is still found.
        String worm = line.replace("\"GET / HTTP/1.1\"", "\"" + CODE_RED_REQUEST + "\"").replace("\"/index.html\"", "\"/index.php\"")
                .replace("\"\" \"" + CODE_RED_REQUEST, "\"?" + CODE_RED_QUERY + "\" \"" + CODE_RED_REQUEST);
        assertTrue(worm.contains("\"?" + CODE_RED_QUERY + "\" \"" + CODE_RED_REQUEST + "\""), "%q holds the query: " + worm);
        rec = record(plan, worm);
        assertEquals("/default.ida", rec.path());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    /** {@code %r … %U%q}, the path rewritten to /index.php: the request line is read, wherever the path fields are. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%h %l %u %t \"%r\" %>s %b %U%q", "%h %l %u %t %U%q \"%r\" %>s %b", "%h %l %u %t \"%r\" %>s %b \"%U\" \"%q\""})
    void theRequestLineWinsOverPathFields(String spec) {
        String time = "[19/Jul/2001:10:00:00 +0000]";
        String rewritten = spec.contains("%U%q") ? "/index.php?" + CODE_RED_QUERY : "\"/index.php\" \"?" + CODE_RED_QUERY + "\"";
        String request = "\"" + CODE_RED_REQUEST + "\"";
        String line = spec.indexOf("%U") < spec.indexOf("%r")
                ? "192.0.2.1 - - " + time + " " + rewritten + " " + request + " 404 300"
                : "192.0.2.1 - - " + time + " " + request + " 404 300 " + rewritten;
        LogRecord rec = record(ApacheLogFormat.compile(spec), line);
        assertEquals("/default.ida", rec.path());
        assertEquals(CODE_RED_QUERY, rec.query());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
        assertEquals(404, rec.status());
    }

    /** Without a request line, %U and %q are the path and query, side by side ("%U%q") or apart. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%h %t \"%m %U%q %H\" %>s", "%h %t \"%m %U %q %H\" %>s"})
    void withoutARequestLineThePathFieldsAreRead(String spec) {
        String uri = spec.contains("%U%q") ? "/default.ida?" + CODE_RED_QUERY : "/default.ida ?" + CODE_RED_QUERY;
        LogRecord rec = record(ApacheLogFormat.compile(spec), "192.0.2.1 [19/Jul/2001:10:00:00 +0000] \"GET " + uri + " HTTP/1.0\" 404");
        assertEquals("GET", rec.method());
        assertEquals("/default.ida", rec.path());
        assertEquals(CODE_RED_QUERY, rec.query());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
        // No query: %q logs nothing, and the path runs to the next space.
        rec = record(ApacheLogFormat.compile(spec), "192.0.2.1 [19/Jul/2001:10:00:00 +0000] \"GET /index.html" + (spec.contains("%U%q") ? "" : " ")
                + " HTTP/1.0\" 200");
        assertEquals("/index.html", rec.path());
        assertFalse(rec.hasQuery());
    }

    // ================================================================ # comment lines (issue 16, item 11)

    /** Comment lines like the 28 at the top of AWStats' testglobal.log, and a W3C directive in the wrong log. */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "# This is a sample of log file that contains a lot of various data we can find",
            "#",
            "# ----------------------------------------------------------------------------",
            "# 80.8.55.9  Not a visit (but a worm attack)",
            "#Software: Microsoft Internet Information Services 5.0",
            "#80.8.55.1 - - [01/Jan/2001:00:00:10 +0100] \"GET /page1.html HTTP/1.0\" 200 7009 \"-\" \"-\""})
    void commentLinesAreSkipped(String line) {
        for (String spec : new String[] {"combined", "common", "[%t] %h \"%r\" %>s"}) {
            assertEquals(LineParser.SKIPPED, parse(ApacheLogFormat.compile(spec).newParser(), line, new LogRecord()), spec);
        }
    }

    /**
     * A '#' line that mentions default.ida stays a reject, sampled with its reason, where the worm is looked for:
     * skipped, it would be gone without a trace. Nor is binary junk a comment.
     */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "#80.8.55.9 - - [01/Jan/2001:15:00:00 +0200] \"GET /default.ida?XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\" 404 299 \"-\" \"-\"",
            "# GET /DEFAULT.IDA?NNNNNNNN",
            "#\u0000\u0000\u0000\u0000"})
    void aCommentWithTheWormOrBinaryStaysAReject(String line) {
        int r = parse(ApacheLogFormat.compile("combined").newParser(), line, new LogRecord());
        assertTrue(r >= 0, "a reject, not " + r);
    }

    /** A line that parses is a record, '#' or not: the comment rule is only for lines that do not. */
    @Test
    void aRecordStartingWithHashIsARecord() {
        LogRecord rec = record(ApacheLogFormat.compile("%{X-Tag}i %h %t \"%r\" %>s"),
                "#tag 192.0.2.1 [19/Jul/2001:10:00:00 +0000] \"" + CODE_RED_REQUEST + "\" 404");
        assertEquals("192.0.2.1", rec.client());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    static Stream<Path> realApacheFiles() throws IOException {
        List<Path> files = SampleLines.realApacheFiles();
        assertEquals(7, files.size(), "the corpus README lists seven Apache combined files");
        return files.stream();
    }

    private static final DateTimeFormatter APACHE_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /** The corpus README says every line of these files is a real Apache line: each must be a record. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("realApacheFiles")
    void everyLineOfTheRealCorpusIsARecord(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<int[]> lines = SampleLines.lineRanges(data);
        long wcL = 0;
        for (byte b : data) if (b == '\n') wcL++;
        assertEquals(wcL, lines.size(), "each file ends with a newline");

        LineParser parser = ApacheLogFormat.compile("combined").newParser();
        LogRecord rec = new LogRecord();
        int records = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int s = lines.get(i)[0], e = lines.get(i)[1];
            int r = parser.parse(data, s, e, rec);
            if (r != LineParser.RECORD) {
                problems.add("line " + (i + 1) + ": " + Reject.ofOrdinal(r));
                continue;
            }
            records++;
            // Independent checks: the client is the text before the first space; the time the text in [ ].
            String text = new String(data, s, e - s, StandardCharsets.ISO_8859_1);
            if (!text.substring(0, text.indexOf(' ')).equals(rec.client())) problems.add("line " + (i + 1) + ": client " + rec.client());
            String t = text.substring(text.indexOf('[') + 1, text.indexOf(']'));
            if (OffsetDateTime.parse(t, APACHE_TIME).toEpochSecond() != rec.epochSecond()) problems.add("line " + (i + 1) + ": time " + t);
            if (rec.status() < 100 || rec.status() > 599) problems.add("line " + (i + 1) + ": status " + rec.status());
        }
        assertEquals(List.of(), problems);
        assertEquals(lines.size(), records);
    }
}
