package org.wormsign.simulate;

/**
 * Writes lines as one kind of server does (LogStyle). Each instance keeps a clock cache: one per file being
 * written, never shared between threads.
 */
abstract class LogWriter {
    private static final byte[][] MONTHS = new byte[13][];
    static {
        String[] m = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        for (int i = 0; i < 12; i++) MONTHS[i + 1] = m[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    final Monitor server;
    final LocalClock clock;
    /** The server's address as text, written on every IIS line. */
    final byte[] serverAddress;

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    LogWriter(Monitor server, boolean utc) {
        this.server = server;
        this.clock = new LocalClock(utc ? java.time.ZoneOffset.UTC : server.kind().zone);
        this.serverAddress = b(LineBuffer.dotted(server.address()));
    }

    static LogWriter of(Monitor server) {
        return of(server, server.kind().style);
    }

    /**
     * The server's lines in {@code style}, which may be another server's (a mirror, {@code --also-as}): the
     * answers are the server's, the conventions (clock, fields, line ends) the style's.
     */
    static LogWriter of(Monitor server, LogStyle style) {
        switch (style) {
            case IIS_W3C: return new W3c(server);
            case IIS_NATIVE: return new IisNative(server);
            case NCSA_COMMON: return new Ncsa(server, false, false);
            case APACHE_COMBINED: return new Ncsa(server, true, false);
            default: return new Ncsa(server, true, true);
        }
    }

    /** What a new file starts with (W3C's directives); nothing for the others. */
    void header(LineBuffer out, long firstSecond) {}

    abstract void write(LineBuffer out, LogLine l);

    /**
     * NCSA common and combined, as Apache and nginx write them:
     * {@code 10.0.0.1 - - [19/Jul/2001:08:38:38 -0700] "GET / HTTP/1.0" 200 2326 "-" "Mozilla/4.0 ..."}.
     */
    static final class Ncsa extends LogWriter {
        private static final byte[] CLOSE_TIME = b("] \""), DASHES = b(" - - ["), QUOTES = b("\" \"");
        private final boolean combined, nginx;

        Ncsa(Monitor server, boolean combined, boolean nginx) {
            super(server, false);
            this.combined = combined;
            this.nginx = nginx;
        }

        @Override void write(LineBuffer out, LogLine l) {
            LocalClock c = clock;
            c.set(l.second);
            out.ip(l.client).put(DASHES).two(c.day).put('/').put(MONTHS[c.month]).put('/').number(c.year).put(':')
                    .two(c.hour).put(':').two(c.minute).put(':').two(c.second).put(' ');
            int off = c.offsetSeconds / 60;
            out.put(off < 0 ? '-' : '+');
            off = Math.abs(off);
            out.two(off / 60).two(off % 60).put(CLOSE_TIME);
            out.put(l.request.line).put('"').put(' ').number(l.status).put(' ');
            if (l.bytes >= 0) out.number(l.bytes);
            else out.put(nginx ? '0' : '-');
            if (combined) {
                out.put(' ').put('"');
                if (l.referer == null) out.put('-'); else out.put(l.referer);
                out.put(QUOTES);
                if (l.agent == null) out.put('-'); else out.put(l.agent.raw());
                out.put('"');
            }
            out.put('\n');
        }
    }

    /**
     * IIS W3C extended, with the fields IIS 5.0 logged in the real 2001 log of corpus/real/: times in UTC,
     * CRLF line ends, directives at the top of each file.
     */
    static final class W3c extends LogWriter {
        private static final byte[] USER = b(" - "), PORT = b(" 80 ");
        static final String FIELDS = "date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent) cs(Referer)";

        W3c(Monitor server) {
            super(server, true);
        }

        @Override void header(LineBuffer out, long firstSecond) {
            LocalClock c = clock;
            c.set(firstSecond);
            out.put("#Software: Microsoft Internet Information Services 5.0\r\n#Version: 1.0\r\n#Date: ");
            out.number(c.year).put('-').two(c.month).put('-').two(c.day).put(' ')
                    .two(c.hour).put(':').two(c.minute).put(':').two(c.second).put("\r\n");
            // IIS 5.0 ends the field list with a space, as the real log shows.
            out.put("#Fields: " + FIELDS + " \r\n");
        }

        @Override void write(LineBuffer out, LogLine l) {
            LocalClock c = clock;
            c.set(l.second);
            out.number(c.year).put('-').two(c.month).put('-').two(c.day).put(' ')
                    .two(c.hour).put(':').two(c.minute).put(':').two(c.second).put(' ');
            out.ip(l.client).put(USER).put(serverAddress).put(PORT).put(l.request.method).put(' ')
                    .put(l.request.iisStem).put(' ');
            if (l.request.iisQuery == null) out.put('-'); else out.put(l.request.iisQuery);
            out.put(' ').number(l.status).put(' ');
            if (l.agent == null) out.put('-'); else out.put(l.agent.w3c());
            out.put(' ');
            if (l.referer == null) out.put('-'); else out.put(l.referer);
            out.put('\r').put('\n');
        }
    }

    /**
     * IIS's own format: {@code client, user, date, time, service, server, server IP, time taken, bytes received,
     * bytes sent, status, Windows status, method, target, parameters,} in local time, dates {@code MM/DD/YY},
     * hours without a leading zero (Microsoft's own example: {@code 03/20/98, 7:55:20}).
     */
    static final class IisNative extends LogWriter {
        private static final byte[] USER = b(", -, "), COMMA = b(", "), SERVICE = b(", W3SVC1, WEB1, ");
        IisNative(Monitor server) {
            super(server, false);
        }

        @Override void write(LineBuffer out, LogLine l) {
            LocalClock c = clock;
            c.set(l.second);
            out.ip(l.client).put(USER).two(c.month).put('/').two(c.day).put('/').two(c.year % 100).put(COMMA)
                    .number(c.hour).put(':').two(c.minute).put(':').two(c.second).put(SERVICE)
                    .put(serverAddress).put(COMMA).number(l.timeTaken).put(COMMA).number(l.request.bytesReceived)
                    .put(COMMA).number(Math.max(0, l.bytes)).put(COMMA).number(l.status).put(COMMA)
                    .number(l.status == 404 ? 2 : 0).put(COMMA).put(l.request.method).put(COMMA).put(l.request.iisStem)
                    .put(COMMA);
            if (l.request.iisQuery == null) out.put('-'); else out.put(l.request.iisQuery);
            out.put(',').put('\r').put('\n');
        }
    }
}
