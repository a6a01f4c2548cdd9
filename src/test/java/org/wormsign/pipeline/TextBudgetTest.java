package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.report.CsvOutputs;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Corpus;

/**
 * Evidence text left in its file (no budget at all) is read back exactly as it would have been kept:
 * evidence.csv is byte for byte the same, for plain files with CRLF lines, long lines and raw bytes.
 */
class TextBudgetTest {
    private static String evidence(String path, long budget, int threads) throws IOException {
        AnalyzeOptions o = new AnalyzeOptions(List.of(path), Path.of("unused"), null, threads, 1 << 20, null, List.of(),
                new TextBudget(budget));
        ReportModel m = ReportModel.of(Analyzer.run(o).snapshot(), "test");
        StringWriter w = new StringWriter();
        CsvOutputs.writeEvidence(m, w);
        return w.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"real", "golden", "sample-logs"})
    void linesReadBackEqualLinesKept(String which) throws IOException {
        String path = switch (which) {
            case "real" -> Corpus.real().toString();
            case "golden" -> "src/test/resources/golden";
            default -> "sample-logs";
        };
        String kept = evidence(path, Long.MAX_VALUE, 2);
        String readBack = evidence(path, 0, 2);
        assertTrue(kept.lines().count() > 10);
        assertEquals(kept, readBack);
    }
}
