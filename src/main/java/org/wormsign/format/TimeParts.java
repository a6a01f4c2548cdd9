package org.wormsign.format;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * The pieces of a time as a strftime format or nginx's ISO 8601 spells them, collected field by field
 * and turned into UTC epoch seconds once the whole line is read. Mutable, one per parser.
 */
final class TimeParts {
    private static final String[] MONTH_NAMES = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};

    private int year, month, day, hour, minute, second, pm;
    private int offsetSeconds;
    private long epoch;
    private long lastLocalHour = Long.MIN_VALUE;
    private int lastLocalOffset;

    void clear() {
        year = month = day = hour = minute = second = -1;
        pm = -1;
        offsetSeconds = Integer.MIN_VALUE;
        epoch = Long.MIN_VALUE;
    }

    /** Reads one piece; false if the bytes are not what the piece must be. */
    boolean read(FieldKind kind, byte[] b, int from, int to) {
        switch (kind) {
            case T_YEAR: return (year = digits(b, from, to)) >= 0;
            case T_YEAR2: {
                int y = digits(b, from, to);
                if (y < 0) return false;
                // POSIX strptime %y: 69–99 are 1969–1999, 00–68 are 2000–2068.
                year = y >= 69 ? 1900 + y : 2000 + y;
                return true;
            }
            case T_MONTH: return (month = digits(b, from, to)) >= 1 && month <= 12;
            case T_MONTH_ABBR: return (month = Months.parse(b, from)) > 0;
            case T_MONTH_NAME: return (month = monthName(b, from, to)) > 0;
            case T_DAY: {
                int p = from;
                while (p < to && b[p] == ' ') p++;  // %e pads with a space
                return (day = digits(b, p, to)) >= 1 && day <= 31;
            }
            case T_HOUR: return (hour = digits(b, from, to)) >= 0 && hour <= 23;
            case T_HOUR12: return (hour = digits(b, from, to)) >= 1 && hour <= 12;
            case T_AMPM: {
                int c = b[from] | 0x20, m = b[from + 1] | 0x20;
                if (m != 'm' || c != 'a' && c != 'p') return false;
                pm = c == 'p' ? 1 : 0;
                return true;
            }
            case T_MINUTE: return (minute = digits(b, from, to)) >= 0 && minute <= 59;
            case T_SECOND: return (second = digits(b, from, to)) >= 0 && second <= 60;
            case T_WEEKDAY: case T_ZONE_NAME: {
                if (to == from) return false;
                for (int p = from; p < to; p++) if (!Character.isLetter(b[p])) return false;
                return true;
            }
            case T_OFFSET: case T_ISO_OFFSET: return offset(b, from, to);
            case T_EPOCH_SECONDS: return (epoch = digitsLong(b, from, to)) >= 0;
            case T_EPOCH_MILLIS: { long v = digitsLong(b, from, to); epoch = v < 0 ? Long.MIN_VALUE : v / 1000; return v >= 0; }
            case T_EPOCH_MICROS: { long v = digitsLong(b, from, to); epoch = v < 0 ? Long.MIN_VALUE : v / 1_000_000; return v >= 0; }
            case T_EPOCH_DECIMAL: {
                int dot = from;
                while (dot < to && b[dot] != '.') dot++;
                if (dot < to && digitsLong(b, dot + 1, to) < 0) return false;
                return (epoch = digitsLong(b, from, dot)) >= 0;
            }
            default: throw new IllegalArgumentException(kind + " is not a time part");
        }
    }

    /** UTC epoch seconds of what was read, or {@link Long#MIN_VALUE} if it is not a whole, valid time. */
    long epochSecond(ZoneRules zone) {
        if (epoch != Long.MIN_VALUE) return epoch;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return Long.MIN_VALUE;
        if (year < 1970 || !CivilTime.validDate(year, month, day)) return Long.MIN_VALUE;
        int h = hour;
        if (pm >= 0) h = hour % 12 + (pm == 1 ? 12 : 0);
        long epochDay = CivilTime.epochDay(year, month, day);
        // A leap second (:60) stays in its own minute, so in its own UTC day.
        long local = epochDay * 86400L + h * 3600L + minute * 60L + Math.min(Math.max(second, 0), 59);
        if (offsetSeconds != Integer.MIN_VALUE) return local - offsetSeconds;
        long localHour = Math.floorDiv(local, 3600L);
        if (localHour != lastLocalHour) {
            lastLocalOffset = zone.getOffset(LocalDateTime.ofEpochSecond(localHour * 3600L, 0, ZoneOffset.UTC)).getTotalSeconds();
            lastLocalHour = localHour;
        }
        return local - lastLocalOffset;
    }

    private boolean offset(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 1 && b[from] == 'Z') { offsetSeconds = 0; return true; }
        byte sign = b[from];
        if (sign != '+' && sign != '-') return false;
        int hh = digits(b, from + 1, from + 3);
        int mm = n == 5 ? digits(b, from + 3, from + 5) : n == 6 && b[from + 3] == ':' ? digits(b, from + 4, from + 6) : -1;
        if (hh < 0 || hh > 18 || mm < 0 || mm > 59) return false;
        offsetSeconds = (sign == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
        return true;
    }

    private static int monthName(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < 12; i++) if (MONTH_NAMES[i].equals(s)) return i + 1;
        return -1;
    }

    private static int digits(byte[] b, int from, int to) {
        if (to <= from || to - from > 9) return -1;
        int v = 0;
        for (int p = from; p < to; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }

    private static long digitsLong(byte[] b, int from, int to) {
        if (to <= from || to - from > 18) return -1;
        long v = 0;
        for (int p = from; p < to; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) return -1;
            v = v * 10 + d;
        }
        return v;
    }
}
