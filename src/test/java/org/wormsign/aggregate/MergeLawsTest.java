package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.wormsign.detect.Classifier;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.pipeline.InputResult;
import org.wormsign.pipeline.RunResult;
import org.wormsign.report.CsvOutputs;
import org.wormsign.report.ReportModel;
import org.wormsign.report.SummaryJson;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;

/**
 * The laws that let per-thread, per-file and per-chunk results combine: identity, associativity,
 * commutativity, and "split anywhere, then merge" equals the single pass.
 */
class MergeLawsTest {
    private static final List<byte[]> LINES = new ArrayList<>();

    @BeforeAll
    static void loadLines() throws IOException {
        // Real lines with Code Red II, Nimda and oddities, then sample lines with Code Red I, junk and rejects.
        for (Path p : List.of(Corpus.realFile("apache-combined-honeynet-rh71-2004jul.log"),
                Corpus.realFile("apache-combined-darwinsys-2001aug.log"), Path.of("sample-logs/hand-made/access_log"))) {
            byte[] all = Files.readAllBytes(p);
            int s = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    LINES.add(java.util.Arrays.copyOfRange(all, s, i));
                    s = i + 1;
                }
            }
        }
        assertTrue(LINES.size() > 1500);
        // Cut Code Red lines among them, rejects that are salvaged: more than are kept of an input, some with no
        // address or time, so that a split anywhere tests the salvaged counts and which lines are kept.
        for (int i = 0; i < SalvagedAttempts.PER_INPUT + 60; i++) {
            String pad = (i % 3 == 0 ? "X" : "N").repeat(64 + i);
            String cut = i % 7 == 0 ? "\"GET /default.ida?" + pad
                    : "10.5." + i % 4 + "." + i + " - - [19/Jul/2001:1" + i % 10 + ":00:00 +0000] \"GET /default.ida?" + pad;
            LINES.add(i * 10 + 3, cut.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Folds lines [from, to) into an aggregate, as one input scan would. */
    private static Aggregate fold(int from, int to) {
        Aggregator a = new Aggregator(0, "in.log");
        LinePlan.Parser parser = ApacheLogFormat.compile("combined").newParser();
        LogRecord rec = new LogRecord();
        for (int i = from; i < to; i++) {
            byte[] line = LINES.get(i);
            if (line.length == 0) { a.skipped(); continue; }
            int r = parser.parse(line, 0, line.length, rec);
            if (r == LinePlan.RECORD) a.record(rec, Classifier.classify(rec), i + 1, i * 100L);
            else a.rejected(Reject.ofOrdinal(r), line, 0, line.length, line.length, i + 1, i * 100L);
        }
        return a.aggregate();
    }

    /**
     * The same lines, every third one read as a log whose format records no time (the bracketed time is read
     * as a header, {@code %{Date}i}): one aggregate then holds attempts with and without times.
     */
    private static Aggregate foldSomeWithoutTime(int from, int to) {
        Aggregator a = new Aggregator(0, "in.log");
        LinePlan.Parser timed = ApacheLogFormat.compile("combined").newParser();
        LinePlan.Parser untimed = ApacheLogFormat.compile("%h %l %u [%{Date}i] \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"").newParser();
        LogRecord rec = new LogRecord();
        for (int i = from; i < to; i++) {
            byte[] line = LINES.get(i);
            if (line.length == 0) { a.skipped(); continue; }
            int r = (i % 3 == 0 ? untimed : timed).parse(line, 0, line.length, rec);
            if (r == LinePlan.RECORD) a.record(rec, Classifier.classify(rec), i + 1, i * 100L);
            else a.rejected(Reject.ofOrdinal(r), line, 0, line.length, line.length, i + 1, i * 100L);
        }
        return a.aggregate();
    }

    private static Aggregate merged(Aggregate... parts) {
        Aggregate m = new Aggregate();
        for (Aggregate p : parts) m.merge(p);
        return m;
    }

    /** Everything an aggregate shows the world, as text: what two equal aggregates must agree on. */
    static String canonical(Aggregate a) {
        InputResult in = new InputResult(0, "in.log", 0, "x", "plain", "apache-combined", null, a, List.of(), null);
        RunResult run = new RunResult(Runs.options(List.of("in.log")), Instant.EPOCH, Instant.EPOCH, List.of(in), List.of(), a);
        ReportModel m = ReportModel.of(run.snapshot(), "test");
        StringWriter w = new StringWriter();
        try {
            CsvOutputs.writeHosts(m, w);
            CsvOutputs.writeEvidence(m, w);
            CsvOutputs.writeRejects(m, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w + SummaryJson.tree(m).toString();
    }

    @Test
    void identityChangesNothing() {
        Aggregate a = fold(0, LINES.size());
        String expected = canonical(a);
        assertEquals(expected, canonical(merged(a, new Aggregate())));
        assertEquals(expected, canonical(merged(new Aggregate(), fold(0, LINES.size()))));
        assertEquals(canonical(new Aggregate()), canonical(merged(new Aggregate(), new Aggregate())));
    }

    @RepeatedTest(5)
    void splittingAnywhereThenMergingEqualsOnePass(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int n = LINES.size();
        int cut1 = random.nextInt(n), cut2 = cut1 + random.nextInt(n - cut1);
        String single = canonical(fold(0, n));
        String threeWays = canonical(merged(fold(0, cut1), fold(cut1, cut2), fold(cut2, n)));
        assertEquals(single, threeWays, "cut at " + cut1 + " and " + cut2);
    }

    @Test
    void groupingAndOrderDoNotMatter() {
        int n = LINES.size();
        Aggregate whole = fold(0, n);
        String expected = canonical(whole);
        // (a + b) + c
        Aggregate left = merged(merged(fold(0, n / 3), fold(n / 3, 2 * n / 3)), fold(2 * n / 3, n));
        // a + (b + c)
        Aggregate right = merged(fold(0, n / 3), merged(fold(n / 3, 2 * n / 3), fold(2 * n / 3, n)));
        // c + b + a
        Aggregate reversed = merged(fold(2 * n / 3, n), fold(n / 3, 2 * n / 3), fold(0, n / 3));
        assertEquals(expected, canonical(left));
        assertEquals(expected, canonical(right));
        assertEquals(expected, canonical(reversed));
    }

    @Test
    void attemptsWithoutATimeObeyTheLaws() {
        int n = LINES.size();
        Aggregate whole = foldSomeWithoutTime(0, n);
        assertTrue(whole.totals().attemptsWithoutTime() > 0 && whole.totals().attemptsWithoutTime() < whole.totals().codeRed() + whole.totals().codeRedII(),
                "a mix: " + whole.totals().attemptsWithoutTime());
        String expected = canonical(whole);
        assertEquals(expected, canonical(merged(foldSomeWithoutTime(0, n), new Aggregate())));
        Random random = new Random(16);
        for (int round = 0; round < 5; round++) {
            int cut1 = random.nextInt(n), cut2 = cut1 + random.nextInt(n - cut1);
            assertEquals(expected, canonical(merged(foldSomeWithoutTime(0, cut1), foldSomeWithoutTime(cut1, cut2), foldSomeWithoutTime(cut2, n))),
                    "cut at " + cut1 + " and " + cut2);
            assertEquals(expected, canonical(merged(foldSomeWithoutTime(cut2, n), foldSomeWithoutTime(0, cut1), foldSomeWithoutTime(cut1, cut2))));
        }
    }

    @Test
    void canonicalFormSeesADifference() {
        // The laws above are only as strong as the comparison: dropping one line must show.
        assertNotEquals(canonical(fold(0, LINES.size())), canonical(fold(1, LINES.size())));
    }

    @Test
    void evidenceStaysBoundedAndKeepsFirstAndLast() {
        SourceSummary s = new SourceSummary("10.0.0.1");
        EvidenceSample ev = s.evidence();
        for (int i = 0; i < 1000; i++) {
            ev.add(new Evidence("10.0.0.1", 1000 + i, "code-red", 404, 0, "in", i + 1, i, "raw" + i, i % 10 == 7));
        }
        List<Evidence> kept = s.evidenceLines();
        assertTrue(kept.size() <= EvidenceSample.FIRST + EvidenceSample.UNUSUAL + 1, "bounded: " + kept.size());
        assertEquals(1, kept.get(0).line());
        assertEquals(1000, kept.get(kept.size() - 1).line());
        assertEquals(EvidenceSample.UNUSUAL, kept.stream().filter(Evidence::unusual).count());
    }
}
