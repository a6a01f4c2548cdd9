package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16 item 3: which lines look like an access log's (a request, a status and a time), so that a file of
 * them in a layout no format reads is reported rather than set aside. Positives are lines like those of the
 * peer logs (and layouts built to be odd); negatives are what READMEs, notes and other logs hold.
 */
class AccessLogShapeTest {
    private static boolean shaped(String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return AccessLogShape.isAccessLine(b, 0, b.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // matomo/custom_regex_custom_date.log
            "1.2.3.4 - - [February - 10, 2012:16:42:07] \"GET / HTTP/1.0\" 301 368",
            // matomo/icecast2.log: combined and a trailing duration
            "1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] \"GET / HTTP/1.0\" 301 368 \"-\" \"Mozilla/5.0\" 1807",
            // lnav/logfile_haproxy.0: the status before the request
            "Feb 25 16:19:49 192.168.4.2 haproxy[7]: 141.35.244.171:53332 [25/Feb/2019:16:19:48.143] prod_http_in~ bk/nginx 0/0/7/1457/1487 200 11394 - - ---- 2/1/0/0/0 0/0 {Mozilla/5.0} {} \"GET /admin/colt?survey=130 HTTP/1.1\"",
            // built: the time last, in a shape nobody logs
            "10.0.0.7 | GET /index.html HTTP/1.1 | 404 | 512 bytes | at 15.38h 19.07.2001 (15:38:39)",
            // built: ISO time, absolute URL of a proxy, unquoted
            "2001-07-19T15:38:39Z peer=10.0.0.7 CONNECT http://example.com:443/ HTTP/1.1 status=200",
            // built: Unix seconds as nginx's $msec, HTTP/2
            "1626700719.123 10.0.0.7 \"POST /api/v1/items HTTP/2.0\" 201 12",
            // the worm's own request, two blanks before the version
            "[19/Jul/2001:15:38:38 +0000] 211.218.252.9 \"GET /default.ida?NNNN%u9090  HTTP/1.0\" 404 -",
    })
    void linesLikeAnAccessLogs(String line) {
        assertTrue(shaped(line), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // misc/urlscan-sans-sec505-2001sep.log: a URL quoted, no request line, no status
            "[Sun, Sep 30 2001 - 03:22:19] Client at 65.65.5.161: URL contains extension '.ida', which is disallowed. Request will be rejected.  Raw URL='/default.ida'",
            // prose about a request
            "Run `curl -v http://localhost/` and look for the 200 in the answer.",
            // a request and a status, no time (a README's example of a request line)
            "    GET /index.html HTTP/1.0 gives 200",
            // a request and a time, no status
            "2001-07-19 15:38:39 GET /index.html HTTP/1.0",
            // a status inside the request does not count
            "[19/Jul/2001:15:38:38 +0000] \"GET /500 HTTP/1.0\"",
            // a lower-case method is not a request line
            "[19/Jul/2001:15:38:38 +0000] \"get /index.html HTTP/1.0\" 200",
            // a syslog line: a time, no request
            "Feb 25 16:19:38 192.168.4.2 haproxy[1]: Proxy prod_http_in started.",
            // config: a status and a path, no version
            "ErrorDocument 404 /missing.html",
            "",
    })
    void linesThatAreNot(String line) {
        assertFalse(shaped(line), line);
    }

    @Test
    void requestSpan() {
        byte[] b = "x \"GET /a HTTP/1.0\" 200".getBytes(StandardCharsets.US_ASCII);
        long r = AccessLogShape.request(b, 0, b.length);
        assertEquals(3, (int) (r >>> 32), "starts at the method");
        assertEquals(18, (int) r, "ends past the version");
    }

    /** A million-byte line of would-be requests is read once: this returns at once, not after 10^11 steps. */
    @Test
    void aHostileLineIsReadOnce() {
        byte[] b = "HTTP/1.0 ".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        long t = System.nanoTime();
        assertFalse(AccessLogShape.isAccessLine(b, 0, b.length));
        assertTrue(System.nanoTime() - t < 2_000_000_000L, "linear in the line's length");
    }

    /** Half the lines looked at, and at least one: a log with a few header lines is in, a README quoting one is out. */
    @Test
    void threshold() {
        assertEquals(200, AccessLogShape.SAMPLE);
        byte[] log = "[19/Jul/2001:15:38:39 +0000] \"GET / HTTP/1.0\" 200 5".getBytes(StandardCharsets.US_ASCII);
        byte[] prose = "Some words about the server.".getBytes(StandardCharsets.US_ASCII);
        AccessLogShape readme = new AccessLogShape();
        readme.look(prose, 0, prose.length);
        readme.look(log, 0, log.length);
        readme.look(prose, 0, prose.length);
        assertFalse(readme.looksLikeAccessLog(), "1 of 3");
        AccessLogShape headed = new AccessLogShape();
        headed.look(prose, 0, prose.length);
        headed.look(log, 0, log.length);
        assertTrue(headed.looksLikeAccessLog(), "1 of 2");
        assertFalse(new AccessLogShape().looksLikeAccessLog(), "no line");
        AccessLogShape capped = new AccessLogShape();
        for (int i = 0; i < 300; i++) capped.look(prose, 0, prose.length);
        assertEquals(200, capped.sampled(), "at most SAMPLE lines looked at");
    }
}
