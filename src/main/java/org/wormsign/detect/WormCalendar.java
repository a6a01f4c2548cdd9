package org.wormsign.detect;

import org.wormsign.format.CivilTime;

/**
 * The worm's own schedule, which it reads from the infected host's clock in UTC (GetSystemTime), so every
 * decision here takes UTC epoch seconds. Sources: CERT CA-2001-19 and CA-2001-23; DOMAIN.md.
 */
public final class WormCalendar {
    private WormCalendar() {}

    /** What Code Red I does on a UTC day of the month. */
    public enum Phase {
        /** Days 1–19: probes random addresses: the only phase that shows in web logs. */
        PROPAGATION,
        /** Days 20–27: floods 198.137.240.91 with packets; sends no HTTP. */
        FLOOD,
        /** Day 28 to the end of the month: stays in memory, does nothing. */
        DORMANT
    }

    /** Code Red II spreads from 4 Aug 2001 and stops for good when the date reaches 1 Oct 2001 (UTC). */
    public static final long CODE_RED_II_FIRST = CivilTime.epochDay(2001, 8, 4) * 86400L;
    public static final long CODE_RED_II_STOP = CivilTime.epochDay(2001, 10, 1) * 86400L;

    public static Phase phase(long epochSecond) {
        return phaseOfDay(Math.floorDiv(epochSecond, 86400L));
    }

    /** The phase of the UTC day {@code epochDay} (days since 1970-01-01): a caller reading a log in time order asks once a day. */
    public static Phase phaseOfDay(long epochDay) {
        int day = CivilTime.dayOfMonth(epochDay);
        if (day <= 19) return Phase.PROPAGATION;
        if (day <= 27) return Phase.FLOOD;
        return Phase.DORMANT;
    }

    /** An attempt the worm's schedule rules out: a wrong clock, a thread waking late, or a later copy. */
    public static boolean offSchedule(Verdict.Variant variant, long epochSecond) {
        return offSchedule(variant, epochSecond, phase(epochSecond));
    }

    /** {@link #offSchedule(Verdict.Variant, long)} given the second's {@link #phase}, already known. */
    public static boolean offSchedule(Verdict.Variant variant, long epochSecond, Phase phase) {
        if (variant == Verdict.Variant.CODE_RED) return phase != Phase.PROPAGATION;
        return epochSecond < CODE_RED_II_FIRST || epochSecond >= CODE_RED_II_STOP;
    }
}
