package org.wormsign.format.proxy;

import org.wormsign.format.CivilTime;
import org.wormsign.format.LogRecord;

/**
 * Byte-level pieces the load balancer, CDN and proxy formats share: their fields are runs of bytes between
 * blanks, their times ISO 8601 or epochs, their clients {@code address:port}, and their requests often in
 * absolute form ({@code GET http://host:80/path HTTP/1.1}), which a proxy logs as it forwarded them.
 */
final class ProxyFields {
    private ProxyFields() {}

    /** What {@link #isoUtc} and {@link #status} return for a value that is not one. */
    static final long BAD_TIME = Long.MIN_VALUE;
    static final int BAD_STATUS = -2;

    /** The first blank ({@code ' '}) at or after {@code p}, or {@code end}. */
    static int nextBlank(byte[] b, int p, int end) {
        while (p < end && b[p] != ' ') p++;
        return p;
    }

    /** The first non-blank at or after {@code p}, or {@code end}. */
    static int skipBlanks(byte[] b, int p, int end) {
        while (p < end && b[p] == ' ') p++;
        return p;
    }

    /** A 3-digit status (100–999), -1 for {@code -} or {@code -1} (no answer was sent), else {@link #BAD_STATUS}. */
    static int status(byte[] b, int from, int to) {
        if (to - from == 1 && b[from] == '-' || to - from == 2 && b[from] == '-' && b[from + 1] == '1') return -1;
        if (to - from != 3) return BAD_STATUS;
        int s = 0;
        for (int p = from; p < to; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) return BAD_STATUS;
            s = s * 10 + d;
        }
        return s < 100 ? BAD_STATUS : s;
    }

    /** Where the address of {@code address:port} (or {@code [v6]:port}) ends: before its last {@code :digits}. */
    static int addressEnd(byte[] b, int from, int to) {
        int p = to;
        while (p > from && b[p - 1] >= '0' && b[p - 1] <= '9') p--;
        if (p < to && p > from && b[p - 1] == ':') {
            int end = p - 1;
            return end > from && b[end - 1] == ']' ? end - 1 : end;
        }
        return to;
    }

    /** Where the address of {@code address:port} starts: after a {@code [} that brackets an IPv6 address. */
    static int addressStart(byte[] b, int from, int to) {
        return from < to && b[from] == '[' ? from + 1 : from;
    }

    /**
     * UTC epoch seconds of {@code yyyy-mm-ddThh:mm:ss[.fraction]Z} (AWS load balancers), or {@link #BAD_TIME}.
     * The fraction is dropped: wormsign counts whole seconds.
     */
    static long isoUtc(byte[] b, int from, int to) {
        if (to - from < 20 || b[to - 1] != 'Z' || b[from + 10] != 'T') return BAD_TIME;
        long day = date(b, from);
        long second = timeOfDay(b, from + 11);
        if (day == BAD_TIME || second < 0) return BAD_TIME;
        int p = from + 19;
        if (p < to - 1) {
            if (b[p] != '.') return BAD_TIME;
            for (p++; p < to - 1; p++) if (b[p] < '0' || b[p] > '9') return BAD_TIME;
        }
        return day * 86400L + second;
    }

    /** Days since 1970 of {@code yyyy-mm-dd} at {@code p} (10 bytes, checked by the caller), or {@link #BAD_TIME}. */
    static long date(byte[] b, int p) {
        if (b[p + 4] != '-' || b[p + 7] != '-') return BAD_TIME;
        int y = digits(b, p, 4), m = digits(b, p + 5, 2), d = digits(b, p + 8, 2);
        return y < 0 || m < 0 || d < 0 || !CivilTime.validDate(y, m, d) ? BAD_TIME : CivilTime.epochDay(y, m, d);
    }

    /** Seconds of the day of {@code hh:mm:ss} at {@code p} (8 bytes, checked by the caller), or -1. */
    static long timeOfDay(byte[] b, int p) {
        if (b[p + 2] != ':' || b[p + 5] != ':') return -1;
        int h = digits(b, p, 2), m = digits(b, p + 3, 2), s = digits(b, p + 6, 2);
        if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) return -1;
        // A leap second stays in its own minute, as ApacheTimeParser keeps it.
        return h * 3600L + m * 60L + Math.min(s, 59);
    }

    /** The decimal number of {@code n} digits at {@code p}, or -1. */
    static int digits(byte[] b, int p, int n) {
        int v = 0;
        for (int k = p; k < p + n; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * Reads a request line whose URI a proxy may log in absolute form ({@code GET http://host:80/path?q HTTP/1.1},
     * as ALB and ELB always do): the path and query classified are those after the authority, so Code Red
     * sent to {@code /default.ida} is found whatever host the proxy names.
     */
    static void requestLine(LogRecord rec, int from, int to) {
        rec.setRequestLine(from, to);
        if (rec.hasPath() && rec.bytes()[rec.pathStart()] != '/') toOriginForm(rec);
    }

    /**
     * Rare: re-points the path of an absolute-form URI ({@code scheme://authority/path}) at its {@code /path};
     * false when the path is not in that form and is left as it was.
     */
    private static boolean toOriginForm(LogRecord rec) {
        byte[] b = rec.bytes();
        int p = rec.pathStart(), end = rec.pathEnd();
        int scheme = p;
        while (scheme < end && (b[scheme] | 0x20) >= 'a' && (b[scheme] | 0x20) <= 'z') scheme++;
        if (scheme == p || end - scheme < 3 || b[scheme] != ':' || b[scheme + 1] != '/' || b[scheme + 2] != '/') return false;
        int slash = scheme + 3;
        while (slash < end && b[slash] != '/') slash++;
        rec.setPath(slash, end);
        return true;
    }

    private static final byte[] MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** 1–12 for the English month abbreviation at {@code p} (3 bytes, checked by the caller), or -1. */
    static int month(byte[] b, int p) {
        for (int m = 0; m < 12; m++) {
            if (b[p] == MONTHS[3 * m] && b[p + 1] == MONTHS[3 * m + 1] && b[p + 2] == MONTHS[3 * m + 2]) return m + 1;
        }
        return -1;
    }

    /**
     * Reads a URI logged alone (Squid's URL): origin form {@code /path?query}, absolute form {@code
     * http://host/path?query} (path after the authority), or an authority alone ({@code host:443} of a
     * CONNECT), which has no path.
     */
    static void uri(LogRecord rec, int from, int to) {
        rec.splitUri(from, to);
        if (from < to && rec.bytes()[from] != '/' && !toOriginForm(rec)) {
            rec.setPath(-1, -1);
            rec.setQuery(-1, -1);
        }
    }

    private static final byte[] WORM_PATH = "default.ida".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Whether the line mentions {@code default.ida} in any case (as LinePlan's comment rule checks). */
    static boolean mentionsWormPath(byte[] b, int start, int end) {
        int last = end - WORM_PATH.length;
        for (int p = start; p <= last; p++) {
            int k = 0;
            while (k < WORM_PATH.length && (b[p + k] | 0x20) == WORM_PATH[k]) k++;
            if (k == WORM_PATH.length) return true;
        }
        return false;
    }
}
