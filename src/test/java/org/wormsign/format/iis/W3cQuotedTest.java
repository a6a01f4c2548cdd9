package org.wormsign.format.iis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wormsign.detect.Classifier;
import org.wormsign.detect.Verdict;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;
import org.wormsign.testing.Corpus;

/**
 * Issue 16 item 4: W3C values in double quotes, with spaces and {@code ""} escapes, as IIS 6 logs a cookie,
 * Oracle Web Cache a user agent (in columns padded with runs of spaces) and IIS Advanced Logging a client.
 */
class W3cQuotedTest {
    private static final String CRQ = "N".repeat(224) + Classifier.TAIL;

    private static int parse(LineParser p, String line, LogRecord rec) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return p.parse(b, 0, b.length, rec);
    }

    /** The parser after every '#' line of a peer file, and the file's first line that is not one. */
    private static String firstRecordLine(String peer, LineParser p) throws IOException {
        List<String> lines = Files.readAllLines(Corpus.peerFile(peer), StandardCharsets.ISO_8859_1);
        for (String l : lines) {
            if (l.startsWith("#")) assertEquals(LineParser.SKIPPED, parse(p, l, new LogRecord()), l);
            else if (!l.isBlank()) return l;
        }
        throw new AssertionError("no record line in " + peer);
    }

    @Test
    void iis6CookieWithSpaces() throws IOException {
        LineParser p = new W3cFormat().newParser();
        String line = firstRecordLine("matomo/iis.log", p);
        LogRecord rec = new LogRecord();
        assertEquals(LineParser.RECORD, parse(p, line, rec), line);
        assertEquals("1.2.3.4", rec.client());
        assertEquals("/foo/bar", rec.path());
        assertEquals(200, rec.status());
        // The columns after the quoted cookie are where #Fields puts them: cs-host, then sc-status.
        assertEquals("5.6.7.8", new String(rec.bytes(), rec.targetStart(), rec.targetEnd() - rec.targetStart(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void oracleWebCachePaddedColumnsAndQuotedAgent() throws IOException {
        LineParser p = new W3cFormat().newParser();
        String line = firstRecordLine("lnav/logfile_w3c.1", p);
        LogRecord rec = new LogRecord();
        assertEquals(LineParser.RECORD, parse(p, line, rec), line);
        assertEquals("64.103.37.2", rec.client());
        assertEquals("/admin/images/oc_bottomleft.gif", rec.path());
        assertEquals(200, rec.status());
        // date and time are UTC in W3C: the file's #GMT-Offset is for local columns only.
        assertEquals(java.time.Instant.parse("2001-10-31T00:00:18Z").getEpochSecond(), rec.epochSecond());

        // Runs of spaces separate only where the #Fields itself is padded: elsewhere two spaces are an empty column.
        LineParser plain = new W3cFormat().newParser();
        parse(plain, "#Fields: c-ip c-dns c-auth-id date time cs-method cs-uri sc-status bytes cs(Cookie) cs(Referrer) time-taken cs(User-Agent)", rec);
        assertEquals(Reject.NO_MATCH.ordinal(), parse(plain, line.replace("\"", ""), rec));
    }

    @Test
    void codeRedReadFromALineWithAQuotedCookie() {
        LineParser p = new W3cFormat().newParser();
        parse(p, "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status cs(Cookie) cs(User-Agent)", new LogRecord());
        LogRecord rec = new LogRecord();
        String line = "2001-07-19 15:38:38 \"137.250.36.15\" GET /default.ida " + CRQ
                + " 404 \"a=b; c=\"\"d e\"\"\" \"Mozilla/4.0 (compatible; \"\"x\"\")\"";
        assertEquals(LineParser.RECORD, parse(p, line, rec), line);
        assertEquals("137.250.36.15", rec.client());
        assertEquals(404, rec.status());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }

    @Test
    void escapedQuotesAndEmptyQuotedValues() throws IOException {
        // lnav's w3c.3: sc-substatus is " ""garbage"" w/ spaces ", and the line is still one of 16 columns.
        LineParser p = new W3cFormat().newParser();
        List<String> lines = Files.readAllLines(Corpus.peerFile("lnav/logfile_w3c.3"), StandardCharsets.ISO_8859_1);
        String last = null;
        for (String l : lines) {
            if (l.startsWith("#") || l.isBlank()) parse(p, l, new LogRecord());
            else last = l;
        }
        LogRecord rec = new LogRecord();
        assertEquals(LineParser.RECORD, parse(p, last, rec), last);
        assertEquals("173.5.0.0", rec.client());
        assertEquals(404, rec.status());
        assertEquals("/hello/world/6,681965", rec.path());

        parse(p, "#Fields: date time c-ip cs-method cs-uri-stem sc-status cs(Referer)", new LogRecord());
        assertEquals(LineParser.RECORD, parse(p, "2001-08-01 10:00:00 10.0.0.1 \"GET\" /a \"200\" \"\"", rec));
        assertEquals(200, rec.status());
    }

    @Test
    void unterminatedQuoteIsARejectWithItsReason() {
        LineParser p = new W3cFormat().newParser();
        parse(p, "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)", new LogRecord());
        LogRecord rec = new LogRecord();
        assertEquals(Reject.UNTERMINATED_QUOTE.ordinal(),
                parse(p, "2001-07-19 15:38:38 137.250.36.15 GET /default.ida " + CRQ + " 404 \"Mozilla/4.0 (cut", rec));
        assertEquals(Reject.UNTERMINATED_QUOTE.ordinal(),
                parse(p, "2001-07-19 15:38:38 137.250.36.15 GET /a - 404 \"ends in an escape\"\"", rec));
        assertEquals(Reject.NO_MATCH.ordinal(),
                parse(p, "2001-07-19 15:38:38 137.250.36.15 GET /a - 404 \"closed\"then-more", rec), "a quote closed mid-column");
        // A quote inside an unquoted value is a byte like any other: only a column that starts with one is quoted.
        assertEquals(LineParser.RECORD, parse(p, "2001-07-19 15:38:38 137.250.36.15 GET /a - 404 Mozilla/4.0+\"x\"", rec));
    }

    @Test
    void quotedLineStillRealignedWhenAColumnIsExtra() {
        // An IIS 6 layout without cs(Cookie), and a line from a block that logged it (quoted, with spaces).
        LineParser p = new W3cFormat().newParser();
        parse(p, "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query c-ip cs(User-Agent) sc-status", new LogRecord());
        LogRecord rec = new LogRecord();
        String line = "2001-07-19 15:38:38 10.1.1.1 GET /default.ida " + CRQ + " 137.250.36.15 Mozilla/4.0 \"a=b; c=d\" 404";
        assertEquals(LineParser.RECORD, parse(p, line, rec), line);
        assertEquals(true, rec.realigned());
        assertEquals(404, rec.status());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
        // An empty quoted cookie is a value (""), not the empty column two spaces make.
        assertEquals(LineParser.RECORD, parse(p, line.replace("\"a=b; c=d\"", "\"\""), rec));
        assertEquals(true, rec.realigned());
        assertEquals(Verdict.CODE_RED, Classifier.classify(rec));
    }
}
