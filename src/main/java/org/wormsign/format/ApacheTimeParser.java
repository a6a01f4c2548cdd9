package org.wormsign.format;

/**
 * Reads Apache's and nginx's {@code %t} / {@code $time_local} form, {@code 10/Oct/2000:13:55:36 -0700}
 * (26 bytes, brackets excluded), into UTC epoch seconds. One instance per thread: it remembers the last
 * date and zone it decoded, since a log repeats them for thousands of lines.
 */
public final class ApacheTimeParser {
    public static final int LENGTH = 26;
    public static final long INVALID = Long.MIN_VALUE;

    private final byte[] lastDate = new byte[11];
    private long lastEpochDay = Long.MIN_VALUE;
    private final byte[] lastZone = new byte[5];
    private int lastOffsetSeconds = Integer.MIN_VALUE;

    /** UTC epoch seconds of the 26 bytes at {@code p}, or {@link #INVALID}. */
    public long parse(byte[] b, int p, int end) {
        if (end - p != LENGTH) return INVALID;
        if (b[p + 2] != '/' || b[p + 6] != '/' || b[p + 11] != ':' || b[p + 14] != ':' || b[p + 17] != ':'
                || b[p + 20] != ' ') return INVALID;
        long day = epochDay(b, p);
        if (day == Long.MIN_VALUE) return INVALID;
        int hh = CivilTime.twoDigits(b, p + 12), mm = CivilTime.twoDigits(b, p + 15), ss = CivilTime.twoDigits(b, p + 18);
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) return INVALID;
        // A leap second (:60) is legal in strftime output; it stays in its own minute (and UTC day).
        if (ss == 60) ss = 59;
        int offset = offsetSeconds(b, p + 21);
        if (offset == Integer.MIN_VALUE) return INVALID;
        return day * 86400L + hh * 3600L + mm * 60L + ss - offset;
    }

    private long epochDay(byte[] b, int p) {
        if (lastEpochDay != Long.MIN_VALUE && sameBytes(b, p, lastDate, 11)) return lastEpochDay;
        int day = CivilTime.twoDigits(b, p);
        int month = Months.parse(b, p + 3);
        int year = CivilTime.fourDigits(b, p + 7);
        if (day < 0 || month < 0 || year < 0 || !CivilTime.validDate(year, month, day)) return Long.MIN_VALUE;
        System.arraycopy(b, p, lastDate, 0, 11);
        lastEpochDay = CivilTime.epochDay(year, month, day);
        return lastEpochDay;
    }

    private int offsetSeconds(byte[] b, int p) {
        if (lastOffsetSeconds != Integer.MIN_VALUE && sameBytes(b, p, lastZone, 5)) return lastOffsetSeconds;
        byte sign = b[p];
        if (sign != '+' && sign != '-') return Integer.MIN_VALUE;
        int h = CivilTime.twoDigits(b, p + 1), m = CivilTime.twoDigits(b, p + 3);
        if (h < 0 || h > 18 || m < 0 || m > 59) return Integer.MIN_VALUE;
        int seconds = h * 3600 + m * 60;
        System.arraycopy(b, p, lastZone, 0, 5);
        lastOffsetSeconds = sign == '-' ? -seconds : seconds;
        return lastOffsetSeconds;
    }

    private static boolean sameBytes(byte[] b, int p, byte[] cached, int n) {
        for (int i = 0; i < n; i++) if (b[p + i] != cached[i]) return false;
        return true;
    }
}
