package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Compressed;
import org.wormsign.testing.Compressed.Codec;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;

/**
 * Issue 3's test: the real IIS log as plain, .gz, .bz2, .xz, .zst and .zip gives byte-identical hosts.csv
 * (its lines name their server, s-ip, so no file name enters hosts.csv), with its 24 Code Red I attempts.
 */
class RealIisStoredEveryWayTest {
    private static final String LOG = "iis-w3c-sans-sec505-2001jul.log";
    @TempDir static Path dir;
    static byte[] log;
    static String plainHosts;

    @BeforeAll
    static void plain() throws IOException {
        log = Files.readAllBytes(Corpus.realFile(LOG));
        Path p = dir.resolve("plain").resolve(LOG);
        Files.createDirectories(p.getParent());
        Files.write(p, log);
        plainHosts = Runs.hostsCsv(Runs.analyze(p));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "bz2", "xz", "zst", "zip"})
    void hostsCsvIsByteIdentical(String how) throws IOException {
        byte[] stored = switch (how) {
            case "gz" -> Codec.GZIP.encode(log);
            case "bz2" -> Codec.BZIP2.encode(log);
            case "xz" -> Codec.XZ.encode(log);
            case "zst" -> Codec.ZSTD.encode(log);
            default -> Compressed.zip(Compressed.entries(LOG, log));
        };
        Path p = dir.resolve(LOG + "." + how);
        Files.write(p, stored);
        ReportModel m = Runs.analyze(p);
        assertEquals(plainHosts, Runs.hostsCsv(m));
        assertEquals(24, m.totals().codeRed());
        assertEquals(1, m.totals().offSchedule());
        assertEquals(m.totals().lines(), m.totals().records() + m.totals().rejected() + m.totals().skipped());
    }
}
