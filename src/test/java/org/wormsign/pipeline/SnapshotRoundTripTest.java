package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.aggregate.SnapshotFile;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.report.ReportModel;
import org.wormsign.report.ReportWriter;
import org.wormsign.testing.Corpus;

/**
 * Snapshots of real runs (every golden case, the sample logs, the real corpus) write and read back equal, and
 * the outputs rendered from the snapshot read back are the bytes of those rendered from the run's own.
 */
class SnapshotRoundTripTest {
    @TempDir Path dir;

    static Stream<String> cases() throws IOException {
        return GoldenTest.cases();
    }

    private static AnalyzeOptions options(List<String> paths, long textBudget) {
        return new AnalyzeOptions(paths, Path.of("unused"), null, 2, 1 << 20, null, List.of("analyze", "test"), new TextBudget(textBudget));
    }

    /** Writes the run's snapshot, reads it back, and checks the two are equal and render the same files. */
    private void roundTrip(List<String> paths, long textBudget, boolean page) throws IOException {
        AnalyzeOptions o = options(paths, textBudget);
        try (var spill = o.textBudget().spill()) {
            Snapshot s = Analyzer.run(o).snapshot();
            Path file = dir.resolve("run.snapshot");
            SnapshotFile.write(s, file);
            TextBudget readBudget = new TextBudget(textBudget);
            try (var readSpill = readBudget.spill()) {
                Snapshot back = SnapshotFile.read(file, readBudget);
                assertEquals(s, back, "read back equal: " + paths);
                Path a = Files.createDirectories(dir.resolve("a")), b = Files.createDirectories(dir.resolve("b"));
                List<String> files = new ArrayList<>(List.of(ReportWriter.HOSTS, ReportWriter.EVIDENCE, ReportWriter.REJECTS, ReportWriter.SUMMARY));
                if (page) {
                    ReportWriter.writeAll(ReportModel.of(s, "test"), a, 2);
                    ReportWriter.writeAll(ReportModel.of(back, "test"), b, 2);
                    files.add(ReportWriter.REPORT);
                } else {
                    // The CSVs and the JSON only: drawing the charts of every case would take long.
                    writeData(ReportModel.of(s, "test"), a);
                    writeData(ReportModel.of(back, "test"), b);
                }
                for (String name : files) assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name + " of " + paths);
            }
        }
    }

    private static void writeData(ReportModel m, Path to) throws IOException {
        try (var w = Files.newBufferedWriter(to.resolve(ReportWriter.HOSTS))) { org.wormsign.report.CsvOutputs.writeHosts(m, w); }
        try (var w = Files.newBufferedWriter(to.resolve(ReportWriter.EVIDENCE))) { org.wormsign.report.CsvOutputs.writeEvidence(m, w); }
        try (var w = Files.newBufferedWriter(to.resolve(ReportWriter.REJECTS))) { org.wormsign.report.CsvOutputs.writeRejects(m, w); }
        try (var w = Files.newBufferedWriter(to.resolve(ReportWriter.SUMMARY))) { org.wormsign.report.SummaryJson.write(m, w); }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyGoldenCase(String name) throws IOException {
        roundTrip(List.of(GoldenTest.ROOT.resolve(name).resolve("input").toString()), TextBudget.DEFAULT_BYTES, false);
    }

    @Test
    void theSampleLogsWithNoTextInMemory() throws IOException {
        // Every evidence line is then read into the spill when the snapshot is made, and read back into another.
        roundTrip(List.of("sample-logs"), 0, true);
    }

    @Test
    void theRealCorpus() throws IOException {
        Path real = Corpus.real();
        roundTrip(List.of(real.toString()), TextBudget.DEFAULT_BYTES, true);
        assertTrue(Files.isDirectory(real));
    }
}
