package org.wormsign.format;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * The pieces of a time as a strftime format or nginx's ISO 8601 spells them, collected field by field
 * and turned into UTC epoch seconds once the whole line is read, as the plan's {@link TimeRecipe} says.
 * Every piece read must agree with the date the recipe makes (a weekday, a day of the year, a week, the
 * other spelling of the year): a line whose time contradicts itself is not given either reading. Mutable,
 * one per parser; reads bytes, and makes no object but the zone's offset, looked up once a local hour.
 */
final class TimeParts {
    /** What {@link #epochSecond} returns when the pieces are not a whole, valid, consistent time. */
    static final long INVALID = Long.MIN_VALUE;
    /** What {@link #epochSecond} returns when another field ({@code %t}) gives the time: the pieces only decorate it. */
    static final long ELSEWHERE = Long.MAX_VALUE;

    private static final byte[][] MONTH_NAMES = names("january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december");
    /** In ISO 8601's order, Monday first. Other languages' names are letters of unknown meaning. */
    private static final byte[][] WEEKDAY_NAMES = names("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

    private final TimeRecipe recipe;
    // -1: not read.
    private int year, year2, century, isoYear, isoYear2, month, day, dayOfYear, isoWeek, weekFromSunday, weekFromMonday;
    /**
     * 1 (Monday) to 7 (Sunday), from {@code %u}, {@code %w} and a name ({@code %a %A}; 0 for a name in another
     * language, which decorates and is not checked): each its own, so a format with several checks them all.
     */
    private int weekdayFromMonday, weekdayFromSunday, weekdayName;
    private int hour, hour12, pm, minute, second;
    private int offsetSeconds;
    private long epoch;
    private long lastLocalHour = Long.MIN_VALUE;
    private int lastLocalOffset;

    /** @param recipe how the plan's parts make a time (never null: a plan without time parts has no TimeParts to ask) */
    TimeParts(TimeRecipe recipe) {
        this.recipe = recipe;
        clear();
    }

    void clear() {
        year = year2 = century = isoYear = isoYear2 = month = day = dayOfYear = isoWeek = weekFromSunday = weekFromMonday = -1;
        weekdayFromMonday = weekdayFromSunday = weekdayName = -1;
        hour = hour12 = pm = minute = second = -1;
        offsetSeconds = Integer.MIN_VALUE;
        epoch = Long.MIN_VALUE;
    }

    /** Reads one piece; false if the bytes are not what the piece must be. */
    boolean read(FieldKind kind, byte[] b, int from, int to) {
        switch (kind) {
            case T_YEAR: return (year = digits(b, from, to)) >= 0;
            case T_YEAR2: return (year2 = padded(b, from, to)) >= 0;
            case T_CENTURY: return (century = padded(b, from, to)) >= 0;
            case T_ISO_YEAR: return (isoYear = digits(b, from, to)) >= 0;
            case T_ISO_YEAR2: return (isoYear2 = padded(b, from, to)) >= 0;
            case T_MONTH: return (month = padded(b, from, to)) >= 1 && month <= 12;
            case T_MONTH_ABBR: return (month = Months.parse(b, from)) > 0;
            case T_MONTH_NAME: return (month = name(MONTH_NAMES, b, from, to)) > 0;
            case T_DAY: return (day = padded(b, from, to)) >= 1 && day <= 31;   // %e pads with a space
            case T_DAY_OF_YEAR: return (dayOfYear = padded(b, from, to)) >= 1 && dayOfYear <= 366;
            case T_ISO_WEEK: return (isoWeek = padded(b, from, to)) >= 1 && isoWeek <= 53;
            case T_WEEK_FROM_SUNDAY: return (weekFromSunday = padded(b, from, to)) >= 0 && weekFromSunday <= 53;
            case T_WEEK_FROM_MONDAY: return (weekFromMonday = padded(b, from, to)) >= 0 && weekFromMonday <= 53;
            case T_WEEKDAY_FROM_MONDAY: return (weekdayFromMonday = digits(b, from, to)) >= 1 && weekdayFromMonday <= 7;
            case T_WEEKDAY_FROM_SUNDAY: {
                int w = digits(b, from, to);
                weekdayFromSunday = w == 0 ? 7 : w;
                return w >= 0 && w <= 6;
            }
            case T_WEEKDAY: {
                if (to == from) return false;
                for (int p = from; p < to; p++) if (!Character.isLetter(b[p])) return false;
                weekdayName = Math.max(0, name(WEEKDAY_NAMES, b, from, to));
                return true;
            }
            case T_HOUR: return (hour = padded(b, from, to)) >= 0 && hour <= 23;     // %k pads with a space
            case T_HOUR12: return (hour12 = padded(b, from, to)) >= 1 && hour12 <= 12; // so does %l
            case T_AMPM: {
                int c = b[from] | 0x20, m = b[from + 1] | 0x20;
                if (m != 'm' || c != 'a' && c != 'p') return false;
                pm = c == 'p' ? 1 : 0;
                return true;
            }
            case T_MINUTE: return (minute = padded(b, from, to)) >= 0 && minute <= 59;
            case T_SECOND: return (second = padded(b, from, to)) >= 0 && second <= 60;
            case T_ZONE_NAME: {
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

    /**
     * UTC epoch seconds of what was read; {@link #INVALID} if it is not a whole, valid time or contradicts
     * itself; {@link #ELSEWHERE} if the recipe takes the time from another field.
     */
    long epochSecond(ZoneRules zone) {
        if (recipe.epoch) return epoch;
        if (recipe.date == TimeRecipe.DateFrom.ELSEWHERE) return ELSEWHERE;
        long epochDay = epochDay();
        if (epochDay == INVALID || !agrees(epochDay)) return INVALID;
        int h = hourOfDay();
        if (h < 0 || minute < 0) return INVALID;
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

    /** The local date the recipe's parts name, in days from 1970-01-01, or {@link #INVALID}. */
    private long epochDay() {
        int weekday = weekdayFromMonday > 0 ? weekdayFromMonday : weekdayFromSunday > 0 ? weekdayFromSunday : weekdayName;
        long d;
        switch (recipe.date) {
            case YEAR_MONTH_DAY: {
                int y = year();
                if (!CivilTime.validDate(y, month, day)) return INVALID;
                d = CivilTime.epochDay(y, month, day);
                break;
            }
            case YEAR_DAY_OF_YEAR: {
                int y = year();
                if (y < 0 || dayOfYear > CivilTime.daysInYear(y)) return INVALID;
                d = CivilTime.epochDay(y, 1, 1) + dayOfYear - 1;
                break;
            }
            case YEAR_WEEK_FROM_SUNDAY: case YEAR_WEEK_FROM_MONDAY: {
                // Week 1 starts on the year's first Sunday (%U) or Monday (%W); the days before it are week 0.
                int y = year();
                if (y < 0 || weekday <= 0) return INVALID;
                boolean sunday = recipe.date == TimeRecipe.DateFrom.YEAR_WEEK_FROM_SUNDAY;
                long jan1 = CivilTime.epochDay(y, 1, 1);
                int firstDay = sunday ? 7 : 1;   // the ISO number of the day weeks start on
                int jan1Offset = Math.floorMod(CivilTime.isoWeekday(jan1) - firstDay, 7);
                int week = sunday ? weekFromSunday : weekFromMonday;
                long dayOfYear0 = (7 - jan1Offset) % 7 + (week - 1) * 7L + Math.floorMod(weekday - firstDay, 7);
                if (dayOfYear0 < 0 || dayOfYear0 >= CivilTime.daysInYear(y)) return INVALID;
                d = jan1 + dayOfYear0;
                break;
            }
            case ISO_YEAR_WEEK: {
                int y = recipe.fullIsoYear ? isoYear : pivot(isoYear2);
                if (y < 0 || y > 9999 || weekday <= 0) return INVALID;
                long weekOne = CivilTime.isoWeekOne(y);
                if (isoWeek > (CivilTime.isoWeekOne(y + 1) - weekOne) / 7) return INVALID;   // week 53 only in long years
                d = weekOne + (isoWeek - 1) * 7L + weekday - 1;
                break;
            }
            default: return INVALID;
        }
        // Times before 1970 are no web server's; the epoch and the report's years start there.
        return d >= 0 && d < CivilTime.epochDay(10000, 1, 1) ? d : INVALID;
    }

    /** The calendar year the recipe takes, or -1. */
    private int year() {
        switch (recipe.year) {
            case FULL: return year;
            case CENTURY_AND_TWO_DIGITS: return century * 100 + year2;
            case TWO_DIGITS: return pivot(year2);
            default: return -1;
        }
    }

    /** POSIX strptime's %y: 69–99 are 1969–1999, 00–68 are 2000–2068. */
    private static int pivot(int twoDigits) {
        return twoDigits < 0 ? -1 : twoDigits >= 69 ? 1900 + twoDigits : 2000 + twoDigits;
    }

    /** Whether every part that was read names this day: the ones the date came from do by construction. */
    private boolean agrees(long epochDay) {
        int ymd = CivilTime.yearMonthDay(epochDay);
        int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
        if (year >= 0 && year != y || year2 >= 0 && year2 != y % 100 || century >= 0 && century != y / 100) return false;
        if (month >= 0 && month != m || day >= 0 && day != d) return false;
        int isoDay = CivilTime.isoWeekday(epochDay);
        if (weekdayFromMonday > 0 && weekdayFromMonday != isoDay || weekdayFromSunday > 0 && weekdayFromSunday != isoDay
                || weekdayName > 0 && weekdayName != isoDay) return false;
        long jan1 = CivilTime.epochDay(y, 1, 1);
        int yday = (int) (epochDay - jan1);
        if (dayOfYear >= 0 && dayOfYear != yday + 1) return false;
        // glibc: %U is (yday + 7 - wday) / 7 with Sunday 0; %W the same with Monday 0.
        if (weekFromSunday >= 0 && weekFromSunday != (yday + 7 - isoDay % 7) / 7) return false;
        if (weekFromMonday >= 0 && weekFromMonday != (yday + 7 - (isoDay - 1)) / 7) return false;
        if (isoWeek >= 0 || isoYear >= 0 || isoYear2 >= 0) {
            // A day's ISO week is its Thursday's: that Thursday's year is the ISO year.
            long thursday = epochDay + 4 - isoDay;
            int iy = CivilTime.yearMonthDay(thursday) / 10000;
            int iw = (int) ((thursday - CivilTime.epochDay(iy, 1, 1)) / 7) + 1;
            if (isoWeek >= 0 && isoWeek != iw || isoYear >= 0 && isoYear != iy || isoYear2 >= 0 && isoYear2 != iy % 100) return false;
        }
        return true;
    }

    /** The hour of the day from %H, or %I and %p, which must agree when both are there; -1 if there is none. */
    private int hourOfDay() {
        if (hour >= 0) {
            if (hour12 >= 0 && hour12 % 12 != hour % 12) return -1;
            if (pm >= 0 && (pm == 1) != (hour >= 12)) return -1;
            return hour;
        }
        return hour12 >= 0 && pm >= 0 ? hour12 % 12 + 12 * pm : -1;
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

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) out[i] = names[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return out;
    }

    /**
     * 1 + the index of the name {@code [from, to)} spells, in any case, whole or as its first three letters
     * ({@code %b %a}); -1 if it is none of them.
     */
    private static int name(byte[][] names, byte[] b, int from, int to) {
        int n = to - from;
        for (int i = 0; i < names.length; i++) {
            byte[] name = names[i];
            if (n != 3 && n != name.length) continue;
            int k = 0;
            while (k < n && (b[from + k] | 0x20) == name[k]) k++;
            if (k == n) return i + 1;
        }
        return -1;
    }

    /** Digits, after the spaces glibc pads some conversions with ({@code %e %k %l}, or any with the {@code _} flag). */
    private static int padded(byte[] b, int from, int to) {
        int p = from;
        while (p < to - 1 && b[p] == ' ') p++;
        return digits(b, p, to);
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
