package org.wormsign.format.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * Lines whose column count is not the {@code #Fields}' (issue 15, "No worm line goes unreported"): read by an
 * earlier {@code #Fields} with their count, or with the extra column set aside where IIS writes it or at the
 * end, when every column read has its shape; anything else stays a reject.
 */
class W3cRealignTest {
    private static final String CRQ = "N".repeat(224) + Classifier.TAIL;
    /** The header of the SANS SEC505 IIS 5.0 lab logs (corpus/peer/sec505): 11 columns. */
    private static final String IIS5 = "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)";

    private final W3cParser parser = new W3cParser(null);
    private final LogRecord rec = new LogRecord();

    private int parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return parser.parse(b, 0, b.length, rec);
    }

    private void assertCodeRed(String client, String utc, int status) {
        assertEquals(client, rec.client());
        assertEquals(Instant.parse(utc).getEpochSecond(), rec.epochSecond());
        assertEquals("GET", rec.method());
        assertEquals("/default.ida", rec.path());
        assertEquals(CRQ, rec.query());
        assertEquals(status, rec.status());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    @Test
    void anExtraTrailingColumnIsSetAside() {
        parse(IIS5);
        // A line of the block written with cs(Referer) after cs(User-Agent), as in the SEC505 lab log.
        assertEquals(LineParser.RECORD, parse("2001-07-19 23:55:11 202.29.205.69 - 10.10.10.10 80 GET /default.ida " + CRQ + " 404 - -"));
        assertTrue(rec.realigned());
        assertCodeRed("202.29.205.69", "2001-07-19T23:55:11Z", 404);
        assertEquals("10.10.10.10", rec.target());

        assertEquals(LineParser.RECORD, parse("2001-07-20 00:56:21 216.19.16.174 - 10.10.10.10 80 GET /default.ida " + CRQ + " 200 -"));
        assertFalse(rec.realigned(), "a line that fits is not realigned, after one that was");
    }

    @Test
    void aLayoutSeenEarlierWithThatColumnCountComesFirst() {
        // The first block logs s-ip last; the second drops it. A line of the first shape after the change
        // would read as well with its last column set aside, but without its server: the earlier #Fields wins.
        parse("#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status s-ip");
        parse("#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status");
        assertEquals(LineParser.RECORD, parse("2001-07-19 15:38:38 137.250.36.15 GET /default.ida " + CRQ + " 404 10.10.10.10"));
        assertTrue(rec.realigned());
        assertCodeRed("137.250.36.15", "2001-07-19T15:38:38Z", 404);
        assertEquals("10.10.10.10", rec.target());
        assertTrue(parser.lookedBack());
    }

    @Test
    void anEarlierLayoutReadsALineWithAColumnFewer() {
        parse("#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status cs(User-Agent)");
        parse(IIS5);
        String noQuery = "2001-07-19 16:47:08 10.1.2.3 - 10.10.10.10 80 GET /scripts/root.exe 404 -";
        assertEquals(LineParser.RECORD, parse(noQuery));
        assertTrue(rec.realigned());
        assertEquals("/scripts/root.exe", rec.path());
        assertNull(rec.query());
        assertFalse(rec.queryLogged(), "read by a layout without cs-uri-query");
        assertEquals(404, rec.status());
        assertEquals(Verdict.NIMDA, Classifier.classify(rec));
    }

    @Test
    void aLineWithAColumnFewerIsNotGuessedAt() {
        parse(IIS5);
        // The SEC505 line that lost its cs-uri-query: which column is missing cannot be told.
        assertEquals(Reject.TRUNCATED.ordinal(), parse("2001-07-19 16:47:08 127.0.0.1 SANS\\Administrator 127.0.0.1 80 GET /system32/cmd+/c+tftp 200 Mozilla/4.0"));
        assertFalse(rec.realigned());
    }

    @Test
    void anExtraColumnGoesWhereIisWritesIt() {
        // IIS 7.5's default fields (IIS 6 order): cs(Referer) is written after cs(User-Agent), before sc-status.
        parse("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken");
        String line = "2001-07-19 15:38:38 10.10.10.10 GET /default.ida " + CRQ + " 80 - 137.250.36.15 - - 404 0 2 15";
        assertEquals(LineParser.RECORD, parse(line), "set aside at the end, the status would be the referrer's '-'");
        assertTrue(rec.realigned());
        assertCodeRed("137.250.36.15", "2001-07-19T15:38:38Z", 404);
        assertEquals("10.10.10.10", rec.target());
        // IPv6 with a zone, as IIS 7.5 logs a link-local client (LogJoint's test lines), a cookie added.
        String v6 = "fe80::5d3d:c591:3026:46ee%14";
        assertEquals(LineParser.RECORD, parse("2013-02-07 08:35:37 " + v6 + " GET /default.ida " + CRQ + " 80 - " + v6
                + " Mozilla/4.0 ASPSESSIONID=x 404 0 2 4"));
        assertTrue(rec.realigned());
        assertCodeRed(v6, "2013-02-07T08:35:37Z", 404);
        assertEquals(v6, rec.target());
    }

    @Test
    void twoPlacementsThatReadTheLineDifferentlyLeaveItAReject() {
        parse("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken");
        // Set aside at the end: status 200; a cs(Referer) "200" before sc-status: status 404. Nothing tells which.
        assertEquals(Reject.NO_MATCH.ordinal(), parse("2001-07-19 15:38:38 10.10.10.10 GET /default.ida " + CRQ + " 80 - 137.250.36.15 - 200 404 0 2 15"));
        assertFalse(rec.realigned());
    }

    @Test
    void aLineThatFitsNothingStaysAReject() {
        parse("#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent) cs(Referer)");
        // The administrator's note in the real SEC505 log: one word more than the #Fields.
        assertEquals(Reject.NO_MATCH.ordinal(), parse("When Code Red successfully infects a system, there's no trace in the logs."));
        // Two spaces make an empty column, which IIS never writes ('-' stands for nothing).
        assertEquals(Reject.NO_MATCH.ordinal(), parse("2001-07-19 15:38:38 137.250.36.15 - 10.10.10.10 80 GET  /default.ida " + CRQ + " 404 - -"));
        // The SEC505 line whose query holds raw spaces: two columns more, and no status where one should be.
        assertEquals(Reject.NO_MATCH.ordinal(), parse("2010-02-01 15:07:12 127.0.0.1 - 127.0.0.1 80 GET /showcode.asp 'EXEC sp_droptable Northwind' - 302 Mozilla/4.0"));
        // A word after s-ip, where IIS puts nothing: at the end, the port would be a word; as s-computername
        // before s-ip (where IIS puts that), the server's address would be a word.
        assertEquals(Reject.NO_MATCH.ordinal(), parse("2001-07-19 15:38:38 137.250.36.15 - 10.10.10.10 extra 80 GET /default.ida " + CRQ + " 404 - -"));
        assertFalse(rec.realigned());
    }

    @Test
    void aLayoutWithoutTimeOrClientRealignsNothing() {
        // lnav's w3c.5: the #Fields has no c-ip, so its lines are no records, one column more or not.
        parse("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query");
        assertEquals(Reject.NO_MATCH.ordinal(), parse("2015-01-13 00:32:17 100.79.192.81 GET /robots.txt - 80"));
    }

    @Test
    void aLineWithoutADateColumnIsRealignedOnlyUnderADate() {
        parse("#Fields: time c-ip cs-method cs-uri-stem cs-uri-query sc-status");
        String line = "15:38:38 137.250.36.15 GET /default.ida " + CRQ + " 404 -";
        assertEquals(Reject.NO_MATCH.ordinal(), parse(line), "no #Date yet: the line has no day");
        parse("#Date: 2001-07-19 00:00:00");
        assertEquals(LineParser.RECORD, parse(line));
        assertCodeRed("137.250.36.15", "2001-07-19T15:38:38Z", 404);
    }

    @Test
    void realigningAllocatesNothingPerLine() {
        parse(IIS5);
        byte[] fits = ("2001-07-19 23:55:11 202.29.205.69 - 10.10.10.10 80 GET /default.ida " + CRQ + " 404 -").getBytes(StandardCharsets.ISO_8859_1);
        byte[] extra = ("2001-07-19 23:55:11 202.29.205.69 - 10.10.10.10 80 GET /default.ida " + CRQ + " 404 - -").getBytes(StandardCharsets.ISO_8859_1);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) {
            parser.parse(fits, 0, fits.length, rec);
            parser.parse(extra, 0, extra.length, rec);
        }
        long before = threads.getThreadAllocatedBytes(id);
        int records = 0;
        for (int i = 0; i < 100_000; i++) {
            if (parser.parse(fits, 0, fits.length, rec) == LineParser.RECORD) records++;
            if (parser.parse(extra, 0, extra.length, rec) == LineParser.RECORD && rec.realigned()) records++;
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(200_000, records);
        // One object per realigned line would be 1.6 MB or more; the bean's own bookkeeping is a few KB.
        assertTrue(allocated < 20_000, allocated + " bytes for 200,000 lines");
    }
}
