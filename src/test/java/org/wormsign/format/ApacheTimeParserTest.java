package org.wormsign.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApacheTimeParserTest {

    private static final DateTimeFormatter APACHE = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /** What java.time makes of the same text. */
    static long oracle(String t) {
        return OffsetDateTime.parse(t, APACHE).toEpochSecond();
    }

    /** Parses {@code t} placed inside brackets in a longer buffer, as it sits in a log line. */
    static long parse(ApacheTimeParser p, String t) {
        byte[] b = ("1.2.3.4 - - [" + t + "] \"GET / HTTP/1.0\"").getBytes(StandardCharsets.ISO_8859_1);
        int start = 13;
        return p.parse(b, start, start + t.getBytes(StandardCharsets.ISO_8859_1).length);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "02/Aug/2001:06:01:38 -0400, 2001-08-02T10:01:38Z",
            "19/Jul/2001:23:59:59 +0000, 2001-07-19T23:59:59Z",
            "20/Jul/2001:09:26:21 +0930, 2001-07-19T23:56:21Z",
            "19/Jul/2001:12:00:00 -1200, 2001-07-20T00:00:00Z",
            "05/Feb/2005:08:16:59 -0500, 2005-02-05T13:16:59Z",
            "10/Oct/2000:13:55:36 -0700, 2000-10-10T20:55:36Z",
            "01/Jan/2001:05:00:00 +0530, 2000-12-31T23:30:00Z",
            "31/Dec/2000:22:00:00 -0245, 2001-01-01T00:45:00Z",
            "01/Jan/1970:00:00:00 +0000, 1970-01-01T00:00:00Z",
            "29/Feb/2000:12:00:00 +1400, 2000-02-28T22:00:00Z",
            "31/Dec/9999:23:59:59 +0000, 9999-12-31T23:59:59Z"})
    void convertsToUtc(String t, String utc) {
        long expected = Instant.parse(utc).getEpochSecond();
        assertEquals(expected, oracle(t), "the table itself agrees with java.time");
        assertEquals(expected, parse(new ApacheTimeParser(), t));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10/oct/2000:13:55:36 -0700", "10/OCT/2000:13:55:36 -0700"})
    void monthNamesInAnyCase(String t) {
        assertEquals(Instant.parse("2000-10-10T20:55:36Z").getEpochSecond(), parse(new ApacheTimeParser(), t));
    }

    /** strftime may write :60 for a leap second; such a line is still readable, and lands within a second of it. */
    @Test
    void aLeapSecondIsReadable() {
        long t = parse(new ApacheTimeParser(), "31/Dec/2016:23:59:60 +0000");
        long before = Instant.parse("2016-12-31T23:59:59Z").getEpochSecond();
        assertTrue(t == before || t == before + 1, "got " + t);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            // day
            "00/Aug/2001:06:01:38 -0400", "32/Aug/2001:06:01:38 -0400", "31/Apr/2001:06:01:38 -0400", "31/Sep/2001:00:00:00 +0000",
            "3x/Aug/2001:06:01:38 -0400",
            // February
            "29/Feb/2001:00:00:00 +0000", "29/Feb/2100:00:00:00 +0000", "30/Feb/2000:00:00:00 +0000",
            // month
            "02/Foo/2001:06:01:38 -0400", "02/0ct/2001:06:01:38 -0400", "02/Agu/2001:06:01:38 -0400", "02/Au /2001:06:01:38 -0400",
            // year
            "02/Aug/20x1:06:01:38 -0400",
            // hour, minute, second
            "02/Aug/2001:24:00:00 -0400", "02/Aug/2001:99:01:38 -0400", "02/Aug/2001:06:60:38 -0400", "02/Aug/2001:06:01:61 -0400",
            "02/Aug/2001:-6:01:38 -0400",
            // offset
            "02/Aug/2001:06:01:38 x0400", "02/Aug/2001:06:01:38 +1900", "02/Aug/2001:06:01:38 -0460", "02/Aug/2001:06:01:38 +04a0",
            "02/Aug/2001:06:01:38  0400",
            // separators and length
            "02-Aug-2001:06:01:38 -0400", "02/Aug/2001 06:01:38 -0400", "02/Aug/2001:06-01-38 -0400", "02/Aug/2001:06:01:38+-0400",
            "02/Aug/2001:06:01:38", "02/Aug/2001:06:01:38 -04000", "2/Aug/2001:06:01:38 -0400", "", "02/Aug/2001:06:01:38 -040"})
    void invalidTimestamps(String t) {
        assertEquals(ApacheTimeParser.INVALID, parse(new ApacheTimeParser(), t));
    }

    /** Consecutive lines that change only the date, only the zone, or both must never get the previous answer. */
    @Test
    void theCacheNeverAnswersForAnotherDateOrZone() {
        List<String> sequence = List.of(
                "31/Dec/2000:23:59:59 +0000",
                "01/Jan/2001:00:00:00 +0000", // date changes
                "01/Jan/2001:00:00:00 -0400", // zone changes
                "01/Jan/2001:00:00:00 +0930",
                "01/Jan/2001:00:00:00 -0930", // only the sign
                "01/Jan/2001:00:00:00 -0931", // only the minutes
                "02/Jan/2001:00:00:00 -0931", // only the day's last digit
                "12/Jan/2001:00:00:00 -0931", // only the day's first digit
                "12/Feb/2001:00:00:00 -0931", // only the month
                "12/Feb/2002:00:00:00 -0931", // only the year
                "32/Feb/2002:00:00:00 -0931", // invalid date in between
                "12/Feb/2002:00:00:00 -0931", // back to the last good one
                "12/Feb/2002:00:00:00 -9931", // invalid zone in between
                "12/Feb/2002:00:00:00 -0931",
                "12/Feb/2002:00:00:00 +0000",
                "01/Jan/2001:00:00:00 +0000"); // back to an older date
        ApacheTimeParser p = new ApacheTimeParser();
        for (String t : sequence) {
            long expected = t.startsWith("32/") || t.endsWith("-9931") ? ApacheTimeParser.INVALID : oracle(t);
            assertEquals(expected, parse(p, t), t);
        }
    }

    /** Thousands of random timestamps through one parser, each against java.time. */
    @Test
    void randomSequenceAgreesWithJavaTime() {
        Random random = new Random(2001);
        String[] zones = {"+0000", "-0400", "-0500", "+0930", "-1200", "+1400", "+0545", "-0330"};
        ApacheTimeParser p = new ApacheTimeParser();
        List<String> mismatches = new ArrayList<>();
        String previous = "19/Jul/2001:10:00:00 +0000";
        for (int i = 0; i < 20_000; i++) {
            String t;
            int kind = random.nextInt(4);
            if (kind == 0) {
                t = previous; // a repeat, as most log lines are
            } else {
                LocalDate d = LocalDate.ofEpochDay(random.nextInt(47_000)); // 1970..2098
                String date = kind == 1 ? previous.substring(0, 11) : String.format(Locale.ROOT, "%02d/%s/%04d", d.getDayOfMonth(),
                        d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH), d.getYear());
                String zone = kind == 2 ? previous.substring(21) : zones[random.nextInt(zones.length)];
                t = String.format(Locale.ROOT, "%s:%02d:%02d:%02d %s", date, random.nextInt(24), random.nextInt(60), random.nextInt(60), zone);
            }
            long expected = oracle(t);
            long actual = parse(p, t);
            if (expected != actual) mismatches.add(t + " expected " + expected + " got " + actual);
            previous = t;
        }
        assertEquals(List.of(), mismatches);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2000, true", "2004, true", "2001, false", "2100, false"})
    void february29(int year, boolean valid) {
        String t = "29/Feb/" + year + ":12:00:00 +0000";
        long expected = valid ? Instant.parse(year + "-02-29T12:00:00Z").getEpochSecond() : ApacheTimeParser.INVALID;
        assertEquals(expected, parse(new ApacheTimeParser(), t));
        // After a valid Feb 28 of the same year in the same parser (warm cache): the same answer.
        ApacheTimeParser warm = new ApacheTimeParser();
        parse(warm, "28/Feb/" + year + ":12:00:00 +0000");
        assertEquals(expected, parse(warm, t));
        assertEquals(Instant.parse(year + "-03-01T12:00:00Z").getEpochSecond(), parse(warm, "01/Mar/" + year + ":12:00:00 +0000"));
    }
}
