package org.wormsign.format;

import static org.wormsign.format.FieldKind.*;

/**
 * How the time parts of a plan make a time, decided once when the plan is compiled: which parts give the
 * date, which only decorate it (and are checked against it, line by line, in {@link TimeParts}), and
 * whether they can give a time at all. Beside a {@code %t} or an epoch, which give the time, the parts only
 * decorate. Otherwise parts that cannot give a date and a time of day — {@code %U} without a weekday,
 * {@code %C} without {@code %y}, {@code %I} without {@code %p} — are refused here, naming what is missing,
 * rather than read into a wrong time or a reject on every line.
 *
 * <p>The ways to a date, after POSIX and glibc's strptime (which {@code %G %V} extend as ISO 8601 does):
 * a year ({@code %Y}, or {@code %y} with {@code %C} or else 1969–2068) with a month and a day; a year and a
 * day of the year ({@code %j}); a year, a week ({@code %U} from Sunday, {@code %W} from Monday) and a
 * weekday ({@code %u %w %a}); an ISO year ({@code %G}, or {@code %g}) with an ISO week ({@code %V}) and a
 * weekday. The time of day needs an hour ({@code %H}, or {@code %I} with {@code %p}) and a minute.
 */
final class TimeRecipe {
    /** Where the date comes from. */
    enum DateFrom {
        /** Another field gives the time ({@code %t}, an epoch): the parts only decorate it, checked for syntax only. */
        ELSEWHERE, YEAR_MONTH_DAY, YEAR_DAY_OF_YEAR, YEAR_WEEK_FROM_SUNDAY, YEAR_WEEK_FROM_MONDAY, ISO_YEAR_WEEK
    }

    /** Where the calendar year comes from. */
    enum YearFrom { NONE, FULL, CENTURY_AND_TWO_DIGITS, TWO_DIGITS }

    final DateFrom date;
    final YearFrom year;
    /** The ISO year is {@code %G}, else {@code %g} (1969–2068). */
    final boolean fullIsoYear;
    /** An epoch part ({@code %s}, {@code %{sec}t}, nginx {@code $msec}) gives the time, unless a {@code %t} does. */
    final boolean epoch;

    private TimeRecipe(DateFrom date, YearFrom year, boolean fullIsoYear, boolean epoch) {
        this.date = date;
        this.year = year;
        this.fullIsoYear = fullIsoYear;
        this.epoch = epoch;
    }

    /**
     * The recipe of a plan's fields, or null when none is a time part.
     *
     * @throws FormatException when the parts cannot give a time and no other field does
     */
    static TimeRecipe of(FieldKind[] fields) {
        long parts = 0;
        boolean elsewhere = false, epoch = false;
        for (FieldKind f : fields) {
            if (f.isTimePart()) parts |= 1L << f.ordinal();
            elsewhere |= f == TIME_APACHE;
            epoch |= f == T_EPOCH_SECONDS || f == T_EPOCH_MILLIS || f == T_EPOCH_MICROS || f == T_EPOCH_DECIMAL;
        }
        if (parts == 0) return null;
        YearFrom year = has(parts, T_YEAR) ? YearFrom.FULL
                : has(parts, T_YEAR2) ? (has(parts, T_CENTURY) ? YearFrom.CENTURY_AND_TWO_DIGITS : YearFrom.TWO_DIGITS) : YearFrom.NONE;
        boolean fullIsoYear = has(parts, T_ISO_YEAR);
        // %t (nginx's $time_local) always has a date, a time and an offset, and is when the request came: beside
        // it, parts only decorate. An epoch is the next best: whole, and UTC.
        if (elsewhere || epoch) return new TimeRecipe(DateFrom.ELSEWHERE, year, fullIsoYear, !elsewhere);
        DateFrom date = dateFrom(parts, year);
        String lacking = date == DateFrom.ELSEWHERE ? "gives no date: " + whyNoDate(parts, year) : whyNoTimeOfDay(parts);
        if (lacking != null) throw new FormatException("the time " + lacking);
        return new TimeRecipe(date, year, fullIsoYear, false);
    }

    private static boolean has(long parts, FieldKind kind) {
        return (parts & 1L << kind.ordinal()) != 0;
    }

    private static boolean hasWeekday(long parts) {
        return has(parts, T_WEEKDAY_FROM_MONDAY) || has(parts, T_WEEKDAY_FROM_SUNDAY) || has(parts, T_WEEKDAY);
    }

    private static boolean hasMonth(long parts) {
        return has(parts, T_MONTH) || has(parts, T_MONTH_ABBR) || has(parts, T_MONTH_NAME);
    }

    /** The first way to a date the parts allow, in the order of the class comment; ELSEWHERE if none. */
    private static DateFrom dateFrom(long parts, YearFrom year) {
        boolean y = year != YearFrom.NONE, weekday = hasWeekday(parts);
        if (y && hasMonth(parts) && has(parts, T_DAY)) return DateFrom.YEAR_MONTH_DAY;
        if (y && has(parts, T_DAY_OF_YEAR)) return DateFrom.YEAR_DAY_OF_YEAR;
        if ((has(parts, T_ISO_YEAR) || has(parts, T_ISO_YEAR2)) && has(parts, T_ISO_WEEK) && weekday) return DateFrom.ISO_YEAR_WEEK;
        if (y && has(parts, T_WEEK_FROM_SUNDAY) && weekday) return DateFrom.YEAR_WEEK_FROM_SUNDAY;
        if (y && has(parts, T_WEEK_FROM_MONDAY) && weekday) return DateFrom.YEAR_WEEK_FROM_MONDAY;
        return DateFrom.ELSEWHERE;
    }

    /** What the parts lack for a date, in the conversions a user would add. */
    private static String whyNoDate(long parts, YearFrom year) {
        if (has(parts, T_ISO_WEEK) && !has(parts, T_ISO_YEAR) && !has(parts, T_ISO_YEAR2)) {
            return "%V (the ISO week) needs its ISO year, %G or %g";
        }
        if (!hasWeekday(parts)) {
            String week = has(parts, T_WEEK_FROM_SUNDAY) ? "%U" : has(parts, T_WEEK_FROM_MONDAY) ? "%W" : has(parts, T_ISO_WEEK) ? "%V" : null;
            if (week != null) return week + " (a week) needs a weekday (%u, %w, %a or %A) to name a day";
        }
        if (year == YearFrom.NONE) {
            if (has(parts, T_CENTURY)) return "%C (the century) needs %y to make a year";
            if (has(parts, T_ISO_YEAR) || has(parts, T_ISO_YEAR2)) return "%G and %g (the ISO week-based year) name a day only with %V and a weekday";
            return "it has no year (%Y, or %y with or without %C)";
        }
        if (hasMonth(parts)) return "a month needs a day of the month (%d or %e)";
        if (has(parts, T_DAY)) return "%d needs a month (%m, %b or %B)";
        return "it has no day (a month and day, %j, or a week with a weekday)";
    }

    /** What the parts lack for a time of day, or null. */
    private static String whyNoTimeOfDay(long parts) {
        if (!has(parts, T_HOUR) && !has(parts, T_HOUR12)) return "has no hour (%H or %k, or %I with %p)";
        if (!has(parts, T_HOUR) && !has(parts, T_AMPM)) return "has %I (a 12-hour clock) without %p (AM or PM)";
        if (!has(parts, T_MINUTE)) return "has no minute (%M)";
        return null;
    }
}
