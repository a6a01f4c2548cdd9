package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.Evidence;
import org.wormsign.cli.Main;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Compressed;
import org.wormsign.testing.Compressed.Codec;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;

/**
 * Compressed logs and archive members through the whole pipeline: the same log stored any way gives the
 * same findings; archive members are inputs named {@code archive!member}; damage is an error that says how
 * far the input was read, with exit status 1.
 */
class ArchiveInputsTest {
    static final String LOG = "apache-combined-honeynet-rh71-2004jul.log";
    /** The corpus README's counts for this log. */
    static final long LINES = 352;
    static final long CODE_RED_II = 8;

    @TempDir static Path dir;
    static byte[] log;
    static Path plain;
    static String plainHosts;

    @BeforeAll
    static void analyzeThePlainLog() throws IOException {
        log = Files.readAllBytes(Corpus.realFile(LOG));
        plain = write("access.log", log);
        plainHosts = hostsWithoutName(Runs.analyze(plain), plain.toString());
    }

    private static Path write(String name, byte[] data) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        return p;
    }

    /**
     * hosts.csv with the input's name taken out: where a log names no virtual host, the server column cites
     * the input, and the input is named differently each way it is stored.
     */
    private static String hostsWithoutName(ReportModel m, String inputName) {
        return Runs.hostsCsv(m).replace(inputName, "INPUT");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** name, file bytes, the name the log's lines are cited under (relative to the file), its compression. */
    static Stream<Arguments> waysToStoreTheLog() {
        byte[] tar = Compressed.tar(Compressed.entries("logs/", null, "logs/access.log", log));
        byte[] zip = Compressed.zip(Compressed.entries("logs/", null, "logs/access.log", log));
        int half = log.length / 2;
        while (log[half - 1] != '\n') half++;
        byte[] a = Arrays.copyOf(log, half), b = Arrays.copyOfRange(log, half, log.length);
        return Stream.of(
                Arguments.of("access.log", log, "", "plain"),
                Arguments.of("access.log.gz", Codec.GZIP.encode(log), "", "gzip"),
                Arguments.of("access.log.bz2", Codec.BZIP2.encode(log), "", "bzip2"),
                Arguments.of("access.log.xz", Codec.XZ.encode(log), "", "xz"),
                Arguments.of("access.log.zst", Codec.ZSTD.encode(log), "", "zstd"),
                Arguments.of("two-members.gz", Compressed.concat(Codec.GZIP.encode(a), Codec.GZIP.encode(b)), "", "gzip"),
                Arguments.of("pbzip2-like.bz2", Compressed.concat(Codec.BZIP2.encode(a), Codec.BZIP2.encode(b)), "", "bzip2"),
                Arguments.of("two-frames.zst", Compressed.concat(Codec.ZSTD.encode(a), Codec.ZSTD.encode(b)), "", "zstd"),
                Arguments.of("logs.zip", zip, "!logs/access.log", "zip"),
                Arguments.of("logs.tar", tar, "!logs/access.log", "tar"),
                Arguments.of("logs.tar.gz", Codec.GZIP.encode(tar), "!logs/access.log", "tar+gzip"),
                Arguments.of("logs.tar.bz2", Codec.BZIP2.encode(tar), "!logs/access.log", "tar+bzip2"),
                Arguments.of("logs.tar.xz", Codec.XZ.encode(tar), "!logs/access.log", "tar+xz"),
                Arguments.of("logs.tar.zst", Codec.ZSTD.encode(tar), "!logs/access.log", "tar+zstd"),
                // The name does not decide: a gzip named like a plain log, a tar named like a gzip.
                Arguments.of("misnamed/access.log", Codec.GZIP.encode(log), "", "gzip"),
                Arguments.of("misnamed/logs.gz", tar, "!logs/access.log", "tar"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("waysToStoreTheLog")
    void everyWayOfStoringTheLogGivesTheSameFindings(String name, byte[] data, String member, String compression) throws IOException {
        Path file = write(name, data);
        for (boolean oneByte : new boolean[] {false, true}) {
            ReportModel m = oneByte ? Runs.analyzeOneByteAtATime(file) : Runs.analyze(file);
            String cited = file + member;
            assertEquals(plainHosts, hostsWithoutName(m, cited), "hosts.csv, one byte per read: " + oneByte);
            ReportModel.TotalsRow t = m.totals();
            assertEquals(CODE_RED_II, t.codeRedII());
            assertEquals(0, t.codeRed());
            assertEquals(LINES, t.lines());
            assertEquals(t.lines(), t.records() + t.rejected() + t.skipped());
            assertTrue(m.errors().isEmpty(), m.errors().toString());

            ReportModel.InputRow first = m.inputs().get(0);
            assertEquals(file.toString(), first.path());
            assertEquals(compression, first.codec());
            assertEquals(data.length, first.bytes());
            assertEquals(sha256(data), first.sha256(), "SHA-256 of the file as stored");
            ReportModel.InputRow read = m.inputs().get(m.inputs().size() - 1);
            assertEquals(cited, read.path());
            assertEquals("apache-combined", read.format());
            assertEquals(LINES, read.lines());
            assertTrue(m.evidence().stream().allMatch(e -> e.input().equals(cited)));
            if (!member.isEmpty()) {
                assertEquals(2, m.inputs().size(), "the archive, then its one member");
                assertEquals("archive", first.format());
                assertEquals(0, first.lines());
                assertEquals("plain", read.codec());
                assertEquals(log.length, read.bytes());
                assertEquals(sha256(log), read.sha256(), "a member's SHA-256 is of its bytes as extracted");
            }
        }
    }

    @Test
    void evidenceCitesTheMembersOwnLinesAndOffsets() throws IOException {
        Path zip = write("cite.zip", Compressed.zip(Compressed.entries("W3SVC1/ex010719.log", log)));
        List<Evidence> inZip = Runs.analyze(zip).evidence();
        List<Evidence> inPlain = Runs.analyze(plain).evidence();
        assertEquals(inPlain.size(), inZip.size());
        for (int i = 0; i < inPlain.size(); i++) {
            assertEquals(zip + "!W3SVC1/ex010719.log", inZip.get(i).input());
            assertEquals(inPlain.get(i).line(), inZip.get(i).line());
            assertEquals(inPlain.get(i).offset(), inZip.get(i).offset());
            assertEquals(inPlain.get(i).raw(), inZip.get(i).raw());
        }
    }

    @Test
    void membersAreInputsInArchiveOrderEachWithItsOwnAccounting() throws IOException {
        byte[] other = Files.readAllBytes(Corpus.realFile("apache-combined-darwinsys-2001aug.log"));
        byte[] tar = Compressed.tar(Compressed.entries(
                "W3SVC1/", null,
                "W3SVC1/ex010719.log", log,
                "W3SVC1/empty.log", null,
                "W3SVC2/access_log.2.gz", Codec.GZIP.encode(other), // a compressed member is decompressed
                "README.txt", "Logs of two servers, July 2001.\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        Path file = write("servers.tar.xz", Codec.XZ.encode(tar));
        RunResult run = Analyzer.run(Runs.options(List.of(file.toString())));
        List<String> names = run.inputs().stream().map(InputResult::name).toList();
        String a = file.toString();
        assertEquals(List.of(a, a + "!W3SVC1/ex010719.log", a + "!W3SVC2/access_log.2.gz", a + "!README.txt"), names,
                "directories and empty members are skipped");
        InputResult gz = run.inputs().get(2);
        assertEquals("gzip", gz.codec());
        assertEquals(2, gz.aggregate().totals().lines());
        assertEquals(2, gz.aggregate().totals().codeRed());
        assertEquals(sha256(Codec.GZIP.encode(other)), gz.sha256(), "the member as stored in the archive, before gunzip");
        assertNotNull(run.inputs().get(3).ignoredBecause(), "a member that is not a log is ignored, as in a folder");
        for (InputResult r : run.inputs()) {
            var t = r.aggregate().totals();
            assertEquals(t.lines(), t.records() + t.rejected() + t.skipped(), r.name());
        }
        assertFalse(run.incomplete());
        assertEquals(LINES + 2, run.merged().totals().lines());
    }

    @Test
    void resultsAndEvidenceKeepInputThenMemberOrder() throws IOException {
        Path zip = write("order/a.zip", Compressed.zip(Compressed.entries("one.log", log, "two.log", log)));
        Path after = write("order/b.log", log);
        RunResult run = Analyzer.run(Runs.options(List.of(zip.toString(), after.toString())));
        List<Long> indexes = run.inputs().stream().map(InputResult::index).toList();
        assertEquals(List.of(0L, 1L, 2L, 1L << 32), indexes);
        // Each source's evidence: the same time in three inputs, cited in input-then-member order.
        for (var s : run.merged().sources().values()) {
            List<String> inputs = s.evidenceLines().stream().filter(e -> e.epochSecond() == s.firstSeen()).map(Evidence::input).toList();
            assertEquals(List.of(zip + "!one.log", zip + "!two.log", after.toString()), inputs.subList(0, 3));
        }
    }

    /** name, the damaged file, the name of the result that must say how far it was read. */
    static Stream<Arguments> cutInHalf() {
        byte[] tar = Compressed.tar(Compressed.entries("access.log", log));
        byte[] zip = Compressed.zip(Compressed.entries("access.log", log));
        List<Arguments> all = new ArrayList<>();
        for (Codec c : Codec.values()) all.add(Arguments.of("access.log" + c.suffix, half(c.encode(log)), ""));
        all.add(Arguments.of("logs.zip", half(zip), "!access.log"));
        all.add(Arguments.of("logs.tar", half(tar), "!access.log"));
        all.add(Arguments.of("logs.tar.gz", half(Codec.GZIP.encode(tar)), "!access.log"));
        all.add(Arguments.of("logs.tar.zst", half(Codec.ZSTD.encode(tar)), "!access.log"));
        return all.stream();
    }

    private static byte[] half(byte[] b) {
        return Arrays.copyOf(b, b.length / 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cutInHalf")
    void aCutInputSaysHowFarItWasReadAndTheRunExitsWith1(String name, byte[] data, String member) throws IOException {
        Path file = write("cut/" + name, data);
        RunResult run = Analyzer.run(Runs.options(List.of(file.toString())));
        assertTrue(run.incomplete());
        InputResult damaged = run.inputs().stream().filter(r -> r.name().equals(file + member)).findFirst().orElseThrow();
        long lines = damaged.aggregate().totals().lines();
        assertEquals(1, damaged.errors().size(), damaged.errors().toString());
        String error = damaged.errors().get(0);
        assertTrue(error.startsWith("read stopped after " + lines + " lines ("), error);
        assertTrue(error.matches(".*\\(\\d+ bytes.*"), error);
        assertNull(damaged.sha256(), "no digest of a file that was not read to its end");
        var t = damaged.aggregate().totals();
        assertEquals(t.lines(), t.records() + t.rejected() + t.skipped());
        // Lines before the cut are counted, none is invented: the counted lines are a prefix of the log.
        assertTrue(lines <= LINES - 100, "counted " + lines + " lines of a log cut in half");
        if (!member.isEmpty()) {
            InputResult archive = run.inputs().get(0);
            assertEquals(1, archive.errors().size());
            assertTrue(archive.errors().get(0).startsWith("read stopped in member access.log with 1 member, " + lines + " lines read ("),
                    archive.errors().get(0));
        }
        // The command line: exit status 1, never a stack trace.
        Path out = dir.resolve("out-" + name);
        assertEquals(1, Main.run("analyze", "--no-progress", "-o", out.toString(), file.toString()));
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("read stopped"), summary);
        // One byte per read finds the same damage.
        ReportModel slow = Runs.analyzeOneByteAtATime(file);
        assertFalse(slow.errors().isEmpty());
        assertTrue(slow.totals().lines() <= LINES - 100);
    }

    @Test
    void theLinesBeforeACutAreCounted() throws IOException {
        // A tar cut in half: every whole line of the member before the cut is counted.
        byte[] tar = Compressed.tar(Compressed.entries("access.log", log));
        Path file = write("cut/prefix.tar", half(tar));
        RunResult run = Analyzer.run(Runs.options(List.of(file.toString())));
        InputResult member = run.inputs().get(1);
        long expected = 0;
        for (int i = 0; i < tar.length / 2 - 512; i++) if (log[i] == '\n') expected++;
        assertEquals(expected, member.aggregate().totals().lines());
    }

    @Test
    void aDamagedMemberInsideAnIntactArchiveDoesNotStopTheNextMember() throws IOException {
        byte[] gz = Codec.GZIP.encode(log);
        Path file = write("partial.tar", Compressed.tar(Compressed.entries(
                "access_log.1.gz", Arrays.copyOf(gz, gz.length / 2), "access_log", log)));
        RunResult run = Analyzer.run(Runs.options(List.of(file.toString())));
        assertEquals(3, run.inputs().size());
        assertTrue(run.inputs().get(0).errors().isEmpty(), "the tar itself is whole");
        assertTrue(run.inputs().get(1).errors().get(0).startsWith("read stopped after "), run.inputs().get(1).errors().toString());
        assertEquals(LINES, run.inputs().get(2).aggregate().totals().lines());
        assertTrue(run.incomplete());
    }

    @Test
    void aTarCutBetweenMembersIsAnErrorOfTheArchive() throws IOException {
        byte[] tar = Compressed.tar(Compressed.entries("a.log", log, "b.log", log));
        int firstEnds = 512 + (log.length + 511) / 512 * 512;
        Path file = write("boundary.tar", Arrays.copyOf(tar, firstEnds));
        RunResult run = Analyzer.run(Runs.options(List.of(file.toString())));
        assertEquals(2, run.inputs().size());
        assertEquals(LINES, run.inputs().get(1).aggregate().totals().lines());
        assertTrue(run.inputs().get(1).errors().isEmpty());
        String error = run.inputs().get(0).errors().get(0);
        assertTrue(error.startsWith("read stopped after member a.log with 1 member, " + LINES + " lines read (" + firstEnds + " bytes as stored)"), error);
        assertTrue(error.contains("end-of-archive"), error);
        assertTrue(run.incomplete());
    }

    @Test
    void anArchiveInsideAnArchiveIsAnErrorAndTheOtherMembersAreRead() throws IOException {
        byte[] inner = Compressed.zip(Compressed.entries("inner.log", log));
        Path file = write("nested.zip", Compressed.zip(Compressed.entries(
                "inner.zip", inner, "logs.tar.gz", Codec.GZIP.encode(Compressed.tar(Compressed.entries("x.log", log))), "access.log", log)));
        RunResult run = Analyzer.run(Runs.options(List.of(file.toString())));
        assertEquals(List.of(file.toString(), file + "!inner.zip", file + "!logs.tar.gz", file + "!access.log"),
                run.inputs().stream().map(InputResult::name).toList());
        for (int i = 1; i <= 2; i++) {
            InputResult nested = run.inputs().get(i);
            assertEquals(List.of("an archive inside an archive is not read"), nested.errors());
            assertEquals("archive", nested.format());
            assertEquals(0, nested.aggregate().totals().lines());
            assertNotNull(nested.sha256());
        }
        assertEquals("zip", run.inputs().get(1).codec());
        assertEquals("tar+gzip", run.inputs().get(2).codec());
        assertEquals(CODE_RED_II, run.merged().totals().codeRedII(), "access.log is still read");
        assertTrue(run.incomplete());
        assertEquals(1, Main.run("analyze", "--no-progress", "-o", dir.resolve("out-nested").toString(), file.toString()));
    }
}
