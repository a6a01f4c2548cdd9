package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wormsign.aggregate.SalvagedAttempts;
import org.wormsign.cli.ExitStatus;
import org.wormsign.cli.Main;
import org.wormsign.detect.Classifier;
import org.wormsign.report.HtmlReport;
import org.wormsign.report.ReportModel;
import org.wormsign.testing.Corpus;
import org.wormsign.testing.Runs;
import picocli.CommandLine;

/**
 * Issue 15, item 3: a line that cannot be parsed but carries the worm's request is reported, not lost.
 * It stays a reject (accounting unchanged), is counted in summary.json, listed in evidence.csv with the
 * source and time read from it, said in the verdict wherever that is printed, and never made a source's
 * attempt in hosts.csv. Run through the command line, as a user would.
 */
class SalvageTest {
    @TempDir Path tmp;

    private static final String CR = "/default.ida?" + "N".repeat(224) + Classifier.TAIL;

    private record Run(int status, String out, Path dir) {
        JsonNode summary() throws IOException {
            return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        }

        String file(String name) throws IOException {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        }

        List<CSVRecord> csv(String name) throws IOException {
            try (Reader r = Files.newBufferedReader(dir.resolve(name), StandardCharsets.UTF_8)) {
                return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
            }
        }

        List<CSVRecord> salvagedEvidence() throws IOException {
            return csv("evidence.csv").stream().filter(r -> r.get("kind").endsWith("-unparsed")).toList();
        }
    }

    private Run analyze(String name, String content, String... options) throws IOException {
        Path log = tmp.resolve(name);
        Files.write(log, content.getBytes(StandardCharsets.ISO_8859_1));
        Path out = tmp.resolve("out-" + name);
        List<String> args = new ArrayList<>(List.of("analyze", "--no-progress", "-o", out.toString()));
        args.addAll(List.of(options));
        args.add(log.toString());
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = Main.commandLine();
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        int status = cl.execute(args.toArray(String[]::new));
        assertEquals(ExitStatus.OK, status, stderr.toString());
        return new Run(status, stdout.toString(), out);
    }

    private static long utc(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toEpochSecond();
    }

    private static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    /**
     * Per format: a readable line, then a Code Red I and a Code Red II line cut inside their padding (as
     * logs cut lines), each with the source and the UTC time the test expects to be read from it.
     */
    static Stream<Arguments> cutLinesInEveryFormat() {
        String n150 = "N".repeat(150), x100 = "X".repeat(100);
        ZoneId newYork = ZoneId.of("America/New_York");
        return Stream.of(
                Arguments.of("apache-combined", List.of(),
                        "10.0.0.1 - - [02/Aug/2001:06:00:00 -0400] \"GET / HTTP/1.0\" 304 - \"-\" \"Mozilla/4.0\"\n",
                        "211.218.252.9 - - [02/Aug/2001:06:01:38 -0400] \"GET /default.ida?" + n150, "211.218.252.9", utc("2001-08-02T06:01:38-04:00"),
                        "24.68.1.1 - - [11/Aug/2001:10:05:00 +0200] \"GET /default.ida?" + x100, "24.68.1.1", utc("2001-08-11T10:05:00+02:00")),
                Arguments.of("nginx-combined", List.of(),
                        "10.0.0.1 - - [11/Sep/2001:10:00:00 +0000] \"GET / HTTP/1.1\" 200 0 \"-\" \"Mozilla/4.0\"\n",
                        "61.78.10.1 - - [11/Sep/2001:10:04:00 +0000] \"GET /default.ida?" + n150, "61.78.10.1", utc("2001-09-11T10:04:00Z"),
                        "2001:db8::7 - - [11/Sep/2001:10:05:00 +0000] \"GET /default.ida?" + x100, "2001:db8::7", utc("2001-09-11T10:05:00Z")),
                Arguments.of("iis-w3c", List.of(),
                        "#Software: Microsoft Internet Information Services 5.0\n#Version: 1.0\n#Date: 2001-07-19 00:00:00\n"
                                + "#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status\n"
                                + "2001-07-19 15:00:00 10.0.0.1 - 10.10.10.10 80 GET /index.htm - 200\n",
                        "2001-07-19 15:38:38 137.250.36.15 - 10.10.10.10 80 GET /default.ida " + n150, "137.250.36.15", utc("2001-07-19T15:38:38Z"),
                        "2001-08-05 01:02:03 24.1.2.3 - 10.10.10.10 80 GET /default.ida " + x100, "24.1.2.3", utc("2001-08-05T01:02:03Z")),
                // The query is IIS native's last field, so a line cut inside it still parses: here the write was cut
                // and the next line went on from there, as after a crash.
                Arguments.of("iis-native", List.of("--tz", "America/New_York"), nativeLine("10.0.0.1", "07/19/01, 15:00:00", "/index.htm, -,") + "\n",
                        nativeLine("172.16.1.1", "07/19/01, 19:59:59", "/default.ida, " + n150) + nativeLine("10.0.0.9", "07/19/01, 20:00:00", "/, -,"),
                        "172.16.1.1", LocalDateTime.parse("2001-07-19T19:59:59").atZone(newYork).toEpochSecond(),
                        nativeLine("172.16.1.2", "08/05/01, 8:00:01", "/default.ida, " + x100) + nativeLine("10.0.0.9", "08/05/01, 8:00:02", "/, -,"),
                        "172.16.1.2", LocalDateTime.parse("2001-08-05T08:00:01").atZone(newYork).toEpochSecond()));
    }

    private static String nativeLine(String client, String dateTime, String pathAndQuery) {
        return client + ", -, " + dateTime + ", W3SVC1, WEB1, 10.0.0.5, 0, 0, 0, 404, 2, GET, " + pathAndQuery;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cutLinesInEveryFormat")
    void aCutLineInEveryFormatIsSalvagedWithItsSourceAndTime(String format, List<String> options, String head, String cutI, String sourceI,
                                                           long timeI, String cutII, String sourceII, long timeII) throws IOException {
        List<String> args = new ArrayList<>(List.of("--format", format));
        args.addAll(options);
        Run run = analyze(format + ".log", head + cutI + "\n" + cutII + "\n", args.toArray(String[]::new));

        JsonNode t = run.summary().get("totals");
        assertEquals(1, t.get("code_red_in_rejects").asLong(), "Code Red I in rejects");
        assertEquals(1, t.get("code_red_ii_in_rejects").asLong(), "Code Red II in rejects");
        assertEquals(2, t.get("rejected").asLong(), "they stay rejects");
        assertEquals(t.get("lines").asLong(), t.get("records").asLong() + t.get("rejected").asLong() + t.get("skipped").asLong());
        assertEquals(0, t.get("code_red").asLong() + t.get("code_red_ii").asLong(), "not attempts of any source");

        List<CSVRecord> rows = run.salvagedEvidence();
        assertEquals(2, rows.size(), rows.toString());
        int headLines = (int) head.chars().filter(c -> c == '\n').count();
        assertRow(rows.get(0), SalvagedAttempts.CODE_RED_KIND, sourceI, timeI, headLines + 1, cutI);
        assertRow(rows.get(1), SalvagedAttempts.CODE_RED_II_KIND, sourceII, timeII, headLines + 2, cutII);

        assertTrue(run.csv("hosts.csv").isEmpty(), "no source in hosts.csv: " + run.file("hosts.csv"));
        assertVerdictSaysSo(run, "1 Code Red I and 1 Code Red II attempts sit in lines that could not be read");
    }

    private static void assertRow(CSVRecord row, String kind, String source, long utc, long line, String raw) {
        assertEquals(kind, row.get("kind"));
        assertEquals(source, row.get("source_ip"));
        assertEquals(iso(utc), row.get("utc"));
        assertEquals("-", row.get("status"));
        assertEquals(line, Long.parseLong(row.get("line")));
        assertEquals(raw, row.get("raw"));
    }

    /** The report, the command's closing paragraph: each says it, and none says no Code Red was found. */
    private static void assertVerdictSaysSo(Run run, String sentence) throws IOException {
        String html = run.file("report.html");
        assertTrue(html.contains(sentence), "report.html says: " + sentence);
        assertTrue(run.out().contains(sentence), run.out());
        assertFalse(run.out().contains("No Code Red request found"), run.out());
        assertFalse(html.contains("No Code Red request in"), "the report does not say none was found");
        assertFalse(html.contains("no Code Red found"), "nor does its title");
        assertFalse(html.contains("class=\"verdict ok\""), "nor its colour");
        assertTrue(html.contains("id=\"unparsed\""), "the section that lists them");
    }

    @Test
    void aTooLongLineCarryingTheWormIsSalvagedFromItsFirstBytes() throws IOException {
        String good = "10.0.0.1 - - [19/Jul/2001:15:00:00 +0000] \"GET / HTTP/1.0\" 304 - \"-\" \"Mozilla/4.0\"\n";
        String huge = "66.1.2.3 - - [19/Jul/2001:15:38:38 +0000] \"GET " + CR + "  HTTP/1.0\" 400 326 \"-\" \"" + "A".repeat(5000) + "\"";
        Run run = analyze("long.log", good + huge + "\n", "--max-line", "1024");
        JsonNode s = run.summary();
        assertEquals(1, s.get("rejects_by_reason").get("line-too-long").asLong());
        assertEquals(1, s.get("totals").get("code_red_in_rejects").asLong());
        List<CSVRecord> rows = run.salvagedEvidence();
        assertEquals(1, rows.size());
        assertEquals("66.1.2.3", rows.get(0).get("source_ip"));
        assertEquals(iso(utc("2001-07-19T15:38:38Z")), rows.get(0).get("utc"));
        assertTrue(rows.get(0).get("raw").startsWith("66.1.2.3 - - [19/Jul/2001:15:38:38 +0000] \"GET /default.ida?NNN"), rows.get(0).get("raw"));
        assertTrue(rows.get(0).get("raw").endsWith("more bytes]"), "the rest of the line is said, not shown");
        assertVerdictSaysSo(run, "1 Code Red I attempt sits in a line that could not be read");
    }

    @Test
    void aLineWithNoAddressHasAnEmptySource() throws IOException {
        String good = "10.0.0.1 - - [19/Jul/2001:15:00:00 +0000] \"GET / HTTP/1.0\" 304 - \"-\" \"Mozilla/4.0\"\n";
        Run run = analyze("noaddr.log", good + "\"GET /default.ida?" + "X".repeat(90) + "\n", "--format", "apache-combined");
        List<CSVRecord> rows = run.salvagedEvidence();
        assertEquals(1, rows.size());
        assertEquals("", rows.get(0).get("source_ip"));
        assertEquals("", rows.get(0).get("utc"), "no time in the line");
        assertEquals(SalvagedAttempts.CODE_RED_II_KIND, rows.get(0).get("kind"));
        // Empty cells, not placeholders (Commons CSV quotes an empty first cell, so the row is not a blank line).
        assertTrue(run.file("evidence.csv").contains("\n\"\",,code-red-ii-unparsed,-,"), run.file("evidence.csv"));
        assertTrue(run.file("report.html").contains("<span class=\"muted\">none</span>"));
    }

    /** With readable attempts too: the verdict names their sources, then the salvaged ones; hosts.csv has only the readable. */
    @Test
    void readableAttemptsAndSalvagedOnesAreToldApart() throws IOException {
        String parsed = "10.9.9.9 - - [19/Jul/2001:15:00:00 +0000] \"GET " + CR + "  HTTP/1.0\" 400 326 \"-\" \"-\"\n";
        String cut = "10.7.7.7 - - [19/Jul/2001:15:01:00 +0000] \"GET /default.ida?" + "N".repeat(200) + "\n";
        Run run = analyze("mixed.log", parsed + cut + cut, "--format", "apache-combined");
        List<CSVRecord> hosts = run.csv("hosts.csv");
        assertEquals(1, hosts.size());
        assertEquals("10.9.9.9", hosts.get(0).get("source_ip"));
        assertEquals(1, Long.parseLong(hosts.get(0).get("code_red_attempts")));
        assertFalse(run.file("hosts.csv").contains("10.7.7.7"), "a salvaged line proves no source's attempt");
        JsonNode t = run.summary().get("totals");
        assertEquals(1, t.get("code_red").asLong());
        assertEquals(2, t.get("code_red_in_rejects").asLong());
        assertEquals(0, t.get("code_red_ii_in_rejects").asLong());
        assertTrue(run.out().startsWith("1 sources sent 1 Code Red I attempts"), run.out());
        assertVerdictSaysSo(run, "2 Code Red I attempts sit in lines that could not be read (see evidence.csv, kind code-red-unparsed, and rejects.csv)");
        // In evidence.csv, after the sources' lines.
        List<CSVRecord> all = run.csv("evidence.csv");
        assertEquals(List.of("10.9.9.9", "10.7.7.7", "10.7.7.7"), all.stream().map(r -> r.get("source_ip")).toList());
    }

    @Test
    void evidenceKeepsTheFirstOfEachInputAndCountsTheRest() throws IOException {
        int n = SalvagedAttempts.PER_INPUT + 37;
        StringBuilder log = new StringBuilder("10.0.0.1 - - [19/Jul/2001:15:00:00 +0000] \"GET / HTTP/1.0\" 304 - \"-\" \"Mozilla/4.0\"\n");
        for (int i = 0; i < n; i++) log.append("10.3.0.").append(i % 250).append(" - - [19/Jul/2001:15:0 \"GET /default.ida?").append("N".repeat(70)).append('\n');
        Run run = analyze("many.log", log.toString(), "--format", "apache-combined");
        assertEquals(n, run.summary().get("totals").get("code_red_in_rejects").asLong());
        List<CSVRecord> rows = run.salvagedEvidence();
        assertEquals(SalvagedAttempts.PER_INPUT, rows.size());
        for (int i = 0; i < rows.size(); i++) assertEquals(i + 2, Long.parseLong(rows.get(i).get("line")), "the first, in line order");
        String html = run.file("report.html");
        assertTrue(html.contains("the first " + HtmlReport.UNPARSED_ROWS + ":"), "the page shows a bounded table");
        assertEquals(HtmlReport.UNPARSED_ROWS, html.split("code-red-unparsed</td>", -1).length - 1);
    }

    /**
     * The SANS SEC505 lab logs (peer corpus; its README): each holds 5 Code Red I requests, 4 of them on lines
     * with one column more than their #Fields. However those lines are read, none of the five is lost: each
     * is a source's attempt or a salvaged one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"iis-w3c-sans-sec505-lab-2010.log", "iis-w3c-sans-sec505-lab-2012.log"})
    void noCodeRedLineOfTheLabLogsIsLost(String name) {
        ReportModel m = Runs.analyze(Corpus.peerFile("sec505").resolve(name));
        ReportModel.TotalsRow t = m.totals();
        assertEquals(5, t.codeRed() + t.codeRedInRejects(), "read or salvaged");
        assertEquals(0, t.codeRedII() + t.codeRedIIInRejects());
        assertEquals(t.codeRedInRejects(), m.salvaged().size());
        assertTrue(m.salvaged().stream().allMatch(e -> e.source().equals("202.29.205.69") && e.epochSecond() != Long.MIN_VALUE),
                m.salvaged().toString());
    }

    @Test
    void salvagedTextIsEscapedInHtmlAndCsv() throws IOException {
        String good = "10.0.0.1 - - [19/Jul/2001:15:00:00 +0000] \"GET / HTTP/1.0\" 304 - \"-\" \"Mozilla/4.0\"\n";
        String evil = "=HYPERLINK(\"x\") <script>alert(1)</script>\u001b]0;t\u0007 \"GET /default.ida?" + "N".repeat(80)
                + " <img src=x onerror=alert(2)>";
        Run run = analyze("evil.log", good + evil + "\n", "--format", "apache-combined");
        List<CSVRecord> rows = run.salvagedEvidence();
        assertEquals(1, rows.size());
        String raw = rows.get(0).get("raw");
        assertTrue(raw.startsWith("'=HYPERLINK"), "no formula: " + raw);
        assertTrue(raw.contains("\\x1b]0;t\\x07"), "control bytes as \\xHH: " + raw);
        String html = run.file("report.html");
        assertFalse(html.contains("<script>alert"), "log text is text");
        assertFalse(html.contains("<img src=x"), "log text is text");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown escaped");
        assertFalse(html.contains("\u001b") || run.file("evidence.csv").contains("\u001b"), "no ESC anywhere");
    }
}
