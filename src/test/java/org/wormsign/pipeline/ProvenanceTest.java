package org.wormsign.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wormsign.aggregate.RawText;
import org.wormsign.cli.Main;
import org.wormsign.cli.Version;
import org.wormsign.detect.Classifier;
import org.wormsign.format.KnownFormats;
import org.wormsign.format.LogFormat;
import org.wormsign.format.apache.ApacheLogFormat;
import org.wormsign.format.json.JsonLayout;
import org.wormsign.format.json.JsonLinesFormat;
import org.wormsign.format.nginx.NginxLogFormat;
import org.wormsign.input.Decompression;
import org.wormsign.report.CsvCells;
import org.wormsign.report.CsvOutputs;
import org.wormsign.report.ReportModel;
import org.wormsign.report.SummaryJson;
import org.wormsign.testing.Compressed;
import org.wormsign.testing.Corpus;

/**
 * The proof behind a finding can be checked by hand (issue 4, DESIGN.md): every {@code evidence.csv} row names
 * an input, a 1-based line and the byte offset of that line in the decompressed input, and the line found
 * there is the row's {@code raw}, sent by its {@code source_ip}; {@code summary.json} records what was read
 * (SHA-256 and size of each input as stored, its format), by which version, with which arguments, and when.
 * The checks here find lines on their own (JDK gzip, commons-compress archives, their own line count).
 */
class ProvenanceTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final String VERSION = "9.9.9-provenance";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KINDS = Set.of("code-red", "code-red-truncated", "code-red-ii", "code-red-ii-truncated",
            "code-red-unparsed", "code-red-ii-unparsed");

    @TempDir Path tmp;

    /** A named run: the options the command line would make. */
    record Case(String name, AnalyzeOptions options) {
        @Override public String toString() { return name; }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(GOLDEN)) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) out.add(new Case(dir.getFileName().toString(), goldenOptions(dir)));
        }
        out.add(new Case("sample-logs", plain(List.of("sample-logs"))));
        out.add(new Case("corpus/real", plain(List.of(Corpus.real().toString()))));
        return out.stream();
    }

    private static AnalyzeOptions plain(List<String> paths) {
        List<String> args = new ArrayList<>(List.of("analyze", "--no-progress"));
        args.addAll(paths);
        return new AnalyzeOptions(paths, Path.of("unused"), null, 2, 1 << 20, null, args);
    }

    /** As GoldenTest reads {@code options.properties}, with the arguments a user would have typed. */
    private static AnalyzeOptions goldenOptions(Path dir) throws IOException {
        LogFormat plan = null;
        ZoneId zone = null;
        List<String> args = new ArrayList<>(List.of("analyze", "--no-progress"));
        Path props = dir.resolve("options.properties");
        if (Files.exists(props)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(props)) {
                p.load(r);
            }
            if (p.getProperty("tz") != null) { zone = ZoneId.of(p.getProperty("tz")); args.addAll(List.of("--tz", p.getProperty("tz"))); }
            if (p.getProperty("log-format") != null) {
                plan = ApacheLogFormat.compile(p.getProperty("log-format"), zone);
                args.addAll(List.of("--log-format", p.getProperty("log-format")));
            }
            if (p.getProperty("nginx-format") != null) {
                plan = NginxLogFormat.compile("nginx-custom", p.getProperty("nginx-format"), zone);
                args.addAll(List.of("--nginx-format", p.getProperty("nginx-format")));
            }
            if (p.getProperty("json-fields") != null) {
                plan = new JsonLinesFormat(JsonLayout.parseFields(p.getProperty("json-fields")));
                args.addAll(List.of("--json-fields", p.getProperty("json-fields")));
            }
            if (p.getProperty("format") != null) {
                plan = KnownFormats.byName(p.getProperty("format"), zone);
                args.addAll(List.of("--format", p.getProperty("format")));
            }
        }
        String input = dir.resolve("input").toString();
        args.add(input);
        return new AnalyzeOptions(List.of(input), Path.of("unused"), plan, 2, 1 << 20, InputZones.of(zone), args);
    }

    // ================================================================ evidence.csv

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyEvidenceRowIsFoundAtItsLineAndOffset(Case c) throws IOException {
        ReportModel m = ReportModel.of(Analyzer.run(c.options()).snapshot(), VERSION);
        int checked = checkEvidence(m, Map.of());
        assertEquals(m.evidence().size() + m.salvaged().size(), checked, "every row of evidence.csv, salvaged ones too");
        if (m.totals().attempts() > 0) assertTrue(checked > 0, "a run with attempts has evidence");
        // Every source in hosts.csv has its proof.
        Set<String> withEvidence = new java.util.HashSet<>();
        m.evidence().forEach(e -> withEvidence.add(e.source()));
        for (ReportModel.HostRow h : m.hosts()) assertTrue(withEvidence.contains(h.source()), "evidence for " + h.source());
    }

    /**
     * Renders evidence.csv, reads it back with Commons CSV and checks each row against the input's bytes.
     * {@code stored} maps an input name to its bytes as stored when it is not a file of that name.
     */
    private static int checkEvidence(ReportModel m, Map<String, byte[]> stored) throws IOException {
        StringWriter w = new StringWriter();
        CsvOutputs.writeEvidence(m, w);
        Map<String, String> formatOf = new HashMap<>();
        m.inputs().forEach(i -> formatOf.put(i.path(), i.format()));
        Map<String, byte[]> decoded = new HashMap<>();
        int rows = 0;
        try (CSVParser p = CSVParser.parse(new StringReader(w.toString()),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of(CsvOutputs.EVIDENCE_HEADER), p.getHeaderNames());
            for (CSVRecord r : p) {
                rows++;
                String input = r.get("input");
                String where = input + ":" + r.get("line");
                byte[] bytes = decoded.computeIfAbsent(input, name -> decode(name, stored));
                long line = Long.parseLong(r.get("line"));
                long offset = Long.parseLong(r.get("offset"));
                assertTrue(line >= 1, where);
                // Count the lines ourselves: line k starts after the (k-1)-th LF.
                long lineStart = 0;
                for (long n = 1; n < line; n++) {
                    int lf = indexOf(bytes, (byte) '\n', (int) lineStart);
                    assertTrue(lf >= 0, where + ": the input has fewer lines");
                    lineStart = lf + 1;
                }
                assertEquals(lineStart, offset, where + ": offset of the line");
                int end = indexOf(bytes, (byte) '\n', (int) offset);
                if (end < 0) end = bytes.length;
                if (end > offset && bytes[end - 1] == '\r') end--;
                String text = new String(bytes, (int) offset, end - (int) offset, StandardCharsets.ISO_8859_1);

                String source = r.get("source_ip");
                assertTrue(text.contains(source), where + ": " + source + " not in " + text);
                String format = formatOf.get(input);
                assertNotNull(format, where + ": input not in summary");
                if (Set.of("apache-combined", "apache-common", "nginx-combined", "iis-native").contains(format)) {
                    assertTrue(text.startsWith(source + (format.equals("iis-native") ? "," : " ")), where + ": starts with " + source);
                }
                assertEquals(CsvCells.safe(RawText.of(bytes, (int) offset, end)), r.get("raw"), where + ": raw");
                assertTrue(KINDS.contains(r.get("kind")), where + ": kind " + r.get("kind"));
                assertTrue(text.contains("/default.ida"), where);
                assertTrue(text.contains(r.get("kind").startsWith("code-red-ii") ? "default.ida?XXXXXXXX" : "NNNNNNNN")
                        // W3C's columns are separated by blanks, CloudFront's by tabs.
                        || text.replace('\t', ' ').contains(r.get("kind").startsWith("code-red-ii") ? " XXXXXXXX" : " NNNNNNNN"),
                        where + ": padding of " + r.get("kind"));
                String status = r.get("status");
                // A Code Red request found in a line that could not be read has no status ("-"), whatever the line holds.
                if (r.get("kind").endsWith("-unparsed")) assertEquals("-", status, where);
                else assertTrue(text.contains(status), where + ": status " + status);
                // An empty time is a line whose format logs none (golden case apache-logformat-without-time).
                // An unread line's row has none where the salvage could not read one (a cut JSON line).
                if (r.get("utc").isEmpty()) assertTrue(m.totals().attemptsWithoutTime() > 0 || r.get("kind").endsWith("-unparsed"), where + ": no time");
                else assertTrue(Instant.parse(r.get("utc")).getEpochSecond() > 0, where);
            }
        }
        return rows;
    }

    /** The decompressed bytes of an input: a file (gzip by the JDK, other codecs by wormsign) or an archive member. */
    private static byte[] decode(String name, Map<String, byte[]> stored) {
        try {
            int bang = name.indexOf('!');
            if (bang >= 0) {
                byte[] member = member(name.substring(0, bang), name.substring(bang + 1));
                return decodeBytes(name.substring(bang + 1), member);
            }
            byte[] raw = stored.containsKey(name) ? stored.get(name) : Files.readAllBytes(Path.of(name));
            return decodeBytes(name, raw);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + name, e);
        }
    }

    private static byte[] decodeBytes(String name, byte[] raw) throws IOException {
        if (name.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        try (InputStream in = Decompression.open(new ByteArrayInputStream(raw)).stream()) {
            return in.readAllBytes();
        }
    }

    /** A member's bytes as stored in a zip, tar or tar.gz, read with commons-compress. */
    private static byte[] member(String archive, String member) throws IOException {
        byte[] bytes = Files.readAllBytes(Path.of(archive));
        InputStream in = new ByteArrayInputStream(bytes);
        if (archive.endsWith(".gz") || archive.endsWith(".tgz")) in = new GZIPInputStream(in);
        try (ArchiveInputStream<?> a = archive.endsWith(".zip") ? new ZipArchiveInputStream(in) : new TarArchiveInputStream(in)) {
            for (ArchiveEntry e; (e = a.getNextEntry()) != null; ) {
                if (e.getName().equals(member)) return a.readAllBytes();
            }
        }
        throw new AssertionError(member + " not in " + archive);
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == x) return i;
        return -1;
    }

    // ================================================================ summary.json

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void summaryRecordsWhatWasReadByWhomAndWhen(Case c) throws IOException {
        Instant before = Instant.now();
        RunResult run = Analyzer.run(c.options());
        Instant after = Instant.now();
        ReportModel m = ReportModel.of(run.snapshot(), VERSION);
        JsonNode s = writtenSummary(m);

        assertEquals(VERSION, s.get("version").asText());
        List<String> args = new ArrayList<>();
        s.get("arguments").forEach(a -> args.add(a.asText()));
        assertEquals(c.options().arguments(), args);
        Instant started = Instant.parse(s.get("started_utc").asText());
        Instant finished = Instant.parse(s.get("finished_utc").asText());
        assertFalse(started.isAfter(finished), "started_utc <= finished_utc");
        assertFalse(started.isBefore(before.minusSeconds(1)), "started during the run");
        assertFalse(finished.isAfter(after.plusSeconds(1)), "finished during the run");
        assertTrue(s.get("started_utc").asText().endsWith("Z"));

        JsonNode inputs = s.get("inputs");
        assertTrue(inputs.size() > 0);
        Map<String, String> expectedFormats = expectedFormats(c);
        for (JsonNode in : inputs) {
            String path = in.get("path").asText();
            Path file = Path.of(path);
            assertTrue(Files.isRegularFile(file), path);
            assertEquals(sha256(Files.readAllBytes(file)), in.get("sha256").asText(), path + ": SHA-256 of the file as stored");
            assertEquals(Files.size(file), in.get("bytes").asLong(), path + ": bytes");
            String format = in.get("format").asText();
            assertFalse(format.isEmpty() || format.equals("unrecognised") || format.equals("empty"), path + ": format " + format);
            if (expectedFormats.containsKey(path)) assertEquals(expectedFormats.get(path), format, path + ": format as the golden case says");
            assertEquals(path.endsWith(".gz") ? "gzip" : "plain", in.get("compression").asText(), path);
            assertEquals(in.get("lines").asLong(), in.get("records").asLong() + in.get("rejected").asLong() + in.get("skipped").asLong(), path);
        }
        // Every file of the case is either an input or listed as ignored.
        long files;
        try (Stream<Path> walk = Files.walk(Path.of(c.options().paths().get(0)))) {
            files = walk.filter(Files::isRegularFile).count();
        }
        assertEquals(files, inputs.size() + s.get("ignored").size(), "every file accounted for");
    }

    /** The format each input has in the golden case's hand-checked summary.json, by path. */
    private static Map<String, String> expectedFormats(Case c) throws IOException {
        Map<String, String> out = new HashMap<>();
        Path expected = GOLDEN.resolve(c.name()).resolve("expected/summary.json");
        if (!Files.exists(expected)) return out;
        for (JsonNode in : JSON.readTree(expected.toFile()).get("inputs")) out.put(in.get("path").asText(), in.get("format").asText());
        return out;
    }

    private static JsonNode writtenSummary(ReportModel m) throws IOException {
        StringWriter w = new StringWriter();
        SummaryJson.write(m, w);
        return JSON.readTree(w.toString());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    // ================================================================ codecs, archives, long and binary lines

    /** A log whose Code Red lines are CRLF-terminated, over 2048 bytes, and hold bytes that are not UTF-8. */
    static byte[] awkwardLog() {
        String cr = "GET /default.ida?" + "N".repeat(224) + Classifier.TAIL + "  HTTP/1.0";
        String cr2 = "GET /default.ida?" + "X".repeat(224) + Classifier.TAIL + " HTTP/1.0";
        String agent = "Mozilla/4.0 " + "A".repeat(3000);
        List<String> lines = List.of(
                "192.0.2.1 - - [02/Aug/2001:06:00:00 -0400] \"GET / HTTP/1.0\" 200 100 \"-\" \"Mozilla/4.0\"",
                "",
                "61.1.1.1 - - [02/Aug/2001:06:01:38 -0400] \"" + cr + "\" 400 326 \"-\" \"-\"\r",
                "61.1.1.2 - - [02/Aug/2001:06:02:00 -0400] \"" + cr + "\" 400 326 \"\u00ff\u0090\u0001\" \"\u00e9t\u00e9\"",
                "61.1.1.3 - - [05/Aug/2001:06:03:00 -0400] \"" + cr2 + "\" 404 283 \"-\" \"" + agent + "\"",
                "61.1.1.4 - - [05/Aug/2001:06:05:00 -0400] \"GET /default.ida?" + "X".repeat(100) + "\" 404 283 \"-\" \"-\"");
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void evidenceAndDigestsThroughEveryCodecAndArchive() throws IOException {
        byte[] log = awkwardLog();
        byte[] golden = Files.readAllBytes(GOLDEN.resolve("apache-combined-every-kind/input/access_log"));
        Path dir = Files.createDirectories(tmp.resolve("logs"));
        Files.write(dir.resolve("plain_access_log"), log);
        for (Compressed.Codec codec : Compressed.Codec.values()) Files.write(dir.resolve("access_log" + codec.suffix), codec.encode(log));
        Files.write(dir.resolve("logs.zip"), Compressed.zip(Compressed.entries("a/access_log", log, "a/every_kind.gz",
                Compressed.Codec.GZIP.encode(golden))));
        Files.write(dir.resolve("logs.tar.gz"), Compressed.Codec.GZIP.encode(Compressed.tar(Compressed.entries("b/access_log", log,
                "b/every_kind", golden))));

        AnalyzeOptions o = new AnalyzeOptions(List.of(dir.toString()), Path.of("unused"), null, 2, 1 << 20, null,
                List.of("analyze", dir.toString()));
        ReportModel m = ReportModel.of(Analyzer.run(o).snapshot(), VERSION);
        assertTrue(m.errors().isEmpty(), m.errors().toString());
        int rows = checkEvidence(m, Map.of());
        assertEquals(m.evidence().size(), rows);
        // Seven copies of the awkward log (plain, four codecs, a zip and a tar member) and two of the golden one:
        // evidence is bounded per source, not per input, but every copy holds an unusual (truncated) attempt.
        Set<String> withEvidence = new java.util.TreeSet<>();
        m.evidence().forEach(e -> withEvidence.add(e.input()));
        Set<String> expected = new java.util.TreeSet<>();
        expected.add(dir.resolve("plain_access_log").toString());
        for (Compressed.Codec codec : Compressed.Codec.values()) expected.add(dir.resolve("access_log" + codec.suffix).toString());
        expected.add(dir.resolve("logs.zip") + "!a/access_log");
        expected.add(dir.resolve("logs.zip") + "!a/every_kind.gz");
        expected.add(dir.resolve("logs.tar.gz") + "!b/access_log");
        expected.add(dir.resolve("logs.tar.gz") + "!b/every_kind");
        assertEquals(expected, withEvidence);
        assertTrue(m.evidence().stream().anyMatch(e -> e.raw().endsWith(" more bytes]")), "a line over 2048 bytes is cut, and says so");
        assertTrue(m.evidence().stream().anyMatch(e -> e.raw().contains("\\xff\\x90\\x01")), "bytes that are not UTF-8 are \\x-escaped");
        assertTrue(m.evidence().stream().anyMatch(e -> e.raw().contains("\"\\xe9t\\xe9\"")), "ISO-8859-1 \u00e9 is not UTF-8: escaped");
        assertTrue(m.evidence().stream().noneMatch(e -> e.raw().contains("\r")), "the CR of a CRLF line is not part of it");

        JsonNode s = writtenSummary(m);
        Map<String, byte[]> stored = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) stored.put(f.toString(), Files.readAllBytes(f));
        }
        int members = 0;
        for (JsonNode in : s.get("inputs")) {
            String path = in.get("path").asText();
            int bang = path.indexOf('!');
            byte[] asStored = bang < 0 ? stored.get(path) : member(path.substring(0, bang), path.substring(bang + 1));
            if (bang >= 0) members++;
            assertNotNull(asStored, path);
            assertEquals(sha256(asStored), in.get("sha256").asText(), path + ": SHA-256 as stored");
            assertEquals(asStored.length, in.get("bytes").asLong(), path + ": bytes as stored");
            String format = in.get("format").asText();
            if (path.endsWith(".zip") || path.endsWith(".tar.gz")) assertEquals("archive", format, path);
            else assertEquals("apache-combined", format, path);
        }
        assertEquals(4, members, "two members in each archive");
    }

    // ================================================================ which lines are kept

    static String combined(String source, String apacheTime, String request, int status) {
        return source + " - - [" + apacheTime + "] \"" + request + "\" " + status + " 326 \"-\" \"-\"";
    }

    static final String CODE_RED = "GET /default.ida?" + "N".repeat(224) + Classifier.TAIL + "  HTTP/1.0";

    @Test
    void evidenceKeepsTheFirstTheLastAndEveryUnusualOneOfASource() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) lines.add(combined("61.1.1.1", String.format("02/Aug/2001:10:%02d:00 +0000", i), CODE_RED, 400));
        lines.add(combined("61.1.1.1", "02/Aug/2001:10:30:00 +0000", "GET /default.ida?" + "N".repeat(100), 400)); // truncated
        lines.add(combined("61.1.1.1", "02/Aug/2001:10:40:00 +0000", CODE_RED, 200));                          // answered 200
        lines.add(combined("61.1.1.1", "20/Aug/2001:10:00:00 +0000", CODE_RED, 400));                          // off schedule
        lines.add(combined("61.1.1.1", "01/Sep/2001:10:00:00 +0000", CODE_RED, 400));                          // the last
        Path log = tmp.resolve("access_log");
        Files.write(log, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        ReportModel m = ReportModel.of(Analyzer.run(new AnalyzeOptions(List.of(log.toString()), Path.of("unused"), null, 1, 1 << 20, null,
                List.of())).snapshot(), VERSION);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 21L, 22L, 23L, 24L), m.evidence().stream().map(e -> e.line()).toList());
        assertEquals(List.of("code-red-truncated", "code-red", "code-red", "code-red"),
                m.evidence().subList(5, 9).stream().map(e -> e.kind()).toList());
        assertEquals(m.evidence().size(), checkEvidence(m, Map.of()));
    }

    @Test
    void everyOffScheduleProbeOfARealSourceIsEvidence() {
        ReportModel m = org.wormsign.testing.Runs.analyze(Corpus.real());
        long attempts = m.hosts().stream().filter(h -> h.source().equals("68.189.124.90")).findFirst().orElseThrow().offSchedule();
        assertEquals(23, attempts);
        assertEquals(attempts, m.evidence().stream().filter(e -> e.source().equals("68.189.124.90")).count());
    }

    @Test
    void offsetsCountTheBytesOfLinesTooLongToReadAndTheLastLineNeedsNoNewline() throws IOException {
        String cr = combined("61.1.1.1", "02/Aug/2001:10:00:00 +0000", CODE_RED, 400);
        byte[] log = ("x".repeat(5000) + "\r\n" + "\n" + cr + "\r\n" + "y".repeat(3000) + "\n"
                + combined("61.1.1.2", "02/Aug/2001:10:01:00 +0000", CODE_RED, 400)).getBytes(StandardCharsets.ISO_8859_1);
        Path file = tmp.resolve("cut_access_log");
        Files.write(file, log);
        AnalyzeOptions o = new AnalyzeOptions(List.of(file.toString()), Path.of("unused"), KnownFormats.byName("apache-combined"), 1, 1000,
                null, List.of());
        ReportModel m = ReportModel.of(Analyzer.run(o).snapshot(), VERSION);
        assertEquals(List.of(3L, 5L), m.evidence().stream().map(e -> e.line()).toList());
        assertEquals(5002 + 1, m.evidence().get(0).offset());
        assertEquals(2, checkEvidence(m, Map.of()));
        assertEquals(2, m.totals().rejected(), "the two long lines, rejected");
        assertEquals(List.of(1L, 4L), m.rejectSamples().stream().map(r -> r.line()).toList());
        assertEquals(List.of(0L, 5002L + 1 + cr.length() + 2), m.rejectSamples().stream().map(r -> r.offset()).toList());
    }

    // ================================================================ the command line, end to end

    @Test
    void theCommandWritesProvenanceAndCheckableEvidence() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = tmp.resolve("report");
        String[] args = {"analyze", "--no-progress", "-o", out.toString(), "sample-logs"};
        var cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        Instant before = Instant.now().minusSeconds(1);
        int status = cl.execute(args);
        assertEquals(0, status, err.toString());

        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(Version.get(), s.get("version").asText());
        assertFalse(s.get("version").asText().isBlank());
        List<String> written = new ArrayList<>();
        s.get("arguments").forEach(a -> written.add(a.asText()));
        assertEquals(List.of(args), written.subList(written.size() - args.length, written.size()), "the arguments as given");
        Instant started = Instant.parse(s.get("started_utc").asText()), finished = Instant.parse(s.get("finished_utc").asText());
        assertFalse(started.isBefore(before));
        assertFalse(started.isAfter(finished));
        for (JsonNode in : s.get("inputs")) {
            Path f = Path.of(in.get("path").asText());
            assertEquals(sha256(Files.readAllBytes(f)), in.get("sha256").asText(), f.toString());
            assertEquals(Files.size(f), in.get("bytes").asLong(), f.toString());
            assertTrue(java.util.Set.of("apache-common", "apache-combined", "nginx-combined", "iis-w3c", "iis-native")
                    .contains(in.get("format").asText()), f + ": " + in.get("format").asText());
        }

        // evidence.csv as written to disk: every row found where it says.
        int rows = 0;
        try (CSVParser p = CSVParser.parse(out.resolve("evidence.csv"), StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            Map<String, byte[]> decoded = new HashMap<>();
            for (CSVRecord r : p) {
                rows++;
                byte[] bytes = decoded.computeIfAbsent(r.get("input"), n -> decode(n, Map.of()));
                int offset = Integer.parseInt(r.get("offset"));
                int lines = 1;
                for (int i = 0; i < offset; i++) if (bytes[i] == '\n') lines++;
                assertEquals(Long.parseLong(r.get("line")), lines, r.get("input") + " offset " + offset);
                assertTrue(offset == 0 || bytes[offset - 1] == '\n', "offset starts a line");
                int end = indexOf(bytes, (byte) '\n', offset);
                if (end < 0) end = bytes.length;
                if (end > offset && bytes[end - 1] == '\r') end--;
                assertEquals(CsvCells.safe(RawText.of(bytes, offset, end)), r.get("raw"));
                // Apache and nginx lines start with the client; W3C and IIS native have it in a later column.
                String line = new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
                assertTrue(line.startsWith(r.get("source_ip") + " ") || line.contains(" " + r.get("source_ip") + " ")
                        || line.startsWith(r.get("source_ip") + ","), line);
            }
        }
        assertTrue(rows > 0);
    }
}
