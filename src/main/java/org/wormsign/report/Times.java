package org.wormsign.report;

import java.time.Instant;
import java.time.LocalDate;

/** How times are written in every output: ISO-8601 UTC with a {@code Z}. */
public final class Times {
    private Times() {}

    public static String iso(long epochSecond) {
        return epochSecond == Long.MIN_VALUE || epochSecond == Long.MAX_VALUE ? "" : Instant.ofEpochSecond(epochSecond).toString();
    }

    public static String day(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }
}
