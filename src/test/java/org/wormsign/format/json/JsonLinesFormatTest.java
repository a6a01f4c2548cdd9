package org.wormsign.format.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.format.FormatException;
import org.wormsign.format.FormatSniffer;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;
import org.wormsign.testing.Corpus;

class JsonLinesFormatTest {
    static final String CODE_RED_URI = "/default.ida?" + "N".repeat(224) + Classifier.TAIL;
    /** 2001-07-19 15:38:38 UTC, a Code Red I day of the propagation phase. */
    static final long T = 995557118L;

    static int parse(LineParser p, String line, LogRecord rec) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return p.parse(b, 0, b.length, rec);
    }

    static LogRecord record(JsonLayout layout, String line) {
        LogRecord rec = new LogRecord();
        int result = parse(new JsonLinesFormat(layout).newParser(), line, rec);
        assertEquals(LineParser.RECORD, result, () -> "not a record: " + (result >= 0 ? Reject.ofOrdinal(result) : result));
        return rec;
    }

    static void assertCodeRed(LogRecord rec, String client, long epoch, int status) {
        assertEquals(client, rec.client());
        assertEquals(epoch, rec.epochSecond(), () -> Instant.ofEpochSecond(rec.epochSecond()).toString());
        assertEquals(status, rec.status());
        assertEquals("/default.ida", rec.path());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    /** {@code docker compose logs} puts the service's name, blanks and a bar before each line (lnav's Caddy test log). */
    @Test
    void composePrefixIsPassedOver() {
        String line = "{\"level\":\"info\",\"ts\":" + T + ".81,\"logger\":\"http.log.access\",\"request\":{\"remote_ip\":"
                + "\"211.218.252.9\",\"method\":\"GET\",\"uri\":\"" + CODE_RED_URI + "\"},\"status\":404}";
        for (String prefix : List.of("caddy  | ", "web-1  | ", "my_proxy.2 | ")) {
            LogRecord rec = record(JsonLayout.CADDY, prefix + line);
            assertCodeRed(rec, "211.218.252.9", T, 404);
            assertEquals(prefix + line, new String(rec.bytes(), rec.lineStart(), rec.lineEnd() - rec.lineStart(), StandardCharsets.UTF_8),
                    "evidence shows the line as logged");
        }
        LineParser p = new JsonLinesFormat(JsonLayout.CADDY).newParser();
        for (String notCompose : List.of("caddy | x" + line, " | " + line, "caddy|" + line, "caddy  |" + line, "caddy  | " + " " + line)) {
            assertEquals(Reject.NO_MATCH.ordinal(), parse(p, notCompose, new LogRecord()), notCompose);
        }
        // Caddy's own messages behind the prefix are skipped as they are without it.
        assertEquals(LineParser.SKIPPED, parse(p, "caddy  | {\"level\":\"info\",\"ts\":1761019822.31,\"msg\":\"serving initial configuration\"}", new LogRecord()));
    }

    @Test
    void caddyCodeRed() {
        String line = "{\"level\":\"info\",\"ts\":" + T + ".8155608,\"logger\":\"http.log.access\",\"msg\":\"handled request\","
                + "\"request\":{\"remote_ip\":\"211.218.252.9\",\"remote_port\":\"1043\",\"proto\":\"HTTP/1.0\",\"method\":\"GET\","
                + "\"host\":\"www.worm.com\",\"uri\":\"" + CODE_RED_URI + "\",\"headers\":{\"Host\":[\"www.worm.com\"]}},"
                + "\"bytes_read\":0,\"duration\":0.0001,\"size\":0,\"status\":404,\"resp_headers\":{}}";
        LogRecord rec = record(JsonLayout.CADDY, line);
        assertCodeRed(rec, "211.218.252.9", T, 404);
        assertEquals("GET", rec.method());
        assertFalse(rec.hasTarget(), "the Host header is the worm's www.worm.com, not the server");
        // Evidence shows the line as logged.
        assertEquals(line, new String(rec.bytes(), rec.lineStart(), rec.lineEnd() - rec.lineStart(), StandardCharsets.UTF_8));
    }

    @Test
    void caddyOldRemoteAddrLosesItsPort() {
        LogRecord rec = record(JsonLayout.CADDY, "{\"ts\":" + T + ",\"request\":{\"remote_addr\":\"61.78.10.1:4312\",\"method\":\"GET\",\"uri\":\""
                + CODE_RED_URI + "\"},\"status\":404}");
        assertCodeRed(rec, "61.78.10.1", T, 404);
        LogRecord v6 = record(JsonLayout.CADDY, "{\"ts\":1,\"request\":{\"remote_addr\":\"[2001:db8::1]:443\",\"method\":\"GET\",\"uri\":\"/\"},\"status\":200}");
        assertEquals("2001:db8::1", v6.client());
    }

    @Test
    void traefikCodeRed() {
        String line = "{\"ClientAddr\":\"211.218.252.9:1043\",\"ClientHost\":\"211.218.252.9\",\"ClientPort\":\"1043\",\"DownstreamStatus\":404,"
                + "\"OriginStatus\":404,\"RequestHost\":\"www.worm.com\",\"RequestMethod\":\"GET\",\"RequestPath\":\"" + CODE_RED_URI + "\","
                + "\"RequestProtocol\":\"HTTP/1.0\",\"StartLocal\":\"2001-07-19T11:38:38.773360139-04:00\","
                + "\"StartUTC\":\"2001-07-19T15:38:38.773360139Z\",\"level\":\"info\",\"msg\":\"\",\"time\":\"2001-07-19T11:38:40-04:00\"}";
        assertCodeRed(record(JsonLayout.TRAEFIK, line), "211.218.252.9", T, 404);
    }

    @Test
    void nginxEscapeJsonCodeRed() {
        // escape=json writes the request as it came, escaping only control bytes, quotes and backslashes.
        String line = "{\"time_local\":\"19/Jul/2001:11:38:38 -0400\",\"remote_addr\":\"211.218.252.9\",\"request\":\"GET "
                + CODE_RED_URI + "  HTTP/1.0\",\"status\": \"400\",\"body_bytes_sent\":\"0\",\"http_user_agent\":\"\"}";
        assertCodeRed(record(JsonLayout.NGINX, line), "211.218.252.9", T, 400);
        String iso = "{\"time_iso8601\":\"2001-07-19T17:38:38+02:00\",\"remote_addr\":\"211.218.252.9\",\"request_method\":\"GET\","
                + "\"request_uri\":\"" + CODE_RED_URI + "\",\"status\":404,\"server_name\":\"www.example.com\"}";
        LogRecord rec = record(JsonLayout.NGINX, iso);
        assertCodeRed(rec, "211.218.252.9", T, 404);
        assertEquals("www.example.com", rec.target());
        LogRecord msec = record(JsonLayout.NGINX, "{\"msec\":\"" + T + ".123\",\"remote_addr\":\"1.2.3.4\",\"request\":\"GET / HTTP/1.1\",\"status\":\"200\"}");
        assertEquals(T, msec.epochSecond());
    }

    @Test
    void cloudflareCodeRed() {
        String line = "{\"ClientIP\":\"211.218.252.9\",\"ClientRequestHost\":\"www.worm.com\",\"ClientRequestMethod\":\"GET\",\"ClientRequestURI\":\""
                + CODE_RED_URI + "\",\"EdgeResponseStatus\":404,\"EdgeStartTimestamp\":" + T + "100000000,\"RayID\":\"1\"}";
        assertCodeRed(record(JsonLayout.CLOUDFLARE, line), "211.218.252.9", T, 404);
        // Logpush can also write seconds, milliseconds or RFC 3339.
        for (String ts : List.of(String.valueOf(T), T + "123", "\"2001-07-19T15:38:38Z\"")) {
            LogRecord rec = record(JsonLayout.CLOUDFLARE, "{\"ClientIP\":\"1.2.3.4\",\"ClientRequestURI\":\"/\",\"EdgeStartTimestamp\":" + ts + "}");
            assertEquals(T, rec.epochSecond(), ts);
        }
    }

    @Test
    void escapesAreDecodedBeforeClassifying() {
        // Go's encoding/json writes & < > as \u0026 \u003c \u003e; any writer may escape '/'.
        String escaped = CODE_RED_URI.replace("/", "\\/").replace("?", "\\u003f");
        LogRecord rec = record(JsonLayout.CADDY, "{\"ts\":" + T + ",\"request\":{\"remote_ip\":\"211.218.252.9\",\"method\":\"GET\",\"uri\":\""
                + escaped + "\"},\"status\":404}");
        assertCodeRed(rec, "211.218.252.9", T, 404);
        LogRecord quoted = record(JsonLayout.NGINX, "{\"remote_addr\":\"1.2.3.4\",\"request\":\"GET /a\\\"b?\\u00e9\\ud83d\\ude00 HTTP/1.1\",\"status\":\"200\"}");
        assertEquals("/a\"b", quoted.path());
        assertEquals(new String("é😀".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), quoted.query());
    }

    @Test
    void timeUnknownOrAbsentIsARecordWithoutTime() {
        for (String time : List.of("", ",\"time_local\":\"yesterday\"", ",\"time_iso8601\":\"2001-07-19T15:38:38\"")) {
            LogRecord rec = record(JsonLayout.NGINX, "{\"remote_addr\":\"1.2.3.4\",\"request\":\"GET / HTTP/1.1\",\"status\":200" + time + "}");
            assertFalse(rec.hasTime(), time);
        }
    }

    @Test
    void rejectsSayWhy() {
        LineParser p = new JsonLinesFormat(JsonLayout.NGINX).newParser();
        LogRecord rec = new LogRecord();
        assertEquals(Reject.NO_MATCH.ordinal(), parse(p, "not json at all", rec));
        assertEquals(Reject.TRUNCATED.ordinal(), parse(p, "{\"remote_addr\":\"1.2.3.4\",\"request\":\"GET /default.ida?NNNN", rec));
        assertEquals(Reject.NO_MATCH.ordinal(), parse(p, "{\"remote_addr\":\"1.2.3.4\",,}", rec));
        assertEquals(Reject.NO_MATCH.ordinal(), parse(p, "{\"remote_addr\":\"1.2.3.4\",\"request\":\"GET / HTTP/1.1\"}{}", rec));
        assertEquals(Reject.BAD_ADDRESS.ordinal(), parse(p, "{\"request\":\"GET / HTTP/1.1\",\"status\":200}", rec));
        assertEquals(Reject.BAD_ADDRESS.ordinal(), parse(p, "{\"remote_addr\":\"-\",\"request\":\"GET / HTTP/1.1\"}", rec));
        assertEquals(Reject.BAD_STATUS.ordinal(), parse(p, "{\"remote_addr\":\"1.2.3.4\",\"request\":\"GET / HTTP/1.1\",\"status\":\"OK\"}", rec));
        assertEquals(Reject.NO_MATCH.ordinal(), parse(p, "{\"remote_addr\":\"1.2.3.4\",\"status\":200}", rec));
        // After every kind of reject the same parser reads the next line.
        assertEquals(LineParser.RECORD, parse(p, "{\"remote_addr\":\"1.2.3.4\",\"request\":\"GET / HTTP/1.1\",\"status\":200}", rec));
        assertEquals("1.2.3.4", rec.client());
    }

    @Test
    void caddyRuntimeMessagesAreSkippedUnlessTheyNameTheWorm() {
        LineParser p = new JsonLinesFormat(JsonLayout.CADDY).newParser();
        LogRecord rec = new LogRecord();
        assertEquals(LineParser.SKIPPED, parse(p, "{\"level\":\"info\",\"ts\":1761019822.3152757,\"msg\":\"maxprocs: Leaving GOMAXPROCS=12\"}", rec));
        assertEquals(Reject.NO_MATCH.ordinal(), parse(p, "{\"level\":\"error\",\"msg\":\"GET /default.ida?NNNN\"}", rec));
    }

    @Test
    void hostileJsonIsBounded() {
        LineParser p = new JsonLinesFormat(JsonLayout.NGINX).newParser();
        LogRecord rec = new LogRecord();
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertEquals(Reject.NO_MATCH.ordinal(), parse(p, deep, rec));
        String huge = "{\"remote_addr\":\"1.2.3.4\",\"request\":\"GET /" + "A".repeat(4 << 20) + " HTTP/1.1\",\"status\":200}";
        assertEquals(LineParser.RECORD, parse(p, huge, rec));
        assertEquals(4 * 1024 * 1024 + 1, rec.pathEnd() - rec.pathStart());
        assertEquals(Reject.BAD_STATUS.ordinal(), parse(p, "{\"remote_addr\":\"1.2.3.4\",\"request\":\"GET /\",\"status\":" + "9".repeat(100_000) + "}", rec));
        // Many distinct keys (the name table's growth is bounded by renewing the parser).
        for (int i = 0; i < 20_000; i++) {
            assertEquals(LineParser.RECORD, parse(p, "{\"k" + i + "\":1,\"remote_addr\":\"1.2.3.4\",\"request\":\"GET / HTTP/1.1\"}", rec));
        }
    }

    @Test
    void peerFilesAreReadByTheirLayout() throws IOException {
        assertReadsAll("matomo/caddy_json.log", JsonLayout.CADDY, "1.2.3.4", 1703373474L, 200, "/beta/");
        assertReadsAll("matomo/traefik_json.log", JsonLayout.TRAEFIK, "1.2.3.4", Instant.parse("2023-08-11T11:39:21Z").getEpochSecond(), 200, "/my/app/auth");
        assertReadsAll("matomo/nginx_json.log", JsonLayout.NGINX, "1.2.3.4", Instant.parse("2013-10-10T14:52:00Z").getEpochSecond(), 200, "/piwik.php");
        assertReadsAll("lnav/logfile_cloudflare.1", JsonLayout.CLOUDFLARE, "89.163.242.206", 1712790000L, 200, "/");
        assertReadsAll("logparser-inline/nginx-json.log", JsonLayout.NGINX, "10.11.12.13", LogRecord.NO_TIME, 301, "/one/two/tool.git/info/refs");
        assertReadsAll("issues/goaccess-2145.log", JsonLayout.NGINX, "xx.xx.xx.xx", Instant.parse("2021-07-11T01:13:10Z").getEpochSecond(), 204, "/api/example_services");
        assertReadsAll("issues/goaccess-2530.log", JsonLayout.NGINX, "27.42.97.3", Instant.parse("2023-06-26T06:24:53Z").getEpochSecond(), 200, "/api/wxwork/update_client_check_by_user_id");
    }

    /** Every line of the file is a record of {@code layout}; the first one has these fields. */
    static void assertReadsAll(String file, JsonLayout layout, String client, long epoch, int status, String path) throws IOException {
        List<String> lines = Files.readAllLines(Corpus.peerFile(file), StandardCharsets.UTF_8);
        LineParser p = new JsonLinesFormat(layout).newParser();
        LogRecord rec = new LogRecord();
        for (int i = lines.size() - 1; i >= 0; i--) {
            assertEquals(LineParser.RECORD, parse(p, lines.get(i), rec), file + " line " + (i + 1));
        }
        assertEquals(client, rec.client(), file);
        assertEquals(epoch, rec.epochSecond(), file);
        assertEquals(status, rec.status(), file);
        assertEquals(path, rec.path(), file);
    }

    @Test
    void eachPeerFileIsSniffedAsItsLayout() throws IOException {
        assertSniffed("matomo/caddy_json.log", "json-caddy");
        assertSniffed("matomo/traefik_json.log", "json-traefik");
        assertSniffed("matomo/nginx_json.log", "json-nginx");
        assertSniffed("lnav/logfile_cloudflare.1", "json-cloudflare");
        assertSniffed("issues/goaccess-2145.log", "json-nginx");
        assertSniffed("issues/goaccess-2530.log", "json-nginx");
        assertSniffed("logparser-inline/nginx-json.log", "json-nginx");
    }

    static void assertSniffed(String file, String format) throws IOException {
        byte[] b = Files.readAllBytes(Corpus.peerFile(file));
        FormatSniffer.Sniffed s = FormatSniffer.sniff(b, b.length, true, KnownFormats.sniffCandidates(null));
        assertEquals(format, s.name(), file);
    }

    @Test
    void jsonFieldsReadNestedKeys() {
        JsonLayout layout = JsonLayout.parseFields("client=src.ip, time=@t, method=http.verb, uri=http.target, status=http.code");
        LogRecord rec = record(layout, "{\"@t\":\"2001-07-19T15:38:38Z\",\"src\":{\"ip\":\"211.218.252.9\"},\"http\":{\"verb\":\"GET\",\"target\":\""
                + CODE_RED_URI + "\",\"code\":\"404\"},\"ip\":\"9.9.9.9\"}");
        assertCodeRed(rec, "211.218.252.9", T, 404);
        // A key of the same name at another depth is not the path.
        LineParser p = new JsonLinesFormat(layout).newParser();
        assertEquals(Reject.BAD_ADDRESS.ordinal(), parse(p, "{\"ip\":\"1.2.3.4\",\"http\":{\"target\":\"/\"}}", new LogRecord()));
        LogRecord logstash = record(JsonLayout.parseFields("client=mod_log.server_name,request=mod_log.first_request,status=mod_log.last_request_status,time=@timestamp"),
                "{\"@timestamp\":\"2015-11-25T15:24:45 +0100\",\"mod_log\":{\"server_name\":\"localhost\",\"first_request\":\"GET / HTTP/1.1\",\"last_request_status\":\"403\"}}");
        assertEquals(Instant.parse("2015-11-25T14:24:45Z").getEpochSecond(), logstash.epochSecond());
        assertEquals(403, logstash.status());
    }

    @Test
    void jsonFieldsErrorsNameTheProblem() {
        assertThrows(FormatException.class, () -> JsonLayout.parseFields("time=ts,request=r"), "client required");
        assertThrows(FormatException.class, () -> JsonLayout.parseFields("client=ip"), "a request required");
        assertThrows(FormatException.class, () -> JsonLayout.parseFields("client=ip,request=r,uri=u"));
        assertThrows(FormatException.class, () -> JsonLayout.parseFields("client=ip,request=r,colour=c"));
        assertThrows(FormatException.class, () -> JsonLayout.parseFields("client=ip,request=a..b"));
        assertThrows(FormatException.class, () -> JsonLayout.parseFields("client=ip,request"));
        assertThrows(FormatException.class, () -> JsonLayout.parseFields("client=ip,client=x,request=r"));
        assertTrue(JsonLayout.parseFields("client=ip,uri=u").name().equals("json-custom"));
    }

    /** One parser fed line after line: the clean path (Code Red lines among them) allocates nothing per line. */
    @Test
    void cleanLinesAllocateNothing() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
        org.junit.jupiter.api.Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled(), "no per-thread allocation counter");
        LineParser p = new JsonLinesFormat(JsonLayout.CADDY).newParser();
        LogRecord rec = new LogRecord();
        byte[][] lines = new byte[64][];
        for (int i = 0; i < lines.length; i++) {
            String uri = i % 4 == 0 ? CODE_RED_URI : "/page/" + i + ".html?x=" + i;
            lines[i] = ("{\"level\":\"info\",\"ts\":" + (T + i) + ".815,\"logger\":\"http.log.access\",\"request\":{\"remote_ip\":\"10.0.0." + i
                    + "\",\"method\":\"GET\",\"host\":\"example.com\",\"uri\":\"" + uri + "\",\"headers\":{\"Accept\":[\"*/*\"]}},\"status\":200}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        long sum = 0;
        for (int round = 0; round < 1000; round++) {
            for (byte[] l : lines) sum += p.parse(l, 0, l.length, rec) + rec.epochSecond();
        }
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int round = 0; round < 1000; round++) {
            for (byte[] l : lines) sum += p.parse(l, 0, l.length, rec) + rec.epochSecond();
        }
        long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(sum != 0);
        assertTrue(allocated < 16 * 1024, allocated + " bytes for " + 1000 * lines.length + " lines");
    }
}
