package org.wormsign.isp;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The times customer data writes, as UTC epoch seconds; {@link #BAD} for text that is none. */
final class Times {
    private Times() {}

    static final long BAD = Long.MIN_VALUE;

    /** ISO-8601 with a zone or {@code Z} ({@code 2001-07-19T15:00:00Z}), one without (read as UTC), or epoch seconds. */
    static long utc(String text) {
        String t = text.strip();
        if (t.isEmpty()) return BAD;
        if (t.chars().allMatch(Character::isDigit)) return t.length() > 12 ? BAD : Long.parseLong(t);
        try {
            return OffsetDateTime.parse(t).toEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return BAD;
            }
        }
    }

    /** A number of seconds; {@link #BAD} if not one. */
    static long seconds(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(Character::isDigit)) return BAD;
        return Long.parseLong(t);
    }

    static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }
}
