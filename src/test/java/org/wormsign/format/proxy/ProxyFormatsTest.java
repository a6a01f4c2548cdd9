package org.wormsign.format.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.format.FormatSniffer;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogFormat;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;
import org.wormsign.testing.Corpus;

/** CloudFront, ALB, ELB, HAProxy and Squid lines: the peer corpus's, and built ones carrying Code Red. */
class ProxyFormatsTest {
    static final String CODE_RED_QUERY = "N".repeat(Classifier.PADDING) + Classifier.TAIL;

    /** The outcome of each line of {@code lines} through one parser, in order; records are checked by {@code check}. */
    private static List<Integer> outcomes(LogFormat format, List<String> lines) {
        LineParser parser = format.newParser();
        LogRecord rec = new LogRecord();
        List<Integer> out = new ArrayList<>();
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
            out.add(parser.parse(b, 0, b.length, rec));
        }
        return out;
    }

    /** The record of the last of {@code lines} (earlier ones set the parser's state, as #Fields does). */
    private static LogRecord last(LogFormat format, String... lines) {
        LineParser parser = format.newParser();
        LogRecord rec = new LogRecord();
        int result = 0;
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
            result = parser.parse(b, 0, b.length, rec);
        }
        assertEquals(LineParser.RECORD, result, () -> "not a record: " + lines[lines.length - 1]);
        return rec;
    }

    private static String utc(LogRecord r) {
        return Instant.ofEpochSecond(r.epochSecond()).toString();
    }

    private static List<String> peer(String name) throws IOException {
        return Files.readAllLines(Corpus.peerFile(name), StandardCharsets.ISO_8859_1);
    }

    private static String sniffed(List<String> lines) {
        byte[] b = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        return FormatSniffer.sniff(b, b.length, true, KnownFormats.sniffCandidates(ZoneOffset.UTC)).name();
    }

    // ---- Application and Classic Load Balancers

    @Test void albPeerLine() throws IOException {
        LogRecord r = last(AwsLoadBalancerFormat.ALB, peer("matomo/alb.log").get(0));
        assertEquals("1.2.3.4", r.client());
        assertEquals("app/my-alb/abcdef", r.target());
        assertEquals(200, r.status());
        assertEquals("/path/index.html", r.path(), "the path after the absolute URI's authority");
        assertEquals("2020-01-01T00:55:04Z", utc(r));
    }

    @Test void albCodeRedInAbsoluteForm() {
        String line = "http 2001-07-19T15:38:38.123456Z app/web/50dc6c495c0c9188 137.250.36.15:2817 10.0.0.1:80 0.000 0.001 0.000 404 404 380 289 "
                + "\"GET http://10.0.0.1:80/default.ida?" + CODE_RED_QUERY + " HTTP/1.0\" \"-\" - - arn:aws:elasticloadbalancing:x \"Root=1-x\" \"-\" \"-\" 0 "
                + "2001-07-19T15:38:38.120000Z \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"404\" \"-\" \"-\"";
        LogRecord r = last(AwsLoadBalancerFormat.ALB, line);
        assertEquals(Verdict.CODE_RED, Classifier.classify(r));
        assertEquals("137.250.36.15", r.client());
        assertEquals("2001-07-19T15:38:38Z", utc(r));
        assertEquals(404, r.status());
    }

    @Test void elbPeerLinesTheCommentAndTheTcpConnection() throws IOException {
        List<String> lines = peer("matomo/elb.log");
        assertEquals(List.of(LineParser.RECORD, LineParser.SKIPPED, LineParser.RECORD), outcomes(AwsLoadBalancerFormat.ELB, lines));
        LogRecord r = last(AwsLoadBalancerFormat.ELB, lines.get(0));
        assertEquals("my-loadbalancer", r.target());
        assertEquals("/path/index.html", r.path());
        assertEquals("2015-05-13T23:39:43Z", utc(r));
        LogRecord tcp = last(AwsLoadBalancerFormat.ELB, lines.get(2));
        assertEquals(-1, tcp.status(), "a TCP listener's connection has no HTTP status");
        assertEquals("192.168.131.39", tcp.client());
    }

    @Test void elbCodeRedII() {
        String line = "2001-08-05T01:02:03.000001Z lb 24.68.1.1:1040 10.0.0.1:80 0.000086 0.001048 0.001337 400 400 0 57 "
                + "\"GET http://www.example.com:80/default.ida?" + "X".repeat(Classifier.PADDING) + Classifier.TAIL + " HTTP/1.0\" \"-\" - -";
        LogRecord r = last(AwsLoadBalancerFormat.ELB, line);
        assertEquals(Verdict.CODE_RED_II, Classifier.classify(r));
        assertEquals("2001-08-05T01:02:03Z", utc(r));
    }

    @Test void albAndElbRejectsSayWhy() {
        String elb = "2015-05-13T23:39:43.945958Z lb 1.2.3.4:2817 10.0.0.1:80 0.1 0.1 0.1 ";
        assertEquals(List.of(Reject.TRUNCATED.ordinal(), Reject.BAD_TIMESTAMP.ordinal(), Reject.BAD_STATUS.ordinal(), Reject.BAD_ADDRESS.ordinal()),
                outcomes(AwsLoadBalancerFormat.ELB, List.of(elb + "200",
                        "2015-13-13T23:39:43.945958Z lb 1.2.3.4:2817 10.0.0.1:80 0.1 0.1 0.1 200 200 0 57 \"GET / HTTP/1.1\" \"-\" - -",
                        elb + "2x0 200 0 57 \"GET / HTTP/1.1\" \"-\" - -",
                        "2015-05-13T23:39:43.945958Z lb -:2817 10.0.0.1:80 0.1 0.1 0.1 200 200 0 57 \"GET / HTTP/1.1\" \"-\" - -")));
    }

    // ---- CloudFront

    @Test void cloudFrontPeerLine() throws IOException {
        List<String> lines = peer("matomo/amazon_cloudfront_web.log");
        assertEquals(List.of(LineParser.SKIPPED, LineParser.SKIPPED, LineParser.RECORD), outcomes(CloudFrontFormat.INSTANCE, lines));
        LogRecord r = last(CloudFrontFormat.INSTANCE, lines.toArray(new String[0]));
        assertEquals("192.0.2.10", r.client());
        assertEquals("d111111abcdef8.cloudfront.net", r.target(), "cs(Host), the distribution: not x-host-header");
        assertEquals("/view/my/file.html", r.path());
        assertNull(r.query());
        assertEquals("2014-05-23T01:13:11Z", utc(r));
    }

    static final String CLOUDFRONT_FIELDS = "#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
            + "cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken";

    @Test void cloudFrontCodeRedWithTheWormsHostHeader() {
        String line = String.join("\t", "2001-07-19", "15:38:38", "SEA4", "289", "137.250.36.15", "GET", "d111111abcdef8.cloudfront.net",
                "/default.ida", "404", "-", "-", CODE_RED_QUERY, "-", "Error", "id==", "www.worm.com", "http", "380", "0.001");
        LogRecord r = last(CloudFrontFormat.INSTANCE, "#Version: 1.0", CLOUDFRONT_FIELDS, line);
        assertEquals(Verdict.CODE_RED, Classifier.classify(r));
        assertEquals("d111111abcdef8.cloudfront.net", r.target());
        assertEquals("2001-07-19T15:38:38Z", utc(r));
    }

    @Test void cloudFrontSpaceSeparatedOrBeforeFieldsIsNoRecord() {
        String tabs = String.join("\t", "2001-07-19", "15:38:38", "SEA4", "289", "137.250.36.15", "GET", "d.cloudfront.net",
                "/", "200", "-", "-", "-", "-", "Hit", "id==", "example.com", "http", "380", "0.001");
        assertEquals(List.of(Reject.NO_MATCH.ordinal(), LineParser.SKIPPED, Reject.NO_MATCH.ordinal(), LineParser.RECORD,
                        Reject.TRUNCATED.ordinal()),
                outcomes(CloudFrontFormat.INSTANCE, List.of(tabs, CLOUDFRONT_FIELDS, tabs.replace('\t', ' '), tabs,
                        tabs.substring(0, tabs.lastIndexOf('\t')))));
    }

    /**
     * An RTMP distribution logs player events for rtmp:// streams, with no method, status or HTTP request: Code
     * Red cannot be in it, and the file is not recognised rather than read into records of nothing.
     */
    @Test void cloudFrontRtmpIsNotRecognised() throws IOException {
        List<String> lines = peer("matomo/amazon_cloudfront_rtmp.log");
        // Its #Fields is padded with runs of blanks, which the W3C reader takes as Oracle-style padding: its
        // player events may be read as W3C records (no method, no status: never an attempt), never as CloudFront's.
        assertNotEquals("cloudfront", sniffed(lines));
        List<Integer> out = outcomes(CloudFrontFormat.INSTANCE, lines);
        assertFalse(out.contains(LineParser.RECORD));
    }

    // ---- HAProxy

    @Test void haproxyPeerLineInItsZone() throws IOException {
        String line = peer("matomo/haproxy.log").get(0);
        LogRecord r = last(KnownFormats.byName(HaproxyFormat.NAME, ZoneId.of("Europe/Berlin")), line);
        assertEquals("4.3.2.1", r.client());
        assertEquals("ft_https", r.target(), "the frontend, its TLS mark ~ dropped");
        assertEquals(200, r.status());
        assertEquals("POST", r.method());
        assertEquals("/user/", r.path());
        assertEquals("2018-09-25T04:05:27Z", utc(r), "06:05:27 in Berlin's summer time is 04:05:27 UTC");
    }

    @Test void haproxyLnavLogNoticesAreSkipped() throws IOException {
        List<String> lines = peer("lnav/logfile_haproxy.0");
        List<Integer> out = outcomes(new HaproxyFormat(null), lines);
        for (int k = 0; k < lines.size(); k++) {
            boolean traffic = lines.get(k).endsWith("\"");
            assertEquals(traffic ? LineParser.RECORD : LineParser.SKIPPED, out.get(k), lines.get(k));
        }
        assertTrue(out.contains(LineParser.RECORD));
        LogRecord r = last(new HaproxyFormat(null), lines.get(3));
        assertEquals("141.35.244.171", r.client());
        assertEquals("/admin/colt/administration", r.path());
        assertEquals("2019-02-25T16:19:48Z", utc(r));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // syslog-wrapped, with a one-digit day padded by a blank
        "'Aug  4 01:02:03 lb1 haproxy[6801]: '|2001-08-04T05:02:03Z",
        // bare, as HAProxy writes to stdout
        "|2001-08-04T05:02:03Z",
    })
    void haproxyCodeRedII(String prefix, String utc) {
        String line = (prefix == null ? "" : prefix) + "61.78.10.1:3312 [04/Aug/2001:01:02:03.655] www bk_web/<NOSRV> 0/-1/-1/-1/0 400 187 - - PR-- 1/1/0/0/0 0/0 "
                + "\"GET /default.ida?" + "X".repeat(Classifier.PADDING) + Classifier.TAIL + " HTTP/1.0\"";
        LogRecord r = last(new HaproxyFormat(ZoneId.of("America/New_York")), line);
        assertEquals(Verdict.CODE_RED_II, Classifier.classify(r));
        assertEquals(utc, utc(r));
        assertEquals("www", r.target());
        assertEquals(400, r.status());
    }

    @Test void haproxyNoticeThatMentionsTheWormIsARejectNotSkipped() {
        assertEquals(List.of(Reject.NO_MATCH.ordinal()), outcomes(new HaproxyFormat(null),
                List.of("Aug  4 01:02:03 lb1 haproxy[6801]: GET /default.ida?NNNNNNNN")));
    }

    // ---- Squid

    @Test void squidCodeRedThroughAnAccelerator() {
        // Squid's native format (squid-cache.org, "Squid Log Files"): time elapsed remotehost code/status bytes
        // method URL rfc931 peerstatus/peerhost type; the elapsed time padded to six columns.
        String line = "995556518.123    125 137.250.36.15 TCP_MISS/404 339 GET http://www.worm.com/default.ida?" + CODE_RED_QUERY
                + " - FIRST_UP_PARENT/10.0.0.5 text/html";
        LogRecord r = last(SquidFormat.INSTANCE, line);
        assertEquals(Verdict.CODE_RED, Classifier.classify(r));
        assertEquals("137.250.36.15", r.client());
        assertEquals("10.0.0.5", r.target(), "the peer Squid forwarded to, not the URL's host");
        assertEquals(404, r.status());
        assertEquals(Instant.ofEpochSecond(995556518).toString(), utc(r));
    }

    @Test void squidStrippedQueryIsOneNotLogged() {
        LogRecord r = last(SquidFormat.INSTANCE, "995558471.500      3 24.68.1.1 TCP_MISS/404 339 GET http://www.worm.com/default.ida? - DIRECT/10.0.0.5 text/html");
        assertTrue(Classifier.isDefaultIda(r));
        assertFalse(r.queryLogged(), "strip_query_terms cut it");
        assertTrue(last(SquidFormat.INSTANCE, "995558471.500 3 24.68.1.1 TCP_MISS/200 339 GET http://a/b?c=d - DIRECT/a text/html").queryLogged());
    }

    @Test void squidConnectAndNoAnswer() {
        LogRecord r = last(SquidFormat.INSTANCE, "1066036250.603      0 10.1.2.3 TCP_DENIED/000 0 CONNECT mail.example.com:443 - NONE/- -");
        assertEquals(-1, r.status());
        assertFalse(r.hasPath(), "a CONNECT's authority is no path");
        assertFalse(r.hasTarget());
        assertEquals(List.of(Reject.TRUNCATED.ordinal(), Reject.BAD_STATUS.ordinal(), Reject.NO_MATCH.ordinal()),
                outcomes(SquidFormat.INSTANCE, List.of("1066036250.603      0 10.1.2.3 TCP_MISS/200 0 GET http://a/",
                        "1066036250.603      0 10.1.2.3 TCP_MISS/2000 0 GET http://a/ - DIRECT/a text/html",
                        "1066036250.603      0 10.1.2.3 TCP_MISS 0 GET http://a/ - DIRECT/a text/html")));
    }

    // ---- S3 server access log

    @Test void s3PeerLine() throws IOException {
        LogRecord r = last(KnownFormats.byName(AwsS3Format.NAME), peer("matomo/s3.log").get(0));
        assertEquals("1.2.3.4", r.client());
        assertEquals("www.example.com", r.target(), "the bucket");
        assertEquals("/index", r.path());
        assertEquals(200, r.status());
        assertEquals("2012-02-10T21:42:07Z", utc(r));
    }

    @Test void s3CodeRed() {
        String line = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be www.example.com [19/Jul/2001:15:40:02 +0000] 137.250.36.15 - "
                + "3E57427F33A59F07 WEBSITE.GET.OBJECT default.ida \"GET /default.ida?" + CODE_RED_QUERY + " HTTP/1.0\" 404 NoSuchKey 339 - 10 - \"-\" \"-\" - "
                + "s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= - - - www.example.com.s3-website-us-east-1.amazonaws.com - -";
        LogRecord r = last(KnownFormats.byName(AwsS3Format.NAME), line);
        assertEquals(Verdict.CODE_RED, Classifier.classify(r));
        assertEquals("2001-07-19T15:40:02Z", utc(r));
    }

    // ---- detection

    @ParameterizedTest
    @CsvSource({
        "matomo/amazon_cloudfront_web.log, cloudfront",
        "matomo/alb.log, aws-alb",
        "matomo/elb.log, aws-elb",
        "matomo/haproxy.log, haproxy-http",
        "lnav/logfile_haproxy.0, haproxy-http",
        "matomo/s3.log, aws-s3",
    })
    void peerLogsAreSniffed(String file, String format) throws IOException {
        assertEquals(format, sniffed(peer(file)));
    }

    @Test void squidLinesAreSniffed() {
        assertEquals("squid-native", sniffed(List.of(
                "995556518.123    125 137.250.36.15 TCP_MISS/404 339 GET http://www.worm.com/default.ida? - DIRECT/10.0.0.5 text/html",
                "995556519.001     12 10.1.2.3 TCP_HIT/200 1024 GET http://www.example.com/ - NONE/- text/html")));
    }
}
