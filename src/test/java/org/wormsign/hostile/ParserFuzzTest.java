package org.wormsign.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.RawText;
import org.wormsign.detect.Classifier;
import org.wormsign.format.FormatSniffer;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LineParser;
import org.wormsign.format.LogRecord;
import org.wormsign.format.Reject;

/**
 * Every format's parser and the sniffer, over mutated and random lines: nothing is thrown, every line gets
 * one answer (a record, skipped, or a reject with a reason), and a record's fields lie inside its bytes.
 */
class ParserFuzzTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.hostile.FormatCase#all")
    void everyLineGetsOneAnswerAndNothingIsThrown(FormatCase f) {
        Fuzz.theory().forAll(lists().of(Fuzz.line(f)).ofSizeBetween(1, 30), integers().between(0, 64))
                .checkAssert((lines, pad) -> {
                    // One parser for the whole list, as for one input: W3C directives change what follows.
                    LineParser parser = f.format().newParser();
                    LogRecord rec = new LogRecord();
                    for (byte[] line : lines) {
                        // The line sits inside a larger buffer, as the line reader hands it out.
                        byte[] buf = new byte[pad + line.length + pad];
                        java.util.Arrays.fill(buf, (byte) '"');
                        System.arraycopy(line, 0, buf, pad, line.length);
                        int r = parser.parse(buf, pad, pad + line.length, rec);
                        assertTrue(r == LineParser.RECORD || r == LineParser.SKIPPED || r >= 0 && r < Reject.values().length,
                                "answer " + r + " for " + Fuzz.show(line));
                        if (r == LineParser.RECORD) checkRecord(rec, line);
                    }
                });
    }

    private static void checkRecord(LogRecord rec, byte[] line) {
        byte[] b = rec.bytes();
        for (int[] range : new int[][] {{rec.clientStart(), rec.clientEnd()}, {rec.pathStart(), rec.pathEnd()},
            {rec.queryStart(), rec.queryEnd()}, {rec.methodStart(), rec.methodEnd()}, {rec.targetStart(), rec.targetEnd()}}) {
            if (range[0] < 0) continue;
            assertTrue(range[0] <= range[1] && range[1] <= b.length, "a field outside the line: " + Fuzz.show(line));
        }
        assertTrue(rec.clientStart() >= 0, "a record has a client: " + Fuzz.show(line));
        assertTrue(rec.status() == -1 || rec.status() >= 100 && rec.status() <= 999);
        // What the later stages do with a record must not throw either.
        Classifier.classify(rec);
        RawText.of(b, rec.lineStart(), rec.lineEnd());
        rec.client();
        rec.target();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.hostile.FormatCase#all")
    void theSnifferNeverThrowsAndNeverClaimsMoreThanItSaw(FormatCase f) {
        Fuzz.theory().forAll(Fuzz.log(f), integers().between(0, 1)).checkAssert((log, complete) -> {
            FormatSniffer.Sniffed s = FormatSniffer.sniff(log, log.length, complete == 1, KnownFormats.sniffCandidates(null));
            assertTrue(s.matched() <= s.sampled() && s.matched() <= FormatSniffer.SAMPLE_LINES, s.toString());
            assertEquals(s.format() == null, s.matched() == 0, s.toString());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.hostile.FormatCase#all")
    void unchangedLinesAreRecords(FormatCase f) {
        // The fuzz above is only as good as its seeds: they must be records to begin with.
        LineParser parser = f.format().newParser();
        LogRecord rec = new LogRecord();
        for (String h : f.header()) assertEquals(LineParser.SKIPPED, parser.parse(Fuzz.bytes(h), 0, h.length(), rec), h);
        for (String line : List.of(f.codeRed(), f.codeRedII(), f.clean())) {
            assertEquals(LineParser.RECORD, parser.parse(Fuzz.bytes(line), 0, line.length(), rec), line);
        }
    }
}
