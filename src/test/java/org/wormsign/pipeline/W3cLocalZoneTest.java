package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.detect.Classifier;
import org.wormsign.input.Input;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Corpus;

/**
 * IIS Advanced Logging's local columns through the whole run (issue 16 item 5): {@code inputs[].zone} says what
 * they were read in, the UTC warning comes only where UTC was assumed, the worm's phase follows the converted
 * time, and a chunked read carries {@code #GMT-Offset} as it carries {@code #Fields}.
 */
class W3cLocalZoneTest {
    @TempDir Path tmp;
    private static final String CRQ = "N".repeat(224) + Classifier.TAIL;
    private static final String FIELDS = "#Fields: date-local time-local s-ip cs-method cs-uri-stem cs-uri-query c-ip cs(User-Agent) sc-status\r\n";

    private static ReportModel run(List<String> tz, Path... inputs) {
        List<String> paths = new ArrayList<>();
        for (Path p : inputs) paths.add(p.toString());
        AnalyzeOptions o = new AnalyzeOptions(paths, Path.of("unused"), null, 2, 1 << 20, InputZones.parse(tz), List.of("test"));
        return ReportModel.of(Analyzer.run(o).snapshot(), "test");
    }

    /** One Code Red I line at 20:30 local time on 2001-07-19, with a quoted user agent. */
    private Path log(String name, String directives) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "#Software: IIS Advanced Logging Module\r\n" + directives + FIELDS
                + "2001-07-19 20:30:00.125 10.10.10.10 GET /default.ida " + CRQ + " \"137.250.36.15\" \"Mozilla/4.0 (x; y)\" 404\r\n",
                StandardCharsets.ISO_8859_1);
        return p;
    }

    private static boolean utcWarning(ReportModel m) {
        return m.warnings().stream().anyMatch(w -> w.startsWith("local times read as UTC"));
    }

    @Test
    void directiveOffsetDecidesAndNoWarning() throws IOException {
        ReportModel m = run(List.of(), log("gmt.log", "#GMT-Offset: -0800\r\n"));
        assertEquals("iis-w3c", m.inputs().get(0).format());
        assertEquals("-08:00", m.inputs().get(0).zone());
        assertFalse(utcWarning(m), m.warnings().toString());
        ReportModel.HostRow h = m.hosts().get(0);
        assertEquals("137.250.36.15", h.source());
        assertEquals(1, h.summary().flood(), "04:30 UTC on the 20th: the flood phase");
        assertEquals(1, h.summary().offSchedule());
    }

    @Test
    void tzDecidesWithoutDirective() throws IOException {
        ReportModel m = run(List.of("America/Los_Angeles"), log("tz.log", ""));
        assertEquals("America/Los_Angeles", m.inputs().get(0).zone());
        assertFalse(utcWarning(m));
        assertEquals(1, m.hosts().get(0).summary().flood(), "03:30 UTC (PDT) on the 20th");
    }

    @Test
    void neitherReadsUtcWithTheWarning() throws IOException {
        ReportModel m = run(List.of(), log("none.log", ""));
        assertEquals("UTC", m.inputs().get(0).zone());
        assertTrue(utcWarning(m), m.warnings().toString());
        assertEquals(1, m.hosts().get(0).summary().propagation());
        // A W3C log with UTC columns applies no zone at all, --tz or not.
        Path utc = tmp.resolve("utc.log");
        Files.writeString(utc, "#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status\r\n"
                + "2001-07-19 20:30:00 137.250.36.15 GET /default.ida " + CRQ + " 404\r\n", StandardCharsets.ISO_8859_1);
        assertEquals(null, run(List.of("America/Los_Angeles"), utc).inputs().get(0).zone());
    }

    @Test
    void peerAdvancedLoggingFile() {
        Path peer = Corpus.peerFile("matomo/iis_custom.log");
        ReportModel.InputRow in = run(List.of("Europe/Berlin"), peer).inputs().get(0);
        assertEquals("iis-w3c", in.format());
        assertEquals("Europe/Berlin", in.zone());
        assertEquals(in.lines(), in.records() + in.rejected() + in.skipped());
        assertEquals(2, in.records());
        assertEquals(1, in.rejected(), "its c-ip '-' line");
    }

    @Test
    void chunkedReadCarriesGmtOffset() throws IOException {
        // The offset changes in the first chunk; the second chunk's lines must be read with the new one.
        Path log = tmp.resolve("chunks.log");
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.ISO_8859_1)) {
            w.write("#Software: IIS Advanced Logging Module\r\n#GMT-Offset: +0000\r\n" + FIELDS);
            lines(w, 100);
            w.write("#GMT-Offset: -0800\r\n");
            lines(w, 6000);
        }
        Input input = Input.file(log.toString(), log, true);
        AnalyzeOptions seq = new AnalyzeOptions(List.of(log.toString()), tmp, null, 1, 1 << 20, null, List.of());
        AnalyzeOptions par = new AnalyzeOptions(List.of(log.toString()), tmp, null, 2, 1 << 20, null, List.of());
        InputResult one = InputScan.scan(0, input, seq).get(0);
        InputResult chunked = ChunkedScan.scan(0, input, par, Progress.NONE, Files.size(log) / 2);
        assertNotNull(chunked);
        assertEquals(one.aggregate().totals().records(), chunked.aggregate().totals().records());
        assertEquals(one.aggregate().daily().keySet(), chunked.aggregate().daily().keySet());
        assertEquals(days(one), days(chunked));
        assertEquals(one.zone(), chunked.zone());
        assertEquals("-08:00", chunked.zone().getId());
    }

    private static String days(InputResult r) {
        StringBuilder b = new StringBuilder();
        r.aggregate().daily().forEach((d, c) -> b.append(java.time.LocalDate.ofEpochDay(d)).append('=').append(c[0]).append(' '));
        return b.toString();
    }

    /** Lines late on the 19th local time: the 20th in UTC once the -0800 applies. */
    private static void lines(BufferedWriter w, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            String time = String.format("%02d:%02d:%02d", 17 + i / 3600 % 7, i / 60 % 60, i % 60);
            w.write("2001-07-19 " + time + " 10.10.10.10 GET /default.ida " + CRQ + " \"24.1.2." + (i % 250) + "\" \"Mozilla/4.0 (x)\" 404\r\n");
        }
    }
}
