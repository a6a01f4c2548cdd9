package org.wormsign.format.proxy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Converts local times logged without an offset (HAProxy's accept date) to UTC in one zone. Zone rules are
 * looked up once an hour of log, as {@code IisNativeParser} does: a log's lines come an hour at a time.
 */
final class LocalClock {
    private final ZoneRules zone;
    private long lastLocalHour = Long.MIN_VALUE;
    private int lastOffset;

    /** @param zone null: UTC */
    LocalClock(ZoneId zone) {
        this.zone = (zone == null ? ZoneOffset.UTC : zone).getRules();
    }

    long toUtc(long epochDay, long secondOfDay) {
        long localHour = epochDay * 24 + secondOfDay / 3600;
        if (localHour != lastLocalHour) {
            LocalDateTime ldt = LocalDateTime.ofEpochSecond(localHour * 3600, 0, ZoneOffset.UTC);
            lastOffset = zone.getOffset(ldt).getTotalSeconds();
            lastLocalHour = localHour;
        }
        return epochDay * 86400L + secondOfDay - lastOffset;
    }
}
