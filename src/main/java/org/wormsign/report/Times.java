package org.wormsign.report;

import java.time.Instant;
import java.time.LocalDate;

/** How times are written in every output: ISO-8601 UTC with a {@code Z}. */
public final class Times {
    private Times() {}

    /** Years written by hand; outside them, java.time (which adds a sign and more digits as ISO requires). */
    private static final long FIRST_FAST = LocalDate.of(1000, 1, 1).toEpochDay() * 86400L;
    private static final long END_FAST = LocalDate.of(10000, 1, 1).toEpochDay() * 86400L;

    /**
     * {@code 2001-07-19T15:38:38Z}. Written digit by digit: an ISP run writes millions of these, and
     * {@code Instant.toString} was the busiest frame of writing the outputs.
     */
    public static String iso(long epochSecond) {
        if (epochSecond == Long.MIN_VALUE || epochSecond == Long.MAX_VALUE) return "";
        if (epochSecond < FIRST_FAST || epochSecond >= END_FAST) return Instant.ofEpochSecond(epochSecond).toString();
        long day = Math.floorDiv(epochSecond, 86400L);
        int sec = (int) (epochSecond - day * 86400L);
        int ymd = org.wormsign.format.CivilTime.yearMonthDay(day);
        int y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
        byte[] c = new byte[20];
        four(c, 0, y);
        c[4] = '-';
        two(c, 5, m);
        c[7] = '-';
        two(c, 8, d);
        c[10] = 'T';
        two(c, 11, sec / 3600);
        c[13] = ':';
        two(c, 14, sec / 60 % 60);
        c[16] = ':';
        two(c, 17, sec % 60);
        c[19] = 'Z';
        return new String(c, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static void two(byte[] c, int at, int v) {
        c[at] = (byte) ('0' + v / 10);
        c[at + 1] = (byte) ('0' + v % 10);
    }

    private static void four(byte[] c, int at, int v) {
        two(c, at, v / 100);
        two(c, at + 2, v % 100);
    }

    public static String day(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }
}
