package org.wormsign.simulate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * A server's wall clock: the local date and time of a UTC second, with the zone rules looked up once per
 * hour of log rather than once per line.
 */
final class LocalClock {
    private final ZoneRules rules;
    private long cachedHour = Long.MIN_VALUE;
    private long localHourStart;
    int offsetSeconds;
    int year, month, day, hour, minute, second;

    LocalClock(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** Sets the fields to the local time of {@code utcSecond}. */
    void set(long utcSecond) {
        long h = Math.floorDiv(utcSecond, Utc.HOUR);
        if (h != cachedHour) {
            cachedHour = h;
            offsetSeconds = rules.getOffset(Instant.ofEpochSecond(utcSecond)).getTotalSeconds();
            long local = utcSecond + offsetSeconds;
            localHourStart = local - Math.floorMod(local, Utc.HOUR);
            LocalDateTime t = LocalDateTime.ofEpochSecond(localHourStart, 0, ZoneOffset.UTC);
            year = t.getYear();
            month = t.getMonthValue();
            day = t.getDayOfMonth();
            hour = t.getHour();
        }
        long within = utcSecond + offsetSeconds - localHourStart;
        if (within < 0 || within >= Utc.HOUR) {
            // An offset with minutes moved this second into another local hour: take the slow path.
            cachedHour = Long.MIN_VALUE;
            LocalDateTime t = LocalDateTime.ofEpochSecond(utcSecond + offsetSeconds, 0, ZoneOffset.UTC);
            year = t.getYear();
            month = t.getMonthValue();
            day = t.getDayOfMonth();
            hour = t.getHour();
            within = t.getMinute() * 60L + t.getSecond();
        }
        minute = (int) (within / 60);
        second = (int) (within % 60);
    }
}
