package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.aggregate.SalvagedAttempts;
import org.wormsign.detect.Classifier;
import org.wormsign.input.Input;
import org.wormsign.report.CsvOutputs;
import org.wormsign.report.ReportModel;
import org.wormsign.report.SummaryJson;
import org.wormsign.testing.RecordingHook;

/**
 * A file cut into chunks read by several threads gives exactly what one sequential pass gives: counts,
 * hosts, evidence (line numbers and offsets), rejects, SHA-256 — also for W3C, whose chunks must start
 * with the #Fields in force, which here change order mid-file.
 */
class ChunkedScanTest {
    @TempDir Path tmp;

    private static final String CR = "/default.ida?" + "N".repeat(224) + Classifier.TAIL;
    private static final String CR2 = "/default.ida?" + "X".repeat(224) + Classifier.TAIL;

    private Path apacheLog() throws IOException {
        Path p = tmp.resolve("access_log");
        Random r = new Random(7);
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < 40_000; i++) {
                String ip = "10." + r.nextInt(4) + "." + r.nextInt(250) + "." + r.nextInt(250);
                String when = String.format("%02d/Jul/2001:%02d:%02d:%02d -0400", 10 + i / 4000, i / 240 % 24, i / 4 % 60, i % 60);
                int kind = r.nextInt(50);
                String req = kind == 0 ? "GET " + CR + "  HTTP/1.0" : kind == 1 ? "GET " + CR2 + "  HTTP/1.0"
                        : kind == 2 ? "-" : "GET /page" + r.nextInt(100) + ".html HTTP/1.1";
                if (kind == 3) { w.write("junk line " + i + "\n"); continue; }
                // A Code Red line cut inside its padding: a reject, salvaged (more than are kept per input).
                if (kind == 5 || kind == 6) { w.write(ip + " - - [" + when + "] \"GET " + (kind == 5 ? CR : CR2).substring(0, 90) + "\n"); continue; }
                if (kind == 4) { w.write("\n"); continue; }
                w.write(ip + " - - [" + when + "] \"" + req + "\" " + (kind <= 2 ? 400 : 200) + " 300 \"-\" \"Mozilla/4.0\"\n");
            }
        }
        return p;
    }

    /**
     * One header at the top, as IIS writes a log that is not rotated, with no date column: every chunk's
     * lines are dated by the head's #Date, and none needs reading again.
     */
    private Path w3cOneHeaderLog() throws IOException {
        Path p = tmp.resolve("extend1.log");
        Random r = new Random(12);
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.ISO_8859_1)) {
            w.write("\r\n#Software: Microsoft Internet Information Services 5.0\r\n#Version: 1.0\r\n#Date: 2001-07-19 00:00:00\r\n");
            w.write("#Fields: time c-ip cs-method cs-uri-stem cs-uri-query sc-status s-ip\r\n");
            for (int i = 0; i < 30000; i++) {
                String ip = "24." + r.nextInt(3) + "." + r.nextInt(250) + "." + r.nextInt(250);
                String time = String.format("%02d:%02d:%02d", i / 1250, i / 21 % 60, i % 60);
                boolean worm = r.nextInt(40) == 0;
                w.write(time + " " + ip + " GET " + (worm ? "/default.ida " + CR.substring(13) + " 404" : "/index.htm - 200") + " 10.0.0.1\r\n");
            }
        }
        return p;
    }

    private Path w3cLog() throws IOException {
        Path p = tmp.resolve("ex010719.log");
        Random r = new Random(11);
        try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.ISO_8859_1)) {
            w.write("#Software: Microsoft Internet Information Services 5.0\r\n#Version: 1.0\r\n#Date: 2001-07-19 00:00:00\r\n");
            for (int block = 0; block < 8; block++) {
                boolean swapped = block % 2 == 1;
                w.write("#Date: 2001-07-" + (12 + block) + " 00:00:00\r\n");
                w.write(swapped ? "#Fields: time c-ip sc-status cs-method cs-uri-stem cs-uri-query s-ip\r\n"
                        : "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status s-ip\r\n");
                for (int i = 0; i < 4000; i++) {
                    String ip = "24." + r.nextInt(3) + "." + r.nextInt(250) + "." + r.nextInt(250);
                    String time = String.format("%02d:%02d:%02d", i / 180, i / 3 % 60, i % 60);
                    boolean worm = r.nextInt(40) == 0;
                    if (i % 97 == 5) {   // a Code Red line cut inside its query: a reject, salvaged
                        w.write((swapped ? time : "2001-07-" + (12 + block) + " " + time) + " " + ip + " GET /default.ida " + CR2.substring(13, 100) + "\r\n");
                        continue;
                    }
                    String stem = worm ? "/default.ida" : "/index.htm";
                    String query = worm ? CR.substring(13) : "-";
                    String status = worm ? "404" : "200";
                    w.write(swapped ? time + " " + ip + " " + status + " GET " + stem + " " + query + " 10.0.0." + block
                            : "2001-07-" + (12 + block) + " " + time + " " + ip + " GET " + stem + " " + query + " " + status + " 10.0.0." + block);
                    w.write("\r\n");
                }
            }
        }
        return p;
    }

    /**
     * A log behind a junk first line longer than --max-line (issue 15): the chunked read decides its format as
     * the sequential one does, past the junk, and chunk 0 counts the junk line.
     */
    private Path afterJunk(Path log) throws IOException {
        Path p = tmp.resolve("junk-" + log.getFileName());
        byte[] junk = new byte[3 << 20];
        new Random(15).nextBytes(junk);
        for (int i = 0; i < junk.length; i++) if (junk[i] == '\n' || junk[i] == '\r') junk[i] = '~';
        try (var out = Files.newOutputStream(p)) {
            out.write(junk);
            out.write('\n');
            Files.copy(log, out);
        }
        return p;
    }

    private static String everything(ReportModel m) throws IOException {
        StringWriter w = new StringWriter();
        CsvOutputs.writeHosts(m, w);
        CsvOutputs.writeEvidence(m, w);
        CsvOutputs.writeRejects(m, w);
        var tree = SummaryJson.tree(m);
        tree.remove(List.of("started_utc", "finished_utc", "arguments", "version"));
        return w + tree.toString();
    }

    private static ReportModel model(InputResult r, AnalyzeOptions o) {
        RunResult run = new RunResult(o, Instant.EPOCH, Instant.EPOCH, List.of(r), List.of(), r.aggregate());
        return ReportModel.of(run.snapshot(), "test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"apache", "w3c", "w3c-one-header", "apache-after-junk", "w3c-one-header-after-junk"})
    void chunksGiveWhatOnePassGives(String kind) throws IOException {
        Path log = switch (kind) {
            case "apache" -> apacheLog();
            case "w3c" -> w3cLog();
            case "apache-after-junk" -> afterJunk(apacheLog());
            case "w3c-one-header-after-junk" -> afterJunk(w3cOneHeaderLog());
            default -> w3cOneHeaderLog();
        };
        Input input = Input.file(log.toString(), log, true);
        AnalyzeOptions sequential = new AnalyzeOptions(List.of(log.toString()), tmp, null, 1, 1 << 20, null, List.of())
                .withAttemptHooks(RecordingHook::new);
        AnalyzeOptions parallel = new AnalyzeOptions(List.of(log.toString()), tmp, null, 7, 1 << 20, null, List.of())
                .withAttemptHooks(RecordingHook::new);
        InputResult one = InputScan.scan(0, input, sequential).get(0);
        long minChunk = Files.size(log) / 9;
        assertTrue(ChunkedScan.applies(input, parallel, minChunk));
        InputResult chunked = ChunkedScan.scan(0, input, parallel, Progress.NONE, minChunk);
        assertNotNull(chunked, "a plain file is read in chunks");
        assertEquals(one.sha256(), chunked.sha256());
        assertEquals(one.format(), chunked.format());
        assertTrue(one.aggregate().totals().codeRed() > 0);
        if (!kind.startsWith("w3c-one-header")) {
            assertTrue(one.aggregate().totals().codeRedIIInRejects() > SalvagedAttempts.PER_INPUT, "salvaged lines");
        }
        assertEquals(kind.startsWith("apache") ? "apache-combined" : "iis-w3c", one.format());
        assertEquals(kind.endsWith("after-junk") ? 1 : 0, one.aggregate().rejects(org.wormsign.format.Reject.LINE_TOO_LONG));
        assertEquals(everything(model(one, sequential)), everything(model(chunked, parallel)));
        // Each attempt passed a hook once, at its line in the whole file: none from a chunk read again.
        var t = one.aggregate().totals();
        List<RecordingHook.Seen> seen = RecordingHook.of(one.aggregate().attemptHook()).seen();
        assertEquals(t.codeRed() + t.codeRedII() + t.codeRedInRejects() + t.codeRedIIInRejects(), seen.size());
        assertEquals(seen, RecordingHook.of(chunked.aggregate().attemptHook()).seen());
    }
}
