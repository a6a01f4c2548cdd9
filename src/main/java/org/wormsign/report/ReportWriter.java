package org.wormsign.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes every output of a run into one folder. Each file is written under a temporary name and renamed
 * when complete, so a killed run never leaves a file that looks whole; files of an earlier run that this
 * run writes are replaced, other files in the folder are left alone.
 */
public final class ReportWriter {
    private ReportWriter() {}

    public static final String REPORT = "report.html";
    public static final String HOSTS = "hosts.csv";
    public static final String EVIDENCE = "evidence.csv";
    public static final String REJECTS = "rejects.csv";
    public static final String SUMMARY = "summary.json";

    @FunctionalInterface
    private interface Body {
        void write(Writer w) throws IOException;
    }

    public static List<Path> writeAll(ReportModel m, Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, HOSTS, w -> CsvOutputs.writeHosts(m, w));
        write(dir, EVIDENCE, w -> CsvOutputs.writeEvidence(m, w));
        write(dir, REJECTS, w -> CsvOutputs.writeRejects(m, w));
        write(dir, SUMMARY, w -> SummaryJson.write(m, w));
        // The page last: its links point at the files above, which now exist.
        write(dir, REPORT, w -> w.write(HtmlReport.render(m, List.of(HOSTS, EVIDENCE, REJECTS, SUMMARY))));
        return List.of(dir.resolve(REPORT), dir.resolve(HOSTS), dir.resolve(EVIDENCE), dir.resolve(REJECTS), dir.resolve(SUMMARY));
    }

    private static void write(Path dir, String name, Body body) throws IOException {
        Path tmp = dir.resolve("." + name + ".partial");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            body.write(w);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
