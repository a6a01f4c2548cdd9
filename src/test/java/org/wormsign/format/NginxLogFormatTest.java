package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wormsign.format.SampleLines.bytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.format.SampleLines.Sample;
import org.wormsign.format.nginx.NginxLogFormat;
import org.wormsign.testing.Corpus;

class NginxLogFormatTest {

    static LinePlan combined() {
        return NginxLogFormat.compile("nginx-combined", NginxLogFormat.COMBINED);
    }

    static int parse(LinePlan plan, String line, LogRecord rec) {
        return ApacheLogFormatTest.parse(plan.newParser(), line, rec);
    }

    static LogRecord record(LinePlan plan, String line) {
        return ApacheLogFormatTest.record(plan, line);
    }

    static Stream<Sample> samples() {
        return SampleLines.samples().stream();
    }

    /** nginx's combined is Apache's combined in shape: the same lines, the same fields. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void combinedParsesTheSameLinesAsApache(Sample s) {
        // nginx logs an empty body as 0 where Apache writes -.
        String line = s.combined().replace("\" " + s.status() + " - \"", "\" " + s.status() + " 0 \"");
        LogRecord rec = record(combined(), line);
        ApacheLogFormatTest.assertFields(s, rec);
        assertFalse(rec.hasTarget());
    }

    @Test
    void combinedReadsAnNginxEscapedQuote() {
        // nginx writes a quote in the request as \x22.
        LogRecord rec = record(combined(),
                "192.0.2.1 - - [10/Sep/2001:00:01:17 +0000] \"GET /a\\x22b HTTP/1.1\" 404 162 \"-\" \"-\"");
        assertEquals("/a\\x22b", rec.path());
        assertEquals(404, rec.status());
    }

    static final String CUSTOM = "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent "
            + "\"$http_referer\" \"$http_user_agent\" $request_time $host";

    @Test
    void customWithRequestTimeParses() {
        LinePlan plan = NginxLogFormat.compile("custom", CUSTOM);
        LogRecord rec = record(plan, "203.0.113.5 - - [19/Jul/2001:12:00:00 -1200] \"GET /default.ida?" + SampleLines.X224 + SampleLines.TAIL
                + " HTTP/1.0\" 404 162 \"-\" \"-\" 0.004 www.example.org");
        assertEquals("203.0.113.5", rec.client());
        assertEquals("/default.ida", rec.path());
        assertEquals(SampleLines.X224 + SampleLines.TAIL, rec.query());
        assertEquals(404, rec.status());
        assertEquals(Instant.parse("2001-07-20T00:00:00Z").getEpochSecond(), rec.epochSecond());
    }

    @Test
    void customRejectsANonNumericRequestTime() {
        LinePlan plan = NginxLogFormat.compile("custom", CUSTOM);
        int r = parse(plan, "203.0.113.5 - - [19/Jul/2001:12:00:00 -1200] \"GET / HTTP/1.0\" 200 162 \"-\" \"-\" slow www.example.org",
                new LogRecord());
        assertTrue(r >= 0, "not a record");
    }

    /**
     * $host is the Host header the client sent when it sent one, and Code Red I sends
     * "HOST:www.worm.com": the attacker would name the target. Only $server_name / $server_addr do.
     */
    @Test
    void hostIsNotTheTarget() {
        LinePlan plan = NginxLogFormat.compile("custom", CUSTOM);
        assertFalse(plan.has(FieldKind.TARGET));
        LogRecord rec = record(plan, "203.0.113.5 - - [19/Jul/2001:12:00:00 -1200] \"GET / HTTP/1.0\" 200 162 \"-\" \"-\" 0.004 www.worm.com");
        assertNull(rec.target());
    }

    @Test
    void serverNameAndRequestUriFill() {
        LinePlan plan = NginxLogFormat.compile("custom", "$server_name $remote_addr [$time_local] \"$request_method $request_uri\" $status");
        LogRecord rec = record(plan, "honeypot.example 198.51.100.7 [02/Aug/2001:06:01:38 -0400] \"GET /default.ida?NNNN\" 400");
        assertEquals("honeypot.example", rec.target());
        assertEquals("198.51.100.7", rec.client());
        assertEquals("GET", rec.method());
        assertEquals("/default.ida", rec.path());
        assertEquals("NNNN", rec.query());
        assertEquals(400, rec.status());
    }

    // ================================================================ $request over $uri $args (issue 16, item 10)

    static final String CODE_RED_QUERY = SampleLines.N224 + SampleLines.TAIL;
    static final String CODE_RED_REQUEST = "GET /default.ida?" + CODE_RED_QUERY + "  HTTP/1.0";
    static final String COMBINED_URI_ARGS = NginxLogFormat.COMBINED + " $uri $args";

    /**
     * {@code try_files $uri $uri/ /index.php?$args}: nginx logs the request as sent in {@code $request} and the
     * rewritten one in {@code $uri $args} after it. The worm is in what was sent.
     */
    @Test
    void tryFilesToIndexPhpDoesNotHideCodeRed() {
        LinePlan plan = NginxLogFormat.compile("custom", COMBINED_URI_ARGS);
        LogRecord rec = record(plan, "61.78.10.1 - - [19/Jul/2001:10:05:00 +0000] \"" + CODE_RED_REQUEST + "\" 404 169 \"-\" \"-\" /index.php "
                + CODE_RED_QUERY);
        assertEquals("/default.ida", rec.path());
        assertEquals(CODE_RED_QUERY, rec.query());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    /**
     * logparser's every-variable line (corpus/peer/logparser-inline/nginx-all-fields): {@code $request} is
     * {@code GET /?aap&noot=&mies=wim HTTP/1.1}, {@code $request_uri} the same URI, {@code $uri} and
     * {@code $document_uri} the {@code /index.html} that the index directive served.
     */
    @Test
    void theRequestGivesThePathInLogparsersEveryVariableLine() throws IOException {
        Path format = Corpus.peerFile("logparser-inline/nginx-all-fields.format");
        LinePlan plan = NginxLogFormat.compile("custom", Files.readString(format, StandardCharsets.ISO_8859_1).strip());
        String line = Files.readAllLines(format.resolveSibling("nginx-all-fields.log"), StandardCharsets.ISO_8859_1).get(0);
        assertTrue(line.contains("\"/index.html\""), line);
        LogRecord rec = record(plan, line);
        assertEquals("/", rec.path());
        assertEquals("aap&noot=&mies=wim", rec.query());

        // Code Red in its place (the request, the request URI and the arguments): still Code Red.
        String worm = line.replace("GET /?aap&noot=&mies=wim HTTP/1.1", CODE_RED_REQUEST).replace("\"/?aap&noot=&mies=wim\"",
                "\"/default.ida?" + CODE_RED_QUERY + "\"").replace("\"aap&noot=&mies=wim\"", "\"" + CODE_RED_QUERY + "\"");
        rec = record(plan, worm);
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    /** Without {@code $request}, {@code $request_uri} (as sent) ranks over {@code $uri $args} (as rewritten). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"$remote_addr [$time_local] \"$request_method $uri?$args\" $status \"$request_uri\"",
            "$remote_addr [$time_local] \"$request_uri\" $status \"$request_method $uri?$args\""})
    void requestUriRanksOverUriAndArgs(String spec) {
        String sent = "\"/default.ida?" + CODE_RED_QUERY + "\"";
        String rewritten = "\"GET /index.php?" + CODE_RED_QUERY + "\"";
        String time = "[19/Jul/2001:10:05:00 +0000]";
        String line = spec.indexOf("$uri") < spec.indexOf("$request_uri")
                ? "61.78.10.1 " + time + " " + rewritten + " 404 " + sent
                : "61.78.10.1 " + time + " " + sent + " 404 " + rewritten;
        LogRecord rec = record(NginxLogFormat.compile("custom", spec), line);
        assertEquals("/default.ida", rec.path());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    /** With neither, {@code $uri$is_args$args} is the path and query: {@code $is_args} is the query's '?'. */
    @Test
    void uriIsArgsArgsAloneIsThePathAndQuery() {
        LinePlan plan = NginxLogFormat.compile("custom", "$remote_addr [$time_local] \"$request_method $uri$is_args$args\" $status");
        LogRecord rec = record(plan, "61.78.10.1 [19/Jul/2001:10:05:00 +0000] \"GET /default.ida?" + CODE_RED_QUERY + "\" 404");
        assertEquals("/default.ida", rec.path());
        assertEquals(CODE_RED_QUERY, rec.query());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
        rec = record(plan, "61.78.10.1 [19/Jul/2001:10:05:00 +0000] \"GET /index.html\" 200");
        assertEquals("/index.html", rec.path());
        assertFalse(rec.hasQuery());
    }

    // ================================================================ # comment lines (issue 16, item 11)

    /** AWStats' testnginx.log opens with a '#' line naming its fields; the line after it is a record. */
    @Test
    void theCommentAtopAwstatsNginxLogIsSkipped() throws IOException {
        Path log = Corpus.peerFile("awstats/testnginx.log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        assertTrue(lines.get(0).startsWith("# %virtualname"), lines.get(0));
        LinePlan plan = NginxLogFormat.compile("custom",
                "$host $remote_addr [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" \"$http_user_agent\"");
        assertEquals(LineParser.SKIPPED, parse(plan, lines.get(0), new LogRecord()));
        LogRecord rec = record(plan, lines.get(1));
        assertEquals("109.72.95.200", rec.client());
        assertEquals(400, rec.status());
    }

    /** A format may itself start with '#' (logparser's every-variable format does): its lines are records. */
    @Test
    void aFormatThatStartsWithHashReadsItsLines() {
        LinePlan plan = NginxLogFormat.compile("custom", "# \"$remote_addr\" # \"$time_local\" # \"$request\" # \"$status\" #");
        LogRecord rec = record(plan, "# \"61.78.10.1\" # \"19/Jul/2001:10:05:00 +0000\" # \"" + CODE_RED_REQUEST + "\" # \"404\" #");
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
        assertEquals(LineParser.SKIPPED, parse(plan, "# a note", new LogRecord()));
    }

    /** nginx allows any variable; one wormsign does not know is carried as free text, even with spaces in it. */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"-", "some value with spaces", "", "a\\\"b"})
    void unknownVariableIsCarried(String value) {
        LinePlan plan = NginxLogFormat.compile("custom", "$remote_addr [$time_local] \"$request\" $status \"$foo\" ${bar}x");
        LogRecord rec = record(plan, "198.51.100.7 [02/Aug/2001:06:01:38 -0400] \"GET /x HTTP/1.1\" 200 \"" + value + "\" " + value + "x");
        assertEquals("/x", rec.path());
        assertEquals(200, rec.status());
        assertEquals("198.51.100.7", rec.client());
    }

    @Test
    void aLoneDollarIsLiteral() {
        LinePlan plan = NginxLogFormat.compile("custom", "$remote_addr $ [$time_local] \"$request\" $status");
        LogRecord rec = record(plan, "198.51.100.7 $ [02/Aug/2001:06:01:38 -0400] \"GET /x HTTP/1.1\" 200");
        assertEquals(200, rec.status());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"$remote_addr ${request", "no variables here", ""})
    void badFormatsThrow(String spec) {
        FormatException e = assertThrows(FormatException.class, () -> NginxLogFormat.compile("custom", spec));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void anUnclosedBraceIsNamed() {
        FormatException e = assertThrows(FormatException.class, () -> NginxLogFormat.compile("custom", "$remote_addr ${request"));
        assertTrue(e.getMessage().contains("unclosed"), e.getMessage());
    }

    @Test
    void rejectsLikeApache() {
        LinePlan plan = combined();
        assertEquals(Reject.BAD_TIMESTAMP, Reject.ofOrdinal(parse(plan,
                "1.2.3.4 - - [32/Aug/2001:06:01:38 -0400] \"GET / HTTP/1.0\" 200 0 \"-\" \"-\"", new LogRecord())));
        assertEquals(Reject.BAD_ADDRESS, Reject.ofOrdinal(parse(plan,
                "- - - [02/Aug/2001:06:01:38 -0400] \"GET / HTTP/1.0\" 200 0 \"-\" \"-\"", new LogRecord())));
        assertEquals(Reject.BAD_STATUS, Reject.ofOrdinal(parse(plan,
                "1.2.3.4 - - [02/Aug/2001:06:01:38 -0400] \"GET / HTTP/1.0\" abc 0 \"-\" \"-\"", new LogRecord())));
        assertEquals(Reject.TRUNCATED, Reject.ofOrdinal(parse(plan, "1.2.3.4 - - [02/Aug/2001:06:0", new LogRecord())));
        assertEquals(Reject.BINARY, Reject.ofOrdinal(parse(plan, new String(bytes("\0\0\0\0\0"), java.nio.charset.StandardCharsets.ISO_8859_1), new LogRecord())));
    }
}
