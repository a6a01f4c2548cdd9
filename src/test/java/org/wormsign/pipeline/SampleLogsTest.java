package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Runs;

/** sample-logs/ against the counts in sample-logs/EXPECTED.md, which were made by an independent count. */
class SampleLogsTest {
    @Test
    void totalsMatchTheIndependentCount() {
        ReportModel m = Runs.analyze(Path.of("sample-logs"));
        ReportModel.TotalsRow t = m.totals();
        assertEquals(3, t.inputs());
        assertEquals(1518 + 305 + 801, t.lines());
        assertEquals(1515 + 305 + 799, t.records());
        assertEquals(4, t.rejected());
        assertEquals(1, t.skipped());
        assertEquals(51 + 8 + 9, t.codeRed());
        assertEquals(2, t.truncated());
        assertEquals(13 + 17, t.codeRedII());
        assertEquals(41 + 7 + 8, t.codeRedSources());
        assertEquals(10 + 12, t.codeRedIISources());
        assertEquals(80, t.nimda());
        assertEquals(1, t.otherIda());
        assertEquals(51 + 8 + 9, t.sideEffect400());
        assertEquals(1 + 2, t.offSchedule());
    }

    @Test
    void formatsAreSniffedPerInput() {
        ReportModel m = Runs.analyze(Path.of("sample-logs"));
        assertEquals("apache-combined", format(m, "sample-logs/apache/access_log"));
        assertEquals("apache-common", format(m, "sample-logs/apache/access_log.1.gz"));
        assertEquals("nginx-combined", format(m, "sample-logs/nginx/access.log"));
    }

    private static String format(ReportModel m, String path) {
        return m.inputs().stream().filter(i -> i.path().equals(path)).findFirst().orElseThrow().format();
    }
}
