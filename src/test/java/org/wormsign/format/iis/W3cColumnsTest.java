package org.wormsign.format.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/** W3C columns are split at single spaces: their count stays exact at the edges. */
class W3cColumnsTest {
    private static int parse(W3cParser p, String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return p.parse(b, 0, b.length, new LogRecord());
    }

    @Test
    void columnCountsStayExact() {
        W3cParser p = new W3cParser(W3cFields.compile("date time c-ip cs-method cs-uri-stem sc-status"));
        assertEquals(W3cParser.RECORD, parse(p, "2001-08-01 10:00:00 10.0.0.1 GET /default.ida 400"));
        assertEquals(W3cParser.RECORD, parse(p, "2001-08-01 10:00:00 10.0.0.1 GET /default.ida 400  \t"), "trailing blanks are no column");
        assertNotEquals(W3cParser.RECORD, parse(p, "2001-08-01 10:00:00 10.0.0.1 GET  /default.ida 400"), "two spaces make an empty column");
        assertNotEquals(W3cParser.RECORD, parse(p, "2001-08-01 10:00:00 10.0.0.1 GET /default.ida"), "a column short");
        W3cParser wide = new W3cParser(W3cFields.compile("date time c-ip" + " x-extra".repeat(61)));
        String sixtyFour = "2001-08-01 10:00:00 10.0.0.1" + " -".repeat(61);
        assertEquals(W3cParser.RECORD, parse(wide, sixtyFour), "64 columns: the most a line may have");
        assertEquals(Reject.NO_MATCH.ordinal(), parse(wide, sixtyFour + " -"), "65 columns");
    }

    /** W3C's time is hh:mm, with :ss and a fraction optional (LogJoint's IIS 7.5 test log writes all three). */
    @Test
    void timesWithoutSecondsOrWithAFractionRead() {
        W3cParser p = new W3cParser(W3cFields.compile("date time c-ip cs-method cs-uri-stem sc-status"));
        for (String time : new String[] {"08:35", "08:35:00", "08:35:00.234"}) {
            LogRecord rec = new LogRecord();
            byte[] b = ("2013-02-07 " + time + " 10.0.0.1 GET / 200").getBytes(StandardCharsets.ISO_8859_1);
            assertEquals(W3cParser.RECORD, p.parse(b, 0, b.length, rec), time);
            assertEquals(java.time.Instant.parse("2013-02-07T08:35:00Z").getEpochSecond(), rec.epochSecond(), time);
        }
        for (String bad : new String[] {"08:3", "08:35:", "08:35:0", "08-35", "08:35.234", "24:00", "08:60"}) {
            assertEquals(Reject.BAD_TIMESTAMP.ordinal(), parse(p, "2013-02-07 " + bad + " 10.0.0.1 GET / 200"), bad);
        }
    }
}
