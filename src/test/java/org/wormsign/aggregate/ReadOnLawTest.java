package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.input.FileDigest;
import org.wormsign.input.Input;
import org.wormsign.input.InputFinder;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;

/**
 * The law reading on rests on: a log read up to a line end, then read on from there (pipeline.ResumedScan), the
 * part read on made one with the first ({@link Snapshot#withTailsFolded}), holds what one read of the whole log
 * holds ({@link Snapshot#sameContent}), wherever it is cut, for a W3C log (its #Fields carried to the part read on)
 * as for Apache and nginx logs, one thread or several.
 */
class ReadOnLawTest {
    private static Snapshot read(Input input, int threads) {
        AnalyzeOptions o = new AnalyzeOptions(List.of(input.name()), Path.of("unused"), null, threads, 1 << 20, null, List.of("test"),
                new TextBudget(TextBudget.DEFAULT_BYTES));
        return Analyzer.run(o, new InputFinder.Found(List.of(input), List.of())).snapshot();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample-logs/apache-1.3/access_log", "sample-logs/iis-vulnerable/extend1.log", "sample-logs/nginx/access.log",
            "sample-logs/iis-unmapped/extend1.log"})
    void aLogCutAtAnyLineEndThenReadOnHoldsWhatOneReadHolds(String log) throws IOException {
        Path path = Path.of(log);
        byte[] bytes = Files.readAllBytes(path);
        List<Integer> lineEnds = new ArrayList<>();
        for (int i = 0; i < bytes.length - 1; i++) if (bytes[i] == '\n') lineEnds.add(i + 1);
        Random random = new Random(log.hashCode());
        for (int k = 0; k < 6; k++) {
            int threads = 1 + k % 2;
            int cut = lineEnds.get(random.nextInt(lineEnds.size()));
            Snapshot whole = read(Input.file(log, path, true), threads);
            Snapshot head = read(Input.file(log, path, true).upTo(cut), threads);
            Snapshot.Input first = head.inputs().get(0);
            assertEquals(cut, first.bytes());
            Input.Resume from = new Input.Resume(cut, first.lines(), FileDigest.sha256(path, cut), first.format());
            Snapshot tail = read(Input.file(log, path, true).resumed(from, -1), threads);
            assertTrue(tail.inputs().get(0).errors().isEmpty(), tail.inputs().get(0).errors().toString());
            // The two runs are placed by their first input (the same) and then by their start: the first read first.
            Snapshot folded = Snapshot.merge(List.of(head, tail)).withTailsFolded(Map.of(1, 0));
            assertTrue(whole.sameContent(folded), log + " cut at byte " + cut);
            assertEquals(1, folded.inputs().size());
        }
    }
}
