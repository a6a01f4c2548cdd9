package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wormsign.detect.Classifier;
import org.wormsign.input.Input;
import org.wormsign.report.ReportModel;
import org.wormsign.report.SummaryJson;
import org.wormsign.testing.Compressed;
import org.wormsign.testing.Runs;

/**
 * --tz by input: IIS native logs from servers in two zones read in one run, each in its own zone, so that
 * the worm's UTC calendar places each attempt right. The attempts sit either side of 2001-07-20 00:00 UTC,
 * where Code Red I stops probing: a log read in the wrong zone moves its attempt across that line.
 */
class PerInputZonesTest {
    @TempDir Path tmp;

    private static final String CODE_RED_QUERY = "N".repeat(224) + Classifier.TAIL;
    private static final DateTimeFormatter IIS_NATIVE_TIME = DateTimeFormatter.ofPattern("MM/dd/yy, H:mm:ss");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York"), TOKYO = ZoneId.of("Asia/Tokyo");

    /** Logged in New York at 20:30 on the 19th (EDT): 00:30 UTC on the 20th, a flood day, off schedule. */
    static final Attempt WEB1 = new Attempt("10.0.0.1", "192.0.2.1", "2001-07-20T00:30:00Z", NEW_YORK);
    /** Logged in Tokyo at 8:30 on the 20th: 23:30 UTC on the 19th, the last day of probing. */
    static final Attempt WEB2 = new Attempt("10.0.0.2", "192.0.2.2", "2001-07-19T23:30:00Z", TOKYO);

    record Attempt(String source, String server, String utc, ZoneId zone) {
        String line() {
            String local = Instant.parse(utc).atZone(zone).format(IIS_NATIVE_TIME);
            return source + ", -, " + local + ", W3SVC1, WEB, " + server + ", 0, 0, 0, 404, 2, GET, /default.ida, " + CODE_RED_QUERY + ",";
        }
    }

    private Path write(String name, List<String> lines) {
        try {
            Path p = tmp.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReportModel run(List<String> tz, Path... inputs) {
        List<String> paths = new ArrayList<>();
        for (Path p : inputs) paths.add(p.toString());
        AnalyzeOptions o = new AnalyzeOptions(paths, Path.of("unused"), null, 2, 1 << 20, InputZones.parse(tz), List.of("test"));
        return ReportModel.of(Analyzer.run(o).snapshot(), "test");
    }

    private static ReportModel.HostRow host(ReportModel m, String source) {
        return m.hosts().stream().filter(h -> h.source().equals(source)).findFirst().orElseThrow();
    }

    private static ReportModel.InputRow input(ReportModel m, String suffix) {
        return m.inputs().stream().filter(i -> i.path().endsWith(suffix)).findFirst().orElseThrow(() -> new AssertionError(suffix));
    }

    /** The attempt is where its zone puts it: its UTC time, and the phase of that UTC day. */
    private static void assertPlaced(ReportModel m, Attempt a) {
        ReportModel.HostRow h = host(m, a.source());
        assertEquals(a.utc(), Instant.ofEpochSecond(h.firstSeen()).toString(), a.source());
        boolean flood = Instant.parse(a.utc()).atZone(ZoneId.of("UTC")).getDayOfMonth() >= 20;
        assertEquals(flood ? 1 : 0, h.flood(), a.source() + " flood");
        assertEquals(flood ? 0 : 1, h.propagation(), a.source() + " propagation");
        assertEquals(flood ? 1 : 0, h.offSchedule(), a.source() + " off schedule");
    }

    @Test
    void twoServersInTwoZonesInOneRun() {
        Path web1 = write("case/web1/in010719.log", List.of(WEB1.line()));
        Path web2 = write("case/web2/in010720.log", List.of(WEB2.line()));
        assertTrue(WEB1.line().contains("07/19/01, 20:30:00") && WEB2.line().contains("07/20/01, 8:30:00"), "local times, as logged");

        ReportModel m = run(List.of("web1=America/New_York", "web2/*=Asia/Tokyo"), tmp.resolve("case"));
        assertPlaced(m, WEB1);
        assertPlaced(m, WEB2);
        assertEquals("America/New_York", input(m, "web1/in010719.log").zone());
        assertEquals("Asia/Tokyo", input(m, "web2/in010720.log").zone());
        assertEquals(List.of(), m.warnings());
        assertEquals(1, m.totals().offSchedule());

        // One zone for both, as before --tz took patterns: the Tokyo attempt moves to 12:30 UTC on the 20th.
        ReportModel one = run(List.of("America/New_York"), web1, web2);
        assertEquals("2001-07-20T12:30:00Z", Instant.ofEpochSecond(host(one, WEB2.source()).firstSeen()).toString());
        assertEquals(2, one.totals().offSchedule());
    }

    @Test
    void archiveMembersAreMatchedAsArchiveBangMember() {
        byte[] zip = Compressed.zip(Compressed.entries(
                "W3SVC1/in010719.log", (WEB1.line() + "\r\n").getBytes(StandardCharsets.ISO_8859_1),
                "W3SVC2/in010720.log", (WEB2.line() + "\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        Path logs = tmp.resolve("case/logs.zip");
        try {
            Files.createDirectories(logs.getParent());
            Files.write(logs, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The member's own pattern first: the archive's covers every member, so it must come second.
        ReportModel m = run(List.of("*!W3SVC2/*=Asia/Tokyo", "logs.zip=America/New_York"), logs);
        assertPlaced(m, WEB1);
        assertPlaced(m, WEB2);
        assertEquals("America/New_York", input(m, "logs.zip!W3SVC1/in010719.log").zone());
        assertEquals("Asia/Tokyo", input(m, "logs.zip!W3SVC2/in010720.log").zone());
        assertEquals(null, input(m, "logs.zip").zone(), "the archive itself holds no times");
        assertEquals(List.of(), m.warnings());
    }

    @Test
    void theFirstMatchingPatternWinsAndOneThatNeverDecidesIsWarnedAbout() {
        Path log = write("case/web1/in010720.log", List.of(WEB2.line()));
        ReportModel tokyo = run(List.of("web1/in*=Asia/Tokyo", "web1=America/New_York"), log);
        assertPlaced(tokyo, WEB2);
        assertTrue(tokyo.warnings().get(0).startsWith("--tz 'web1=America/New_York' decided no input's zone"), tokyo.warnings().toString());

        ReportModel newYork = run(List.of("web1=America/New_York", "web1/in*=Asia/Tokyo"), log);
        assertEquals("America/New_York", newYork.inputs().get(0).zone());
        assertEquals("2001-07-20T12:30:00Z", Instant.ofEpochSecond(host(newYork, WEB2.source()).firstSeen()).toString());
        assertTrue(newYork.warnings().get(0).startsWith("--tz 'web1/in*=Asia/Tokyo' decided no input's zone"), newYork.warnings().toString());
    }

    @Test
    void aMistypedPatternIsWarnedAboutAndItsInputsAreNamedAsReadInUtc() {
        Path log = write("case/web1/in010719.log", List.of(WEB1.line()));
        ReportModel m = run(List.of("wbe1=America/New_York"), log);
        assertEquals(2, m.warnings().size(), m.warnings().toString());
        assertEquals("--tz 'wbe1=America/New_York' matched no input (a pattern is matched against each input's name as summary.json shows it)",
                m.warnings().get(0));
        assertEquals("local times read as UTC (no --tz pattern matches them) in 1 input(s) whose format logs no offset: " + log,
                m.warnings().get(1));
        assertEquals("UTC", m.inputs().get(0).zone());
        assertEquals("2001-07-19T20:30:00Z", Instant.ofEpochSecond(host(m, WEB1.source()).firstSeen()).toString(), "read as UTC");
    }

    @Test
    void summaryJsonSaysTheZoneOfEachInputAndNoneWhereNoneApplies() throws IOException {
        write("case/web1/in010719.log", List.of(WEB1.line()));
        write("case/web1/access_log", List.of("10.0.0.3 - - [19/Jul/2001:20:30:00 -0400] \"GET /default.ida?" + CODE_RED_QUERY
                + "  HTTP/1.0\" 400 326 \"-\" \"-\""));
        write("case/web1/ex010720.log", List.of("#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status s-ip",
                "2001-07-20 00:30:00 10.0.0.4 GET /default.ida " + CODE_RED_QUERY + " 404 192.0.2.4"));
        write("case/web9/in010720.log", List.of(WEB2.line()));
        ObjectNode summary = SummaryJson.tree(run(List.of("web1=America/New_York"), tmp.resolve("case")));

        Map<String, String> zones = new java.util.TreeMap<>();
        for (JsonNode in : summary.get("inputs")) {
            String path = in.get("path").asText();
            zones.put(path.substring(path.indexOf("case/") + 5), in.get("zone").isNull() ? null : in.get("zone").asText());
            // After skipped, before errors: where summary.json puts new fields of an input.
            List<String> fields = new ArrayList<>();
            for (Iterator<String> f = in.fieldNames(); f.hasNext(); ) fields.add(f.next());
            assertTrue(fields.indexOf("skipped") < fields.indexOf("zone") && fields.indexOf("zone") < fields.indexOf("errors"),
                    fields.toString());
        }
        Map<String, String> expected = new java.util.TreeMap<>();
        expected.put("web1/access_log", null);              // Apache's %t carries its offset: no zone applies
        expected.put("web1/ex010720.log", null);            // W3C logs UTC
        expected.put("web1/in010719.log", "America/New_York");
        expected.put("web9/in010720.log", "UTC");           // local times, no zone given: read as UTC, with a warning
        assertEquals(expected, zones);
        assertTrue(summary.get("warnings").toString().contains("local times read as UTC (no --tz pattern matches them) in 1 input(s)"),
                summary.get("warnings").toString());
    }

    @Test
    void aForcedFormatIsReadInEachInputsZone() {
        Path web1 = write("case/web1/in010719.log", List.of(WEB1.line()));
        Path web2 = write("case/web2/in010720.log", List.of(WEB2.line()));
        AnalyzeOptions o = new AnalyzeOptions(List.of(web1.toString(), web2.toString()), Path.of("unused"),
                org.wormsign.format.KnownFormats.byName("iis-native"), 1, 1 << 20,
                InputZones.parse(List.of("web1=America/New_York", "web2=Asia/Tokyo")), List.of("test"));
        ReportModel m = ReportModel.of(Analyzer.run(o).snapshot(), "test");
        assertPlaced(m, WEB1);
        assertPlaced(m, WEB2);
    }

    @Test
    void aFileReadInChunksIsReadInItsZone() throws IOException {
        // Enough lines to cut into several chunks; the attempts near the end fall in the last chunk.
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            lines.add("10.1." + i / 250 % 250 + "." + i % 250 + ", -, 07/19/01, 12:" + String.format("%02d:%02d", i / 60 % 60, i % 60)
                    + ", W3SVC1, WEB, 192.0.2.1, 0, 0, 0, 200, 0, GET, /index.htm, -,");
        }
        lines.add(WEB1.line());
        Path log = write("case/web1/in010719.log", lines);
        Input input = Input.file(log.toString(), log, true);
        InputZones zones = InputZones.parse(List.of("web1=America/New_York"));
        AnalyzeOptions sequential = new AnalyzeOptions(List.of(log.toString()), tmp, null, 1, 1 << 20, zones, List.of());
        AnalyzeOptions parallel = new AnalyzeOptions(List.of(log.toString()), tmp, null, 4, 1 << 20, zones, List.of());

        long minChunk = Files.size(log) / 5;
        assertTrue(ChunkedScan.applies(input, parallel, minChunk));
        InputResult chunked = ChunkedScan.scan(0, input, parallel, Progress.NONE, minChunk);
        assertNotNull(chunked, "a plain file is read in chunks");
        assertEquals(NEW_YORK, chunked.zone());
        ReportModel m = ReportModel.of(new RunResult(parallel, Instant.EPOCH, Instant.EPOCH, List.of(chunked), List.of(), chunked.aggregate()).snapshot(), "test");
        assertPlaced(m, WEB1);
        assertEquals("America/New_York", m.inputs().get(0).zone());

        InputResult one = InputScan.scan(0, input, sequential).get(0);
        assertEquals(one.zone(), chunked.zone());
        assertEquals(Runs.hostsCsv(ReportModel.of(new RunResult(sequential, Instant.EPOCH, Instant.EPOCH, List.of(one), List.of(),
                one.aggregate()).snapshot(), "test")), Runs.hostsCsv(m));
    }
}
