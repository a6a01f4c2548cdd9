package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.wormsign.detect.Verdict;
import org.wormsign.format.LogRecord;

/** An IPv4 address is held as an int, and (int) -1 is 255.255.255.255: a missing source must not become that address. */
class NullSourceTest {
    @Test
    void aNullSourceIsNotTheBroadcastAddress() {
        SourceSummary s;
        try {
            s = new SourceSummary((String) null);
        } catch (NullPointerException expected) {
            return;
        }
        assertNotEquals("255.255.255.255", s.source());
    }

    @Test
    void aNullKeyDoesNotReachTheSummaryOf255_255_255_255() {
        SourceTable t = new SourceTable();
        SourceSummary broadcast = t.ofIpv4(-1);
        try {
            SourceSummary got = t.computeIfAbsent(null, SourceSummary::new);
            assertFalse(got == broadcast, "computeIfAbsent(null) returned the summary of 255.255.255.255");
        } catch (NullPointerException fine) {
            // the table before this change threw here
        }
        SourceTable u = new SourceTable();
        try {
            u.put(null, new SourceSummary("255.255.255.255"));
        } catch (NullPointerException | IllegalArgumentException fine) {
            // a summary of 255.255.255.255 is not the summary of null
        }
        assertFalse(u.containsKey("255.255.255.255"), "put(null, …) stored 255.255.255.255");
    }

    /** A record with no client (clientStart = -1) is counted against 255.255.255.255 instead of failing. */
    @Test
    void aRecordWithoutClientIsNotCountedAgainst255_255_255_255() {
        byte[] line = "GET /default.ida?NNNN HTTP/1.0".getBytes(StandardCharsets.ISO_8859_1);
        LogRecord r = new LogRecord();
        r.wrap(line, 0, line.length);
        r.setRequestLine(0, line.length);
        r.setStatus(404);
        r.setEpochSecond(995_600_000L);
        Aggregator a = new Aggregator(0, "in.log");
        try {
            a.record(r, Verdict.CODE_RED, 1, 0);   // before the change: NullPointerException
        } catch (NullPointerException fine) {
            // a record without a source cannot be attributed
        }
        assertFalse(a.aggregate().sources().containsKey("255.255.255.255"), "attributed to 255.255.255.255");
    }
}
