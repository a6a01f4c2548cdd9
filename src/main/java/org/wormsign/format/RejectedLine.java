package org.wormsign.format;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * What can still be read of a line no parser could read, without knowing its format: its first token
 * shaped like an address, and its first time of a known shape. Used only for rejects that carry the worm's
 * request (rare), so it favours plain code over speed; every loop is linear in the line, with no
 * backtracking, since a hostile file may be all such lines.
 */
public final class RejectedLine {
    private RejectedLine() {}

    /** What {@link #epochSecond} returns when no time of a known shape is in the line. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /**
     * The first token of {@code [from, to)} that is an IPv4 or IPv6 address by {@link SourceAddress}'s rules,
     * as that address's text (the text a record's source of it shows: {@code ::ffff:1.2.3.4} is
     * {@code 1.2.3.4}), or "" when none is. Tokens are split at blanks, control bytes, quotes, commas and
     * brackets: the fields of every known format, and {@code [::1]} as some proxies log IPv6. The client is the
     * first address in Apache, nginx (a vhost's {@code host:port} is no address), IIS native and IIS 5's W3C
     * lines; in a W3C log whose {@code #Fields} put {@code s-ip} first (IIS 6's default), this is the server's
     * address instead. A time ({@code 15:38:38}) has too few groups and no {@code ::} to be an IPv6 address.
     */
    public static String firstAddress(byte[] b, int from, int to) {
        int p = from;
        while (p < to) {
            while (p < to && splitsTokens(b[p])) p++;
            int start = p;
            while (p < to && !splitsTokens(b[p])) p++;
            if (p > start && addressBytes(b, start, p)) {
                SourceAddress a = SourceAddress.parse(b, start, p);
                if (a.isAddress()) return a.text();
            }
        }
        return "";
    }

    private static boolean splitsTokens(byte c) {
        return (c & 0xff) <= ' ' || c == 0x7f || c == '"' || c == '\'' || c == ',' || c == '[' || c == ']';
    }

    /** Only hex digits, dots, colons and a zone's '%': most tokens (words, paths) are ruled out without parsing. */
    private static boolean addressBytes(byte[] b, int from, int to) {
        boolean zone = false;
        for (int p = from; p < to; p++) {
            if (zone) continue;
            int c = b[p];
            if (c == '%') zone = true;
            else if (c != '.' && c != ':' && Character.digit(c, 16) < 0) return false;
        }
        return true;
    }

    /**
     * UTC epoch seconds of the first time in {@code [from, to)} of a shape a known format writes, or
     * {@link #NO_TIME}: Apache's and nginx's {@code [10/Oct/2000:13:55:36 -0700]}; ISO 8601 with an offset
     * ({@code 2001-07-19T15:38:38+00:00}, nginx's {@code $time_iso8601}); W3C's {@code 2001-07-19 15:38:38},
     * which is UTC; IIS native's {@code 7/19/01, 19:59:59} (also {@code 07/19/2001}), local time with no
     * offset, read in {@code localZone} (the input's {@code --tz}, or UTC).
     */
    public static long epochSecond(byte[] b, int from, int to, ZoneRules localZone) {
        ApacheTimeParser apache = null;
        for (int p = from; p < to; p++) {
            byte c = b[p];
            if (c == '[' && to - (p + 1) >= ApacheTimeParser.LENGTH) {
                if (apache == null) apache = new ApacheTimeParser();
                long t = apache.parse(b, p + 1, p + 1 + ApacheTimeParser.LENGTH);
                if (t != ApacheTimeParser.INVALID) return t;
            } else if (isDigit(c) && (p == from || !isDigit(b[p - 1]))) {
                long t = isoOrW3c(b, p, to);
                if (t == NO_TIME) t = iisNative(b, p, to, localZone);
                if (t != NO_TIME) return t;
            }
        }
        return NO_TIME;
    }

    /** {@code yyyy-mm-dd hh:mm:ss} (UTC, as W3C logs it), or with a {@code T} and then {@code Z} or {@code ±hh:mm}. */
    private static long isoOrW3c(byte[] b, int p, int to) {
        if (to - p < 19 || b[p + 4] != '-' || b[p + 7] != '-' || b[p + 13] != ':' || b[p + 16] != ':') return NO_TIME;
        boolean iso = b[p + 10] == 'T';
        if (!iso && b[p + 10] != ' ') return NO_TIME;
        int year = CivilTime.fourDigits(b, p), month = CivilTime.twoDigits(b, p + 5), day = CivilTime.twoDigits(b, p + 8);
        long second = secondOfDay(CivilTime.twoDigits(b, p + 11), CivilTime.twoDigits(b, p + 14), CivilTime.twoDigits(b, p + 17));
        if (year < 0 || month < 0 || day < 0 || second < 0 || !CivilTime.validDate(year, month, day)) return NO_TIME;
        long local = CivilTime.epochDay(year, month, day) * 86400L + second;
        if (!iso) return local;
        int q = p + 19;
        if (q < to && b[q] == '.') {   // fractions of a second
            q++;
            while (q < to && isDigit(b[q])) q++;
        }
        if (q < to && b[q] == 'Z') return local;
        if (to - q < 6 || b[q] != '+' && b[q] != '-' || b[q + 3] != ':') return NO_TIME;
        int h = CivilTime.twoDigits(b, q + 1), m = CivilTime.twoDigits(b, q + 4);
        if (h < 0 || h > 18 || m < 0 || m > 59) return NO_TIME;
        int offset = (b[q] == '-' ? -1 : 1) * (h * 3600 + m * 60);
        return local - offset;
    }

    /** {@code m/d/yy, h:mm:ss} or with a four-digit year; two-digit years 70–99 are 19xx, as IisNativeParser reads them. */
    private static long iisNative(byte[] b, int p, int to, ZoneRules localZone) {
        int[] at = {p};
        int month = number(b, at, to, 1, 2);
        if (month < 0 || !expect(b, at, to, '/')) return NO_TIME;
        int day = number(b, at, to, 1, 2);
        if (day < 0 || !expect(b, at, to, '/')) return NO_TIME;
        int yearStart = at[0];
        int year = number(b, at, to, 2, 4);
        int yearDigits = at[0] - yearStart;
        if (year < 0 || yearDigits == 3 || !expect(b, at, to, ',')) return NO_TIME;
        if (yearDigits == 2) year += year >= 70 ? 1900 : 2000;
        for (int blanks = 0; blanks < 4 && at[0] < to && b[at[0]] == ' '; blanks++) at[0]++;   // IIS writes one
        int hour = number(b, at, to, 1, 2);
        if (hour < 0 || !expect(b, at, to, ':')) return NO_TIME;
        int minute = number(b, at, to, 2, 2);
        if (minute < 0 || !expect(b, at, to, ':')) return NO_TIME;
        long second = secondOfDay(hour, minute, number(b, at, to, 2, 2));
        if (second < 0 || !CivilTime.validDate(year, month, day)) return NO_TIME;
        long local = CivilTime.epochDay(year, month, day) * 86400L + second;
        return local - localZone.getOffset(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC)).getTotalSeconds();
    }

    /** Seconds of the day, a leap second kept in its minute (as the parsers do), or -1. */
    private static long secondOfDay(int h, int m, int s) {
        if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) return -1;
        return h * 3600L + m * 60L + Math.min(s, 59);
    }

    /** Reads {@code min} to {@code max} digits at {@code at[0]} (no more follow), moving past them; -1 if there are not. */
    private static int number(byte[] b, int[] at, int to, int min, int max) {
        int p = at[0], v = 0;
        while (p < to && isDigit(b[p]) && p - at[0] < max) v = v * 10 + b[p++] - '0';
        if (p - at[0] < min || p < to && isDigit(b[p])) return -1;
        at[0] = p;
        return v;
    }

    private static boolean expect(byte[] b, int[] at, int to, char c) {
        if (at[0] >= to || b[at[0]] != c) return false;
        at[0]++;
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
