package org.wormsign.hostile;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.pipeline.Analyzer;
import org.wormsign.pipeline.RunResult;
import org.wormsign.testing.Corpus;

/**
 * Issue 8, part 3: {@code lines = records + rejected + skipped} for every input of every format: the
 * hand-made cases of each format (their hostile variants are in HostileInputTest and the fuzz properties),
 * the sample logs and the real logs of 2001–2005.
 */
class AccountingTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wormsign.hostile.FormatCase#all")
    void everyFormatCountsEveryLineOnce(FormatCase f) {
        String log = f.log() + "\n   \n" + f.codeRed().substring(0, 30) + "\n\u0000\u0001\n" + "garbage\n";
        RunResult run = Hostile.run(f.name() + ".log", Fuzz.bytes(log), f.format());
        Hostile.assertAccounting(run);
        var t = run.merged().totals();
        assertTrue(t.records() == 3 && t.rejected() == 3 && t.skipped() == f.header().size() + 2, f + ": " + t.records() + " "
                + t.rejected() + " " + t.skipped());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample-logs", "corpus"})
    void everyInputOfTheSampleAndRealLogs(String which) {
        String path = which.equals("corpus") ? Corpus.real().toString() : which;
        RunResult run = Analyzer.run(org.wormsign.testing.Runs.options(List.of(path)));
        assertTrue(run.inputs().size() >= 2);
        Hostile.assertAccounting(run);
    }
}
