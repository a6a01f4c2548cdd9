package org.wormsign.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wormsign.detect.WormCalendar.Phase;
import org.wormsign.detect.Verdict.Variant;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.apache.ApacheLogFormat;

/** The worm's own UTC calendar (DOMAIN.md, Time). */
class WormCalendarTest {

    static long at(String isoUtc) {
        return Instant.parse(isoUtc).getEpochSecond();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "2001-07-19T23:59:59Z, PROPAGATION",
            "2001-07-20T00:00:00Z, FLOOD",
            "2001-07-27T23:59:59Z, FLOOD",
            "2001-07-28T00:00:00Z, DORMANT",
            "2001-07-31T23:59:59Z, DORMANT",
            "2001-08-01T00:00:00Z, PROPAGATION",
            "2001-06-30T23:59:59Z, DORMANT",
            "2001-07-01T00:00:00Z, PROPAGATION",
            "2001-02-28T23:59:59Z, DORMANT",
            "2001-03-01T00:00:00Z, PROPAGATION",
            "2004-02-29T23:59:59Z, DORMANT",
            "2004-03-01T00:00:00Z, PROPAGATION",
            "2001-09-30T23:59:59Z, DORMANT",
            "2001-10-01T00:00:00Z, PROPAGATION",
            "2001-12-31T23:59:59Z, DORMANT",
            "2002-01-01T00:00:00Z, PROPAGATION",
            "2001-07-19T10:00:00Z, PROPAGATION",
            "2001-07-20T00:56:21Z, FLOOD"})
    void phaseBoundaries(String utc, Phase expected) {
        assertEquals(expected, WormCalendar.phase(at(utc)));
    }

    /** Every second-of-day edge of every day over several years, against the DOMAIN.md rule on java.time's day. */
    @Test
    void phaseOfEveryDayFollowsTheDayOfMonth() {
        for (LocalDate d = LocalDate.of(2000, 1, 1); d.getYear() <= 2005; d = d.plusDays(1)) {
            int dom = d.getDayOfMonth();
            Phase expected = dom <= 19 ? Phase.PROPAGATION : dom <= 27 ? Phase.FLOOD : Phase.DORMANT;
            long start = d.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            assertEquals(expected, WormCalendar.phase(start), d + " 00:00:00");
            assertEquals(expected, WormCalendar.phase(start + 43_200), d + " 12:00:00");
            assertEquals(expected, WormCalendar.phase(start + 86_399), d + " 23:59:59");
        }
    }

    @ParameterizedTest(name = "Code Red II at {0}: off schedule {1}")
    @CsvSource({
            "2001-08-03T23:59:59Z, true",
            "2001-08-04T00:00:00Z, false",
            "2001-08-20T12:00:00Z, false",
            "2001-09-30T23:59:59Z, false",
            "2001-10-01T00:00:00Z, true",
            "2001-07-19T12:00:00Z, true",
            "2003-03-11T00:00:00Z, true",
            "2004-07-17T23:34:01Z, true",
            "2005-02-05T13:16:59Z, true"})
    void codeRedIISchedule(String utc, boolean off) {
        assertEquals(off, WormCalendar.offSchedule(Variant.CODE_RED_II, at(utc)));
    }

    @ParameterizedTest(name = "Code Red I at {0}: off schedule {1}")
    @CsvSource({
            "2001-07-19T10:00:00Z, false",
            "2001-07-19T23:59:59Z, false",
            "2001-07-20T00:00:00Z, true",
            "2001-07-20T00:56:21Z, true", // the real IIS probe of corpus/real
            "2001-07-27T23:59:59Z, true",
            "2001-07-28T00:00:00Z, true",
            "2001-07-31T23:59:59Z, true",
            "2001-08-01T00:00:00Z, false",
            "2001-08-02T10:01:38Z, false",
            "2001-02-28T23:59:59Z, true",
            "2001-03-01T00:00:00Z, false"})
    void codeRedISchedule(String utc, boolean off) {
        assertEquals(off, WormCalendar.offSchedule(Variant.CODE_RED, at(utc)));
    }

    @Test
    void codeRedIILifetimeConstants() {
        assertEquals(at("2001-08-04T00:00:00Z"), WormCalendar.CODE_RED_II_FIRST);
        assertEquals(at("2001-10-01T00:00:00Z"), WormCalendar.CODE_RED_II_STOP);
    }

    /** The calendar runs on UTC: a local time must be converted first, which the parsed record already is. */
    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource({
            "19/Jul/2001:20:30:00 -0400, FLOOD",       // 2001-07-20 00:30 UTC
            "20/Jul/2001:08:00:00 +0930, PROPAGATION", // 2001-07-19 22:30 UTC
            "31/Jul/2001:22:00:00 -1200, PROPAGATION", // 2001-08-01 10:00 UTC
            "01/Aug/2001:05:00:00 +0930, DORMANT",     // 2001-07-31 19:30 UTC
            "27/Jul/2001:23:59:59 -0000, FLOOD",
            "28/Jul/2001:00:00:00 +0000, DORMANT"})
    void localTimesFromALogAreJudgedInUtc(String logged, Phase expected) {
        String line = "192.0.2.1 - - [" + logged + "] \"GET /default.ida?" + "N".repeat(224) + ClassifierTest.TAIL
                + "  HTTP/1.0\" 400 326 \"-\" \"-\"";
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        LogRecord rec = new LogRecord();
        assertEquals(LineParser.RECORD, ApacheLogFormat.compile("combined").newParser().parse(b, 0, b.length, rec));
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
        assertEquals(expected, WormCalendar.phase(rec.epochSecond()));
        assertEquals(expected != Phase.PROPAGATION, WormCalendar.offSchedule(Variant.CODE_RED, rec.epochSecond()));
    }
}
