package org.wormsign.format.proxy;

import org.wormsign.format.Addresses;
import org.wormsign.format.LineParser;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogFormat;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * Amazon CloudFront's standard (access) logs of a web distribution: W3C extended, with {@code #Version} and
 * {@code #Fields} directives and its columns separated by tabs (AWS, "Standard logging reference"):
 *
 * <pre>
 * #Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer)
 *          cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header …
 * </pre>
 *
 * Columns are found by name, so fields AWS adds later are carried along. Times are UTC. The target is
 * {@code cs(Host)}, the distribution's domain ({@code d111111abcdef8.cloudfront.net}); never {@code
 * x-host-header}, the Host header the viewer sent, which is {@code www.worm.com} in Code Red I's requests.
 *
 * <p>A distribution's RTMP (streaming) log has no method, status or HTTP request, only player events
 * ({@code connect}, {@code play}) for {@code rtmp://} streams: Code Red, an HTTP GET to port 80, cannot be in
 * it, so such a {@code #Fields} makes its lines {@code no-match}, and such a file is not recognised.
 */
public final class CloudFrontFormat implements LogFormat {
    public static final String NAME = "cloudfront";
    public static final CloudFrontFormat INSTANCE = new CloudFrontFormat();

    /** The columns a line may have: W3C's limit in this tool. */
    private static final int MAX_COLUMNS = 64;

    private CloudFrontFormat() {}

    @Override public String name() { return NAME; }

    @Override public String clientField() { return "c-ip"; }

    @Override public LineParser newParser() { return new Parser(); }

    private static final class Parser implements LineParser {
        /** Column numbers of the fields read, -1 when the current {@code #Fields} lacks them. */
        private int date = -1, time = -1, client = -1, method = -1, stem = -1, query = -1, status = -1, host = -1;
        /** Columns of the current {@code #Fields}; 0 before one. */
        private int columns;
        private final int[] starts = new int[MAX_COLUMNS];
        private final int[] ends = new int[MAX_COLUMNS];

        @Override public int parse(byte[] b, int start, int end, LogRecord rec) {
            rec.wrap(b, start, end);
            if (end > start && b[start] == '#') return directive(b, start, end);
            if (columns == 0 || date < 0 || time < 0 || client < 0 || method < 0 || stem < 0 || status < 0) {
                return Reject.foreign(b, start, end).ordinal();
            }
            int n = 0, p = start;
            while (true) {
                int e = p;
                while (e < end && b[e] != '\t') e++;
                if (n == MAX_COLUMNS) return Reject.NO_MATCH.ordinal();
                starts[n] = p;
                ends[n++] = e;
                if (e == end) break;
                p = e + 1;
            }
            if (n != columns) return n < columns && n > 1 ? Reject.TRUNCATED.ordinal() : Reject.foreign(b, start, end).ordinal();
            if (ends[date] - starts[date] != 10 || ends[time] - starts[time] != 8) return Reject.BAD_TIMESTAMP.ordinal();
            long day = ProxyFields.date(b, starts[date]);
            long second = ProxyFields.timeOfDay(b, starts[time]);
            if (day == ProxyFields.BAD_TIME || second < 0) return Reject.BAD_TIMESTAMP.ordinal();
            int s = ProxyFields.status(b, starts[status], ends[status]);
            // CloudFront logs 000 when the viewer closed the connection before an answer.
            if (ends[status] - starts[status] == 3 && b[starts[status]] == '0' && b[starts[status] + 1] == '0'
                    && b[starts[status] + 2] == '0') s = -1;
            if (s == ProxyFields.BAD_STATUS) return Reject.BAD_STATUS.ordinal();
            if (!Addresses.plausibleClient(b, starts[client], ends[client])) return Reject.BAD_ADDRESS.ordinal();
            if (host >= 0 && ends[host] - starts[host] > Addresses.MAX_TARGET_BYTES) return Reject.FIELD_TOO_LONG.ordinal();
            rec.setEpochSecond(day * 86400L + second);
            rec.setClient(starts[client], ends[client]);
            rec.setStatus(s);
            if (host >= 0 && present(b, host)) rec.setTarget(starts[host], ends[host]);
            if (present(b, method)) rec.setMethod(starts[method], ends[method]);
            if (present(b, stem)) rec.setPath(starts[stem], ends[stem]);
            if (query < 0) rec.setQueryLogged(false);
            else if (present(b, query)) rec.setQuery(starts[query], ends[query]);
            return RECORD;
        }

        private boolean present(byte[] b, int column) {
            return ends[column] > starts[column] && !(ends[column] - starts[column] == 1 && b[starts[column]] == '-');
        }

        /** {@code #Fields} sets the columns; other directives ({@code #Version}) and comments are skipped. */
        private int directive(byte[] b, int start, int end) {
            if (!startsWith(b, start, end, "#Fields:")) {
                return LinePlan.isComment(b, start, end) ? SKIPPED : Reject.foreign(b, start, end).ordinal();
            }
            date = time = client = method = stem = query = status = host = -1;
            columns = 0;
            int p = start + 8;
            while (p < end) {
                while (p < end && (b[p] == ' ' || b[p] == '\t')) p++;
                int e = p;
                while (e < end && b[e] != ' ' && b[e] != '\t') e++;
                if (e == p) break;
                if (columns == MAX_COLUMNS) { columns = 0; return Reject.NO_MATCH.ordinal(); }
                name(b, p, e, columns++);
                p = e;
            }
            return SKIPPED;
        }

        private void name(byte[] b, int from, int to, int column) {
            String n = new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
            switch (n) {
                case "date": date = column; break;
                case "time": time = column; break;
                case "c-ip": client = column; break;
                case "cs-method": method = column; break;
                case "cs-uri-stem": stem = column; break;
                case "cs-uri-query": query = column; break;
                case "sc-status": status = column; break;
                case "cs(Host)": host = column; break;
                default: break;
            }
        }

        private static boolean startsWith(byte[] b, int start, int end, String s) {
            if (end - start < s.length()) return false;
            for (int k = 0; k < s.length(); k++) if (b[start + k] != s.charAt(k)) return false;
            return true;
        }
    }
}
