package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.report.ReportWriter;
import org.wormsign.testing.Command;
import org.wormsign.testing.Corpus;

/**
 * {@code analyze --save} and {@code report}: the outputs of a saved snapshot are those of the run, even with
 * its inputs gone; snapshots of a corpus split in two make the report of the whole corpus; a missing or
 * damaged snapshot is one line and status 2.
 */
class SnapshotCommandsTest {
    @TempDir Path dir;

    private static final String TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";

    private static String log(int sources) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sources; i++) {
            s.append("10.1.").append(i % 7).append('.').append(i).append(" - - [19/Jul/2001:1").append(i % 10).append(":0").append(i % 6)
                    .append(":00 +0000] \"GET /default.ida?").append("N".repeat(224)).append(TAIL).append(" HTTP/1.0\" 404 - \"-\" \"-\"\n");
            s.append("10.2.0.").append(i).append(" - - [19/Jul/2001:11:00:00 +0000] \"GET /index.html HTTP/1.0\" 200 5 \"-\" \"Müller\"\n");
            if (i % 5 == 0) s.append("not a log line ").append(i).append('\n');
        }
        return s.toString();
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Analyzes {@code input} saving its snapshot, deletes the input, renders the snapshot: the same five files, byte for byte. */
    private void sameOutputsWithTheInputGone(Path input) throws IOException {
        Path ran = dir.resolve("ran"), rendered = dir.resolve("rendered"), snapshot = dir.resolve("run.snapshot");
        Command analyze = Command.run("analyze", "--no-progress", "-o", ran.toString(), "--save", snapshot.toString(), input.toString());
        assertEquals(0, analyze.status(), analyze.err());
        assertTrue(Files.size(snapshot) > 0);
        Files.delete(input);
        Command report = Command.run("report", "-o", rendered.toString(), snapshot.toString());
        assertEquals(0, report.status(), report.err());
        // Timestamps too: summary.json's times and arguments are the run's, kept in the snapshot.
        for (String name : ReportWriter.FILES) assertArrayEquals(bytes(ran.resolve(name)), bytes(rendered.resolve(name)), name);
        assertTrue(new String(bytes(rendered.resolve(ReportWriter.EVIDENCE)), StandardCharsets.UTF_8).contains("default.ida?NNNN"));
    }

    @Test
    void aPlainInputDeleted() throws IOException {
        Path log = dir.resolve("access_log");
        Files.writeString(log, log(40), StandardCharsets.UTF_8);
        sameOutputsWithTheInputGone(log);
    }

    @Test
    void aGzipInputDeleted() throws IOException {
        Path gz = dir.resolve("access_log.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(log(40).getBytes(StandardCharsets.UTF_8));
        }
        sameOutputsWithTheInputGone(gz);
    }

    @Test
    void aZipInputDeleted() throws IOException {
        Path zip = dir.resolve("logs.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("W3SVC1/access_log"));
            out.write(log(30).getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("W3SVC2/access_log"));
            out.write(log(12).getBytes(StandardCharsets.UTF_8));
        }
        sameOutputsWithTheInputGone(zip);
    }

    @Test
    void twoHalvesOfTheCorpusMakeTheReportOfTheWhole() throws IOException {
        Path real = Corpus.real();
        // The logs by name (the folder's README would be a log given by name): the same list for the whole and the halves.
        List<String> names = new ArrayList<>();
        for (Input in : InputFinder.find(List.of(real.toString())).inputs()) if (in.name().endsWith(".log")) names.add(in.name());
        assertTrue(names.size() >= 4, names.toString());
        int cut = names.size() / 2;
        Path whole = dir.resolve("whole"), merged = dir.resolve("merged");
        Path first = dir.resolve("first.snapshot"), second = dir.resolve("second.snapshot");
        assertEquals(0, analyze(whole, null, names).status());
        assertEquals(0, analyze(dir.resolve("a"), first, names.subList(0, cut)).status());
        assertEquals(0, analyze(dir.resolve("b"), second, names.subList(cut, names.size())).status());
        // Given in either order: the runs are placed by their first input.
        Command report = Command.run("report", "-o", merged.toString(), second.toString(), first.toString());
        assertEquals(0, report.status(), report.err());

        for (String name : List.of(ReportWriter.HOSTS, ReportWriter.EVIDENCE, ReportWriter.REJECTS)) {
            assertArrayEquals(bytes(whole.resolve(name)), bytes(merged.resolve(name)), name);
        }
        assertEquals(withoutRunFields(whole.resolve(ReportWriter.SUMMARY)), withoutRunFields(merged.resolve(ReportWriter.SUMMARY)));
        assertEquals(withoutAnalysed(whole.resolve(ReportWriter.REPORT)), withoutAnalysed(merged.resolve(ReportWriter.REPORT)));
        assertTrue(new String(bytes(merged.resolve(ReportWriter.HOSTS)), StandardCharsets.UTF_8).lines().count() > 10, "sources found");
    }

    private static Command analyze(Path out, Path save, List<String> inputs) {
        List<String> args = new ArrayList<>(List.of("analyze", "--no-progress", "-o", out.toString()));
        if (save != null) args.addAll(List.of("--save", save.toString()));
        args.addAll(inputs);
        return Command.run(args.toArray(String[]::new));
    }

    /** summary.json without the run's times and arguments, which differ between one run and two. */
    private static String withoutRunFields(Path summary) throws IOException {
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile());
        tree.remove(List.of("started_utc", "finished_utc", "arguments"));
        return tree.toPrettyString();
    }

    /** The page without its "analysed" time. */
    private static String withoutAnalysed(Path page) throws IOException {
        return Files.readString(page, StandardCharsets.UTF_8).replaceAll(" · analysed [^<·]* · ", " · analysed · ");
    }

    @Test
    void aMissingOrDamagedSnapshotIsOneLineAndStatus2() throws IOException {
        Command missing = Command.run("report", "-o", dir.resolve("out").toString(), dir.resolve("absent.snapshot").toString());
        assertEquals(ExitStatus.USAGE, missing.status());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("absent.snapshot: no such file"), missing.err());

        Path log = dir.resolve("access_log");
        Files.writeString(log, log(5), StandardCharsets.UTF_8);
        Path snapshot = dir.resolve("s.snapshot");
        assertEquals(0, Command.run("analyze", "--no-progress", "-o", dir.resolve("ran").toString(), "--save", snapshot.toString(), log.toString()).status());
        byte[] whole = Files.readAllBytes(snapshot);
        Files.write(snapshot, java.util.Arrays.copyOf(whole, whole.length / 2));
        Command cut = Command.run("report", "-o", dir.resolve("out").toString(), snapshot.toString());
        assertEquals(ExitStatus.USAGE, cut.status());
        assertEquals(1, cut.err().lines().count(), cut.err());
        assertTrue(cut.err().contains("cut short"), cut.err());
        assertFalse(Files.exists(dir.resolve("out").resolve(ReportWriter.REPORT)), "nothing written");

        Command foreign = Command.run("report", "-o", dir.resolve("out").toString(), log.toString());
        assertEquals(ExitStatus.USAGE, foreign.status());
        assertTrue(foreign.err().contains("not a wormsign snapshot"), foreign.err());
    }

    @Test
    void failOnDetectionAndTheSameRunTwice() throws IOException {
        Path log = dir.resolve("access_log");
        Files.writeString(log, log(5), StandardCharsets.UTF_8);
        Path snapshot = dir.resolve("s.snapshot");
        assertEquals(ExitStatus.DETECTED, Command.run("analyze", "--no-progress", "--fail-on-detection", "-o", dir.resolve("ran").toString(),
                "--save", snapshot.toString(), log.toString()).status());
        assertEquals(ExitStatus.DETECTED, Command.run("report", "--fail-on-detection", "-o", dir.resolve("out").toString(), snapshot.toString()).status());
        assertEquals(ExitStatus.OK, Command.run("report", "-o", dir.resolve("out").toString(), snapshot.toString()).status());
        Command twice = Command.run("report", "-o", dir.resolve("out2").toString(), snapshot.toString(), snapshot.toString());
        assertEquals(ExitStatus.USAGE, twice.status());
        assertTrue(twice.err().contains("given twice"), twice.err());
    }

    @Test
    void saveIntoAFolderThatIsNotThereIsAUsageError() {
        Command c = Command.run("analyze", "--no-progress", "-o", dir.resolve("out").toString(), "--save",
                dir.resolve("nowhere").resolve("s.snapshot").toString(), "sample-logs");
        assertEquals(ExitStatus.USAGE, c.status());
        assertTrue(c.err().contains("its folder does not exist"), c.err());
    }
}
