package org.wormsign.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.Aggregate;
import org.wormsign.aggregate.Aggregator;
import org.wormsign.detect.Classifier;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.input.LineReader;
import org.wormsign.input.TextForm;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.InputResult;
import org.wormsign.pipeline.RunResult;
import org.wormsign.report.CsvOutputs;
import org.wormsign.report.ReportModel;
import org.wormsign.report.SummaryJson;
import org.wormsign.testing.OneByteInputStream;

/**
 * Whole inputs of every format through the pipeline: the accounting holds for every input (sniffed or
 * named, read in one piece or one byte per read) and counts every line once; splitting an input anywhere
 * and merging the halves gives the single pass.
 */
class PipelineFuzzTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.hostile.FormatCase#all")
    void everyLineIsCountedOnceAsRecordRejectOrSkipped(FormatCase f) {
        Fuzz.theory(4).forAll(Fuzz.log(f), integers().between(0, 3)).checkAssert((log, how) -> {
            boolean named = (how & 1) == 1, oneByte = (how & 2) == 2;
            Input in = Input.of("fuzz.log", () -> oneByte ? new OneByteInputStream(new ByteArrayInputStream(log)) : new ByteArrayInputStream(log));
            RunResult run = Analyzer.run(Hostile.options(named ? f.format() : null), new InputFinder.Found(List.of(in), List.of()));
            Hostile.assertAccounting(run);
            InputResult r = run.inputs().get(0);
            if (!r.codec().equals("plain") || TextForm.detect(log, Math.min(log.length, 64 * 1024)) != TextForm.PLAIN) return;
            assertEquals(expectedLines(log), r.aggregate().totals().lines(), Fuzz.show(log));
        });
    }

    /** What the line reader must find: one line per LF, and a last one without. */
    private static long expectedLines(byte[] log) {
        long n = 0;
        for (byte b : log) if (b == '\n') n++;
        return log.length > 0 && log[log.length - 1] != '\n' ? n + 1 : n;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.hostile.FormatCase#all")
    void splittingAnInputAnywhereThenMergingEqualsOnePass(FormatCase f) {
        Fuzz.theory(2).forAll(Fuzz.log(f), integers().between(0, 1000)).checkAssert((log, where) -> {
            // A chunk boundary, as a splitter makes one: the first line end at or after any byte.
            int cut = (int) ((long) where * log.length / 1000);
            while (cut < log.length && (cut == 0 || log[cut - 1] != '\n')) cut++;
            String single = canonical(fold(f, log, 0, log.length, 1, List.of()));
            Chunk first = fold(f, log, 0, cut, 1, List.of());
            Chunk second = fold(f, log, cut, log.length, first.nextLine, first.directives);
            Aggregate merged = new Aggregate();
            merged.merge(second.aggregate);
            merged.merge(first.aggregate);
            assertEquals(single, canonical(new Chunk(merged, 0, List.of())), "cut at byte " + cut + " of " + Fuzz.show(log));
        });
    }

    /** One chunk's aggregate, the line number after it, and the W3C directives seen so far (a chunk's parser state). */
    private record Chunk(Aggregate aggregate, long nextLine, List<byte[]> directives) {}

    /**
     * Folds bytes [from, to) of the log as the scan of one input does, line numbers going on from
     * {@code firstLine}, offsets from {@code from}. The parser starts with the directives of the chunks
     * before (W3C {@code #Fields} and {@code #Date} in force): what a splitter hands the next chunk.
     */
    private static Chunk fold(FormatCase f, byte[] log, int from, int to, long firstLine, List<byte[]> before) {
        Aggregator agg = new Aggregator(0, "fuzz.log");
        LineParser parser = f.format().newParser();
        LogRecord rec = new LogRecord();
        for (byte[] d : before) parser.parse(d, 0, d.length, rec);
        List<byte[]> directives = new ArrayList<>(before);
        long[] next = {firstLine};
        LineReader.Sink sink = new LineReader.Sink() {
            @Override public void line(byte[] buf, int start, int end, long lineNumber, long offset) {
                long line = firstLine + lineNumber - 1;
                next[0] = line + 1;
                boolean blank = true;
                for (int p = start; p < end && blank; p++) blank = buf[p] == ' ' || buf[p] == '\t';
                if (blank) {
                    agg.skipped();
                    return;
                }
                if (buf[start] == '#') directives.add(java.util.Arrays.copyOfRange(buf, start, end));
                int r = parser.parse(buf, start, end, rec);
                if (r == LineParser.RECORD) agg.record(rec, Classifier.classify(rec), line, from + offset);
                else if (r == LineParser.SKIPPED) agg.skipped();
                else agg.rejected(Reject.ofOrdinal(r), buf, start, end, end - start, line, from + offset);
            }

            @Override public void tooLong(byte[] buf, int s, int e, long lineNumber, long offset, long length) {
                long line = firstLine + lineNumber - 1;
                next[0] = line + 1;
                agg.rejected(Reject.LINE_TOO_LONG, buf, s, e, length, line, from + offset);
            }
        };
        try {
            new LineReader(new ByteArrayInputStream(log, from, to - from), 1 << 20).readAll(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Chunk(agg.aggregate(), next[0], directives);
    }

    /** Everything the outputs show of an aggregate. */
    private static String canonical(Chunk c) {
        InputResult in = new InputResult(0, "fuzz.log", 0, "x", "plain", "fuzz", null, c.aggregate(), List.of(), null);
        RunResult run = new RunResult(Hostile.options(null), Instant.EPOCH, Instant.EPOCH, List.of(in), List.of(), c.aggregate());
        ReportModel m = ReportModel.of(run.snapshot(), "test");
        StringWriter w = new StringWriter();
        try {
            CsvOutputs.writeHosts(m, w);
            CsvOutputs.writeEvidence(m, w);
            CsvOutputs.writeRejects(m, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String all = w + SummaryJson.tree(m).toString();
        assertTrue(all.length() > 0);
        return all;
    }
}
