package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.RunResult;

/**
 * Evidence left in its file is read back when the run's snapshot is made. A log that only grew since it was
 * read (the server still appends) gives its lines back; one rotated away, cut or rewritten in place does
 * not, and the evidence says so instead of showing whatever is at the old offset now.
 */
class ReadBackTest {
    @TempDir Path dir;

    private static final String TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801"
            + "%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";

    /** 20 Code Red lines from 20 sources, the marker in each line's user agent. */
    private static String log(String marker) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            s.append(String.format(Locale.ROOT, "10.0.0.%d - - [02/Aug/2001:10:%02d:00 +0000] \"GET /default.ida?%s%s HTTP/1.0\" 400 226 \"-\" \"%s\"\n",
                    i, i, "N".repeat(224), TAIL, marker));
        }
        return s.toString();
    }

    /** Analyzes access_log keeping no text in memory, lets {@code change} act on the file, then makes the snapshot and writes evidence.csv. */
    private String evidenceAfter(String name, FileChange change) throws IOException {
        Path logFile = dir.resolve(name);
        Files.writeString(logFile, log("FIRST"), StandardCharsets.ISO_8859_1);
        AnalyzeOptions o = new AnalyzeOptions(List.of(logFile.toString()), dir, null, 1, 1 << 20, null, List.of("test"), new TextBudget(0));
        RunResult run = Analyzer.run(o);
        assertTrue(run.merged().sources().values().stream().flatMap(s -> s.evidenceLines().stream())
                .allMatch(e -> e.raw() == null && e.spillAt() < 0), "every line left in the file");
        change.apply(logFile);
        ReportModel model = ReportModel.of(run.snapshot(), "test");
        Path out = dir.resolve(name + "-out");
        ReportWriter.writeAll(model, out, 1);
        return Files.readString(out.resolve(ReportWriter.EVIDENCE), StandardCharsets.UTF_8);
    }

    private interface FileChange { void apply(Path file) throws IOException; }

    @Test
    void aLogThatOnlyGrewGivesItsLinesBack() throws IOException {
        String csv = evidenceAfter("grown_log", f -> Files.writeString(f, log("LATER"), StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND));
        assertEquals(20, csv.split("\"\"FIRST\"\"", -1).length - 1, csv);
        assertFalse(csv.contains("not read back"));
    }

    @Test
    void aRotatedLogIsNotReadBack() throws IOException {
        String csv = evidenceAfter("rotated_log", f -> {
            // As logrotate does: the old file moved away, a new one (a new inode) in its place.
            Path fresh = f.resolveSibling("fresh");
            Files.writeString(fresh, log("OTHER") + log("OTHER"), StandardCharsets.ISO_8859_1);
            Files.move(f, f.resolveSibling("rotated_log.1"));
            Files.move(fresh, f, StandardCopyOption.ATOMIC_MOVE);
        });
        assertFalse(csv.contains("OTHER"), "no line of the new file shown as evidence");
        assertEquals(20, csv.split("changed since it was read: it was replaced by another file", -1).length - 1, csv);
    }

    @Test
    void aCutLogIsNotReadBack() throws IOException {
        String csv = evidenceAfter("cut_log", f -> Files.write(f, new byte[0], StandardOpenOption.TRUNCATE_EXISTING));
        assertTrue(csv.contains("changed since it was read: it was cut from"), csv);
        assertFalse(csv.contains("FIRST"));
    }

    @Test
    void aLogRewrittenInPlaceIsNotReadBack() throws IOException {
        String csv = evidenceAfter("rewritten_log", f -> {
            FileTime before = Files.getLastModifiedTime(f);
            Files.writeString(f, log("OTHER"), StandardCharsets.ISO_8859_1, StandardOpenOption.TRUNCATE_EXISTING);
            Files.setLastModifiedTime(f, FileTime.fromMillis(before.toMillis() + 5_000));
        });
        assertFalse(csv.contains("OTHER"));
        assertTrue(csv.contains("changed since it was read: it was rewritten in place"), csv);
    }
}
