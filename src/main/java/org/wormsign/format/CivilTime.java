package org.wormsign.format;

/** Calendar arithmetic on primitives, so the per-line path needs no {@code java.time} objects. */
public final class CivilTime {
    private CivilTime() {}

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    public static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return (long) era * 146097 + doe - 719468;
    }

    /** Day of the month (1–31) of a day counted from 1970-01-01, any day a {@code long} second can fall on. */
    public static int dayOfMonth(long epochDay) {
        return (int) Math.floorMod(civil(epochDay), 100L);
    }

    /**
     * The date of a day counted from 1970-01-01 as the number {@code yyyymmdd} (2001-07-19 is 20010719), for
     * years 0–9999: one conversion gives all three, and no object is made.
     */
    public static int yearMonthDay(long epochDay) {
        return (int) civil(epochDay);
    }

    /**
     * The one conversion from days to the civil date (H. Hinnant's civil_from_days), as {@code year * 10000 +
     * month * 100 + day}: in a long, so that any day a {@code long} second can fall on fits (year ±2.9e11).
     */
    private static long civil(long epochDay) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return y * 10000 + m * 100 + d;
    }

    /** 1 (Monday) to 7 (Sunday), as ISO 8601 numbers weekdays; 1970-01-01 was a Thursday. */
    public static int isoWeekday(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L) + 1;
    }

    public static int daysInYear(int year) {
        return daysInMonth(year, 2) == 29 ? 366 : 365;
    }

    /** The Monday that starts ISO week 1 of {@code isoYear}: the week that holds its 4 January (ISO 8601). */
    public static long isoWeekOne(int isoYear) {
        long jan4 = epochDay(isoYear, 1, 4);
        return jan4 - (isoWeekday(jan4) - 1);
    }

    public static boolean validDate(int year, int month, int day) {
        if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
        return day <= daysInMonth(year, month);
    }

    public static int daysInMonth(int year, int month) {
        switch (month) {
            case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** Two ASCII digits at {@code p}, or -1. */
    static int twoDigits(byte[] b, int p) {
        int d1 = b[p] - '0', d2 = b[p + 1] - '0';
        if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
        return d1 * 10 + d2;
    }

    static int fourDigits(byte[] b, int p) {
        int hi = twoDigits(b, p), lo = twoDigits(b, p + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }
}
