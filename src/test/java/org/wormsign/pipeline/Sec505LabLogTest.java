package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.aggregate.Evidence;
import org.wormsign.format.Reject;
import org.wormsign.input.Input;
import org.wormsign.report.CsvOutputs;
import org.wormsign.report.ReportModel;
import org.wormsign.report.SummaryJson;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;

/**
 * The two SANS SEC505 IIS lab logs of corpus/peer/sec505 (issue 15): 11 {@code #Fields}, and 22 lines with
 * another column count, 20 of them one column more (from a block that had {@code cs(Referer)} after
 * {@code cs(User-Agent)}), holding 4 of the 5 Code Red I attempts and all 13 Nimda probes. Read right, each file
 * gives what corpus/peer/README.md says it holds; the 2 lines that fit nothing stay rejects.
 */
class Sec505LabLogTest {
    private static Path log(String year) {
        return Corpus.peerFile("sec505").resolve("iis-w3c-sans-sec505-lab-" + year + ".log");
    }

    private static long utc(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2010", "2012"})
    void everyWormLineIsRead(String year) {
        ReportModel m = Runs.analyze(log(year));
        ReportModel.InputRow in = m.inputs().get(0);
        assertEquals("iis-w3c", in.format());
        assertEquals(195, in.lines());
        assertEquals(188, in.records());
        assertEquals(2, in.rejected());
        assertEquals(5, in.skipped(), "4 directives and a blank last line");
        assertEquals(in.lines(), in.records() + in.rejected() + in.skipped());
        assertEquals(20, in.realigned(), "the 20 lines with one column more");
        assertEquals(20, m.totals().realigned());
        assertTrue(m.warnings().stream().anyMatch(w -> w.startsWith(in.path() + ": 20 lines do not fit the #Fields")), m.warnings().toString());

        ReportModel.TotalsRow t = m.totals();
        assertEquals(5, t.codeRed());
        assertEquals(0, t.codeRedII());
        assertEquals(0, t.truncated());
        assertEquals(13, t.nimda());
        assertEquals(2, t.codeRedSources());

        // Four probes answered 404 from one source in one second, and the late one answered 200.
        ReportModel.HostRow first = m.hosts().get(0), late = m.hosts().get(1);
        assertEquals("202.29.205.69", first.source());
        assertEquals(4, first.codeRed());
        assertEquals(4, first.status404());
        assertEquals(utc(year + "-07-19T23:55:11Z"), first.firstSeen());
        assertEquals(utc(year + "-07-19T23:55:11Z"), first.lastSeen());
        assertEquals(List.of(176L, 177L, 178L, 179L), first.evidence().stream().map(Evidence::line).toList());
        assertEquals("216.19.16.174", late.source());
        assertEquals(1, late.codeRed());
        assertEquals(1, late.status200());
        assertEquals(utc(year + "-07-20T00:56:21Z"), late.firstSeen());
        assertEquals(1, late.offSchedule(), "the 20th: the worm floods then, it does not probe");
        assertEquals(List.of(180L), late.evidence().stream().map(Evidence::line).toList(), "the one line that fits #Fields");
        assertEquals(4, m.hosts().stream().mapToLong(ReportModel.HostRow::status404).sum());
        assertEquals(1, m.hosts().stream().mapToLong(ReportModel.HostRow::status200).sum());

        // Left: the query with raw spaces (two columns more, no status in place) and the line without its query.
        assertEquals(List.of(9L, 49L), m.rejectSamples().stream().map(r -> r.line()).sorted().toList());
        assertEquals(Reject.NO_MATCH, m.rejectSamples().stream().filter(r -> r.line() == 9).findFirst().orElseThrow().reason());
        assertEquals(Reject.TRUNCATED, m.rejectSamples().stream().filter(r -> r.line() == 49).findFirst().orElseThrow().reason());
    }

    /** Cut into four chunks read side by side, the file gives what one pass gives. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2010", "2012"})
    void chunksGiveWhatOnePassGives(String year) throws IOException {
        Path p = log(year);
        Input input = Input.file(p.toString(), p, true);
        AnalyzeOptions sequential = new AnalyzeOptions(List.of(p.toString()), Path.of("unused"), null, 1, 1 << 20, null, List.of());
        AnalyzeOptions parallel = new AnalyzeOptions(List.of(p.toString()), Path.of("unused"), null, 4, 1 << 20, null, List.of());
        InputResult one = InputScan.scan(0, input, sequential).get(0);
        InputResult chunked = ChunkedScan.scan(0, input, parallel, Progress.NONE, Files.size(p) / 4);
        assertNotNull(chunked);
        assertEquals(20, one.aggregate().totals().realigned());
        assertEquals(everything(one, sequential), everything(chunked, parallel));
    }

    private static String everything(InputResult r, AnalyzeOptions o) throws IOException {
        ReportModel m = ReportModel.of(new RunResult(o, Instant.EPOCH, Instant.EPOCH, List.of(r), List.of(), r.aggregate()).snapshot(), "test");
        StringWriter w = new StringWriter();
        CsvOutputs.writeHosts(m, w);
        CsvOutputs.writeEvidence(m, w);
        CsvOutputs.writeRejects(m, w);
        var tree = SummaryJson.tree(m);
        tree.remove(List.of("started_utc", "finished_utc", "arguments", "version"));
        return w + tree.toString();
    }
}
