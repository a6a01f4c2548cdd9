package org.wormsign.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.TextBudget;
import org.wormsign.pipeline.AnalyzeOptions;
import org.wormsign.pipeline.Analyzer;

/**
 * The outputs are the same bytes however many threads write them: hosts.csv and evidence.csv are formatted
 * in blocks on a pool when they are long. The log here has enough sources for many blocks, lines with
 * multi-byte UTF-8, a four-byte character, raw bytes and formula-like text, and its evidence is read back
 * from the file (no text budget), so every block reads lines back on its own.
 */
class ParallelOutputsTest {
    private static final String TAIL = "%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801%u9090%u6858%ucbd3%u7801"
            + "%u9090%u9090%u8190%u00c3%u0003%u8b00%u531b%u53ff%u0078%u0000%u00=a";
    private static final int SOURCES = 3 * BlockedRows.BLOCK + 517;

    @TempDir static Path dir;
    static ReportModel model;

    @BeforeAll
    static void analyze() throws IOException {
        Path log = dir.resolve("access_log");
        SplittableRandom r = new SplittableRandom(7);
        try (var out = Files.newOutputStream(log)) {
            for (int i = 0; i < SOURCES; i++) {
                String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
                int attempts = 1 + r.nextInt(8);
                for (int k = 0; k < attempts; k++) {
                    int day = 1 + r.nextInt(28);
                    String agent = switch (r.nextInt(5)) {
                        case 0 -> "Müller-Brösel/1.0 ✓";
                        case 1 -> "=HYPERLINK(\"x\") \uD83D\uDC1B";
                        case 2 -> "ctl\u0001\u001b[31m";
                        default -> "-";
                    };
                    String line = String.format(Locale.ROOT, "%s - - [%02d/Aug/2001:%02d:%02d:%02d +0000] \"GET /default.ida?%s%s HTTP/1.0\" %d 226 \"-\" \"%s\"\n",
                            ip, day, r.nextInt(24), r.nextInt(60), r.nextInt(60), (i % 3 == 0 ? "X" : "N").repeat(224), TAIL,
                            r.nextInt(10) == 0 ? 200 : 400, agent);
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    if (r.nextInt(50) == 0) out.write(new byte[] {'1', '.', '2', ' ', (byte) 0xff, 0x1b, '[', '\n'});
                }
            }
        }
        AnalyzeOptions o = new AnalyzeOptions(List.of(log.toString()), dir, null, 2, 1 << 20, null, List.of("test"), new TextBudget(0));
        model = ReportModel.of(Analyzer.run(o).snapshot(), "test");
    }

    @Test
    void enoughRowsForManyBlocks() {
        assertEquals(SOURCES, model.hosts().size());
        assertTrue(model.evidence().size() > 3 * BlockedRows.BLOCK);
        assertTrue(model.evidence().stream().allMatch(e -> e.raw() == null), "evidence is read back from the file");
    }

    @Test
    void sameBytesOnOneThreadAndOnMany() throws IOException {
        Path one = dir.resolve("one"), many = dir.resolve("many");
        ReportWriter.writeAll(model, one, 1);
        ReportWriter.writeAll(model, many, 3);
        for (String name : ReportWriter.FILES) {
            assertArrayEquals(Files.readAllBytes(one.resolve(name)), Files.readAllBytes(many.resolve(name)), name);
        }
    }

    @Test
    void fileBytesAreTheTextInUtf8() throws IOException {
        Path out = dir.resolve("utf8");
        ReportWriter.writeAll(model, out, 2);
        StringBuilderWriter text = new StringBuilderWriter();
        CsvOutputs.writeEvidence(model, text);
        String csv = Files.readString(out.resolve(ReportWriter.EVIDENCE), StandardCharsets.UTF_8);
        assertEquals(text.sb.toString(), csv);
        assertTrue(csv.contains("Müller-Brösel/1.0 ✓"));
        assertTrue(csv.contains("\uD83D\uDC1B"));
        assertTrue(csv.contains("ctl\\x01\\x1b[31m"));
    }

    /** The plain JDK way, to compare with. */
    private static final class StringBuilderWriter extends Writer {
        final StringBuilder sb = new StringBuilder();

        @Override public void write(char[] c, int off, int len) {
            sb.append(c, off, len);
        }

        @Override public void flush() {}

        @Override public void close() {}
    }
}
