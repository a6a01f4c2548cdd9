package org.wormsign.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.wormsign.testing.Corpus;

/**
 * Real-looking log lines and their expected fields, shared by the Apache and nginx plan tests. Text is
 * ISO-8859-1 so that {@code \u0090} stands for the raw byte 0x90.
 */
final class SampleLines {
    private SampleLines() {}

    static final String TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801"
            + "%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";
    static final String N224 = "N".repeat(224);
    static final String X224 = "X".repeat(224);

    /** One request as it was logged, and what a parser must make of it. Null expectation: the field is absent. */
    record Sample(String name, String client, String time, String request, String status, String bytes,
                  String method, String path, String query, int expectedStatus, String utc) {
        @Override public String toString() { return name; }

        String combined() {
            return client + " - - [" + time + "] \"" + request + "\" " + status + " " + bytes + " \"-\" \"Mozilla/4.0 (compatible; MSIE 5.5)\"";
        }

        String common() {
            return client + " - - [" + time + "] \"" + request + "\" " + status + " " + bytes;
        }

        String vhostCombined(String vhost) {
            return vhost + ":80 " + client + " - - [" + time + "] \"" + request + "\" " + status + " " + ("-".equals(bytes) ? "0" : bytes)
                    + " \"-\" \"-\"";
        }
    }

    static List<Sample> samples() {
        String raw = "\u0090\u0002\u00b1".repeat(40);
        return List.of(
                new Sample("Code Red I, two spaces before HTTP/1.0", "211.218.252.9", "02/Aug/2001:06:01:38 -0400",
                        "GET /default.ida?" + N224 + TAIL + "  HTTP/1.0", "400", "326",
                        "GET", "/default.ida", N224 + TAIL, 400, "2001-08-02T10:01:38Z"),
                new Sample("Code Red II answered 200 with bytes -", "61.52.222.94", "17/Jul/2004:19:34:01 -0400",
                        "GET /default.ida?" + X224 + TAIL + " HTTP/1.0", "200", "-",
                        "GET", "/default.ida", X224 + TAIL, 200, "2004-07-17T23:34:01Z"),
                new Sample("no protocol", "62.221.237.83", "10/Jun/2005:04:15:02 -0400",
                        "GET /scripts/..%255c../winnt/system32/cmd.exe?/c+dir", "404", "292",
                        "GET", "/scripts/..%255c../winnt/system32/cmd.exe", "/c+dir", 404, "2005-06-10T08:15:02Z"),
                new Sample("lower-case get", "63.203.254.140", "10/Jun/2005:01:23:50 -0400",
                        "get /scripts/.%252e/.%252e/winnt/system32/cmd.exe?/c+dir", "501", "336",
                        "get", "/scripts/.%252e/.%252e/winnt/system32/cmd.exe", "/c+dir", 501, "2005-06-10T05:23:50Z"),
                new Sample("\"-\" request answered 408", "63.126.133.19", "13/Jul/2004:14:06:25 -0400",
                        "-", "408", "-",
                        null, null, null, 408, "2004-07-13T18:06:25Z"),
                new Sample("raw non-UTF-8 bytes in the request", "63.126.133.19", "13/Jul/2004:13:12:29 -0400",
                        "SEARCH /" + raw, "414", "349",
                        "SEARCH", "/" + raw, null, 414, "2004-07-13T17:12:29Z"),
                new Sample("\\x-escaped bytes in the request", "210.91.137.35", "12/Jun/2005:05:05:35 -0400",
                        "SEARCH /\\x90\\x04H\\x04H\\x04H\\x04H\\x04H", "414", "341",
                        "SEARCH", "/\\x90\\x04H\\x04H\\x04H\\x04H\\x04H", null, 414, "2005-06-12T09:05:35Z"),
                new Sample("escaped quote (Apache 2)", "192.0.2.7", "03/Mar/2006:11:00:00 +0000",
                        "GET /cgi-bin/search?q=\\\"code red\\\" HTTP/1.1", "404", "209",
                        "GET", "/cgi-bin/search", "q=\\\"code", 404, "2006-03-03T11:00:00Z"),
                new Sample("escaped quote then something like a status", "192.0.2.8", "03/Mar/2006:11:00:01 +0000",
                        "GET /index.php?q=\\\" 200 5 HTTP/1.1", "404", "209",
                        "GET", "/index.php", "q=\\\"", 404, "2006-03-03T11:00:01Z"),
                new Sample("raw unescaped quote (Apache 1.3)", "192.0.2.9", "19/Jul/2001:11:00:00 -0400",
                        "GET /cgi-bin/search?q=\"code red\" HTTP/1.0", "404", "209",
                        "GET", "/cgi-bin/search", "q=\"code", 404, "2001-07-19T15:00:00Z"),
                new Sample("raw quote then something like a status (Apache 1.3)", "192.0.2.10", "19/Jul/2001:11:00:01 -0400",
                        "GET /a\" 200 b HTTP/1.0", "400", "301",
                        "GET", "/a\"", null, 400, "2001-07-19T15:00:01Z"),
                new Sample("control bytes 0x04 0x01 as the whole request", "211.144.162.173", "05/Feb/2005:08:16:59 -0500",
                        "\u0004\u0001", "501", "1002",
                        null, null, null, 501, "2005-02-05T13:16:59Z"),
                new Sample("host name as client", "crawl-66-249-66-1.googlebot.com", "19/Jul/2001:23:59:59 +0000",
                        "GET /robots.txt HTTP/1.0", "200", "24",
                        "GET", "/robots.txt", null, 200, "2001-07-19T23:59:59Z"),
                new Sample("IPv6 client", "2001:db8:85a3::8a2e:370:7334", "20/Jul/2001:09:26:21 +0930",
                        "GET /index.html?x=1 HTTP/1.1", "304", "-",
                        "GET", "/index.html", "x=1", 304, "2001-07-19T23:56:21Z"),
                new Sample("IPv6 loopback client", "::1", "19/Jul/2001:12:00:00 -1200",
                        "OPTIONS * HTTP/1.0", "200", "-",
                        "OPTIONS", "*", null, 200, "2001-07-20T00:00:00Z"),
                new Sample("status -", "10.0.0.1", "19/Jul/2001:12:00:00 +0000",
                        "GET / HTTP/1.0", "-", "-",
                        "GET", "/", null, -1, "2001-07-19T12:00:00Z"));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The Apache combined files of the real corpus. */
    static List<Path> realApacheFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Corpus.real(), "apache-combined-*.log")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /** Lines of a file split at LF (independently of LineReader), as [start, end) pairs; a CR before LF is dropped. */
    static List<int[]> lineRanges(byte[] data) {
        List<int[]> lines = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                int e = i > s && data[i - 1] == '\r' ? i - 1 : i;
                lines.add(new int[] {s, e});
                s = i + 1;
            }
        }
        if (s < data.length) lines.add(new int[] {s, data.length});
        return lines;
    }
}
