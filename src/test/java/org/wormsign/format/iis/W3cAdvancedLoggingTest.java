package org.wormsign.format.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.detect.WormCalendar;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.testing.Corpus;

/**
 * Issue 16 item 5: IIS Advanced Logging's {@code date-local time-local} columns, read with the file's
 * {@code #GMT-Offset} when it has one, else with the input's --tz, else as UTC; its UTC pair wins when logged.
 */
class W3cAdvancedLoggingTest {
    private static final String CRQ = "N".repeat(224) + Classifier.TAIL;
    private static final String FIELDS = "#Fields:   date-local time-local   s-ip   cs-method cs-uri-stem cs-uri-query s-port"
            + " cs-username c-ip cs(User-Agent) cs(Referer) cs(Host) sc-status sc-substatus sc-win32-status TimeTakenMS";
    /** A Code Red I line as Advanced Logging writes it, at 20:30 local on 2001-07-19: UTC-8 makes it the 20th. */
    private static final String WORM = "2001-07-19 20:30:00.125 10.10.10.10 GET /default.ida " + CRQ
            + " 80 - \"137.250.36.15\" - - \"www.worm.com\" 404 0 2 15";

    private static int parse(LineParser p, String line, LogRecord rec) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return p.parse(b, 0, b.length, rec);
    }

    private static long utc(String iso) { return Instant.parse(iso).getEpochSecond(); }

    @Test
    void peerFileLocalTimeReadInTheInputsZone() throws IOException {
        // Neither peer Advanced Logging file (lnav w3c.3, matomo iis_custom.log) has a #GMT-Offset: --tz decides.
        for (String peer : List.of("matomo/iis_custom.log", "lnav/logfile_w3c.3")) {
            List<String> lines = Files.readAllLines(Corpus.peerFile(peer), StandardCharsets.ISO_8859_1);
            LineParser p = new W3cFormat(ZoneId.of("America/Chicago")).newParser();
            LogRecord rec = new LogRecord();
            int records = 0;
            for (String l : lines) {
                if (l.isBlank()) continue;   // the line reader's to skip
                if (l.startsWith("#")) { parse(p, l, rec); continue; }
                if (records == 0) assertNull(p.localZone(), "no local time read yet");
                if (parse(p, l, rec) != LineParser.RECORD) continue;
                if (records++ == 0) {
                    assertEquals("70.95.0.0", rec.client(), "its c-ip is quoted");
                    // 2012-08-15 17:00:00.363 in Chicago (CDT, UTC-5).
                    assertEquals(utc("2012-08-15T22:00:00Z"), rec.epochSecond(), peer);
                }
            }
            assertEquals(2, records, peer + ": the line with c-ip '-' is a bad-address reject");
            assertEquals(ZoneId.of("America/Chicago"), p.localZone());
        }
    }

    @Test
    void gmtOffsetDirectiveWinsAndPutsTheWormInItsFloodPhase() {
        LogRecord rec = new LogRecord();
        LineParser p = new W3cFormat(ZoneId.of("Asia/Tokyo")).newParser();
        parse(p, "#Software: IIS Advanced Logging Module", rec);
        parse(p, "#GMT-Offset: -0800", rec);
        parse(p, FIELDS, rec);
        assertEquals(LineParser.RECORD, parse(p, WORM, rec));
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
        assertEquals("137.250.36.15", rec.client());
        assertEquals(utc("2001-07-20T04:30:00Z"), rec.epochSecond());
        assertEquals(WormCalendar.Phase.FLOOD, WormCalendar.phase(rec.epochSecond()));
        assertEquals(ZoneOffset.ofHours(-8), p.localZone());

        // A later #GMT-Offset (also as -hh:mm) replaces it; an unreadable one leaves it.
        parse(p, "#GMT-Offset: +02:00", rec);
        parse(p, "#GMT-Offset: PST", rec);
        assertEquals(LineParser.RECORD, parse(p, WORM, rec));
        assertEquals(utc("2001-07-19T18:30:00Z"), rec.epochSecond());
        assertEquals(WormCalendar.Phase.PROPAGATION, WormCalendar.phase(rec.epochSecond()));
    }

    @Test
    void withoutDirectiveOrZoneLocalTimeIsReadAsUtcAndSaysSo() {
        LogRecord rec = new LogRecord();
        LineParser p = new W3cFormat().newParser();
        parse(p, FIELDS, rec);
        assertEquals(LineParser.RECORD, parse(p, WORM, rec));
        assertEquals(utc("2001-07-19T20:30:00Z"), rec.epochSecond());
        assertEquals(ZoneId.of("UTC"), p.localZone());

        LineParser la = new W3cFormat(ZoneId.of("America/Los_Angeles")).newParser();
        parse(la, FIELDS, rec);
        assertEquals(LineParser.RECORD, parse(la, WORM, rec));
        assertEquals(utc("2001-07-20T03:30:00Z"), rec.epochSecond(), "PDT, UTC-7, in July");
        assertEquals(WormCalendar.Phase.FLOOD, WormCalendar.phase(rec.epochSecond()));
    }

    @Test
    void utcColumnsAreNotLocalAndWinOverLocalOnes() {
        LogRecord rec = new LogRecord();
        LineParser p = new W3cFormat(ZoneId.of("Asia/Tokyo")).newParser();
        parse(p, "#GMT-Offset: +0900", rec);
        parse(p, "#Fields: date-local time-local Date-UTC Time-UTC c-ip cs-method cs-uri-stem cs-uri-query sc-status", rec);
        assertEquals(LineParser.RECORD, parse(p, "2001-07-20 05:30:00 2001-07-19 20:30:00.000 137.250.36.15 GET /default.ida "
                + CRQ + " 404", rec));
        assertEquals(utc("2001-07-19T20:30:00Z"), rec.epochSecond());
        assertNull(p.localZone(), "no local column was read");

        // Plain W3C date and time stay UTC whatever #GMT-Offset or --tz say (Oracle Web Cache writes one with them).
        parse(p, "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status", rec);
        assertEquals(LineParser.RECORD, parse(p, "2001-07-19 20:30:00 137.250.36.15 GET /default.ida " + CRQ + " 404", rec));
        assertEquals(utc("2001-07-19T20:30:00Z"), rec.epochSecond());
        assertNull(p.localZone());
    }
}
