package org.wormsign.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: exit statuses, messages, and the files it writes. */
class MainTest {
    @TempDir Path tmp;

    private record Outcome(int status, String out, String err) {}

    private static Outcome run(String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void analyzesSampleLogsAndWritesEveryOutput() throws Exception {
        Path out = tmp.resolve("r");
        Outcome o = run("analyze", "--no-progress", "-o", out.toString(), "sample-logs");
        assertEquals(ExitStatus.OK, o.status(), o.err());
        for (String f : List.of("report.html", "hosts.csv", "evidence.csv", "rejects.csv", "summary.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        try (var s = Files.list(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no temporary file left");
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode t = summary.get("totals");
        assertTrue(t.get("code_red").asLong() > 0 && t.get("code_red_ii").asLong() > 0);
        assertEquals(t.get("lines").asLong(), t.get("records").asLong() + t.get("rejected").asLong() + t.get("skipped").asLong());
        // The one-paragraph summary names the counts the JSON holds.
        assertTrue(o.out().contains(t.get("code_red").asLong() + " Code Red I attempts"), o.out());
        assertTrue(o.out().contains(t.get("rejected").asLong() + " rejected"), o.out());
        // Files that are not logs (sample-logs/EXPECTED.md) are listed as ignored, not counted as rejects.
        assertTrue(summary.get("ignored").toString().contains("EXPECTED.md"));
    }

    @Test
    void versionAndHelp() {
        Outcome v = run("--version");
        assertEquals(0, v.status());
        assertTrue(v.out().startsWith("wormsign "), v.out());
        Outcome h = run("analyze", "--help");
        assertEquals(0, h.status());
        assertTrue(h.out().contains("--log-format"));
    }

    @Test
    void badLogFormatIsAUsageErrorInOneLine() {
        Outcome o = run("analyze", "-o", tmp.toString(), "--log-format", "%h %Z %t", "sample-logs");
        assertEquals(ExitStatus.USAGE, o.status());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("%Z"), o.err());
        assertFalse(Files.exists(tmp.resolve("summary.json")), "nothing is read or written on a usage error");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Outcome o = run("analyze", "--frobnicate");
        assertEquals(ExitStatus.USAGE, o.status());
        assertFalse(o.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aWrongTzIsAUsageErrorInOneLine() {
        String[][] cases = {
            {"web1=Mars/Olympus", "unknown time zone 'Mars/Olympus'"},
            {"web[1=America/New_York", "bad pattern 'web[1': '[' without ']'"},
            {"America/New_York", "two zones for every input"},
        };
        for (String[] c : cases) {
            Path out = tmp.resolve("r");
            Outcome o = run("analyze", "-o", out.toString(), "--tz", c[0], "--tz", "Europe/Berlin", "sample-logs");
            assertEquals(ExitStatus.USAGE, o.status(), o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().contains(c[1]), o.err());
            assertFalse(Files.exists(out.resolve("summary.json")), "nothing is read or written on a usage error");
        }
    }

    @Test
    void tzIsRepeatableByInputName() throws Exception {
        // Two IIS native logs from New York and Tokyo, each 20:30 local on 19 July: 00:30 and 11:30 UTC.
        String cr = "N".repeat(224) + org.wormsign.detect.Classifier.TAIL;
        for (String server : List.of("web1", "web2")) {
            Files.createDirectories(tmp.resolve("in").resolve(server));
            Files.writeString(tmp.resolve("in").resolve(server).resolve("in010719.log"), "10.0.0." + server.charAt(3)
                    + ", -, 07/19/01, 20:30:00, W3SVC1, WEB, 192.0.2.1, 0, 0, 0, 404, 2, GET, /default.ida, " + cr + ",\r\n");
        }
        Path out = tmp.resolve("r");
        Outcome o = run("analyze", "--no-progress", "-o", out.toString(), "--tz", "web1=America/New_York", "--tz", "Asia/Tokyo",
                "--tz", "web3=Europe/Berlin", tmp.resolve("in").toString());
        assertEquals(ExitStatus.OK, o.status(), o.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("America/New_York", summary.get("inputs").get(0).get("zone").asText());
        assertEquals("Asia/Tokyo", summary.get("inputs").get(1).get("zone").asText(), "the plain zone is the default");
        String hosts = Files.readString(out.resolve("hosts.csv"));
        assertTrue(hosts.contains("10.0.0.1,1,0,2001-07-20T00:30:00Z"), hosts);
        assertTrue(hosts.contains("10.0.0.2,1,0,2001-07-19T11:30:00Z"), hosts);
        assertTrue(o.err().contains("wormsign: warning: --tz 'web3=Europe/Berlin' matched no input"), o.err());
    }

    @Test
    void missingInputExitsOneAndStillReportsTheRest() throws Exception {
        Path out = tmp.resolve("r");
        Outcome o = run("analyze", "--no-progress", "-o", out.toString(), "no-such-file.log", "sample-logs/nginx/access.log");
        assertEquals(ExitStatus.INCOMPLETE, o.status());
        assertTrue(o.err().contains("no-such-file.log: no such file or folder"), o.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("errors").toString().contains("no-such-file.log"));
        assertTrue(summary.get("totals").get("code_red_ii").asLong() > 0, "the readable input was analyzed");
    }

    @Test
    void failOnDetectionExitsThree() {
        Outcome o = run("analyze", "--no-progress", "--fail-on-detection", "-o", tmp.toString(), "sample-logs");
        assertEquals(ExitStatus.DETECTED, o.status());
    }

    @Test
    void failOnDetectionExitsZeroOnCleanLogs() throws Exception {
        Path log = tmp.resolve("clean.log");
        Files.writeString(log, "10.0.0.1 - - [01/Aug/2001:10:00:00 +0000] \"GET / HTTP/1.0\" 200 100\n");
        Outcome o = run("analyze", "--fail-on-detection", "-o", tmp.resolve("r").toString(), log.toString());
        assertEquals(ExitStatus.OK, o.status(), o.err());
        assertTrue(o.out().contains("No Code Red request found."), o.out());
    }

    @Test
    void failOnDetectionExitsThreeForTheWormInALineThatCouldNotBeRead() throws Exception {
        Path log = tmp.resolve("cut.log");
        // A readable clean line, then a Code Red II request cut before its status: a reject, salvaged.
        Files.writeString(log, "10.0.0.1 - - [01/Aug/2001:10:00:00 +0000] \"GET / HTTP/1.0\" 200 100\n"
                + "10.0.0.2 - - [05/Aug/2001:10:00:00 +0000] \"GET /default.ida?" + "X".repeat(100) + "\n");
        Outcome o = run("analyze", "--no-progress", "--fail-on-detection", "-o", tmp.resolve("r").toString(), log.toString());
        assertEquals(ExitStatus.DETECTED, o.status(), o.out() + o.err());
        Outcome without = run("analyze", "--no-progress", "-o", tmp.resolve("r2").toString(), log.toString());
        assertEquals(ExitStatus.OK, without.status(), "a cut line is a counted reject, not a failed input");
    }

    @Test
    void readsStandardInput() throws Exception {
        byte[] log = Files.readAllBytes(Path.of("sample-logs/nginx/access.log"));
        var saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(log));
            Path out = tmp.resolve("r");
            Outcome o = run("analyze", "-o", out.toString(), "-");
            assertEquals(ExitStatus.OK, o.status(), o.err());
            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals("-", summary.get("inputs").get(0).get("path").asText());
            assertEquals("nginx-combined", summary.get("inputs").get(0).get("format").asText());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void hostileTextIsEscapedInTheReportAndCsv() throws Exception {
        // A file name and log fields carrying markup and a formula: none may be live in the outputs.
        Path dir = tmp.resolve("in");
        Files.createDirectories(dir);
        String cr = "GET /default.ida?" + "N".repeat(224) + org.wormsign.detect.Classifier.TAIL + "  HTTP/1.0";
        Path log = dir.resolve("<img src=x onerror=alert(1)>.log");
        Files.writeString(log, "1.2.3.4 - - [19/Jul/2001:10:00:00 +0000] \"" + cr + "\" 400 326 \"<script>alert(1)</script>\" \"=HYPERLINK(1)\"\n"
                + "<script>alert(2)</script> - - [19/Jul/2001:10:00:00 +0000] \"GET / HTTP/1.0\" 200 1 \"-\" \"-\"\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("r");
        Outcome o = run("analyze", "-o", out.toString(), dir.toString());
        assertEquals(ExitStatus.OK, o.status(), o.err());
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("<img src=x"), "file name must be escaped");
        assertFalse(html.contains("<script>alert"), "log text must be escaped");
        assertTrue(html.contains("Content-Security-Policy"));
        String rejects = Files.readString(out.resolve("rejects.csv"));
        assertTrue(rejects.contains("bad-address"), rejects);
        String evidence = Files.readString(out.resolve("evidence.csv"));
        assertTrue(evidence.contains("1.2.3.4"));
    }
}
