package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.Evidence;
import org.wormsign.aggregate.Snapshot;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;

/**
 * Evidence of a compressed input past the text budget is kept in the run's spill file, not the heap, and
 * the outputs are the same bytes as when every line stayed in memory: also for a source seen both in a
 * plain file (read from it into the spill when the run's snapshot is made) and in the archive.
 */
class SpilledEvidenceTest {
    @TempDir Path dir;

    private ReportModel analyze(List<Path> inputs, long budget) {
        return ReportModel.of(snapshot(inputs, budget), "test");
    }

    private Snapshot snapshot(List<Path> inputs, long budget) {
        AnalyzeOptions o = new AnalyzeOptions(inputs.stream().map(Path::toString).toList(), dir, null, 2, 1 << 20, null,
                List.of("test"), new TextBudget(budget));
        return Analyzer.run(o).snapshot();
    }

    @Test
    void spilledTextsWriteTheSameOutputs() throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        StringBuilder plain = new StringBuilder(), zipped = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            String agent = switch (r.nextInt(4)) {
                case 0 -> "Müller ✓ \uD83D\uDC1B";
                case 1 -> "=cmd|' /C calc'!A0";
                default -> "-";
            };
            String line = String.format(Locale.ROOT, "10.%d.%d.%d - - [%02d/Aug/2001:%02d:%02d:%02d +0000] \"GET /default.ida?%s HTTP/1.0\" 400 226 \"-\" \"%s\"\n",
                    r.nextInt(3), r.nextInt(20), r.nextInt(256), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60),
                    "N".repeat(224), agent);
            (r.nextInt(3) == 0 ? plain : zipped).append(line);
        }
        Path log = dir.resolve("access_log"), gz = dir.resolve("access_log.1.gz");
        Files.writeString(log, plain, StandardCharsets.UTF_8);
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(zipped.toString().getBytes(StandardCharsets.UTF_8));
        }

        ReportModel inMemory = analyze(List.of(log, gz), 1L << 30);
        ReportModel spilled = analyze(List.of(log, gz), 0);
        List<Evidence> spilledLines = spilled.evidence();
        assertTrue(spilledLines.stream().allMatch(e -> e.raw() == null), "no text kept in memory");
        assertTrue(spilledLines.stream().filter(e -> e.input().endsWith(".gz")).allMatch(e -> e.spillAt() >= 0), "the archive's lines are in the spill");
        assertTrue(spilledLines.stream().filter(e -> !e.input().endsWith(".gz")).allMatch(e -> e.spillAt() < 0),
                "the plain file's are left in it, to be read once, when they are written");
        assertTrue(spilled.evidenceText().spill().used());
        assertEquals(inMemory.evidence().size(), spilledLines.size());
        // The same run made to stand alone (as when it is saved or merged): every line is then in the spill.
        ReportModel alone = ReportModel.of(snapshot(List.of(log, gz), 0).standAlone(), "test");
        assertTrue(alone.evidence().stream().allMatch(e -> e.raw() == null && e.spillAt() >= 0), "all in the spill");

        Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
        ReportWriter.writeAll(inMemory, a, 2);
        ReportWriter.writeAll(spilled, b, 2);
        ReportWriter.writeAll(alone, c, 2);
        for (String name : List.of(ReportWriter.EVIDENCE, "hosts.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(c.resolve(name)), name + ", standing alone");
        }
        alone.evidenceText().spill().close();
        String csv = Files.readString(b.resolve(ReportWriter.EVIDENCE));
        assertTrue(csv.contains("Müller ✓ \uD83D\uDC1B"));
        assertTrue(csv.contains("=cmd|' /C calc'!A0"));
        spilled.evidenceText().spill().close();
    }
}
