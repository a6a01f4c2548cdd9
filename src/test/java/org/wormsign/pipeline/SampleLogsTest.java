package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.wormsign.report.ReportModel;

/**
 * sample-logs/: six servers written by `wormsign simulate` (its truth.csv is the oracle), and one
 * hand-made Apache log with junk, cut and look-alike lines, counted independently (EXPECTED.md).
 */
class SampleLogsTest {
    private static final List<String> SIMULATED = List.of("sample-logs/apache-1.3", "sample-logs/apache-2.4",
            "sample-logs/iis-patched", "sample-logs/iis-unmapped", "sample-logs/iis-vulnerable", "sample-logs/nginx");

    private static ReportModel analyze(List<String> paths) {
        AnalyzeOptions o = new AnalyzeOptions(paths, Path.of("unused"), null, 2, 1 << 20, InputZones.of(ZoneId.of("America/New_York")), List.of());
        return ReportModel.of(Analyzer.run(o).snapshot(), "test");
    }

    private static Map<String, long[]> truth() throws IOException {
        Map<String, long[]> out = new HashMap<>();
        try (Reader r = Files.newBufferedReader(Path.of("sample-logs/truth.csv"))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.put(rec.get("source_ip"), new long[] {Long.parseLong(rec.get("code_red_attempts")), Long.parseLong(rec.get("code_red_ii_attempts"))});
            }
        }
        return out;
    }

    @Test
    void simulatedServersGiveExactlyTheTruth() throws IOException {
        ReportModel m = analyze(SIMULATED);
        Map<String, long[]> truth = truth();
        assertTrue(truth.size() > 100);
        assertEquals(truth.size(), m.hosts().size(), "one hosts row per source in truth.csv");
        for (ReportModel.HostRow h : m.hosts()) {
            long[] t = truth.get(h.source());
            assertTrue(t != null, "not in truth.csv: " + h.source());
            assertEquals(t[0], h.codeRed(), "Code Red I of " + h.source());
            assertEquals(t[1], h.codeRedII(), "Code Red II of " + h.source());
        }
        assertEquals(0, m.totals().rejected(), "every simulated line is a record or a directive");
        assertEquals(List.of(), m.warnings());
    }

    @Test
    void handMadeLogMatchesItsIndependentCount() {
        // sample-logs/EXPECTED.md: counted with grep/awk and a separate Python parser.
        ReportModel m = analyze(List.of("sample-logs/hand-made/access_log"));
        ReportModel.TotalsRow t = m.totals();
        assertEquals(1518, t.lines());
        assertEquals(1515, t.records());
        assertEquals(2, t.rejected());
        assertEquals(1, t.skipped());
        assertEquals(51, t.codeRed());
        assertEquals(2, t.truncated());
        assertEquals(13, t.codeRedII());
        assertEquals(41, t.codeRedSources());
        assertEquals(10, t.codeRedIISources());
        assertEquals(0, t.nimda());
        assertEquals(1, t.otherIda(), "/null.idq; the five look-alikes stay clean");
        assertEquals(51, t.sideEffect400());
        assertEquals(1, t.offSchedule());
    }

    @Test
    void formatsAreSniffedPerInput() {
        ReportModel m = analyze(List.of("sample-logs"));
        assertEquals("apache-common", format(m, "sample-logs/apache-1.3/access_log"));
        assertEquals("apache-combined", format(m, "sample-logs/apache-2.4/access_log"));
        assertEquals("iis-native", format(m, "sample-logs/iis-patched/inetsv1.log"));
        assertEquals("iis-w3c", format(m, "sample-logs/iis-unmapped/extend1.log"));
        assertEquals("nginx-combined", format(m, "sample-logs/nginx/access.log"));
        assertEquals("apache-combined", format(m, "sample-logs/hand-made/access_log"));
        assertTrue(m.inputs().stream().anyMatch(i -> i.path().endsWith("truth.csv") && i.ignoredBecause() != null),
                "the truth files beside the logs are not read as logs");
    }

    private static String format(ReportModel m, String path) {
        return m.inputs().stream().filter(i -> i.path().equals(path)).findFirst().orElseThrow().format();
    }
}
