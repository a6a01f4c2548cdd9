package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.report.ReportModel;

/**
 * The evidence text left in plain files, gathered in one forward pass per file and taken in output order, is
 * each line's own text: lines a few bytes apart and a megabyte apart, CRLF endings, a last line without LF, a
 * line longer than a read keeps, bytes that are not UTF-8, several files interleaved by source, a file
 * replaced since it was read (its lines say so, as when read one at a time), and a compressed file's lines,
 * which are in the run's spill.
 */
class OrderedEvidenceTextTest {
    @TempDir Path dir;

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} threads, packed keys {1}, {2} lines a pass")
    @org.junit.jupiter.params.provider.CsvSource({"1, true, 1000000", "3, true, 1000000", "3, false, 1000000", "2, true, 997"})
    void eachTakenTextIsItsLine(int threads, boolean packed, int planLines) throws IOException {
        SplittableRandom r = new SplittableRandom(18);
        Path dense = dir.resolve("dense.log"), sparse = dir.resolve("sparse.log"), replaced = dir.resolve("replaced.log");
        Map<Path, List<byte[]>> lines = new HashMap<>();
        write(dense, lines, r, 4000, 0, "\r\n", false);
        write(sparse, lines, r, 25, 36, "\n", true);
        write(replaced, lines, r, 200, 0, "\n", false);
        Path plainOfZipped = dir.resolve("zipped.log"), zipped = dir.resolve("zipped.log.gz");
        write(plainOfZipped, lines, r, 3000, 0, "\n", false);
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(zipped))) {
            Files.copy(plainOfZipped, out);
        }
        lines.put(zipped, lines.get(plainOfZipped));
        Files.delete(plainOfZipped);
        AnalyzeOptions o = new AnalyzeOptions(List.of(dense.toString(), sparse.toString(), replaced.toString(), zipped.toString()), dir.resolve("out"),
                null, 2, 1 << 20, null, List.of("test"), new TextBudget(0));
        Snapshot snap = Analyzer.run(o).snapshot();
        Files.delete(replaced);
        Files.writeString(replaced, "another file now\n");

        List<SourceSummary> sources = new ArrayList<>();
        for (ReportModel.HostRow h : ReportModel.of(snap, "test").hosts()) sources.add(h.summary());
        int checked = 0, fromReplaced = 0, spilled = 0;
        try (OrderedEvidenceText gathered = OrderedEvidenceText.gather(sources, snap.evidenceText(), dir, 3, null, threads, 100, packed, planLines, 1);
             EvidenceText.Reader one = snap.evidenceText().reader()) {
            for (int i = 0; i < sources.size(); i++) {
                int rank = gathered.firstRank(i);
                for (Evidence e : sources.get(i).evidenceLines()) {
                    assertNull(e.raw(), "budget 0 keeps no text");
                    if (e.spillAt() >= 0) spilled++;
                    String[] got = new String[1];
                    assertTrue(gathered.take(rank++, (b, from, length) -> got[0] = new String(b, from, length, StandardCharsets.UTF_8)));
                    String taken = got[0];
                    assertEquals(one.text(e), taken, "as read one at a time: " + e);
                    if (e.input().equals(replaced.toString())) {
                        assertTrue(taken.startsWith("[line not read back: "), taken);
                        fromReplaced++;
                    } else {
                        byte[] line = lines.get(Path.of(e.input())).get((int) e.line() - 1);
                        assertEquals(RawText.of(line, 0, line.length), taken, "line " + e.line() + " of " + e.input());
                    }
                    checked++;
                }
                assertEquals(gathered.firstRank(i + 1), rank, "ranks follow the sources' lines");
            }
        }
        assertTrue(checked > 1000 && fromReplaced > 0 && spilled > 100, checked + " lines, " + fromReplaced + " of the replaced file, "
                + spilled + " in the spill");
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("wormsign-evidence-")), "the gathered text deleted once closed");
        }
    }

    /**
     * Code Red lines from 60 sources shared by the files, {@code filler} ordinary lines of 30 KB between them
     * (a megabyte apart), one attempt 3,000 bytes long, one with bytes that are not UTF-8, and (if asked) no
     * LF after the last line.
     */
    private static void write(Path file, Map<Path, List<byte[]>> lines, SplittableRandom r, int attempts, int filler,
                              String eol, boolean lastUnterminated) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<byte[]> text = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            for (int f = 0; f < filler; f++) add(out, text, ("10.9.9.9 - - [01/Aug/2001:00:00:00 +0000] \"GET /" + "x".repeat(30_000)
                    + " HTTP/1.0\" 200 5").getBytes(StandardCharsets.US_ASCII), eol);
            String padding = i == attempts / 2 ? "N".repeat(3000) : "N".repeat(224);
            byte[] line = String.format(Locale.ROOT, "10.0.0.%d - - [%02d/Aug/2001:%02d:%02d:%02d +0000] \"GET /default.ida?%s HTTP/1.0\" 400 226",
                    r.nextInt(60), 1 + i * 28 / attempts, r.nextInt(24), r.nextInt(60), r.nextInt(60), padding).getBytes(StandardCharsets.ISO_8859_1);
            if (i == attempts / 3) line[line.length - 5] = (byte) 0xff;
            add(out, text, line, lastUnterminated && i == attempts - 1 ? "" : eol);
        }
        Files.write(file, out.toByteArray());
        lines.put(file, text);
    }

    private static void add(ByteArrayOutputStream out, List<byte[]> text, byte[] line, String eol) {
        out.writeBytes(line);
        out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));
        text.add(line);
    }

    @org.junit.jupiter.api.Test
    void sortByKeyKeepsEachValueWithItsKey() {
        SplittableRandom r = new SplittableRandom(18);
        for (int round = 0; round < 50; round++) {
            int n = r.nextInt(5000);
            long[] keys = new long[n + 7];
            int[] values = new int[n + 7];
            for (int i = 0; i < n; i++) {
                keys[i] = switch (r.nextInt(4)) {
                    case 0 -> -1;
                    case 1 -> r.nextLong(1L << 20);
                    default -> (long) r.nextInt(1 << 16) << 47 | r.nextLong(1L << 47);
                };
                values[i] = i;
            }
            long[] original = keys.clone();
            long[] expected = java.util.Arrays.copyOf(keys, n);
            java.util.Arrays.sort(expected);
            RadixSort.sortByKey(keys, values, n);
            assertTrue(java.util.Arrays.equals(expected, java.util.Arrays.copyOf(keys, n)), "round " + round + ": keys in order");
            for (int i = 0; i < n; i++) assertEquals(original[values[i]], keys[i], "round " + round + ": value with its key");
        }
    }
}
