package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wormsign.aggregate.Evidence;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;

/**
 * AWStats' own test log (corpus/peer/awstats/testglobal.log): 28 '#' comment lines at the top, blank lines
 * between its visitors, and one Code Red II probe from 80.8.55.9 (issue 16, item 11). The comments are
 * skipped, not rejected; the probe is found.
 */
class AwstatsGlobalLogTest {
    private static final String FILE = "awstats/testglobal.log";

    @Test
    void commentsAreSkippedAndTheCodeRedIIProbeIsFound() throws IOException {
        Path log = Corpus.peerFile(FILE);
        // The expected counts, read from the file itself: its lines, its '#' lines, its blank lines.
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        long comments = lines.stream().filter(l -> l.startsWith("#")).count();
        long blank = lines.stream().filter(String::isBlank).count();
        assertEquals(28, comments, "the peer corpus README: 28 comment lines");

        for (ReportModel m : List.of(Runs.analyze(log), Runs.analyzeOneByteAtATime(log))) {
            ReportModel.InputRow in = m.inputs().get(0);
            assertEquals("apache-combined", in.format());
            assertEquals(lines.size(), in.lines());
            assertEquals(0, in.rejected(), "no line of it is bad: " + m.rejectSamples());
            assertEquals(comments + blank, in.skipped());
            assertEquals(lines.size() - comments - blank, in.records());

            ReportModel.HostRow host = m.hosts().get(0);
            assertEquals(1, m.hosts().size());
            assertEquals("80.8.55.9", host.source());
            assertEquals(0, host.codeRed());
            assertEquals(1, host.codeRedII());
            assertEquals(1, host.status404(), "answered 404");
            // [01/Jan/2001:15:00:00 +0200] is 13:00 UTC; long before Code Red II began, so off schedule.
            assertEquals(Instant.parse("2001-01-01T13:00:00Z").getEpochSecond(), host.firstSeen());
            assertEquals(1, host.offSchedule());
            Evidence e = host.evidence().get(0);
            int lineNumber = lines.indexOf(lines.stream().filter(l -> l.contains("/default.ida?XXXX")).findFirst().orElseThrow()) + 1;
            assertEquals(lineNumber, e.line());
            assertTrue(e.raw().startsWith("80.8.55.9 - - [01/Jan/2001:15:00:00 +0200] \"GET /default.ida?XXXX"), e.raw());
        }
    }
}
