package org.wormsign.hostile;

import java.util.List;

import org.wormsign.detect.Classifier;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LogFormat;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.json.JsonLayout;
import org.wormsign.format.json.JsonLinesFormat;
import org.wormsign.format.nginx.NginxLogFormat;

/**
 * Every format wormsign reads, each with a header (what must come first: W3C's {@code #Fields}), a Code
 * Red I line, a Code Red II line and a clean line in it. The hostile-input, accounting and fuzz tests run
 * over all of them.
 */
record FormatCase(String name, LogFormat format, List<String> header, String codeRed, String codeRedII, String clean) {
    @Override public String toString() { return name; }

    /** The header, then the three lines, each ended by LF. */
    String log() {
        StringBuilder sb = new StringBuilder();
        for (String h : header) sb.append(h).append('\n');
        return sb.append(codeRed).append('\n').append(clean).append('\n').append(codeRedII).append('\n').toString();
    }

    static final String N = "N".repeat(224) + Classifier.TAIL;
    static final String X = "X".repeat(224) + Classifier.TAIL;

    static List<FormatCase> all() {
        return List.of(
                new FormatCase("apache-combined", KnownFormats.byName("apache-combined"), List.of(),
                        Hostile.combined("211.218.252.9", Hostile.CODE_RED_REQUEST, 400),
                        "61.52.222.94 - - [05/Aug/2001:12:01:00 +0100] \"" + Hostile.CODE_RED_II_REQUEST + "\" 404 288 \"-\" \"-\"",
                        "10.0.0.1 - - [19/Jul/2001:15:38:39 +0000] \"GET /index.html HTTP/1.0\" 200 1043 \"http://example.com/\" \"Mozilla/4.0\""),
                new FormatCase("apache-common", KnownFormats.byName("apache-common"), List.of(),
                        "66.1.2.3 - - [01/Aug/2001:09:00:00 -0700] \"" + Hostile.CODE_RED_REQUEST + "\" 400 339",
                        "66.1.2.4 - - [05/Aug/2001:09:00:00 -0700] \"" + Hostile.CODE_RED_II_REQUEST + "\" 404 -",
                        "10.0.0.1 - frank [01/Aug/2001:09:00:01 -0700] \"GET / HTTP/1.0\" 200 2326"),
                new FormatCase("apache-vhost-combined", KnownFormats.byName("apache-vhost-combined"), List.of(),
                        "www.example.com:80 24.68.1.1 - - [19/Jul/2001:12:01:00 +0100] \"" + Hostile.CODE_RED_REQUEST + "\" 400 288 \"-\" \"-\"",
                        "shop.example.com:80 24.68.1.2 - - [05/Aug/2001:12:01:00 +0100] \"" + Hostile.CODE_RED_II_REQUEST + "\" 404 288 \"-\" \"-\"",
                        "www.example.com:443 10.0.0.1 - - [05/Aug/2001:12:01:01 +0100] \"GET / HTTP/1.1\" 200 512 \"-\" \"curl/7\""),
                new FormatCase("nginx-combined", KnownFormats.byName("nginx-combined"), List.of(),
                        "61.78.10.1 - - [19/Jul/2001:10:05:00 +0000] \"" + Hostile.CODE_RED_REQUEST + "\" 400 173 \"-\" \"-\"",
                        "61.78.10.2 - - [11/Sep/2001:10:05:00 +0000] \"" + Hostile.CODE_RED_II_REQUEST + "\" 404 169 \"-\" \"-\"",
                        "10.0.0.1 - - [11/Sep/2001:10:05:01 +0000] \"GET / HTTP/1.1\" 200 0 \"-\" \"Wget\""),
                new FormatCase("iis-w3c", KnownFormats.byName("iis-w3c"),
                        List.of("#Software: Microsoft Internet Information Services 5.0", "#Version: 1.0", "#Date: 2001-07-19 00:00:00",
                                "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent) cs-host"),
                        "2001-07-19 15:38:38 137.250.36.15 - 10.10.10.10 80 GET /default.ida " + N + " 404 - www.worm.com",
                        "2001-08-05 15:38:38 137.250.36.16 - 10.10.10.10 80 GET /default.ida " + X + " 404 - -",
                        "2001-07-19 15:38:39 10.0.0.1 - 10.10.10.10 80 GET /index.htm - 200 Mozilla/4.0+(compatible) www.example.com"),
                new FormatCase("iis-native", KnownFormats.byName("iis-native"), List.of(),
                        "172.16.1.1, -, 07/19/01, 19:59:59, W3SVC1, WEB1, 10.0.0.5, 0, 0, 0, 404, 2, GET, /default.ida, " + N + ",",
                        "172.16.1.2, -, 08/05/01, 19:59:59, W3SVC1, WEB1, 10.0.0.5, 0, 0, 0, 404, 2, GET, /default.ida, " + X + ",",
                        "192.0.2.20, -, 07/19/01, 19:30:00, W3SVC1, WEB1, 10.0.0.5, 15, 250, 3223, 200, 0, GET, /index.htm, -,"),
                new FormatCase("apache-custom", ApacheLogFormat.compile("apache-custom", "%h \"%{X-Forwarded-For}i\" [%{%Y-%m-%d %H:%M:%S}t] \"%r\" %>s %D"),
                        List.of(),
                        "10.9.9.9 \"198.18.0.2\" [2001-07-19 10:00:01] \"" + Hostile.CODE_RED_REQUEST + "\" 400 2210",
                        "130.2.2.2 \"-\" [2001-08-05 10:00:02] \"" + Hostile.CODE_RED_II_REQUEST + "\" 404 1870",
                        "10.9.9.9 \"198.18.0.1\" [2001-07-19 10:00:00] \"GET / HTTP/1.1\" 200 1530"),
                new FormatCase("nginx-custom", NginxLogFormat.compile("nginx-custom",
                        "$time_iso8601 $server_name $remote_addr \"$request\" $status $request_time $body_bytes_sent"), List.of(),
                        "2001-07-19T10:00:01+02:00 www.example.org 61.78.1.1 \"" + Hostile.CODE_RED_REQUEST + "\" 404 0.001 169",
                        "2001-09-12T10:00:02+02:00 shop.example.org 61.78.1.2 \"" + Hostile.CODE_RED_II_REQUEST + "\" 404 0.000 169",
                        "2001-09-12T10:00:00+02:00 www.example.org 203.0.113.50 \"GET / HTTP/1.1\" 200 0.004 612"),
                new FormatCase("json-caddy", KnownFormats.byName("json-caddy"), List.of(),
                        caddy("211.218.252.9", 995557118, Hostile.CODE_RED_REQUEST, 404),
                        caddy("61.52.222.94", 997013000, Hostile.CODE_RED_II_REQUEST, 404),
                        caddy("10.0.0.1", 995557119, "GET /index.html HTTP/1.1", 200)),
                new FormatCase("json-custom", new JsonLinesFormat(JsonLayout.parseFields("client=c.ip,time=t,request=r,status=s")), List.of(),
                        "{\"t\":\"2001-07-19T15:38:38Z\",\"c\":{\"ip\":\"211.218.252.10\"},\"r\":\"" + Hostile.CODE_RED_REQUEST + "\",\"s\":400}",
                        "{\"t\":\"2001-08-05T12:01:00Z\",\"c\":{\"ip\":\"61.52.222.95\"},\"r\":\"" + Hostile.CODE_RED_II_REQUEST + "\",\"s\":404}",
                        "{\"t\":\"2001-07-19T15:38:39Z\",\"c\":{\"ip\":\"10.0.0.1\"},\"r\":\"GET / HTTP/1.1\",\"s\":200}"),
                new FormatCase("cloudfront", KnownFormats.byName("cloudfront"),
                        List.of("#Version: 1.0", "#Fields: date time x-edge-location c-ip cs-method cs(Host) cs-uri-stem sc-status cs-uri-query x-host-header"),
                        "2001-07-19\t15:38:38\tSEA4\t137.250.36.15\tGET\td1.cloudfront.net\t/default.ida\t404\t" + N + "\twww.worm.com",
                        "2001-08-05\t15:38:38\tSEA4\t137.250.36.16\tGET\td1.cloudfront.net\t/default.ida\t404\t" + X + "\t10.0.0.5",
                        "2001-07-19\t15:38:39\tSEA4\t10.0.0.1\tGET\td1.cloudfront.net\t/index.html\t200\t-\texample.com"),
                new FormatCase("aws-alb", KnownFormats.byName("aws-alb"), List.of(),
                        "http 2001-07-19T15:38:38.123456Z app/web/50dc 137.250.36.15:2817 10.0.0.1:80 0.000 0.001 0.000 404 404 380 289 \"GET http://10.0.0.1:80/default.ida?" + N + " HTTP/1.0\" \"-\" - -",
                        "http 2001-08-05T15:38:38.123456Z app/web/50dc 137.250.36.16:2817 10.0.0.1:80 0.000 0.001 0.000 404 404 380 289 \"GET http://10.0.0.1:80/default.ida?" + X + " HTTP/1.0\" \"-\" - -",
                        "https 2001-07-19T15:38:39.000001Z app/web/50dc 10.0.0.1:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 380 289 \"GET https://example.com:443/ HTTP/1.1\" \"curl/7\" - -"),
                new FormatCase("aws-elb", KnownFormats.byName("aws-elb"), List.of(),
                        "2001-07-19T15:38:38.945958Z web 137.250.36.15:2817 10.0.0.1:80 0.000086 0.001048 0.001337 404 404 0 57 \"GET http://10.0.0.1:80/default.ida?" + N + " HTTP/1.0\" \"-\" - -",
                        "2001-08-05T15:38:38.945958Z web 137.250.36.16:2817 10.0.0.1:80 0.000086 0.001048 0.001337 404 404 0 57 \"GET http://10.0.0.1:80/default.ida?" + X + " HTTP/1.0\" \"-\" - -",
                        "2001-07-19T15:38:39.945958Z web 10.0.0.1:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 \"GET http://example.com:80/ HTTP/1.1\" \"curl/7\" - -"),
                new FormatCase("haproxy-http", KnownFormats.byName("haproxy-http"), List.of(),
                        "Jul 19 15:38:38 lb1 haproxy[6801]: 137.250.36.15:55008 [19/Jul/2001:15:38:38.143] www~ bk/web1 0/0/0/72/72 404 7456 - - ---- 5/4/0/1/0 0/0 \"GET /default.ida?" + N + " HTTP/1.0\"",
                        "Aug  5 15:38:38 lb1 haproxy[6801]: 137.250.36.16:55008 [05/Aug/2001:15:38:38.143] www~ bk/web1 0/0/0/72/72 404 7456 - - ---- 5/4/0/1/0 0/0 \"GET /default.ida?" + X + " HTTP/1.0\"",
                        "Jul 19 15:38:39 lb1 haproxy[6801]: 10.0.0.1:55009 [19/Jul/2001:15:38:39.001] www~ bk/web1 0/0/0/72/72 200 7456 - - ---- 5/4/0/1/0 0/0 {curl/7} {} \"GET / HTTP/1.1\""),
                new FormatCase("squid-native", KnownFormats.byName("squid-native"), List.of(),
                        "995557118.123    125 137.250.36.15 TCP_MISS/404 339 GET http://10.0.0.5/default.ida?" + N + " - DIRECT/10.0.0.5 text/html",
                        "996982718.123    125 137.250.36.16 TCP_MISS/404 339 GET http://10.0.0.5/default.ida?" + X + " - DIRECT/10.0.0.5 text/html",
                        "995557119.001     12 10.0.0.1 TCP_HIT/200 1024 GET http://www.example.com/ - NONE/- text/html"),
                new FormatCase("aws-s3", KnownFormats.byName("aws-s3"), List.of(),
                        "79a59df9 www.example.com [19/Jul/2001:15:38:38 +0000] 137.250.36.15 - 3E57 WEBSITE.GET.OBJECT default.ida \"GET /default.ida?" + N + " HTTP/1.0\" 404 NoSuchKey 339 - 10 - \"-\" \"-\" -",
                        "79a59df9 www.example.com [05/Aug/2001:15:38:38 +0000] 137.250.36.16 - 3E58 WEBSITE.GET.OBJECT default.ida \"GET /default.ida?" + X + " HTTP/1.0\" 404 NoSuchKey 339 - 10 - \"-\" \"-\" -",
                        "79a59df9 www.example.com [19/Jul/2001:15:38:39 +0000] 10.0.0.1 - 3E59 WEBSITE.GET.OBJECT index.html \"GET / HTTP/1.1\" 200 - 339 512 10 9 \"-\" \"curl/7\" -"));
    }

    /** Caddy's access line: the request line's method and URI in their own keys. */
    private static String caddy(String client, long ts, String requestLine, int status) {
        String[] parts = requestLine.split(" +");
        return "{\"level\":\"info\",\"ts\":" + ts + ".25,\"logger\":\"http.log.access\",\"request\":{\"remote_ip\":\"" + client
                + "\",\"proto\":\"" + parts[2] + "\",\"method\":\"" + parts[0] + "\",\"host\":\"www.worm.com\",\"uri\":\"" + parts[1]
                + "\"},\"status\":" + status + "}";
    }
}
