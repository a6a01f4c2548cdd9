package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.detect.Classifier;
import org.wormsign.input.Input;

/**
 * Chunked W3C reading gives what one pass gives where the directives in force change in ways that matter:
 * a #Fields without a date column after the #Date changed, and an unreadable #Date (the parser keeps the
 * day before it). Both were wrong in an earlier version of the chunk bookkeeping (found in review). And a
 * #Fields met in an earlier chunk only, by which a later chunk's lines that do not fit the #Fields in force
 * are realigned.
 */
class ChunkDirectivesTest {
    @TempDir Path tmp;
    private static final String CRQ = "N".repeat(224) + Classifier.TAIL;

    interface Body { void write(BufferedWriter w, int block) throws IOException; }

    private InputResult compare(String name, int blocks, Body body, String header) throws IOException {
        Path log = tmp.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.ISO_8859_1)) {
            w.write(header);
            for (int b = 0; b < blocks; b++) body.write(w, b);
        }
        Input input = Input.file(log.toString(), log, true);
        AnalyzeOptions seq = new AnalyzeOptions(List.of(log.toString()), tmp, null, 1, 1 << 20, null, List.of());
        AnalyzeOptions par = new AnalyzeOptions(List.of(log.toString()), tmp, null, 2, 1 << 20, null, List.of());
        InputResult one = InputScan.scan(0, input, seq).get(0);
        long minChunk = Files.size(log) / 2;
        InputResult chunked = ChunkedScan.scan(0, input, par, Progress.NONE, minChunk);
        assertNotNull(chunked);
        var a = one.aggregate().totals(); var c = chunked.aggregate().totals();
        assertEquals(days(one), days(chunked), name + ": days");
        assertEquals(a.rejected(), c.rejected(), name + ": rejected");
        assertEquals(a.records(), c.records(), name + ": records");
        assertEquals(a.realigned(), c.realigned(), name + ": realigned");
        assertEquals(a.codeRed(), c.codeRed(), name + ": Code Red");
        return one;
    }

    private static String days(InputResult r) {
        StringBuilder b = new StringBuilder();
        r.aggregate().daily().forEach((d, c) -> b.append(java.time.LocalDate.ofEpochDay(d)).append('=').append(c[0]).append(' '));
        return b.toString();
    }

    private static void lines(BufferedWriter w, int n, boolean dateCol, String date) throws IOException {
        for (int i = 0; i < n; i++) {
            String time = String.format("%02d:%02d:%02d", i / 3600 % 24, i / 60 % 60, i % 60);
            w.write((dateCol ? date + " " : "") + time + " 24.1.2." + (i % 250) + " GET /default.ida " + CRQ + " 404\r\n");
        }
    }

    /** #Fields without a date column arrives in the 2nd chunk with no #Date; the 1st chunk changed the #Date. */
    @Test void fieldsChangeWithoutDate() throws IOException {
        compare("a.log", 2, (w, b) -> {
            if (b == 0) {
                lines(w, 100, true, "2001-07-19");
                w.write("#Date: 2001-07-20 00:00:00\r\n");
                lines(w, 5900, true, "2001-07-20");
            } else {
                lines(w, 3000, true, "2001-07-20");
                w.write("#Fields: time c-ip cs-method cs-uri-stem cs-uri-query sc-status\r\n");
                lines(w, 3000, false, null);
            }
        }, "#Software: IIS\r\n#Date: 2001-07-19 00:00:00\r\n#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status\r\n");
    }

    /**
     * The 1st chunk switches to a #Fields with time-taken before sc-status and back; the 2nd holds lines of that
     * shape among the others. Only the #Fields of the 1st chunk reads them (set aside at the end, the status would
     * be the time taken): the 2nd chunk, begun with the head's directives, must be read again with it.
     */
    @Test void layoutFromAnEarlierChunk() throws IOException {
        String plain = "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status\r\n";
        InputResult one = compare("c.log", 2, (w, b) -> {
            if (b == 0) {
                lines(w, 3000, true, "2001-07-19");
                w.write("#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query time-taken sc-status\r\n");
                timed(w, 50);
                w.write(plain);
                lines(w, 2900, true, "2001-07-19");
            } else {
                for (int i = 0; i < 60; i++) {
                    lines(w, 50, true, "2001-07-19");
                    timed(w, 1);
                }
            }
        }, "#Software: IIS\r\n#Date: 2001-07-19 00:00:00\r\n" + plain);
        assertEquals(60, one.aggregate().totals().realigned(), "the 2nd chunk's lines of the earlier shape, read as one pass reads them");
        assertEquals(3000 + 50 + 2900 + 3000 + 60, one.aggregate().totals().codeRed());
    }

    /** The head itself names both layouts (the wider first): every chunk is begun with both. */
    @Test void layoutFromTheHead() throws IOException {
        InputResult one = compare("d.log", 2, (w, b) -> {
            for (int i = 0; i < 60; i++) {
                lines(w, 50, true, "2001-07-19");
                timed(w, 1);
            }
        }, "#Software: IIS\r\n#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query time-taken sc-status\r\n"
                + "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status\r\n");
        assertEquals(120, one.aggregate().totals().realigned());
    }

    /** Lines with time-taken (in ms) before the status. */
    private static void timed(BufferedWriter w, int n) throws IOException {
        for (int i = 0; i < n; i++) w.write("2001-07-19 12:00:" + String.format("%02d", i % 60) + " 61.1.2." + (i % 250) + " GET /default.ida " + CRQ + " 15 404\r\n");
    }

    /** An unreadable #Date in the 1st chunk: the parser keeps the one before; the re-read 2nd chunk has none. */
    @Test void invalidDate() throws IOException {
        compare("b.log", 2, (w, b) -> {
            if (b == 0) {
                lines(w, 3000, false, null);
                w.write("#Date: garbage\r\n");
                lines(w, 3000, false, null);
            } else {
                lines(w, 6000, false, null);
            }
        }, "#Software: IIS\r\n#Date: 2001-07-19 00:00:00\r\n#Fields: time c-ip cs-method cs-uri-stem cs-uri-query sc-status\r\n");
    }
}
