package org.wormsign.simulate;

import java.time.LocalDate;

/**
 * Instants as UTC epoch seconds, and the civil calendar the worms read (DOMAIN.md, "Time": every worm decision
 * uses the host's clock in UTC). Only what the simulator needs, written here so that it shares nothing with
 * the analyzer.
 */
final class Utc {
    private Utc() {}

    static final long DAY = 86_400;
    static final long HOUR = 3_600;

    /** The first instant the simulator models: Code Red I v1 appeared on 12 July 2001. */
    static final long MODEL_START = of(2001, 7, 12);
    /** The last day (exclusive) the model may run to: the worms of 2001, not CodeRed.F of 2003. */
    static final long MODEL_LIMIT = of(2002, 1, 1);

    /** First second of each month from January 2001 to January 2003, for the worm calendar. */
    private static final long[] MONTH_STARTS = new long[25];
    private static final long END_OF_2002 = of(2003, 1, 1);
    static {
        for (int i = 0; i < MONTH_STARTS.length; i++) MONTH_STARTS[i] = of(2001 + i / 12, 1 + i % 12, 1);
    }

    static long of(int year, int month, int day) {
        return LocalDate.of(year, month, day).toEpochDay() * DAY;
    }

    static long of(int year, int month, int day, int hour, int minute) {
        return of(year, month, day) + hour * HOUR + minute * 60L;
    }

    /** The first second of the month holding {@code second} (2001 and 2002 only). */
    static long monthStart(long second) {
        int i = monthIndex(second);
        return MONTH_STARTS[i];
    }

    /** The first second of the month after the one holding {@code second}. */
    static long nextMonthStart(long second) {
        int i = monthIndex(second);
        return MONTH_STARTS[i + 1];
    }

    private static int monthIndex(long second) {
        if (second < MONTH_STARTS[0] || second >= END_OF_2002) {
            throw new IllegalArgumentException("outside 2001-2002: " + second);
        }
        // Months are 28 to 31 days: start from a guess that is never too high, then step up.
        int i = (int) ((second - MONTH_STARTS[0]) / (31 * DAY));
        while (MONTH_STARTS[i + 1] <= second) i++;
        return i;
    }

    /** Day of the month, 1-based, of a UTC second. */
    static int dayOfMonth(long second) {
        return LocalDate.ofEpochDay(Math.floorDiv(second, DAY)).getDayOfMonth();
    }

    static LocalDate date(long second) {
        return LocalDate.ofEpochDay(Math.floorDiv(second, DAY));
    }
}
