package org.wormsign.format.proxy;

import java.time.ZoneId;

import org.wormsign.format.Addresses;
import org.wormsign.format.CivilTime;
import org.wormsign.format.LineParser;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogFormat;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * HAProxy's HTTP log ({@code option httplog}), as syslog writes it or bare (HAProxy configuration manual,
 * 8.2.3 "HTTP log format"):
 *
 * <pre>
 * [Feb  6 12:14:14 localhost haproxy[14389]: ]client:port [06/Feb/2009:12:14:14.655] frontend backend/server
 *     Tq/Tw/Tc/Tr/Tt status bytes captured_request_cookie captured_response_cookie termination_state
 *     actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue [{captured headers} …] "request"
 * </pre>
 *
 * The time is the accept date, to the millisecond, in the proxy's local time with no offset: it is read in
 * {@code --tz} (the syslog stamp has no year and is when the line was written, not when the request came).
 * The target is the frontend (its {@code ~}, which marks TLS, dropped): the service the client reached. The
 * backend/server is not, since HAProxy names {@code <NOSRV>} when it answered itself (a 400, a 503), so
 * one service would split into two. The request is the last field; HAProxy writes a {@code "} inside it as
 * {@code #22}, so its opening quote is the last one before the closing one. Other syslog messages in the
 * file ({@code Proxy prod_http_in started.}, {@code prod_http_in/sktst2: SSL handshake failure}) are not
 * records: skipped, unless they mention {@code default.ida}.
 */
public final class HaproxyFormat implements LogFormat {
    public static final String NAME = "haproxy-http";

    private final ZoneId zone;

    /** @param zone the proxy's time zone; null: UTC (the summary warns that it was assumed) */
    public HaproxyFormat(ZoneId zone) {
        this.zone = zone;
    }

    @Override public String name() { return NAME; }

    /** As HAProxy's documentation of {@code option httplog} names it (the {@code client_ip:client_port} field's address). */
    @Override public String clientField() { return "client_ip"; }

    @Override public boolean logsLocalTime() { return true; }

    @Override public LogFormat inZone(ZoneId zone) { return new HaproxyFormat(zone); }

    @Override public LineParser newParser() { return new Parser(new LocalClock(zone)); }

    private static final class Parser implements LineParser {
        private final LocalClock clock;

        Parser(LocalClock clock) {
            this.clock = clock;
        }

        @Override public int parse(byte[] b, int start, int end, LogRecord rec) {
            rec.wrap(b, start, end);
            if (end > start && b[start] == '#') {
                return LinePlan.isComment(b, start, end) ? SKIPPED : Reject.foreign(b, start, end).ordinal();
            }
            int p = messageStart(b, start, end);
            boolean syslog = p > start;
            int clientEnd = ProxyFields.nextBlank(b, p, end);
            if (clientEnd + 27 > end || b[clientEnd + 1] != '[') return notice(b, start, end, syslog);
            int dateStart = clientEnd + 2;
            if (b[dateStart + 24] != ']') return Reject.NO_MATCH.ordinal();
            long time = acceptDate(b, dateStart);
            int frontendStart = dateStart + 26;
            int frontendEnd = ProxyFields.nextBlank(b, frontendStart, end);
            // "frontend/bind: SSL handshake failure": a connection that made no request.
            if (frontendEnd > frontendStart && b[frontendEnd - 1] == ':') return notice(b, start, end, syslog);
            int q = frontendEnd + 1;
            // backend/server and the timers: not read.
            for (int k = 0; k < 2 && q < end; k++) q = ProxyFields.nextBlank(b, q, end) + 1;
            int statusStart = q, statusEnd = ProxyFields.nextBlank(b, q, end);
            if (statusEnd >= end) return Reject.TRUNCATED.ordinal();
            if (b[end - 1] != '"') return Reject.TRUNCATED.ordinal();
            int open = end - 2;
            while (open > statusEnd && b[open] != '"') open--;
            if (open <= statusEnd) return Reject.TRUNCATED.ordinal();

            if (time == ProxyFields.BAD_TIME) return Reject.BAD_TIMESTAMP.ordinal();
            int status = ProxyFields.status(b, statusStart, statusEnd);
            if (status == ProxyFields.BAD_STATUS) return Reject.BAD_STATUS.ordinal();
            int addressStart = ProxyFields.addressStart(b, p, clientEnd);
            int addressEnd = ProxyFields.addressEnd(b, p, clientEnd);
            if (!Addresses.plausibleClient(b, addressStart, addressEnd)) return Reject.BAD_ADDRESS.ordinal();
            if (frontendEnd > frontendStart && b[frontendEnd - 1] == '~') frontendEnd--;
            if (frontendEnd - frontendStart > Addresses.MAX_TARGET_BYTES) return Reject.FIELD_TOO_LONG.ordinal();
            rec.setEpochSecond(time);
            rec.setClient(addressStart, addressEnd);
            if (frontendEnd > frontendStart) rec.setTarget(frontendStart, frontendEnd);
            rec.setStatus(status);
            rec.setRequestLine(open + 1, end - 1);
            return RECORD;
        }

        /**
         * A syslog line that is no request's (HAProxy's notices, a failed TLS handshake, another program's) is
         * not a record by design: skipped. One that mentions the worm's path stays a reject, so that it is never
         * lost in a count, and so does any such line without a syslog header.
         */
        private static int notice(byte[] b, int start, int end, boolean syslog) {
            boolean skip = syslog && !ProxyFields.mentionsWormPath(b, start, end) && !Reject.looksBinary(b, start, end);
            return skip ? SKIPPED : Reject.foreign(b, start, end).ordinal();
        }

        /**
         * Where the message starts: after a syslog header ({@code Feb 25 16:19:49 host tag[pid]: }), else at the
         * line's start.
         */
        private static int messageStart(byte[] b, int start, int end) {
            if (end - start < 16 || b[start + 3] != ' ' || ProxyFields.month(b, start) < 0) return start;
            if (b[start + 6] != ' ' || b[start + 9] != ':' || b[start + 12] != ':' || b[start + 15] != ' ') return start;
            int host = ProxyFields.skipBlanks(b, start + 16, end);
            int tag = ProxyFields.nextBlank(b, host, end) + 1;
            int tagEnd = ProxyFields.nextBlank(b, tag, end);
            if (tagEnd >= end || tagEnd == tag || b[tagEnd - 1] != ':') return start;
            return tagEnd + 1;
        }

        /** UTC epoch seconds of {@code 06/Feb/2009:12:14:14.655} at {@code p} in the proxy's zone, or BAD_TIME. */
        private long acceptDate(byte[] b, int p) {
            if (b[p + 2] != '/' || b[p + 6] != '/' || b[p + 11] != ':' || b[p + 20] != '.') return ProxyFields.BAD_TIME;
            int day = ProxyFields.digits(b, p, 2), month = ProxyFields.month(b, p + 3), year = ProxyFields.digits(b, p + 7, 4);
            long second = ProxyFields.timeOfDay(b, p + 12);
            if (ProxyFields.digits(b, p + 21, 3) < 0 || second < 0 || day < 0 || month < 0 || year < 0
                    || !CivilTime.validDate(year, month, day)) return ProxyFields.BAD_TIME;
            return clock.toUtc(CivilTime.epochDay(year, month, day), second);
        }
    }
}
