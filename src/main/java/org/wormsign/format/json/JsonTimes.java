package org.wormsign.format.json;

import org.wormsign.format.ApacheTimeParser;
import org.wormsign.format.CivilTime;
import org.wormsign.format.LogRecord;

/**
 * The time spellings JSON logs use, read from bytes: epoch seconds with or without a fraction (Caddy's
 * {@code ts}, nginx's {@code $msec}), epoch milliseconds, microseconds or nanoseconds (Cloudflare), ISO 8601 /
 * RFC 3339 with an offset (Traefik's {@code StartUTC}, nginx's {@code $time_iso8601}), and Apache's
 * {@code dd/Mon/yyyy:HH:MM:SS +zzzz}. Anything else, an ISO time without an offset included (its zone is not
 * known), is {@link LogRecord#NO_TIME}: the record is read, its time is not.
 */
final class JsonTimes {
    private final ApacheTimeParser apache = new ApacheTimeParser();

    long parse(byte[] b, int from, int to) {
        if (to > from + 1 && b[from] == '[' && b[to - 1] == ']') { from++; to--; }
        if (to - from == ApacheTimeParser.LENGTH && b[from + 2] == '/') {
            long t = apache.parse(b, from, to);
            return t == ApacheTimeParser.INVALID ? LogRecord.NO_TIME : t;
        }
        if (to - from >= 19 && b[from + 4] == '-' && b[from + 7] == '-') return iso(b, from, to);
        return epoch(b, from, to);
    }

    /**
     * The unit of an epoch number is told by its size: seconds have at most 11 digits until the year 5138,
     * milliseconds 12–14, microseconds 15–17, nanoseconds 18–19 (from 1973 on, which covers 2001).
     */
    private static long epoch(byte[] b, int from, int to) {
        long whole = 0;
        int digits = 0;
        int p = from;
        for (; p < to && b[p] >= '0' && b[p] <= '9'; p++) {
            if (++digits > 19) return LogRecord.NO_TIME;
            whole = whole * 10 + (b[p] - '0');
        }
        if (digits == 0) return LogRecord.NO_TIME;
        if (p < to) {
            if (b[p] != '.') return LogRecord.NO_TIME;
            for (p++; p < to; p++) if (b[p] < '0' || b[p] > '9') return LogRecord.NO_TIME;
        }
        if (digits <= 11) return whole;
        if (digits <= 14) return whole / 1_000L;
        if (digits <= 17) return whole / 1_000_000L;
        return whole / 1_000_000_000L;
    }

    /** {@code yyyy-mm-dd[T ]HH:MM:SS[.fraction](Z|±hh:mm|±hhmm)}, one space allowed before the offset (logstash). */
    private static long iso(byte[] b, int p, int to) {
        int year = digits(b, p, 4), month = digits(b, p + 5, 2), day = digits(b, p + 8, 2);
        if ((b[p + 10] != 'T' && b[p + 10] != 't' && b[p + 10] != ' ') || b[p + 13] != ':' || b[p + 16] != ':') return LogRecord.NO_TIME;
        int hh = digits(b, p + 11, 2), mm = digits(b, p + 14, 2), ss = digits(b, p + 17, 2);
        if (year < 0 || !CivilTime.validDate(year, month, day) || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) {
            return LogRecord.NO_TIME;
        }
        if (ss == 60) ss = 59;
        int q = p + 19;
        if (q < to && (b[q] == '.' || b[q] == ',')) {
            q++;
            while (q < to && b[q] >= '0' && b[q] <= '9') q++;
        }
        if (q < to && b[q] == ' ') q++;
        int offset;
        if (q + 1 == to && (b[q] == 'Z' || b[q] == 'z')) offset = 0;
        else if (q < to && (b[q] == '+' || b[q] == '-')) {
            int oh = digits(b, q + 1, 2);
            int om = q + 6 == to && b[q + 3] == ':' ? digits(b, q + 4, 2) : q + 5 == to ? digits(b, q + 3, 2) : -1;
            if (oh < 0 || oh > 23 || om < 0 || om > 59) return LogRecord.NO_TIME;
            offset = (b[q] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else return LogRecord.NO_TIME;
        return CivilTime.epochDay(year, month, day) * 86400L + hh * 3600L + mm * 60L + ss - offset;
    }

    private static int digits(byte[] b, int p, int n) {
        if (p + n > b.length) return -1;
        int v = 0;
        for (int i = p; i < p + n; i++) {
            if (b[i] < '0' || b[i] > '9') return -1;
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }
}
