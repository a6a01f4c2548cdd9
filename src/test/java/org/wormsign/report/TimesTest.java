package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written ISO form equals java.time's for every kind of second. */
class TimesTest {
    @Test
    void agreesWithInstantToString() {
        Random r = new Random(3);
        long[] fixed = {0, 59, 86399, 86400, 951782400L /* 2000-02-29 */, 995556338L, 1001894400L, -1, -86400,
            Instant.parse("1000-01-01T00:00:00Z").getEpochSecond(), Instant.parse("9999-12-31T23:59:59Z").getEpochSecond(),
            Instant.parse("0999-12-31T23:59:59Z").getEpochSecond(), Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond()};
        for (long t : fixed) assertEquals(Instant.ofEpochSecond(t).toString(), Times.iso(t), "t=" + t);
        for (int i = 0; i < 200_000; i++) {
            long t = (long) (r.nextDouble() * 4e11 - 2e11);
            assertEquals(Instant.ofEpochSecond(t).toString(), Times.iso(t), "t=" + t);
        }
        assertEquals("", Times.iso(Long.MIN_VALUE));
    }
}
