package org.wormsign.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Each server's line for the same Code Red I probe, as its own log format writes it. */
class LogWriterTest {
    private static final String TAIL = WormRequests.TAIL;
    private static final int SOURCE = 137 << 24 | 250 << 16 | 36 << 8 | 15;
    private static final int SERVER = 10 << 24 | 10 << 16 | 10 << 8 | 10;

    private static String write(ServerKind kind, boolean header) {
        Monitor m = new Monitor(kind.id, kind, SERVER, 0);
        LogWriter w = LogWriter.of(m);
        LogLine l = new LogLine();
        l.second = Utc.of(2001, 7, 19, 15, 38) + 38;
        l.client = SOURCE;
        l.request = WormRequests.CODE_RED;
        l.status = kind.codeRedStatus;
        l.bytes = kind.errorBytes(l.status, l.request, true);
        LineBuffer out = new LineBuffer(64);
        if (header) w.header(out, l.second);
        w.write(out, l);
        return new String(out.array(), 0, out.length(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void apache13CommonInLocalTimeWithItsOffset() {
        assertEquals("137.250.36.15 - - [19/Jul/2001:08:38:38 -0700] \"GET /default.ida?" + "N".repeat(224) + TAIL + "  HTTP/1.0\" 400 326\n",
                write(ServerKind.APACHE_1_3, false));
    }

    @Test
    void apache24AndNginxCombinedWithNoRefererOrAgent() {
        assertEquals("137.250.36.15 - - [19/Jul/2001:17:38:38 +0200] \"GET /default.ida?" + "N".repeat(224) + TAIL + "  HTTP/1.0\" 400 226 \"-\" \"-\"\n",
                write(ServerKind.APACHE_2_4, false));
        assertEquals("137.250.36.15 - - [19/Jul/2001:15:38:38 +0000] \"GET /default.ida?" + "N".repeat(224) + TAIL + "  HTTP/1.0\" 400 157 \"-\" \"-\"\n",
                write(ServerKind.NGINX, false));
    }

    @Test
    void iisW3cWithDirectivesUtcAndCrlf() {
        assertEquals("#Software: Microsoft Internet Information Services 5.0\r\n#Version: 1.0\r\n#Date: 2001-07-19 15:38:38\r\n"
                + "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent) cs(Referer) \r\n"
                + "2001-07-19 15:38:38 137.250.36.15 - 10.10.10.10 80 GET /default.ida " + "N".repeat(224) + TAIL + " 404 - -\r\n",
                write(ServerKind.IIS_UNMAPPED, true));
    }

    @Test
    void iisNativeInLocalTimeWithoutOffset() {
        assertEquals("137.250.36.15, -, 07/19/01, 11:38:38, W3SVC1, WEB1, 10.10.10.10, 0, 3770, 178, 200, 0, GET, /default.ida, "
                + "N".repeat(224) + TAIL + ",\r\n", write(ServerKind.IIS_PATCHED, false));
    }
}
