package org.wormsign.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.detect.Classifier;
import org.wormsign.format.LinePlan;
import org.wormsign.format.LogRecord;
import org.wormsign.format.apache.ApacheLogFormat;

/**
 * Evidence left in a plain file is read into the spill when the snapshot is made, batch by batch in offset
 * order and cut among threads: every line comes back as it was, whichever batch and thread it fell to, CRLF
 * and long lines included.
 */
class LinesLeftInFilesTest {
    @TempDir Path dir;

    @Test
    void everyLineComesBackAcrossBatches() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder log = new StringBuilder();
        Map<Long, String> byOffset = new HashMap<>();
        long offset = 0;
        for (int i = 0; i < 400; i++) {
            String line = String.format(Locale.ROOT, "10.0.%d.%d - - [19/Jul/2001:%02d:%02d:00 +0000] \"GET /default.ida?%s HTTP/1.0\" 404 - \"-\" \"%s\"",
                    r.nextInt(4), r.nextInt(40), r.nextInt(24), r.nextInt(60), "N".repeat(224), i % 50 == 0 ? "A".repeat(3000) : "agent " + i);
            byOffset.put(offset, line);
            String ending = i % 3 == 0 ? "\r\n" : "\n";
            log.append(line).append(ending);
            offset += line.length() + ending.length();
        }
        Path file = dir.resolve("access_log");
        Files.writeString(file, log, StandardCharsets.ISO_8859_1);

        TextBudget budget = new TextBudget(0);
        Aggregator a = new Aggregator(0, file.toString());
        a.rereadableFrom(budget);
        LinePlan.Parser parser = ApacheLogFormat.compile("combined").newParser();
        LogRecord rec = new LogRecord();
        byte[] all = Files.readAllBytes(file);
        int start = 0;
        long number = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] != '\n') continue;
            int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
            number++;
            assertEquals(LinePlan.RECORD, parser.parse(all, start, end, rec));
            a.record(rec, Classifier.classify(rec), number, start);
            start = i + 1;
        }
        List<SourceSummary> sources = new ArrayList<>(a.aggregate().sources().values());
        assertTrue(sources.stream().flatMap(s -> s.evidenceLines().stream()).allMatch(e -> e.raw() == null && e.spillAt() < 0), "all left in the file");

        // Batches of 50 read by 3 threads, 10 lines each at least: several batches, each cut among threads.
        LinesLeftInFiles.gather(sources, EvidenceText.of(budget), 50, 3, 10);
        ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);
        int lines = 0;
        for (SourceSummary s : sources) {
            for (Evidence e : s.evidenceLines()) {
                String line = byOffset.get(e.offset());
                byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
                assertEquals(RawText.of(b, 0, b.length), budget.spill().get(e.spillAt(), scratch), "line at " + e.offset());
                lines++;
            }
        }
        assertTrue(lines > 50 * 4, "many batches: " + lines);
        budget.spill().close();
    }
}
